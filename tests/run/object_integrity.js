// SetIntegrityLevel / TestIntegrityLevel (7.3.16, 7.3.17) on every object kind; expected output produced with node,
// except that a sealed empty array or function (writable `length`/`prototype`) is not frozen (7.3.17 step 3.b.ii; V8 says it is).
function show(v) {
  if (typeof v === "symbol") return v.toString();
  if (typeof v !== "object" || v === null) return typeof v === "string" ? '"' + v + '"' : String(v);
  var ks = Object.keys(v), out = [];
  for (var i = 0; i < ks.length; i++) out.push(Array.isArray(v) ? show(v[ks[i]]) : ks[i] + ":" + show(v[ks[i]]));
  return Array.isArray(v) ? "[" + out.join(",") + "]" : "{" + out.join(",") + "}";
}
function log() { var s = []; for (var i = 0; i < arguments.length; i++) s.push(show(arguments[i])); console.log(s.join(" ")); }
function check(name, o) {
  var r = [name, Object.isExtensible(o), Object.isSealed(o), Object.isFrozen(o)];
  Object.seal(o);
  r.push(Object.isExtensible(o), Object.isSealed(o), Object.isFrozen(o));
  Object.freeze(o);
  r.push(Object.isSealed(o), Object.isFrozen(o));
  log(r);
}
check("ordinary", { a: 1, get b() { return 2; } });
check("empty", {});
check("array", [1, 2, 3]);
check("empty array", []);
check("string", new String("abc"));
check("empty string", new String(""));
check("function", function f(a) {});
check("arrow", () => 1);
check("sloppy arguments", (function (a) { return arguments; })(1, 2));
check("strict arguments", (function (a) { "use strict"; return arguments; })(1, 2));
check("number", new Number(1));
check("error", new Error("e"));
check("regexp", /x/g);
log(Object.isFrozen(1), Object.isSealed("a"), Object.isExtensible(1), Object.freeze(2), Object.seal("s"), Object.preventExtensions(true));
// A frozen array keeps its length, a sealed one can change its elements.
var arr = Object.seal([1, 2]);
arr[0] = 9; arr[5] = 1; log(arr, arr.length);
var fa = Object.freeze([1, 2]);
fa[0] = 9; fa.length = 0; log(fa, fa.length);
(function () { "use strict"; try { fa.push(3); } catch (e) { log("push", e.constructor === TypeError); } })();
// A frozen mapped arguments object no longer follows the parameter.
(function (a) { Object.freeze(arguments); a = 5; log(arguments[0], Object.getOwnPropertyDescriptor(arguments, "0").writable); })(1);
// Frozen accessors keep their functions.
var acc = Object.freeze({ get x() { return 1; }, set x(v) {} });
var d = Object.getOwnPropertyDescriptor(acc, "x");
log(typeof d.get, typeof d.set, d.configurable, "writable" in d);
// Sealing does not touch writability; a non-extensible object with no properties is frozen.
var s = Object.seal({ a: 1 }); s.a = 2; log(s.a, Object.isFrozen(Object.preventExtensions({})));
var nonConfig = Object.preventExtensions(Object.defineProperty({}, "x", { value: 1 }));
log(Object.isSealed(nonConfig), Object.isFrozen(nonConfig));
