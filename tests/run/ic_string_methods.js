// Named reads on string receivers (`s.charCodeAt`, `s.foo`) at sites the
// full tier checks inline (docs/internals.md "Inline caches", primitive
// entries), and every way the cached entry can go stale: the method
// replaced, deleted, turned into an accessor, shadowed or added on
// Object.prototype, String.prototype's [[Prototype]] changed, the site
// seeing objects and numbers as well.
"use strict";

function code(s, i) { return s.charCodeAt(i); }
function at(s) { return s.foo; }
function has(s) { return s.hasOwnProperty; }
function either(x) { return x.toString; }

const text = "hello, world";
function sum(n) {
  let t = 0;
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < text.length; i++) t += code(text, i);
  }
  return t;
}
function run(label, n) {
  console.log(label, sum(n));
}

run("warm", 3000);

// The method value replaced (same shape: the slot is read live).
const original = String.prototype.charCodeAt;
String.prototype.charCodeAt = function (i) { return 1 + i; };
run("replaced", 300);
String.prototype.charCodeAt = original;
run("restored", 300);

// Deleted: the read finds nothing on String.prototype and Object.prototype.
delete String.prototype.charCodeAt;
try { run("deleted", 1); } catch (e) { console.log("deleted", e instanceof TypeError); }
// Found on Object.prototype instead.
Object.prototype.charCodeAt = function () { return 2; };
run("on Object.prototype", 300);
delete Object.prototype.charCodeAt;
Object.defineProperty(String.prototype, "charCodeAt", {
  value: original, writable: true, configurable: true, enumerable: false,
});
run("redefined", 300);

// An accessor.
let calls = 0;
Object.defineProperty(String.prototype, "charCodeAt", {
  get() { calls++; return () => 3; }, configurable: true,
});
run("accessor", 100);
console.log("getter calls", calls);
Object.defineProperty(String.prototype, "charCodeAt", {
  value: original, writable: true, configurable: true, enumerable: false,
});
run("data again", 300);

// A property only on Object.prototype, then shadowed on String.prototype.
Object.prototype.foo = "object";
let seen = "";
for (let i = 0; i < 5000; i++) seen = at("x");
console.log("foo", seen);
String.prototype.foo = "string";
console.log("foo shadowed", at("x"), at("y"));
delete String.prototype.foo;
console.log("foo unshadowed", at("x"));
delete Object.prototype.foo;
console.log("foo gone", at("x"));

// String.prototype's [[Prototype]] changed.
for (let i = 0; i < 5000; i++) has("abc");
console.log("has", has("abc") === Object.prototype.hasOwnProperty);
const proto = { hasOwnProperty: "replaced" };
Object.setPrototypeOf(String.prototype, proto);
console.log("has after setPrototypeOf", has("abc"));
Object.setPrototypeOf(String.prototype, Object.prototype);
console.log("has restored", has("abc") === Object.prototype.hasOwnProperty);

// One site, strings, objects and numbers.
const values = ["s", { toString: "own" }, 12, [1], "t", true];
let out = [];
for (let r = 0; r < 2000; r++) {
  out = values.map((v) => typeof either(v) === "function" ? "fn" : either(v));
}
console.log("mixed", out.join(" "));
String.prototype.toString = function () { return "patched"; };
console.log("patched", either("q").call("q"), String(either(5).call(5)));
