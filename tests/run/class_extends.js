// Expected output produced by node. extends, derived constructors, this TDZ, super() rules.
class A { constructor(x) { this.x = x; } m() { return "A.m" + this.x; } static s() { return "A.s"; } }
class B extends A { constructor() { super(7); this.y = 1; } }
const b = new B();
console.log(b.x, b.y, b instanceof A, b instanceof B, b.m(), B.s());
console.log(Object.getPrototypeOf(B) === A, Object.getPrototypeOf(B.prototype) === A.prototype);
class D extends A {}
const d = new D(9, 10);
console.log(d.x, D.length, D.name);
class E extends A {
  constructor() {
    try { this.x; } catch (e) { console.log("tdz", e.constructor.name); }
    super(1);
    try { super(2); } catch (e) { console.log("twice", e.constructor.name); }
    console.log(this.x);
  }
}
new E();
class F extends A { constructor() { const f = () => super(4); f(); console.log("arrow", this.x); } }
new F();
class G extends A { constructor() { return { other: true }; } }
console.log(new G().other);
class H extends A { constructor() { return 1; } }
try { new H(); } catch (e) { console.log("return 1", e.constructor.name); }
class I extends A { constructor() { } }
try { new I(); } catch (e) { console.log("no super", e.constructor.name); }
class J extends A { constructor() { super(1); return undefined; } }
console.log(new J().x);
class NT extends A { constructor() { super(); console.log(new.target === NT); } }
new NT();
try { class X extends 5 {} } catch (e) { console.log("5", e.constructor.name); }
function P() {}
P.prototype = 3;
try { class X extends P {} } catch (e) { console.log("proto 3", e.constructor.name); }
class N extends null {}
console.log(Object.getPrototypeOf(N.prototype), Object.getPrototypeOf(N) === Function.prototype);
try { new N(); } catch (e) { console.log("null", e.constructor.name); }
class Q extends A {}
console.log(new Q(5).x);
function Base(a, b) { this.sum = a + b; }
class R extends Base { constructor(...args) { super(...args); } }
console.log(new R(2, 3).sum);
