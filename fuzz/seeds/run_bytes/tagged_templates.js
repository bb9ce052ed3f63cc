// 13.3.11 tagged templates and 13.2.8.4 GetTemplateObject.
function tag(s, ...subs) { return s; }
function f() { return tag`a${1}b`; }
var x = f(), y = f();
console.log(x === y, x.length, x[0], x[1], x.raw[0], Object.isFrozen(x), Object.isFrozen(x.raw));
console.log(tag`a` === tag`a`);
var o = { m(s, v) { return this === o && s[0] + v; } };
console.log(o.m`x${5}`);
console.log(o["m"]`y${6}`);
console.log(tag`\unicode and \u{55}`[0], tag`\unicode and \u{55}`.raw[0]);
console.log(Object.keys(x).join(), Object.getOwnPropertyDescriptor(x, "raw").enumerable);
function sloppyThis() { return this; }
console.log(sloppyThis`x` === globalThis);
var order = [];
function g(s) { order.push("call"); return g; }
g`a${order.push("sub1")}``b`;
console.log(order.join());
console.log(tag`line\nnext`[0] === "line\nnext", tag`line\nnext`.raw[0]);
