// Operators: arithmetic, comparison, logical short-circuit, compound and
// logical assignment, update, conditional, delete, typeof, in.
let a = 1;
const o = { k: 0 };
a += 2 * 3 - 1;
o.k ||= a;
o.k ??= 5;
a &&= a > 3 ? a % 2 : -a;
o["k"]++;
console.log(a, o.k, typeof a, "k" in o, delete o.k, a ** 2 | 0);
