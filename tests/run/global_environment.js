let a = 1; const b = 2; var c = 3;
function f() { return a + b + c; }
print(f());
print(typeof globalThis.a, typeof globalThis.c);
try { $262.evalScript("let a = 5;"); } catch (e) { print(e.constructor.name); }
try { $262.evalScript("var b;"); } catch (e) { print(e.constructor.name); }
print($262.evalScript("let z = 9; z + a;"));
print(z);
try { $262.evalScript("print(q); let q = 1;"); } catch (e) { print(e.constructor.name, e.message); }
try { print(q); } catch (e) { print(e.constructor.name, e.message); }
try { b = 3 } catch (e) { print(e.constructor.name); }
try { $262.evalScript("let undefined;"); } catch (e) { print(e.constructor.name); }
Object.preventExtensions(globalThis);
try { $262.evalScript("var nope;"); } catch (e) { print(e.constructor.name); }
for (let i = 0; i < 3; i++) a += i;
print(a);
