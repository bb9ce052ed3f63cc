// String.prototype.split on both string representations, and the short
// strings kept inline in their cells (up to 23 Latin-1 units).
// Expected output produced with node v20.
function show(a) { console.log(JSON.stringify(a)); }
show("a,b,,c".split(","));
show("aaaa".split("aa"));
show("aaaaa".split("aa"));
show("one two three".split(" ", 2));
show("abc".split(""));
show("abc".split("", 2));
show("".split(","));
show("".split(""));
show("abc".split(undefined));
show("abc".split("\u0100"));          // a wide separator in a Latin-1 string
show("x\u0100y\u0100z".split("\u0100")); // UTF-16 string, wide separator
show("x\u0100y,z".split(","));          // UTF-16 string, Latin-1 separator
show("\u00e9t\u00e9,\u00e0".split(","));    // Latin-1 above ASCII
show("a--b--c".split("--", 0));
show("a--b--c".split("--", 4294967295));
show("tail-".split("-"));
show("-head".split("-"));
// Parts at the inline limit and past it.
for (const n of [21, 22, 23, 24, 25]) {
  const part = "p".repeat(n);
  const parts = (part + "|" + part).split("|");
  console.log(n, parts.length, parts[0].length, parts[0] === part, parts[1] === part);
}
// Short concatenations (copied, not ropes) across representations.
let s = "";
for (let i = 0; i < 30; i++) s = s + String.fromCharCode(97 + (i % 26));
console.log(s, s.length);
console.log("ab" + "\u0100", ("ab" + "\u0100").length, ("ab" + "cd") === "abcd");
console.log(("x".repeat(11) + "y".repeat(12)).length, "x".repeat(11) + "y".repeat(12));
const m = new Map();
for (let i = 0; i < 1000; i++) m.set("k" + i, i);
let sum = 0;
for (let i = 0; i < 1000; i++) sum += m.get("k" + i);
console.log(sum);
// Many parts, each a fresh string.
const words = [];
for (let i = 0; i < 10000; i++) words.push("w" + (i % 100));
const parts = words.join(" ").split(" ");
console.log(parts.length, parts[9999], parts.join(",").length);
