// PromiseResolve (27.2.4.7.1) reads x.constructor on every `await` and
// `Promise.resolve(x)`: the value must follow every change of the property
// (its value, an own property on the promise, an accessor, deletion, a
// subclass). Expected output generated with node.
const log = [];
const p = Promise.resolve(1);
log.push(Promise.resolve(p) === p);
log.push(Promise.resolve(p) === p);
// The value changes (same shape).
const original = Promise.prototype.constructor;
Promise.prototype.constructor = function Other() {};
log.push(Promise.resolve(p) === p);
Promise.prototype.constructor = original;
log.push(Promise.resolve(p) === p);
// An own property on one promise.
const q = Promise.resolve(2);
q.constructor = Object;
log.push(Promise.resolve(q) === q);
log.push(Promise.resolve(p) === p);
// An accessor on the prototype (a new shape).
let reads = 0;
Object.defineProperty(Promise.prototype, "constructor", {
  get() { reads++; return Promise; }, configurable: true,
});
log.push(Promise.resolve(p) === p, reads);
log.push(Promise.resolve(p) === p, reads);
// Deleted: inherited from Object.prototype.
delete Promise.prototype.constructor;
log.push(Promise.resolve(p) === p);
Object.defineProperty(Promise.prototype, "constructor", {
  value: Promise, writable: true, configurable: true,
});
log.push(Promise.resolve(p) === p);
// A subclass and its instances.
class Sub extends Promise {}
const s = Sub.resolve(3);
log.push(s instanceof Sub, Sub.resolve(s) === s, Promise.resolve(s) === s);
Sub.prototype.constructor = Promise;
log.push(Promise.resolve(s) === s);
// `await` of a promise whose constructor getter runs.
let awaited = 0;
const r = Promise.resolve(4);
Object.defineProperty(r, "constructor", { get() { awaited++; return Promise; } });
(async () => {
  const v = await r;
  const w = await p;
  log.push(v, w, awaited);
  // new Promise with a new.target other than %Promise%.
  const t = Reflect.construct(Promise, [() => {}], Sub);
  log.push(Object.getPrototypeOf(t) === Sub.prototype);
  const u = new Promise(() => {});
  log.push(Object.getPrototypeOf(u) === Promise.prototype);
  console.log(log.join(" "));
})();
