// Deeply nested eval code analyzed when the JavaScript stack is nearly full:
// the analyzer checks the native stack and throws instead of overflowing
// the thread's stack (SIGABRT). Same for RegExp with nested groups.
const sources = [
  '['.repeat(1000) + ']'.repeat(1000),
  '({a:'.repeat(1000) + '1' + '})'.repeat(1000),
  '{'.repeat(1000) + '}'.repeat(1000),
  'function f(){'.repeat(1000) + '}'.repeat(1000),
  '('.repeat(1000) + '1' + ')'.repeat(1000),
];
const results = [];
function deep() {
  try {
    return deep();
  } catch (e) {
    for (const s of sources) {
      try { eval(s); results.push('ok'); } catch (e2) { results.push(e2.name); }
    }
    try { new RegExp('('.repeat(250) + ')'.repeat(250)); results.push('ok'); } catch (e3) { results.push(e3.name); }
    return 0;
  }
}
deep();
console.log(results.length, results.every(r => r === 'ok' || r === 'SyntaxError' || r === 'RangeError'));
// Away from the stack's end the same code runs.
for (const s of sources) eval(s);
console.log('done');
