// Expected output produced by node. In-place methods of Array.prototype (23.1.3): copyWithin, fill, pop, push, reverse, shift, unshift, splice.
var log = console.log;
function show(a) { var s = []; for (var i = 0; i < a.length; i++) s.push(i in a ? String(a[i]) : "_"); return s.join(",") + " (" + a.length + ")"; }
log(show([1, 2, 3, 4, 5].copyWithin(0, 3)), show([1, 2, 3, 4, 5].copyWithin(1, 0, 3)), show([1, , 3].copyWithin(0, 1)));
log(show([1, 2, 3].fill(9)), show([1, 2, 3].fill(9, -2, -1)), show(new Array(3).fill(0)));
var a = [1, 2, 3];
log(a.pop(), show(a), a.push(4, 5), show(a), [].pop());
log(show([1, , 3, , ].reverse()), show([1, 2, 3, 4].reverse()));
var b = [1, , 3];
log(b.shift(), show(b), b.unshift(7, 8), show(b));
var c = [1, 2, 3, 4, 5];
log(show(c.splice(1, 2)), show(c));
log(show(c.splice(1, 0, "a", "b")), show(c));
log(show(c.splice(-2)), show(c), show(c.splice()), show(c));
// Generic objects.
var o = { length: 2, 0: "x", 1: "y" };
Array.prototype.push.call(o, "z");
log(o.length, o[2]);
Array.prototype.reverse.call(o);
log(o[0], o[1], o[2]);
log(Array.prototype.pop.call({}), Array.prototype.shift.call({ length: 0 }));
var big = { length: 2 ** 53 - 1 };
try { Array.prototype.push.call(big, 1); } catch (e) { log(e.constructor.name); }
try { Array.prototype.unshift.call(big, 1); } catch (e) { log(e.constructor.name); }
log(Array.prototype.unshift.call(big), big.length === 2 ** 53 - 1);
// Read-only length and frozen arrays throw.
var fr = Object.freeze([1, 2]);
try { fr.push(3); } catch (e) { log(e.constructor.name); }
try { fr.pop(); } catch (e) { log(e.constructor.name); }
try { fr.fill(0); } catch (e) { log(e.constructor.name); }
var ro = [1, 2, 3]; Object.defineProperty(ro, "length", { writable: false });
try { ro.shift(); } catch (e) { log(e.constructor.name, show(ro)); }
