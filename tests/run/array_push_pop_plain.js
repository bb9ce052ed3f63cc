// push and pop take a storage fast path on plain arrays; every case where
// the spec's steps can run code or fail must behave as the steps say.
// Expected output produced with node 20.
var a = [1, 2, 3];
console.log(a.push(4, 5), JSON.stringify(a), a.pop(), a.length, JSON.stringify(a));
var h = [1, , 3];
console.log(h.pop(), h.pop(), h.length, 1 in h);
var trailing = new Array(3);
console.log(trailing.push("t"), JSON.stringify(trailing), 0 in trailing);
// An element setter on Array.prototype runs for push; a getter for pop.
Object.defineProperty(Array.prototype, 7, {
  set(v) { console.log("setter", v); },
  get() { return "from prototype"; },
  configurable: true,
});
var b = [0, 1, 2, 3, 4, 5, 6];
console.log(b.push("x"), b.length, Object.keys(b).length);
var g = [0, 1, 2, 3, 4, 5, 6, , ];
console.log(g.length, g.pop(), g.length);
delete Array.prototype[7];
// A read-only length throws and stores nothing past it.
var c = [];
Object.defineProperty(c, "length", { writable: false });
try { c.push(1); } catch (e) { console.log(e.constructor.name, 0 in c); }
try { c.pop(); } catch (e) { console.log(e.constructor.name); }
// Non-extensible and frozen arrays.
var n = Object.preventExtensions([1]);
try { n.push(2); } catch (e) { console.log(e.constructor.name, n.length); }
console.log(n.pop(), n.length);
var f = Object.freeze([1, 2]);
try { f.pop(); } catch (e) { console.log(e.constructor.name, f.length); }
// A non-configurable last element.
var nc = [1, 2];
Object.defineProperty(nc, 1, { configurable: false });
try { nc.pop(); } catch (e) { console.log(e.constructor.name, nc.length); }
// Growth, a sparse array, and array-likes.
var big = [];
for (var i = 0; i < 3000; i++) big.push(i);
console.log(big.length, big[2999], big.pop(), big.length);
var sp = [];
sp[5000] = 1;
console.log(sp.push(2), sp[5001], sp.pop(), sp.pop(), sp.length, sp.pop(), sp.length);
var like = { length: 1, 0: "a" };
console.log(Array.prototype.push.call(like, "b"), like[1], Array.prototype.pop.call(like), like.length);
// A subclass instance is an array too.
class MyArray extends Array {}
var m = new MyArray();
console.log(m.push(1, 2), m.pop(), m.length, m instanceof MyArray);
