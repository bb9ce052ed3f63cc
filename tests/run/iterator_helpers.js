// Iterator helpers (27.1, ES2025). The expected output was written by hand
// (node 20 has no iterator helpers) and checked line by line against the spec.
function* nat() { let i = 0; while (true) yield i++; }
console.log(nat().map(x => x * 2).filter(x => x % 3 === 0).drop(1).take(4).toArray().join());
console.log(nat().take(5).reduce((a, b) => a + b));
console.log(nat().take(5).reduce((a, b) => a + b, 100));
console.log(nat().some(x => x > 10), nat().take(3).every(x => x < 3), nat().find(x => x * x > 50));
console.log([1, 2, 3].values().flatMap(x => [x, x * 10]).toArray().join());
// flatMap rejects primitives (GetIteratorFlattenable, reject-primitives).
try { ["ab"].values().flatMap(s => s).next(); } catch (e) { console.log(e.name); }
console.log(["ab", "c"].values().flatMap(s => new String(s)).toArray().join("|"));
let seen = [];
nat().take(3).forEach((v, i) => seen.push(v + ":" + i));
console.log(seen.join());

// Iterator.from wraps an iterator that does not inherit from Iterator.prototype.
let plain = { i: 0, next() { return { value: this.i++, done: this.i > 3 }; } };
let wrapped = Iterator.from(plain);
console.log(Object.getPrototypeOf(wrapped) === Iterator.prototype, wrapped.map(x => x + 1).toArray().join());
console.log(Iterator.from("héllo").toArray().join("."));
let g = nat();
console.log(Iterator.from(g) === g);

// return() closes the underlying iterator, also before the first next().
let closed = 0;
let src = { next() { return { value: 1, done: false }; }, return() { closed++; return {}; }, __proto__: Iterator.prototype };
let h = src.map(x => x);
h.return();
console.log(closed, JSON.stringify(h.next()));
h = src.filter(x => true);
h.next();
h.return();
console.log(closed);
// An abrupt callback closes it too.
try { src.map(() => { throw new Error("boom"); }).next(); } catch (e) { console.log(e.message, closed); }
// Invalid arguments close it.
try { src.take(-1); } catch (e) { console.log(e.name, closed); }
try { src.map(1); } catch (e) { console.log(e.name, closed); }

// A running helper cannot be re-entered.
let self;
let reenter = { next() { try { self.next(); } catch (e) { console.log(e.constructor.name); } return { done: true }; }, __proto__: Iterator.prototype };
self = reenter.map(x => x);
self.next();

// The abstract constructor, toStringTag and constructor accessors.
try { new Iterator(); } catch (e) { console.log(e.name); }
class MyIter extends Iterator { next() { return { done: true }; } }
console.log(new MyIter() instanceof Iterator, Object.prototype.toString.call(new MyIter()));
console.log(Object.prototype.toString.call(nat().map(x => x)));
let o = Object.create(Iterator.prototype);
o[Symbol.toStringTag] = "Mine";
o.constructor = 5;
console.log(String(o), o.constructor, Iterator.prototype.constructor === Iterator);
try { Iterator.prototype.constructor = 1; } catch (e) { console.log(e.name); }
