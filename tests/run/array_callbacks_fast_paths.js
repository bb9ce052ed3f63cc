// map/filter/reduce/forEach keep the spec's behaviour beside their fast
// paths: callbacks that mutate the array, holes, species, proxies, a
// frozen or non-extensible result.
var a = [1, 2, 3, 4];
console.log(a.map(function (x, i, arr) { if (i === 0) { arr.pop(); arr[5] = 9; } return x * 10; }));
console.log([1, , 3].map(function (x) { return x; }).length, 1 in [1, , 3].map(function (x) { return x; }));
var b = [1, 2, 3];
console.log(b.filter(function (x, i, arr) { if (i === 0) arr.push(4); return true; }));
var c = [0, 1, 2];
console.log(c.filter(function (x, i, arr) { delete arr[2]; return true; }));
console.log([1, 2, 3].reduce(function (acc, x, i, arr) { if (i === 1) arr.length = 2; return acc + x; }));
console.log([, , 5, , 7].reduce(function (acc, x) { return acc + x; }));
function Sub() { return Object.freeze([]); }
var s = [1, 2];
s.constructor = { [Symbol.species]: Sub };
try { s.map(function (x) { return x; }); } catch (e) { console.log(e.constructor.name); }
var t = [1, 2];
t.constructor = { [Symbol.species]: function () { return Object.preventExtensions([]); } };
try { t.filter(function () { return true; }); } catch (e) { console.log(e.constructor.name); }
var u = [1, 2];
u.constructor = { [Symbol.species]: function (n) { var o = {}; o.n = n; return o; } };
console.log(JSON.stringify(u.map(function (x) { return x + 1; })));
var ro = [1, 2, 3];
ro.constructor = { [Symbol.species]: function () { var r = []; Object.defineProperty(r, "length", { writable: false }); return r; } };
try { ro.map(function (x) { return x; }); } catch (e) { console.log(e.constructor.name); }
var seen = [];
var p = new Proxy([10, 20], { get: function (t, k, r) { seen.push(String(k)); return Reflect.get(t, k, r); } });
console.log(Array.prototype.map.call(p, function (x) { return x + 1; }), seen.join());
var calls = 0;
[1, 2, 3].forEach(function () { calls++; });
console.log(calls, [5, 6].map(function (x, i) { return i; }));
var big = [];
for (var i = 0; i < 3000; i++) big.push(i);
console.log(big.map(function (x) { return x * 2; }).filter(function (x) { return x % 3 === 0; }).reduce(function (a, x) { return a + x; }, 0));
