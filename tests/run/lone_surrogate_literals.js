var a = "\uD800", b = "\uDC00";
console.log(a.length, a < b, b > a, a === b, a === "\uFFFD", a === "\uD800", `x\uD800` === "x" + a);
var o = {}; o["\uD800"] = 1; console.log(o[a], Object.keys(o)[0] === a, "\uD800\uDC00".length);
(function (s) { console.log(s[0] === "\uDC00", s.raw[0]); })`\uDC00`;
