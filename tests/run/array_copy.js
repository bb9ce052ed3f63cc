// Expected output produced by node. Copying methods of Array.prototype (23.1.3): concat, flat, flatMap, slice, toReversed, toSpliced, with.
var log = console.log;
function show(a) { var s = []; for (var i = 0; i < a.length; i++) s.push(i in a ? String(a[i]) : "_"); return s.join(",") + " (" + a.length + ")"; }
log(show([1, 2].concat([3, , 5], 6, [[7]])), show([].concat.call("ab", 1)));
var spreadable = { length: 2, 0: "p", 1: "q" }; spreadable[Symbol.isConcatSpreadable] = true;
var notSpread = [8, 9]; notSpread[Symbol.isConcatSpreadable] = false;
log(show([0].concat(spreadable, notSpread)), [0].concat(notSpread)[1] === notSpread);
log(show([1, [2, [3, [4, [5]]]]].flat()), show([1, [2, [3, [4, [5]]]]].flat(2)), show([1, [2, [3, [4]]]].flat(Infinity)), show([[1], , [2]].flat(0)));
log(show([1, 2, 3].flatMap(function (x) { return [x, [x * 10]]; })), show([1, 2].flatMap(function (x) { return x; })));
var cyc = [1]; cyc.push(cyc);
try { cyc.flat(Infinity); } catch (e) { log(e.constructor.name); }
log(show([1, 2, 3, 4, 5].slice(1, -1)), show([1, , 3].slice()), show([1, 2, 3].slice(-10, 10)), show([1, 2].slice(5)));
log(show(Array.prototype.slice.call({ length: 3, 1: "b" })), show(Array.prototype.slice.call("abc", 1)));
log(show([1, , 3].toReversed()), show([1, 2, 3, 4].toSpliced(1, 2, "x")), show([1, 2, 3].toSpliced(1)), show([1, 2, 3].toSpliced()));
log(show([1, 2, 3].with(-1, "z")), show([, 2].with(1, 5)));
try { [1, 2].with(2, 0); } catch (e) { log(e.constructor.name); }
try { [1, 2].with(-3, 0); } catch (e) { log(e.constructor.name); }
try { Array.prototype.toReversed.call({ length: 2 ** 32 }); } catch (e) { log(e.constructor.name); }
var orig = [3, 1, 2]; var rev = orig.toReversed(); log(orig.join(), rev.join(), Object.getPrototypeOf(rev) === Array.prototype);
// Species for slice/splice/concat.
var sp = [1, 2, 3]; sp.constructor = {};
sp.constructor[Symbol.species] = function (n) { this.n = n; };
var s1 = sp.slice(1); log(Array.isArray(s1), s1.n, s1.length, s1[0]);
var s2 = sp.splice(0, 1); log(Array.isArray(s2), s2.n, s2.length, s2[0], show(sp));
var s3 = sp.concat([9]); log(Array.isArray(s3), s3.length, s3[2]);
