// Expected output produced by node. Each Proxy trap (10.5) is called with the spec's arguments, and an absent trap forwards to the target.
var print = console.log;
var log = [];
function show(v) {
  if (v === target) return "target";
  if (v === handler) return "handler";
  if (v === p) return "proxy";
  if (typeof v === "symbol") return v.toString();
  if (Array.isArray(v)) return "[" + v.map(show).join(",") + "]";
  if (v && typeof v === "object") return JSON.stringify(v);
  return String(v);
}
var target = { a: 1 };
var handler = {};
["getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions", "getOwnPropertyDescriptor",
 "defineProperty", "has", "get", "set", "deleteProperty", "ownKeys"].forEach(function (name) {
  handler[name] = function () {
    log.push(name + "(" + Array.prototype.map.call(arguments, show).join(", ") + ")");
    if (this !== handler) log.push("bad this");
    return Reflect[name].apply(null, arguments);
  };
});
var p = new Proxy(target, handler);
function step(what, f) { log = []; var r = f(); print(what, "=>", show(r), "|", log.join("; ")); }
step("getPrototypeOf", () => Object.getPrototypeOf(p) === Object.prototype);
step("setPrototypeOf", () => Reflect.setPrototypeOf(p, Object.prototype));
step("isExtensible", () => Object.isExtensible(p));
step("getOwnPropertyDescriptor", () => Object.getOwnPropertyDescriptor(p, "a"));
step("defineProperty", () => Reflect.defineProperty(p, "b", { value: 2, writable: true }));
step("has", () => "a" in p);
step("get", () => p.a);
step("get symbol", () => p[Symbol.iterator]);
step("get index", () => p[0]);
step("set", () => { p.c = 3; return target.c; });
step("deleteProperty", () => delete p.c);
step("ownKeys", () => Object.getOwnPropertyNames(p));
step("keys", () => Object.keys(p));
step("preventExtensions", () => Reflect.preventExtensions(p));
step("receiver", () => Reflect.get(p, "a", 42));

// Absent, undefined and null traps forward to the target.
var t2 = { x: 1 };
var fwd = new Proxy(t2, { get: undefined, set: null });
fwd.y = 2;
print("forward", fwd.x, t2.y, "x" in fwd, Object.keys(fwd).join(), delete fwd.x, Object.keys(t2).join());

// The handler's traps are looked up at each operation.
var h3 = {};
var p3 = new Proxy({ v: "target" }, h3);
print("late", p3.v);
h3.get = function () { return "trap"; };
print("late", p3.v);

// Getters on the target see the proxy's receiver.
var withGetter = new Proxy({ get me() { return this; } }, {});
print("receiver is proxy", withGetter.me === withGetter);
