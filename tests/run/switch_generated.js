// Large generated switches (issue 17): 30,000 constant cases (one lookup, a
// function over HUGE_FUNCTION commands that stays in the quick tier) and
// 3,000 string cases. Expected output generated with node. Listed in
// tests/gc/stress-slow.txt (building the source allocates 33,000 strings).
// Generated: 30,000 constant cases (one lookup) and 3,000 string cases.
var src = 'switch (x) {';
for (var k = 0; k < 30000; k++) src += 'case ' + (k * 3 - 5000) + ': return ' + k + ';';
src += 'default: return -1; }';
var big = Function('x', src);
console.log(big(-5000), big(1), big(4), big(0), big(3 * 29999 - 5000), big('4'), big(4.0), big(-0.0));
src = 'switch (x) {';
for (var k = 0; k < 3000; k++) src += 'case "k' + k + '": n++; break;';
src += 'default: n = -1; }';
globalThis.n = 0; var bigs = Function('x', src);
for (var k = 0; k < 3000; k += 7) bigs('k' + k);
console.log(globalThis.n);
