// Calls: method calls, optional calls, spread arguments, new.
const o = {
  m(x) {
    return x + 1;
  },
};
const args = [1];
console.log(o.m(1), o.missing?.(), o.m(...args), new Array(3).length);
