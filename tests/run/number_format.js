// Expected output produced with node.
print((1.005).toFixed(2), (1e21).toFixed(2), (-1e-10).toFixed(2), (0.5).toFixed(0), (1.5).toFixed(0), (2.5).toFixed(0));
print((123.456).toFixed(10), (0).toFixed(2), (-0).toFixed(2), (1.45).toFixed(1), (1e-7).toFixed(20), (0.1).toFixed(25));
print((123456).toExponential(2), (0.00015).toExponential(), (0).toExponential(2), (-1.5e-300).toExponential(3), (1).toExponential());
print((123.456).toPrecision(4), (0.000001234).toPrecision(2), (0.0000001234).toPrecision(2), (123456).toPrecision(2), (0).toPrecision(3));
print((1e21).toPrecision(3), (5e-324).toPrecision(5), Number.MAX_VALUE.toPrecision(100).length, (25).toPrecision(1), (35).toPrecision(1));
print((255.5).toString(16), (-255).toString(2), (0.1).toString(3), (1e21).toString(36), (2 ** 60 + 1).toString(7), (0.5).toString(36));
print(Math.PI.toString(2), (-0).toString(2), NaN.toString(16), (-Infinity).toString(8), (1e-7).toString(5), (123.456).toString(36));
print(NaN.toFixed(2), Infinity.toExponential(1000), (-Infinity).toPrecision(1000), (12).toLocaleString(), (1.5).toString(10));
for (var f of [() => (1).toFixed(101), () => (1).toExponential(-1), () => (1).toPrecision(0), () => (1).toString(1), () => (1).toString(37)]) {
  try { f(); print("no error"); } catch (e) { print(e instanceof RangeError); }
}
print(Number.isFinite(1), Number.isFinite("1"), Number.isInteger(5.0), Number.isInteger(5.5), Number.isNaN(NaN), Number.isNaN("x"));
print(Number.isSafeInteger(2 ** 53 - 1), Number.isSafeInteger(2 ** 53), Number.isInteger(Infinity));
print(Number.parseFloat === parseFloat, Number.parseInt === parseInt, parseInt.length, parseFloat.length, Number.prototype.toFixed.length);
print(parseInt("  0x1F"), parseInt("-0"), 1 / parseInt("-0"), parseInt("123abc", 10), parseInt("z", 36), parseInt("11", 2), parseInt("12", 1), parseInt(""), parseInt("0x"));
print(parseInt("111111111111111111111111111111"), parseInt("ffffffffffffffffffff", 16), parseInt("10", 37), parseInt("08"), parseInt("\u00a0 42"), parseInt("-ff", 16));
print(parseFloat("3.14abc"), parseFloat("  -.5e3x"), parseFloat("Infinityx"), parseFloat("-Infinity"), parseFloat("1e"), parseFloat("1.e2"), parseFloat("."), parseFloat("e5"), 1 / parseFloat("-0"));
print(parseFloat("0x10"), parseFloat("1_000"), parseFloat("\u2028 7"), parseFloat("1e+"), parseFloat("+.1"), parseFloat("123456789012345678901234567890"));
