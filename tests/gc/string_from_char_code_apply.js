// String.fromCharCode / fromCodePoint through apply, whose first valueOf
// empties the array and allocates (issue 17).
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
  for (let i = 0; i < 26; i++) {
    arr.push({
      valueOf: function () {
        if (i === 0) {
          arr.length = 0;
          garbage(2000000);
        }
        return 65 + i;
      },
    });
  }
  return arr;
}
print(String.fromCharCode.apply(null, make([])));
print(String.fromCodePoint.apply(null, make([])));
