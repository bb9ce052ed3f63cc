// Object.keys / values / entries read plain objects straight from their
// shape; the order and the filtering must be the spec's.
// Expected output produced with node 20.
var j = JSON.stringify;
var sym = Symbol("s");
var o = { b: 1, a: 2, [sym]: 3, 10: "ten", 2: "two" };
Object.defineProperty(o, "hidden", { value: 4, enumerable: false });
console.log(j(Object.keys(o)), j(Object.values(o)), j(Object.entries(o)));
var p = { x: 1, y: 2, z: 3 };
delete p.y;
p.y = 5;
console.log(j(Object.keys(p)), j(Object.values(p)), j(Object.entries(p)));
var g = { get a() { return "got"; }, b: 2 };
console.log(j(Object.keys(g)), j(Object.values(g)), j(Object.entries(g)));
var mutating = { get a() { delete this.b; return 1; }, b: 2, c: 3 };
console.log(j(Object.values(mutating)), j(Object.keys(mutating)));
var dict = {};
for (var i = 0; i < 200; i++) dict["k" + i] = i;
for (var i = 0; i < 200; i += 2) delete dict["k" + i];
dict.k0 = "again";
var keys = Object.keys(dict);
console.log(keys.length, keys[0], keys[keys.length - 1], Object.values(dict)[99]);
console.log(j(Object.keys(Object.create({ inherited: 1 }))), j(Object.keys([1, , 3])), j(Object.keys("ab")));
class C { constructor() { this.f = 1; } m() {} }
console.log(j(Object.keys(new C())), j(Object.entries(new C())));
var big = Object.entries({ a: 1, b: 2 });
big[0].push("x");
console.log(j(big), Array.isArray(big[1]), big.length);
