// ES2025 Set methods (24.2.4) with Sets, Maps and set-like objects (GetSetRecord), the observable order of calls, -0 and errors.
// Expected output written by hand from the specification (node 20, the installed version, lacks these methods).
const show = s => '{' + [...s].map(v => Object.is(v, -0) ? '-0' : String(v)).join(',') + '}';
const a = new Set([1, 2, 3, 4]);
const b = new Set([3, 4, 5]);
console.log(show(a.union(b)), show(a.intersection(b)), show(a.difference(b)), show(a.symmetricDifference(b)));
console.log(a.isSubsetOf(b), new Set([3]).isSubsetOf(b), a.isSupersetOf(new Set([1, 4])), a.isDisjointFrom(b), a.isDisjointFrom(new Set([9])));
// A Map is set-like (size, has, keys).
const m = new Map([[2, 'x'], [7, 'y']]);
console.log(show(a.union(m)), show(a.intersection(m)), show(a.difference(m)));
// The result is a new Set of %Set.prototype%, even for subclasses.
class MySet extends Set {}
const r = new MySet([1]).union(new Set([2]));
console.log(r instanceof MySet, Object.getPrototypeOf(r) === Set.prototype);
// -0 from keys() becomes +0.
const negZero = { size: 1, has: () => false, keys: () => [-0][Symbol.iterator]() };
console.log(show(new Set().union(negZero)), show(new Set([0]).symmetricDifference(negZero)));
// A logging set-like object: which methods are read and called, in order.
const log = [];
function setLike(values, size) {
  return {
    get size() { log.push('size'); return size ?? values.length; },
    get has() { log.push('get has'); return v => { log.push('has(' + v + ')'); return values.includes(v); }; },
    get keys() {
      log.push('get keys');
      return () => {
        log.push('keys()');
        let i = 0;
        return { next() { log.push('next'); return i < values.length ? { value: values[i++], done: false } : { done: true }; },
                 return() { log.push('return'); return {}; } };
      };
    },
  };
}
function run(name, thisSet, other) {
  log.length = 0;
  const result = thisSet[name](other);
  console.log(name, typeof result === 'boolean' ? result : show(result), log.join(' '));
}
// this.size <= other.size: walk this, call has; else iterate other's keys.
run('intersection', new Set([1, 2]), setLike([2, 3, 4]));
run('intersection', new Set([1, 2, 3, 4]), setLike([2, 9]));
run('difference', new Set([1, 2]), setLike([2, 3, 4]));
run('difference', new Set([1, 2, 3]), setLike([2]));
run('union', new Set([1]), setLike([1, 5]));
run('symmetricDifference', new Set([1, 2]), setLike([2, 3]));
run('isSubsetOf', new Set([1, 2]), setLike([1, 2, 3]));
run('isSubsetOf', new Set([1, 5]), setLike([1, 2, 3]));
run('isSubsetOf', new Set([1, 2, 3, 4]), setLike([1]));
run('isSupersetOf', new Set([1, 2, 3]), setLike([1, 9, 2]));
run('isSupersetOf', new Set([1]), setLike([1, 2]));
run('isDisjointFrom', new Set([1]), setLike([2, 3]));
run('isDisjointFrom', new Set([1, 2, 3]), setLike([5, 2]));
// size is read before has and keys, and converted with ToNumber.
run('union', new Set(), setLike([1], { valueOf() { log.push('valueOf'); return 1; } }));
// GetSetRecord errors.
for (const other of [1, {}, { size: undefined, has() {}, keys() {} }, { size: -1, has() {}, keys() {} },
                     { size: 1, has: 1, keys() {} }, { size: 1, has() {}, keys: 1 }, [1, 2]]) {
  try { new Set([1]).union(other); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
try { Set.prototype.union.call(new Map(), new Set()); } catch (e) { console.log(e.constructor.name); }
// has() mutating this during the walk: the walk sees added elements.
const grow = new Set([1, 2]);
const mut = { size: 10, has(v) { if (v === 1) { grow.delete(2); grow.add(3); } return true; }, keys() {} };
console.log(show(grow.intersection(mut)), show(grow));
// keys() returning a non-object throws.
try { new Set().union({ size: 0, has() {}, keys: () => 1 }); } catch (e) { console.log(e.constructor.name); }
// Infinity size.
console.log(new Set([1]).isSubsetOf({ size: Infinity, has: () => true, keys() {} }));
console.log(Set.prototype.union.length, Set.prototype.isDisjointFrom.name);
