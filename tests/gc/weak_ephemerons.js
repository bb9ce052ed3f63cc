// Weak collections are ephemerons (gc/weak.rs): a WeakMap value lives only as
// long as its key; chains key -> value -> other key across WeakMaps, a value
// that refers back to its own key, WeakSet elements, unregistered symbols as
// keys. What was collected is shown by FinalizationRegistry cleanups, which
// `jstb run` calls after the script (in registration order).
const fr = new FinalizationRegistry(held => print('collected', held));
const wm = new WeakMap();
const other = new WeakMap();
const ws = new WeakSet();
let k1 = { name: 'k1' };
let keep = { name: 'keep' };
function setup() {
  const k2 = { name: 'k2' };
  const v1 = { next: k2 };
  const v2 = { name: 'v2' };
  wm.set(k1, v1);
  other.set(k2, v2); // reachable only through k1's value
  const self = { name: 'self' };
  wm.set(self, { back: self }); // a value keeping its own key: still garbage
  const s = Symbol('weak key');
  wm.set(s, { name: 'symbol value' });
  ws.add(keep);
  ws.add({ name: 'dead element' });
  fr.register(v1, 'v1');
  fr.register(k2, 'k2');
  fr.register(v2, 'v2');
  fr.register(self, 'self');
  fr.register(s, 'symbol key');
  wm.set(keep, { name: 'kept value' });
  fr.register(wm.get(keep), 'kept value (never)');
}
setup();
$262.gc();
print('after the first collection: k1 keeps', wm.get(k1).next.name, other.get(wm.get(k1).next).name);
print('keep:', ws.has(keep), wm.get(keep).name);
k1 = null;
$262.gc();
print('end of script');
