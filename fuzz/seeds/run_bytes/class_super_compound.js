// Expected output produced by node. Compound assignment to super properties (13.15.2) in class and object literal methods.
class A {}
A.prototype.n = 1;
class B extends A {
  inc() { super.n += 10; return [this.n, A.prototype.n, Object.prototype.hasOwnProperty.call(this, "n")].join(); }
  cat(k) { super[k] *= 3; return this[k]; }
}
const b = new B();
console.log(b.inc(), b.cat("n"));
const o = { __proto__: { s: "a" }, f() { super.s += "b"; return this.s; } };
console.log(o.f(), o.f());
class C { m() { const a = super.cnt++; const b = ++super.cnt; const c = super["cnt"]--; return [a, b, c, this.cnt].join(); } }
Object.prototype.cnt = 5;
console.log(new C().m());
delete Object.prototype.cnt;
