// String.prototype methods delegating to RegExp.prototype[@@match] etc.
print("a1b22c".replace(/\d+/g, "#"), "a1b2".replace(/(\d)/, "[$1$&$`$'$$]"));
print("2020-12".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>"));
print("abab".replace(/b/g, function (m, i, s) { return "<" + m + i + ">"; }));
print("abcabc".match(/b/g), "abc".match(/(b)/)[1], "abc".match(/z/), "abc".search(/c/));
print("a,b;;c".split(/[,;]/), "a1b2c".split(/(\d)/), "abc".split(/b/, 1));
print("".split(/x/).length, "".split(/(?:)/).length, "ab".split(/(?:)/));
var all = "";
for (var m of "a1a22".matchAll(/a(\d+)/g)) all += m[1] + "@" + m.index + " ";
print(all);
// Empty matches advance lastIndex (by code points with u).
print("abc".replace(/x*/g, "-"), "\u{1F600}".replace(/(?:)/gu, "-").length);
// String patterns.
print("aXbX".replace("X", "$&$&"), "aXbX".replaceAll("X", "_"), "a.b.c".split("."));
try { "a".replaceAll(/a/, "b"); } catch (e) { print(e instanceof TypeError); }
print(String.fromCharCode(72, 105), String.fromCodePoint(0x1F600).length);
