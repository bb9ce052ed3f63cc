// A computed key is converted with ToPropertyKey once when the reference is
// both read and written (6.2.5.5 GetValue step 3.b).
var conversions = 0;
var key = { toString() { conversions++; return "k"; } };
var base = {};
base[key] = 1;
base[key] += 1;
base[key]++;
base[key] ??= 10;
base[key] ||= 10;
base[key] &&= base[key] * 2;
print(base.k, conversions);

// delete of identifiers (13.5.1.2): global object properties ask the global
// object; bindings of functions and `var`s cannot be deleted.
implicitGlobal = 1;
var declared = 2;
print(delete implicitGlobal, typeof implicitGlobal);
print(delete declared, typeof declared);
print(delete neverDeclared);
function f(p) { var local = 1; return [delete p, delete local]; }
print(f(1).join());

// 13.15.2: `(x) = function () {}` is not a NamedEvaluation.
var named, unnamed;
named = function () {};
(unnamed) = function () {};
print(named.name, JSON_like(unnamed.name));
function JSON_like(s) { return '"' + s + '"'; }

// 14.7.4.2: closures created in a `for (let ...)` initializer keep the
// initial bindings; every iteration, the first one included, has a copy.
var before, inFirstTest;
var first = true;
for (let x = "init", _ = (before = () => x); first && ((x = "iteration"), (inFirstTest = () => x)); ) {
  first = false;
}
print(before(), inFirstTest());
