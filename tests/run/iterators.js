// 7.4 The iterator protocol: Symbol.iterator, array, string and user-defined
// iterators.
console.log(typeof Symbol, typeof Symbol.iterator, String(Symbol.iterator));
console.log(Array.prototype[Symbol.iterator] === Array.prototype.values);
const ai = [10, 20][Symbol.iterator]();
let r = ai.next();
console.log(r.value, r.done);
r = ai.next();
console.log(r.value, r.done);
r = ai.next();
console.log(r.value, r.done);
console.log(Object.prototype.toString.call(ai));
console.log([..."a\u{1F600}b"].length, [..."a\u{1F600}b"][1] === "\u{1F600}");
console.log([...["x", "y"].keys()].join(), [...["x", "y"].entries()].join("|"));
const iterProto = Object.getPrototypeOf(Object.getPrototypeOf(ai));
console.log(iterProto[Symbol.iterator].call(ai) === ai);
// A user-defined iterable written in JavaScript.
function range(n) {
  return {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next() {
          return i < n ? { value: i++, done: false } : { value: undefined, done: true };
        },
        return() {
          console.log("return called");
          return {};
        },
      };
    },
  };
}
console.log([...range(4)].join());
const [first, second] = range(10);
console.log(first, second);
try {
  for (const v of {}) console.log(v);
} catch (e) {
  console.log(e instanceof TypeError);
}
// Symbol basics (20.4).
const s = Symbol("desc");
console.log(typeof s, s.description, s.toString(), Symbol.for("k") === Symbol.for("k"));
console.log(Symbol.keyFor(Symbol.for("k")), Symbol.keyFor(s));
try {
  new Symbol();
} catch (e) {
  console.log("new Symbol:", e instanceof TypeError);
}
