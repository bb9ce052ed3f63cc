// Class fields: construction of instances with declared public and private
// fields (the field initializer), of a derived class (`super(...)`, then
// its own fields), then public and private field reads and writes through
// methods and from outside. 2·10^6 constructions, about 10^7 field accesses.
// Prints a checksum.
class Particle {
  x = 0;
  y = 0;
  #mass = 1;
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  weight() {
    return this.#mass;
  }
  push(dx) {
    this.x = (this.x + dx * this.#mass) % 10007;
    this.#mass = (this.#mass + 1) & 7;
  }
}
class Charged extends Particle {
  charge = -1;
  constructor(x, y, charge) {
    super(x, y);
    this.charge = charge;
  }
}
function particles(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = new Particle(i, 2);
    p.push(3);
    sum = (sum + p.x + p.y + p.weight()) % 1000003;
  }
  return sum;
}
function charged(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = new Charged(i, 1, i & 3);
    p.push(3);
    sum = (sum + p.x + p.charge + p.weight()) % 1000003;
  }
  return sum;
}
function access(n) {
  const ps = [];
  for (let k = 0; k < 16; k++) ps.push(new Particle(k, k));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = ps[i & 15];
    p.push(i & 3);
    p.y = (p.y + p.x) & 1023;
    sum = (sum + p.y) % 1000003;
  }
  return sum;
}
console.log(particles(1000000), charged(1000000), access(2000000));
