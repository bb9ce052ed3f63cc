// JSON.parse of a ~4 MB document (issue 12 point 13). Prints the best of
// 5 times in ms, the document's size in bytes and a checksum.
function makeDoc(n) {
  var items = [];
  var seed = 7;
  for (var i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    items.push({
      id: i,
      name: "item \"" + i + "\" \u00e9t\u00e9",
      price: (seed % 100000) / 100,
      tags: ["alpha", "beta", "gamma" + (i % 7)],
      active: i % 3 === 0,
      parent: i % 5 === 0 ? null : { id: i - 1, depth: i % 4 },
    });
  }
  return { version: 3, generated: "2026-12-06", items: items };
}
var text = JSON.stringify(makeDoc(25000));
var best = Infinity;
var check = 0;
for (var r = 0; r < 5; r++) {
  var t0 = Date.now();
  var doc = JSON.parse(text);
  var dt = Date.now() - t0;
  if (dt < best) best = dt;
  check = doc.items.length + doc.items[12345].price;
}
console.log(best, text.length, check);
