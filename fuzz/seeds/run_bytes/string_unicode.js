// Expected output produced with node. normalize, isWellFormed,
// toWellFormed, localeCompare (canonically equivalent strings are equal).
function hex(s) { var r = []; for (var c of s) r.push(c.codePointAt(0)); return r.join(" "); }
var s = "\u1e9b\u0323";
console.log(hex(s.normalize()), hex(s.normalize("NFD")), hex(s.normalize("NFKC")), hex(s.normalize("NFKD")));
console.log(hex("e\u0301".normalize()), hex("\u00e9".normalize("NFD")), hex("\u00bd\u00b2".normalize("NFKC")));
console.log(hex("a\ud800\u0301e\u0301".normalize()), "abc".normalize("NFKD"));
try { "a".normalize("nfc"); } catch (e) { console.log(e.name); }
console.log("ab".isWellFormed(), "a\ud800".isWellFormed(), "\ud83d\ude00".isWellFormed(), "\udc00\ud800".isWellFormed());
console.log(hex("a\ud800b\udc00\ud83d\ude00".toWellFormed()));
console.log("a".localeCompare("b"), "b".localeCompare("a"), "a".localeCompare("a"), "o\u0308".localeCompare("\u00f6"));
console.log(String.prototype.normalize.length, String.prototype.localeCompare.length);
