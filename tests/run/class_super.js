// Expected output produced by node. super.x, super[x], super.m() and super.x = v with the right receiver.
class A { m() { return "A.m:" + this.tag; } get g() { return "A.g:" + this.tag; } static s() { return "A.s:" + this.name; } }
A.prototype.v = "proto-v";
class B extends A {
  constructor() { super(); this.tag = "b"; }
  m() { return "B>" + super.m(); }
  get g() { return "B>" + super.g; }
  k(name) { return super[name](); }
  arrow() { return (() => super.m())(); }
  set(v) { super.w = v; return Object.prototype.hasOwnProperty.call(this, "w"); }
  v2() { return super.v; }
  static s() { return "B>" + super.s(); }
}
const b = new B();
console.log(b.m(), b.g, b.k("m"), b.arrow(), b.set(5), b.w, b.v2(), B.s());
const o = { __proto__: { hi() { return "proto hi " + this.n; } }, n: 1 };
console.log(o.hi());
class C extends B { m() { return "C>" + super.m(); } }
const c = new C();
console.log(c.m());
class Spread extends A { m(...a) { return super.m(...a); } }
const sp = new Spread(); sp.tag = "s";
console.log(sp.m(1, 2));
