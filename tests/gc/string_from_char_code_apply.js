// String.fromCharCode / fromCodePoint through apply, whose first valueOf
// empties the array and allocates (issue 17).
// Allocates about n * 8 bytes of element storage in one array: enough to
// start a collection in normal mode (n = 2e6), with few cell allocations so
// that stress mode stays fast.
function garbage(n) {
  var a = [];
  for (var i = 0; i < n; i++) a.push(i);
  return { a: a };
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
