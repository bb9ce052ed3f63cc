// Suspending in the middle of expressions: the operand stack survives.
// Expected output produced with node.
function* arith() { const a = 2, b = 3; return a + b * (yield "x") + (yield "y"); }
const g = arith(); g.next(); g.next(10);
console.log(g.next(100).value);

function* cond(c) { return [c ? yield "then" : yield "else", "tail"]; }
for (const c of [true, false]) { const it = cond(c); console.log(it.next().value, it.next("v").value.join()); }

function* logic(x) { return x || (yield "need") ; }
const l1 = logic(0); console.log(l1.next().value, l1.next(5).value);
console.log(logic(3).next().value);

function* calls() { return Math.max(1, yield "a", 3, yield "b"); }
const c = calls(); c.next(); c.next(7); console.log(c.next(2).value);

function* objs() { const o = { a: yield 1, [yield 2]: yield 3, ...(yield 4) }; return o; }
const o = objs(); o.next(); o.next("A"); o.next("key"); o.next("K"); console.log(JSON.stringify(o.next({ z: 1 }).value));

function* assign() { const o = {}; o.p = yield; o[yield] = yield; let x = 1; x += yield; return [o, x]; }
const s = assign(); s.next(); s.next("P"); s.next("k"); s.next("V");
console.log(JSON.stringify(s.next(41).value));

function* destructure() { const [a, b = yield "default"] = [1]; const { c = yield "c" } = {}; return a + b + c; }
const dd = destructure(); console.log(dd.next().value, dd.next(10).value, dd.next(100).value);

function* loops() {
  let total = 0;
  for (let i = 0; i < 3; i++) { const fns = []; fns.push(() => i); total += (yield i) + fns[0](); }
  for (const k in { a: 1, b: 2 }) total += (yield k).length;
  let j = 0; while (j < 2) { j++; total += yield j; }
  do { total += yield "do"; } while (false);
  switch (yield "sw") { case 1: total += 1000; break; default: total += 1; }
  return total;
}
const lp = loops(); let r = lp.next(), vals = [];
while (!r.done) { vals.push(r.value); r = lp.next(typeof r.value === "string" && r.value.length === 1 ? "xy" : 1); }
console.log(vals.join(), r.value);
