// indexOf / lastIndexOf / includes on both string representations (Latin-1
// and UTF-16), mixed, with matches a byte search finds at odd offsets.
var wide = "\u4200\u0041";
console.log(wide.indexOf("\u4142"), wide.lastIndexOf("\u4142"), wide.includes("\u4142"));
console.log("\u4142\u4142x".indexOf("\u4142", 1), "\u4142\u4142x".lastIndexOf("\u4142"));
var hay = "abc\u00e9abc\u00e9";
console.log(hay.indexOf("c\u00e9a"), hay.lastIndexOf("c\u00e9"), hay.indexOf("\u0100"));
var w = "\u0100abcabc";
console.log(w.indexOf("abc"), w.indexOf("abc", 2), w.lastIndexOf("abc"), w.lastIndexOf("abc", 3));
console.log(w.indexOf("\u0100a"), w.includes("ca"), w.includes("cx"), w.indexOf("", 7), w.indexOf("", 99));
console.log("aaa".lastIndexOf(""), "aaa".lastIndexOf("", 1), "aaa".indexOf("aaaa"), "".indexOf(""));
var long = "";
for (var i = 0; i < 1000; i++) long += "xy" + (i % 10);
long += "needle";
console.log(long.indexOf("needle"), long.lastIndexOf("xy5"), long.lastIndexOf("xy5", 100), long.indexOf("y9x", 2990));
var longWide = long + "\u2603" + long;
console.log(longWide.indexOf("needle"), longWide.indexOf("needle", 3001), longWide.lastIndexOf("needle"));
console.log(longWide.indexOf("\u2603n"), longWide.lastIndexOf("e\u2603"), longWide.includes("dle\u2603xy0"));
console.log("abcabc".lastIndexOf("abc", 2), "abcabc".lastIndexOf("abc", -5), "abcabc".lastIndexOf("c", NaN));
