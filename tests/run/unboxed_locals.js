// Unboxed `var` accumulators in the full tier (docs/internals.md "Unboxed
// numbers"): a local that is the target of `+=`, `-=`, `*=` or `/=` keeps a
// raw double across iterations; every other use of it must see the same
// value as the generic code, whatever it becomes.

function acc(a, n) {
  var s = 0, p = 1, q = 1e6;
  for (var i = 0; i < n; i++) {
    s += a[i] * 0.5;
    p *= 1.0001;
    q /= 1.5;
    s -= 0.125;
  }
  return [s, p.toFixed(6), q];
}
var fa = new Float64Array(100);
for (var i = 0; i < 100; i++) fa[i] = i * 0.75;
for (var r = 0; r < 300; r++) acc(fa, 100);
console.log("acc", acc(fa, 100).join(" "));

// The accumulator becomes a string, an object, NaN, -0, a BigInt error.
function morph(a, n, at, v) {
  var s = 0, log = [];
  for (var i = 0; i < n; i++) {
    if (i === at) s = v;
    s += a[i];
    log.push(typeof s);
  }
  return [String(s), Object.is(s, -0), log.join(",")].join(" ");
}
for (var r = 0; r < 300; r++) morph(fa, 10, -1, 0);
console.log("string", morph(fa, 6, 3, "x"));
console.log("object", morph(fa, 6, 2, { valueOf: function () { return 0.5; } }));
console.log("array", morph(fa, 4, 1, [7]));
console.log("nan", morph(fa, 4, 1, NaN));
console.log("negzero", morph(new Float64Array([0, -0, -0]), 3, 0, -0));
console.log("undefined", morph(fa, 3, 0, undefined));
try {
  morph(fa, 3, 1, 5n);
} catch (e) {
  console.log("bigint", e instanceof TypeError);
}

// int32 accumulators overflowing into doubles and back.
function ints(n) {
  var s = 0, t = 2147483600;
  for (var i = 0; i < n; i++) {
    s += i;
    t += 7;
    t -= 3.5;
    t *= 1;
  }
  return [s, t, s | 0, t | 0].join(" ");
}
for (var r = 0; r < 200; r++) ints(100);
console.log("ints", ints(100), ints(30));

// Read in every way while raw: typeof, comparisons, calls, ++, keys,
// template literals, exceptions unwinding through the loop.
function reads(a) {
  var s = 0.5, out = [];
  for (var i = 0; i < a.length; i++) {
    s += a[i];
    out.push(typeof s, s > 10, String(s), `${s}`, [s][0], Math.floor(s));
    if (s > 40) {
      s++;
      out.push(s);
    }
  }
  return out.join(",");
}
for (var r = 0; r < 300; r++) reads(fa.subarray(0, 5));
console.log("reads", reads(new Float64Array([1.5, 20, 30.25, -100, NaN])));
function thrower(a) {
  var s = 0;
  try {
    for (var i = 0; i < a.length; i++) {
      s += a[i] * 2;
      if (s > 100) throw new Error("big");
    }
  } catch (e) {
    return "caught " + s;
  } finally {
    s += 0.5;
  }
  return "done " + s;
}
for (var r = 0; r < 300; r++) thrower(fa.subarray(0, 5));
console.log("throw", thrower(fa), thrower(fa.subarray(0, 4)));

// One long call: the quick code's loop is replaced on the stack while the
// accumulator is live, and later loops of the same call reuse it.
function long(a) {
  var s = 0;
  for (var r = 0; r < 300; r++) for (var i = 0; i < a.length; i++) s += a[i] / 3;
  var t = s;
  for (var k = 0; k < 10; k++) s -= t / 10;
  return [Math.round(t), Math.abs(s) < 1e-6];
}
console.log("long", long(fa).join(" "));

// Captured accumulators stay in memory (no companions): same answers.
function captured(a) {
  var s = 0;
  var get = function () { return s; };
  for (var i = 0; i < a.length; i++) s += a[i];
  return get();
}
for (var r = 0; r < 300; r++) captured(fa);
console.log("captured", captured(fa));
