// Issue 9 point 7: `class X extends <built-in>` creates an instance of the
// built-in's kind whose [[Prototype]] is the subclass's prototype.
const out = [];
function check(name, Base, args, probe) {
  class X extends Base {
    constructor(...a) { super(...a); this.sub = true; }
    who() { return "X of " + name; }
  }
  let x;
  try { x = new X(...args); } catch (e) { out.push(name + ": threw " + e.constructor.name); return; }
  const proto = Object.getPrototypeOf(x) === X.prototype;
  const inst = x instanceof X && x instanceof Base;
  let kind;
  try { kind = probe(x); } catch (e) { kind = "probe threw " + e.constructor.name; }
  out.push(`${name}: proto ${proto} instanceof ${inst} ${x.who()} sub ${x.sub} kind ${kind}`);
}
check("Array", Array, [3], (x) => [Array.isArray(x), x.length, (x.push(1), x.length), (x.length = 1, x.length), Object.prototype.toString.call(x)].join());
check("Error", Error, ["boom"], (x) => [x.message, x.name, Object.prototype.toString.call(x)].join());
check("TypeError", TypeError, ["t"], (x) => [x.message, x instanceof TypeError].join());
check("RegExp", RegExp, ["a+b", "g"], (x) => [x.test("xaab"), x.lastIndex, x.source, x.flags, Object.prototype.toString.call(x)].join());
check("Function", Function, ["a", "return a * 2"], (x) => [typeof x, x(21), Object.prototype.toString.call(x)].join());
check("Boolean", Boolean, [false], (x) => [x.valueOf(), Object.prototype.toString.call(x)].join());
check("Number", Number, [42], (x) => [x.valueOf(), x.toFixed(1), Object.prototype.toString.call(x)].join());
check("String", String, ["abc"], (x) => [x.valueOf(), x.length, x[1], Object.prototype.toString.call(x)].join());
check("Object", Object, [], (x) => [typeof x, Object.prototype.toString.call(x)].join());
check("Map", Map, [[[1, "one"]]], (x) => [x.get(1), x.size, (x.set(2, "two"), x.size), Object.prototype.toString.call(x)].join());
check("Set", Set, [[1, 2, 2]], (x) => [x.size, x.has(2), Object.prototype.toString.call(x)].join());
check("Promise", Promise, [(res) => res(5)], (x) => [typeof x.then, Object.prototype.toString.call(x), x.then(() => 0) instanceof x.constructor].join());
check("Uint8Array", Uint8Array, [4], (x) => [x.length, (x[0] = 300, x[0]), x.byteLength, Object.prototype.toString.call(x)].join());
check("Float64Array", Float64Array, [[1.5, 2.5]], (x) => [x.length, x[1], Object.prototype.toString.call(x)].join());
check("ArrayBuffer", ArrayBuffer, [8], (x) => [x.byteLength, Object.prototype.toString.call(x)].join());
check("DataView", DataView, [new ArrayBuffer(4)], (x) => [x.byteLength, Object.prototype.toString.call(x)].join());
check("Date", Date, [0], (x) => [x.getTime(), Object.prototype.toString.call(x)].join());
check("WeakMap", WeakMap, [], (x) => { const k = {}; x.set(k, 1); return [x.get(k), Object.prototype.toString.call(x)].join(); });
// Array methods that create arrays use the subclass (ArraySpeciesCreate).
class MyArray extends Array {}
const m = MyArray.from([1, 2, 3]).map((v) => v * 2);
out.push(m instanceof MyArray, m.length, m.join());
console.log(out.join("\n"));
