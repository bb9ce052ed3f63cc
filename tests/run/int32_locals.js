// Int32 locals of the full tier (docs/internals.md, "Unboxed numbers"): a
// local or parameter with int32 companions keeps an i32 while its values are
// int32, and every other value (an overflow, -0, NaN, a string, an object)
// clears the flag and takes the generic paths. Each function runs often
// enough to tier up with int32 feedback, then meets the other values.
// Expected output generated with node.

function show(x) {
  if (typeof x === "number" && x === 0) return 1 / x < 0 ? "-0" : "0";
  if (typeof x === "number") return String(x);
  return typeof x + ":" + String(x);
}

// Overflow into doubles mid-loop: i++, + and * past 2^31 - 1, - below -2^31.
function overflow(start, n) {
  var x = start, y = start, z = start, w = -start;
  for (var i = 0; i < n; i++) {
    x++;
    y = y + 1;
    z = z * 2;
    w = w - 1;
  }
  return [x, y, z, w];
}
for (var r = 0; r < 400; r++) overflow(1, 3);
console.log(overflow(2147483646, 3).map(show).join(" "));
console.log(overflow(2 ** 31 - 1, 1).map(show).join(" "));
console.log(overflow(1073741824, 2).map(show).join(" "));
console.log(overflow(1, 3).map(show).join(" "));

// The old and new values of the update operators at the limits.
function updates(a) {
  var x = a, y = a;
  var post = x++;
  var pre = ++y;
  var down = a, d1 = down--, d2 = --down;
  return [post, x, pre, y, d1, d2, down];
}
for (var r = 0; r < 400; r++) updates(r);
console.log(updates(2147483647).map(show).join(" "));
console.log(updates(-2147483648).map(show).join(" "));
console.log(updates(0.5).map(show).join(" "));
console.log(updates("7").map(show).join(" "));
console.log(updates(null).map(show).join(" "));
console.log(updates(undefined).map(show).join(" "));
console.log(updates(10n).map(show).join(" "));

// -0: an int32 product of zero and a negative is a double.
function negativeZero(a, b) {
  var p = a * b;
  var q = 0;
  q = q * b;
  var r = a % b;
  var s = (a - a) * b;
  return [p, q, r, s];
}
for (var r = 0; r < 400; r++) negativeZero(r + 1, r + 2);
console.log(negativeZero(0, -1).map(show).join(" "));
console.log(negativeZero(-6, 3).map(show).join(" "));
console.log(negativeZero(-7, 3).map(show).join(" "));
console.log(negativeZero(7, -3).map(show).join(" "));
console.log(negativeZero(5, 0).map(show).join(" "));

// A local that turns into a string, an object, NaN or a double mid-loop.
function turns(n, at, value) {
  var k = 0, acc = 0;
  for (var i = 0; i < n; i++) {
    if (i === at) k = value;
    acc = (acc + k) | 0;
    k = k + 1;
  }
  return [k, acc];
}
for (var r = 0; r < 400; r++) turns(10, 100, 0);
console.log(turns(6, 3, "s").map(show).join(" "));
console.log(turns(6, 3, { valueOf() { return 40; } }).map(show).join(" "));
console.log(turns(6, 3, NaN).map(show).join(" "));
console.log(turns(6, 3, 0.25).map(show).join(" "));
console.log(turns(6, 3, 2147483647).map(show).join(" "));
console.log(turns(6, 3, -0).map(show).join(" "));

// Comparisons of int32 locals with every other kind of value.
function compare(a, b) {
  var x = a, y = b, out = [];
  out.push(x < y, x <= y, x > y, x >= y, x == y, x === y, x != y, x !== y);
  return out.map((t) => (t ? 1 : 0)).join("");
}
for (var r = 0; r < 400; r++) compare(r, 200);
console.log(compare(1, 2), compare(2, 1), compare(3, 3));
console.log(compare(1, NaN), compare(NaN, NaN), compare(1, "1"), compare(1, 1.5));
console.log(compare(-0, 0), compare(2147483647, 2147483648), compare(1, null));

