// Typed-array views hoisted out of loops (backend/compiler/loop_views.rs):
// the loop reads a typed array's fixed fields once, and every access must
// still see detaching, resizing, reassignment of the local and other
// receivers. Each function runs often enough to reach the full tier.
function sum(a, n) {
  var s = 0;
  for (var i = 0; i < n; i++) s += a[i];
  return s;
}
function fill(a, n, v) {
  for (var i = 0; i < n; i++) a[i] = v + i;
}
function swapMidway(a, b, n) {
  // The local changes receiver inside the loop.
  var s = 0;
  for (var i = 0; i < n; i++) {
    s += a[i];
    if (i === 2) a = b;
  }
  return s;
}
function detach(buffer) {
  // node 20 (which made the expected output) has no transfer().
  if (buffer.transfer) buffer.transfer();
  else structuredClone(buffer, { transfer: [buffer] });
}
function detachMidway(a, n) {
  var s = 0;
  for (var i = 0; i < n; i++) {
    if (i === 3) detach(a.buffer);
    var x = a[i];
    s += x === undefined ? 1000 : x;
  }
  return s;
}
function shrinkMidway(a, n) {
  var out = [];
  for (var i = 0; i < n; i++) {
    if (i === 2) a.buffer.resize(8);
    out.push(a[i]);
  }
  return out.join(",");
}
function storeMidway(a, n) {
  for (var i = 0; i < n; i++) {
    if (i === 2) a.buffer.resize(4);
    a[i] = 7;
  }
  return Array.from(a).join(",");
}

var f64 = new Float64Array(8), i32 = new Int32Array(8), u8 = new Uint8Array(8);
var total = 0;
for (var r = 0; r < 3000; r++) {
  fill(f64, 8, 0.5);
  fill(i32, 8, -3);
  fill(u8, 8, 250);
  total += sum(f64, 8) + sum(i32, 8) + sum(u8, 8);
}
console.log(total);
console.log(Array.from(u8).join(","));
// A site that saw several types, and one that sees a plain array.
console.log(sum([1, 2, 3], 3), sum(new Float32Array([0.5, 0.25]), 2));
// Past the end: undefined (NaN sums), never a read out of bounds.
console.log(sum(f64, 10), sum(new Int8Array(2), 4));
var s1 = 0;
for (var r = 0; r < 2000; r++)
  s1 = swapMidway(new Int32Array([1, 2, 3, 4, 5]), new Int32Array([10, 20, 30, 40, 50]), 5);
console.log(s1);
var s2 = 0;
for (var r = 0; r < 2000; r++) s2 = detachMidway(new Float64Array([1, 2, 3, 4, 5, 6]), 6);
console.log(s2);
var s3 = "";
for (var r = 0; r < 2000; r++) {
  var rab = new ArrayBuffer(32, { maxByteLength: 64 });
  var view = new Int32Array(rab, 0, 8);
  view.set([1, 2, 3, 4, 5, 6, 7, 8]);
  s3 = shrinkMidway(view, 8);
}
console.log(s3);
var s4 = "";
for (var r = 0; r < 2000; r++) {
  var tracking = new Uint16Array(new ArrayBuffer(16, { maxByteLength: 32 }));
  s4 = storeMidway(tracking, 8);
}
console.log(s4);
// Length-tracking views grow with their buffer.
var grow = new ArrayBuffer(8, { maxByteLength: 64 });
var g = new Uint8Array(grow);
var seen = [];
for (var i = 0; i < 16; i++) {
  if (i === 8) grow.resize(16);
  g[i] = i;
  seen.push(g[i]);
}
console.log(seen.join(","));
// A local that does not hold a typed array at the loop's entry.
function late(n) {
  var t = null, s = 0;
  for (var i = 0; i < n; i++) {
    if (i === 1) t = new Float64Array([4, 5, 6]);
    if (t) s += t[i % 3];
  }
  return s;
}
var s5 = 0;
for (var r = 0; r < 2000; r++) s5 = late(7);
console.log(s5);
