// Expected output produced by node. Direct eval in methods and class field initializers: super.x is allowed (19.2.1.1 step 6.b), arguments in a field initializer is a SyntaxError before anything runs (step 6.c).
var executed = false;
class A { get x() { return 'A.x'; } }
class C extends A {
  x2 = eval('executed = true; super.x;');
  y = () => eval('super.x');
  m() { return eval('super.x + (() => super.x)()'); }
  k() { return eval('class Q { [super.x]() { return 1; } }; Object.getOwnPropertyNames(Q.prototype)[1]'); }
  static s = eval('typeof super.constructor');
}
const c = new C();
console.log(executed, c.x2, c.y(), c.m(), c.k(), C.s);
class D { x = eval('executed = 1; arguments;'); }
executed = false;
try { new D(); } catch (e) { console.log(e.constructor.name, executed); }
class E { x = eval('() => arguments'); }
try { new E(); } catch (e) { console.log(e.constructor.name); }
class F { x = eval('(function () { return arguments.length; })(1, 2)'); }
console.log(new F().x);
const o = { __proto__: { p: 'proto p' }, m() { return eval('super.p'); } };
console.log(o.m());
function plain() { return eval('super.x'); }
try { plain(); } catch (e) { console.log(e.constructor.name); }
