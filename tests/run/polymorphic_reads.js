// A read site that sees many shapes (megamorphic), with inherited data,
// getters, redefinition and prototype changes between reads.
// Expected output produced with node.
const protos = [{ kind: "a" }, { kind: "b", get g() { return "gb"; } }, Object.create({ deep: 1, kind: "c" })];
const objs = [];
for (let i = 0; i < 40; i++) {
  const o = Object.create(protos[i % 3]);
  for (let j = 0; j < i % 7; j++) o["p" + j] = j;
  if (i % 5 === 0) o.kind = "own" + i;
  objs.push(o);
}
function kind(o) { return o.kind; }
function g(o) { return o.g; }
function deep(o) { return o.deep; }
function run() { let s = ""; for (const o of objs) s += kind(o) + "," + g(o) + "," + deep(o) + ";"; return s; }
const first = run();
console.log(first.length, first.slice(0, 120));
protos[0].kind = "A"; // value change: read live
Object.defineProperty(protos[1], "g", { get() { return "GB"; } });
Object.getPrototypeOf(protos[2]).deep = 2;
delete protos[2].kind; // shape change of a watched object
console.log(run().slice(0, 200));
Object.setPrototypeOf(protos[2], { kind: "new", deep: 3 });
console.log(run().slice(0, 200));
for (const o of objs) if (Object.getPrototypeOf(o) === protos[0]) Object.setPrototypeOf(o, null);
console.log(run().slice(0, 200));
const arr = [1, 2, 3], fn = function named() {}, str = new String("abc");
function len(o) { return o.length; }
function nm(o) { return o.name; }
console.log(len(arr), len(fn), len(str), len({ length: 9 }), nm(fn), nm({ name: "x" }), nm(Object.create(fn)));
arr.length = 1; console.log(len(arr));
