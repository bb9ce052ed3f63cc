// Expected output produced by node. Every invariant check of the Proxy internal methods (10.5.1-10.5.13) throws a TypeError.
var print = console.log;
function t(name, f) {
  try { var r = f(); print(name, "returned", String(r)); }
  catch (e) { print(name, e.constructor === TypeError ? "TypeError" : "other " + e); }
}
function frozenWith(props) { return Object.preventExtensions(Object.defineProperties({}, props)); }
var nonConfig = { value: 1, writable: false, enumerable: true, configurable: false };

// 10.5.1 [[GetPrototypeOf]]
t("getPrototypeOf: primitive result", () => Object.getPrototypeOf(new Proxy({}, { getPrototypeOf() { return 1; } })));
t("getPrototypeOf: non-extensible target, other proto", () => Object.getPrototypeOf(new Proxy(Object.preventExtensions({}), { getPrototypeOf() { return Array.prototype; } })));
t("getPrototypeOf: non-extensible target, same proto", () => Object.getPrototypeOf(new Proxy(Object.preventExtensions({}), { getPrototypeOf() { return Object.prototype; } })) === Object.prototype);
t("getPrototypeOf: extensible target, any proto", () => Object.getPrototypeOf(new Proxy({}, { getPrototypeOf() { return null; } })));

// 10.5.2 [[SetPrototypeOf]]
t("setPrototypeOf: non-extensible target, other proto", () => Reflect.setPrototypeOf(new Proxy(Object.preventExtensions({}), { setPrototypeOf() { return true; } }), null));
t("setPrototypeOf: non-extensible target, same proto", () => Reflect.setPrototypeOf(new Proxy(Object.preventExtensions({}), { setPrototypeOf() { return true; } }), Object.prototype));
t("setPrototypeOf: false result", () => Reflect.setPrototypeOf(new Proxy({}, { setPrototypeOf() { return 0; } }), null));
t("setPrototypeOf: false result via Object", () => Object.setPrototypeOf(new Proxy({}, { setPrototypeOf() { return false; } }), null));

// 10.5.3 [[IsExtensible]]
t("isExtensible: trap says false, target extensible", () => Object.isExtensible(new Proxy({}, { isExtensible() { return false; } })));
t("isExtensible: trap says true, target not", () => Object.isExtensible(new Proxy(Object.preventExtensions({}), { isExtensible() { return true; } })));
t("isExtensible: agrees", () => Object.isExtensible(new Proxy({}, { isExtensible() { return 1; } })));

// 10.5.4 [[PreventExtensions]]
t("preventExtensions: true but target extensible", () => Reflect.preventExtensions(new Proxy({}, { preventExtensions() { return true; } })));
t("preventExtensions: false", () => Reflect.preventExtensions(new Proxy({}, { preventExtensions() { return false; } })));
t("preventExtensions: false via Object", () => Object.preventExtensions(new Proxy({}, { preventExtensions() { return false; } })));

// 10.5.5 [[GetOwnProperty]]
t("gOPD: primitive result", () => Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor() { return 1; } }), "x"));
t("gOPD: undefined for non-configurable", () => Object.getOwnPropertyDescriptor(new Proxy(Object.defineProperty({}, "x", nonConfig), { getOwnPropertyDescriptor() {} }), "x"));
t("gOPD: undefined for property of non-extensible target", () => Object.getOwnPropertyDescriptor(new Proxy(Object.preventExtensions({ x: 1 }), { getOwnPropertyDescriptor() {} }), "x"));
t("gOPD: undefined for missing property", () => Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor() {} }), "x"));
t("gOPD: new property on non-extensible target", () => Object.getOwnPropertyDescriptor(new Proxy(Object.preventExtensions({}), { getOwnPropertyDescriptor() { return { value: 1, configurable: true }; } }), "x"));
t("gOPD: incompatible with target", () => Object.getOwnPropertyDescriptor(new Proxy(Object.defineProperty({}, "x", nonConfig), { getOwnPropertyDescriptor() { return { value: 2, configurable: false }; } }), "x"));
t("gOPD: non-configurable but missing on target", () => Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor() { return { value: 1, configurable: false }; } }), "x"));
t("gOPD: non-configurable but configurable on target", () => Object.getOwnPropertyDescriptor(new Proxy({ x: 1 }, { getOwnPropertyDescriptor() { return { value: 1, configurable: false, writable: true, enumerable: true }; } }), "x"));
t("gOPD: non-writable but writable on target", () => Object.getOwnPropertyDescriptor(new Proxy(Object.defineProperty({}, "x", { value: 1, writable: true, configurable: false }), { getOwnPropertyDescriptor() { return { value: 1, configurable: false, writable: false }; } }), "x"));
t("gOPD: completed", () => JSON.stringify(Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor() { return { value: 7, configurable: true }; } }), "x")));

