// `new F(...)` of a base constructor from compiled code: the this value is
// made by the runtime, the constructor body is called directly (issue 9
// point 8). Edge cases of that path: results, new.target, exceptions,
// reassigned prototypes, non-closure callees and long argument lists.
// Expected output generated with node.
function log(...a) { console.log(...a); }

function P(x) { this.x = x; }
P.prototype.get = function () { return this.x; };
let s = 0;
for (let i = 0; i < 1000; i++) s += new P(i).get();
log("sum", s);

// An object result replaces the this value; a primitive does not.
function R(v) { this.own = 1; return v; }
const box = { boxed: true };
log(new R(box) === box, new R(1).own, new R("s").own, new R(null).own, new R(undefined).own);
log(typeof new R(function () {}), new R(Symbol.iterator).own);

// new.target is the constructor, and undefined in plain calls made from it
// and after a construction that threw.
function plain() { return new.target; }
function T(f) { this.nt = new.target === T; this.inner = plain(); this.arrow = (() => new.target)() === T; if (f) throw new Error("boom " + f); }
const t = new T(0);
log(t.nt, t.inner, t.arrow);
try { new T(1); } catch (e) { log(e.message); }
log(plain(), new T(0).nt);

// The prototype is read at each construction.
function Q() {}
const a = new Q();
Q.prototype = { tag: "second" };
const b = new Q();
Q.prototype = 42;
const c = new Q();
log(Object.getPrototypeOf(a) !== Object.getPrototypeOf(b), b.tag, Object.getPrototypeOf(c) === Object.prototype);

// Classes: base, with fields, derived (the generic path), and errors.
class A { x = 1; #y = 2; constructor(z) { this.z = z; } sum() { return this.x + this.#y + this.z; } }
class B extends A { w = 10; constructor() { super(5); } sum() { return super.sum() + this.w; } }
let total = 0;
for (let i = 0; i < 100; i++) total += new A(i).sum() + new B().sum();
log("classes", total);
class Ret { constructor() { return [1, 2]; } }
log(Array.isArray(new Ret()));
try { A(); } catch (e) { log(e.constructor.name); }

// Callees that are not base constructor closures.
const bound = P.bind(null, 7);
log(new bound().get(), new bound() instanceof P);
const prox = new Proxy(P, {});
log(new prox(3).x);
log(new Date(0).getTime(), new Array(3).length, new Map([[1, 2]]).get(1));
for (const f of [() => 1, { m() {} }.m, Math.max, 5, undefined, function* g() {}]) {
  try { new f(); log("constructed?"); } catch (e) { log(e.constructor.name); }
}

// Many arguments (past the direct path's limit) and arguments objects.
function Many() { this.n = arguments.length; this.last = arguments[arguments.length - 1]; }
const args = Array.from({ length: 100 }, (_, i) => i);
log(new Many(...args).n, new Many(...args).last, new Many(1, 2, 3).n);

// Nested constructions (the stack overflow case, a RangeError, is in
// new_stack_overflow.js: too slow under --gc-stress 1).
function Deep(n) { this.child = n > 0 ? new Deep(n - 1) : null; }
let d = new Deep(100), depth = 0;
while (d) { depth++; d = d.child; }
log("depth", depth);
