// ArrayBuffer, typed arrays, DataView and Atomics (25.1-25.4, 23.2).
// Expected output produced with node: `node typed_arrays.js > typed_arrays.expected`.
const log = (...a) => console.log(...a.map(String));

// Resizable buffers and length-tracking views.
const rab = new ArrayBuffer(8, { maxByteLength: 16 });
const u8 = new Uint8Array(rab);
const fixed = new Uint16Array(rab, 2, 2);
log(rab.byteLength, rab.maxByteLength, rab.resizable, u8.length, fixed.length);
rab.resize(16);
log(u8.length, fixed.length);
rab.resize(4);
log(u8.length, fixed.length, fixed.byteOffset, fixed.byteLength);
rab.resize(8);

// Element conversions.
u8.set([257, -1, 3.7, 255]);
log(Array.from(u8).join());
const c = new Uint8ClampedArray([1.5, 2.5, 300, -4, NaN]);
log(c.join());
const i16 = new Int16Array([40000, -40000, 1.9]);
log(i16.join());
const f32 = new Float32Array([0.1, 1e40, -0]);
log(f32[0], f32[1], Object.is(f32[2], -0));
const big = new BigInt64Array([-1n, 2n ** 63n]);
log(big[0], big[1], new BigUint64Array(big.buffer)[0]);

// Integer-indexed exotic behaviour.
const ta = new Int32Array(3);
ta["1"] = 5;
ta[5] = 9;
ta["-0"] = 7;
ta["1.5"] = 7;
ta.foo = "bar";
log(Object.keys(ta).join(), ta[5], "5" in ta, "-0" in ta, "1.5" in ta, ta.foo);
log(JSON.stringify(Object.getOwnPropertyDescriptor(ta, "1")));
log(Reflect.defineProperty(ta, "0", { value: 1, writable: false }), delete ta[0], delete ta[3]);

// Methods.
const a = Float64Array.from([5, 1, NaN, -0, 0, 3]);
log(a.toSorted().join(), a.toReversed().join(), a.with(0, 9).join());
log(a.indexOf(3), a.includes(NaN), a.lastIndexOf(0), a.at(-1));
log(a.map((x) => x * 2).join(), a.filter((x) => x > 1).join());
log(a.slice(1, 3).join(), a.subarray(2).length, a.subarray(2).byteOffset);
log(new Int8Array([3, 1, 2]).sort((x, y) => y - x).join());
log(a.reduce((s, x) => (x === x ? s + x : s), 0), a.findLast((x) => x > 2), a.findIndex((x) => x !== x));
const ov = new Uint8Array([1, 2, 3, 4, 5, 6]);
ov.set(ov.subarray(0, 4), 2);
log(ov.join(), ov.copyWithin(0, 3).join(), ov.fill(0, 4).join());
log([...new Int8Array([7, 8]).entries()].join("|"), [...new Int8Array([7, 8]).keys()].join());
log(Object.prototype.toString.call(a), a[Symbol.toStringTag], ArrayBuffer.isView(a), ArrayBuffer.isView(rab));
class MyArray extends Uint8Array {}
const m = new MyArray([1, 2, 3]).map((x) => x + 1);
log(m instanceof MyArray, m.join());

// DataView.
const dv = new DataView(new ArrayBuffer(20), 4);
dv.setInt16(0, -2);
dv.setFloat64(2, Math.PI, true);
dv.setBigUint64(8, 2n ** 64n - 1n);
log(dv.getInt16(0), dv.getUint16(0, true), dv.getFloat64(2, true), dv.getBigInt64(8), dv.byteLength);
try { dv.getInt32(10); } catch (e) { log(e.constructor.name); }

// Slices and allocation failures.
log(new ArrayBuffer(8).slice(2, -2).byteLength);
try { new ArrayBuffer(2 ** 60); } catch (e) { log(e.constructor.name); }

// SharedArrayBuffer and Atomics.
const sab = new SharedArrayBuffer(8, { maxByteLength: 16 });
const ia = new Int32Array(sab);
log(Atomics.add(ia, 0, 5), Atomics.sub(ia, 0, 2), Atomics.load(ia, 0));
log(Atomics.compareExchange(ia, 0, 3, 10), Atomics.exchange(ia, 0, 1), Atomics.or(ia, 0, 6), Atomics.and(ia, 0, 3), Atomics.xor(ia, 0, 1), ia[0]);
log(Atomics.store(ia, 1, -0), Atomics.isLockFree(4), Atomics.notify(ia, 0), Atomics.wait(ia, 0, 99, 0), Atomics.wait(ia, 0, 2, 1));
sab.grow(16);
log(sab.byteLength, ia.length, sab.growable);
