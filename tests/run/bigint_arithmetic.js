// 6.1.6.2 BigInt::add ... BigInt::exponentiate.
print(2n ** 64n + 1n, 2n ** 64n - 1n, -(2n ** 64n));
print(123456789n * 987654321n * 1000000007n);
// Division truncates toward zero; the remainder has the dividend's sign.
print(7n / 2n, -7n / 2n, 7n / -2n, 7n % 3n, -7n % 3n, 7n % -3n);
print((-2n) ** 3n, 0n ** 0n, (-1n) ** 1000001n, 1n ** 100000000000n);
for (const [f, name] of [
  [() => 1n / 0n, "1n / 0n"],
  [() => 1n % 0n, "1n % 0n"],
  [() => 2n ** -1n, "2n ** -1n"],
  [() => 2n ** 100000000000n, "2n ** 1e11"],
]) {
  try { f(); print(name, "no error"); } catch (e) { print(name, e.constructor.name); }
}
// Compound assignment and update expressions keep BigInts.
let x = 10n;
x += 5n; x *= 2n; x -= 1n; x **= 2n; x /= 7n; x %= 100n;
print(x, typeof x);
let i = 0n;
print(i++, i, ++i, i--, --i, typeof i);
const obj = { n: 9n };
obj.n++; ++obj["n"];
print(obj.n);
// Numbers keep their fast paths next to BigInt code.
let s = 0;
for (let k = 0; k < 1000; k++) s += k;
print(s);
