// Public class fields through the set cache: CreateDataPropertyOrThrow,
// never [[Set]] (no setters, no read-only checks), TypeErrors for
// non-extensible objects and non-configurable properties.
const out = [];
class P {
  a = 1;
  b = this.a + 1;
  ["c" + 1] = 3;
}
for (let i = 0; i < 3; i++) {
  const p = new P();
  out.push(JSON.stringify(p), Object.keys(p).join());
}
// A setter on the prototype is not called by a field definition.
class Q { set x(v) { out.push("setter called"); } }
class R extends Q { x = 5; }
for (let i = 0; i < 2; i++) {
  const r = new R();
  out.push(Object.getOwnPropertyDescriptor(r, "x").value);
}
// A read-only inherited property does not stop the definition.
class RO {}
Object.defineProperty(RO.prototype, "y", { value: 0, writable: false });
class RO2 extends RO { y = 9; }
for (let i = 0; i < 2; i++) out.push(new RO2().y);
// The base constructor returns an existing object: fields go on it.
class Ret { constructor(o) { return o; } }
class F1 extends Ret { f = 1; }
const plain = {};
new F1(plain);
out.push(JSON.stringify(plain));
// Redefining a field on the same object (own entry): allowed if configurable.
new F1(plain);
out.push(JSON.stringify(plain));
// A frozen or non-extensible object: TypeError every time.
for (let i = 0; i < 3; i++) {
  try { new F1(Object.preventExtensions({})); out.push("no error"); }
  catch (e) { out.push(e.constructor.name); }
}
// A non-configurable existing property: TypeError.
const nc = {};
Object.defineProperty(nc, "f", { value: 0, writable: true, configurable: false });
try { new F1(nc); out.push("no error"); } catch (e) { out.push(e.constructor.name); }
// A non-enumerable configurable property becomes enumerable.
const ne = {};
Object.defineProperty(ne, "f", { value: 0, writable: true, enumerable: false, configurable: true });
new F1(ne);
out.push(JSON.stringify(Object.getOwnPropertyDescriptor(ne, "f")));
// Static fields on the class.
class St { static s = 1; static t = St.s + 1; }
out.push(St.s, St.t);
console.log(out.join("\n"));
