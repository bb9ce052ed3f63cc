// Function.prototype.toString returns the exact source text (20.2.3.5); expected output produced with node.
var log = typeof print === "function" ? print : console.log;
var o = { get /*a*/ x /*b*/ () {}, set x(v) { /* s */ }, async * [ "g" ] () {}, m(a) { }, *gen() {} };
class C /*c*/ extends Object { static /*s*/ async m() {} get y() {} constructor(){ super(); } #p() {} static q() {} }
class D { }
var E = class /* e */ { f() { return "f"; } };
var f = async ( a ) => a;
var arrow = x=>x  *  2;
function* g() {}
async function h(a, b = 1, ...c) { await a; }
log(Object.getOwnPropertyDescriptor(o, "x").get.toString());
log(Object.getOwnPropertyDescriptor(o, "x").set.toString());
log(o.g.toString());
log(o.m.toString());
log(o.gen.toString());
log(C.toString());
log(C.m.toString());
log(C.q.toString());
log(Object.getOwnPropertyDescriptor(C.prototype, "y").get.toString());
log(D.toString());
log(E.toString());
log(new E().f.toString());
log(f.toString());
log(arrow.toString());
log(g.toString());
log(h.toString());
log(Function("a", "b", "return a").toString());
log(eval("(function  x() { /* direct */ })").toString());
log((0, eval)("(function  y() { /* indirect */ })").toString());
log(eval("(class Z {  })").toString());
log(Math.max.toString());
log(function () {}.bind(null).toString().includes("native code"));
