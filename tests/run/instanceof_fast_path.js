// instanceof reads @@hasInstance and "prototype" from storage when no code
// can run; every other case takes the spec's steps.
// Expected output produced with node 20.
class A {}
class B extends A {}
console.log(new B() instanceof A, new A() instanceof B, [] instanceof Object, 1 instanceof A);
function F() {}
F.prototype = 3;
try { ({}) instanceof F; } catch (e) { console.log(e.constructor.name); }
F.prototype = {};
var bound = F.bind(null);
console.log(Object.create(F.prototype) instanceof bound, {} instanceof bound);
class C { static [Symbol.hasInstance](x) { return x === 1; } }
class D extends C {}
console.log(1 instanceof C, 2 instanceof C, 1 instanceof D);
function G() {}
Object.defineProperty(G, Symbol.hasInstance, { value: () => true });
console.log(null instanceof G);
// A "prototype" getter (a bound function's own accessor).
function H() {}
var calls = 0;
var proxy = new Proxy(H, { get(t, k) { calls++; return Reflect.get(t, k); } });
console.log(new H() instanceof proxy, calls);
// A proxy on the instance's chain runs its getPrototypeOf trap.
var traps = 0;
var p = new Proxy({}, { getPrototypeOf(t) { traps++; return A.prototype; } });
console.log(p instanceof A, traps);
// Function.prototype[@@hasInstance] cannot be replaced.
try {
  Object.defineProperty(Function.prototype, Symbol.hasInstance, { value: () => true });
} catch (e) { console.log(e.constructor.name); }
console.log({} instanceof A);
// An object whose prototype is changed later.
var o = new A();
Object.setPrototypeOf(o, B.prototype);
console.log(o instanceof B, o instanceof A);
Object.setPrototypeOf(B, Object.prototype);
try { new B() instanceof B; } catch (e) { console.log(e.constructor.name); }
console.log(new A() instanceof Function, A instanceof Function);
// Constructors tested many times (the per-shape cache), then changed.
function Base() {}
function Derived() {}
Derived.prototype = Object.create(Base.prototype);
var d = new Derived(), hits = 0;
for (var i = 0; i < 100; i++) if (d instanceof Base && d instanceof Derived && !(d instanceof Array)) hits++;
Base.prototype = {};
console.log(hits, d instanceof Base, d instanceof Derived);
Derived.prototype = 7;
try { d instanceof Derived; } catch (e) { console.log(e.constructor.name); }
Object.defineProperty(Base, Symbol.hasInstance, { value: function () { return "yes"; } });
console.log(d instanceof Base, 1 instanceof Base);
Object.setPrototypeOf(Derived, { [Symbol.hasInstance]() { return true; } });
console.log(1 instanceof Derived);
var notCallable = Object.create(Function.prototype);
notCallable.prototype = Base.prototype;
console.log(d instanceof notCallable);
