const { a, b: { c }, d = 4 } = { a: 1, b: { c: 3 } };
const [x, , z = 9] = [7, 8];
console.log(a, c, d, x, z);
function f({ p, q } = { p: 1, q: 2 }, [r, s] = [3, 4]) { return p + q + r + s; }
console.log(f(), f({ p: 10, q: 20 }, [30, 40]));
let m = 1, n = 2;
[m, n] = [n, m];
({ m: n } = { m: 5 });
console.log(m, n);
try { throw { code: 7 }; } catch ({ code }) { console.log("code", code); }
