// Expected output produced by node. Callback methods of Array.prototype (23.1.3): every, some, forEach, map, filter, find*, reduce*.
var log = console.log;
var a = [1, 2, , 4];
var seen = [];
a.forEach(function (v, i, o) { seen.push(i + ":" + v + ":" + (o === a) + ":" + this.t); }, { t: "T" });
log(seen.join(" "));
log(a.every(function (v) { return v > 0; }), a.some(function (v) { return v > 3; }), [].every(function () { return false; }), [].some(function () { return true; }));
var m = a.map(function (v) { return v * 2; });
log(m.length, 2 in m, m.join());
log(a.filter(function (v) { return v % 2 === 0; }).join());
log(a.find(function (v) { return v === undefined; }), a.findIndex(function (v) { return v === undefined; }));
log(a.findLast(function (v) { return v < 3; }), a.findLastIndex(function (v) { return v > 10; }));
log(a.reduce(function (x, y) { return x + y; }), a.reduce(function (x, y) { return x + y; }, "s"));
log(a.reduceRight(function (x, y, i) { return x + "," + y + "@" + i; }));
try { [].reduce(function () {}); } catch (e) { log(e.constructor.name); }
try { [, ,].reduceRight(function () {}); } catch (e) { log(e.constructor.name); }
try { [1].map(null); } catch (e) { log(e.constructor.name); }
// Array-likes and elements added during the iteration.
var o = { length: 3, 0: "a", 1: "b", 2: "c" };
log(Array.prototype.map.call(o, function (v) { return v + "!"; }).join());
var grow = [1, 2];
grow.forEach(function (v) { if (grow.length < 5) grow.push(v); });
log(grow.join());
// Species: a constructor set by hand.
var sp = [1, 2, 3];
function Sp(n) { this.made = n; }
sp.constructor = {}; sp.constructor[Symbol.species] = Sp;
var r = sp.map(function (x) { return x; });
log(r instanceof Sp, r.made, r[2]);
var f = sp.filter(function (x) { return x > 1; });
log(f instanceof Sp, f.made, f[0], f[1]);
sp.constructor = { [Symbol.species]: null };
log(Array.isArray(sp.map(function (x) { return x; })));
sp.constructor = 1;
try { sp.map(function (x) { return x; }); } catch (e) { log(e.constructor.name); }
log(["a", "b"].entries().next().value.join(), [...["a", "b"].keys()].join(), [..."ab".split ? ["x", "y"].values() : []].join());
