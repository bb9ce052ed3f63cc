// Float64Array numeric kernel: multiply two 120x120 matrices 10 times.
function matmul(a, b, c, n) {
  for (var i = 0; i < n; i++) {
    for (var j = 0; j < n; j++) {
      var s = 0;
      for (var k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
      c[i * n + j] = s;
    }
  }
}
var n = 120;
var a = new Float64Array(n * n), b = new Float64Array(n * n), c = new Float64Array(n * n);
for (var i = 0; i < n * n; i++) {
  a[i] = (i % 17) * 0.5;
  b[i] = (i % 13) - 6;
}
for (var r = 0; r < 10; r++) matmul(a, b, c, n);
var sum = 0;
for (var i = 0; i < n * n; i++) sum += c[i];
console.log(sum);
