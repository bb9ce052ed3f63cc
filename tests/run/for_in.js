// 14.7.5 for-in: enumerable string keys up the prototype chain
// (14.7.5.9 EnumerateObjectProperties).
const proto = { inherited: 1, shadowed: 2 };
const o = Object.create(proto);
o.own = 3;
o.shadowed = 4;
o[1] = "one";
o[0] = "zero";
Object.defineProperty(o, "hidden", { value: 5, enumerable: false });
o[Symbol("s")] = 6;
const keys = [];
for (const k in o) keys.push(k);
console.log(keys.join());
// A non-enumerable own property shadows an enumerable inherited one.
const p = Object.create({ x: 1, y: 2 });
Object.defineProperty(p, "x", { value: 0, enumerable: false });
for (var k in p) console.log("p has", k);
// Keys deleted before they are visited are skipped.
const d = { a: 1, b: 2, c: 3 };
for (const k in d) {
  console.log("visit", k);
  delete d.b;
}
// undefined and null enumerate nothing; primitives are wrapped.
for (const k in null) console.log("never");
for (const k in undefined) console.log("never");
for (const k in "ab") console.log("string key", k, typeof k);
for (const k in [7, 8]) console.log("array key", k, typeof k);
// Assignment and pattern targets.
let t;
for (t in { only: 1 });
console.log(t);
for (const [c0, c1] in { xy: 1 }) console.log(c0, c1);
// let bindings are per iteration.
const fns = [];
for (let k in { a: 1, b: 2 }) fns.push(() => k);
console.log(fns[0](), fns[1]());
// break and continue.
for (const k in { a: 1, b: 2, c: 3 }) {
  if (k === "a") continue;
  if (k === "c") break;
  console.log("middle", k);
}
