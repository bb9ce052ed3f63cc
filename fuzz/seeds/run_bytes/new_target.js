// 13.3.12 new.target: the constructor under new, undefined for a call; arrows inherit it.
function F() { return new.target; }
console.log(F() === undefined, new F() === F);
function G() { this.nt = new.target; }
console.log(new G().nt === G);
function A() { return (() => new.target)(); }
console.log(new A() === A, A() === undefined);
function H() { F(); return new.target; }
console.log(new H() === H);
function P() { return G(); }
function N() { var r = F(); return [r, new.target]; }
console.log(new N()[0] === undefined);
function Q() { return new.target; }
var B = Q.bind(null);
console.log(new B() === Q);
function R(a = new.target) { return a; }
console.log(R() === undefined, new R() === R);
function Inner() { var f = function () { return new.target; }; return { v: f() }; }
console.log(new Inner().v === undefined);
function Rec(n) { if (n) return { v: Rec(n - 1) }; return new.target; }
console.log(new Rec(1).v === undefined);
console.log(typeof new (function () { this.x = new.target; })().x);
