// Typed arrays as node's util.inspect shows them: `Uint8Array(n) [ ... ]`,
// numbers right-aligned in columns, BigInts, -0, own non-index keys,
// `... N more items`, empty, detached and length-tracking views.
// Expected output produced by node: node typed_array.js > typed_array.expected
// With FORCE_COLOR=1 (colours as on a terminal): FORCE_COLOR=1 node typed_array.js > typed_array.color.expected
console.log(new Uint8Array(2));
console.log(new Float64Array([1.5, -0, NaN, Infinity]));
console.log([new Int16Array(3)]);
console.log({ a: new Uint8Array(200) });
const t = new Uint8Array(2);
t.foo = 1;
console.log(t);
console.log(new BigInt64Array([1n, -2n]));
console.log(new Float32Array(0));
console.log(Int32Array.from({ length: 30 }, (_, i) => i * i * (i % 2 ? -1 : 1)));
const rab = new ArrayBuffer(4, { maxByteLength: 8 });
console.log(new Uint8Array(rab));
const buffer = new ArrayBuffer(8);
const view = new Uint16Array(buffer, 2, 2);
structuredClone(buffer, { transfer: [buffer] });
console.log(view);
console.log(new Uint8ClampedArray([300, -5, 1.5]));
