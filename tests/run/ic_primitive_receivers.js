// Property reads on primitive receivers through the inline caches: a
// string's `length`, String/Number/Boolean/Symbol/BigInt prototype
// methods, then changes: a method replaced or added on String.prototype,
// a property shadowing one of Object.prototype, getters on the prototypes
// (strict and sloppy `this`), a prototype swapped under String.prototype,
// deletes. Expected output generated with node.

function scan(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
const texts = ["", "a", "hello world", "\u00e9t\u00e9", "x".repeat(100)];
let h = 0;
for (let r = 0; r < 300; r++) for (const t of texts) h = (h + scan(t)) | 0;
console.log("scan", h);

// One site, receivers of several types.
function desc(v) { return v.toString(); }
function len(v) { return v.length; }
const values = ["str", 42, 1.5, true, false, Symbol("sym"), 10n, [1, 2], { length: 7 }];
for (let r = 0; r < 100; r++) for (const v of values) { desc(v); len(v); }
console.log("types", values.map(desc).join("|"));
console.log("lengths", values.map(len).join("|"));
console.log("num", (255).toString(16), (3.14159).toFixed(2), true.valueOf(), Symbol("d").description);

// A method replaced on String.prototype after the sites were filled.
function up(s) { return s.toUpperCase(); }
for (let r = 0; r < 200; r++) up("abc");
const original = String.prototype.toUpperCase;
String.prototype.toUpperCase = function () { return "replaced:" + this; };
console.log("replaced", up("abc"));
String.prototype.toUpperCase = original;
console.log("restored", up("abc"));

// A property added to String.prototype shadowing Object.prototype's.
function hasOwn(s) { return s.hasOwnProperty("length"); }
for (let r = 0; r < 200; r++) hasOwn("abc");
String.prototype.hasOwnProperty = function () { return "shadowed"; };
console.log("shadowed", hasOwn("abc"));
delete String.prototype.hasOwnProperty;
console.log("unshadowed", hasOwn("abc"));

// A new property on String.prototype, read before and after.
function foo(s) { return s.foo; }
for (let r = 0; r < 200; r++) foo("x");
console.log("foo before", foo("x"));
String.prototype.foo = 1;
console.log("foo data", foo("x"));
String.prototype.foo = 2;
console.log("foo data 2", foo("x"));
Object.defineProperty(String.prototype, "foo", {
  get() { return "sloppy this " + typeof this + " " + (this instanceof String); },
  configurable: true,
});
for (let r = 0; r < 50; r++) foo("y");
console.log("foo getter", foo("y"));
Object.defineProperty(String.prototype, "foo", {
  get() { "use strict"; return "strict this " + typeof this + " " + this; },
  configurable: true,
});
for (let r = 0; r < 50; r++) foo("z");
console.log("foo strict getter", foo("z"));
Object.defineProperty(String.prototype, "foo", { set(v) {}, configurable: true });
console.log("foo setter only", foo("z"));
delete String.prototype.foo;
console.log("foo deleted", foo("z"));

// Getters on Number.prototype and Object.prototype.
function bar(v) { return v.bar; }
Object.defineProperty(Number.prototype, "bar", {
  get() { "use strict"; return typeof this + ":" + this; },
  configurable: true,
});
for (let r = 0; r < 50; r++) bar(r);
console.log("number getter", bar(7), bar(2.5));
Object.defineProperty(Object.prototype, "baz", {
  get() { return "obj getter " + typeof this; },
  configurable: true,
});
function baz(v) { return v.baz; }
for (let r = 0; r < 50; r++) { baz(r); baz("s"); baz(true); }
console.log("object getter", baz(1), baz("s"), baz(false));
delete Object.prototype.baz;
console.log("object getter deleted", baz(1), baz("s"));

// A prototype swapped under String.prototype.
function quux(s) { return s.quux; }
for (let r = 0; r < 50; r++) quux("a");
const savedProto = Object.getPrototypeOf(String.prototype);
Object.setPrototypeOf(String.prototype, { quux: "from new proto" });
console.log("swapped", quux("a"), typeof "a".hasOwnProperty);
Object.setPrototypeOf(String.prototype, savedProto);
console.log("swapped back", quux("a"), typeof "a".hasOwnProperty);

// Index-like and symbol keys, and nullish bases, are not cached.
function first(s) { return s[0]; }
for (let r = 0; r < 50; r++) first("abc");
console.log("index", first("xyz"), first(""));
function nullish(v) { try { return v.length; } catch (e) { return e.constructor.name; } }
console.log("nullish", nullish(null), nullish(undefined), nullish("four"));
