// Expected output produced with node. toLowerCase/toUpperCase with full
// Unicode mappings, special casing and Final_Sigma; locale variants.
function hex(s) { var r = []; for (var c of s) r.push(c.codePointAt(0)); return r.join(" "); }
console.log("Hello World \u00c0\u00de\u00d7".toLowerCase(), "hello \u00e0\u00fe\u00f7".toUpperCase());
console.log(hex("stra\u00dfe \u00b5 \u00ff".toUpperCase()));
console.log(hex("\u0130".toLowerCase()), hex("\u0149".toUpperCase()), hex("\ufb03".toUpperCase()));
console.log(hex("\u03a3".toLowerCase()), hex("A\u03a3".toLowerCase()), hex("A\u03a3B".toLowerCase()));
console.log(hex("\u039f\u0394\u03a3\u03a3\u0395\u03a5\u03a3 \u03a3.".toLowerCase()));
console.log(hex("A\u00ad\u03a3".toLowerCase()), hex("\u0345\u03a3".toLowerCase()), hex("\u0391\u0345\u03a3".toLowerCase()));
console.log(hex("\ud801\udc00".toLowerCase()), hex("\ud801\udc28".toUpperCase()), hex("a\ud800b".toUpperCase()));
console.log("ABC".toLocaleLowerCase(), "abc".toLocaleUpperCase());
try { String.prototype.toLowerCase.call(null); } catch (e) { console.log(e.name); }
console.log(String.prototype.toUpperCase.call(true));
