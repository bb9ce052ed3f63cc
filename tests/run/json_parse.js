// Expected output produced with node.
var v = JSON.parse(' {"a": [1, 2.5, -0, 1e3, -1.25E-2, true, false, null], "b": {"c": "x\\u0041\\n\\"\\/\\\\"}, "__proto__": 1} ');
print(JSON.stringify(v), 1 / v.a[2] === -Infinity, Object.getPrototypeOf(v) === Object.prototype, v.__proto__);
print(JSON.parse('"\\ud800"').length, JSON.parse('"\u00e9\u4e2d"'), JSON.parse("123456789012345678901234567890"));
print(JSON.parse('{"a":1,"a":2}').a, JSON.parse('[]').length, JSON.parse('{}') instanceof Object);
var bad = ["", " ", "01", "1.", ".5", "+1", "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "\"\t\"", "tru", "nul", "[1] x",
  "\"\\x41\"", "\"\\u00g0\"", "1e", "-", "{\"a\" 1}", "[1 2]", "\u00a01", "\"abc"];
for (var s of bad) {
  try { JSON.parse(s); print("no error", JSON.stringify(s)); } catch (e) { print(e instanceof SyntaxError); }
}
print(JSON.stringify(JSON.parse('{"a":[1,{"b":2}],"c":3}', function (k, v) {
  return typeof v === "number" ? v + 100 : v;
})));
print(JSON.stringify(JSON.parse('{"a":1,"b":2,"c":[1,2,3]}', function (k, v) {
  if (k === "b" || k === "1") return undefined;
  return v;
})));
var keys = [];
JSON.parse('{"x":{"y":1},"z":[2]}', function (k, v) { keys.push(k); return v; });
print(keys.join(","));
var open = "[[[[[[[[[[", close = "]]]]]]]]]]"; for (var i = 0; i < 4; i++) { open += open + open + open + open + open + open + open + open + open; close += close + close + close + close + close + close + close + close + close; } var deep = open + close;
try { JSON.parse(deep); print("deep ok"); } catch (e) { print(e instanceof RangeError ? "deep ok" : e); }
print(JSON.parse(" \t\r\n1 \n"));
