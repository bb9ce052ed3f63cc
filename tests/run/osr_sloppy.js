// On-stack replacement in sloppy functions: a mapped `arguments` object
// aliases the parameters across the move into the full tier, and `this`
// stays the coerced receiver. Expected output generated with node.
const N = 300000;

function mapped(a, b) {
  for (var i = 0; i < N; i++) {
    arguments[0] += 1;
    b = b + 2;
  }
  return [a, arguments[0], b, arguments[1], arguments.length];
}
console.log(mapped(10, 20, 30).join(" "));

function receiver() {
  var n = 0;
  for (var i = 0; i < N; i++) n += this === undefined ? 1 : 2;
  return [n, typeof this, this === globalThis];
}
console.log(receiver().join(" "));
console.log(receiver.call(5).join(" "));

function hoisted(n) {
  var total = 0;
  for (var i = 0; i < n; i++) {
    total += inner(i);
  }
  function inner(x) { return x & 3; }
  return [total, i, typeof inner];
}
console.log(hoisted(N).join(" "));

function counterAcrossCalls(n) {
  var s = 0;
  for (var i = 0; i < n; i++) s += i;
  return s;
}
var all = 0;
for (var c = 0; c < 40; c++) all += counterAcrossCalls(c * 100);
console.log(all);
