// Map.groupBy (24.1.2.1): keys by SameValueZero (-0 becomes +0), insertion order, iterator closing on errors.
// Expected output written by hand from the specification (node 20, the installed version, lacks Map.groupBy).
const g = Map.groupBy([1, 2, 3, 4, 5, 6], (x, i) => x % 3);
console.log([...g].map(([k, v]) => k + ':' + v.join('|')).join(' '), Object.getPrototypeOf(g) === Map.prototype);
const z = Map.groupBy([-0, 0, NaN, NaN], x => x);
console.log(z.size, [...z.keys()].map(k => Object.is(k, -0) ? '-0' : String(k)).join(), z.get(0).length, z.get(NaN).length);
const o1 = {}, o2 = {};
const byObject = Map.groupBy(['a', 'b', 'c'], (x, i) => i === 1 ? o2 : o1);
console.log(byObject.get(o1).join(), byObject.get(o2).join(), byObject.size);
console.log(Map.groupBy('hello', c => c).get('l').length, Map.groupBy.length);
let closed = false;
const iterable = { [Symbol.iterator]() { let i = 0; return { next: () => ({ value: i++, done: false }), return() { closed = true; return {}; } }; } };
try { Map.groupBy(iterable, x => { if (x === 2) throw new Error('stop'); return x; }); } catch (e) { console.log(e.message, closed); }
for (const bad of [() => Map.groupBy(null, x => x), () => Map.groupBy([1], 1)]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
