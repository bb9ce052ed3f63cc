// 15.7.14 step 14.a: the default derived constructor forwards its arguments without iterating them (node 20 still iterates, so this expected output is written by hand).
let iterated = false;
Array.prototype[Symbol.iterator] = function () { iterated = true; return { next() { return { done: true }; } }; };
class A { constructor(a, b) { this.s = a + b; } }
class B extends A {}
console.log(new B(2, 3).s, iterated);
