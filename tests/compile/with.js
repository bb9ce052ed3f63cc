// with: references resolve through the object first.
var o = { x: 1 };
var x = 10;
with (o) {
  x = 2;
  y = typeof x;
}
console.log(o.x, x, y);
