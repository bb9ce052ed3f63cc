// Expected output produced by node. at, includes, indexOf, lastIndexOf, join, toString, toLocaleString, sort, toSorted (23.1.3).
var log = console.log;
var a = [1, NaN, "1", , undefined, 1, -0];
log(a.at(0), 1 / a.at(-1), a.at(100), a.at(-100), a.at("1"));
log(a.includes(NaN), a.indexOf(NaN), a.includes(undefined), a.indexOf(undefined), a.includes(0), a.indexOf(0));
log(a.indexOf(1), a.indexOf(1, 1), a.indexOf(1, -2), a.lastIndexOf(1), a.lastIndexOf(1, -3), a.lastIndexOf(1, -100), a.lastIndexOf("1", undefined));
log([1, 2, 3].includes(3, -1), [1, 2, 3].includes(1, 1), [1].indexOf(1, Infinity), [1].lastIndexOf(1, -Infinity));
log([1, null, undefined, "x"].join(), [1, 2].join(undefined), [1, 2].join(" - "), [[1, 2], [3]].join(";"), [].join());
log(String([1, [2, 3]]), Array.prototype.toString.call({ join: function () { return "J"; } }), Array.prototype.toString.call({}));
log([1, "a", null, { toLocaleString: function () { return "L"; } }].toLocaleString());
// sort: holes last, undefined before them, stable, default string order.
function show(a) { var s = []; for (var i = 0; i < a.length; i++) s.push(i in a ? String(a[i]) : "_"); return s.join(",") + " (" + a.length + ")"; }
log(show([3, undefined, 1, , 10, 2, , undefined].sort()));
log(show([3, 1, 10, 2].sort(function (x, y) { return x - y; })), show(["b", "a", "B", "ä", "A"].sort()));
var people = [];
for (var i = 0; i < 40; i++) people.push({ n: i, k: i % 3 });
people.sort(function (x, y) { return x.k - y.k; });
log(people.map(function (p) { return p.n; }).join());
log(show([5, 1, 4].sort(function () { return NaN; })), show([2, 1].sort(function (x, y) { return String(x - y); })));
try { [1, 2].sort(1); } catch (e) { log(e.constructor.name); }
try { [2, 1].sort(function () { throw new Error("cmp"); }); } catch (e) { log(e.message); }
var o = { length: 4, 0: "d", 1: "b", 3: "a" };
Array.prototype.sort.call(o);
log(o[0], o[1], 2 in o, 3 in o, o.length);
var ts = [3, , 1];
var sorted = ts.toSorted();
log(show(ts), show(sorted));
log(show([1, 2, 3, 10, 20, 100].toSorted()), show([1, 2, 3, 10].toSorted(function (x, y) { return y - x; })));
var keys = Object.keys(Array.prototype[Symbol.unscopables]).sort();
log(keys.join(), Object.getPrototypeOf(Array.prototype[Symbol.unscopables]));
var d = Object.getOwnPropertyDescriptor(Array.prototype, Symbol.unscopables);
log(d.writable, d.enumerable, d.configurable, Array.prototype[Symbol.iterator] === Array.prototype.values);
