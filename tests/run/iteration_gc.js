// Iteration state survives garbage collections: for-in records, iterator
// records, array and string iterators, spread and rest results.
const o = {};
for (let i = 0; i < 200; i++) o[i] = "v" + i;
o.named = "n";
let count = 0;
let last;
for (const k in o) {
  if (count % 50 === 0) $262.gc();
  const garbage = [k + "x", { k }];
  count++;
  last = k;
}
console.log(count, last);
const it = {
  [Symbol.iterator]() {
    let i = 0;
    return {
      next() {
        $262.gc();
        i++;
        return { value: { n: i, s: "s" + i }, done: i > 5 };
      },
    };
  },
};
let total = 0;
for (const v of it) total += v.n;
console.log(total);
const spread = [...it, ...it];
console.log(spread.length, spread[9].s);
const [a, ...rest] = it;
console.log(a.s, rest.length, rest[3].s);
let s = "";
for (const ch of "h\u{1F600}llo") {
  $262.gc();
  s += ch + "|";
}
console.log(s);
const arr = [{ x: 1 }, { x: 2 }];
for (const e of arr.values()) {
  $262.gc();
  console.log(e.x);
}
