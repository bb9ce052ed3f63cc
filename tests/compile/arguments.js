// The arguments object (mapped and unmapped), rest parameters, new.target.
function mapped(a) {
  arguments[0] = 2;
  return a;
}
function unmapped(a) {
  "use strict";
  return arguments.length;
}
function rest(first, ...others) {
  return others.length;
}
function F() {
  this.called = new.target === F;
}
console.log(mapped(1), unmapped(1, 2), rest(1, 2, 3), new F().called);
