// typeof without a runtime call (compiler/type_of.rs) and === of two different
// atoms decided inline; every value kind, in loops hot enough for the full
// tier. Expected output from node.
var vals = [undefined, null, true, false, 0, -0, 1.5, NaN, 2**40, "", "s", Symbol("x"), 10n, {}, [], function(){}, class {}, () => 1, async function(){}, function*(){}, new Proxy({}, {}), new Proxy(function(){}, {}), Math.max, /re/, new Date(0), Object.create(null)];
function t(v) { return typeof v; }
var out = [];
for (var r = 0; r < 400; r++) { out = []; for (var i = 0; i < vals.length; i++) out.push(t(vals[i])); }
console.log(out.join(","));
function cmp(v) { return [typeof v === "object", typeof v !== "function", typeof v == "number", typeof v === "str" + "ing"]; }
var c = [];
for (var r = 0; r < 400; r++) { c = []; for (var i = 0; i < vals.length; i++) c.push(cmp(vals[i]).map(Number).join("")); }
console.log(c.join(" "));
console.log(typeof undeclaredName, typeof globalThis.alsoMissing);
// Strings: atoms (literals, typeof results, property keys) against built
// strings of the same content, which are not atoms.
function eq(a, b) { return [a === b, a !== b, a == b]; }
var built = ["ob", "ject"].join("");
var key = Object.keys({ object: 1 })[0];
var pairs = [["object", built], ["object", key], [key, built], ["object", "number"], [typeof {}, "object"], ["", "".slice(0)], ["a" + "b", "ab"]];
var res;
for (var r = 0; r < 400; r++) { res = pairs.map(function (p) { return eq(p[0], p[1]).map(Number).join(""); }); }
console.log(res.join(" "));
