// Timeout objects as node's. Expected output made by node v20:
// `node tests/run/timers_timeout.js > tests/run/timers_timeout.expected`.
const t = setTimeout(() => console.log("never: cleared by id"), 5);
console.log(typeof t, t.constructor.name, typeof t[Symbol.toPrimitive]);
console.log(t.hasRef(), t.unref() === t, t.hasRef(), t.ref() === t, t.hasRef());
const id = +t;
console.log(typeof id, id > 0, `${t}` === String(id));
clearTimeout(id);

const s = setTimeout(() => console.log("never: cleared by string id"), 5);
clearTimeout(String(+s));

const c = setTimeout(() => console.log("never: closed"), 5);
console.log(c.close() === c);

// unref: does not keep the program alive, but runs if the loop is still alive.
const u = setTimeout(() => console.log("unref'd timer ran while the loop was alive"), 50);
u.unref();
setTimeout(() => console.log("ref'd timer at 80"), 80);
setTimeout(() => console.log("never: unref'd and later than everything"), 900).unref();
const iv = setInterval(() => console.log("never: unref'd interval"), 1000);
iv.unref();

// refresh: restarts the delay.
const start = Date.now();
const r = setTimeout(() => console.log("refreshed timer ran late:", Date.now() - start >= 165), 100);
setTimeout(() => r.refresh(), 70);

// refresh after it fired runs it again.
let n = 0;
const again = setTimeout(() => {
  n++;
  console.log("again", n);
  if (n === 1) setTimeout(() => again.refresh(), 1);
}, 200);

// An interval cleared through its object inside its callback.
let k = 0;
const iv2 = setInterval(() => {
  k++;
  console.log("interval", k);
  if (k === 2) clearInterval(iv2);
}, 15);

// Immediates.
const im = setImmediate(() => console.log("never: immediate cleared"));
console.log(typeof im, im.constructor.name, im.hasRef());
clearImmediate(im);
setImmediate(() => console.log("immediate ran"));
