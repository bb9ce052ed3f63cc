// A generator or async body whose frame is larger than the stack check's
// reserve (a call with 65,000 arguments: a 520 KB native frame) is started
// and resumed only when its whole frame fits: near the end of the stack it
// throws a RangeError instead of jumping over the guard page (issue 17).
const n = 65000;
function g() { return arguments.length; }
const args = Array.from({ length: n }, (_, i) => 'x' + (i % 10)).join(',');
const vars = 'var ' + Array.from({ length: 10 }, (_, i) => 'x' + i + '=' + i).join(',') + ';';
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const bigGen = new GeneratorFunction('g', vars + 'yield 1; return g(' + args + ');');
const bigAsync = new AsyncFunction('g', vars + 'await 1; return g(' + args + ');');

// `at(0, target, f)` calls `f` at recursion depth `target`; the deepest
// depth reachable is measured first (twice: the first run also compiles
// the faster tier, with other frame sizes), then `f` runs at depths closer
// and closer to it (some with more stack left than the body's frame needs,
// some with less).
let depth = 0;
function at(d, target, f) {
  depth = d;
  if (d < target) return at(d + 1, target, f);
  return f();
}
for (let i = 0; i < 2; i++) {
  try { at(0, Infinity, null); } catch (e) { if (i === 0) console.log(e.name); }
}
const deepest = depth;
// A frame of `at` is ~100 bytes: 10 frames leave far less than the body's
// frame above the limit, 100,000 far more.
function tryAt(f, expected) {
  const seen = new Set();
  for (const k of [1, 10, 100, 1000, 10000, 100000]) {
    let r;
    try { r = at(0, deepest - k, f); } catch (e) { r = e.name; }
    if (r !== expected && r !== 'RangeError') console.log('unexpected', k, r);
    seen.add(String(r));
  }
  return [...seen].sort().join(' ');
}

// Started near the end of the stack (the body runs to its first yield).
console.log(tryAt(() => bigGen(g).next().value, 1));
// Started at the bottom of the stack, resumed near its end.
const fresh = Array.from({ length: 6 }, () => { const it = bigGen(g); it.next(); return it; });
console.log(tryAt(() => fresh.pop().next().value, n));
// An async function started near the end of the stack; its resumption
// runs as a job, from the bottom of the stack.
console.log(tryAt(() => (bigAsync(g), 'started'), 'started'));
bigAsync(g).then((v) => console.log('async', v));
