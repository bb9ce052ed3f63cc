// Array.prototype.join and toLocaleString over Latin-1 and UTF-16 parts,
// separators of both kinds, holes, null/undefined and objects.
// Expected output produced with node v20.
console.log([1, "two", 3.5, -0, null, undefined, true].join());
console.log(["a", "b", "c"].join(""));
console.log(["a", "b"].join("\u2014"));
console.log(["\u00e9", "\u0100", "x"].join("-"));
console.log([ , "hole", , ].join("|"));
console.log([{ toString() { return "obj\u4e2d"; } }, [1, [2, 3]]].join(";"));
console.log(["x"].join(undefined), [].join("z") === "");
console.log(["a", { toLocaleString() { return "L\u00e9"; } }, null].toLocaleString());
console.log(Array.prototype.join.call({ length: 3, 0: "a", 2: "c" }, "+"));
const wide = [];
for (let i = 0; i < 50; i++) wide.push(i % 10 === 9 ? "\u03bb" : String(i));
const joined = wide.join(",");
console.log(joined.length, joined.slice(0, 30), joined.charCodeAt(joined.indexOf("\u03bb")));
try { [{ toString() { throw new Error("boom"); } }].join(); } catch (e) { console.log(e.message); }
