// Expected output produced by node. Errors (20.5): the cause option (InstallErrorCause), Error.prototype.toString, and the NativeError constructors' properties.
var print = console.log;
var e = new Error("m", { cause: 0 });
print(e.message, e.cause, Object.prototype.hasOwnProperty.call(e, "cause"), JSON.stringify(Object.getOwnPropertyDescriptor(e, "cause")));
print("cause" in new Error("m", {}), "cause" in new Error("m"), "cause" in new Error("m", 1), new Error("m", { cause: undefined }).hasOwnProperty("cause"));
var getterLog = [];
new TypeError("t", { get cause() { getterLog.push("cause"); return 1; } });
print(getterLog.join(), new RangeError(undefined, { cause: "c" }).cause, new RangeError(undefined).hasOwnProperty("message"));
print(Error.prototype.toString.call({ name: "N", message: "M" }), Error.prototype.toString.call({}), Error.prototype.toString.call({ name: "", message: "M" }), Error.prototype.toString.call({ name: "N", message: "" }));
print(String(new Error()), String(new SyntaxError("s")), Error.prototype.toString.call({ name: undefined, message: undefined }));
try { Error.prototype.toString.call(1); } catch (x) { print("toString non-object:", x.constructor.name); }
var names = ["EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"];
names.forEach(function (n) {
  var C = globalThis[n];
  var p = C.prototype;
  print(n, C.length, C.name, Object.getPrototypeOf(C) === Error, Object.getPrototypeOf(p) === Error.prototype,
    p.name, JSON.stringify(p.message), p.hasOwnProperty("toString"), p.constructor === C,
    C("x") instanceof C, Object.prototype.toString.call(new C()), Object.prototype.toString.call(p));
});
print(Error.length, Error.name, Error.prototype.name, JSON.stringify(Error.prototype.message), Object.prototype.toString.call(Error.prototype));
var msg = Object.getOwnPropertyDescriptor(new Error("x"), "message");
print(msg.writable, msg.enumerable, msg.configurable);
print(new Error({ toString() { return "converted"; } }).message);
class MyError extends RangeError { constructor(m) { super(m, { cause: "mine" }); this.name = "MyError"; } }
var me = new MyError("boom");
print(String(me), me.cause, me instanceof RangeError, me instanceof Error);
