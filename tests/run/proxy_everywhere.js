// Expected output produced by node. Proxies wherever the runtime takes an object: Array.isArray, JSON, Object.*, for-in, with, spread, instanceof, Reflect, property access from compiled code.
var print = console.log;
var log = [];
function logged(target) {
  return new Proxy(target, {
    get(t, k, r) { log.push("get:" + String(k)); return Reflect.get(t, k, r); },
    ownKeys(t) { log.push("ownKeys"); return Reflect.ownKeys(t); },
    getOwnPropertyDescriptor(t, k) { log.push("gopd:" + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); },
    has(t, k) { log.push("has:" + String(k)); return Reflect.has(t, k); },
  });
}
function step(what, f) { log = []; var r = f(); print(what, JSON.stringify(r), "|", log.join(" ")); }
step("Array.isArray", () => [Array.isArray(new Proxy([], {})), Array.isArray(new Proxy(new Proxy([], {}), {})), Array.isArray(new Proxy({}, {}))]);
step("JSON.stringify object", () => JSON.stringify(logged({ a: 1, b: [2] })));
step("JSON.stringify array", () => JSON.stringify(logged([1, 2])));
step("JSON.parse reviver", () => JSON.parse("[1,{\"a\":2}]", function (k, v) { return v; }));
step("Object.keys", () => Object.keys(logged({ a: 1, b: 2 })));
step("Object.entries", () => Object.entries(logged({ a: 1 })));
step("Object.assign", () => Object.assign({}, logged({ a: 1, b: 2 })));
step("Object.getOwnPropertyDescriptors", () => Object.getOwnPropertyDescriptors(logged({ a: 1 })));
step("for-in", () => { var ks = []; for (var k in logged({ a: 1, b: 2 })) ks.push(k); return ks; });
step("for-in prototype", () => { var ks = []; for (var k in Object.create(logged({ a: 1 }))) ks.push(k); return ks; });
step("spread", () => [...logged([1, 2])]);
step("object spread", () => ({ ...logged({ a: 1 }) }));
step("destructuring", () => { var { a, ...rest } = logged({ a: 1, b: 2 }); return [a, rest]; });
step("with", () => { var env = logged({ x: 5 }); with (env) { return x; } });
step("instanceof", () => [logged({}) instanceof Object, [] instanceof logged(Array)]);
step("in", () => "a" in logged({ a: 1 }));
step("Reflect.ownKeys", () => Reflect.ownKeys(logged({ a: 1, [Symbol.iterator]: 0 })).length);
step("Object.freeze", () => Object.isFrozen(Object.freeze(new Proxy({ a: 1 }, {}))));
step("Array methods", () => Array.prototype.map.call(logged([1, 2]), function (x) { return x * 10; }));
step("concat spreadable", () => [0].concat(new Proxy([1, 2], {})));
step("Object.prototype.toString", () => [Object.prototype.toString.call(new Proxy([], {})), Object.prototype.toString.call(new Proxy({}, {}))]);
step("hasOwnProperty", () => Object.prototype.hasOwnProperty.call(logged({ a: 1 }), "a"));
// Compiled code's property access in a loop: the inline caches must not serve the proxy.
step("loop reads", () => {
  var objs = [{ v: 1 }, new Proxy({ v: 2 }, { get(t, k) { return k === "v" ? 20 : undefined; } }), { v: 3 }];
  var s = [];
  for (var i = 0; i < 9; i++) s.push(objs[i % 3].v);
  return s;
});
step("loop writes", () => {
  var hits = 0;
  var px = new Proxy({}, { set(t, k, v) { hits++; return true; } });
  var objs = [{}, px];
  for (var i = 0; i < 10; i++) objs[i % 2].w = i;
  return [hits, Object.keys(px).length, objs[0].w];
});
step("proxy as prototype", () => {
  var proto = new Proxy({ inherited: 1 }, { get(t, k, r) { return k === "dyn" ? r === child : Reflect.get(t, k, r); } });
  var child = Object.create(proto);
  var s = [];
  for (var i = 0; i < 3; i++) s.push(child.inherited, child.dyn);
  child.own = 1;
  return [s, child.own, Object.keys(child)];
});
step("String(proxy)", () => String(new Proxy({ toString() { return "custom"; } }, {})));
step("template", () => `${new Proxy([1, 2], {})}`);
