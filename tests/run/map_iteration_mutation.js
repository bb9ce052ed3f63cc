// Expected output produced by node. Map and Set iterators survive deletion, insertion, compaction and clear during iteration (24.1.5, 24.2.6).
const m = new Map();
for (let i = 0; i < 6; i++) m.set(i, 'v' + i);
const seen = [];
for (const [k] of m) {
  seen.push(k);
  if (k === 0) { m.delete(1); m.set(6, 'v6'); }
  if (k === 2) m.delete(2);
  if (k === 3) { m.delete(0); m.set(0, 'again'); }
}
console.log(seen.join());
// Delete most entries while an iterator is paused, then insert enough to
// force the table to compact and grow.
const s = new Set();
for (let i = 0; i < 50; i++) s.add('k' + i);
const it = s.values();
console.log(it.next().value, it.next().value);
for (let i = 0; i < 48; i++) s.delete('k' + i);
for (let i = 0; i < 200; i++) s.add('n' + i);
let count = 0, first;
for (const v of it) { if (count === 0) first = v; count++; }
console.log(first, count, it.next().done);
// clear during iteration: later additions are visited.
const c = new Map([[1, 1], [2, 2], [3, 3]]);
const out = [];
for (const [k] of c) {
  out.push(k);
  if (k === 1) { c.clear(); c.set(10, 10); c.set(11, 11); }
}
console.log(out.join());
// forEach sees entries added during the loop, not deleted ones.
const f = new Set([1, 2, 3]);
const fe = [];
f.forEach(v => { fe.push(v); if (v === 1) { f.delete(2); f.add(4); } if (v < 3) f.add(v + 10); });
console.log(fe.join());
// An exhausted iterator stays done even when entries are added.
const e = new Map([[1, 1]]);
const ei = e.keys();
ei.next(); console.log(ei.next().done); e.set(2, 2); console.log(ei.next().done);
// Several iterators at different positions through one compaction.
const t = new Set();
for (let i = 0; i < 20; i++) t.add(i);
const a = t.values(), b = t.values();
for (let i = 0; i < 5; i++) a.next();
for (let i = 0; i < 15; i++) b.next();
for (let i = 0; i < 19; i++) if (i % 3) t.delete(i);
for (let i = 100; i < 140; i++) t.add(i);
console.log([...a].slice(0, 5).join(), [...b].slice(0, 5).join());
// Entries and keys/values of Set iterators.
console.log(JSON.stringify([...new Set(['a', 'b']).entries()]), new Set().keys === new Set().values);
