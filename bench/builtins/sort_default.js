// Array.prototype.sort() without a comparator (string order) of 10^6
// numbers. Prints the best of 3 times in ms, the count and a checksum.
var n = 1000000;
var data = [];
var seed = 42;
for (var i = 0; i < n; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  data.push(seed % 1000000);
}
var best = Infinity;
var a;
for (var r = 0; r < 3; r++) {
  a = data.slice();
  var t0 = Date.now();
  a.sort();
  var dt = Date.now() - t0;
  if (dt < best) best = dt;
}
console.log(best, n, a[0] + a[n >> 1] + a[n - 1]);