// Bitwise and remainder results kept as int32, then used as keys.
function bits(n, arr) {
  var h = 0, t = 0;
  for (var i = 0; i < n; i++) {
    h = (h * 31 + i) | 0;
    h ^= h >>> 7;
    t = (t + arr[h & 7] + (i % 5)) % 65521;
  }
  return [h, t, -1 >>> 0, 1 << 31, (1 << 31) >> 31];
}
var small = new Int32Array([1, -2, 3, -4, 5, -6, 7, -8]);
for (var r = 0; r < 400; r++) bits(5, small);
console.log(bits(1000, small).map(show).join(" "));
console.log(bits(10, [0.5, "x", 2, 3, 4, 5, 6, 7]).map(show).join(" "));

// Typed arrays indexed by int32 expressions of int32 locals.
function matmul(a, b, c, n) {
  for (var i = 0; i < n; i++) {
    for (var j = 0; j < n; j++) {
      var s = 0;
      for (var k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
      c[i * n + j] = s;
    }
  }
}
function matrices(n) {
  var a = new Float64Array(n * n), b = new Float64Array(n * n), c = new Float64Array(n * n);
  for (var i = 0; i < n * n; i++) {
    a[i] = (i % 7) * 0.5;
    b[i] = (i % 5) - 2;
  }
  return [a, b, c];
}
var m = matrices(6);
for (var r = 0; r < 400; r++) matmul(m[0], m[1], m[2], 6);
console.log(Array.from(m[2].slice(0, 8)).join(" "));
// The same function with a plain array, a string index and out of bounds.
var plain = Array.from(m[0]);
matmul(plain, m[1], m[2], 6);
console.log(Array.from(m[2].slice(0, 8)).join(" "));
matmul(m[0], m[1], m[2], 7);
console.log(Array.from(m[2].slice(0, 8)).map(show).join(" "));
var strs = "abcdefghijklmnopqrstuvwxyz0123456789";
var out = [];
matmul(strs, strs, out, 2);
console.log(out.map(show).join(" "));

// A loop entered by on-stack replacement: its first call runs long.
function firstCall(n) {
  var i = 0, sum = 0, last = 0;
  for (i = 0; i < n; i++) {
    sum = (sum + i) | 0;
    last = i * 3;
    if (i === n - 2) last = 2147483647;
  }
  var over = last + 1;
  return [i, sum, last, over];
}
console.log(firstCall(500000).map(show).join(" "));
function firstCallTurns(n) {
  var k = 0;
  for (var i = 0; i < n; i++) {
    k = k + 2;
    if (i === n - 3) k = "k";
  }
  return [k, i];
}
console.log(firstCallTurns(400000).map(show).join(" "));

// Closures and generators capturing such locals.
function captures(n) {
  var count = 0;
  var fns = [];
  for (var i = 0; i < n; i++) {
    count++;
    if (i % 3 === 0) fns.push(() => count + i);
  }
  count = count * 2147483647;
  return fns.map((f) => f()).concat([count]);
}
for (var r = 0; r < 400; r++) captures(4);
console.log(captures(7).map(show).join(" "));
function* counter(n) {
  var i = 0, total = 0;
  while (i < n) {
    total = (total + i) | 0;
    yield total;
    i++;
  }
  return i * 2147483647;
}
for (var r = 0; r < 400; r++) for (var v of counter(3));
var g = counter(4), seen = [];
for (var step = g.next(); !step.done; step = g.next()) seen.push(step.value);
console.log(seen.join(" "), show(step.value));

// `arguments` aliasing parameters in a sloppy function.
function aliased(a, b) {
  for (var i = 0; i < 3; i++) {
    a++;
    arguments[1] = arguments[1] * 2;
  }
  arguments[0] = "x" + a;
  return [a, b, arguments[0], arguments[1]];
}
for (var r = 0; r < 400; r++) aliased(r, r);
console.log(aliased(2147483646, 1073741824).map(show).join(" "));
console.log(aliased(1, 2).map(show).join(" "));
function strictArgs(a) {
  "use strict";
  for (var i = 0; i < 3; i++) a++;
  arguments[0] = 100;
  return [a, arguments[0]];
}
for (var r = 0; r < 400; r++) strictArgs(r);
console.log(strictArgs(2147483647).map(show).join(" "));

// Parameters of every type through int32 paths.
function param(n) {
  var t = 0;
  for (var i = 0; i < 3; i++) t = t + n * i;
  return t;
}
for (var r = 0; r < 400; r++) param(r);
console.log([param(5), param(-0), param(1.5), param("2"), param(NaN), param(2147483647)].map(show).join(" "));
