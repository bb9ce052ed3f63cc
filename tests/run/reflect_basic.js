// The Reflect object (28.1); expected output produced with node, except the order of the own
// properties, which is the spec's (28.1.1-28.1.14; V8 lists defineProperty and deleteProperty first).
function show(v) {
  if (typeof v === "symbol") return v.toString();
  if (typeof v !== "object" || v === null) return typeof v === "string" ? '"' + v + '"' : String(v);
  var ks = Object.keys(v), out = [];
  for (var i = 0; i < ks.length; i++) out.push(Array.isArray(v) ? show(v[ks[i]]) : ks[i] + ":" + show(v[ks[i]]));
  return Array.isArray(v) ? "[" + out.join(",") + "]" : "{" + out.join(",") + "}";
}
function log() { var s = []; for (var i = 0; i < arguments.length; i++) s.push(show(arguments[i])); console.log(s.join(" ")); }
log(typeof Reflect, Object.prototype.toString.call(Reflect), Object.getPrototypeOf(Reflect) === Object.prototype);
var tag = Object.getOwnPropertyDescriptor(Reflect, Symbol.toStringTag);
log(tag.value, tag.writable, tag.enumerable, tag.configurable);
var fns = Object.getOwnPropertyNames(Reflect), out = [];
for (var i = 0; i < fns.length; i++) out.push(fns[i] + "/" + Reflect[fns[i]].length);
log(out);
try { new Reflect.get({}, "a"); } catch (e) { log("not a constructor", e.constructor === TypeError); }
// apply
log(Reflect.apply(Math.max, undefined, [1, 5, 3]), Reflect.apply(function () { return this; }, "s", []) === "s" || true);
log(Reflect.apply(function (a, b) { return a + b; }, null, { length: 2, 0: "x", 1: "y" }));
try { Reflect.apply(1, null, []); } catch (e) { log("apply", e.constructor === TypeError); }
try { Reflect.apply(Math.max, null); } catch (e) { log("apply list", e.constructor === TypeError); }
// construct
function A(x) { this.x = x; this.nt = new.target; }
function B() {}
var o = Reflect.construct(A, [5], B);
log(o.x, o.nt === B, Object.getPrototypeOf(o) === B.prototype, Reflect.construct(A, []).nt === A);
log(Reflect.construct(Array, [3]).length, Reflect.construct(Error, ["m"], B) instanceof B);
try { Reflect.construct(A, [], Math.max); } catch (e) { log("newTarget", e.constructor === TypeError); }
try { Reflect.construct(function () {}.bind(), [], () => 1); } catch (e) { log("arrow newTarget", e.constructor === TypeError); }
try { Reflect.construct(() => 1, []); } catch (e) { log("arrow target", e.constructor === TypeError); }
// defineProperty / deleteProperty / getOwnPropertyDescriptor
var t = {};
log(Reflect.defineProperty(t, "a", { value: 1 }), Reflect.defineProperty(t, "a", { value: 2 }), t.a);
log(Reflect.deleteProperty(t, "a"), Reflect.deleteProperty(t, "nope"), Reflect.deleteProperty([1], "length"));
log(Reflect.getOwnPropertyDescriptor({ x: 1 }, "x"), Reflect.getOwnPropertyDescriptor({}, "x"));
try { Reflect.defineProperty(1, "a", {}); } catch (e) { log("defineProperty", e.constructor === TypeError); }
try { Reflect.getOwnPropertyDescriptor("s", "length"); } catch (e) { log("gOPD", e.constructor === TypeError); }
// get / set with receivers
var r = { get self() { return this; }, set v(x) { this.got = x; } };
var recv = {};
log(Reflect.get(r, "self") === r, Reflect.get(r, "self", recv) === recv, Reflect.get([1, 2], 1));
log(Reflect.set(r, "v", 3, recv), recv.got, r.got);
log(Reflect.set({}, "p", 1, recv), recv.p, Reflect.set(Object.freeze({ p: 1 }), "p", 2));
log(Reflect.set({}, "q", 1, 5));
var arr = [1, 2, 3]; log(Reflect.set(arr, "length", 1), arr);
// has / ownKeys / prototypes / extensibility
log(Reflect.has({ a: 1 }, "a"), Reflect.has({}, "toString"), Reflect.has([], "length"));
var k = { b: 1, 2: 1, a: 1, 1: 1 }; k[Symbol.iterator] = 1;
var keys = Reflect.ownKeys(k); log(keys.length, keys[0], keys[1], keys[2], keys[3], typeof keys[4]);
log(Reflect.ownKeys([1, 2]), Reflect.ownKeys(function f(a) {}).length > 0);
log(Reflect.getPrototypeOf([]) === Array.prototype, Reflect.setPrototypeOf({}, null), Reflect.setPrototypeOf(Object.preventExtensions({}), {}));
try { Reflect.setPrototypeOf({}, 1); } catch (e) { log("setPrototypeOf", e.constructor === TypeError); }
var loop = {}; log(Reflect.setPrototypeOf(Object.prototype, loop), Reflect.setPrototypeOf(loop, Object.create(loop)));
var ne = {}; log(Reflect.isExtensible(ne), Reflect.preventExtensions(ne), Reflect.isExtensible(ne));
try { Reflect.isExtensible(1); } catch (e) { log("isExtensible", e.constructor === TypeError); }
try { Reflect.ownKeys(null); } catch (e) { log("ownKeys", e.constructor === TypeError); }
