// Polymorphic inline caches: a further entry that keeps hitting takes the
// first place (the one compiled code checks). Objects whose shape changed
// for good, sites alternating between shapes, prototype-chain entries,
// getters, setters and transitions must all still read and write the right
// slots. Expected output from node.
function getX(o) { return o.x; }
function setY(o, v) { o.y = v; }

// A receiver whose shape changes after the site first ran.
var grow = { x: 1 };
var sum = 0;
for (var i = 0; i < 3000; i++) {
  if (i === 100) grow.a = 1;
  if (i === 200) grow.b = 2;
  if (i === 300) grow.c = 3;
  grow.x = i;
  sum += getX(grow);
}
console.log("grow", sum, grow.x, Object.keys(grow).join());

// Two shapes in alternation, then three, then an own property shadowing a
// prototype's.
function A() { this.x = 1; }
function B() { this.q = 0; this.x = 2; }
var proto = { x: 40 };
var C = Object.create(proto);
var objs = [new A(), new B(), C, { x: 5, z: 1 }];
sum = 0;
for (var i = 0; i < 4000; i++) sum += getX(objs[i % (i < 2000 ? 2 : 4)]);
console.log("alt", sum);
C.x = 7; // now own: the chain entry no longer applies to C's new shape
sum = 0;
for (var i = 0; i < 400; i++) sum += getX(objs[i % 4]);
console.log("shadow", sum);
proto.x = 41;
console.log("proto", getX(Object.create(proto)));

// Getters among data entries.
var g = { get x() { return 100; } };
sum = 0;
for (var i = 0; i < 3000; i++) sum += getX(i % 3 === 0 ? g : objs[i % 2]);
console.log("getter", sum);

// Stores: own entries in alternation, transitions, setters.
var log = [];
var s = { set y(v) { log.push(v); } };
var p1 = { y: 0 }, p2 = { w: 0, y: 0 };
for (var i = 0; i < 3000; i++) {
  setY(i % 2 ? p1 : p2, i);
  if (i % 500 === 0) setY(s, i);
  var fresh = { w: 1 };
  setY(fresh, i);
  if (fresh.y !== i) throw new Error("transition store " + i);
}
console.log("set", p1.y, p2.y, log.join());

// A receiver that changes shape under a store site.
var h = { y: 0 };
for (var i = 0; i < 3000; i++) {
  if (i === 50) h.k = 1;
  if (i === 60) delete h.k; // dictionary mode: never cached
  setY(h, i);
}
console.log("dict", h.y, JSON.stringify(h));
