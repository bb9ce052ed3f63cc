// Spread arguments and the this value of optional calls (13.3.9 OptionalChain
// with 13.3.8.1 ArgumentListEvaluation).
var o = { base: 1, m(a, b) { return this.base + a + b; } };
var args = [2, 3];
console.log(o.m(...args), o?.m(...args), o.m?.(...args), o?.["m"]?.(...args));
var n = null;
console.log(n?.m(...args), o.missing?.(...args), n?.a.b(...args));
var f = (...r) => r.length;
console.log(f?.(...args, ...args), f(...[]));
let calls = 0;
const side = () => { calls++; return []; };
n?.m(...side());
console.log(calls);
var o = { base: 1, m(a, b) { return this.base + a + b; }, inner: { base: 10, m(a) { return this.base + a; } } };
var n = null;
console.log(n?.m?.(1, 2), o.none?.m?.(1), o.inner?.m?.(5), o?.inner?.m?.(...[6]), o.inner.none?.(1));
console.log(o?.m?.(1, 2) + 1, [o?.inner?.m?.(1)].length);
var f = null;
console.log(f?.(), f?.(...[1]));
