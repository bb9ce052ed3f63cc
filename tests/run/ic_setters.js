// Setter calls from set caches (own and inherited accessors, several
// shapes per site, setters replaced or removed). Expected output generated
// with node.
const log = [];
class P {
  set v(x) { log.push("P" + x); this._v = x; }
  get v() { return this._v; }
}
class Q extends P {
  set v(x) { log.push("Q" + x); this._v = x * 10; }
  get v() { return this._v; }
}
function setV(o, x) { o.v = x; }
const objs = [new P(), new Q(), { set v(x) { log.push("own" + x); } }, new P()];
objs[3].extra = 1;
for (let r = 0; r < 30; r++) for (const o of objs) setV(o, r);
console.log(log.length, log.slice(-8).join(), objs.map(o => o._v).join());
log.length = 0;
// Replace the setter on the prototype.
Object.defineProperty(P.prototype, "v", { set(x) { log.push("P2:" + x); }, configurable: true });
for (const o of objs) setV(o, "z");
console.log(log.join());
log.length = 0;
// Remove the setter: sloppy assignment is ignored, strict throws.
Object.defineProperty(P.prototype, "v", { get() { return "only getter"; }, set: undefined, configurable: true });
setV(objs[0], 1);
console.log("ignored", objs[0].v, log.length);
(function () {
  "use strict";
  try { objs[0].v = 2; console.log("no throw"); } catch (e) { console.log(e.constructor.name); }
})();
// Turn it into a data property on the prototype: stores now add own properties.
Object.defineProperty(P.prototype, "v", { value: 0, writable: true, configurable: true });
setV(objs[0], 42);
console.log("own now", objs[0].v, Object.getOwnPropertyNames(objs[0]).join(), P.prototype.v);
// A setter that throws, and one that changes the receiver's shape.
let k = 0;
const t = { set v(x) { if (x === 3) throw new Error("three"); this["n" + k++] = x; } };
for (let i = 0; i < 6; i++) {
  try { setV(t, i); } catch (e) { console.log("caught", e.message); }
}
console.log(Object.keys(t).join());
// Setter receiving a primitive-wrapping receiver through a proxy chain.
const seen = [];
const prox = new Proxy({}, { set(tgt, key, val, recv) { seen.push(key + "=" + val); return true; } });
const child = Object.create(prox);
for (let i = 0; i < 3; i++) setV(child, i);
console.log(seen.join());
