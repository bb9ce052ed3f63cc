// Slices that outlive every other reference to their base: the slice keeps
// the base alive (run with --gc-stress 1 as well).
const kept = [];
for (let i = 0; i < 60; i++) {
  // A fresh base each time: a rope, flattened by the slicing, or a flat copy.
  const base = ("<" + i + ">").repeat(20) + "é".repeat(i % 3) + (i % 2 ? "Ω" : "") + "tail".repeat(8);
  const s = base.slice(3, 60 + (i % 7));
  kept.push(i % 4 ? s : s.substring(5, 40));
}
const objs = [];
for (let i = 0; i < 200; i++) objs.push({ i, junk: "x".repeat(i) + i });
let sum = 0;
for (const s of kept) {
  for (let j = 0; j < s.length; j++) sum = (sum * 31 + s.charCodeAt(j)) % 1000003;
}
console.log(kept.length, sum, kept[7], kept[8], kept[59].length);
// A key made from a slice, looked up after its base is gone.
const o = {};
(function () {
  const big = "key-".repeat(30) + Math.random().toString().slice(0, 2);
  o[big.slice(4, 44)] = "found";
})();
console.log(o["key-".repeat(10)]);
// A regexp match result that is a slice of a dropped subject.
let captured;
(function () {
  const subject = "prefix ".repeat(10) + "the captured part is long enough " + "suffix".repeat(10);
  captured = /the (captured part is long enough)/.exec(subject)[1];
})();
console.log(captured, captured.length);
