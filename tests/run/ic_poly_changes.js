// Polymorphic inline caches under change: deletes, prototype changes,
// accessors replacing data properties, non-extensible objects, read-only
// properties appearing on the chain, dictionary objects. Expected output
// generated with node.
function readX(o) { return o.x; }
function writeX(o, v) { o.x = v; }
function addW(o, v) { o.w = v; }

const shapes = [{ x: 1 }, { a: 0, x: 2 }, { b: 0, c: 0, x: 3 }, { d: 0, x: 4 }];
function warm() {
  let s = 0;
  for (let r = 0; r < 100; r++) for (const o of shapes) { writeX(o, o.x); s += readX(o); }
  return s;
}
console.log("warm", warm());
delete shapes[1].x;
console.log("after delete", readX(shapes[1]), warm());
Object.setPrototypeOf(shapes[2], { get x() { return "proto getter"; } });
console.log("own x still", readX(shapes[2]));
delete shapes[2].x;
console.log("proto getter", readX(shapes[2]));
writeX(shapes[2], 5);
console.log("no setter", readX(shapes[2]));
Object.defineProperty(shapes[3], "x", { get() { return "own getter"; }, configurable: true });
console.log("own getter", readX(shapes[3]), String(warm()).length);

// Transition entries of several shapes, then non-extensible and frozen ones.
const proto = {};
function fresh(i) {
  const o = Object.create(proto);
  if (i & 1) o.a = 1;
  if (i & 2) o.b = 2;
  if (i & 4) o.c = 3;
  return o;
}
let n = 0;
for (let r = 0; r < 100; r++) for (let i = 0; i < 8; i++) { const o = fresh(i); addW(o, i); n += o.w; }
console.log("adds", n);
const sealed = fresh(3);
Object.preventExtensions(sealed);
addW(sealed, 9);
console.log("non-extensible", sealed.w, Object.keys(sealed).join());
// A read-only `w` on the prototype: adds must fail now.
Object.defineProperty(proto, "w", { value: "ro", writable: false });
const after = fresh(1);
addW(after, 10);
console.log("read-only on chain", after.w, Object.keys(after).join());
(function () {
  "use strict";
  const f = fresh(2);
  try { f.w = 11; console.log("no throw"); } catch (e) { console.log(e.constructor.name); }
})();
// A setter appears on the chain.
const proto2 = {};
function fresh2(i) { const o = Object.create(proto2); if (i & 1) o.q = 1; if (i & 2) o.r = 1; return o; }
let log = [];
for (let r = 0; r < 50; r++) for (let i = 0; i < 4; i++) addW(fresh2(i), r);
Object.defineProperty(proto2, "w", { set(v) { log.push(v); }, get() { return "g"; } });
for (let i = 0; i < 4; i++) { const o = fresh2(i); addW(o, "s" + i); log.push(o.w, Object.keys(o).length); }
console.log("setter on chain", log.join());

// Dictionary objects (many properties added and deleted) at the same sites.
const dicts = [];
for (let i = 0; i < 4; i++) {
  const d = { x: i };
  for (let k = 0; k < 40; k++) d["k" + k] = k;
  for (let k = 0; k < 40; k += 2) delete d["k" + k];
  dicts.push(d);
}
let ds = 0;
for (let r = 0; r < 50; r++) for (const d of dicts) { writeX(d, readX(d) + 1); addW(d, r); ds += d.w; }
console.log("dictionaries", ds, dicts.map(readX).join());
// Objects that lose a property while cached, then get it back.
const o1 = { x: 1, y: 2 }, o2 = { y: 2, x: 1 };
for (let r = 0; r < 100; r++) { writeX(o1, r); writeX(o2, -r); }
delete o1.x; delete o2.x;
console.log("deleted", readX(o1), readX(o2), "x" in o1);
writeX(o1, "back"); writeX(o2, "again");
console.log("re-added", readX(o1), readX(o2), Object.keys(o1).join(), Object.keys(o2).join());
