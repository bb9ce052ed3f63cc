// RegExp @@replace without result arrays when exec and the flags getters
// are the built-ins; results must be the spec's, and a user exec, a
// redefined lastIndex or named groups take the general steps. Expected
// output produced with node 20.
const s = "The quick brown fox jumps over the lazy dog. caf\u00e9 \u4e16\u754c";
console.log(s.replace(/o/g, "0"), s.replace(/o/, "0"));
console.log(s.replace(/(\w)(\w*)/g, "$2$1"), s.replace(/(q)|(z)/g, "[$1|$2]"));
console.log(s.replace(/\b/g, "|").slice(0, 40), "aaa".replace(/a*?/g, "-"), "abc".replace(/(?:)/g, "."));
console.log(s.replace(/[aeiou]/g, (m, off, str) => m.toUpperCase() + off + (str === s)));
console.log("x-y-z".replace(/(-)(\w)?/g, (m, a, b, off) => `<${m}|${a}|${b}|${off}>`));
console.log("\ud83d\ude00\ud83d\ude00".replace(/(?:)/gu, "."), "\ud83d\ude00".replace(/(?:)/g, "."));
console.log("$&: abc".replace(/b/, "[$&|$`|$'|$$|$0|$1]"));
console.log("2024-12-07".replace(/(?<y>\d+)-(?<m>\d+)-(?<d>\d+)/, "$<d>/$<m>/$<y>"));
const sticky = /a/y; sticky.lastIndex = 1; console.log("aaa".replace(sticky, "b"), sticky.lastIndex);
const g = /a/g; g.lastIndex = 2; console.log("aaa".replace(g, "b"), g.lastIndex);
const userExec = /a/g; let calls = 0;
userExec.exec = function (str) { calls++; return RegExp.prototype.exec.call(this, str); };
console.log("banana".replace(userExec, "o"), calls);
const li = /n/g; Object.defineProperty(li, "lastIndex", { value: 0, writable: false });
try { "banana".replace(li, "m"); } catch (e) { console.log("lastIndex", e instanceof TypeError); }
const seen = [];
console.log("abcabc".replace(/b/g, function () { seen.push(arguments.length); return "B"; }), seen);
console.log("aaaa".replace(/a/g, () => { RegExp.prototype.exec = null; return "x"; }));
