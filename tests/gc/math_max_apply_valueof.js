// Math.max / Math.min through apply and spread, whose first valueOf empties
// the array and allocates (issue 17): the remaining arguments are only in
// the argument list.
// Allocates about n * 6 bytes of string bodies in a few cells, enough to
// start a collection in normal mode (n = 2e6), then n / 10000 small objects
// that reuse freed cells; stress mode (and a debug build) stays fast.
function garbage(n) {
  var s;
  for (var k = 0; k < 3; k++) s = new Array((n >> 1) + k).join("ab");
  var keep = { s: s };
  for (var i = 0; i < n / 10000; i++) keep = { i: i, a: [i, keep] };
  return keep;
}
function make(arr) {
  for (let i = 0; i < 100; i++) {
    arr.push({
      valueOf: function () {
        if (i === 0) {
          arr.length = 0;
          garbage(2000000);
        }
        return i;
      },
    });
  }
  return arr;
}
var arr = make([]);
print(Math.max.apply(null, arr));
arr = make([]);
print(Math.min.apply(null, arr));
arr = make([]);
print(Math.max(...arr));
arr = make([]);
print(Math.hypot.apply(null, arr) > 0);
