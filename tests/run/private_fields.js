// Expected output produced by node. Private fields: instance and static, initializers in order with public fields, hidden from every key listing, added to frozen objects.
let log = [];
class Order {
  a = log.push('a');
  #b = log.push('#b');
  static #s = log.push('static #s');
  c = log.push('c');
  #d = log.push('#d');
  static get() { return Order.#s; }
  read() { return [this.a, this.#b, this.c, this.#d].join(); }
}
const o = new Order();
console.log(log.join(), Order.get(), o.read());
console.log(JSON.stringify(Object.keys(o)), Reflect.ownKeys(o).length, JSON.stringify(o),
  Object.getOwnPropertySymbols(o).length, Object.getOwnPropertyNames(o).join());
const keys = []; for (const k in o) keys.push(k);
console.log(keys.join(), JSON.stringify(Object.assign({}, o)), JSON.stringify({ ...o }));
class Named { #f = function () {}; #a = () => {}; names() { return [this.#f.name, this.#a.name].join(); } }
console.log(new Named().names());
// PrivateFieldAdd has no extensibility check (7.3.28).
class Base { constructor(o) { return o; } }
class Stamp extends Base { #x = 'stamped'; static get(o) { return o.#x; } static set(o, v) { o.#x = v; } }
for (const target of [Object.freeze({}), Object.seal({}), Object.preventExtensions({})]) {
  new Stamp(target);
  Stamp.set(target, 'changed');
  console.log(Stamp.get(target), Object.isFrozen(target) || Object.isSealed(target) || !Object.isExtensible(target));
}
// Each evaluation of a class makes new private names.
function make() { return class { #v; constructor(v) { this.#v = v; } static get(o) { return o.#v; } }; }
const K1 = make(), K2 = make();
const k1 = new K1(1), k2 = new K2(2);
for (let i = 0; i < 3; i++) {
  let cross;
  try { K1.get(k2); cross = 'no error'; } catch (e) { cross = e.constructor.name; }
  console.log(K1.get(k1), K2.get(k2), cross);
}
