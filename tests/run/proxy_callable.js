// Expected output produced by node. Proxies of functions are callable ([[Call]], the apply trap) and proxies of constructors are constructors ([[Construct]], the construct trap).
var print = console.log;
function add(a, b) { "use strict"; return (this === undefined ? "u" : this.tag) + ":" + (a + b); }
var plain = new Proxy(add, {});
print(typeof plain, plain(1, 2), plain.call({ tag: "c" }, 3, 4), plain.apply({ tag: "a" }, [5, 6]));
print(plain.bind({ tag: "b" }, 7)(8), plain.length, plain.name);
var log = [];
var traced = new Proxy(add, {
  apply(t, thisArg, args) { log.push([t === add, String(thisArg && thisArg.tag), Array.isArray(args), args.join()].join("/")); return t.apply(thisArg, args) + "!"; }
});
print(traced(1, 2), traced.call({ tag: "x" }, 3, 4), Reflect.apply(traced, { tag: "r" }, [5, 6]));
var o = { m: traced, tag: "m" };
print(o.m(9, 9));
print(log.join(" "));
print(typeof new Proxy({}, { apply() { return 1; } }), typeof new Proxy(class {}, {}), typeof new Proxy(() => 1, {}));

class Point { constructor(x) { this.x = x; this.nt = new.target === Point; } }
var P = new Proxy(Point, {});
var pt = new P(3);
print(pt.x, pt.nt, pt instanceof Point, pt instanceof P, Object.getPrototypeOf(pt) === Point.prototype);
var seen;
var P2 = new Proxy(Point, {
  construct(t, args, nt) { seen = [t === Point, args.join(), nt === P2].join("/"); return { made: args[0] }; }
});
print(new P2(1, 2).made, seen);
print(Reflect.construct(P2, [5], Point).made, seen);
class Sub extends P { constructor() { super(10); this.sub = true; } }
var s = new Sub();
print(s.x, s.sub, s instanceof Sub, s instanceof Point, s.nt);
try { P(); } catch (e) { print("class call:", e.constructor.name); }
try { new (new Proxy(Math.max, {}))(); } catch (e) { print("not a constructor:", e.constructor.name); }
try { new Proxy({}, {})(); } catch (e) { print("not callable:", e.constructor.name); }
print(Function.prototype.toString.call(plain).includes("native code"));
print(Object.prototype.toString.call(plain), Object.prototype.toString.call(P));
var bound = Function.prototype.bind.call(P, null, 4);
print(new bound().x);
