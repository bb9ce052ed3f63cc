// structuredClone's transfer list as the HTML spec has it
// (StructuredSerializeWithTransfer): anything but a non-shared ArrayBuffer
// throws a DataCloneError (a primitive: a TypeError, from WebIDL's
// sequence<object>), and so does a detached buffer (checked after the
// value is serialized). Expected output written by hand: node 20 throws a
// TypeError ("Found invalid object in transferList") for the first cases
// and lets a detached buffer through.
function show(label, f) {
  try { console.log(label, f()); }
  catch (e) { console.log(label, "threw", e.name, e.message); }
}
const sab = new SharedArrayBuffer(4);
show("object", () => structuredClone(1, { transfer: [{}] }));
show("typed array", () => structuredClone(1, { transfer: [new Uint8Array(2)] }));
show("shared", () => structuredClone(1, { transfer: [sab] }));
show("primitive", () => structuredClone(1, { transfer: [1] }));
show("detached", () => {
  const b = new ArrayBuffer(4);
  structuredClone(b, { transfer: [b] });
  return structuredClone(1, { transfer: [b] });
});
// A failed clone detaches nothing; one that succeeds detaches the buffer
// and views of it see length 0.
const b = new ArrayBuffer(8, { maxByteLength: 32 });
const v = new Uint8Array(b);
v[7] = 42;
show("failed", () => {
  try { structuredClone({ b, f() {} }, { transfer: [b] }); } catch (e) { return [e.name, b.byteLength]; }
});
const c = structuredClone({ v, b }, { transfer: [b] });
console.log(b.detached, b.byteLength, v.length, c.b.byteLength, c.b.maxByteLength, c.v.buffer === c.b, c.v[7]);
show("again", () => structuredClone(b));
show("view of detached", () => structuredClone(v));
// Any iterable works as the list.
const d = new ArrayBuffer(2);
structuredClone(d, { transfer: new Set([d]) });
console.log(d.detached);
