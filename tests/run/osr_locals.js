// On-stack replacement (docs/internals.md, "Tiers"): functions whose loops
// run long in their first call start in the quick tier and move into the
// full tier at a loop header, with every kind of live local.
// Expected output generated with node.
"use strict";
const N = 300000;

function numbers(n) {
  let i32 = 0, dbl = 0.5, big = 2 ** 40, neg = -1;
  for (let i = 0; i < n; i++) {
    i32 = (i32 + i) | 0;
    dbl += 0.25;
    big += 3;
    neg ^= i;
  }
  return [i32, dbl, big, neg];
}
console.log(numbers(N).join(" "));

function objects(n) {
  const o = { count: 0, list: [] };
  let last = null;
  const m = new Map();
  for (let i = 0; i < n; i++) {
    o.count++;
    if (i % 50000 === 0) { last = { i, s: "s" + i }; o.list.push(last); m.set(i, last); }
  }
  return [o.count, o.list.length, last.s, m.get(250000).i, o.list[2] === m.get(100000)];
}
console.log(JSON.stringify(objects(N)));

function captured(n) {
  let total = 0;
  let steps = 0;
  const read = () => total;
  const bump = () => { steps++; };
  const fns = [];
  for (let i = 0; i < n; i++) {
    total += i & 7;
    bump();
    if (i % 100000 === 0) fns.push(() => i + read());
  }
  total += 1;
  return [total, steps, read(), fns.map((f) => f()).join(",")];
}
console.log(captured(N).join(" "));

function nested(n) {
  let hits = 0, skipped = 0;
  outer: for (let a = 0; a < n; a++) {
    for (let b = 0; b < 10; b++) {
      if (b > (a % 7)) { skipped++; continue outer; }
      if (a === n - 3 && b === 2) break outer;
      hits += a ^ b;
    }
  }
  let k = 0, w = 0;
  do { w += k % 3; k++; } while (k < n);
  return [hits, skipped, w];
}
console.log(nested(N).join(" "));

function tries(n) {
  let caught = 0, fin = 0, s = 0;
  try {
    for (let i = 0; i < n; i++) {
      try {
        if (i % 1000 === 999) throw new RangeError("r" + i);
        s += i;
      } catch (e) {
        caught += e.message.length;
      } finally {
        fin++;
      }
    }
    throw new Error("done");
  } catch (e) {
    s += e.message.length;
  } finally {
    // A loop inside a finally block: the completion to resume is live.
    for (let j = 0; j < n; j++) fin += j & 1;
  }
  return [caught, fin, s];
}
console.log(tries(N).join(" "));

function returnsFromFinally(n) {
  let x = 0;
  try {
    return "early";
  } finally {
    for (let j = 0; j < n; j++) x += j % 5;
    globalThis.sideEffect = x;
  }
}
console.log(returnsFromFinally(N), globalThis.sideEffect);

function iterate(n) {
  const arr = [];
  for (let i = 0; i < n; i++) arr.push(i % 10);
  let sum = 0;
  for (const v of arr) sum += v;
  const obj = {};
  for (let i = 0; i < 2000; i++) obj["k" + i] = i;
  let keys = 0;
  for (const k in obj) keys += k.length;
  let inner = 0;
  const few = arr.slice(0, 3000);
  for (const v of few) { for (const w of [v, 1]) inner += w; }
  return [sum, keys, inner];
}
console.log(iterate(N).join(" "));

function rest(a, ...more) {
  let s = 0;
  for (let i = 0; i < N; i++) s += more[i % more.length] + a;
  return s;
}
console.log(rest(1, 2, 3, 4));

class Counter {
  constructor() { this.n = 0; this.log = []; }
  run(n) {
    for (let i = 0; i < n; i++) {
      this.n += 2;
      if (i === n - 1) this.log.push(this.n);
    }
    return this;
  }
}
console.log(new Counter().run(N).log[0]);

function* gen(n) {
  let s = 0;
  for (let i = 0; i < n; i++) { s += i; if (i % 100000 === 0) yield s; }
  return s;
}
console.log([...gen(N)].join(","));

function throwsOut(n) {
  let i = 0;
  for (;;) {
    i++;
    if (i === n) throw new TypeError("at " + i);
  }
}
try { throwsOut(N); } catch (e) { console.log(e.constructor.name, e.message); }

function deep(n) {
  let stack = "";
  for (let i = 0; i < n; i++) {
    if (i === n - 1) stack = new Error("here").stack;
  }
  return stack.split("\n").filter((l) => l.includes("at deep ")).length;
}
console.log("frames of deep:", deep(N));

function recursive(depth, n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i % 3;
  return depth === 0 ? s : s + recursive(depth - 1, n);
}
console.log(recursive(3, N / 3));
