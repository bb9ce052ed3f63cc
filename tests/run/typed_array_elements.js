// Element reads and writes of every Number typed array through `ta[i]` (the
// JIT's typed-array element path): conversions, wrapping, clamping, rounding,
// out-of-range indices. Expected output produced with node 20.
const types = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array];
const vals = [0, -1, 1.5, 2.5, -2.5, 255, 256, -129, 65535, 65536, 2**31, -(2**31), 2**32+3, NaN, Infinity, -Infinity, -0, 1e-40, 3.4e39, 0.1];
for (const T of types) {
  const a = new T(vals.length + 1);
  for (let i = 0; i < vals.length; i++) a[i] = vals[i];
  const out = [];
  for (let i = 0; i <= vals.length + 1; i++) out.push(Object.is(a[i], -0) ? "-0" : String(a[i]));
  console.log(T.name, out.join(","));
}
