// Expected output: node 20 (`node tests/run/array_move_plain.js`).
// shift, unshift, splice and copyWithin on arrays with holes, compared
// step for step with the spec's element loops (expected output: node 20).
let seed = 12345;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
function makeArray() {
  const n = rand(12);
  const a = [];
  for (let i = 0; i < n; i++) if (rand(4) !== 0) a[i] = i * 10;
  if (rand(3) === 0) a.length = n + rand(4);
  return a;
}
const show = (a) => JSON.stringify(Object.keys(a).map((k) => [k, a[k]])) + " len=" + a.length;
for (let round = 0; round < 300; round++) {
  const a = makeArray();
  const before = show(a);
  let r;
  switch (rand(4)) {
    case 0: r = a.shift(); break;
    case 1: r = a.unshift(...Array.from({ length: rand(3) }, (_, i) => "u" + i)); break;
    case 2: r = a.splice(rand(a.length + 2) - 1, rand(4), ...Array.from({ length: rand(4) }, (_, i) => "s" + i)); r = show(r); break;
    case 3: r = a.copyWithin(rand(a.length + 1) - 1, rand(a.length + 1), rand(a.length + 2)); r = "cw"; break;
  }
  console.log(round, before, "->", show(a), r);
}
// Where the plain path must not apply.
const proto = [];
proto[2] = "p";
const b = Object.setPrototypeOf([1, , , 4], proto);
b.shift();
console.log(show(b));
const c = Object.freeze([1, 2, 3]);
try { c.shift(); } catch (e) { console.log(e.constructor.name, show(c)); }
const d = [1, 2, 3];
Object.defineProperty(d, "length", { writable: false });
try { d.unshift(0); } catch (e) { console.log(e.constructor.name, show(d)); }
const e = Object.preventExtensions([1, , 3]);
try { e.copyWithin(1, 0); } catch (err) { console.log(err.constructor.name, show(e)); }
const big = Array.from({ length: 20000 }, (_, i) => i);
let s = 0;
while (big.length) s += big.shift();
console.log(s);
