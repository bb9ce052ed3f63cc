// Expected output produced with node. String.prototype at, charAt,
// charCodeAt, codePointAt, concat, repeat, slice, substring, substr, String.raw.
function q(s) { return "\"" + s + "\""; }
var s = "h\u00e9llo \uD83D\uDE00!";
console.log(s.at(0), s.at(-1), s.at(-20), s.at(100));
console.log(s.charAt(1), q(s.charAt(-1)), s.charAt(1.9));
console.log(s.charCodeAt(1), s.charCodeAt(6), s.charCodeAt(99));
console.log(s.codePointAt(6), s.codePointAt(7), s.codePointAt(99));
console.log("a".concat(1, null, undefined, {}, [2, 3]));
console.log("ab".repeat(3), q("".repeat(2 ** 31)), q("x".repeat(0)));
for (var bad of [-1, Infinity]) {
  try { "a".repeat(bad); } catch (e) { console.log(e.name); }
}
try { "abc".repeat(2 ** 29); } catch (e) { console.log(e.name); }
console.log("abcdef".slice(1, -1), "abcdef".slice(-2), "abcdef".slice(4, 2) === "");
console.log("abcdef".substring(4, 1), "abcdef".substring(-5, 2), "abcdef".substring(NaN, Infinity));
console.log("abcdef".substr(-3, 2), "abcdef".substr(2), q("abcdef".substr(1, -1)));
console.log(String.raw`a\n${1}b${2}c`, String.raw({ raw: ["x", "y", "z"] }, 1, 2, 3, 4));
console.log(q(String.raw({ raw: { length: 0 } })), String.raw({ raw: "abc" }, "-", "-"));
try { String.prototype.at.call(null, 0); } catch (e) { console.log(e.name); }
try { String.prototype.charAt.call(undefined); } catch (e) { console.log(e.name); }
console.log(String.prototype.slice.call(12345, 1, 3), String.prototype.at.length, String.raw.length);
