// super(...) with arguments in place, the default derived constructor's
// forwarding and the errors of SuperCall.
const out = [];
class A { constructor(...args) { this.args = args; this.nt = new.target.name; } }
class B extends A { constructor(x, y) { super(x, y, x + y); } }
class C extends A {}
class D extends A { constructor(...r) { super(...r, "spread"); } }
for (let i = 0; i < 2; i++) {
  out.push(JSON.stringify(new B(1, 2)), JSON.stringify(new C(3, 4, 5)), JSON.stringify(new C()));
  out.push(JSON.stringify(new D(6)));
}
class E extends A { constructor() { super(); super(); } }
try { new E(); } catch (e) { out.push(e.constructor.name); }
class F extends A { constructor() { return; } }
try { new F(); } catch (e) { out.push(e.constructor.name); }
class G extends A { constructor() { super(); return 1; } }
try { new G(); } catch (e) { out.push(e.constructor.name); }
class H extends A { constructor() { super(); return { own: true }; } }
out.push(JSON.stringify(new H()));
class I extends A {}
Object.setPrototypeOf(I, Object.prototype);
try { new I(); } catch (e) { out.push(e.constructor.name); }
class J extends A { constructor() { const f = () => super(1); f(); out.push(this.args.length); } }
new J();
console.log(out.join("\n"));
