// Array and object patterns: defaults, rest, nesting, assignment targets.
const [a, , b = 2, ...rest] = [1, 0, undefined, 4, 5];
const { x, y: { z } = { z: 3 }, ...others } = { x: 1, w: 2 };
let p, q;
[p, q] = [q, p];
console.log(a, b, rest, x, z, others, p, q);
