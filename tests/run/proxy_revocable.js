// Expected output produced by node. Proxy.revocable (28.2.2.1) and revoked proxies: every internal method throws a TypeError.
var print = console.log;
function t(name, f) {
  try { print(name, "returned", String(f())); }
  catch (e) { print(name, e.constructor === TypeError ? "TypeError" : "other " + e); }
}
var r = Proxy.revocable({ a: 1 }, {});
print(Object.keys(r).join(), typeof r.revoke, r.revoke.length, JSON.stringify(r.revoke.name));
print(Object.getPrototypeOf(r.revoke) === Function.prototype, "prototype" in r.revoke);
t("before", () => r.proxy.a);
print(r.revoke(), r.revoke());
var p = r.proxy;
t("get", () => p.a);
t("set", () => { p.a = 2; });
t("has", () => "a" in p);
t("delete", () => delete p.a);
t("defineProperty", () => Object.defineProperty(p, "x", { value: 1 }));
t("getOwnPropertyDescriptor", () => Object.getOwnPropertyDescriptor(p, "a"));
t("ownKeys", () => Reflect.ownKeys(p));
t("getPrototypeOf", () => Object.getPrototypeOf(p));
t("setPrototypeOf", () => Object.setPrototypeOf(p, null));
t("isExtensible", () => Object.isExtensible(p));
t("preventExtensions", () => Object.preventExtensions(p));
t("Array.isArray", () => Array.isArray(p));
t("toString", () => Object.prototype.toString.call(p));
t("for-in", () => { for (var k in p) {} });
t("typeof", () => typeof p);
t("new Proxy(revoked, {})", () => typeof new Proxy(p, {}));
t("new Proxy({}, revoked)", () => typeof new Proxy({}, p));
t("use of revoked as handler", () => new Proxy({}, p).x);

var rf = Proxy.revocable(function () { return 1; }, {});
rf.revoke();
t("typeof function", () => typeof rf.proxy);
t("call", () => rf.proxy());
t("construct", () => new rf.proxy());
t("Array.isArray of array proxy", () => { var ra = Proxy.revocable([], {}); var a = Array.isArray(ra.proxy); ra.revoke(); return a; });
t("revoked inner proxy", () => { var ri = Proxy.revocable([], {}); var outer = new Proxy(ri.proxy, {}); ri.revoke(); return Array.isArray(outer); });
t("Proxy.revocable non-object", () => Proxy.revocable(1, {}));
t("Proxy.revocable non-object handler", () => Proxy.revocable({}, null));
t("revoke is not a constructor", () => new r.revoke());
