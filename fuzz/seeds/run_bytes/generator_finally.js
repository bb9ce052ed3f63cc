// Generators: finally blocks run on return() and throw(), yield inside finally.
// Expected output produced with node.
function* f() {
  try {
    yield 1;
    yield 2;
  } finally {
    console.log("finally 1");
    yield "from finally";
    console.log("finally 2");
  }
  yield "after";
}
const it = f();
console.log(JSON.stringify(it.next()));
console.log(JSON.stringify(it.return("r")));
console.log(JSON.stringify(it.next()));
console.log(JSON.stringify(it.next()));

function* g() {
  try {
    yield 1;
  } catch (e) {
    console.log("caught", e);
    yield "recovered";
  }
  return "end";
}
const t = g();
t.next();
console.log(JSON.stringify(t.throw("boom")));
console.log(JSON.stringify(t.next()));

// break out of for-of closes the generator (finally runs).
function* h() { try { yield 1; yield 2; } finally { console.log("closed"); } }
for (const v of h()) { console.log(v); break; }

// An exception inside the body ends it.
function* bad() { yield 1; throw new TypeError("inner"); }
const bi = bad();
bi.next();
try { bi.next(); } catch (e) { console.log(e.name, e.message); }
console.log(JSON.stringify(bi.next()));

// return() overridden by a return in finally.
function* o() { try { yield 1; } finally { return "override"; } }
const oi = o(); oi.next();
console.log(JSON.stringify(oi.return("x")));
