// RegExp.escape and duplicate named groups (ES2025). The expected output was
// written by hand (node 20 has neither) from the spec's algorithms.
console.log(RegExp.escape("foo.bar"));
console.log(RegExp.escape("1 + (2)"));
console.log(RegExp.escape("a/b\n,\u2028"));
console.log(new RegExp(RegExp.escape("^$.*+?()[]{}|/")).test("x^$.*+?()[]{}|/y"));
try { RegExp.escape(1); } catch (e) { console.log(e.name); }

// \k<x> refers to whichever group named x participated.
const re = /(?:(?<x>a)|(?<x>b))\k<x>/;
console.log(JSON.stringify(re.exec("aa")), JSON.stringify(re.exec("bb")), re.exec("ab"));
const m = /(?:(?:(?<x>a)|(?<x>b))\k<x>){2}/.exec("aabb");
console.log(JSON.stringify(m), m.groups.x);
// Astral group names in a non-Unicode pattern.
console.log(/(?<𝑓𝑜𝑥>fox)/.exec("a fox").groups.𝑓𝑜𝑥);
