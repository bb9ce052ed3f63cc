// Float16Array and DataView's Float16 methods (ES2025) and
// ArrayBuffer.prototype.transfer (ES2024). The node used for the other
// expected files (v20) has neither: this expected output was written by
// hand (binary16 values checked against IEEE 754 tables).
const f16 = new Float16Array([1 / 3, 70000, 65504, 65520, 65519, 2 ** -24, 2 ** -25, 1.5 * 2 ** -24, -0]);
console.log(f16.join(), Object.is(f16[8], -0));
console.log(Math.f16round(1 / 3), Math.f16round(1.0009765625), Math.f16round(1.00048828125));
const dv = new DataView(new ArrayBuffer(4));
dv.setFloat16(0, 1.5);
dv.setFloat16(2, -2, true);
console.log(dv.getFloat16(0), dv.getUint8(0), dv.getUint8(1), dv.getFloat16(2, true), dv.getUint16(2));
dv.setUint16(0, 0x7e00);
console.log(dv.getFloat16(0), Float16Array.BYTES_PER_ELEMENT, new Float16Array(new Uint16Array([0x3c00, 0x7c00, 0xfc00]).buffer).join());
const t = new ArrayBuffer(4);
const view = new Uint8Array(t);
view[0] = 42;
const moved = t.transfer(8);
console.log(t.detached, t.byteLength, view.length, view[0], moved.byteLength, new Uint8Array(moved)[0]);
try { view.fill(1); } catch (e) { console.log(e.constructor.name); }
const fixed = new ArrayBuffer(4, { maxByteLength: 8 }).transferToFixedLength();
console.log(fixed.resizable, fixed.byteLength);
