// Unboxed numbers in the full tier (docs/internals.md "Unboxed numbers"):
// float typed-array elements and arithmetic results that feed an operator
// stay raw doubles; every path where the value is not such a double (another
// receiver, a string, an int32 overflow, a detached or shrunk buffer...)
// must give the same answers as the generic code. Each kernel runs hot
// enough to tier up (and on-stack replace), then meets the odd values.

function dot(a, b, n) {
  var s = 0;
  for (var i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

var fa = new Float64Array(64), fb = new Float64Array(64);
for (var i = 0; i < 64; i++) {
  fa[i] = (i % 7) * 0.5;
  fb[i] = (i % 5) - 2;
}
var total = 0;
for (var r = 0; r < 300; r++) total += dot(fa, fb, 64);
console.log("dot", total);

// The same site on plain arrays, with strings, objects, undefined and holes.
console.log("dense", dot([1.5, 2, 3], [2, 0.5, 4], 3));
console.log("string", dot(["1.5", 2], [2, "x"], 2));
console.log("object", dot([{ valueOf: function () { return 3; } }], [0.25], 1));
console.log("undefined", dot([1.5], [2.5], 3));
console.log("holes", dot([, 2.5], [1, 2], 2));
// A string result mid-expression: + concatenates.
function concat(a, n) {
  var s = 0;
  for (var i = 0; i < n; i++) s = s + a[i] * 2;
  return s;
}
for (var r = 0; r < 300; r++) concat(fa, 8);
console.log("concat", concat(["1", "x", 3], 3), concat(fa, 4));
function mixed(a, n) {
  var s = "";
  for (var i = 0; i < n; i++) s += a[i] * 0.5 + "|";
  return s;
}
for (var r = 0; r < 300; r++) mixed(fa, 4);
console.log("mixed", mixed(fa, 6), mixed([1, null, undefined, "4", true], 5));

// NaN, -0 and infinities through the raw path.
var special = new Float64Array([NaN, -0, Infinity, -Infinity, 0, 1e308, -1e-320, 2.5]);
function scale(a, k) {
  var out = [];
  for (var i = 0; i < a.length; i++) {
    var x = a[i] * k;
    out.push(Object.is(x, -0) ? "-0" : String(x), x === x, x < 1, x | 0);
  }
  return out.join(",");
}
for (var r = 0; r < 300; r++) scale(fa, 1.5);
console.log("special", scale(special, 1));
console.log("special2", scale(special, -1));
console.log("special3", scale(special, 1e10));
function negzero(a) {
  var s = -0;
  for (var i = 0; i < a.length; i++) s = s + a[i];
  return Object.is(s, -0) ? "-0" : String(s);
}
for (var r = 0; r < 300; r++) negzero(fa);
console.log("negzero", negzero(new Float64Array([-0, -0])), negzero(new Float64Array([-0, 0])));

// int32 sites that overflow into doubles, feeding a double site.
function overflow(n) {
  var s = 0;
  for (var i = 0; i < n; i++) {
    var big = (i + 2147483000) * 3;
    s = s + big * 0.5 - (i * 65536) * 65536;
  }
  return s;
}
for (var r = 0; r < 200; r++) overflow(100);
console.log("overflow", overflow(1000), overflow(5));

// Float32Array elements (rounded to binary32) and a Float32Array store.
function f32(a, out) {
  for (var i = 0; i < a.length; i++) out[i] = a[i] * 3 + 0.1;
  return out;
}
var f32a = new Float32Array([0.1, 1.5, -2.25, 1e30, 3e38]);
var f32o = new Float32Array(5);
for (var r = 0; r < 300; r++) f32(f32a, f32o);
console.log("f32", Array.from(f32(f32a, f32o)).join(","));
console.log("f32 to f64", Array.from(f32(f32a, new Float64Array(5))).join(","));
console.log("f32 to int", Array.from(f32(f32a, new Int32Array(5))).join(","));
console.log("f32 to plain", f32(f32a, []).join(","));

// A buffer detached inside the loop: later elements read undefined (NaN).
// (`transfer` detaches; node 20 has only `structuredClone` for it.)
function detach(buffer) {
  if (buffer.transfer) buffer.transfer();
  else structuredClone(buffer, { transfer: [buffer] });
}
function sumDetach(a, at) {
  var s = 0;
  for (var i = 0; i < 16; i++) {
    if (i === at) detach(a.buffer);
    s += a[i] * 1.5;
  }
  return s;
}
for (var r = 0; r < 300; r++) sumDetach(new Float64Array(16).fill(0.5), -1);
console.log("detach", sumDetach(new Float64Array(16).fill(0.5), 4));

// A resizable buffer shrunk inside the loop, fixed-length and
// length-tracking views.
function sumResize(a, rab, at) {
  var s = 0, seen = 0;
  for (var i = 0; i < 16; i++) {
    if (i === at) rab.resize(5 * 8);
    var x = a[i] * 2;
    if (x === x) seen++;
    s += x;
  }
  return s + "/" + seen + "/" + a.length;
}
for (var r = 0; r < 300; r++) {
  var rab = new ArrayBuffer(16 * 8, { maxByteLength: 32 * 8 });
  sumResize(new Float64Array(rab).fill(0.25), rab, -1);
}
var rab1 = new ArrayBuffer(16 * 8, { maxByteLength: 32 * 8 });
console.log("resize tracking", sumResize(new Float64Array(rab1).fill(0.25), rab1, 6));
var rab2 = new ArrayBuffer(16 * 8, { maxByteLength: 32 * 8 });
console.log("resize fixed", sumResize(new Float64Array(rab2, 0, 16).fill(0.25), rab2, 6));
var rab3 = new ArrayBuffer(16 * 8, { maxByteLength: 32 * 8 });
console.log("resize offset", sumResize(new Float64Array(rab3, 8).fill(0.25), rab3, 3));

// A receiver that changes element type midway (Int32Array, then Float64Array).
function sumAny(a) {
  var s = 0;
  for (var i = 0; i < a.length; i++) s += a[i] * 0.5;
  return s;
}
for (var r = 0; r < 300; r++) sumAny(fa);
console.log("types", sumAny(new Int32Array([1, 2, 3])), sumAny(new Uint8Array([255, 1])),
  sumAny(new BigInt64Array(0)), sumAny(new Float32Array([0.5, 0.25])));
try {
  sumAny(new BigInt64Array(2));
} catch (e) {
  console.log("bigint", e instanceof TypeError);
}

// Unboxed values as conditions, call arguments, comparisons and keys.
function uses(a) {
  var out = [];
  for (var i = 0; i < a.length; i++) {
    var p = a[i] * 2;
    out.push((a[i] * 2) || "zero", a[i] ? "t" : "f", String(a[i] - 1), a[i] * 1 === p / 2,
      [10, 20, 30][a[i] * 1], a[i] * 2 > a[i]);
  }
  return out.join(" ");
}
for (var r = 0; r < 300; r++) uses(fa);
console.log("uses", uses(new Float64Array([0, 1, 2, -1, NaN, 0.5])));

// A generator (a coroutine keeps its operands boxed) with the same kernel.
function* gen(a) {
  var s = 0;
  for (var i = 0; i < a.length; i++) {
    s += a[i] * (yield s);
  }
  return s;
}
var g, last;
for (var r = 0; r < 300; r++) {
  g = gen(fa);
  g.next();
  var k = 0, step;
  while (!(step = g.next(k++ * 0.5)).done) last = step.value;
}
console.log("generator", last, step.value);
