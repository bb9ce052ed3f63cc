// Array literals whose runs of literal elements are appended from a
// constant table (PushArrayConstants): values, holes, spreads and
// expressions between the runs keep their order. Expected output from node v20.
const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, "ten", -11, -0, null, true, false, 0.5,
  [1, 2, 3, 4, 5, 6, 7, 8], , 3, ...[4, 5], 6, 7, 8, 9, 10, 11, 12, 13];
console.log(a.length, JSON.stringify(a), Object.is(a[11], -0), 17 in a, 18 in a);
let calls = [];
const f = (x) => (calls.push(x), x);
const b = [1, 2, 3, 4, 5, 6, 7, 8, f("a"), 9, 10, 11, 12, 13, 14, 15, 16, f("b")];
console.log(b.length, b.join(), calls.join());
const strings = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "\u03b9\u03c9\u03c4\u03b1"];
console.log(strings.map((s) => s.length).join(), strings[8]);
function make() { return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]; }
const m1 = make(), m2 = make();
m1[0] = 99;
console.log(m1 === m2, m1[0], m2[0], m2.length);
const big = [];
for (let i = 0; i < 3; i++) big.push([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].reduce((x, y) => x + y));
console.log(big.join());
Object.defineProperty(Array.prototype, 3, { set(v) { console.log("setter", v); }, configurable: true });
const c = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
console.log(c[3], Object.getOwnPropertyDescriptor(c, 3).value);
delete Array.prototype[3];
