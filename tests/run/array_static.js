// Expected output produced by node. Array.from, Array.of, Array.isArray, get Array[@@species] (23.1.2).
var log = console.log;
log(Array.from.length, Array.of.length, Array.isArray.length, Array.from.name);
log(Array.from("héllo").join("|"));
log(Array.from({ length: 3, 0: "a", 2: "c" }).join("|"));
log(Array.from([1, 2, 3], function (v, i) { return v * 10 + i + this.d; }, { d: 0.5 }).join());
var it = { i: 0, next: function () { return this.i < 3 ? { value: this.i++, done: false } : { done: true }; } };
var iterable = {}; iterable[Symbol.iterator] = function () { return it; };
log(Array.from(iterable).join());
// The iterator is closed when the mapper throws.
var closed = 0;
var it2 = { next: function () { return { value: 1, done: false }; }, return: function () { closed++; return {}; } };
var iterable2 = {}; iterable2[Symbol.iterator] = function () { return it2; };
try { Array.from(iterable2, function () { throw new Error("boom"); }); } catch (e) { log(e.message, closed); }
try { Array.from([], 5); } catch (e) { log(e.constructor.name); }
// A constructor as `this`.
function C(n) { this.args = arguments.length; this.n = n; }
var c = Array.from.call(C, { length: 2, 0: "x", 1: "y" });
log(c instanceof C, c.n, c.length, c[0], c[1], Array.isArray(c));
var c2 = Array.of.call(C, 7, 8, 9);
log(c2.n, c2.length, c2[2]);
log(Array.of().length, Array.of(3).length, Array.of(3)[0], Array.of.call(undefined, 1, 2).join());
log(Array.isArray([]), Array.isArray({ length: 0 }), Array.isArray(Array.prototype), Array.isArray());
var desc = Object.getOwnPropertyDescriptor(Array, Symbol.species);
log(typeof desc.get, desc.set, desc.configurable, desc.get.name, Array[Symbol.species] === Array);
log(new Array(3).length, new Array("3").length, Array(1, 2).join());
try { new Array(-1); } catch (e) { log(e.constructor.name); }
try { Array.from({ length: 2 ** 32 }); } catch (e) { log(e.constructor.name); }
