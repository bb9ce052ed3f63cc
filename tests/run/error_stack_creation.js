// Stack traces captured when an Error is created, as V8 captures them.
// Expected output made with node v20 (`node FILE`). Only the frames of
// named functions are printed, with the file name cut to its base name:
// node names top-level frames `Object.<anonymous>` and adds its own
// module loader's frames, where jstb prints `at FILE:LINE:COL`. Calls of
// methods are left out: V8 gives them the column of the property name and
// names the receiver (`at Object.method`), jstb the call's start and the
// function's name, as in its exception traces.
function frames(stack) {
  var out = [];
  var lines = stack.split("\n");
  out.push(lines[0]);
  for (var i = 1; i < lines.length; i++) {
    var m = /^    at ([\w$.]+) \((.*)\)$/.exec(lines[i]);
    if (!m || m[1] === "Object.<anonymous>" || m[2].startsWith("node:")) continue;
    out.push("  " + m[1] + " " + m[2].slice(m[2].lastIndexOf("/") + 1));
  }
  return out.join("\n");
}
function f() { return new Error("in f"); }
function g() { return f(); }
function h() { return g(); }
console.log(frames(h().stack));
// Before it is thrown, and unchanged by a throw and catch.
function thrower() { throw new TypeError("thrown"); }
function catcher() { try { thrower(); } catch (e) { return e; } }
console.log(frames(catcher().stack));
var early = f();
function rethrow() { throw early; }
try { rethrow(); } catch (e) { console.log(frames(e.stack)); }
// The NativeErrors and AggregateError, called with or without `new`.
function kinds() {
  return [new RangeError("r"), ReferenceError("ref"), new SyntaxError(),
          new URIError("u"), EvalError("e"), new AggregateError([1], "agg")];
}
kinds().forEach(function (e) { console.log(frames(e.stack)); });
// A subclass: the frames of its constructor are left out.
class Custom extends Error {
  constructor(m) { super(m); }
}
function makeCustom() { return new Custom("custom"); }
console.log(frames(makeCustom().stack));
// Recursion shows every frame.
function down(n) { return n === 0 ? new Error("bottom") : down(n - 1); }
function start() { return down(3); }
console.log(frames(start().stack));
// The property: own, writable, configurable, not enumerable.
var d = Object.getOwnPropertyDescriptor(new Error("x"), "stack");
console.log(typeof d.value, d.writable, d.enumerable, d.configurable);
console.log(Object.keys(new Error("k")).length, Object.getOwnPropertyNames(new Error("k")).sort());
// Error.captureStackTrace(object [, function]).
var captureStackTrace = Error.captureStackTrace;
function capture() { var o = {}; captureStackTrace(o); return o.stack; }
function outer() { return capture(); }
console.log(frames(outer()));
function skipped() { var o = { name: "Named", message: "msg" }; Error.captureStackTrace(o, skipped); return o.stack; }
function caller() { return skipped(); }
console.log(frames(caller()));
function absent() { var o = {}; Error.captureStackTrace(o, kinds); return o.stack; }
console.log(JSON.stringify(absent()));
try { Error.captureStackTrace(1); } catch (e) { console.log(e.name); }
// Closures.
function makeClosure() { var k = 1; return function inner() { return new Error("c" + k); }; }
function viaClosure() { var c = makeClosure(); return c(); }
console.log(frames(viaClosure().stack));
