// Regular expressions over sliced strings (Latin-1 and UTF-16, slices of
// slices): the matcher reads the string's own code units, offsets are
// relative to the slice.
const latin = "alpha=1; beta=22; gamma=333; delta=4444; épsilon=55555; ".repeat(8);
const wide = "Ωmega=1; 日本=22; 🎉x=333; δέλτα=4444; ".repeat(8);

function dump(label, m) {
  if (m === null) return console.log(label, null);
  console.log(label, JSON.stringify([...m]), m.index, m.input.length,
    m.indices ? JSON.stringify(m.indices) : "", m.groups ? JSON.stringify(m.groups) : "");
}

for (const [name, src] of [["latin", latin], ["wide", wide]]) {
  const s = src.slice(5, 300).substring(3);
  console.log(name, s.length, JSON.stringify(s.slice(0, 30)));
  dump("exec", /(\w+)=(\d+)/.exec(s));
  dump("named d", /(?<k>[^\s=;]+)=(?<v>\d+)/d.exec(s.slice(40)));
  const g = /(\S+?)=(\d+)/g;
  let m, n = 0, last = "";
  while ((m = g.exec(s)) !== null) { n++; last = m[1] + ":" + m[2] + "@" + m.index + "/" + g.lastIndex; }
  console.log("g", n, last);
  const y = /\s*([^=;]+)=(\d+);/y;
  y.lastIndex = 0;
  const toks = [];
  while ((m = y.exec(s)) !== null && toks.length < 6) toks.push(m[1] + "|" + y.lastIndex);
  console.log("y", JSON.stringify(toks));
  y.lastIndex = 7;
  dump("y@7", y.exec(s));
  console.log("u", JSON.stringify(s.match(/./gu).slice(0, 12)), s.match(/\p{L}+/gu).length);
  console.log("i", JSON.stringify(s.match(/(?:ALPHA|ΩMEGA|ÉPSILON|ΔΈΛΤΑ)=\d/gi)));
  console.log("match", JSON.stringify(s.match(/\d{3,}/g)));
  console.log("matchAll", [...s.matchAll(/(\d)\1+/g)].map((x) => x[0] + "@" + x.index).slice(0, 6).join(","));
  console.log("replace", s.replace(/(\w+)=(\d+)/g, "$2<-$1").slice(0, 70));
  console.log("replace fn", s.replace(/=(\d+)/g, (all, d, off) => "#" + d.length + off).slice(0, 70));
  console.log("split", JSON.stringify(s.split(/;\s*/).slice(0, 5)), s.split(/(=)/).length);
  console.log("search", s.search(/\d{4}/), s.slice(100).search(/\d{4}/), /\d{5}$/.test(s.slice(0, 280)));
  console.log("anchors", /^[^=]+=/.exec(s)[0], (/\S+=\d*$/.exec(s.slice(0, 150)) || ["none"])[0]);
  console.log("lookbehind", JSON.stringify(s.match(/(?<=\=)\d+(?=;)/g).slice(0, 5)));
  console.log("boundary", s.slice(30, 200).replace(/\b/g, "|").slice(0, 60));
}

// A lexer that consumes its input from the front (marked's pattern).
let src = ("word " + "x".repeat(40) + " 12345 «quoted» 日本語 ").repeat(40);
const rules = [/^\s+/, /^[a-z]+/, /^\d+/, /^«[^»]*»/, /^[^\s]+/];
const counts = [0, 0, 0, 0, 0];
let chars = 0;
while (src.length) {
  for (let r = 0; r < rules.length; r++) {
    const m = rules[r].exec(src);
    if (m) {
      counts[r]++;
      chars += m[0].length;
      src = src.substring(m[0].length);
      break;
    }
  }
}
console.log("lexer", counts.join(","), chars);

// lastIndex past the end of a slice; empty matches; a slice of the empty tail.
const short = latin.slice(0, 40);
const gl = /a/g;
gl.lastIndex = 41;
console.log(gl.exec(short), gl.lastIndex);
console.log(JSON.stringify(short.slice(20).replace(/(?:)/g, "-")).length, JSON.stringify(latin.slice(latin.length)));
