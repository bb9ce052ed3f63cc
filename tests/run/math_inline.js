// Math functions that full-tier code runs inline (session 12): each is
// called often enough to tier up, with -0, NaN, infinities, int32 and
// double arguments, missing and extra arguments, and non-Number arguments
// whose valueOf has side effects (they take the generic call, in order).
// Expected output generated with node.
function show(x) {
  return Object.is(x, -0) ? "-0" : String(x);
}
var inputs = [0, -0, 0.5, -0.5, 0.49999999999999994, -0.49999999999999994,
  1.5, -1.5, 2.5, -2.5, 7, -7, 2147483647, -2147483648, 4503599627370495.5,
  -4503599627370495.5, 9007199254740993, 1e300, -1e-300, Infinity, -Infinity,
  NaN, 3.7, -3.7, 16, 2, 0.1];
function unary(x) {
  return [Math.abs(x), Math.ceil(x), Math.floor(x), Math.round(x),
    Math.sign(x), Math.sqrt(x), Math.trunc(x), Math.fround(x),
    Math.clz32(x)].map(show).join(" ");
}
function binary(a, b) {
  return [Math.max(a, b), Math.min(a, b), Math.imul(a, b)].map(show).join(" ");
}
var lines = [];
for (var round = 0; round < 40; round++) {
  for (var i = 0; i < inputs.length; i++) {
    var line = show(inputs[i]) + ": " + unary(inputs[i]);
    if (round === 39) lines.push(line);
  }
}
for (var round = 0; round < 20; round++) {
  for (var i = 0; i < inputs.length; i++) {
    for (var j = 0; j < inputs.length; j += 3) {
      var line = show(inputs[i]) + "," + show(inputs[j]) + ": " + binary(inputs[i], inputs[j]);
      if (round === 19 && i % 4 === 0) lines.push(line);
    }
  }
}
console.log(lines.join("\n"));

// Argument counts.
function counts() {
  return [Math.max(), Math.min(), Math.max(1), Math.min(-0), Math.max(1, 2, 3, 0.5),
    Math.min(4, -0, 0, 1), Math.max(1, NaN, 3), Math.min(NaN, 1),
    Math.sqrt(), Math.abs(), Math.round(), Math.sign(), Math.clz32(), Math.imul(3),
    Math.imul(), Math.sqrt(16, {valueOf() { throw "never converted"; }}),
    Math.max(0, -0), Math.max(-0, 0), Math.min(0, -0), Math.min(-0, 0),
    Math.imul(0xffffffff, 5), Math.imul(65536, 65536), Math.clz32(-1), Math.clz32(0)].map(show).join(" ");
}
var out;
for (var k = 0; k < 50; k++) out = counts();
console.log(out);

// ToNumber of objects runs in order, with its side effects, and may throw.
var log = [];
function obj(name, v) {
  return { valueOf() { log.push(name); return v; } };
}
function sideEffects() {
  log = [];
  var r = [Math.max(1, obj("a", 5), obj("b", 2)), Math.sqrt(obj("c", 9)),
    Math.min(obj("d", NaN), obj("e", 1)), Math.floor("2.5"), Math.abs(true),
    Math.sign(null), Math.round(undefined), Math.imul(obj("f", 3), obj("g", 4)),
    Math.max(1, "7"), Math.clz32(1.5)];
  return r.map(show).join(" ") + " | " + log.join("");
}
for (var k = 0; k < 50; k++) out = sideEffects();
console.log(out);
function throws() {
  try {
    Math.max(obj("x", 1), { valueOf() { throw new Error("boom"); } }, obj("y", 2));
  } catch (e) {
    return e.message + " " + log.join("");
  }
}
for (var k = 0; k < 50; k++) { log = []; out = throws(); }
console.log(out);

// A reassigned Math.sqrt, a shadowing Math, an object with methods of the
// same names: the generic call.
function reassigned(x) {
  return Math.sqrt(x);
}
var sum = 0;
for (var k = 0; k < 100; k++) sum += reassigned(k);
console.log(sum);
var original = Math.sqrt;
Math.sqrt = function (x) { return "sqrt(" + x + ")"; };
console.log(reassigned(4));
Math.sqrt = original;
console.log(reassigned(4));
function shadowed(x) {
  var Math = { floor(v) { return "floor " + v; }, max() { return arguments.length; } };
  return Math.floor(x) + " " + Math.max(1, 2, 3);
}
for (var k = 0; k < 50; k++) out = shadowed(2.5);
console.log(out);
var fake = { abs(x) { return this === fake ? "fake " + x : "wrong this"; } };
function viaObject(o, x) { return o.abs(x); }
for (var k = 0; k < 50; k++) out = viaObject(k % 2 ? Math : fake, -3);
console.log(out, viaObject(Math, -3));
// Another function of the same realm under a Math name, and Math.sqrt
// stored under another name.
var M = { sqrt: Math.cbrt, max: Math.sqrt };
function renamed() { return M.sqrt(27) + " " + M.max(16, 100); }
for (var k = 0; k < 50; k++) out = renamed();
console.log(out);
