// A base constructor called on instances of many subclasses: one receiver
// shape, many prototypes. Its stores go through the chain memo
// (runtime/inline_cache.rs `transition_chain_ok`, compiler/property.rs
// `chain_memo_hit`); every change that can intercept the store must be
// seen.

function Base(v) { this.a = v; this.b = v + 1; }
const ctors = [];
for (let i = 0; i < 24; i++) {
  const C = function (v) { Base.call(this, v); };
  C.prototype = Object.create(Base.prototype);
  C.prototype.id = i;
  ctors.push(C);
}
// How many of n new instances got `a` and `b` as own data properties with
// the stored values, and the last instance.
function make(n) {
  let s = 0;
  let last;
  for (let r = 0; r < n; r++) {
    last = new ctors[r % ctors.length](r);
    if (last.a === r && last.b === r + 1) s++;
  }
  return [s, last];
}
console.log("warm", make(5000)[0]);

// A setter on one subclass prototype: stores into its instances call it.
let log = [];
Object.defineProperty(ctors[3].prototype, "a", {
  set(v) { log.push(v); }, get() { return "getter"; }, configurable: true,
});
{
  const o = new ctors[3](7);
  console.log("setter", o.a, o.b, Object.keys(o).join(), log.join());
  console.log("others", make(2400)[0]);
}
delete ctors[3].prototype.a;

// A read-only property on the shared base prototype: no store adds `b`.
Object.defineProperty(Base.prototype, "b", { value: "ro", writable: false, configurable: true });
{
  const [, last] = make(48);
  const o = new ctors[5](1);
  console.log("read-only", o.b, Object.keys(o).join(), last.b);
}
delete Base.prototype.b;
console.log("restored", make(2400)[0]);

// A prototype whose own prototype changes to one with a setter.
const trap = { set a(v) { log.push("trap " + v); } };
Object.setPrototypeOf(ctors[7].prototype, trap);
{
  log = [];
  const o = new ctors[7](3);
  console.log("setPrototypeOf", Object.keys(o).join(), log.join(), o.b);
}
Object.setPrototypeOf(ctors[7].prototype, Base.prototype);

// A Proxy on the chain sees the store.
const seen = [];
const proxy = new Proxy({}, {
  set(t, k, v, r) { seen.push(String(k)); return Reflect.defineProperty(r, k, { value: v, writable: true, enumerable: true, configurable: true }); },
});
Object.setPrototypeOf(ctors[9].prototype, proxy);
{
  const o = new ctors[9](4);
  console.log("proxy", seen.join(), o.a, o.b, Object.keys(o).join());
}
Object.setPrototypeOf(ctors[9].prototype, Base.prototype);

// Receivers the memo must not take: non-extensible, and a receiver with a
// null prototype.
{
  const o = Object.create(ctors[2].prototype);
  Object.preventExtensions(o);
  Base.call(o, 9);
  console.log("non-extensible", Object.keys(o).length, o.a);
  const n = Object.create(null);
  Base.call(n, 10);
  console.log("null proto", n.a, n.b);
  const f = function () {};
  Object.setPrototypeOf(f, ctors[4].prototype);
  Base.call(f, 11);
  console.log("function receiver", f.a, f.b, Object.keys(f).join());
  const arr = [];
  Object.setPrototypeOf(arr, ctors[6].prototype);
  Base.call(arr, 12);
  console.log("array receiver", arr.a, arr.b, arr.length, Object.keys(arr).join());
}

// A frozen prototype: its data properties become read-only.
Base.prototype.a = "proto a";
Object.freeze(ctors[11].prototype);
{
  const o = new ctors[11](5);
  console.log("inherited data", o.a, Object.keys(o).join());
  Object.defineProperty(Base.prototype, "a", { writable: false });
  const p = new ctors[12](6);
  console.log("frozen chain", p.a, Object.keys(p).join());
}
console.log("end", make(2400)[0]);
