// Atomics.wait/notify/waitAsync within one thread (no other agent):
// immediate results, a notified waitAsync, and notify counts. The expected
// output is what node v20 prints.
const ia = new Int32Array(new SharedArrayBuffer(16));
console.log(Atomics.wait(ia, 0, 1), Atomics.wait(ia, 0, 0, 0), Atomics.wait(ia, 0, 0, 5));
const a = Atomics.waitAsync(ia, 0, 1);
console.log(a.async, a.value);
const b = Atomics.waitAsync(ia, 0, 0, 0);
console.log(b.async, b.value);
const c = Atomics.waitAsync(ia, 1, 0);
const d = Atomics.waitAsync(ia, 1, 0, 100000);
console.log(c.async, c.value instanceof Promise);
c.value.then((v) => console.log('c', v));
d.value.then((v) => console.log('d', v));
console.log(Atomics.notify(ia, 2), Atomics.notify(ia, 1, 1));
console.log(Atomics.notify(ia, 1), Atomics.notify(ia, 1));
console.log(Atomics.notify(new Int32Array(4), 0));
const big = new BigInt64Array(new SharedArrayBuffer(16));
console.log(Atomics.wait(big, 1, 1n), Atomics.waitAsync(big, 1, 0n, 0).value);
console.log(Atomics.compareExchange(ia, 3, 0, -5), Atomics.exchange(ia, 3, 7), Atomics.load(ia, 3));
try {
  Atomics.wait(new Int32Array(4), 0, 0);
} catch (e) {
  console.log(e.constructor.name);
}
