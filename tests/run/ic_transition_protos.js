// One base constructor called on instances of many subclasses: objects of
// one shape with many prototypes reach the same store sites, so the cached
// transitions are checked against each receiver's prototype chain. Some
// prototypes have a setter, a read-only property or a getter-only accessor
// for a key the constructor adds; a prototype changes after the sites were
// filled; a non-extensible instance. Expected output generated with node.
var __extends = function (d, b) {
  function __() { this.constructor = d; }
  __.prototype = b.prototype;
  d.prototype = new __();
};
function Span() { this.minChar = -1; this.limChar = -1; }
function AST(nodeType) {
  Span.call(this);
  this.nodeType = nodeType;
  this.type = null;
  this.flags = 1;
  this.passCreated = 0;
  this.preComments = null;
  this.postComments = null;
}
__extends(AST, Span);
AST.prototype.kind = function () { return "ast" + this.nodeType; };

const log = [];
const kinds = [];
for (let k = 0; k < 30; k++) {
  const C = function () { AST.call(this, k); };
  __extends(C, AST);
  kinds.push(C);
}
Object.defineProperty(kinds[7].prototype, "flags", {
  set(v) { log.push("flags setter " + v); },
  get() { return "flags getter"; },
});
Object.defineProperty(kinds[11].prototype, "type", { value: "read-only type", writable: false });
Object.defineProperty(kinds[13].prototype, "preComments", { get() { return "getter only"; } });

function describe(n) {
  return [n.kind(), n.minChar, n.type, n.flags, n.preComments, Object.keys(n).length].join(" ");
}
let sum = 0;
for (let r = 0; r < 200; r++) {
  for (const C of kinds) {
    const n = new C();
    sum += n.nodeType + n.minChar + Object.keys(n).length;
  }
}
console.log("sum", sum, log.length);
for (const k of [0, 6, 7, 8, 11, 13, 29]) console.log(k, describe(new kinds[k]()));

// Strict code: the read-only property and the getter-only accessor throw.
function StrictAST() { "use strict"; this.type = 1; this.preComments = 2; this.postComments = 3; this.a = 4; this.b = 5; }
const strictKinds = [];
for (let k = 0; k < 20; k++) {
  const C = function () { StrictAST.call(this); };
  C.prototype = Object.create(StrictAST.prototype);
  strictKinds.push(C);
}
for (let r = 0; r < 100; r++) for (const C of strictKinds) new C();
Object.defineProperty(strictKinds[3].prototype, "type", { value: "ro", writable: false });
Object.defineProperty(strictKinds[4].prototype, "postComments", { get() { return 0; } });
for (const k of [2, 3, 4, 5]) {
  try {
    const n = new strictKinds[k]();
    console.log("strict", k, JSON.stringify(n));
  } catch (e) {
    console.log("strict", k, e instanceof TypeError);
  }
}

// A prototype gains a setter after the sites were filled.
Object.defineProperty(kinds[20].prototype, "passCreated", {
  set(v) { log.push("late setter " + v); },
  configurable: true,
});
const late = new kinds[20]();
console.log("late", late.passCreated, Object.keys(late).join(","), log[log.length - 1]);
// The chain swapped under a subclass prototype.
Object.setPrototypeOf(kinds[21].prototype, { set limChar(v) { log.push("swapped " + v); } });
const swapped = new kinds[21]();
console.log("swapped", Object.keys(swapped).join(","), log[log.length - 1], typeof swapped.kind);
// A non-extensible receiver of the same shape.
const frozenSpan = Object.preventExtensions(Object.create(kinds[22].prototype));
try {
  AST.call(frozenSpan, 5);
  console.log("non-extensible", Object.keys(frozenSpan).length);
} catch (e) {
  console.log("non-extensible", e instanceof TypeError);
}
