// Sliced strings: long parts of a flat string share its buffer
// (substring/slice/substr, match results). Every operation that reads code
// units must see the part, not the parent.
const latin = "The quick brown fox jumps over the lazy dog; ".repeat(20) + "café olé";
const wide = "Ωmega → αλφα βήτα γάμμα δέλτα, 日本語のテキスト ".repeat(10) + "🎉 end";

function show(label, s) {
  console.log(label, JSON.stringify(s), s.length);
}

// Latin-1 parts, short (copied) and long (sliced), slices of slices.
const a = latin.substring(4, 60);
show("a", a);
show("a.slice", a.slice(6, 40));
show("a.substr", a.substr(10, 30));
show("a.slice neg", a.slice(-30, -2));
const deep = latin.slice(100).slice(50).substring(20).substr(5, 200);
show("deep", deep);
console.log(deep === latin.substr(175, 200), deep.charCodeAt(0), deep[3], deep.at(-1));

// UTF-16 parts.
const w = wide.substring(2, 40);
show("w", w);
show("w.slice", w.slice(3, 30));
console.log(w.charCodeAt(5), w.codePointAt(2), w.indexOf("α"), w.lastIndexOf("α"));
console.log(w.toUpperCase(), w.normalize("NFD").length);
// Surrogate pairs cut at slice ends.
const pairs = "😀😁😂🤣😃😄😅😆😉😊😋😎😍😘".repeat(3);
const cut = pairs.slice(1, 27);
console.log(cut.length, cut.charCodeAt(0).toString(16), cut.charCodeAt(25).toString(16));
console.log(JSON.stringify(cut.slice(0, 3)), [...cut].length, cut.codePointAt(0).toString(16));
console.log(cut.isWellFormed(), pairs.slice(2, 28).isWellFormed(), cut.toWellFormed().length);
console.log(encodeURIComponent(pairs.slice(2, 28)));
console.log(Array.from(pairs.substring(3, 20)).map((c) => c.length).join(""));
const tail = wide.slice(-20);
show("tail", tail);
console.log([...tail.slice(-6)].length);

// Slices of ropes and of append-buffer strings.
let rope = latin;
for (let i = 0; i < 5; i++) rope = rope + wide.slice(i * 7, i * 7 + 300);
show("rope part", rope.substring(latin.length - 10, latin.length + 30));
let buf = "";
for (let i = 0; i < 200; i++) buf += "item" + i + ",";
const bs = buf.slice(30, 90);
buf += "more";
show("buffer part", bs);
show("buffer part 2", buf.substring(buf.length - 40));
const concat = bs + "|" + a.slice(1, 30);
show("concat", concat);
let grow = bs;
for (let i = 0; i < 5; i++) grow += "+" + i;
show("grow", grow);

// Slices as property keys and in comparisons.
const key = latin.substring(200, 240);
const obj = {};
obj[key] = 1;
obj[latin.slice(200, 240)] += 1;
const lit = latin.substr(200, 40);
console.log(obj[lit], Object.keys(obj).length, key in obj, JSON.stringify(Object.keys(obj)[0]));
const m = new Map([[key, "m"]]);
console.log(m.get(latin.substring(200, 240)), new Set([key, lit, latin.slice(200, 240)]).size);
console.log(key == lit, key === lit, key < latin.substring(201, 241), key > latin.slice(199, 239));
console.log(w === wide.slice(2, 40), w < wide.slice(3, 41), w.localeCompare(wide.slice(2, 40)));
console.log([latin.slice(30, 70), latin.slice(10, 50), latin.slice(20, 60)].sort().map((s) => s.slice(0, 5)));
switch (latin.substring(0, 40)) {
  case "The quick brown fox jumps over the lazy ":
    console.log("switch matched");
    break;
  default:
    console.log("switch missed");
}
const mixed = "abcdefghijklmnopqrstuvwxyz" + "é€".slice(1);
console.log(mixed.slice(0, 26) === "abcdefghijklmnopqrstuvwxyz", mixed.slice(1, 27));

// Built-ins over slices.
const s1 = latin.slice(10, 300);
console.log(s1.split(" ").length, s1.split("o").slice(2, 4), s1.trim().length);
console.log(s1.replace("fox", "cat").slice(0, 20), s1.replaceAll("o", "0").slice(0, 30));
console.log(s1.startsWith("brown"), s1.endsWith("lazy "), s1.includes("dog;"), s1.padEnd(300, "*").slice(-12));
console.log(s1.repeat(2).length, s1.concat("!").slice(-3), s1.search(/lazy/), s1.at(5), s1.codePointAt(5));
console.log(parseInt("xx12345678901234567890123".slice(2)), Number(" 98765432109876543210 ".slice(0, 22)));
console.log(JSON.parse(JSON.stringify({ k: s1.slice(0, 30) })).k, JSON.stringify(w.slice(0, 14)));
console.log(s1.slice(0, 40).split("").reverse().join(""));
console.log(String(new String(latin.slice(5, 45))), `${latin.slice(40, 70)}`);
const sym = Symbol.for(latin.slice(0, 30));
console.log(Symbol.for("The quick brown fox jumps over") === sym);
