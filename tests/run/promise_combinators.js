// Expected output produced by node. Promise.all, allSettled, any, race (27.2.4), with AggregateError (20.5.7), iterables and the order of settlement.
var log = console.log;
var out = [];
function show(label) {
  return function (v) { out.push(label + ": " + describe(v)); };
}
function describe(v) {
  if (Array.isArray(v)) return "[" + v.map(describe).join(", ") + "]";
  if (v instanceof Error) return v.constructor.name + (v.errors ? " errors=" + describe(v.errors) : "") + (v.message && !(v instanceof TypeError) ? " " + v.message : "");
  if (v && typeof v === "object") return "{" + Object.keys(v).map(function (k) { return k + ": " + describe(v[k]); }).join(", ") + "}";
  return String(v);
}
function later(v, ticks, reject) {
  var p = Promise.resolve();
  for (var i = 0; i < ticks; i++) p = p.then(function () {});
  return p.then(function () { if (reject) throw v; return v; });
}

Promise.all([1, later(2, 3), Promise.resolve(3), { then: function (r) { r(4); } }]).then(show("all"));
Promise.all([later(1, 1), later("no", 2, true), later("no2", 1, true)]).then(show("all?"), show("all rejected"));
Promise.all([]).then(show("all empty"));
Promise.all("ab").then(show("all string"));
Promise.all(42).then(show("all?"), show("all not iterable"));

Promise.allSettled([1, later("bad", 2, true), later(3, 1)]).then(show("allSettled"));
Promise.allSettled([]).then(show("allSettled empty"));

Promise.any([later("e1", 2, true), later("ok", 3), later("e2", 1, true)]).then(show("any"));
Promise.any([later("e1", 2, true), Promise.reject("e2")]).then(show("any?"), show("any rejected"));
Promise.any([]).then(show("any?"), show("any empty"));

Promise.race([later("slow", 5), later("fast", 1)]).then(show("race"));
Promise.race([later("slow", 5), later("fast-error", 1, true)]).then(show("race?"), show("race rejected"));
var never = Promise.race([]);
never.then(show("race empty?"));

// An iterator is closed when a step fails after it started.
var closed = false;
var iter = {};
iter[Symbol.iterator] = function () {
  var i = 0;
  return {
    next: function () { i++; return { value: i, done: i > 3 }; },
    return: function () { closed = true; return {}; }
  };
};
var BadResolve = function (executor) { return new Promise(executor); };
BadResolve.resolve = function (v) { if (v === 2) throw new Error("resolve failed"); return Promise.resolve(v); };
Promise.all.call(BadResolve, iter).then(show("closed?"), function (e) { out.push("iterator closed: " + closed + " (" + e.message + ")"); });

// Non-promise this values.
try { Promise.all.call(undefined, []); } catch (e) { out.push("all on undefined: " + e.constructor.name); }
try { Promise.resolve.call(1, 2); } catch (e) { out.push("resolve on 1: " + e.constructor.name); }

var p = Promise.resolve();
for (var i = 0; i < 30; i++) p = p.then(function () {});
p.then(function () { log(out.join("\n")); });
