// Expected output produced by node. 15.7.14 ClassDefinitionEvaluation: methods, accessors, statics, computed keys, names.
let order = [];
const k = (s) => { order.push(s); return s; };
class A {
  constructor(x) { this.x = x; }
  get g() { return this.x * 2; }
  set g(v) { this.x = v; }
  m() { return "m" + this.x; }
  static s() { return "static"; }
  [k("c1")]() { return 1; }
  static [k("c2")]() { return 2; }
  get [k("c3")]() { return 3; }
}
console.log(order.join());
const a = new A(3);
console.log(a.x, a.g, a.m(), A.s(), a.c1(), A.c2(), a.c3);
a.g = 5;
console.log(a.x);
console.log(Object.keys(A.prototype).length, Object.getOwnPropertyNames(A.prototype).join());
console.log(typeof A, A.name, A.length, A.prototype.constructor === A);
const pd = Object.getOwnPropertyDescriptor(A, "prototype");
console.log(pd.writable, pd.enumerable, pd.configurable);
const md = Object.getOwnPropertyDescriptor(A.prototype, "m");
console.log(md.writable, md.enumerable, md.configurable, "prototype" in A.prototype.m);
const gd = Object.getOwnPropertyDescriptor(A.prototype, "g");
console.log(typeof gd.get, typeof gd.set, gd.enumerable, gd.get.name);
console.log(A.prototype.m.name, A.s.name, A.prototype.c1.name);
const B = class {};
let C = class Named {};
console.log(B.name, (class {}).name === "", C.name, new B() instanceof B);
console.log(Object.getPrototypeOf(A) === Function.prototype, Object.getPrototypeOf(A.prototype) === Object.prototype);
class Inner { static self() { return Inner; } }
const saved = Inner;
console.log(saved.self() === saved);
