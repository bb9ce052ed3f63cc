var g = 1;
print(eval("g + 1"), eval(3));
function f(a) {
  var v = 10;
  let l = 20;
  print(eval("a + v + l"));
  eval("v = 11; a = 5");
  print(v, a, eval("arguments.length"), eval("this === globalThis"));
  eval("var v = 12;");
  print(v);
  try { eval("var l;"); } catch (e) { print(e.constructor.name); }
  var h = function () { return eval("v * 2"); };
  return h();
}
print(f(1));
var o = { m() { return eval("this"); } };
print(o.m() === o);
{ let b = 7; print(eval("b")); try { eval("var b"); } catch (e) { print(e.constructor.name); } }
eval("var ge = 1; function gf() { return 2; }");
print(ge, gf(), Object.getOwnPropertyDescriptor(globalThis, "ge").configurable);
print((0, eval)("typeof v"), eval("let q = 1; q"), typeof q);
function s() { "use strict"; eval("var sv = 1"); return typeof sv; }
print(s());
var e2 = eval; print(e2("typeof l"));
const c = 1; try { eval("c = 2"); } catch (e) { print(e.constructor.name); }
function k() { let t = 1; return eval("(function () { return t + 1; })")(); }
print(k());
