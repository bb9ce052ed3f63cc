// A caught Error object gets a non-enumerable `stack` (V8's format:
// "NAME: MESSAGE" then one "    at ..." line per frame; the frames name the
// file, so only the start is printed here).
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
// No user code runs to build it: a `message` getter is not called.
var calls = 0;
var g = new RangeError("r");
Object.defineProperty(g, "message", { get: function () { calls++; return "m"; } });
try { throw g; } catch (e) { print(calls, head(e.stack, 15)); }
// A frozen error gets none.
var frozen = Object.freeze(new Error("f"));
try { throw frozen; } catch (e) { print(e.stack); }
// Each catch that sees the error first gives it the trace of its throw.
function thrower() { throw new SyntaxError("deep"); }
try { thrower(); } catch (e) { print(head(e.stack, 29)); }
