// 6.1.6.2.9-20: shifts and two's complement bitwise operators.
print(1n << 100n, 1n << -1n, -1n >> 1000n, -9n >> 1n, 9n >> 1n, -9n << -1n);
print(5n & 3n, 5n | 3n, 5n ^ 3n, -5n & 0xffn, -5n | 2n, -6n ^ 3n, ~0n, ~-1n, ~5n);
print((2n ** 70n - 1n) & -(2n ** 64n));
try { 1n >>> 0n; } catch (e) { print(e.constructor.name); }
try { 1n << (2n ** 40n); } catch (e) { print(e.constructor.name); }
let m = 0xf0n; m &= 0x3cn; m |= 1n; m ^= 0xffn; m <<= 4n; m >>= 2n;
print(m);
