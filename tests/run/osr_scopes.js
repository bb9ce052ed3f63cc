// On-stack replacement with block-scoped captured bindings, classes,
// `new.target`, switch statements and labelled blocks inside long loops.
// Expected output generated with node.
"use strict";
const N = 200000;

function blocks(n) {
  const out = [];
  {
    let shared = 1;
    const get = () => shared;
    {
      let inner = 10;
      const set = (v) => { inner = v; };
      for (let i = 0; i < n; i++) {
        shared += 2;
        if (i % 50000 === 0) set(inner + i);
      }
      out.push(inner, get(), shared);
    }
  }
  return out;
}
console.log(blocks(N).join(" "));

class Base {
  constructor(n) {
    this.total = 0;
    for (let i = 0; i < n; i++) this.total += i % 4;
    this.isBase = new.target === Base;
  }
}
class Derived extends Base {
  constructor(n) {
    let before = 0;
    for (let i = 0; i < n; i++) before += 1;
    super(n);
    for (let i = 0; i < n; i++) this.total -= 1;
    this.before = before;
  }
}
const d = new Derived(N);
console.log(d.total, d.before, d.isBase, new Base(N).isBase);

function Ctor(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += i & 1;
  this.s = s;
  this.nt = new.target === Ctor;
}
const c = new Ctor(N);
console.log(c.s, c.nt);

function switches(n) {
  const counts = [0, 0, 0, 0];
  let text = "";
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0: counts[0]++; break;
      case 1: case 2: counts[1]++; continue;
      case 3: counts[2]++;
      default: counts[3]++;
    }
    block: {
      if (i % 7 === 0) break block;
      if (i === n - 1) text = "last" + i;
    }
  }
  return counts.join(",") + " " + text;
}
console.log(switches(N));

function inCatch(n) {
  let r = 0;
  try {
    null.x;
  } catch (err) {
    const name = err.constructor.name;
    for (let i = 0; i < n; i++) r += name.length;
    r += err instanceof TypeError ? 1 : 0;
  }
  return r;
}
console.log(inCatch(N));

function closuresPerIteration(n) {
  const fs = [];
  for (let i = 0; i < n; i++) {
    let sq = i * i;
    if (i % 40000 === 0) fs.push(() => [i, sq]);
  }
  return fs.map((f) => f().join(":")).join(" ");
}
console.log(closuresPerIteration(N));

function whileTrue(n) {
  let i = 0;
  const seen = new Set();
  while (true) {
    i++;
    if (i % 1000 === 0) seen.add(i);
    if (i >= n) break;
  }
  return seen.size;
}
console.log(whileTrue(N));

function loopAfterLoop(n) {
  let a = 0, b = 0;
  for (let i = 0; i < n; i++) a += 1;
  for (let i = 0; i < n; i++) b += a;
  for (let i = 0; i < 3; i++) b += i;
  return [a, b];
}
console.log(loopAfterLoop(N).join(" "));
