// Private fields added to generator objects (a base constructor returning
// one): they live in the overflow slots like every property of a
// coroutine object. (Expected output generated with node.)
function* g() { let i = 0; while (true) yield i++; }
class B { constructor(o) { return o; } }
class C extends B {
  #x = 'px'; #y = 'py'; #z; #w = 4; #v = 5;
  static read(o) { return o.#x + o.#y + o.#w + o.#v; }
  static has(o) { return #x in o; }
  get #acc() { return 'acc'; }
  static acc(o) { return o.#acc; }
}
const its = [];
for (let k = 0; k < 20; k++) { const it = g(); it.next(); new C(it); its.push(it); }
let s = '';
for (const it of its) s = C.read(it) + C.has(it) + C.acc(it) + it.next().value;
console.log(s, C.has(g()));
