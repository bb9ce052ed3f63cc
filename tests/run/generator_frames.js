// Frames of every size across the inline limit of a coroutine (6 words):
// generators and async functions with 0 to 12 locals live across each
// suspension, many suspended at once while garbage is made; the values
// must survive collections. Expected output from node.
function* g0() { yield 1; yield 2; }
function* g1(a) { yield a; yield a + 1; }
function* g3(a, b) { let c = a * b; yield c; yield a + b + c; }
function* g6(a) {
  let b = a + 1, c = b + 1, d = c + 1, e = d + 1;
  yield [a, b, c, d, e].join("-");
  yield a + b + c + d + e;
}
function* g12(a) {
  let b = a + 1, c = b + 1, d = c + 1, e = d + 1, f = e + 1, g = f + 1;
  let h = { v: g + 1 }, i = [h.v + 1], j = "s" + (i[0] + 1), k = j + "!";
  yield [a, b, c, d, e, f, g, h.v, i[0], j, k].join(",");
  yield a + b + c + d + e + f + g + h.v + i[0];
}
const makers = [g0, g1, g3, g6, g12];
const gens = [];
for (let n = 0; n < 200; n++) {
  const make = makers[n % makers.length];
  const it = make(n, n + 1);
  gens.push([it, it.next().value]);
  for (let k = 0; k < 20; k++) gens.push.call([], { k, s: "garbage" + k });
}
let sum = 0;
const firsts = [];
for (const [it, first] of gens) {
  if (firsts.length < 5) firsts.push(String(first));
  const second = it.next().value;
  sum += typeof second === "number" ? second : 0;
  if (!it.next().done) throw new Error("not done");
}
console.log(firsts.join(" | "));
console.log(sum);
async function a12(x) {
  let b = x + 1, c = b + 1, d = c + 1, e = d + 1, f = e + 1, g = f + 1, h = g + 1;
  const r1 = await Promise.resolve(x);
  const junk = [];
  for (let i = 0; i < 50; i++) junk.push({ i });
  const r2 = await r1 + 1;
  return [b, c, d, e, f, g, h, r1, r2, junk.length].join(",");
}
async function a1(x) { return (await x) * 2; }
Promise.all([a12(1), a1(21), a12(10)]).then((v) => console.log(v.join(" / ")));
