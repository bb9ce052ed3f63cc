// 10.4.4 The arguments object (unmapped: 10.4.4.6 CreateUnmappedArgumentsObject).
function f(a, b) { return [arguments.length, arguments[0], arguments[2], Object.prototype.toString.call(arguments), Array.isArray(arguments), [...arguments].join("+")].join(); }
console.log(f(1, 2, 3));
function g() { "use strict"; try { arguments.callee; } catch (e) { return e instanceof TypeError; } }
console.log(g());
const h = function () { return (() => arguments.length)(); };
console.log(h(1, 2));
function k(...r) { return r.length + ":" + Array.isArray(r); }
console.log(k(1, 2, 3));
function keys() { const out = []; for (const i in arguments) out.push(i); return out.join(); }
console.log(keys("a", "b"));
