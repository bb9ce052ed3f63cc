// Expected output written by hand from the spec (node 20 has neither Promise.withResolvers, 27.2.4.9, nor Promise.try, 27.2.4.8).
var log = console.log;
var out = [];

var wr = Promise.withResolvers();
out.push("keys: " + Object.keys(wr).join(","));
out.push("promise: " + (wr.promise instanceof Promise) + ", resolve: " + typeof wr.resolve + ", reject: " + typeof wr.reject);
wr.promise.then(function (v) { out.push("withResolvers fulfilled: " + v); });
wr.resolve("first");
wr.reject("ignored");
wr.resolve("ignored too");

var wr2 = Promise.withResolvers();
wr2.promise.catch(function (r) { out.push("withResolvers rejected: " + r); });
wr2.reject("no");

class Sub extends Promise {}
out.push("subclass: " + (Sub.withResolvers().promise instanceof Sub));
try { Promise.withResolvers.call(function () {}); } catch (e) { out.push("bad constructor: " + e.constructor.name); }

Promise.try(function (a, b) { out.push("try callback runs synchronously"); return a + b; }, 2, 3)
  .then(function (v) { out.push("try fulfilled: " + v); });
Promise.try(function () { throw new RangeError("boom"); })
  .catch(function (e) { out.push("try rejected: " + e.constructor.name + " " + e.message); });
Promise.try(42).catch(function (e) { out.push("try non-callable: " + e.constructor.name); });
try { Promise.try.call(1, function () {}); } catch (e) { out.push("try on 1: " + e.constructor.name); }
out.push("lengths: " + Promise.withResolvers.length + " " + Promise.try.length);
out.push("sync end");

var p = Promise.resolve();
for (var i = 0; i < 10; i++) p = p.then(function () {});
p.then(function () { log(out.join("\n")); });
