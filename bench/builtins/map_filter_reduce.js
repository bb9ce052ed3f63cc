// map/filter/reduce chains on 10^6 elements. Prints the best of 5 times in
// ms, the count and a checksum.
var n = 1000000;
var data = [];
for (var i = 0; i < n; i++) data.push(i);
var best = Infinity;
var sum = 0;
for (var r = 0; r < 5; r++) {
  var t0 = Date.now();
  sum = data
    .map(function (x) { return x * 2; })
    .filter(function (x) { return x % 3 === 0; })
    .reduce(function (acc, x) { return acc + x; }, 0);
  var dt = Date.now() - t0;
  if (dt < best) best = dt;
}
console.log(best, n, sum);
