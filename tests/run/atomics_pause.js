// Atomics.pause (#sec-atomics.pause): a spin-wait hint that returns undefined
// for undefined or an integral Number N and throws a TypeError otherwise.
// Expected output produced with node 20 semantics by hand (node 20 lacks
// Atomics.pause; the values follow the spec).
console.log(Atomics.pause(), Atomics.pause(0), Atomics.pause(-0), Atomics.pause(10));
console.log(Atomics.pause(-5), Atomics.pause(2 ** 53), Atomics.pause(1e300));
for (const bad of [1.5, NaN, Infinity, -Infinity, "1", 1n, null, {}, true]) {
  try {
    Atomics.pause(bad);
    console.log("no error for", String(bad));
  } catch (e) {
    console.log(e.constructor.name);
  }
}
console.log(Atomics.pause.length, Atomics.pause.name);
let spins = 0;
for (let i = 0; i < 1000; i++) { Atomics.pause(i); spins++; }
console.log(spins);
