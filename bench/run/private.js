// Private names: private field reads/writes and private method calls on
// instances of one class (10^7 iterations).
class Point {
  #x;
  #y;
  constructor(x, y) {
    this.#x = x;
    this.#y = y;
  }
  #step() {
    return (this.#x + this.#y) & 1023;
  }
  advance() {
    this.#x = this.#step();
    return this.#x;
  }
}
function run(n) {
  var points = [];
  for (var k = 0; k < 16; k++) {
    points.push(new Point(k, k * 2));
  }
  var sum = 0;
  for (var i = 0; i < n; i++) {
    sum = (sum + points[i & 15].advance()) | 0;
  }
  return sum;
}
console.log(run(10000000));
