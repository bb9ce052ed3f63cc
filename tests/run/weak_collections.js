// Expected output produced by node. WeakMap, WeakSet (24.3, 24.4), WeakRef and FinalizationRegistry (26.1, 26.2): API and errors; symbols as weak keys (CanBeHeldWeakly).
const wm = new WeakMap();
const k1 = {}, k2 = function () {}, sym = Symbol('weak');
console.log(wm.set(k1, 1) === wm, wm.set(k2, 2).get(k2), wm.get(k1), wm.has(k1), wm.has({}));
wm.set(sym, 'symbol');
console.log(wm.get(sym), wm.has(Symbol('weak')));
console.log(wm.delete(k1), wm.delete(k1), wm.has(k1), wm.get(k1));
console.log(wm.get(1), wm.has('x'), wm.delete(null));
for (const bad of [() => wm.set(1, 1), () => wm.set(Symbol.for('registered'), 1), () => WeakMap(),
                   () => WeakMap.prototype.get.call(new Map(), k1), () => new WeakMap([[1, 2]])]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
const wm2 = new WeakMap([[k1, 'a'], [k2, 'b']]);
console.log(wm2.get(k1), wm2.get(k2));
const ws = new WeakSet([k1, k2, k1]);
console.log(ws.has(k1), ws.has(k2), ws.has({}), ws.add(sym) === ws, ws.has(sym));
console.log(ws.delete(k2), ws.delete(k2), ws.has(k2), ws.has(1), ws.delete('s'));
for (const bad of [() => ws.add(1), () => ws.add(Symbol.for('r')), () => WeakSet.prototype.has.call(wm, k1)]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
console.log(Object.prototype.toString.call(wm), Object.prototype.toString.call(ws));
// WeakRef: deref keeps the target during the job.
const target = { name: 'target' };
const ref = new WeakRef(target);
console.log(ref.deref() === target, ref.deref().name, Object.prototype.toString.call(ref));
console.log(new WeakRef(sym).deref() === sym);
for (const bad of [() => new WeakRef(1), () => new WeakRef(Symbol.for('r')), () => WeakRef({}),
                   () => WeakRef.prototype.deref.call({})]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
// FinalizationRegistry: register / unregister with tokens.
const fr = new FinalizationRegistry(() => {});
const token = {};
console.log(fr.register({}, 'held', token), fr.register({}, 'held2', token), fr.register({}, 'held3'));
console.log(fr.unregister(token), fr.unregister(token), fr.unregister({}));
fr.register(k1, 'sym token', sym);
console.log(fr.unregister(sym));
for (const bad of [() => new FinalizationRegistry(), () => FinalizationRegistry(() => {}),
                   () => fr.register(1, 'x'), () => fr.register(k1, k1), () => fr.register(k1, 1, 1),
                   () => fr.unregister(1), () => FinalizationRegistry.prototype.register.call({}, {})]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
console.log(Object.prototype.toString.call(fr), FinalizationRegistry.length, WeakRef.length,
            FinalizationRegistry.prototype.register.length, WeakMap.length, WeakSet.length);
