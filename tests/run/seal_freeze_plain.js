// Object.seal / Object.freeze of plain objects take the replayed shape at
// once; the result must be what the per-property steps give.
// Expected output produced with node 20.
function show(o) {
  var out = [];
  for (var k of Reflect.ownKeys(o)) {
    var d = Object.getOwnPropertyDescriptor(o, k);
    out.push(String(k) + ":" + ("value" in d ? "v" + d.writable : "acc") + d.enumerable + d.configurable);
  }
  return out.join(" ") + " ext=" + Object.isExtensible(o) + " sealed=" + Object.isSealed(o) + " frozen=" + Object.isFrozen(o);
}
var sym = Symbol("s");
var o = { a: 1, get b() { return 2; }, [sym]: 3 };
Object.defineProperty(o, "hidden", { value: 4, enumerable: false, writable: true, configurable: true });
var t = { a: 1, get b() { return 2; }, [sym]: 3 };
console.log(show(Object.seal(o)));
console.log(show(Object.freeze(t)));
o.a = 10; delete o.a; o.z = 1;
console.log(o.a, o.z, o.b);
"use strict";
(function () {
  "use strict";
  try { t.a = 2; } catch (e) { console.log(e.constructor.name); }
  try { delete o.hidden; } catch (e) { console.log(e.constructor.name); }
})();
// Two objects of one shape seal to one shape; an unsealed one is untouched.
function P(x) { this.x = x; this.y = x + 1; Object.seal(this); }
var p1 = new P(1), p2 = new P(2), q = { x: 1, y: 2 };
p1.x = 5;
console.log(p1.x, p2.x, show(p2), show(q));
// A function and a class with private fields.
function f() {}
Object.freeze(f);
console.log(show(f));
class K { #p = 1; static read(k) { return k.#p; } static write(k) { k.#p = 7; return k.#p; } }
var k = Object.freeze(new K());
console.log(K.read(k), K.write(k), Object.isFrozen(k));
// An inline cache that read through a prototype sees the new attributes.
var proto = { m: 1 };
var child = Object.create(proto);
function setM(c, v) { c.m = v; return c.m; }
for (var i = 0; i < 50; i++) setM(Object.create(proto), i);
Object.freeze(proto);
console.log(setM(child, 99), Object.hasOwn(child, "m"));
// Arrays and objects with elements go the per-property way.
var arr = Object.freeze([1, 2]);
var withElems = Object.seal({ 0: "a", n: 1 });
console.log(show(arr), show(withElems));
