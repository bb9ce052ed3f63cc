// Expected output produced by node. Public instance and static fields, static blocks.
let order = [];
const k = (s) => { order.push(s); return s; };
class A {
  a = 1;
  [k("b")] = this.a + 1;
  static s = k("static s");
  c;
  f = function () {};
  g = () => this.a;
  static { order.push("block"); this.t = this.s + "!"; }
  [k("d")]() {}
}
console.log(order.join());
const a = new A();
console.log(a.a, a.b, "c" in a, a.c, a.f.name, a.g(), A.s, A.t);
console.log(Object.keys(a).join());
class B extends A {
  x = this.a * 10;
  constructor() { console.log("before super"); super(); console.log("after", this.x); }
}
new B();
class C { static x = 1; static y = C.x + 1; static { var v = 3; C.z = v; } }
console.log(C.x, C.y, C.z, typeof v);
class D { static name = "custom"; }
console.log(D.name);
const E = class { static n = this.name; };
console.log(E.n);
