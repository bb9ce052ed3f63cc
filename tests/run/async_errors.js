// Errors across await, finally blocks, rejections of the result promise.
// Expected output produced with node.
async function thrower(v) { await null; throw new Error("boom " + v); }
async function catcher() {
  try { await thrower(1); } catch (e) { console.log("caught", e.message); }
  try { await Promise.reject(new TypeError("rejected")); } catch (e) { console.log("caught", e.name); }
  try { return await thrower(2); } catch (e) { return "recovered " + e.message; } finally { console.log("finally runs"); }
}
catcher().then((v) => console.log("result:", v));
async function early() { throw new RangeError("sync part"); }
const pr = early();
console.log("early returns a promise:", pr instanceof Promise);
pr.catch((e) => console.log("early rejected:", e.name));
async function params(a = (() => { throw new Error("param"); })()) {}
params().catch((e) => console.log("param error rejects:", e.message));
async function finallyOrder() {
  try { await null; return "from try"; } finally { await null; console.log("finally after await"); }
}
finallyOrder().then((v) => console.log(v));
// Deep recursion through async functions ends in a RangeError, not a crash.
async function deep(n) { return 1 + (await deep(n + 1)); }
deep(0).then((v) => console.log("deep done", v), (e) => console.log("deep:", e.constructor.name));
