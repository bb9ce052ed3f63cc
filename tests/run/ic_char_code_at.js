// `s.charCodeAt(i)` in full-tier code: the callee tested against the
// original String.prototype.charCodeAt, the receiver against strings and
// the index against int32 values, every other case through the call
// (docs/internals.md "Inline caches").
"use strict";

function code(s, i) { return s.charCodeAt(i); }
const plain = "abc\u00e9\u4e2d";
const rope = "x".repeat(30) + "y".repeat(30) + "\u{1F600}";
let t = 0;
for (let r = 0; r < 3000; r++) {
  for (let i = 0; i < plain.length; i++) t += code(plain, i);
  t += code(rope, r % rope.length);
}
console.log("warm", t);

// Indices: out of range, negative, fractions, -0, NaN, strings, objects.
const idx = [0, 4, 5, -1, 1.5, -0, NaN, "2", { valueOf() { return 3; } }, undefined, null, true, 2 ** 31, -(2 ** 31), Infinity];
console.log(idx.map((i) => code(plain, i)).join(" "));
// Surrogates and a fresh rope (flattened on first use).
const r2 = "ab".repeat(20) + "\ud800" + "cd".repeat(20);
console.log(code(r2, 40), code(r2, 41), code(rope, 60), code(rope, 61), code(rope, 62));

// Receivers that are not strings: a String object, a number with the method
// installed, an object with its own charCodeAt.
console.log(code(new String("hey"), 1));
Number.prototype.charCodeAt = String.prototype.charCodeAt;
console.log(code(1234, 2));
delete Number.prototype.charCodeAt;
console.log(code({ charCodeAt(i) { return "own " + i; } }, 7));
try { code(undefined, 0); } catch (e) { console.log(e instanceof TypeError); }
try { code(null, 0); } catch (e) { console.log(e instanceof TypeError); }

// An index whose valueOf throws: the error comes from the call.
try {
  code("abc", { valueOf() { throw new Error("from valueOf"); } });
} catch (e) {
  console.log(e.message);
}

// The method replaced by another native function and by a closure.
const original = String.prototype.charCodeAt;
String.prototype.charCodeAt = String.prototype.codePointAt;
console.log(code(rope, 60), code(plain, 0));
String.prototype.charCodeAt = function (i) { return "patched " + i; };
console.log(code(plain, 1));
String.prototype.charCodeAt = original;
console.log(code(plain, 1));

// Called with more or fewer arguments than one.
function none(s) { return s.charCodeAt(); }
function two(s) { return s.charCodeAt(1, 2); }
let u = 0;
for (let r = 0; r < 3000; r++) u += none("q") + two("qr");
console.log("arity", u, none(""), two("a"));

// Another realm's charCodeAt behaves the same (not testable in node: a
// bound function is a different callee).
const bound = original.bind("zzz");
String.prototype.charCodeAt = bound;
console.log(code(plain, 0));
String.prototype.charCodeAt = original;
console.log(code(plain, 0));
