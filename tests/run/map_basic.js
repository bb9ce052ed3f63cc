// Expected output produced by node. Map (24.1): SameValueZero keys (-0, NaN, int/double, strings built differently), order, size, errors.
const m = new Map([[1, 'one'], ['a', 'A'], [-0, 'zero'], [NaN, 'nan']]);
console.log(m.size, m.get(1), m.get(1.0), m.get(0), m.get(-0), m.get(NaN), m.get(0 / 0));
console.log([...m.keys()].map(k => Object.is(k, -0) ? '-0' : String(k)).join());
// Strings by contents: a rope, a flat string, a substring and a UTF-16 string.
let s = 'ab'; s += 'cdefghijklmnopqrstuvwxyz0123456789';
m.set(s, 'rope');
console.log(m.get('abcdefghijklmnopqrstuvwxyz0123456789'), m.get('xxabcdefghijklmnopqrstuvwxyz0123456789'.slice(2)));
m.set('\u00e9t\u00e9', 'latin1');
console.log(m.get('\u00e9' + 't' + '\u00e9'), m.has(String.fromCharCode(0xe9, 0x74, 0xe9)));
m.set('\u{1F600}x', 'astral');
console.log(m.get('\uD83D\uDE00' + 'x'));
// Objects and symbols by identity; booleans, null, undefined.
const o = {}, sym = Symbol('s');
m.set(o, 'obj').set(sym, 'sym').set(true, 'T').set(null, 'N').set(undefined, 'U');
console.log(m.get(o), m.get({}), m.get(sym), m.get(Symbol('s')), m.get(true), m.get(null), m.get(undefined), m.get(false));
console.log(m.size, m.delete(o), m.delete(o), m.has(o), m.size);
// BigInts by value.
m.set(10n, 'big');
console.log(m.get(10n), m.get(BigInt(10)), m.get(10));
// Overwriting keeps the position.
m.set(1, 'uno');
console.log([...m.values()].slice(0, 3).join());
console.log(m.entries().toString(), Object.prototype.toString.call(m), String(m[Symbol.iterator] === m.entries));
console.log(Map.prototype.set.length, Map.length, Map.name, Map[Symbol.species] === Map);
for (const bad of [() => Map(), () => Map.prototype.get.call({}, 1), () => new Map([1]), () => new Map(5)]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.constructor.name); }
}
m.clear();
console.log(m.size, [...m].length);
// The constructor calls "set" through Get.
class CountingMap extends Map { set(k, v) { console.log('set', k, v); return super.set(k, v); } }
const cm = new CountingMap([['x', 1], ['y', 2]]);
console.log(cm.size, cm instanceof Map);
// forEach: arguments and thisArg.
new Map([['k', 'v']]).forEach(function (v, k, map) { console.log(v, k, map.size, this.t); }, { t: 'this' });
// Many keys: growth and lookups.
const big = new Map();
for (let i = 0; i < 5000; i++) big.set(i, i * 2);
for (let i = 0; i < 5000; i += 2) big.delete(i);
let sum = 0;
for (const [k, v] of big) sum += v - k;
console.log(big.size, sum, big.get(4999), big.get(4998));
