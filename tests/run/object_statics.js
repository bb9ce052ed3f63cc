// Object statics (20.1.2); expected output produced with node.
function show(v) {
  if (typeof v === "symbol") return v.toString();
  if (typeof v !== "object" || v === null) return typeof v === "string" ? '"' + v + '"' : String(v);
  var ks = Object.keys(v), out = [];
  for (var i = 0; i < ks.length; i++) out.push(Array.isArray(v) ? show(v[ks[i]]) : ks[i] + ":" + show(v[ks[i]]));
  return Array.isArray(v) ? "[" + out.join(",") + "]" : "{" + out.join(",") + "}";
}
function log() { var s = []; for (var i = 0; i < arguments.length; i++) s.push(show(arguments[i])); console.log(s.join(" ")); }
// assign: strings, symbols, order, getters run once, null sources skipped.
var src = { b: 1, a: 2, 1: "one" }; src[Symbol.iterator] = 3;
var t = Object.assign({}, src, null, undefined, "xy", 5);
log(t, t[Symbol.iterator]);
var calls = [];
Object.assign({ set x(v) { calls.push("set " + v); } }, { get x() { calls.push("get"); return 9; } });
log(calls);
log(typeof Object.assign(1), Object.assign.length, Object.assign.name);
try { Object.assign(null); } catch (e) { log(e.constructor === TypeError); }
// A getter deleting later keys: they are still visited with undefined descriptors skipped.
var del = { get a() { delete this.b; return 1; }, b: 2, c: 3 };
log(Object.assign({}, del));
// entries / values / keys skip non-enumerable and symbols.
var e = Object.defineProperty({ x: 1, y: 2 }, "h", { value: 3, enumerable: false });
log(Object.entries(e), Object.values(e), Object.keys(e), Object.entries("ab"));
// fromEntries with an iterator and with bad entries.
log(Object.fromEntries([["a", 1], ["b", 2], ["a", 3]]));
try { Object.fromEntries([1]); } catch (x) { log("fromEntries", x.constructor === TypeError); }
try { Object.fromEntries(null); } catch (x) { log("fromEntries null", x.constructor === TypeError); }
var closed = 0;
var it = {};
it[Symbol.iterator] = function () { return { next: function () { return { done: false, value: 7 }; }, return: function () { closed++; return {}; } }; };
try { Object.fromEntries(it); } catch (x) { log("closed", closed); }
// create / defineProperties: all descriptors are read before any is applied.
var order = [];
var props = { get a() { order.push("a"); return { value: 1, enumerable: true }; }, get b() { order.push("b"); return { get: function () { return 2; } }; } };
var c = Object.create({ inherited: true }, props);
log(order, c.a, c.b, c.inherited, Object.keys(c));
try { Object.defineProperties({}, { a: { value: 1 }, b: 5 }); } catch (x) { log("defineProperties", x.constructor === TypeError); }
var partial = {};
try { Object.defineProperties(partial, { a: { value: 1 }, b: { get: 5 } }); } catch (x) { log("nothing defined", Object.getOwnPropertyNames(partial).length); }
try { Object.create(1); } catch (x) { log("create", x.constructor === TypeError); }
log(Object.getPrototypeOf(Object.create(null)));
// getOwnPropertyDescriptors, getOwnPropertySymbols, getOwnPropertyNames.
var s1 = Symbol("s1");
var d = { get g() { return 1; }, v: 2 }; d[s1] = 3;
var ds = Object.getOwnPropertyDescriptors(d);
log(typeof ds.g.get, ds.g.set, ds.v, ds[s1].value);
log(Object.getOwnPropertySymbols(d).length, Object.getOwnPropertySymbols(d)[0] === s1, Object.getOwnPropertyNames("abc"));
// hasOwn, is.
log(Object.hasOwn({ a: 1 }, "a"), Object.hasOwn({ a: 1 }, "toString"), Object.hasOwn("ab", 1), Object.hasOwn("ab", "length"));
try { Object.hasOwn(null, "a"); } catch (x) { log("hasOwn", x.constructor === TypeError); }
log(Object.is(NaN, NaN), Object.is(0, -0), Object.is(-0, -0), Object.is("a", "a"), Object.is({}, {}));
// setPrototypeOf / getPrototypeOf on primitives.
log(Object.setPrototypeOf(1, null), Object.getPrototypeOf("x") === String.prototype);
try { Object.setPrototypeOf(Object.preventExtensions({}), {}); } catch (x) { log("setPrototypeOf", x.constructor === TypeError); }
// lengths and names.
var names = ["assign", "create", "defineProperties", "defineProperty", "entries", "freeze", "fromEntries", "getOwnPropertyDescriptor", "getOwnPropertyDescriptors", "getOwnPropertyNames", "getOwnPropertySymbols", "getPrototypeOf", "hasOwn", "is", "isExtensible", "isFrozen", "isSealed", "keys", "preventExtensions", "seal", "setPrototypeOf", "values"];
var lens = [];
for (var i = 0; i < names.length; i++) lens.push(names[i] + "/" + Object[names[i]].length + "/" + Object.getOwnPropertyDescriptor(Object, names[i]).enumerable);
log(lens);
