// An Error object gets a non-enumerable `stack` when it is created (V8's
// format: "NAME: MESSAGE" then one "    at ..." line per frame; the frames
// name the file, so only the start is printed here). Errors made by the
// engine (a TypeError of a bad call) get theirs when first caught.
function head(s, n) {
  var out = "";
  for (var i = 0; i < n; i++) out += s[i];
  return out;
}
try {
  throw new Error("first");
} catch (e) {
  print(typeof e.stack, head(e.stack, 20));
  print(Object.keys(e).length, Object.getOwnPropertyDescriptor(e, "stack").enumerable);
}
// Other thrown values are left alone.
var plain = {};
try { throw plain; } catch (e) { print("stack" in e); }
// An existing own `stack` is kept.
var mine = new TypeError("x");
mine.stack = "mine";
try { throw mine; } catch (e) { print(e.stack); }
// No user code runs to build it: the stack was made by the constructor
// (V8 formats it lazily and would call this getter).
var calls = 0;
var g = new RangeError("r");
Object.defineProperty(g, "message", { get: function () { calls++; return "m"; } });
try { throw g; } catch (e) { print(calls, head(e.stack, 15)); }
// A frozen error keeps the one it was created with.
var frozen = Object.freeze(new Error("f"));
try { throw frozen; } catch (e) { print(head(e.stack, 8)); }
// An engine-made error gets its stack at the catch.
try { null.x; } catch (e) { print(head(e.stack, 9)); }
// Each catch that sees the error first gives it the trace of its throw.
function thrower() { throw new SyntaxError("deep"); }
try { thrower(); } catch (e) { print(head(e.stack, 29)); }
