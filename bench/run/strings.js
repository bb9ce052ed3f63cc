// String building: concatenation in a loop (10^6 appends), then reading
// the length, repeated.
function build(n) {
  var s = "";
  for (var i = 0; i < n; i++) {
    s = s + "ab" + (i % 10);
  }
  return s.length;
}
var total = 0;
for (var r = 0; r < 5; r++) {
  total = total + build(200000);
}
console.log(total);
