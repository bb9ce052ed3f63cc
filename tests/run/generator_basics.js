// Generators: next/return/throw, state checks. Expected output produced with node.
function* g(a) {
  const x = yield a;
  console.log("got", x);
  const y = (yield x + 1) * 2;
  return y + 1;
}
const it = g(10);
console.log(JSON.stringify(it.next("ignored")));
console.log(JSON.stringify(it.next(5)));
console.log(JSON.stringify(it.next(7)));
console.log(JSON.stringify(it.next(9)));

// return() and throw() before the start complete the generator.
const a = g(1);
console.log(JSON.stringify(a.return(42)), JSON.stringify(a.next()));
const b = g(1);
try { b.throw(new Error("early")); } catch (e) { console.log("threw", e.message); }
console.log(JSON.stringify(b.next()));

// Re-entering a running generator is a TypeError.
let self;
function* reenter() { try { self.next(); } catch (e) { yield e.constructor.name; } }
self = reenter();
console.log(self.next().value);

// Prototypes and tags.
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
console.log(GeneratorFunction.name, Object.getPrototypeOf(g) === GeneratorFunction.prototype);
console.log(Object.getPrototypeOf(it) === g.prototype, Object.prototype.toString.call(it));
console.log(Object.getOwnPropertyNames(g.prototype).length, typeof g.prototype.next);
console.log(it[Symbol.iterator]() === it);
const dyn = new GeneratorFunction("a", "yield a; yield a * 2;");
console.log([...dyn(21)].join());
try { new g(); } catch (e) { console.log(e.constructor.name); }
