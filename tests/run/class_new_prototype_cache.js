// [[Construct]] reads the new target's `prototype` through a cache: a
// reassigned prototype, a non-object prototype and other new targets must
// still be honoured.
const out = [];
function F() { this.a = 1; }
const p1 = F.prototype;
for (let i = 0; i < 3; i++) out.push(Object.getPrototypeOf(new F()) === p1);
const p2 = { tag: "p2" };
F.prototype = p2;
out.push(Object.getPrototypeOf(new F()) === p2, new F().tag);
F.prototype = 42;
out.push(Object.getPrototypeOf(new F()) === Object.prototype);
F.prototype = p1;
out.push(Object.getPrototypeOf(new F()) === p1);
class C { constructor() { this.c = 1; } }
class D {}
for (let i = 0; i < 3; i++) {
  out.push(Object.getPrototypeOf(new C()) === C.prototype);
  out.push(Object.getPrototypeOf(Reflect.construct(C, [], D)) === D.prototype);
}
// A new target whose `prototype` is a getter.
function G() {}
const bound = G.bind(null);
let calls = 0;
const nt = new Proxy(function () {}, { get(t, k) { calls++; return k === "prototype" ? D.prototype : t[k]; } });
for (let i = 0; i < 2; i++) out.push(Object.getPrototypeOf(Reflect.construct(C, [], nt)) === D.prototype);
out.push(calls);
out.push(Object.getPrototypeOf(new bound()) === G.prototype);
console.log(out.join("\n"));
