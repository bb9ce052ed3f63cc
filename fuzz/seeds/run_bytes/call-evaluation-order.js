// 13.3.6.1: the callee of a method call is read before the arguments are
// evaluated, and an optional call reads its callee once.
var log = [];
var o = {
  get m() { log.push("get m"); return function (v) { return this === o; }; },
};
print(o.m(log.push("argument")), log.join(", "));

var s = {};
try {
  s.missing.method(print("not printed: the base is undefined"));
} catch (e) {
  print(e.name);
}

var calls = 0;
function make() {
  calls++;
  return { v: 3, get() { return this.v; } };
}
print(make().get?.(), calls);
var nothing = null;
print(nothing?.get(), nothing?.get?.(), make().none?.(), calls);

const a = { b() { return this._b; }, _b: { c: 42 } };
print(a?.b().c, (a?.b)().c, a.b?.().c, (a.b)?.().c, a?.b?.().c, (a?.b)?.().c);
