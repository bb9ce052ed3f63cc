// Spread (13.2.4.1 ArrayAccumulation, 13.3.8.1 ArgumentListEvaluation,
// 7.3.25 CopyDataProperties) and rest elements (8.6.3, 14.3.3.1).
const a = [1, 2];
console.log([0, ...a, 3, ..."xy"].join());
function sum(x, y, z) {
  return x + y + z;
}
console.log(sum(...a, 10), sum(...[1, 2, 3, 4]));
const obj = {
  base: 100,
  add(x, y) {
    return this.base + x + y;
  },
};
console.log(obj.add(...a), obj["add"](...[5], 5));
function P(x, y) {
  this.s = x + y;
}
console.log(new P(...["a", "b"]).s);
const src = { p: 1, q: 2 };
const copy = { z: 0, ...src, q: 3, ...null, ...undefined };
console.log(Object.keys(copy).join(), copy.q);
console.log(Object.keys({ ..."hi" }).join());
// Rest elements in array patterns, through the iterator protocol.
const [h, , ...tail] = [1, 2, 3, 4, 5];
console.log(h, tail.join(), Array.isArray(tail));
const [c1, ...others] = "hey";
console.log(c1, others.join("-"));
let m, n;
[m, ...n] = [9, 8, 7];
console.log(m, n.length);
// Rest in object patterns.
const { p, ...restObj } = { p: 1, q: 2, r: 3 };
console.log(p, Object.keys(restObj).join());
const key = "q";
const { [key]: qv, ...r2 } = { p: 1, q: 2, r: 3 };
console.log(qv, Object.keys(r2).join());
let rr;
({ p: m, ...rr } = { p: 5, s: 6 });
console.log(m, rr.s);
function params(first, ...[second, third]) {
  return first + second + third;
}
console.log(params(1, 2, 3));
try {
  const { ...x } = null;
} catch (e) {
  console.log(e instanceof TypeError);
}
// Array patterns close the iterator when they do not exhaust it.
const iterable = {
  [Symbol.iterator]() {
    let i = 0;
    return {
      next: () => ({ value: i++, done: false }),
      return() {
        console.log("closed");
        return {};
      },
    };
  },
};
const [i0, i1] = iterable;
console.log(i0, i1);
// RequireObjectCoercible for object patterns, even empty ones.
try {
  ({} = null);
} catch (e) {
  console.log("empty pattern:", e.name);
}
function emptyParam({}) {}
try {
  emptyParam();
} catch (e) {
  console.log("empty parameter pattern:", e.name);
}
