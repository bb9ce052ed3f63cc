// Polymorphic inline caches: one read, write and add site sees several
// shapes (up to past the megamorphic limit); results must not depend on
// which entry hits. Expected output generated with node.
function make(i) {
  const o = {};
  for (let k = 0; k < i % 7; k++) o["p" + k] = k;
  o.x = i;
  return o;
}
function readX(o) { return o.x; }
function writeX(o, v) { o.x = v; }
function addY(o, v) { o.y = v; }
function readY(o) { return o.y; }

const objs = [];
for (let i = 0; i < 70; i++) objs.push(make(i));
let sum = 0;
for (let round = 0; round < 200; round++) {
  for (const o of objs) sum += readX(o);
}
console.log("read", sum);
for (let round = 0; round < 50; round++) {
  for (let i = 0; i < objs.length; i++) writeX(objs[i], i * round);
}
sum = 0;
for (const o of objs) sum += readX(o);
console.log("write", sum);
// Transition stores from several shapes.
const fresh = [];
for (let round = 0; round < 30; round++) {
  for (let i = 0; i < 14; i++) {
    const o = make(i);
    addY(o, round + i);
    fresh.push(o);
  }
}
sum = 0;
for (const o of fresh) sum += readY(o) + Object.keys(o).length;
console.log("add", sum, fresh[3].y, Object.keys(fresh[20]).join());

// Prototype-chain reads of several receiver shapes.
class A { get g() { return this.v * 2; } m() { return 1; } }
class B extends A { m() { return 2; } }
class C extends B { }
function callM(o) { return o.m() + o.g; }
const list = [];
for (let i = 0; i < 9; i++) {
  const o = i % 3 === 0 ? new A() : i % 3 === 1 ? new B() : new C();
  o.v = i;
  if (i & 1) o.extra = i;
  list.push(o);
}
sum = 0;
for (let round = 0; round < 300; round++) for (const o of list) sum += callM(o);
console.log("proto", sum);
// Missing properties on several shapes stay undefined.
function readZ(o) { return o.z; }
let undef = 0;
for (let round = 0; round < 100; round++) for (const o of list) if (readZ(o) === undefined) undef++;
console.log("missing", undef);
// Primitives and objects at one site.
function len(o) { return o.length; }
const mixed = ["abc", [1, 2], { length: 7 }, new Uint8Array(5), function (a, b) {}, "xy"];
sum = 0;
for (let round = 0; round < 100; round++) for (const o of mixed) sum += len(o);
console.log("length", sum);
