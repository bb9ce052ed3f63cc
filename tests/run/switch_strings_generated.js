// A generated switch of 5,000 string cases (issue 17: one runtime hash
// lookup per run of constant selectors), with a number, a duplicate and a
// selector with an effect every 1,000 cases. Expected output generated
// with node.
var src = 'var r = -1; switch (x) {';
for (var k = 0; k < 5000; k++) {
  if (k % 1000 === 500) src += 'case effect(' + k + '): r = "effect ' + k + '"; break;';
  if (k % 1000 === 999) src += 'case ' + k + ': r = "number ' + k + '"; break;';
  if (k % 1000 === 10) src += 'case "s' + (k - 1) + '": r = "duplicate"; break;';
  src += 'case "s' + k + '": r = ' + k + '; break;';
}
src += 'default: r = "default"; } return r;';
var calls = globalThis.calls = [];
globalThis.effect = function (k) { calls.push(k); return "e" + k; };
var big = Function('x', src);
var sum = 0;
for (var k = 0; k < 5000; k += 3) sum += big('s' + k);
console.log(sum, calls.length);
calls.length = 0;
console.log(big('s4999'), calls.join());
calls.length = 0;
console.log(big('e2500'), calls.join());
calls.length = 0;
console.log(big(1999), big('1999'), big('s9'), big('s1009'), big(undefined), big('s'), calls.length);
