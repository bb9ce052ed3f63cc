// RegExp @@split and test take fast paths when every read is a built-in;
// the results must be the spec's, and any change to the reads must be
// seen. Expected output produced with node 20.
var j = JSON.stringify;
var originalFlags = Object.getOwnPropertyDescriptor(RegExp.prototype, "flags");
console.log(j("a1b22c333d".split(/\d+/)), j("a1b22c".split(/(\d)(x)?/)), j("abc".split(/(?:)/)));
console.log(j("".split(/x/)), j("".split(/(?:)/)), j("a,b,,c".split(/,/, 2)), j("a,b".split(/,/, 0)));
console.log(j("\ud83d\ude00x\ud83d\ude00".split(/(?:)/u)), j("\ud83d\ude00x".split(/(?:)/)), j("aXbxc".split(/x/i)));
console.log(j("one  two   three".split(/\s*/)), j("test".split(/(?=s)/)), j("ab".split(/$/m)), j("a\nb".split(/^/m)));
console.log(j("xaxbx".split(/x/g)), j("abc".split(/b/y)), j("aaa".split(/a*?/)), j("aaa".split(/a*/)));
var re = /o/g;
re.lastIndex = 2;
console.log(j("foo boo".split(re)), re.lastIndex);
// test(): lastIndex of global and sticky regexps moves as with exec.
var g = /a/g;
console.log(g.test("aa"), g.lastIndex, g.test("aa"), g.lastIndex, g.test("aa"), g.lastIndex);
var y = /b/y;
console.log(y.test("ab"), y.lastIndex, (y.lastIndex = 1, y.test("ab")), y.lastIndex);
var li = /a/g;
li.lastIndex = { valueOf() { console.log("valueOf"); return 1; } };
console.log(li.test("ba"), li.lastIndex);
// A user exec is called by test and split.
var custom = /x/;
custom.exec = function (s) { console.log("custom exec", s); return null; };
console.log(custom.test("x"));
var splitter = /,/;
splitter.constructor = undefined;
console.log(j("a,b".split(splitter)));
RegExp.prototype.exec = (function (orig) {
  return function (s) { console.log("patched exec"); return orig.call(this, s); };
})(RegExp.prototype.exec);
console.log(/a/.test("a"), j("a,b".split(/,/)));
delete RegExp.prototype.exec;
Object.defineProperty(RegExp.prototype, "flags", { get() { console.log("flags read"); return "g"; } });
try { console.log(j("a,b".split(/,/))); } catch (e) { console.log(e.constructor.name); }
Object.defineProperty(RegExp, Symbol.species, { get() { console.log("species read"); return RegExp; } });
try { console.log(j("a,b".split(/,/))); } catch (e) { console.log(e.constructor.name); }
// replace and match read the flags through the getters too.
Object.defineProperty(RegExp.prototype, "flags", originalFlags);
console.log("a-b-c".replace(/-/g, "+"), j("a1b2".match(/\d/g)));
delete RegExp.prototype.global;
console.log("a-b-c".replace(/-/g, "+"), "a-b".replace(/-/, "+"), j("a1b2".match(/\d/g)));
