// Sites that see more than 16 receiver shapes (megamorphic) use the
// runtime's shared megamorphic cache: reads of own and inherited data
// properties, getters and setters, stores (own, adding a property,
// setters), all invalidated by prototype changes. Expected output from node.
function make(i) {
  var o = {};
  o["k" + i] = i; // a different shape per i
  o.x = i;
  return o;
}
var objs = [];
for (var i = 0; i < 40; i++) objs.push(make(i));
function readX(o) { return o.x; }
function readY(o) { return o.y; }
function writeX(o, v) { o.x = v; }
function writeZ(o, v) { o.z = v; }
var sum = 0;
for (var r = 0; r < 50; r++) for (var i = 0; i < objs.length; i++) sum += readX(objs[i]);
console.log("own", sum);
// Inherited: y comes from Object.prototype until the prototype changes.
Object.prototype.y = 1;
sum = 0;
for (var r = 0; r < 20; r++) for (var i = 0; i < objs.length; i++) sum += readY(objs[i]);
console.log("inherited", sum);
Object.prototype.y = 2; // a value write: read live
sum = 0;
for (var i = 0; i < objs.length; i++) sum += readY(objs[i]);
console.log("inherited after write", sum);
Object.defineProperty(Object.prototype, "y", { get: function () { return 3; }, configurable: true });
sum = 0;
for (var r = 0; r < 20; r++) for (var i = 0; i < objs.length; i++) sum += readY(objs[i]);
console.log("getter", sum);
objs[5].y = 100; // not stored: a getter without a setter on the chain
console.log("no setter", objs[5].y, Object.keys(objs[5]).join());
delete Object.prototype.y;
sum = 0;
for (var i = 0; i < objs.length; i++) sum += readY(objs[i]) === undefined ? 1 : 0;
console.log("deleted", sum);
// Own stores and transitions at megamorphic sites.
for (var r = 0; r < 20; r++) for (var i = 0; i < objs.length; i++) writeX(objs[i], r + i);
sum = 0;
for (var i = 0; i < objs.length; i++) sum += objs[i].x;
console.log("stored", sum);
for (var i = 0; i < objs.length; i++) writeZ(objs[i], i * 2);
var fresh = [];
for (var i = 0; i < 40; i++) { var f = make(i); writeZ(f, 7); fresh.push(f); }
sum = 0;
for (var i = 0; i < objs.length; i++) sum += objs[i].z + fresh[i].z;
console.log("added", sum, Object.keys(fresh[3]).join());
// A setter on the chain takes over from a transition.
var seen = 0;
Object.defineProperty(Object.prototype, "z", { set: function (v) { seen += v; }, get: function () { return -1; }, configurable: true });
for (var i = 0; i < 40; i++) writeZ(make(i), 1);
console.log("setter", seen, make(1).z);
delete Object.prototype.z;
// A read-only inherited property blocks a store.
var proto = Object.freeze({ w: 5 });
var ro = [];
for (var i = 0; i < 40; i++) { var o = Object.create(proto); o["q" + i] = i; ro.push(o); }
function writeW(o) { o.w = 9; }
for (var r = 0; r < 3; r++) for (var i = 0; i < ro.length; i++) writeW(ro[i]);
console.log("read-only", ro[7].w, Object.keys(ro[7]).join());
// Frozen receivers of a shape seen before keep their values.
var frozen = objs.slice(0, 20).map(function (o) { return Object.freeze(Object.assign({}, o)); });
for (var r = 0; r < 3; r++) for (var i = 0; i < frozen.length; i++) writeX(frozen[i], -1);
console.log("frozen", frozen[4].x);
// Changing an object's prototype.
var a = { m: "a" }, b = { m: "b" };
var many = [];
for (var i = 0; i < 40; i++) { var o = Object.create(a); o["p" + i] = i; many.push(o); }
function readM(o) { return o.m; }
var s = "";
for (var r = 0; r < 3; r++) for (var i = 0; i < many.length; i++) s += readM(many[i]);
Object.setPrototypeOf(many[0], b);
a.m = "A";
s += "|" + readM(many[0]) + readM(many[1]);
console.log("prototypes", s.length, s.slice(-4));
