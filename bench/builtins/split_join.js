// split/join of a string of 10^6 words. Prints the best of 5 times in ms,
// the word count and a checksum.
var words = [];
for (var i = 0; i < 1000000; i++) words.push("w" + (i % 1000));
var text = words.join(" ");
var best = Infinity;
var check = 0;
for (var r = 0; r < 5; r++) {
  var t0 = Date.now();
  var parts = text.split(" ");
  var joined = parts.join(",");
  var dt = Date.now() - t0;
  if (dt < best) best = dt;
  check = parts.length + joined.length;
}
console.log(best, words.length, check);
