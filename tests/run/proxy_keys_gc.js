// Expected output produced by node. Keys that only a proxy's ownKeys trap result holds (fresh strings and symbols) stay alive through every consumer of [[OwnPropertyKeys]] (run under GC stress by CI).
var print = console.log;
function fresh(n) {
  var ks = [];
  for (var i = 0; i < n; i++) ks.push("key" + i + "_" + "x".repeat(i % 3));
  for (var j = 0; j < 3; j++) ks.push(Symbol("sym" + j));
  return ks;
}
var handler = {
  ownKeys() { return fresh(6); },
  getOwnPropertyDescriptor(t, k) { return { value: String(k), enumerable: true, configurable: true, writable: true }; },
  get(t, k) { return typeof k === "symbol" ? k.description : "v:" + k; },
  defineProperty() { return true; },
  preventExtensions() { return false; },
};
var p = new Proxy({}, handler);
print(Reflect.ownKeys(p).map(String).join());
print(Object.getOwnPropertyNames(p).join());
print(Object.getOwnPropertySymbols(p).map(String).join());
print(Object.keys(p).join(), Object.values(p).join());
print(JSON.stringify(Object.entries(p)));
print(JSON.stringify({ ...p }));
var { key0, ...rest } = p;
print(key0, JSON.stringify(rest));
print(JSON.stringify(Object.assign({}, p)));
print(Object.keys(Object.getOwnPropertyDescriptors(p)).join());
var ks = []; for (var k in p) ks.push(k); print(ks.join());
print(JSON.stringify(p));
print(Object.isFrozen(p), Object.isSealed(p));
var sealedTarget = Object.preventExtensions({});
var q = new Proxy(sealedTarget, { ownKeys() { return []; } });
print(Object.isFrozen(q), Object.isSealed(q));
