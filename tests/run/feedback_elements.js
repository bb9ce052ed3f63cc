// Expected output generated with node.
// Element sites warmed on one receiver kind, then given others.
function get(a, i) { return a[i]; }
function put(a, i, v) { a[i] = v; }
function sumAll(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; }
const f64 = new Float64Array(64);
for (let i = 0; i < 64; i++) f64[i] = i * 1.5;
let acc = 0;
for (let r = 0; r < 10000; r++) { acc += get(f64, r & 63); put(f64, r & 63, r * 0.25); }
console.log(acc);
const i8 = new Int8Array([1, -2, 3, 127]);
const plain = [1, 2.5, "x", {}];
const holey = [1, , 3];
Array.prototype[1] = "proto";
const proxy = new Proxy([10, 20, 30], { get(t, k) { return k === "1" ? "trapped" : t[k]; } });
const u8c = new Uint8ClampedArray(4);
const big = new BigInt64Array(2);
const str = "hello";
const args = (function () { return arguments; })(5, 6, 7);
for (const a of [i8, plain, holey, proxy, u8c, big, str, args, f64]) {
  const out = [];
  for (const k of [0, 1, 2, -1, 5, "1", 1.5]) out.push(String(get(a, k)));
  console.log(out.join(","));
}
put(i8, 0, 300); put(i8, 1, 1.9); put(i8, 2, "7"); put(i8, 3, -129.5);
console.log(Array.from(i8).join(","));
put(u8c, 0, 300); put(u8c, 1, 1.5); put(u8c, 2, 2.5); put(u8c, 3, -1);
console.log(Array.from(u8c).join(","));
put(plain, 5, 9); put(holey, 1, 2); console.log(plain.length, holey.join(","));
try { put(big, 0, 1); } catch (e) { console.log(e.constructor.name); }
put(big, 1, 5n); console.log(String(big[1]));
put(proxy, 0, 1);
console.log(sumAll(f64), sumAll(new Int32Array(3000).fill(3)), sumAll([1, 2, 3]));
// A loop warmed on Float64Array then given an Int16Array and a plain array.
function kernel(a, n) { let s = 0; for (let i = 0; i < n; i++) { a[i] = a[i] + 1; s += a[i]; } return s; }
console.log(kernel(new Float64Array(5000), 5000));
console.log(kernel(new Int16Array(5000).fill(32767), 5000));
console.log(kernel(Array(5000).fill(0.5), 5000));
const h = [1, 2, 3]; h.length = 10;
console.log(kernel(h, 10));
delete Array.prototype[1];
