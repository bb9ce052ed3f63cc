// Cached transitions that add a property past the 4 inline slots (the
// overflow slots): many-field constructors, one site adding to objects of
// different shapes, deletes and dictionary mode after a cached transition,
// prototype changes (a setter or a read-only property appearing on the
// chain), non-extensible objects. Expected output generated with node.
"use strict";

function Big(i) {
  this.a = i; this.b = i + 1; this.c = i + 2; this.d = i + 3;
  this.e = i + 4; this.f = i + 5; this.g = i + 6; this.h = i + 7;
  this.i = i + 8; this.j = i + 9; this.k = i + 10; this.l = i + 11;
}
function sum(o) {
  return o.a + o.b + o.c + o.d + o.e + o.f + o.g + o.h + o.i + o.j + o.k + o.l;
}
let total = 0;
const keep = [];
for (let r = 0; r < 3000; r++) {
  const o = new Big(r);
  total += sum(o);
  if (r % 500 === 0) keep.push(o);
}
console.log("big", total, keep.length, JSON.stringify(keep[3]));
console.log("keys", Object.keys(keep[5]).join(","));

// One site adding the fifth to the ninth property to objects of several
// shapes.
function addTail(o, v) { o.t1 = v; o.t2 = v + 1; o.t3 = v + 2; o.t4 = v + 3; o.t5 = v + 4; }
function make(k, v) {
  const o = {};
  for (let i = 0; i < k; i++) o["p" + i] = i;
  addTail(o, v);
  return o;
}
let s = 0;
for (let r = 0; r < 2000; r++) {
  const o = make(r % 7, r);
  s += o.t1 + o.t3 + o.t5 + (o.p3 === undefined ? 0 : o.p3);
}
console.log("tails", s, JSON.stringify(make(6, 9)));

// Deletes after a cached transition: the object goes to dictionary mode
// (or back to the parent shape), and the site must not write a stale shape.
const made = [];
for (let r = 0; r < 200; r++) made.push(new Big(r));
delete made[10].c;
delete made[11].l;
made[12].l = "changed";
function addM(o, v) { o.m = v; }
for (let r = 0; r < 200; r++) addM(made[r], r * 2);
console.log("deleted", JSON.stringify(made[10]), JSON.stringify(made[11]));
console.log("m", made[10].m, made[11].m, made[12].m, made[199].m, made[12].l);
let dict = new Big(1);
for (let i = 0; i < 40; i++) dict["x" + i] = i;
for (let i = 0; i < 40; i += 2) delete dict["x" + i];
addM(dict, "dict");
console.log("dict", dict.m, Object.keys(dict).length, dict.x39, dict.x38);

// Prototype changes: a setter, then a read-only property, on the chain
// after the transition was cached.
function P() {}
function makeP() {
  const o = new P();
  o.a = 1; o.b = 2; o.c = 3; o.d = 4; o.e = 5; o.f = 6;
  return o;
}
for (let r = 0; r < 500; r++) makeP();
const log = [];
Object.defineProperty(P.prototype, "f", {
  set(v) { log.push("setter " + v); },
  get() { return "getter"; },
  configurable: true,
});
const withSetter = makeP();
console.log("setter", withSetter.f, Object.keys(withSetter).join(","), log.join(";"));
delete P.prototype.f;
Object.defineProperty(P.prototype, "e", { value: "ro", writable: false, configurable: true });
try {
  makeP();
  console.log("no error");
} catch (e) {
  console.log("read-only", e instanceof TypeError);
}
delete P.prototype.e;
const back = makeP();
console.log("back", back.e, back.f, Object.keys(back).join(","));

// Non-extensible, sealed and frozen objects reaching the same site.
function addN(o) { o.n = 1; return o.n; }
for (let r = 0; r < 300; r++) addN(new Big(r));
for (const how of ["preventExtensions", "seal", "freeze"]) {
  const o = Object[how](new Big(0));
  try {
    addN(o);
    console.log(how, "no error");
  } catch (e) {
    console.log(how, e instanceof TypeError, o.n);
  }
}

// Growing the overflow storage many times, with collections in between.
function Wide() {
  for (let i = 0; i < 30; i++) this["w" + i] = i;
}
function fill(o) {
  o.q0 = 0; o.q1 = 1; o.q2 = 2; o.q3 = 3; o.q4 = 4; o.q5 = 5; o.q6 = 6; o.q7 = 7;
  o.q8 = 8; o.q9 = 9; o.q10 = 10; o.q11 = 11; o.q12 = 12; o.q13 = 13; o.q14 = 14;
  return o;
}
let w = 0;
for (let r = 0; r < 400; r++) {
  const o = fill(r & 1 ? new Wide() : {});
  w += o.q14 + o.q7 + (o.w29 || 0);
  const junk = [];
  for (let i = 0; i < 20; i++) junk.push({ i });
}
console.log("wide", w, Object.keys(fill(new Wide())).length);
