// Map and Set: insert, look up and delete 10^6 keys, numbers then strings
// (the lookups of strings use freshly built strings, hashed by contents).
function numbers(n) {
  var m = new Map();
  var s = new Set();
  for (var i = 0; i < n; i++) {
    m.set(i * 7, i);
    s.add(i * 3);
  }
  var sum = 0;
  for (var i = 0; i < n; i++) {
    sum = (sum + m.get(i * 7)) | 0;
    if (s.has(i)) sum = (sum + 1) | 0;
  }
  for (var i = 0; i < n; i++) {
    m.delete(i * 7);
    if (i & 1) s.delete(i * 3);
  }
  return sum + m.size + s.size;
}
function strings(n) {
  var keys = [];
  for (var i = 0; i < n; i++) keys.push("key" + i);
  var m = new Map();
  var s = new Set();
  for (var i = 0; i < n; i++) {
    m.set(keys[i], i);
    s.add(keys[(i * 7) % n]);
  }
  var sum = 0;
  for (var i = 0; i < n; i++) {
    sum = (sum + m.get("key" + i)) | 0;
    if (s.has("key" + ((i * 3) % n))) sum = (sum + 1) | 0;
  }
  for (var i = 0; i < n; i++) {
    m.delete(keys[i]);
    if (i & 1) s.delete(keys[i]);
  }
  return sum + m.size + s.size;
}
console.log(numbers(1000000), strings(1000000));
