// Object.prototype methods (20.1.3) and Annex B (B.2.2); expected output produced with node.
function show(v) {
  if (typeof v === "symbol") return v.toString();
  if (typeof v !== "object" || v === null) return typeof v === "string" ? '"' + v + '"' : String(v);
  var ks = Object.keys(v), out = [];
  for (var i = 0; i < ks.length; i++) out.push(Array.isArray(v) ? show(v[ks[i]]) : ks[i] + ":" + show(v[ks[i]]));
  return Array.isArray(v) ? "[" + out.join(",") + "]" : "{" + out.join(",") + "}";
}
function log() { var s = []; for (var i = 0; i < arguments.length; i++) s.push(show(arguments[i])); console.log(s.join(" ")); }
var toString = Object.prototype.toString;
function args() { return arguments; }
log(toString.call(undefined), toString.call(null), toString.call([]), toString.call(args()), toString.call(function () {}),
    toString.call(new Error("x")), toString.call(true), toString.call(1), toString.call(""), toString.call(/x/), toString.call({}),
    toString.call(Symbol()), toString.call(1n), toString.call(Reflect));
var tagged = {}; tagged[Symbol.toStringTag] = "Custom"; log(toString.call(tagged));
var notString = []; notString[Symbol.toStringTag] = 5; log(toString.call(notString));
log(({ a: 1 }).hasOwnProperty("a"), Object.prototype.hasOwnProperty.call("ab", "0"), Object.prototype.isPrototypeOf.call(Object.prototype, {}));
log(Object.prototype.isPrototypeOf.call(Array.prototype, []), Object.prototype.isPrototypeOf(1));
log(Object.prototype.propertyIsEnumerable.call([1], 0), Object.prototype.propertyIsEnumerable.call([1], "length"));
log(({ toString: function () { return "me"; } }).toLocaleString(), typeof Object.prototype.valueOf.call(1));
try { Object.prototype.valueOf.call(null); } catch (e) { log("valueOf", e.constructor === TypeError); }
try { Object.prototype.hasOwnProperty.call(undefined, "a"); } catch (e) { log("hasOwnProperty", e.constructor === TypeError); }
// __proto__.
var d = Object.getOwnPropertyDescriptor(Object.prototype, "__proto__");
log(typeof d.get, typeof d.set, d.enumerable, d.configurable, d.get.name, d.set.name);
var p = { inherited: 1 }, o = {};
o.__proto__ = p; log(o.inherited, o.__proto__ === p);
o.__proto__ = 5; log(o.__proto__ === p);
log(d.set.call(1, {}), (1).__proto__ === Number.prototype);
try { d.set.call(undefined, {}); } catch (e) { log("set __proto__", e.constructor === TypeError); }
try { Object.preventExtensions(o).__proto__ = {}; } catch (e) { log("non-extensible", e.constructor === TypeError); }
try { p.__proto__ = o; } catch (e) { log("cycle", e.constructor === TypeError); }
var bare = Object.create(null); bare.__proto__ = 3; log(Object.keys(bare));
// __defineGetter__ and friends.
var a = {};
a.__defineGetter__("x", function () { return 42; });
a.__defineSetter__("x", function (v) { this.y = v; });
a.x = 5;
var ad = Object.getOwnPropertyDescriptor(a, "x");
log(a.x, a.y, ad.enumerable, ad.configurable);
log(typeof a.__lookupGetter__("x"), typeof a.__lookupSetter__("x"), a.__lookupGetter__("y"), Object.create(a).__lookupGetter__("x") === ad.get);
try { a.__defineGetter__("z", 1); } catch (e) { log("not callable", e.constructor === TypeError); }
var frozen = Object.freeze({});
try { frozen.__defineGetter__("z", function () {}); } catch (e) { log("frozen", e.constructor === TypeError); }
log(Object.prototype.__defineGetter__.length, Object.prototype.__lookupSetter__.length, Object.prototype.__defineSetter__.name);
// %Object.prototype% is an immutable prototype exotic object (10.4.7).
log(Reflect.setPrototypeOf(Object.prototype, {}), Reflect.setPrototypeOf(Object.prototype, null), Object.isExtensible(Object.prototype));
try { Object.setPrototypeOf(Object.prototype, Object.create(null)); } catch (e) { log("immutable", e.constructor === TypeError); }
try { Object.prototype.__proto__ = {}; } catch (e) { log("immutable __proto__", e.constructor === TypeError); }
// The tag is concatenated as UTF-16 (a lone surrogate survives).
var lone = {}; lone[Symbol.toStringTag] = "\uD800x";
var ls = Object.prototype.toString.call(lone); log(ls.length, ls === "[object \uD800x]");
