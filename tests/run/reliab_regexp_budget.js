// Catastrophic backtracking ends with a RangeError (the matcher's step
// budget, vendor/regress/src/limits.rs) instead of running for hours.
// Node has no budget (it runs on); expected output written by hand.
try { console.log(/^(a+)+$/.test('a'.repeat(40) + 'b')); } catch (e) { console.log(e.name, e.message); }
// A match right after an abandoned one works.
console.log(/^(a|b)*$/.test('ab'.repeat(1000)), 'abcabc'.replace(/b/g, 'X'));
const re = /(\d+)-(\d+)/g;
console.log('1-2 33-44'.replace(re, '$2-$1'));
