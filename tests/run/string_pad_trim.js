// Expected output produced with node. padStart/padEnd, trim* with every
// WhiteSpace and LineTerminator, trimLeft/trimRight aliases.
function q(s) { return "\"" + s + "\""; }
console.log("[" + "abc".padStart(8, "12") + "]", "[" + "abc".padEnd(8, "12") + "]");
console.log("[" + "abc".padStart(5) + "]", "[" + "abc".padEnd(2, "x") + "]", "[" + "abc".padEnd(6, "") + "]");
console.log("[" + "\u4e2d".padStart(4, "\u00e9") + "]", "[" + "ab".padEnd(5, "\u6587x") + "]");
try { "a".padEnd(2 ** 40); } catch (e) { console.log(e.name); }
var ws = "\t\n\v\f\r \u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
var t = ws + "a b" + ws;
console.log(q(t.trim()), t.trimStart().length, t.trimEnd().length);
console.log(q("\u180ex\u180e".trim()), q("\u200bx".trim()));
console.log(String.prototype.trimLeft === String.prototype.trimStart, String.prototype.trimRight === String.prototype.trimEnd);
console.log(String.prototype.trimLeft.name, String.prototype.trimRight.name, String.prototype.padStart.length);
