// Expected output produced with node 20.
// Searches that skip to the code units a match can start with (regress's
// first-unit prefilter): Latin-1 and UTF-16 subjects, case-insensitive
// sets, inverted classes, assertions before the first character, and
// alternations with an empty arm (no prefilter).
const subjects = [
  "hello world & <b>bold</b> \"quoted\" 'single'",
  "caf\u00e9 na\u00efve \u00c9COLE \u00e9t\u00e9",
  "wide \u4e16\u754c then <tag> and \u00e9",
  "emoji \ud83d\ude00 x\ud83d\ude00y <z>",
  "no specials here at all",
  "",
];
const patterns = [
  /[<>"']|&(?!(#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);)/,
  /[<>"']|&(?!(#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);)/g,
  /\u00e9+/g,
  /\u00c9/gi,
  /[^a-z ]+/g,
  /[^\u0000-\u00ff]+/g,
  /[\u4e00-\u9fff]/g,
  /(?=b)bold|world/g,
  /\bt\w+/g,
  /(?:x|)y/g,
  /a{0,2}l/g,
  /(?:ab)+|<[a-z]+>/g,
  /\ud83d\ude00/gu,
  /[\u{1F600}]/gu,
  /.\ud83d/g,
  /K/gi,
  /k/giu,
  /(?<=<)[a-z]+/g,
];
for (const re of patterns) {
  const out = [];
  for (const s of subjects) {
    re.lastIndex = 0;
    if (re.global) out.push(JSON.stringify(s.match(re)));
    else {
      const m = re.exec(s);
      out.push(m ? m.index + ":" + JSON.stringify(m[0]) : "null");
    }
  }
  console.log(String(re), out.join(" | "));
}
console.log("\u212a".match(/k/giu), "\u212a".match(/k/gi));
console.log("a<b>c".replace(/[<>]/g, "_"), "x&amp;y&z".replace(/&(?!amp;)/g, "&amp;"));
console.log("one, two;three".split(/[,;] ?/));
console.log(/[<>]/.test("plain"), /[<>]/.test("pl<in"), "pl\u0100<".search(/[<>]/));
// Brackets answer code points below 256 from a precomputed bitmap.
console.log("ab\u212a\u017f\u00ffx\n\u4e16".match(/[a-z\u00ff]+/giu), "A\u00e9\u0100\u00c9".match(/[^\u0100]/g));
console.log("x\u2028y\nz".match(/[^\n]+/g), "\u00b5\u039c\u03bc".match(/[\u00b5]/gi), "\u00b5\u039c\u03bc".match(/[\u00b5]/giu));
const re = /a/g;
re.lastIndex = { valueOf() { Object.defineProperty(re, "lastIndex", { writable: false }); return 0; } };
try { re.exec("aaa"); console.log("no throw", re.lastIndex); } catch (e) { console.log(e instanceof TypeError, re.lastIndex); }
const re2 = /b/y; re2.lastIndex = 1; console.log(re2.test("ab"), re2.lastIndex, re2.test("ab"), re2.lastIndex);
const re3 = /c/g; Object.defineProperty(re3, "lastIndex", { value: 0, writable: false });
try { re3.test("c"); } catch (e) { console.log("frozen", e instanceof TypeError); }
// Greedy loops of one bracket scan Latin-1 text against its bitmap.
console.log("testing caf\u00e9 running".match(/[a-z]+ing/g), "abcdefg".match(/[a-z]{3,5}/g), "ab".match(/[a-z]{3,5}/));
console.log("na\u00efve\u00e9t\u00e9 x".match(/^[^\u00e9]+/), "line one\nline two".match(/[^\n]{2,}o/g), "\u00ff\u00fe\u00fd".match(/[\u00fd-\u00ff]+/));
console.log("aaa".replace(/[a]*/g, "-"), "x \u4e16 y".match(/[^ ]+/g), "12ab34".split(/[a-z]+/));
