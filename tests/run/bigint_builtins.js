// 21.2 BigInt objects.
print(BigInt(0), BigInt(-12), BigInt(1e21), BigInt(true), BigInt(false));
print(BigInt(""), BigInt("  -42  "), BigInt("0x1F"), BigInt("0o17"), BigInt("0b11"));
for (const v of [1.5, NaN, Infinity, "1.5", "1n", "0x", "-0x1", undefined, null, Symbol()]) {
  try { print(String(v), BigInt(v)); } catch (e) { print(String(v), e.constructor.name); }
}
try { new BigInt(1); } catch (e) { print("new", e.constructor.name); }
print(BigInt.length, BigInt.name, typeof BigInt.prototype);
print(BigInt.asIntN(8, 255n), BigInt.asIntN(8, 128n), BigInt.asIntN(8, 127n), BigInt.asIntN(0, 5n));
print(BigInt.asUintN(8, -1n), BigInt.asUintN(64, -1n), BigInt.asUintN(1, 3n), BigInt.asIntN(64, 2n ** 63n));
print((255n).toString(16), (-255n).toString(2), (35n).toString(36), (10n).toString());
try { (1n).toString(37); } catch (e) { print(e.constructor.name); }
print((12n).toLocaleString(), (5n).valueOf() === 5n);
const w = Object(3n);
print(typeof w, w instanceof BigInt, w + 1n, w == 3n, w === 3n, w.valueOf() === 3n);
print(Object.prototype.toString.call(1n), Object.prototype.toString.call(w));
print(BigInt.prototype[Symbol.toStringTag]);
try { BigInt.prototype.valueOf.call(1); } catch (e) { print(e.constructor.name); }
print(Number(2n ** 53n + 1n), Number(-(2n ** 1100n)), Number(12n));
