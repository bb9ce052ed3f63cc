// Expected output: node 20 (`node tests/run/error_stack_trace_limit.js`).
// V8's Error.stackTraceLimit: how many frames a captured stack keeps.
function depth(n) {
  if (n === 0) return new Error("deep");
  return depth(n - 1);
}
const frames = (e) => e.stack.split("\n").filter((l) => l.startsWith("    at ")).length;
console.log(Object.getOwnPropertyDescriptor(Error, "stackTraceLimit"));
console.log(frames(depth(20)));
Error.stackTraceLimit = 3;
console.log(frames(depth(20)));
Error.stackTraceLimit = 2.9;
console.log(frames(depth(20)));
Error.stackTraceLimit = 0;
console.log(JSON.stringify(depth(5).stack));
Error.stackTraceLimit = -5;
console.log(frames(depth(5)));
Error.stackTraceLimit = Infinity;
console.log(frames(depth(30)) > 30);
Error.stackTraceLimit = 2;
// Called three functions deep, so that node's own module frames below the
// top level do not count.
const nested = (f) => (function a() { return (function b() { return (function c() { return f(); })(); })(); })();
const o = {};
nested(() => Error.captureStackTrace(o));
console.log(o.stack.split("\n").length);
class MyError extends Error {}
console.log(frames(nested(() => new MyError("x"))), new MyError("y").stack.split("\n")[0]);
console.log(frames(nested(() => new TypeError("t"))), frames(nested(() => new RangeError("r"))));
try {
  nested(() => null.x);
} catch (e) {
  console.log(frames(e), e.stack.split("\n")[0]);
}
Error.stackTraceLimit = "10";
console.log(depth(1).stack, "stack" in depth(1));
delete Error.stackTraceLimit;
console.log(depth(1).stack);
Error.stackTraceLimit = 10;
console.log(frames(depth(20)));
