// A deep `super` chain: each level's method calls super.m() (5 levels),
// 10^6 calls. Prints a checksum.
class A { m(x) { return x + 1; } }
class B extends A { m(x) { return super.m(x) * 2 % 10007; } }
class C extends B { m(x) { return super.m(x) + 3; } }
class D extends C { m(x) { return super.m(x) ^ 5; } }
class E extends D { m(x) { return super.m(x) - 1; } }
const e = new E();
let s = 0;
for (let i = 0; i < 1000000; i++) s = (s + e.m(i)) % 1000003;
console.log(s);
