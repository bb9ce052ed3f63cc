// Method calls and public field reads/writes on instances of one class
// (prototype-chain inline caches, add-property transitions in the
// constructor). Prints a checksum.
class Vec {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  add(o) {
    return new Vec(this.x + o.x, this.y + o.y);
  }
  dot(o) {
    return this.x * o.x + this.y * o.y;
  }
  scale(k) {
    this.x = (this.x * k) % 1000;
    this.y = (this.y * k) % 1000;
    return this;
  }
}
let acc = new Vec(0, 0);
let d = 0;
const one = new Vec(1, 2);
for (let i = 0; i < 3000000; i++) {
  acc = acc.add(one).scale(3);
  d = (d + acc.dot(one)) % 1000003;
}
console.log(acc.x, acc.y, d);
