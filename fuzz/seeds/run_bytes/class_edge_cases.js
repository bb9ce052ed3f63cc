// Expected output produced by node. super in static/instance field initializers and static blocks, classes in computed keys and defaults, return override, class naming edge cases.
class B { static sm() { return "B.sm"; } im() { return "B.im"; } }
class A extends B {
  static f = super.sm();
  g = super.im();
  static { console.log("block", super.sm()); }
  [(class { static k = "inner"; }).k]() { return 1; }
}
console.log(A.f, new A().g, new A().inner());
function f(c = class { m() { return 2; } }) { return new c().m(); }
console.log(f());
class D extends class { constructor() { return Object.create(null); } } { x = 1; }
console.log(Object.keys(new D()).join());
class E { constructor() { return [1]; } }
console.log(new E().length);
class F extends Object { constructor() { super(); } }
console.log(new F() instanceof F);
let G = class { static h() { return G === this; } };
console.log(G.h());
class H { static name() { return "n"; } }
console.log(typeof H.name);
console.log((class { static length = 5; }).length);
