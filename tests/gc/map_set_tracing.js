// Map and Set keys and values reachable only through the collection survive
// collections (exact tracing of the table), also while iterators and
// forEach run, deletions leave tombstones and the table compacts; a dead
// WeakMap with live entries, and a WeakRef whose target is kept, do not
// break the collector.
function fill(m, n) {
  for (let i = 0; i < n; i++) m.set('key' + i, { i: i, s: 'value' + i });
}
const m = new Map();
fill(m, 60);
$262.gc();
let sum = 0;
for (const [k, v] of m) {
  if (typeof k !== "string") continue;
  sum += v.i;
  if (v.i % 2 === 0) m.delete(k);
  if (v.i < 20) m.set({ o: v.i }, [v.s + '!']);
}
print(m.size, sum);
let n = 0;
m.forEach((v, k) => { if (typeof k === 'object') n += v[0].length; });
print(n);
const s = new Set();
for (let i = 0; i < 40; i++) s.add({ i: i }).add('str' + i);
const it = s.values();
it.next();
for (const v of [...s]) if (typeof v === 'string') s.delete(v);
for (let i = 0; i < 40; i++) s.add([i]);
let objects = 0;
for (const v of it) objects += Array.isArray(v) ? 1 : 0;
print(s.size, objects);
const u = new Set([{ a: 1 }, { a: 2 }]);
u.add({ a: 3 });
$262.gc();
print([...u].map(o => o.a).join());
(function () {
  const dead = new WeakMap();
  const key = { k: 1 };
  for (let i = 0; i < 20; i++) dead.set({}, { i: i });
  dead.set(key, { v: 'x' });
})();
$262.gc();
const target = { t: 'target' };
const ref = new WeakRef(target);
$262.gc();
print(ref.deref() === target);
