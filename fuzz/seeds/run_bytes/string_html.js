// Expected output produced with node. Annex B HTML methods (CreateHTML).
var s = "text";
console.log(s.anchor('a"b'), s.big(), s.blink(), s.bold(), s.fixed());
console.log(s.fontcolor("red"), s.fontsize(7), s.italics(), s.link("http://x/?a=\"1\""));
console.log(s.small(), s.strike(), s.sub(), s.sup(), s.anchor());
try { String.prototype.bold.call(null); } catch (e) { console.log(e.name); }
console.log(String.prototype.anchor.length, String.prototype.big.length);
