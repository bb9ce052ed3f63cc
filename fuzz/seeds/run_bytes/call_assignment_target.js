var n = 0;
function f() { n++; return { valueOf() { throw new Error("no"); } }; }
function g() { throw new Error("g called"); }
for (const src of ["f() = g()", "f() += g()", "f()++", "--f()", "for (f() in {a: 1}) ;", "for (f() of [1]) ;"]) {
  try { eval(src); console.log("no throw"); } catch (e) { console.log(src, e.constructor === ReferenceError, n); }
}
try { eval("'use strict'; f() = 1"); } catch (e) { console.log(e.constructor === SyntaxError); }
for (var k in {}) f() = 1;
console.log("empty loop ok");
