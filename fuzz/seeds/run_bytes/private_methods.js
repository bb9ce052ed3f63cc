// Expected output produced by node. Private methods, getters and setters, instance and static; names; brand checks.
class C {
  #x = 1;
  #m() { return this.#x * 10; }
  get #g() { return this.#x + 100; }
  set #g(v) { this.#x = v; }
  static #sm() { return 'static method'; }
  static get #sg() { return 'static getter'; }
  call() { return this.#m(); }
  acc() { this.#g = 7; return this.#g; }
  static statics() { return [C.#sm(), C.#sg, this.#sm.name].join(); }
  names() { return [this.#m.name, this.#m === new C().#m].join(); }
  viaCall() { return this.#m.call(this); }
}
const c = new C();
console.log(c.call(), c.acc(), C.statics(), c.names(), c.viaCall());
console.log(Object.getOwnPropertyNames(c).join(), Object.getOwnPropertyNames(C.prototype).join());
class S {
  static #v = 1;
  static get #d() { return S.#v * 2; }
  static set #d(x) { S.#v = x; }
  static { S.#d = 21; }
  static read() { return S.#d; }
}
console.log(S.read());
// Methods are added before the fields are initialized.
class Early { #f = this.#m(); #m() { return 'from method'; } get() { return this.#f; } }
console.log(new Early().get());
// Derived classes: the brand is added after super() returns.
class P { constructor() { this.seen = typeof this.probe === 'function' ? this.probe() : 'none'; } }
class D extends P { #m() { return 'm'; } probe() { try { return this.#m(); } catch (e) { return e.constructor.name; } } }
console.log(new D().seen);
