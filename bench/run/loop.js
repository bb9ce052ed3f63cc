// A numeric loop of 10^8 iterations on int32 values.
function loop(n) {
  var sum = 0;
  for (var i = 0; i < n; i++) {
    sum = (sum + i) | 0;
  }
  return sum;
}
console.log(loop(100000000));
