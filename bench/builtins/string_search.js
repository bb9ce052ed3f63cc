// indexOf/includes on a long string (2 * 10^6 characters), needles near
// the end and absent. Prints the best of 5 times in ms for 50 searches,
// the length and a checksum.
var parts = [];
for (var i = 0; i < 200000; i++) parts.push("abcdefghi" + (i % 10));
var hay = parts.join("") + "needle-in-the-haystack";
var best = Infinity;
var check = 0;
for (var r = 0; r < 5; r++) {
  var t0 = Date.now();
  check = 0;
  for (var k = 0; k < 10; k++) {
    check += hay.indexOf("needle-in");
    check += hay.includes("haystack") ? 1 : 0;
    check += hay.indexOf("abcdefghi9abcdefghi0x");
    check += hay.includes("zzz") ? 1 : 0;
    check += hay.lastIndexOf("abcdefghi5", hay.length);
  }
  var dt = Date.now() - t0;
  if (dt < best) best = dt;
}
console.log(best, hay.length, check);
