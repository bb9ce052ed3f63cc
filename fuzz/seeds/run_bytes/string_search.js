// Expected output produced with node. indexOf, lastIndexOf, includes,
// startsWith, endsWith (with IsRegExp), on Latin-1 and UTF-16 strings.
var s = "abcabc\u00e9abc";
var w = "\u4e2d\u6587abc\u4e2d\u6587abc";
console.log(s.indexOf("abc"), s.indexOf("abc", 1), s.indexOf("\u00e9"), s.indexOf("x"), s.indexOf("", 50));
console.log(w.indexOf("abc"), w.indexOf("\u6587a", 2), w.indexOf("\u4e2d"), w.indexOf("zz"));
console.log(s.lastIndexOf("abc"), s.lastIndexOf("abc", 5), s.lastIndexOf("abc", -5), s.lastIndexOf("", 3), s.lastIndexOf("abc", NaN));
console.log(w.lastIndexOf("abc"), w.lastIndexOf("\u4e2d", 4), "ab".lastIndexOf("abc"));
console.log(s.includes("ca"), s.includes("ca", 8), w.includes("\u6587abc"), "".includes(""));
console.log(s.startsWith("abc"), s.startsWith("bc", 1), s.startsWith("abc", 100), s.startsWith(""));
console.log(s.endsWith("abc"), s.endsWith("ab", 2), s.endsWith("\u00e9", 7), w.endsWith("\u6587abc"));
for (var m of ["startsWith", "endsWith", "includes"]) {
  try { "abc"[m](/a/); } catch (e) { console.log(m, e.name); }
}
var re = /a/;
re[Symbol.match] = false;
console.log("/a/".startsWith(re), "/a/".includes(re));
console.log(String.prototype.indexOf.call(1234512345, 45, 4));
