// Changing a property between data and accessor keeps the other properties'
// values (their slots move) and keeps the object's inline caches working.
// Expected output from node.
var o = { a: 1, b: 2, c: 3, d: 4 };
function read(x) { return x.a + x.b + x.c + x.d; }
var s = 0;
for (var i = 0; i < 2000; i++) s += read(o);
Object.defineProperty(o, "b", { get: function () { return 20; }, configurable: true, enumerable: true });
s += read(o);
console.log(s, JSON.stringify(o));
Object.defineProperty(o, "b", { value: 200, writable: true, configurable: true, enumerable: true });
for (var i = 0; i < 2000; i++) s += read(o);
console.log(s, JSON.stringify(o), Object.keys(o).join());
Object.defineProperty(o, "d", { get: function () { return 40; }, set: function (v) { this.a = v; }, configurable: true });
o.d = 10;
console.log(read(o), Object.keys(o).join());
Object.defineProperty(o, "a", { get: function () { return -1; }, configurable: true });
console.log(read(o), Object.getOwnPropertyNames(o).join());

// The host's global accessors: redefined by a `var` and an assignment.
var performance = performance || {};
performance.now = function () { return 5; };
console.log(performance.now());
var g = 0;
function useGlobals() { var t = 0; for (var i = 0; i < 1000; i++) t += Math.abs(-1) + g; return t; }
console.log(useGlobals());

// Many properties after the changed one, on an object with overflow slots.
var big = {};
for (var i = 0; i < 20; i++) big["p" + i] = i;
Object.defineProperty(big, "p3", { get: function () { return "g"; }, configurable: true, enumerable: true });
var vals = [];
for (var k in big) vals.push(big[k]);
console.log(vals.join());
Object.defineProperty(big, "p3", { value: 3, writable: true, enumerable: true, configurable: true });
vals = [];
for (var k in big) vals.push(big[k]);
console.log(vals.join());
