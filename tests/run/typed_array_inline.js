// Typed-array element access compiled inline (every function below has a
// loop, so it runs in the JIT's full tier): every element type, the
// conversions of stores (wrapping, clamping, rounding), invalid indices,
// resizable buffers shrinking and growing under a hot loop, a detach
// during a loop, and `length` reads. Expected output generated with node.
"use strict";

const types = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array, Float32Array, Float64Array];
const values = [0, -0, 1, -1, 127, 128, 255, 256, -129, 32767, 32768, 65535, 65536,
  2147483647, -2147483648, 4294967295, 4294967296, 0.5, 1.5, 2.5, -0.5, -1.5,
  254.5, 255.5, 1e10, -1e10, 2 ** 53, 2 ** 63, -(2 ** 63), 2 ** 64, 1.1, 3.14159,
  NaN, Infinity, -Infinity, 1e-40, 3.4028235677973366e38, 1e39];

function fill(ta, vs) {
  for (let i = 0; i < vs.length; i++) ta[i] = vs[i];
}
function read(ta, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(Object.is(ta[i], -0) ? "-0" : String(ta[i]));
  return out.join(",");
}
for (const T of types) {
  const ta = new T(values.length);
  for (let r = 0; r < 3; r++) fill(ta, values);
  console.log(T.name, read(ta, values.length));
}

// Invalid indices: undefined on read, ignored on write.
function edges(ta) {
  const out = [];
  for (let k = 0; k < 2; k++) {
    ta[-1] = 9; ta[ta.length] = 9; ta[2147483647] = 9;
    out.push(ta[-1], ta[ta.length], ta[2147483647], ta[-2147483648]);
  }
  return out.join(",");
}
console.log(edges(new Uint8Array(4)), edges(new Float64Array(2)));

// Non-number values go through ToNumber (and valueOf runs once per store).
let calls = 0;
function mixed(ta) {
  for (let i = 0; i < ta.length; i++) ta[i] = i % 2 ? "7" : { valueOf() { calls++; return 3.75; } };
  return Array.from(ta).join(",");
}
console.log(mixed(new Int16Array(6)), mixed(new Float32Array(4)), calls);

// A length-tracking view and a fixed-length view of a resizable buffer,
// read and written while the buffer shrinks and grows inside the loop.
function resizing(rab, tracking, fixed) {
  const log = [];
  for (let i = 0; i < 12; i++) {
    if (i === 4) rab.resize(6);
    if (i === 8) rab.resize(16);
    tracking[i % 8] = i + 100;
    fixed[i % 4] = i + 200;
    log.push(tracking.length + ":" + fixed.length + ":" + tracking[i % 8] + ":" + fixed[i % 4]);
  }
  return log.join(" ");
}
{
  const rab = new ArrayBuffer(16, { maxByteLength: 32 });
  console.log(resizing(rab, new Uint16Array(rab), new Uint16Array(rab, 0, 4)));
  const rab2 = new ArrayBuffer(16, { maxByteLength: 32 });
  console.log(resizing(rab2, new Uint8Array(rab2, 4), new Uint8Array(rab2, 4, 4)));
}
// A view with a byte offset whose buffer shrinks below the offset.
function offsetView() {
  const rab = new ArrayBuffer(8, { maxByteLength: 8 });
  const ta = new Int8Array(rab, 4);
  const out = [];
  for (let i = 0; i < 6; i++) {
    if (i === 2) rab.resize(3);
    if (i === 4) rab.resize(8);
    ta[0] = -i;
    out.push(ta.length, ta[0]);
  }
  return out.join(",");
}
console.log(offsetView());

// Detach during a loop (ArrayBuffer.prototype.transfer, or structuredClone
// with a transfer list where transfer is missing, as in node 20).
function detach(buf) {
  if (buf.transfer) buf.transfer();
  else structuredClone(buf, { transfer: [buf] });
}
function detaching() {
  const buf = new ArrayBuffer(8);
  const ta = new Float64Array(buf);
  const out = [];
  for (let i = 0; i < 4; i++) {
    if (i === 2) detach(buf);
    ta[0] = i + 0.5;
    out.push(ta.length, ta[0], ta[1]);
  }
  return out.join(",");
}
console.log(detaching());

// length: the original getter, then an own property, a replaced getter.
function lengths(ta) {
  let s = 0;
  for (let i = 0; i < 3; i++) s += ta.length;
  return s;
}
// (Printed at the end: node's own console writes use typed arrays.)
const results = [];
const la = new Int32Array(5);
results.push(lengths(la), lengths(new Uint8Array(0)));
Object.defineProperty(la, "length", { value: 100 });
results.push(lengths(la), lengths(new Int32Array(5)));
const proto = Object.getPrototypeOf(Int8Array.prototype);
const original = Object.getOwnPropertyDescriptor(proto, "length");
Object.defineProperty(Int8Array.prototype, "length", { get() { return 42; }, configurable: true });
results.push(lengths(new Int8Array(3)), lengths(new Uint8Array(3)));
delete Int8Array.prototype.length;
Object.defineProperty(proto, "length", { get() { return -1; }, configurable: true });
results.push(lengths(new Int8Array(3)), lengths(new Uint8Array(3)));
Object.defineProperty(proto, "length", original);
results.push(lengths(new Int8Array(3)), lengths(new Float64Array(7)));
console.log(results.join(" "));

// Unaligned-looking offsets and subarrays share the buffer.
function sums(ta) {
  let s = 0;
  for (let i = 0; i < ta.length; i++) s += ta[i];
  return s;
}
{
  const f = new Float64Array(16);
  for (let i = 0; i < 16; i++) f[i] = i * 1.25;
  const sub = f.subarray(3, 11);
  console.log(sums(f), sums(sub), sums(new Uint8Array(f.buffer, 5, 7)), sums(new Int16Array(f.buffer, 2, 5)));
}
