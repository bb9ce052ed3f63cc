// Private fields added through the set cache's add transition: a second add
// of the same name is a TypeError even after the site was cached, and a
// class evaluated twice gets distinct private names.
const out = [];
class Ret { constructor(o) { return o; } }
function stamp() {
  return class extends Ret {
    #x = 1;
    static has(o) { return #x in o; }
    static get(o) { return o.#x; }
  };
}
const S1 = stamp();
const S2 = stamp();
for (let i = 0; i < 3; i++) {
  const o = {};
  new S1(o);
  new S2(o);
  out.push(S1.has(o), S2.has(o), S1.get(o) + S2.get(o));
  try { new S1(o); out.push("no error"); } catch (e) { out.push(e.constructor.name); }
}
// Non-extensible objects still get private fields.
const frozen = Object.freeze({});
new S1(frozen);
out.push(S1.has(frozen));
// Instances of one class share a shape with their private fields.
class P { #a = 1; #b = 2; sum() { return this.#a + this.#b; } }
let s = 0;
for (let i = 0; i < 5; i++) s += new P().sum();
out.push(s);
console.log(out.join("\n"));
