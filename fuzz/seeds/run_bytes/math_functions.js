// Expected output produced with node (f16round checked against test262 instead: node 20 lacks it).
print(Object.prototype.toString.call(Math), Math.hypot(), Math.hypot(3, 4), Math.hypot(1e300, 1e300), Math.hypot(-0), 1 / Math.hypot(-0, -0));
print(Math.hypot(NaN, Infinity), Math.hypot(NaN, 1), Math.hypot(1e-300, 1e-300), Math.clz32(1), Math.clz32(0), Math.clz32(-1));
print(Math.imul(0xffffffff, 5), Math.imul(2, 3), Math.fround(5.5), Math.fround(5.05), Math.sign(-3), 1 / Math.sign(-0));
print(Math.trunc(-4.7), Math.cbrt(-27), Math.log10(1000), Math.log2(8), Math.expm1(0), 1 / Math.log1p(-0), Math.cosh(0), Math.tanh(Infinity));
print(1 / Math.asinh(-0), Math.atanh(1), Math.acosh(1), Math.sinh(0), Math.round(-2.5), Math.round(2.5), 1 / Math.round(-0.2));
var seen = {}, ok = true;
for (var i = 0; i < 1000; i++) { var r = Math.random(); if (!(r >= 0 && r < 1)) ok = false; seen[r] = 1; }
print(ok, Object.keys(seen).length > 990, Math.random.length, Math.hypot.length, Math.max.length);
var order = [];
Math.hypot({valueOf() { order.push(1); return Infinity; }}, {valueOf() { order.push(2); return NaN; }});
print(order.join(","));
