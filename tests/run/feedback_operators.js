// Expected output generated with node.
// Operator sites warmed with int32s, then given other kinds after tier-up.
function add(a, b) { return a + b; }
function sub(a, b) { return a - b; }
function mul(a, b) { return a * b; }
function div(a, b) { return a / b; }
function rem(a, b) { return a % b; }
function lt(a, b) { return a < b; }
function le(a, b) { return a <= b; }
function eq(a, b) { return a == b; }
function seq(a, b) { return a === b; }
function band(a, b) { return a & b; }
function shr(a, b) { return a >>> b; }
let acc = 0;
for (let i = 0; i < 10000; i++) {
  acc = (acc + add(i, 1) + sub(i, 2) + mul(i & 7, 3) + rem(i, 7) + (lt(i, 5000) ? 1 : 0)
    + (le(i, 3) ? 1 : 0) + (eq(i, 4) ? 1 : 0) + (seq(i, 9) ? 1 : 0) + band(i, 255) + shr(i, 1)) | 0;
  acc = (acc + div(i, 4)) | 0;
}
console.log(acc);
const vo = { valueOf() { return 7; } };
const kinds = [1, 2.5, -0, NaN, Infinity, "s", "3", 10n, vo, null, undefined, true, {}, [2], 2147483647, -2147483648];
function show(x) { return Object.is(x, -0) ? "-0" : typeof x === "bigint" ? x + "n" : String(x); }
for (const f of [add, sub, mul, div, rem, lt, le, eq, seq, band, shr]) {
  const out = [];
  for (const x of kinds) for (const y of kinds) {
    try { out.push(show(f(x, y))); } catch (e) { out.push(e.constructor.name); }
  }
  console.log(f.name, out.join(","));
}
// A loop whose sites ran int32 before the on-stack replacement, then doubles.
let s = 0, t = 0;
for (let i = 0; i < 20000; i++) {
  const x = i < 15000 ? i : i + 0.5;
  s = s + x * 2;
  t = t - (x < 17000.25 ? 1 : -1);
  if (i === 19999) s = s + "!";
}
console.log(s, t);
let m = 2147483600;
for (let i = 0; i < 3000; i++) { m = m + 1; }
console.log(m, -m * 0, 0 * -1, -1 * 0);
let z = 0;
for (let i = 0; i < 3000; i++) { z = (i % 3) * -1 * (i % 2); }
console.log(Object.is(z, -0), z);
let big = 1n;
for (let i = 0; i < 3000; i++) { big = i < 2500 ? 1n : big * 2n + 1n; }
console.log(String(big).length);
// Bitwise sites warmed with doubles (ToInt32 inline), then edge values.
function trunc(x) { return x | 0; }
function ushr(x, y) { return x >>> y; }
function shl(x, y) { return x << y; }
let tacc = 0;
for (let i = 0; i < 10000; i++) tacc = (tacc + trunc(i * 0.75) + ushr(-i * 0.5, 1) + shl(i + 0.25, 3)) | 0;
console.log(tacc);
const edges = [0.5, -0.5, 3.7, -3.7, 2147483647.9, 2147483648, -2147483648.5, -2147483649, 4294967296.5,
  1e10, -1e10, NaN, Infinity, -Infinity, -0, 1, "12", 3n, vo];
for (const f of [trunc, ushr, shl]) {
  const out = [];
  for (const x of edges) {
    try { out.push(show(f(x, 33.9))); } catch (e) { out.push(e.constructor.name); }
  }
  console.log(f.name, out.join(","));
}
