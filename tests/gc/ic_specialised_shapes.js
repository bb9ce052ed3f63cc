// Full-tier code compares receivers' shapes with the shape a monomorphic
// get site held when it was compiled (compiler/property.rs,
// own_entry_constants). The site must stay right when the receivers'
// shape changes after the compilation (the refilled entry, a prototype
// property, an overflow slot, a getter, a primitive), and the embedded shape
// must survive collections that free every object of it (no new shape
// can take its address). Expected output: node 20 (with `$262.gc` a no-op).
function getX(o) {
  return o.x;
}
function Point(x) {
  this.x = x;
}
function spin(make, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += getX(make(i));
  return sum;
}
// Hot with one shape: the full tier specialises the site on Point's shape.
console.log(spin((i) => new Point(i), 60000));
// Every Point dies; new shapes are made and collected around the site.
for (let round = 0; round < 3; round++) {
  $262.gc();
  let junk = [];
  for (let i = 0; i < 500; i++) junk.push({ ["k" + round + "_" + i]: i, x: -i });
  console.log(spin((i) => junk[i % junk.length], 5000));
  junk = null;
  $262.gc();
}
// Another own shape, then the first one again.
console.log(spin((i) => ({ a: 1, x: i }), 20000));
console.log(spin((i) => new Point(2 * i), 20000));
// The property on the prototype, in an overflow slot, behind a getter.
const proto = { x: 7 };
console.log(spin(() => Object.create(proto), 5000));
console.log(spin((i) => ({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, x: i }), 5000));
console.log(spin((i) => ({ get x() { return i + 1; } }), 5000));
// Primitives and missing properties.
console.log(String(spin(() => "str", 10)), String(spin(() => ({}), 10)));
// A deleted property (a dictionary shape) and a frozen object.
const d = { y: 1, x: 3 };
delete d.y;
console.log(spin(() => d, 1000), spin(() => Object.freeze({ x: 2 }), 1000));
// A method found on the prototype: the site is specialised on the
// receiver's shape, its prototype and the holder. The method replaced
// (same shape), the prototype changed (the epoch moves on), another
// prototype, and collections in between.
function Counter(n) {
  this.n = n;
}
Counter.prototype.get = function () {
  return this.n;
};
function callGet(o) {
  return o.get();
}
function spinCalls(make, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += callGet(make(i));
  return sum;
}
console.log(spinCalls((i) => new Counter(i), 60000));
$262.gc();
Counter.prototype.get = function () {
  return -this.n;
};
console.log(spinCalls((i) => new Counter(i), 1000));
Counter.prototype.extra = 1;
console.log(spinCalls((i) => new Counter(i), 1000));
Object.setPrototypeOf(Counter.prototype, { get() { return 0; } });
console.log(spinCalls((i) => new Counter(i), 1000));
delete Counter.prototype.get;
$262.gc();
console.log(spinCalls((i) => new Counter(i), 1000));
console.log(spinCalls((i) => ({ n: i, get() { return 1; } }), 1000));
// A store site specialised on an own property, then receivers that lack
// it (the runtime refills the entry with a transition), a frozen one, and
// a setter on the prototype.
function setX(o, v) {
  o.x = v;
  return o;
}
let stored = 0;
for (let i = 0; i < 60000; i++) stored += setX({ x: 0 }, i).x;
console.log(stored);
stored = 0;
for (let i = 0; i < 1000; i++) stored += setX({}, i).x + setX({ y: 1 }, i).x;
console.log(stored);
const frozen = Object.freeze({ x: 5 });
console.log(setX(frozen, 6).x);
const withSetter = Object.create({ set x(v) { this.seen = v; } });
console.log(setX(withSetter, 9).seen, Object.keys(withSetter).join());
$262.gc();
stored = 0;
for (let i = 0; i < 1000; i++) stored += setX({ x: 0 }, 2 * i).x;
console.log(stored);
