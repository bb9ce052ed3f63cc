// Expected output produced by node. Promise.prototype.finally (27.2.5.3), Symbol.species and subclassing (NewPromiseCapability with any constructor, 27.2.1.5).
var log = console.log;
var out = [];

// finally passes values and reasons through, and waits for its own promise.
Promise.resolve("v").finally(function () { out.push("finally 1 (no arguments: " + arguments.length + ")"); return "ignored"; })
  .then(function (v) { out.push("after finally: " + v); });
Promise.reject("r").finally(function () { out.push("finally 2"); })
  .catch(function (r) { out.push("reason kept: " + r); });
Promise.resolve("v").finally(function () { throw "finally threw"; })
  .catch(function (r) { out.push("finally override: " + r); });
Promise.resolve("v").finally(function () { return Promise.reject("finally rejected"); })
  .catch(function (r) { out.push("finally rejected override: " + r); });
Promise.resolve("non-callable").finally(42).then(function (v) { out.push("finally(42): " + v); });

// Subclasses: then, finally and the statics construct the subclass.
class MyPromise extends Promise {
  constructor(executor) {
    out.push("MyPromise constructor");
    super(executor);
    this.tag = "mine";
  }
}
var mp = MyPromise.resolve(1);
out.push("resolve gives a MyPromise: " + (mp instanceof MyPromise) + " " + mp.tag);
var derived = mp.then(function (v) { return v + 1; });
out.push("then gives a MyPromise: " + (derived instanceof MyPromise));
derived.then(function (v) { out.push("derived value: " + v); });
out.push("all gives a MyPromise: " + (MyPromise.all([1]) instanceof MyPromise));
out.push("finally gives a MyPromise: " + (mp.finally(function () {}) instanceof MyPromise));

// Symbol.species redirects then to another constructor.
class Plain extends Promise {
  static get [Symbol.species]() { return Promise; }
}
var pl = new Plain(function (r) { r(1); });
var t = pl.then(function () {});
out.push("species: " + (t instanceof Plain) + " " + (t instanceof Promise));
out.push("Promise[Symbol.species] === Promise: " + (Promise[Symbol.species] === Promise));

// A constructor whose executor is called twice fails NewPromiseCapability.
function Twice(executor) { executor(function () {}, function () {}); executor(function () {}, function () {}); }
try { Promise.resolve.call(Twice, 1); } catch (e) { out.push("executor twice: " + e.constructor.name); }
// A constructor that never calls the executor.
function Lazy(executor) {}
try { Promise.reject.call(Lazy, 1); } catch (e) { out.push("no resolve function: " + e.constructor.name); }

// A thenable-like constructor: Promise.resolve goes through it.
function Custom(executor) {
  var self = this;
  executor(function (v) { out.push("Custom resolve " + v); }, function (r) { out.push("Custom reject " + r); });
}
Promise.resolve.call(Custom, "x");
Promise.reject.call(Custom, "y");

// then on a non-promise throws.
try { Promise.prototype.then.call({}, function () {}); } catch (e) { out.push("then on {}: " + e.constructor.name); }
// catch and finally are generic: they invoke "then".
var fake = { then: function (a, b) { out.push("generic then: " + typeof a + " " + typeof b); return "ret"; } };
out.push("catch result: " + Promise.prototype.catch.call(fake, function () {}));
out.push("finally result: " + Promise.prototype.finally.call(fake, function () {}));

// Properties.
out.push(Object.prototype.toString.call(Promise.resolve()));
out.push("length " + Promise.length + " " + Promise.prototype.then.length + " " + Promise.all.length);
try { Promise(function () {}); } catch (e) { out.push("call without new: " + e.constructor.name); }
try { new Promise(1); } catch (e) { out.push("non-callable executor: " + e.constructor.name); }
new Promise(function (resolve, reject) {
  out.push("resolving functions: " + resolve.length + " " + JSON.stringify(resolve.name) + " " + ("prototype" in resolve));
  resolve();
});

var p = Promise.resolve();
for (var i = 0; i < 30; i++) p = p.then(function () {});
p.then(function () { log(out.join("\n")); });
