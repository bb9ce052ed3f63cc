// Expected output written by hand: a chain of 100,000 nested proxies either completes or ends in a RangeError (the native recursion guard), never a crash; node throws RangeError for most of these.
var q = {};
for (var i = 0; i < 100000; i++) q = new Proxy(q, {});
var f = function () { return 1; };
for (var i = 0; i < 100000; i++) f = new Proxy(f, {});
function t(name, g) {
  try { g(); print(name, "bounded"); }
  catch (e) { print(name, e instanceof RangeError ? "bounded" : "unexpected " + e); }
}
t("get", () => q.x);
t("set", () => { q.x = 1; });
t("has", () => "x" in q);
t("delete", () => delete q.x);
t("keys", () => Object.keys(q));
t("getOwnPropertyDescriptor", () => Object.getOwnPropertyDescriptor(q, "x"));
t("defineProperty", () => Object.defineProperty(q, "y", { value: 1 }));
t("getPrototypeOf", () => Object.getPrototypeOf(q));
t("setPrototypeOf", () => Object.setPrototypeOf(q, null));
t("isExtensible", () => Object.isExtensible(q));
t("preventExtensions", () => Object.preventExtensions(q));
t("Array.isArray", () => Array.isArray(q));
t("for-in", () => { for (var k in q) {} });
t("call", () => f());
t("construct", () => new f());
t("typeof", () => typeof f);
// A handler whose trap re-enters the proxy recurses in JavaScript and is bounded too.
var self = new Proxy({}, { get(t, k, r) { return r[k]; } });
t("self-recursive trap", () => self.x);
print("done");
