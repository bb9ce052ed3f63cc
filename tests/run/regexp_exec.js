// 22.2.7.2 RegExpBuiltinExec: the match array and lastIndex.
var r = /a(b)?(?<last>c)/g;
var m = r.exec("xxacabc");
print(m[0], m[1], m[2], m.index, m.input, m.groups.last, r.lastIndex);
m = r.exec("xxacabc");
print(m[0], m[1], m.index, r.lastIndex);
print(r.exec("xxacabc"), r.lastIndex);
// Without g or y, lastIndex is ignored and left alone.
var plain = /b/;
plain.lastIndex = 5;
print(plain.exec("abc").index, plain.lastIndex);
// Sticky matches only at lastIndex.
var sticky = /b/y;
print(sticky.test("abc"), sticky.lastIndex);
sticky.lastIndex = 1;
print(sticky.test("abc"), sticky.lastIndex);
// The d flag adds indices (with groups).
var ind = /(?<word>b+)/d.exec("abbc").indices;
print(ind[0], ind[1], ind.groups.word);
// Unicode mode matches code points; without it, code units.
print(/^.$/u.test("\u{1F600}"), /^.$/.test("\u{1F600}"), /\u{1F600}/u.exec("x\u{1F600}").index);
// Case-insensitive, multiline and dotAll.
print(/B/i.test("abc"), /^b/m.test("a\nb"), /a.b/s.test("a\nb"), /a.b/.test("a\nb"));
// Without u, an astral character of the pattern is two code units.
print(/𠮷/.exec("a𠮷").index, /^..$/.test("𠮷"), /^[𠮷]$/u.test("𠮷"));
