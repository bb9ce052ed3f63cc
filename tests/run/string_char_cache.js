// One-code-unit strings come from a cache; they must still be ordinary,
// equal strings. Expected output produced with node 20.
var s = "h\u00e9llo\u03a9";
console.log(s.charAt(1), s[1], s.split(""), String.fromCharCode(233), String.fromCharCode(0x3a9));
console.log(s.charAt(1) === "\u00e9", s[6 - 1] === "\u03a9", s.charAt(0) === s[0], s.substring(2, 3));
var o = {};
o[s[0]] = 1;
o[String.fromCharCode(104)] += 1;
console.log(JSON.stringify(o), Object.keys(o)[0] === "h", String.fromCharCode(0) .length);
var all = "";
for (var i = 0; i < 300; i++) all += String.fromCharCode(i);
var ok = true;
for (var j = 0; j < 300; j++) {
  if (all[j] !== String.fromCharCode(j) || all.charAt(j).charCodeAt(0) !== j) ok = false;
}
console.log(ok, all.length, "abc".split("").join("-"), [..."xy"].length);
