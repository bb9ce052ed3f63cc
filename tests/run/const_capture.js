// 9.1.1.1.5 SetMutableBinding: assigning a const binding from a closure
// throws a TypeError; the name of a named function expression is
// immutable in strict code (15.2.5).
const c = 1;
function assign() {
  c = 2;
}
try {
  assign();
} catch (e) {
  console.log("assign:", e.name, c);
}
(() => {
  try {
    c++;
  } catch (e) {
    console.log("update:", e.name, c);
  }
})();
function viaPattern() {
  [c] = [3];
}
try {
  viaPattern();
} catch (e) {
  console.log("pattern:", e.name, c);
}
let l = 1;
(() => {
  l += 1;
})();
console.log("let:", l);
const strictSelf = function named() {
  "use strict";
  try {
    named = 0;
  } catch (e) {
    return e.name;
  }
};
console.log("strict name:", strictSelf());
// 13.15.5.5: a member target is evaluated before the iterator steps.
const log = [];
const it = {
  [Symbol.iterator]() {
    return { next() { log.push("next"); return { value: 1, done: false }; }, return() { log.push("return"); return {}; } };
  },
};
const target = {};
[(log.push("target"), target).p] = it;
console.log(log.join(), target.p);
// In sloppy code the assignment is ignored.
const sloppySelf = function named() {
  named = 0;
  return typeof named;
};
console.log("sloppy name:", sloppySelf());
