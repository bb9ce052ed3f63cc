// Number::remainder (6.1.6.1.6): the sign of the dividend, -0, huge and
// fractional operands, through the runtime path (operands that are not
// int32, so the JIT's int32 fast path does not answer). Expected output
// generated with node 20.
const values = [0, -0, 7, -7, 3, -3, 1000, 1.5, -2.5, 1e15 + 3, -1e15 - 3,
  2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1e300, Infinity, -Infinity, NaN, 5e-324];
const out = [];
for (const n of values) {
  for (const d of values) {
    const r = n % d;
    out.push(Object.is(r, -0) ? "-0" : String(r));
  }
}
console.log(out.join(" "));
let t = 1733500000123;
let s = 0;
for (let i = 0; i < 1000; i++) s += (t + i * 86400001) % 1000 + (-t - i) % 7;
console.log(s);
