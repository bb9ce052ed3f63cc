// A generator resumed after a scope with captured bindings has closed: the
// new native frame must not see stale capture cells of that scope (a class
// with computed field keys closes its scope before the next yield; the
// return then escapes every captured binding). test262's
// cpn-class-*-computed-property-name-from-yield-expression crashed on this.
// Expected output generated with node 20.
function* g() {
  let C = class {
    [yield "key"] = 9;
    static [yield "static key"] = 10;
  };
  let c = new C();
  yield Object.keys(c).join() + " " + Object.keys(C).join();
  {
    let x = 1;
    const f = () => x;
    yield f();
    x = 2;
    yield f();
  }
  for (let i = 0; i < 3; i++) {
    const h = () => i;
    yield h();
  }
  return "done";
}
const it = g();
const out = [];
let r = it.next();
let k = 0;
while (!r.done) {
  out.push(String(r.value));
  r = it.next(k === 0 ? "a" : k === 1 ? "b" : undefined);
  k++;
}
out.push(r.value);
console.log(out.join(" | "));
