// Generator and async generator objects keep their coroutine record where
// an ordinary object keeps its first four properties: their own properties
// all live in the overflow slots. Own properties of every form on them,
// read through inline caches shared with ordinary objects of the same
// keys, must never see the record. (Expected output generated with node.)
function* g(a) { let x = a; while (true) x += yield x; }
async function* ag() { yield 1; }

function read(o) { return [o.a, o.b, o.c, o.d, o.e].join(','); }
const plain = { a: 1, b: 2, c: 3, d: 4, e: 5 };
const it = g(10);
it.next();
it.a = 'A'; it.b = 'B'; it.c = 'C'; it.d = 'D'; it.e = 'E';
for (let i = 0; i < 50; i++) { read(plain); read(it); }
console.log(read(plain), read(it));
console.log(it.next(5).value, it.next(1).value);
console.log(Object.keys(it).join(','));

// Accessors, redefinition (attribute change), deletion (dictionary mode).
Object.defineProperty(it, 'acc', { get() { return 'got'; }, configurable: true });
console.log(it.acc);
Object.defineProperty(it, 'b', { value: 'B2', writable: false });
console.log(it.b, Object.getOwnPropertyDescriptor(it, 'b').writable);
delete it.a;
console.log(read(it), Object.keys(it).join(','));
Object.defineProperty(it, 'acc', { value: 'data', enumerable: true });
console.log(it.acc, Object.keys(it).join(','));
Object.freeze(it);
console.log(Object.isFrozen(it), it.next(2).value);

// Many properties (past the shared-shape limit) on a suspended generator.
const big = g(0);
big.next();
for (let i = 0; i < 1100; i++) big['p' + i] = i;
let sum = 0;
for (let i = 0; i < 1100; i++) sum += big['p' + i];
console.log(sum, big.next(7).value);
for (let i = 0; i < 1100; i += 2) delete big['p' + i];
console.log(Object.keys(big).length, big.next(1).value);

// Symbols and indices on generator objects.
const s = Symbol('s');
const it2 = g(1);
it2[s] = 'sym'; it2[0] = 'zero'; it2[10] = 'ten';
console.log(it2[s], it2[0], it2[10], it2.next().value, JSON.stringify(it2));

// Async generator objects too.
const a = ag();
a.x = 1; a.y = 2; a.z = 3; a.w = 4; a.v = 5;
console.log(a.x + a.y + a.z + a.w + a.v);
a.next().then((r) => console.log('async', r.value, a.v));
// Used as a prototype.
const child = Object.create(it2);
console.log(child[s], child.next === it2.next);
