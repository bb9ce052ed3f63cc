// yield*: delegation to arrays, strings, generators and custom iterators.
// Expected output produced with node.
function* inner() { const x = yield 1; console.log("inner got", x); yield 2; return "inner done"; }
function* outer() { const r = yield* inner(); console.log("r =", r); yield* [3, 4]; yield* "ab"; }
const it = outer();
let step = it.next();
const seen = [];
let i = 0;
while (!step.done) { seen.push(step.value); step = it.next(i++); }
console.log(seen.join());

// throw() and return() are forwarded.
const log = [];
const custom = {
  [Symbol.iterator]() { return this; },
  next(v) { log.push("next " + v); return { value: "n", done: false }; },
  throw(e) { log.push("throw " + e); return { value: "t", done: true }; },
  return(v) { log.push("return " + v); return { value: "rv", done: true }; },
};
function* d() { const r = yield* custom; log.push("result " + r); return r; }
const a = d();
a.next("first"); a.next("second");
console.log(JSON.stringify(a.throw("E")));
const b = d();
b.next();
console.log(JSON.stringify(b.return("R")));
console.log(log.join(" | "));

// The inner result object is passed through as it is.
const res = { value: 7, done: false, extra: true };
const raw = { [Symbol.iterator]() { return { next() { return res; } }; } };
function* passthrough() { yield* raw; }
console.log(passthrough().next() === res);

// An iterator without throw: closed, then a TypeError.
const noThrow = { [Symbol.iterator]() { return { next() { return { done: false }; }, return() { console.log("closing"); return {}; } }; } };
function* nt() { yield* noThrow; }
const n = nt(); n.next();
try { n.throw(1); } catch (e) { console.log(e.constructor.name); }
