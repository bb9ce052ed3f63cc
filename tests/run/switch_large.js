// Constant-selector switches (issue 17; the large ones are in
// switch_generated.js): runs of int32 constant
// selectors are one lookup, the clauses one jump table; the order of
// evaluation of 14.12.2 CaseBlockEvaluation holds around selectors with
// effects. Expected output generated with node.
function f(x) { switch (x) { case 1: return 'a'; case 2: case 3: return 'b'; default: return 'd'; case 4: return 'e'; } }
console.log(f(1), f(2), f(3), f(4), f(5), f('1'));
function g(x) {
  var r = [];
  switch (x) {
    case 0: r.push(0); case 1: r.push(1); case 2: r.push(2); case 3: r.push(3);
    case 4: r.push(4); case 5: r.push(5); case 6: r.push(6); case -7: r.push(-7);
    case 8: r.push(8); break; case 2: r.push('dup'); default: r.push('d'); case 9: r.push(9);
  }
  return r.join();
}
for (const x of [0, 1, 2, 3, 8, 9, -7, 10, -0, 2.5, NaN, '2', null, undefined, 1e10, 2 ** 31, -(2 ** 31), {}, 2n])
  console.log(String(x), g(x));
var log = [];
function s(v) { log.push(v); return v; }
function h(x) {
  switch (x) {
    case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8: return 'c';
    case s(9): return 's9';
    case 10: case 11: case 12: case 13: case 14: case 15: case 16: case 17: case 18: return 'c2';
    case s(19): return 's19';
    default: return 'dd';
  }
}
console.log(h(4), h(9), h(12), h(19), h(100), log.join());
// Hot (full tier), a generator and an async function.
var t = 0;
for (var i = 0; i < 2000; i++) { t += g(i % 12).length; t += g(i % 12 + 0.5).length; }
console.log(t);
function* gen(x) { switch (x) { case 1: yield 1; case 2: yield 2; case 3: case 4: case 5: case 6: case 7: case 8: case 9: yield 9; break; default: yield 'd'; } }
console.log([...gen(1)], [...gen(5)], [...gen(0)]);
lbl: for (var j = 0; j < 3; j++) { switch (j) { case 0: continue lbl; case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8: console.log('j', j); break lbl; } }
