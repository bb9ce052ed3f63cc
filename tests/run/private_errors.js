// Expected output produced by node. TypeErrors of private names: missing brand, second add, method write, getter-only write, setter-only read, non-object `in`.
class A {
  #f = 1;
  #m() {}
  get #g() { return 1; }
  set #s(v) {}
  static #sm() { return 'sm'; }
  static callSm(o) { return o.#sm(); }
  writeM() { this.#m = 1; }
  updateM() { this.#m++; }
  writeG() { this.#g = 1; }
  compoundG() { this.#g += 1; }
  readS() { return this.#s; }
  updateS() { this.#s++; }
  readF(o) { return o.#f; }
  writeF(o) { o.#f = 2; }
  callM(o) { return o.#m(); }
  has(o) { return #f in o; }
}
const a = new A();
const cases = {
  'write method': () => a.writeM(),
  'update method': () => a.updateM(),
  'write getter-only': () => a.writeG(),
  'compound getter-only': () => a.compoundG(),
  'read setter-only': () => a.readS(),
  'update setter-only': () => a.updateS(),
  'read missing': () => a.readF({}),
  'write missing': () => a.writeF({}),
  'read null': () => a.readF(null),
  'write undefined': () => a.writeF(undefined),
  'read primitive': () => a.readF(1),
  'call missing method': () => a.callM({}),
  'static on instance': () => A.callSm(a),
  'prototype chain': () => a.readF(Object.create(a)),
  'proto method': () => a.callM(A.prototype),
  'in primitive': () => a.has(1),
  'in null': () => a.has(null),
};
for (const [name, f] of Object.entries(cases)) {
  try { f(); console.log(name, 'no error'); } catch (e) { console.log(name, e.constructor.name); }
}
console.log(A.callSm(A), a.has(a), a.has({}), a.has(Object.create(a)));
// Adding an element twice (a base constructor returning an existing object).
class Base { constructor(o) { return o; } }
class F extends Base { #x = 1; }
class M extends Base { #m() {} }
class G extends Base { get #g() { return 1; } }
for (const K of [F, M, G]) {
  const o = {};
  new K(o);
  try { new K(o); console.log('no error'); } catch (e) { console.log('twice', e.constructor.name); }
}
// The value is evaluated before the missing-brand check of a write.
class W { #x; static w(o) { o.#x = (console.log('rhs evaluated'), 1); } }
try { W.w({}); } catch (e) { console.log(e.constructor.name); }
// Undeclared names are early errors, also in eval code.
for (const src of ['class Z { m() { return this.#q; } }', 'class Z { m() { delete this.#x; } #x; }', 'this.#x']) {
  try { eval(src); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
