// String and mixed constant selectors: runs of 8 or more constant selectors
// are one CaseIndex lookup (int32s inline, the others in a runtime hash
// table). Expected output generated with node.
const log = [];
function t(tag, v) { log.push(tag); return v; }

// Duplicates (the first wins), fall-through, default in the middle.
function words(x) {
  const out = [];
  switch (x) {
    case "alpha": out.push("a");
    case "beta": out.push("b"); break;
    case "gamma": out.push("g");
    default: out.push("d");
    case "delta": out.push("de"); break;
    case "alpha": out.push("dup-alpha"); break;
    case "eps": out.push("e"); break;
    case "zeta": out.push("z"); break;
    case "eta": out.push("h"); break;
    case "": out.push("empty"); break;
  }
  return out.join(",");
}
for (const x of ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "", "theta",
                 "alph" + "a", ["gam", "ma"].join(""), undefined, 0, null])
  console.log(JSON.stringify(x), words(x));

// Mixed constants: numbers (int32, -0, fractions, large, NaN), strings,
// booleans, null; undefined is an identifier (tested on its own).
function mixed(x) {
  switch (x) {
    case 1: return "one";
    case "1": return "string one";
    case -0: return "zero";
    case 1.5: return "one and a half";
    case 2 ** 40: return "2^40";
    case NaN: return "NaN never matches";
    case 0 / 0: return "nor this";
    case true: return "true";
    case false: return "false";
    case null: return "null";
    case undefined: return "undefined";
    case "true": return "string true";
    case "null": return "string null";
    case Infinity: return "inf";
    case -Infinity: return "-inf";
    case 1e-300: return "tiny";
    default: return "default";
  }
}
const obj = {};
for (const x of [1, 1.0, "1", 0, -0, "0", 1.5, 3 / 2, 2 ** 40, 2 ** 40 + 1, NaN, true, false,
                 null, undefined, "true", "null", Infinity, -Infinity, 1e-300, obj, [1], Symbol.iterator,
                 1n, new String("1"), new Number(1)])
  console.log(String(typeof x === "symbol" ? "symbol" : Array.isArray(x) ? "[1]" : x), typeof x, mixed(x));

// Selectors with side effects stay in source order around the runs, and
// the runs are not evaluated past the match.
function effects(x) {
  log.length = 0;
  let r;
  switch (x) {
    case t("first", "s0"): r = 0; break;
    case "a": case "b": case "c": case "d": case "e": case "f": case "g": case "h": r = 1; break;
    case t("middle", "s1"): r = 2; break;
    case "i": case "j": case "k": case "l": case "m": case "n": case "o": case "p": r = 3; break;
    default: r = "def"; break;
    case t("last", "p"): r = 4; break;
  }
  return r + " " + log.join(">");
}
for (const x of ["s0", "a", "h", "s1", "i", "p", "zz"]) console.log(x, effects(x));

// A default clause first and last, and a switch with no default.
function first(x) {
  switch (x) {
    default: return "d";
    case "a": case "b": case "c": case "d": case "e": case "f": case "g": case "h": return "hit " + x;
  }
}
function none(x) {
  let r = "none";
  switch (x) { case "a": case "b": case "c": case "d": case "e": case "f": case "g": case "h": r = x; }
  return r;
}
console.log(first("a"), first("h"), first("x"), none("c"), none("q"), none(1));

// Non-ASCII, lone surrogates, ropes and long strings.
function unicode(x) {
  switch (x) {
    case "é": return 1;
    case "e\u0301": return 2;
    case "\ud800": return 3;
    case "\udc00\ud800": return 4;
    case "😀": return 5;
    case "ÿ": return 6;
    case "\u0100": return 7;
    case "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": return 8;
    default: return 0;
  }
}
let rope = "";
for (let i = 0; i < 83; i++) rope += "x";
console.log(unicode("é"), unicode("e" + "\u0301"), unicode("\ud800"), unicode("\udc00" + "\ud800"),
            unicode("\ud83d\ude00"), unicode(String.fromCharCode(255)), unicode("\u0100"), unicode(rope),
            unicode(rope + "x"), unicode("\ud83d"), unicode("e"));

// The same text through a lexical binding in the case block.
function scoped(x) {
  switch (x) {
    case "a": case "b": case "c": case "d": case "e": case "f": case "g":
      let y = x + "!";
      return y;
    case "h": y = 1; return y;
  }
}
console.log(scoped("c"));
try { scoped("h"); } catch (e) { console.log(e.constructor.name); }

// Many calls, so the function tiers up.
let hits = 0;
for (let i = 0; i < 20000; i++) if (words(["alpha", "beta", "eps", "x"][i & 3]) !== "d,de") hits++;
console.log(hits);
