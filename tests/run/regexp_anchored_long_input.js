// A regex anchored with `^` (no `m` flag) is tried only at the start of
// the subject, not at every later position: lexers such as marked's match
// dozens of /^.../ patterns against the rest of a long input. Before the fix
// (vendored regress scanned every position with UTF-16 input) this took
// minutes. Expected output from node.
var s = "x" + " ".repeat(400000) + "\n# a\n_b";
var res = [/^(?: *(?:\n|$))+/, /^ {0,3}(#{1,6})(?=\s|$)(.*)(?:\n+|$)/, /^a|^b/, /^(?:\*+[^\s*])|^_+([^\s_])/];
var hits = 0;
for (var i = 0; i < 3000; i++) {
  for (var j = 0; j < res.length; j++) {
    if (res[j].test(s)) hits++;
  }
}
console.log(hits);
// The anchor still only matches at the start: a global search from
// lastIndex > 0 finds nothing, and the multiline flag keeps searching.
var g = /^x/g;
g.lastIndex = 3;
console.log(g.exec("abcx"), g.lastIndex);
console.log("a\nx".replace(/^x/, "y"), "a\nx".replace(/^x/m, "y"), "xx".replace(/^x/g, "y"));
console.log(/(^a|b)/.exec("cb").index, /^a|b/.exec("cab").index, "ab".match(/^b/));
console.log("a\nb\nc".split(/^/m), "abc".search(/^c/), "cab".search(/^c/));