// 10.5.6 [[DefineOwnProperty]]
t("defineProperty: false result", () => Reflect.defineProperty(new Proxy({}, { defineProperty() { return false; } }), "x", { value: 1 }));
t("defineProperty: false result via Object", () => Object.defineProperty(new Proxy({}, { defineProperty() { return false; } }), "x", { value: 1 }));
t("defineProperty: non-extensible target", () => Reflect.defineProperty(new Proxy(Object.preventExtensions({}), { defineProperty() { return true; } }), "x", { value: 1 }));
t("defineProperty: non-configurable, missing on target", () => Reflect.defineProperty(new Proxy({}, { defineProperty() { return true; } }), "x", { value: 1, configurable: false }));
t("defineProperty: incompatible with target", () => Reflect.defineProperty(new Proxy(Object.defineProperty({}, "x", nonConfig), { defineProperty() { return true; } }), "x", { value: 2 }));
t("defineProperty: non-configurable, configurable on target", () => Reflect.defineProperty(new Proxy({ x: 1 }, { defineProperty() { return true; } }), "x", { value: 1, configurable: false }));
t("defineProperty: non-writable, writable non-configurable on target", () => Reflect.defineProperty(new Proxy(Object.defineProperty({}, "x", { value: 1, writable: true, configurable: false }), { defineProperty() { return true; } }), "x", { value: 1, writable: false, configurable: false }));
t("defineProperty: compatible", () => Reflect.defineProperty(new Proxy({ x: 1 }, { defineProperty() { return true; } }), "x", { value: 5 }));

// 10.5.7 [[HasProperty]]
t("has: false for non-configurable", () => "x" in new Proxy(Object.defineProperty({}, "x", nonConfig), { has() { return false; } }));
t("has: false for property of non-extensible target", () => "x" in new Proxy(Object.preventExtensions({ x: 1 }), { has() { return false; } }));
t("has: false for missing", () => "x" in new Proxy(Object.preventExtensions({}), { has() { return false; } }));

// 10.5.8 [[Get]]
t("get: other value for non-writable non-configurable", () => new Proxy(Object.defineProperty({}, "x", nonConfig), { get() { return 2; } }).x);
t("get: same value", () => new Proxy(Object.defineProperty({}, "x", nonConfig), { get() { return 1; } }).x);
t("get: value for accessor without getter", () => new Proxy(Object.defineProperty({}, "x", { set(v) {}, configurable: false }), { get() { return 1; } }).x);
t("get: undefined for accessor without getter", () => new Proxy(Object.defineProperty({}, "x", { set(v) {}, configurable: false }), { get() { return undefined; } }).x);

// 10.5.9 [[Set]]
t("set: other value for non-writable non-configurable", () => Reflect.set(new Proxy(Object.defineProperty({}, "x", nonConfig), { set() { return true; } }), "x", 2));
t("set: same value", () => Reflect.set(new Proxy(Object.defineProperty({}, "x", nonConfig), { set() { return true; } }), "x", 1));
t("set: accessor without setter", () => Reflect.set(new Proxy(Object.defineProperty({}, "x", { get() {}, configurable: false }), { set() { return true; } }), "x", 1));
t("set: false in strict code", () => { "use strict"; new Proxy({}, { set() { return false; } }).x = 1; });
t("set: false in sloppy code", () => { new Proxy({}, { set() { return false; } }).x = 1; return "no error"; });

// 10.5.10 [[Delete]]
t("deleteProperty: non-configurable", () => Reflect.deleteProperty(new Proxy(Object.defineProperty({}, "x", nonConfig), { deleteProperty() { return true; } }), "x"));
t("deleteProperty: non-extensible target", () => Reflect.deleteProperty(new Proxy(Object.preventExtensions({ x: 1 }), { deleteProperty() { return true; } }), "x"));
t("deleteProperty: false in strict code", () => { "use strict"; delete new Proxy({}, { deleteProperty() { return false; } }).x; });
t("deleteProperty: missing", () => Reflect.deleteProperty(new Proxy({}, { deleteProperty() { return true; } }), "x"));

// 10.5.11 [[OwnPropertyKeys]]
t("ownKeys: not an object", () => Reflect.ownKeys(new Proxy({}, { ownKeys() { return 1; } })));
t("ownKeys: element not a key", () => Reflect.ownKeys(new Proxy({}, { ownKeys() { return [1]; } })));
t("ownKeys: duplicates", () => Reflect.ownKeys(new Proxy({}, { ownKeys() { return ["a", "a"]; } })));
t("ownKeys: missing non-configurable key", () => Reflect.ownKeys(new Proxy(Object.defineProperty({}, "x", nonConfig), { ownKeys() { return []; } })));
t("ownKeys: missing key of non-extensible target", () => Reflect.ownKeys(new Proxy(Object.preventExtensions({ x: 1 }), { ownKeys() { return []; } })));
t("ownKeys: extra key on non-extensible target", () => Reflect.ownKeys(new Proxy(Object.preventExtensions({ x: 1 }), { ownKeys() { return ["x", "y"]; } })));
t("ownKeys: exact keys of non-extensible target", () => Reflect.ownKeys(new Proxy(Object.preventExtensions({ x: 1 }), { ownKeys() { return ["x"]; } })).join());
t("ownKeys: extra keys on extensible target", () => Reflect.ownKeys(new Proxy({}, { ownKeys() { return ["b", "a", Symbol.iterator.description]; } })).join());

// 10.5.12 [[Call]], 10.5.13 [[Construct]]
t("construct: primitive result", () => new (new Proxy(function () {}, { construct() { return 1; } }))());
t("construct: null result", () => new (new Proxy(function () {}, { construct() { return null; } }))());
t("construct: non-constructor target", () => new (new Proxy(() => {}, { construct() { return {}; } }))());
t("call: non-callable target", () => new Proxy({}, { apply() { return 1; } })());

// A trap that is not callable.
t("trap not callable", () => new Proxy({}, { get: 1 }).x);
t("trap null is absent", () => new Proxy({ x: 3 }, { get: null }).x);
