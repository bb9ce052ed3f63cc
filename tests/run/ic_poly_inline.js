// Polymorphic named sites whose further entries the full tier scans inline
// (compiler/property.rs `scan_extras`): every guard of every entry must
// still hold after the site is compiled with several shapes.

function getX(o) { return o.x; }
function getM(o) { return o.m; }
function setX(o, v) { o.x = v; }
function addY(o, v) { o.y = v; }

function makeShapes(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const o = {};
    for (let j = 0; j < i; j++) o["p" + j] = j;
    o.x = i;
    out.push(o);
  }
  return out;
}

// Warm the sites with four shapes so they tier up polymorphic.
const four = makeShapes(4);
let sum = 0;
for (let r = 0; r < 3000; r++) {
  for (const o of four) {
    sum += getX(o);
    setX(o, o.x);
  }
}
console.log("warm", sum);

// 1. Shape changes: an object of a cached shape gains and loses properties.
{
  const o = makeShapes(3)[2];
  let s = 0;
  for (let r = 0; r < 2000; r++) {
    s += getX(o);
    if (r === 500) o.extra = 1;
    if (r === 1000) delete o.p0;
    if (r === 1500) o.x = 100;
  }
  console.log("shape changes", s, o.x, Object.keys(o).join());
}

// 2. Deleted property: the read becomes undefined, the store re-adds it.
{
  const objs = makeShapes(4);
  delete objs[3].x;
  const seen = [];
  for (let r = 0; r < 1000; r++) {
    for (const o of objs) {
      if (r === 999) seen.push(getX(o));
      else getX(o);
    }
  }
  console.log("deleted", seen.join());
  setX(objs[3], 7);
  console.log("re-added", getX(objs[3]), Object.keys(objs[3]).join());
}

// 3. Dictionary-mode objects (many deletions) at a polymorphic site.
{
  const d = { x: 1 };
  for (let i = 0; i < 200; i++) d["k" + i] = i;
  for (let i = 0; i < 200; i++) delete d["k" + i];
  let s = 0;
  for (let r = 0; r < 2000; r++) {
    s += getX(d) + getX(four[r & 3]);
    setX(d, r);
  }
  console.log("dictionary", s, d.x);
}

// 4. More shapes than the cache holds (megamorphic).
{
  const many = makeShapes(40);
  let s = 0;
  for (let r = 0; r < 300; r++) {
    for (const o of many) {
      s += getX(o);
      setX(o, o.x + 1);
    }
  }
  console.log("megamorphic", s, many[39].x);
}

// 5. Prototype-chain entries: one shape, several prototypes; then the
// prototypes change.
{
  function A() {} A.prototype.m = "A";
  function B() {} B.prototype.m = "B";
  function C() {} C.prototype.m = "C";
  function D() {} D.prototype = Object.create(C.prototype);
  const objs = [new A(), new B(), new C(), new D(), { m: "own" }];
  const run = () => {
    let t = "";
    for (let r = 0; r < 1500; r++) {
      for (const o of objs) {
        const v = getM(o);
        if (r === 1499) t += v + ",";
      }
    }
    return t;
  };
  console.log("protos", run());
  C.prototype.m = "C2";
  console.log("value change", run());
  D.prototype.m = "D";
  console.log("shadowed", run());
  Object.setPrototypeOf(objs[1], A.prototype);
  console.log("setPrototypeOf", run());
  delete D.prototype.m;
  delete C.prototype.m;
  console.log("deleted on chain", run());
  // Accessors redefined on the chain and own.
  let calls = 0;
  Object.defineProperty(A.prototype, "m", { get() { calls++; return "getA"; }, configurable: true });
  console.log("getter on chain", run(), calls > 0);
  Object.defineProperty(objs[4], "m", { get() { return "ownGetter"; } });
  console.log("own getter", run());
}

// 6. Stores: transitions on several shapes, then a non-extensible object,
// a setter and a read-only property on the prototype.
{
  function P() {}
  const protoObjs = () => {
    const a = new P();
    const b = new P(); b.q = 1;
    const c = new P(); c.q = 1; c.r = 2;
    const d = new P(); d.q = 1; d.r = 2; d.s = 3; d.t = 4; d.u = 5;
    return [a, b, c, d];
  };
  let made = 0;
  for (let r = 0; r < 1000; r++) {
    for (const o of protoObjs()) { addY(o, r); made += o.y; }
  }
  console.log("transitions", made);
  const frozen = protoObjs();
  Object.preventExtensions(frozen[2]);
  for (const o of frozen) addY(o, 5);
  console.log("non-extensible", frozen.map((o) => o.y).join());
  let setterCalls = 0;
  Object.defineProperty(P.prototype, "y", {
    set(v) { setterCalls += v; }, get() { return "from setter"; }, configurable: true,
  });
  const withSetter = protoObjs();
  for (let r = 0; r < 500; r++) for (const o of withSetter) addY(o, 1);
  console.log("setter", setterCalls, withSetter.map((o) => o.y).join());
  delete P.prototype.y;
  Object.defineProperty(P.prototype, "y", { value: "ro", writable: false, configurable: true });
  const readOnly = protoObjs();
  for (const o of readOnly) addY(o, 9);
  console.log("read-only", readOnly.map((o) => o.y).join());
  delete P.prototype.y;
  const again = protoObjs();
  for (const o of again) addY(o, 3);
  console.log("again", again.map((o) => o.y).join(), Object.keys(again[3]).join());
}

// 7. Own data stores through further entries, and a property made read-only.
{
  const objs = makeShapes(5);
  for (let r = 0; r < 1000; r++) for (const o of objs) setX(o, r);
  Object.defineProperty(objs[3], "x", { writable: false });
  for (const o of objs) setX(o, -1);
  console.log("own stores", objs.map((o) => o.x).join());
  Object.freeze(objs[1]);
  for (const o of objs) setX(o, -2);
  console.log("frozen", objs.map((o) => o.x).join());
}
