// 14.7.5 for-of: bindings, per-iteration let/const, IteratorClose.
for (const x of [1, 2, 3]) console.log("const", x);
for (var v of ["a", "b"]);
console.log("var after loop", v);
let target;
for (target of [7, 8]);
console.log("assignment target", target);
const o = {};
for (o.p of [1, 2]);
console.log("member target", o.p);
for (const [k, val] of [["a", 1], ["b", 2]]) console.log(k, val);
for ({ x: target } of [{ x: 42 }]);
console.log("pattern target", target);
// Each iteration gets its own binding.
const fns = [];
for (let i of [1, 2, 3]) fns.push(() => i);
console.log(fns[0](), fns[1](), fns[2]());
// TDZ: the expression sees the loop's binding uninitialized.
try {
  for (let z of [z]);
} catch (e) {
  console.log("tdz", e instanceof ReferenceError);
}
// IteratorClose on break, return, throw and continue to an outer label.
function counting() {
  let i = 0;
  return {
    [Symbol.iterator]() {
      return this;
    },
    next() {
      i++;
      return { value: i, done: i > 5 };
    },
    return() {
      console.log("  closed at", i);
      return {};
    },
  };
}
for (const n of counting()) if (n === 2) break;
function ret() {
  for (const n of counting()) if (n === 3) return n * 100;
}
console.log(ret());
try {
  for (const n of counting()) if (n === 1) throw new Error("boom");
} catch (e) {
  console.log(e.message);
}
outer: for (const a of ["p", "q"]) {
  for (const b of counting()) {
    if (b === 2) continue outer;
    console.log(a, b);
  }
}
label2: for (const a of counting()) {
  for (const b of [1]) break label2;
}
// Exhausted iterators are not closed.
for (const n of counting());
console.log("done");
// A throwing return() is ignored when the body threw.
const bad = {
  [Symbol.iterator]() {
    return { next: () => ({ value: 1, done: false }), return() { throw new Error("from return"); } };
  },
};
try {
  for (const x of bad) throw new Error("from body");
} catch (e) {
  console.log(e.message);
}
try {
  for (const x of bad) break;
} catch (e) {
  console.log(e.message);
}
