// The machine code of dead eval and Function code is freed and its memory
// reused (backend/reclaim.rs, backend/code_memory.rs): code kept alive,
// code reused, hot (tiered-up) code, errors and stack frames must stay
// right. Expected output produced with node v20 (`collect` is a no-op
// there; stack lines are reduced to the function name and position).
globalThis.collect = typeof $262 !== "undefined" && $262.gc ? () => $262.gc() : () => {};
function frame(e, k) {
  const line = String(e.stack).split("\n")[k] || "";
  const m = /at (\S+) .*:(\d+:\d+)\)?$/.exec(line.trim());
  return m ? m[1] + "@" + m[2] : "?";
}
function position(e, k) {
  const m = /:(\d+:\d+)\)?$/.exec((String(e.stack).split("\n")[k] || "").trim());
  return m ? m[1] : "?";
}
function callIt(f, x) { return f(x); }

// Distinct texts of different code sizes, results checked.
let bad = 0;
for (let i = 0; i < 1500; i++) {
  const body = "var s = " + i + ";" + "s = s + 1;".repeat(i % 7);
  if ((0, eval)("(function(){" + body + " return s; })")() !== i + i % 7) bad++;
  if (Function("a", body + " return s * a;")(2) !== 2 * (i + i % 7)) bad++;
  if (eval(body + " s") !== i + i % 7) bad++;
  if (i % 500 === 0) collect();
}
console.log("loop", bad);

// Functions kept alive while the others are freed and their memory reused.
const kept = [];
for (let i = 0; i < 1500; i++) {
  const f = (0, eval)("(function k" + i + "(x){ return x * " + i + " + " + "1+".repeat(i % 5) + "0; })");
  if (f(3) !== 3 * i + i % 5) bad++;
  if (i % 97 === 0) kept.push([i, f]);
  if (i % 300 === 0) collect();
}
collect();
for (let i = 0; i < 600; i++) Function("return [" + i + "]")();
console.log("kept", bad, kept.length, kept.every(([i, f]) => f(3) === 3 * i + i % 5));

// Hot eval code (full tier, on-stack replacement), dropped each round.
let hotSum = 0;
for (let j = 0; j < 25; j++) {
  const hot = (0, eval)("(function(n){ let t = 0; for (let i = 0; i < n; i++) t += i % " + (j + 2) + "; return t; })");
  for (let r = 0; r < 200; r++) hotSum += hot(40);
  hotSum += hot(5000);
  if (j % 5 === 0) collect();
}
let want = 0;
for (let j = 0; j < 25; j++) {
  let t = 0; for (let i = 0; i < 40; i++) t += i % (j + 2);
  let u = 0; for (let i = 0; i < 5000; i++) u += i % (j + 2);
  want += 200 * t + u;
}
console.log("hot", hotSum === want, hotSum);

// Errors thrown from freed and from live eval code, with their frames.
const live = (0, eval)("(function liveThrower(x){\n  throw new RangeError('live ' + x);\n})");
for (let i = 0; i < 800; i++) {
  const dead = (0, eval)("(function dead" + i + "(x){ if (x) throw new Error('dead" + i + "'); })");
  try { callIt(dead, 1); } catch (e) {
    if (i % 200 === 0) console.log(e.message, frame(e, 1), frame(e, 2));
  }
  if (i % 250 === 0) collect();
}
collect();
for (let round = 0; round < 2; round++) {
  try { callIt(live, round); } catch (e) { console.log(e.message, frame(e, 1), frame(e, 2)); }
}
const thrown = Function("x", "x = typeof x;\n  throw new TypeError(x);");
for (let i = 0; i < 300; i++) Function("return " + i)();
collect();
try { callIt(thrown, {}); } catch (e) { console.log(e instanceof TypeError, position(e, 1), frame(e, 2)); }
