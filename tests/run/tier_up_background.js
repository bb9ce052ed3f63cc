// Functions without loops start in the quick tier and are recompiled by the
// full tier on the compile thread while the quick code keeps running
// (docs/internals.md "Tiers", concurrent tier-up). The results must not
// depend on when the full code is installed; string constants, inline
// caches and closures embedded in the full tier's IR must survive
// collections until it is installed (run under --gc-stress 1 too).
function make(k) {
  var label = "f" + k;
  return function (o, i) {
    return label + ":" + (o.x + o.y * i + k) + (i % 2 ? "odd" : "even");
  };
}
var fns = [];
for (var k = 0; k < 40; k++) fns.push(make(k));

function point(x, y) {
  return { x: x, y: y };
}
function sum(a, b) {
  return a + b;
}
function tag(s) {
  return "<" + s + ">";
}

var total = 0;
var text = "";
for (var round = 0; round < 60; round++) {
  for (var j = 0; j < fns.length; j++) {
    var s = fns[j](point(round, j), round);
    total = sum(total, s.length);
    if (round === 59 && j % 10 === 0) text += tag(s);
  }
}
console.log(total);
console.log(text);
