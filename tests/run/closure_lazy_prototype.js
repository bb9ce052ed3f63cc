// Constructor closures get their prototype object on first use of their
// own properties; every way to observe it must see it as if made at
// creation. Expected output produced with node 20 (the realm check, which
// needs $262.createRealm, runs under jstb only).
function make() { return function () {}; }
var fs = [];
for (var i = 0; i < 100; i++) fs.push(make());
function readProto(f) { return f.prototype; }
function readName(f) { return f.name; }
var ok = true;
for (var i = 0; i < 100; i++) { var p = readProto(fs[i]); if (p.constructor !== fs[i] || Object.getPrototypeOf(p) !== Object.prototype) ok = false; }
console.log(ok, readName(fs[0]) === "", fs[1].prototype !== fs[2].prototype);
var g = make();
console.log(Object.keys(g).length, JSON.stringify(Object.getOwnPropertyNames(g)), "prototype" in g, g.hasOwnProperty("prototype"));
var h = make(); h.prototype = { x: 1 }; console.log(new h().x);
var k = make(); Object.preventExtensions(k); console.log(Object.getOwnPropertyNames(k).length, Object.isExtensible(k));
var m = make(); console.log(new m() instanceof m, Object.getPrototypeOf(new m()) === m.prototype);
var n = make(); console.log(delete n.prototype, typeof n.prototype);
var r = typeof $262 !== "undefined" && $262.createRealm ? $262.createRealm() : null;
if (r) { var other = r.evalScript("(function(){})"); console.log(Object.getPrototypeOf(other.prototype) === r.global.Object.prototype); } else console.log(true); // node has no $262: the check runs under jstb
