// ArrayBuffer, SharedArrayBuffer and DataView as node's util.inspect shows them.
// Expected output produced by node: node array_buffer.js > array_buffer.expected
// With FORCE_COLOR=1 (colours as on a terminal): FORCE_COLOR=1 node array_buffer.js > array_buffer.color.expected
console.log(new ArrayBuffer(4));
const b = new ArrayBuffer(8); new Uint8Array(b).set([1, 2, 255, 16]);
console.log(b);
console.log(new SharedArrayBuffer(2));
console.log(new DataView(new ArrayBuffer(2)));
console.log(new DataView(b, 2, 3));
console.log([new ArrayBuffer(1)]);
console.log({ buf: new ArrayBuffer(3) });
console.log(new ArrayBuffer(120));
console.log(new ArrayBuffer(0));
const r = new ArrayBuffer(2, { maxByteLength: 4 });
console.log(r);
const d = new ArrayBuffer(4); structuredClone(d, { transfer: [d] });
console.log(d);
const x = new ArrayBuffer(2); x.foo = 1;
console.log(x);
