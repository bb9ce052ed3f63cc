function counter() { let n = 0; return { inc: () => ++n, get: function () { return n; } }; }
const c1 = counter(), c2 = counter();
c1.inc(); c1.inc(); c2.inc();
console.log(c1.get(), c2.get());
const fs = [];
for (let i = 0; i < 3; i++) fs.push(() => i);
console.log(fs[0](), fs[1](), fs[2]());
function outer() { let x = "deep"; return function middle() { return function inner() { return x; }; }; }
console.log(outer()()());
var fib = function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); };
console.log(fib(20));
const obj = { v: 42, m() { const g = () => this.v; return g(); } };
console.log(obj.m());
