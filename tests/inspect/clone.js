// Expected output produced by node: node clone.js > clone.expected
// With FORCE_COLOR=1 (colours as on a terminal): FORCE_COLOR=1 node clone.js > clone.color.expected
var src = {n: 1, s: 'x', nested: {arr: [1, , 3], d: new Date(0)}, m: new Map([[1, {a: 1}]]), set: new Set(['v']), re: /a+/gi, big: 10n, u: undefined, nul: null};
src.self = src;
src.shared = src.nested;
var c = structuredClone(src);
console.log(c);
console.log(c !== src, c.self === c, c.shared === c.nested, c.nested !== src.nested, c.m.get(1) !== src.m.get(1));
console.log(structuredClone([new Number(3), new String('s'), new Boolean(true), Object(2n)]));
var e = structuredClone(new RangeError('bad')); console.log(e instanceof RangeError, e.message, e.name);
class P { constructor() { this.x = 1; } } console.log(structuredClone(new P()));
for (var bad of [function () {}, Symbol('s'), {f() {}}, new WeakMap(), Promise.resolve()]) {
  try { structuredClone(bad); console.log('cloned?'); } catch (err) { console.log(err.name); }
}
console.log(structuredClone(5), structuredClone('str'), structuredClone(null));
var arr = [1, 2]; arr.length = 4; arr.prop = 'p'; console.log(structuredClone(arr));
var getter = {get g() { return 42; }}; console.log(structuredClone(getter));
