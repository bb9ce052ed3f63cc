// Expected output produced by node. Set (24.2): SameValueZero elements, order, size, add/delete/has/clear, constructor via "add".
const s = new Set([3, 1, 3, NaN, NaN, -0, 0, '1']);
console.log(s.size, [...s].map(v => Object.is(v, -0) ? '-0' : String(v)).join());
console.log(s.has(NaN), s.has(0), s.has(-0), s.has(1), s.has('1'), s.has('3'));
console.log(s.add(7) === s, s.delete(3), s.delete(3), s.size);
const o = {};
s.add(o).add(o);
console.log(s.size, s.has(o), s.has({}));
console.log(Object.prototype.toString.call(s), Object.prototype.toString.call(s.values()));
console.log(Set.prototype.keys === Set.prototype.values, Set.prototype[Symbol.iterator] === Set.prototype.values);
console.log(Set.length, Set.prototype.add.length, Set[Symbol.species] === Set);
console.log(Object.getOwnPropertyDescriptor(Set.prototype, 'size').get.name);
for (const bad of [() => Set(), () => Set.prototype.has.call(new Map(), 1), () => new Set(1), () => Set.prototype.values.call([])]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
class LoggingSet extends Set { add(v) { console.log('add', v); return super.add(v); } }
console.log(new LoggingSet('abca').size);
s.clear();
console.log(s.size);
// Strings built in different ways are the same element.
const w = new Set();
let r = ''; for (let i = 0; i < 40; i++) r += String.fromCharCode(97 + (i % 26));
w.add(r);
console.log(w.has('abcdefghijklmnopqrstuvwxyzabcdefghijklmn'), w.has(r.slice(0)));
