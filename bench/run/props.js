// Property reads and writes on objects of one shape (10^7 iterations).
function Point(x, y) {
  this.x = x;
  this.y = y;
}
function run(n) {
  var points = [];
  for (var k = 0; k < 16; k++) {
    points.push(new Point(k, k * 2));
  }
  var sum = 0;
  for (var i = 0; i < n; i++) {
    var p = points[i & 15];
    p.x = (p.x + p.y) & 1023;
    sum = (sum + p.x) | 0;
  }
  return sum;
}
console.log(run(10000000));
