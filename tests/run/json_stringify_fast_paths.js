// JSON.stringify's fast paths (shape reads, the toJSON absence cache, the
// member-name cache, the cycle check past 64 levels) keep the spec's order
// of Get calls and see changes made while it runs.
var o = { a: 1, get b() { delete this.c; return 2; }, c: 3, d: 4 };
console.log(JSON.stringify(o));
var o2 = { a: 1, get b() { this.z = 9; this.a = 5; return 2; }, c: 3 };
console.log(JSON.stringify(o2), JSON.stringify(o2));
var items = [{ x: 1 }, { x: 2 }, { x: 3 }];
items[1].x = { toJSON: function () { Object.prototype.toJSON = function () { return "P"; }; return "T"; } };
console.log(JSON.stringify(items));
delete Object.prototype.toJSON;
function P() { this.v = 1; }
var list = [new P(), new P(), new P()];
console.log(JSON.stringify(list, function (k, v) { if (k === "1") P.prototype.toJSON = function () { return "late"; }; return v; }));
var keys = {};
for (var i = 0; i < 100; i++) keys["k" + i] = i;
var many = [keys, keys, { k5: "\u00e9\"", k99: "\u2603" }];
console.log(JSON.stringify(many).length, JSON.stringify(many).slice(-40));
console.log(JSON.stringify({ "\u2603": 1, "q\"": 2, "\n": 3 }), JSON.stringify([{ "\u2603": [1] }, { "\u2603": [2] }]));
var deep = {}, cur = deep;
for (var d = 0; d < 100; d++) { cur.n = {}; cur = cur.n; }
console.log(JSON.stringify(deep).length);
cur.n = deep.n.n;
try { JSON.stringify(deep); } catch (e) { console.log(e.constructor.name); }
var arr = [], ac = arr;
for (var d = 0; d < 80; d++) { var next = []; ac.push(next, d); ac = next; }
console.log(JSON.stringify(arr).length);
ac.push(arr[0]);
try { JSON.stringify(arr); } catch (e) { console.log(e.constructor.name); }
console.log(JSON.stringify({ a: [1, { b: 2 }], c: "x" }, null, 2));
console.log(JSON.stringify({ s: Symbol("x"), f: function () {}, u: undefined, n: null, [Symbol("k")]: 1 }));
var dict = { a: 1, b: 2, c: 3 };
delete dict.b;
dict.d = 4;
console.log(JSON.stringify(dict), JSON.stringify(Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } })));
