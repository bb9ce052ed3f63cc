// Closures over generator locals see and change them across suspensions.
// Expected output produced with node.
function* counter() {
  let n = 0;
  const inc = () => ++n;
  const get = () => n;
  while (true) {
    const cmd = yield { inc, get, n };
    if (cmd === "stop") return n;
    n += 10;
  }
}
const c = counter();
const { inc, get } = c.next().value;
inc(); inc();
console.log(get(), c.next().value.n, get());
inc();
console.log(c.next().value.n, get());
console.log(c.next("stop").value, get());

// A closure created in a loop body captures that iteration's binding.
function* perIteration() { const fs = []; for (let i = 0; i < 3; i++) { fs.push(() => i); yield i; } return fs.map((f) => f()).join(); }
const p = perIteration(); let r; while (!(r = p.next()).done); console.log(r.value);

// Arguments and this survive.
function* args(a, b) { yield arguments.length; a = 5; yield arguments[0]; yield this.tag; }
const obj = { tag: "T", args };
console.log([...obj.args(1, 2, 3)].join());

// Many generators suspended at once, each with its own frame.
const gens = [];
for (let i = 0; i < 500; i++) { const g = (function* (k) { let acc = k; while (true) acc += yield acc; })(i); g.next(); gens.push(g); }
let total = 0;
for (let round = 0; round < 3; round++) for (const g of gens) total += g.next(1).value;
console.log(total);
