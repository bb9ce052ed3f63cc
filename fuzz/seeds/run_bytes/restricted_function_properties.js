"use strict";
function f() {}
try { f.caller; console.log("no"); } catch (e) { console.log(e instanceof TypeError); }
try { f.arguments = 1; console.log("no"); } catch (e) { console.log(e instanceof TypeError); }
console.log(f.hasOwnProperty("caller"), (() => 1).hasOwnProperty("arguments"));
var d = Object.getOwnPropertyDescriptor(Function.prototype, "caller");
console.log(d.get === d.set, d.enumerable, d.configurable, typeof d.get);
var a = (function () { return arguments; })();
console.log(Object.getOwnPropertyDescriptor(a, "callee").get === d.get);
var b = f.bind(null);
try { b.caller; console.log("no"); } catch (e) { console.log("bound", e instanceof TypeError); }
var sloppy = Function("return 1");
console.log(Object.getOwnPropertyDescriptor(sloppy, "caller").writable, sloppy.arguments);
