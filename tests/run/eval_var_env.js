// 19.2.1.3: sloppy direct eval in a function declares its vars in the
// function's variable environment.
function f() { eval("var x = 1"); return x; }
print(f(), typeof x);
function g() {
  eval("var y = 2");
  var inner = function () { return y + 1; };
  return [typeof y, inner()].join();
}
print(g());
function h() { eval("function k() { return 7; }"); return k(); }
print(h(), typeof k);
function d() { eval("var z = 3"); var deleted = delete z; return [deleted, typeof z].join(); }
print(d());
function s(a) { var q = 1; eval("var q = 5; var a = 9; var w = q + a"); return [q, a, w].join(); }
print(s(0));
function nested() {
  eval("var n = 1");
  return (function () { eval("var n = 2"); return n; })() + n;
}
print(nested());
function twice() { eval("eval('var deep = 4')"); return deep; }
print(twice());
var arrow = () => { eval("var av = 8"); return av; };
print(arrow());
function strictEval() { eval("'use strict'; var se = 1"); return typeof se; }
print(strictEval());
function before() { var r = typeof later; eval("var later = 1"); return r + " " + later; }
print(before());
print(typeof deep, typeof av, typeof later);
