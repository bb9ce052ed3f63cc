// super.m() / super.x through the inline cache: every case must still see
// the live prototype chain, getters with the right receiver and a null base.
class A {
  m() { return "A.m"; }
  get g() { return "A.g on " + this.tag; }
}
A.prototype.v = 1;
class B extends A {
  constructor() { super(); this.tag = "b"; }
  m() { return "B>" + super.m(); }
  g2() { return super.g; }
  v2() { return super.v; }
  k(key) { return super[key]; }
}
const b = new B();
const out = [];
for (let i = 0; i < 3; i++) out.push(b.m(), b.g2(), b.v2());
// A new method on A.prototype (an add on a watched prototype).
A.prototype.m = function () { return "A.m2"; };
out.push(b.m());
// A value write to the holder's slot.
A.prototype.v = 2;
out.push(b.v2());
// The home object's [[Prototype]] changes.
class C { m() { return "C.m"; } }
Object.setPrototypeOf(B.prototype, C.prototype);
out.push(b.m(), String(b.v2()));
// A data property that shadows the one found before.
C.prototype.v = 3;
out.push(b.v2());
// A getter replaces the data property.
Object.defineProperty(C.prototype, "v", { get() { return "getter:" + this.tag; }, configurable: true });
out.push(b.v2());
out.push(b.k("m")(), b.k("v"));
// A null base: TypeError, also after the site was cached.
Object.setPrototypeOf(B.prototype, null);
try { b.m(); } catch (e) { out.push(e instanceof TypeError); }
// Object literal methods (HomeObject) and a static super chain.
const base = { hi() { return "base hi " + this.n; } };
const obj = { __proto__: base, n: 7, hi() { return "obj>" + super.hi(); } };
for (let i = 0; i < 2; i++) out.push(obj.hi());
class S { static s() { return "S.s"; } }
class T extends S { static s() { return "T>" + super.s(); } }
for (let i = 0; i < 2; i++) out.push(T.s());
// Arrow functions inside methods.
class U extends A { m() { const f = () => super.m(); return "U>" + f(); } }
for (let i = 0; i < 2; i++) out.push(new U().m());
console.log(out.join("\n"));
