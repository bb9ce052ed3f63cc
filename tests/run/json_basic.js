// Expected output produced with node.
print(JSON.stringify({a: 1, b: [1, "x", null, true, false], c: {d: -0, e: 1.5e300, f: NaN}}));
print(JSON.stringify([undefined, function () {}, Symbol("s")]));
print(JSON.stringify({u: undefined, f() {}, s: Symbol("s"), n: null}));
print(JSON.stringify("\u0000\b\t\n\f\r\"\\\u001f\u007f\u00e9\u2028"));
print(JSON.stringify("\ud800 \udc00 \ud83d\ude00 x\udbff"));
print(JSON.stringify({a: [1, {b: 2}], c: {}}, null, 2));
print(JSON.stringify({a: [1, {b: 2}], c: []}, null, "--"));
print(JSON.stringify([1, [2]], null, 20));
print(JSON.stringify({a: 1}, null, "0123456789abcdef"));
print(JSON.stringify({a: 1, b: 2, c: {a: 3, d: 4}}, ["a", "c", 1, "a"]));
print(JSON.stringify({a: 1, b: "x"}, function (k, v) { return typeof v === "number" ? v * 2 : v; }));
print(JSON.stringify({toJSON(k) { return "key:" + k; }}));
print(JSON.stringify({d: {toJSON(k) { return k + "!"; }}}));
print(JSON.stringify([new Number(3), new String("s"), new Boolean(false), Object(1n) instanceof Object]));
print(JSON.stringify(undefined), JSON.stringify(function () {}), JSON.stringify(Symbol()));
print(JSON.stringify({}) === "{}", JSON.stringify(1e21), JSON.stringify(-1e-7));
var cyc = {a: {}}; cyc.a.b = cyc;
try { JSON.stringify(cyc); } catch (e) { print(e instanceof TypeError); }
try { JSON.stringify({x: 1n}); } catch (e) { print(e instanceof TypeError); }
print(JSON.stringify(Object.prototype.toString.call(JSON)));
print(JSON.stringify.length, JSON.parse.length, JSON.stringify.name, JSON.parse.name);
print(JSON.stringify({a: 1, b: [1, 2]}, null, new Number(1)));
print(JSON.stringify({a: 1}, null, new String("\t")));
var deep = []; for (var i = 0; i < 100; i++) deep = [deep];
print(JSON.stringify(deep).length);
