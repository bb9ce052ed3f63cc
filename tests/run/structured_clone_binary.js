// structuredClone of binary data (ArrayBuffer, resizable ones,
// SharedArrayBuffer, every typed array kind, DataView, one buffer shared by
// several views), transfer, Error objects, wrappers, RegExp and values that
// cannot be cloned. Expected output made with node v20 (`node FILE`); the
// cases where node 20 departs from the HTML spec are in
// structured_clone_transfer.js.
function show(label, f) {
  try { const r = f(); console.log(label, r); }
  catch (e) { console.log(label, "threw", e.name, e.message, e instanceof Error); }
}
const ab = new ArrayBuffer(8); new Uint8Array(ab).set([1,2,3,4,5,6,7,8]);
show("ab", () => { const c = structuredClone(ab); return [c === ab, c.byteLength, new Uint8Array(c)[3], c.resizable]; });
const rab = new ArrayBuffer(4, { maxByteLength: 16 });
show("rab", () => { const c = structuredClone(rab); return [c.byteLength, c.resizable, c.maxByteLength]; });
const sab = new SharedArrayBuffer(4);
show("sab", () => { const c = structuredClone(sab); new Uint8Array(c)[0] = 9; return [c === sab, c instanceof SharedArrayBuffer, new Uint8Array(sab)[0]]; });
for (const T of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array]) {
  show(T.name, () => { const big = T.name.startsWith("Big"); const t = new T(big ? [1n, 2n, 3n] : [1, 2, 3]); const c = structuredClone(t); return [c.constructor.name, Array.from(c).map(String).join(","), c.buffer === t.buffer, c.byteOffset, c.length]; });
}
show("sub", () => { const t = new Uint16Array(ab, 2, 2); const c = structuredClone(t); return [c.byteOffset, c.length, c.buffer.byteLength, Array.from(c)]; });
show("dv", () => { const d = new DataView(ab, 1, 4); const c = structuredClone(d); return [c.constructor.name, c.byteOffset, c.byteLength, c.getUint8(0), c.buffer.byteLength]; });
show("ident", () => { const a = new Uint8Array(ab); const b = new Int32Array(ab); const c = structuredClone({ a, b, ab }); return [c.a.buffer === c.b.buffer, c.a.buffer === c.ab, c.ab !== ab]; });
show("tracking", () => { const t = new Uint8Array(rab); const c = structuredClone(t); c.buffer.resize(8); return [c.length, c.buffer.maxByteLength]; });
show("sabview", () => { const t = new Uint8Array(sab); const c = structuredClone(t); return [c.buffer instanceof SharedArrayBuffer, c.buffer === sab]; });
show("transfer", () => { const b = new ArrayBuffer(4); new Uint8Array(b)[0] = 7; const c = structuredClone(b, { transfer: [b] }); return [b.byteLength, c.byteLength, new Uint8Array(c)[0]]; });
show("transfer-view", () => { const b = new ArrayBuffer(4); const v = new Uint8Array(b); const c = structuredClone(v, { transfer: [b] }); return [b.byteLength, v.length, c.length, c.buffer.byteLength]; });
show("transfer-rab", () => { const b = new ArrayBuffer(4, { maxByteLength: 8 }); const c = structuredClone(b, { transfer: [b] }); return [b.byteLength, c.resizable, c.maxByteLength]; });
show("dup", () => { const b = new ArrayBuffer(4); return structuredClone(b, { transfer: [b, b] }); });
show("detached", () => { const b = new ArrayBuffer(4); structuredClone(b, { transfer: [b] }); return structuredClone(b); });
show("notiter", () => structuredClone(1, { transfer: 5 }));
show("nulloptions", () => structuredClone(1, null));
show("failkeep", () => { const b = new ArrayBuffer(4); try { structuredClone({ b, f() {} }, { transfer: [b] }); } catch (e) { return [e.name, b.byteLength]; } });
show("err", () => { const e = new RangeError("m", { cause: 5 }); const c = structuredClone(e); return [c.name, c.message, c.cause, c.constructor.name, c.stack === e.stack, Object.getOwnPropertyDescriptor(c, "message").enumerable]; });
show("errname", () => { const e = new Error("m"); e.name = "Custom"; const c = structuredClone(e); return [c.name, c.constructor.name]; });
show("wrappers", () => { const c = structuredClone([new Boolean(false), new Number(-0), new String("s"), Object(5n)]); return c.map(x => [typeof x, Object.prototype.toString.call(x), String(x.valueOf())]); });
show("regexp", () => { const r = /a+/gi; r.lastIndex = 3; const c = structuredClone(r); return [c.source, c.flags, c.lastIndex, c === r]; });
show("fn", () => structuredClone(function f() {}));
show("sym", () => structuredClone(Symbol("s")));
show("wm", () => structuredClone(new WeakMap()));
show("proxy", () => structuredClone(new Proxy({}, {})));
show("promise", () => structuredClone(Promise.resolve(1)));
show("props", () => { const t = new Uint8Array(2); t.extra = 1; const c = structuredClone(t); return [c.extra, Object.keys(c)]; });
