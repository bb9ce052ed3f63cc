// Expected output produced by node. Promise job ordering (27.2.2): then chains, thenable adoption (one extra tick), resolving with a promise (two extra ticks), the executor running synchronously.
var log = console.log;
var out = [];
function mark(s) { return function (v) { out.push(s + (v === undefined ? "" : "=" + v)); return v; }; }

// Two interleaved then chains.
var a = Promise.resolve("a");
a.then(mark("a1")).then(mark("a2")).then(mark("a3"));
var b = Promise.resolve("b");
b.then(mark("b1")).then(mark("b2")).then(mark("b3"));

// The executor runs at once; resolving is synchronous, reactions are not.
new Promise(function (resolve) { out.push("executor"); resolve("x"); out.push("after resolve"); })
  .then(mark("x1"));

// A thenable is adopted in a job of its own.
var thenable = { then: function (r) { out.push("thenable.then called"); r("t"); } };
Promise.resolve(thenable).then(mark("t1"));

// Resolving with a native promise takes two extra ticks.
new Promise(function (r) { r(Promise.resolve("p")); }).then(mark("p-adopted"));
Promise.resolve().then(mark("tick1")).then(mark("tick2")).then(mark("tick3")).then(mark("tick4"));

// Promise.resolve of a promise returns it as is.
var same = Promise.resolve(1);
out.push("same promise: " + (Promise.resolve(same) === same));

// Returning a promise from a handler.
Promise.resolve(1).then(function () { return Promise.resolve("r"); }).then(mark("returned-promise"));

// Rejection passes through then without a handler, to catch.
Promise.reject("e").then(mark("never")).catch(mark("caught"));

// A throwing handler rejects the derived promise.
Promise.resolve().then(function () { throw "thrown"; }).then(null, mark("rejected-with"));

// A promise resolved with itself rejects with a TypeError.
var self = new Promise(function (r) { Promise.resolve().then(function () { r(self); }); });
self.catch(function (e) { out.push("self: " + e.constructor.name); });

// Handlers registered on an already settled promise run in order.
var settled = Promise.resolve("s");
settled.then(mark("s1"));
settled.then(mark("s2"));

// A getter on "then" runs synchronously during resolution.
var getterThenable = {};
Object.defineProperty(getterThenable, "then", { get: function () { out.push("then getter"); return undefined; } });
Promise.resolve(getterThenable).then(function (v) { out.push("getter thenable fulfilled: " + (v === getterThenable)); });

// A thenable whose then throws after resolving: the throw is ignored.
Promise.resolve({ then: function (r) { r("first"); throw new Error("ignored"); } }).then(mark("throw-after-resolve"));

out.push("sync end");
setTimeoutLike(function () { log(out.join("\n")); });

function setTimeoutLike(f) {
  // Runs after every job above: a long chain of ticks.
  var p = Promise.resolve();
  for (var i = 0; i < 20; i++) p = p.then(function () {});
  p.then(f);
}
