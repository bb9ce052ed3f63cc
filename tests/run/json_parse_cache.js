// JSON.parse fast paths (string/key cache, direct stores): output checked
// against node v20 (`node tests/run/json_parse_cache.js`).
const t = '{"a":1,"b":[1,2,{"a":"x","b":"x"}],"c":"x","__proto__":5,"0":"idx","a":2,"long":"' + "y".repeat(50) + '","e":"\\u00e9\\"q","u":"\u20ac","d":{"a":[]}}';
for (let i = 0; i < 3; i++) {
  const o = JSON.parse(t);
  console.log(JSON.stringify(o), Object.keys(o).join(), o.b.length, Object.getPrototypeOf(o) === Object.prototype);
}
console.log(JSON.stringify(JSON.parse('[' + Array.from({length: 5000}, (_, i) => '{"k' + (i % 50) + '":"v' + (i % 70) + '"}').join() + ']').slice(-2)));
try { JSON.parse('{"a":1,}'); } catch (e) { console.log(e.name); }
try { JSON.parse('["a\\x"]'); } catch (e) { console.log(e.name); }
console.log(JSON.parse('"ab\\tc"'), JSON.parse('{"x":"\\u0041"}').x, JSON.parse('[]').length);
