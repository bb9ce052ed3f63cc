// Expected output produced by node. Private names in nested classes, arrow functions, closures, static blocks, direct eval, and `#x in o`.
class Outer {
  #x = 'outer';
  run() {
    const self = this;
    class Inner {
      #x = 'inner';
      get(o) { return o.#x; }
      outerIn() { return (() => #x in self)(); }
    }
    class Other { read(o) { return o.#x; } }
    const i = new Inner();
    return [i.get(i), i.outerIn(), (() => this.#x)(), new Other().read(this)].join();
  }
  closure() { return () => () => this.#x; }
  evalGet() { return eval('this.#x'); }
  evalSet() { eval('this.#x = "set by eval"'); return this.#x; }
  evalIn(o) { return eval('#x in o'); }
  evalArrow() { return eval('() => this.#x')(); }
  evalBad() { return eval('this.#nope'); }
  static #count = 0;
  static bump() { return ++Outer.#count; }
  static { Outer.#count = 10; }
}
const o = new Outer();
console.log(o.run(), o.closure()()());
console.log(o.evalGet(), o.evalIn(o), o.evalIn({}), o.evalArrow(), o.evalSet());
console.log(Outer.bump(), Outer.bump());
try { o.evalBad(); } catch (e) { console.log(e.constructor.name); }
// The heritage sees the outer private environment.
class Host {
  static #tag = 'host';
  static make() { return class extends (Host.#tag === 'host' ? Object : null) { #tag = 'inner'; t() { return this.#tag; } }; }
}
console.log(new (Host.make())().t());
// #x in: brand checks without throwing.
class Brand { #b; static is(o) { return #b in o; } }
console.log(Brand.is(new Brand()), Brand.is({}), Brand.is(Brand), Brand.is(function () {}));
