// Object.groupBy (20.1.2.13) and the rooted lists of Object/Reflect across getters that run the
// collector ($262.gc); expected output written by hand (node 20 has no Object.groupBy).
function fresh(i) { $262.gc(); return { n: i, s: "v" + i + "-" + String(i * 7) }; }
// Reflect.apply / construct: each argument comes from a getter that collects.
var list = { length: 4, get 0() { return fresh(0); }, get 1() { return fresh(1); }, get 2() { return fresh(2); }, get 3() { return fresh(3); } };
console.log(Reflect.apply(function (a, b, c, d) { $262.gc(); return [a.s, b.s, c.s, d.s].join(); }, null, list));
function C(a, b) { $262.gc(); this.r = a.s + b.s; }
console.log(Reflect.construct(C, list).r);
// defineProperties: descriptors read (with fresh values) before any is applied.
var props = {};
for (var i = 0; i < 20; i++) (function (i) { Object.defineProperty(props, "k" + i, { enumerable: true, get: function () { return { value: fresh(i), enumerable: true }; } }); })(i);
var o = Object.create(null, props);
var s = []; for (var i = 0; i < 20; i += 5) s.push(o["k" + i].s); console.log(s.join());
// assign: a getter that deletes the later keys and collects.
var src = { get a() { for (var i = 0; i < 10; i++) delete this["x" + i]; $262.gc(); return fresh(42); } };
for (var i = 0; i < 10; i++) src["x" + i] = i;
var t = Object.assign({}, src); console.log(Object.keys(t).join(), t.a.s);
// fromEntries with fresh keys and values.
var it = {}; it[Symbol.iterator] = function () { var i = 0; return { next: function () { return i < 3 ? { done: false, value: { get 0() { return "key" + String(i) + "x"; }, get 1() { return fresh(i++); } } } : { done: true }; } }; };
var fe = Object.fromEntries(it); console.log(Object.keys(fe).join(), fe.key0x.s, fe.key2x.s);
// groupBy: property keys, the order of first appearance, a null-prototype result.
var g = Object.groupBy([1, 2, 3, 4, 5, 6], function (x, k) { $262.gc(); return x % 3 === 0 ? "three" : x % 2 ? "odd" + "" : "even"; });
console.log(Object.getPrototypeOf(g), Object.keys(g).join(), g.odd.join(), g.even.join(), g.three.join(), Array.isArray(g.odd));
var idx = []; Object.groupBy("abc", function (c, k) { idx.push(k); return c; }); console.log(idx.join());
var gs = Object.groupBy([fresh(1), fresh(2)], function (v) { return v.s + "!"; }); console.log(Object.keys(gs).join(), gs["v1-7!"][0].n);
var sym = Symbol("s"); console.log(Object.groupBy([1], function () { return sym; })[sym][0]);
console.log(Object.keys(Object.groupBy([1, 2], function (x) { return x; })).join());
try { Object.groupBy(null, function () {}); } catch (e) { console.log("null items", e instanceof TypeError); }
try { Object.groupBy([], 1); } catch (e) { console.log("callback", e instanceof TypeError); }
var closed = 0; var inf = {}; inf[Symbol.iterator] = function () { return { next: function () { return { done: false, value: 1 }; }, return: function () { closed++; return {}; } }; };
try { Object.groupBy(inf, function () { throw new RangeError("stop"); }); } catch (e) { console.log("closed", closed, e instanceof RangeError); }
console.log(Object.groupBy.length, Object.groupBy.name);
