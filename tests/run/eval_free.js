// Eval code of many distinct texts is freed once dead (backend/reclaim.rs):
// the results, and the functions the freed-or-kept programs made, must stay
// right across collections. Expected output produced with node v20 (the
// `collect` helper is a no-op there).
globalThis.collect = typeof $262 !== "undefined" && $262.gc ? () => $262.gc() : () => {};
let sum = 0;
for (let i = 0; i < 600; i++) {
  sum += eval("(" + i + ")");            // direct eval
  sum += (0, eval)("(" + i + " * 2)");   // indirect eval
  sum += new Function("return " + i + " * 3")();
  if (i % 200 === 0) collect();
}
console.log(sum);
// Functions made by eval code, kept alive, called after collections.
const kept = [];
for (let i = 0; i < 100; i++) {
  kept.push((0, eval)("(function (x) { return x + " + i + "; })"));
  kept.push(new Function("a", "b", "return a * b + " + i));
  kept.push(eval("(y => y - " + i + ")"));
  if (i % 40 === 0) collect();
}
for (let i = 0; i < 1200; i++) (0, eval)("'garbage " + i + "'");
collect();
let check = 0;
for (let i = 0; i < 100; i++) {
  check += kept[3 * i](1) + kept[3 * i + 1](2, 3) + kept[3 * i + 2](1000);
}
console.log(check);
// Closures of eval code capturing the caller's variables and their own.
function counterFrom(start) {
  return eval("let n = start; (() => ++n)");
}
const counters = [];
for (let i = 0; i < 60; i++) counters.push(counterFrom(i * 10 + 0.5 * (i % 2)));
for (let i = 0; i < 1100; i++) eval("(" + i + ")");
collect();
console.log(counters[0](), counters[0](), counters[59](), counters[57]());
// A generator made by eval code, suspended across collections.
const gen = (0, eval)("(function* () { let k = 0; while (true) yield k++ + 0.25; })")();
gen.next();
for (let i = 0; i < 1100; i++) (0, eval)("[" + i + "]");
collect();
console.log(gen.next().value, gen.next().value);
// Eval code running while collections free others: its frame stays.
const nested = (0, eval)(`
  (function () {
    let r = 0;
    for (let i = 0; i < 300; i++) r += (0, eval)("(" + i + ")");
    ${"collect();"}
    return r + (0, eval)("(function inner(){ return 7; })")();
  })()`);
console.log(nested);
// Error positions and stack traces through freed-and-reused ids.
for (let i = 0; i < 200; i++) {
  try { (0, eval)("throw new Error('e" + i + "')"); } catch (e) { if (i % 100 === 0) console.log(e.message); }
}
collect();
try { kept[0].call(null, Symbol()); } catch (e) { console.log(e instanceof TypeError); }
console.log(String(kept[1]).replace(/\s+/g, " "));
