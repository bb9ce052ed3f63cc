// Closure calls: a counter captured by an inner function, called 10^7 times.
function makeCounter(step) {
  var count = 0;
  return function () {
    count = (count + step) | 0;
    return count;
  };
}
function run(n) {
  var next = makeCounter(3);
  var last = 0;
  for (var i = 0; i < n; i++) {
    last = next();
  }
  return last;
}
console.log(run(10000000));
