// Eval code evaluated again from the same text reuses its analyzed program
// (backend/dynamic_code.rs EvalCache); every evaluation must still behave
// as a fresh parse. Expected output produced with node v20.
function tag(strings) { return strings; }
const seen = [];
for (let i = 0; i < 3; i++) seen.push(eval("tag`a${i}b`"));
console.log(seen[0] === seen[1], seen[1] === seen[2]); // new Parse Nodes each time
const same = [];
for (let i = 0; i < 2; i++) same.push((0, eval)("(function(){ return 1; })"));
console.log(same[0] === same[1], same[0](), same[1]());
const fs = [Function("a", "return a + 1"), Function("a", "return a + 1")];
console.log(fs[0] === fs[1], fs[0](1), fs[1](2), String(fs[0]) === String(fs[1]));
// The same text at two sites sees each site's scope.
function one() { const x = "one"; return eval("x"); }
function two() { const x = "two"; return eval("x"); }
console.log(one(), two(), one());
// Declarations run each time: var at the global level, let in a fresh scope.
for (let i = 0; i < 3; i++) (0, eval)("var counter = (typeof counter === 'number' ? counter : 0) + 1;");
console.log(counter);
for (let i = 0; i < 3; i++) console.log(eval("let y = i * 2; y"));
// Closures made by reused eval code are distinct and capture their own frames.
function maker(v) { return eval("() => v"); }
const m1 = maker("first"), m2 = maker("second");
console.log(m1(), m2(), m1 === m2);
// Errors from reused code.
for (let i = 0; i < 2; i++) {
  try { eval("null.x"); } catch (e) { console.log(e.constructor.name); }
  try { eval("let z; let z;"); } catch (e) { console.log(e.name); }
}
