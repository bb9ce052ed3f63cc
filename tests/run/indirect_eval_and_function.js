var geval = eval;
print(geval("1 + 2"), geval(5), (0, eval)("var ev = 7; ev * 2"), ev);
print(Object.getOwnPropertyDescriptor(globalThis, "ev").configurable, delete globalThis.ev, typeof ev);
geval("function ef() { return 'ef'; } let el = 3;");
print(ef(), typeof el, Object.getOwnPropertyDescriptor(globalThis, "ef").configurable);
print(geval("'use strict'; var sv = 1; sv"), typeof sv);
try { geval("let let = 1"); } catch (e) { print(e.constructor.name); }
let lx = 1;
try { geval("var lx;"); } catch (e) { print(e.constructor.name); }
print(geval("lx + 1"), geval("this === globalThis"));
var f = Function("a", "b", "return a + b");
print(f(2, 3), f.name, f.length, String(f));
print(new Function("return 42")(), Function()());
try { Function("/*", "*/){"); } catch (e) { print(e.constructor.name); }
try { Function("a){}, function(b", "return 1"); print("no") } catch (e) { print(e.constructor.name); }
try { Function("return anonymous")(); } catch (e) { print(e.constructor.name); }
print(Function("'use strict'; return this")(), Function("return this")() === globalThis);
print(eval("1; if (true) {}"), eval("var q = 1; q"));
