// 14.11 with: references resolve through the object first.
var o = {x: 1, f: function () { return this === o; }};
var x = 10;
with (o) {
  print(x);
  x = 2;
  print(o.x, x);
  x++;
  x += 5;
  print(o.x);
  print(f());
  print(typeof y, typeof x);
  var z = 3;
  print(delete x, "x" in o, x);
}
print(z, x, o.z);
// Closures created inside capture the object environment.
function g(obj) {
  var a = 1;
  with (obj) {
    return function () { return a + b; };
  }
}
print(g({b: 2})(), g({a: 5, b: 1})());
// A property added later is found; one deleted later is not.
var late = {};
var later;
with (late) { later = function () { return typeof q; }; }
print(later());
late.q = 1;
print(later());
// @@unscopables hides a property.
var u = {x: 99};
u[Symbol.unscopables] = {x: true};
with (u) print(x);
// Nested with: the innermost object wins.
with ({v: "outer", w: "outer"}) with ({v: "inner"}) print(v, w);
// ToObject of the expression.
try { with (null) {} } catch (e) { print(e.constructor.name); }
with ("abc") print(length);
// Completion value.
print(eval("with ({q: 4}) q"));
print(eval("1; with ({}) {}"));
// Direct eval inside with sees the object.
with ({ev: 5}) print(eval("ev + 1"));
