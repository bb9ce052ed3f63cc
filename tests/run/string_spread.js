// Spreading strings takes a direct path while String.prototype[@@iterator]
// and %StringIteratorPrototype%.next are the originals; the results must
// be the iterator's, and replacing either must be seen. GetV on primitives
// reads their prototypes. Expected output produced with node 20.
console.log([..."abc"], [..."", "x"], [..."a\ud83d\ude00b"], [..."\ud83d", ..."\ude00x"]);
console.log([..."caf\u00e9"].length, [..."\u4e16\u754c"].join("|"));
const parts = [..."hello"];
console.log(parts[0] === "h", parts.length, Array.isArray(parts));
console.log(Math.max(...[..."123"].map(Number)));
function f(...args) { return args.join(","); }
console.log(f(..."xyz"));
// GetV on primitives: methods and accessors found on the prototypes, with
// the primitive as the receiver.
Object.defineProperty(String.prototype, "self", { get() { return typeof this; }, configurable: true });
Object.defineProperty(Number.prototype, "self", { get() { "use strict"; return typeof this; }, configurable: true });
console.log([..."ab"].length, "ab".self, (5).self);
String.prototype[Symbol.iterator].call("q");
const saved = String.prototype[Symbol.iterator];
String.prototype[Symbol.iterator] = function* () { yield "patched"; yield this.length; };
console.log([..."abc"]);
String.prototype[Symbol.iterator] = saved;
console.log([..."abc"]);
const it = ""[Symbol.iterator]();
const proto = Object.getPrototypeOf(it);
const next = proto.next;
proto.next = function () { const r = next.call(this); if (!r.done) r.value = r.value.toUpperCase(); return r; };
console.log([..."abc"]);
proto.next = next;
console.log([..."abc"]);
delete String.prototype[Symbol.iterator];
try { [..."abc"]; } catch (e) { console.log(e instanceof TypeError); }
String.prototype[Symbol.iterator] = saved;
console.log([..."ok"]);
