// JSON.parse number and string fast paths (exact decimals, escapes into a
// Latin-1 builder) and JSON.stringify short decimals and escape scanning.
// Expected output generated with node.
var xs = ["0", "-0", "-0.0", "0.1", "0.30000000000000004", "1e5", "1E+5", "1e-5", "-1.5e-7", "123456789012345", "1234567890123456", "12345678901234567890", "0.000000000000000000000001", "1e22", "1e23", "9007199254740993", "1.7976931348623157e308", "1e309", "-1e-400", "5e-324", "0.1e1", "100e-2", "123.456e3", "0.0000123", "1.00000000000000011102230246251565404236316680908203125", "8.98846567431158e307", "2.2250738585072014e-308", "4.9406564584124654e-324", "1e-22", "123456789012345e-22", "123456789012345e22", "\"a\\\"b\"", "\"\\u00e9t\\u00e9 \\u4e2d\"", "\"x\\ny\"", "\"plain text here that is long enough\""];
var out = [];
for (var s of xs) { var v = JSON.parse(s); out.push(s + " -> " + (typeof v === "number" ? (Object.is(v, -0) ? "-0" : String(v)) : JSON.stringify(v))); }
console.log(out.join("\n"));
var nums = [0.1, 1.5, -2.25, 123.45, 1e-6, 1.5e-6, 1e-7, 0.000123, 99.99, 1/3, -0.5, 1e21 + 0.5, 4503599627370495.5, 0.1 + 0.2];
console.log(JSON.stringify(nums));
console.log(JSON.stringify({"a\"b": "c\\d\u0001e\u2028", k: "\ud800x", m: "ééé\"", long: "abcdefghijklmnop\"qrstuvwx\nyz"}));
