function sum(a, b = 10, ...rest) { let t = a + b; for (let i = 0; i < rest.length; i++) t += rest[i]; return t; }
console.log(sum(1), sum(1, 2), sum(1, 2, 3, 4));
function count() { return arguments.length; }
console.log(count(), count(1, 2, 3));
console.log(hoisted());
function hoisted() { return "hoisted"; }
console.log(typeof later, later);
var later = 1;
const square = x => x * x;
console.log(square(7), (function () { return this; }).call(undefined) === undefined);
function Point(x, y) { this.x = x; this.y = y; }
const p = new Point(1, 2);
console.log(p.x + p.y, p instanceof Point);
