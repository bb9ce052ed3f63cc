// Huge top levels (issue 17): eval code with tens of thousands of
// statements is compiled in chunks (semantics/analyzer/chunks.rs). Each
// program below is built at run time and evaluated; the filler statements
// make it large enough to be chunked, and the probes check that hoisting,
// TDZ, the completion value, `this`, closures, strict locals, direct eval
// and exception positions behave as in one function.
var geval = eval;

function filler(n, prefix) {
  var s = "";
  for (var i = 0; i < n; i++) s += "var " + prefix + i + " = " + i + ";\n";
  return s;
}

// Completion value: the last value-producing statement, even when later
// chunks only declare (empty completions).
console.log(geval("1;\n" + filler(6000, "c") + "'middle';\n" + filler(6000, "d")));
console.log(geval(filler(6000, "e") + "e17 + e5999;"));
// UpdateEmpty: an `if` late in the code resets the completion value.
console.log(geval("'first';\n" + filler(6000, "f") + "if (false) 1;\n" + filler(100, "g")));

// Hoisting: a function declared at the end is callable from the start, and
// `var`s of later chunks exist (undefined) before their statement runs.
console.log(
  geval(
    "var early = [hoisted(), typeof h9999, h9999];\n" +
      filler(10000, "h") +
      "function hoisted() { return 'hoisted'; }\n" +
      "early.join(',') + ',' + h9999;"
  )
);

// TDZ of a top-level `let` declared in a later chunk: a closure made early
// sees the binding uninitialised, then initialised.
console.log(
  geval(
    "var probe = function () { try { return late; } catch (e) { return e.constructor.name; } };\n" +
      "var before = probe();\n" +
      filler(10000, "t") +
      "let late = 'initialised';\n" +
      "before + ' ' + probe();"
  )
);

// `this` at top level is the global object in every chunk; functions and
// blocks in a late chunk close over their own bindings.
console.log(
  geval(
    "var thisFirst = this === globalThis;\n" +
      filler(10000, "u") +
      "var thisLast = this === globalThis;\n" +
      "{ let inner = 'block'; var getInner = function () { return inner; }; }\n" +
      "[thisFirst, thisLast, getInner(), u42].join(' ');"
  )
);

// Strict indirect eval: `var`s are locals of the eval code (not global),
// shared by every chunk and by closures.
var adds = "";
for (var i = 0; i < 8000; i++) adds += "counter += " + (i % 3) + ";\n";
console.log(
  geval(
    "'use strict';\n" +
      "var counter = 0; function bump() { return ++counter; }\n" +
      adds +
      "bump(); bump();\n" +
      "counter + ':' + typeof globalThis.counter + ':' + (this === undefined);"
  )
);
// Many strict locals: not chunked (each would be a capture of function 0).
console.log(
  geval("'use strict';\n" + filler(10000, "s") + "s9999 + ':' + typeof globalThis.s9999;")
);

// Direct eval inside a chunk declares a global `var` (sloppy script-level
// eval code), and sees the top level's `this`.
console.log(
  geval(filler(10000, "v") + "eval('var fromDirect = v77 + 1; this === globalThis');") +
    " " +
    fromDirect
);

// Labels, loops, switch and try inside late chunks; the completion value of
// `try`.
console.log(
  geval(
    filler(10000, "w") +
      "var acc = 0; outer: for (var i = 0; i < 10; i++) { for (;;) { if (i > 5) break outer; acc += i; break; } }\n" +
      "switch (acc) { case 15: acc = 'fifteen'; break; default: acc = 'other'; }\n" +
      "try { acc + '!'; } finally { 'ignored'; }"
  )
);

// An exception thrown in a late chunk: its line, its stack position, and
// statements after it never run.
try {
  geval(filler(12000, "x") + "var reached = 1;\nnull.boom;\nvar after = 1;");
} catch (e) {
  console.log(e.constructor.name, typeof reached, typeof after);
  var m = /<anonymous>:(\d+):\d+/.exec(e.stack);
  console.log(m ? "line " + m[1] : "no position: " + e.stack);
}
try {
  geval(filler(12000, "y") + "function thrower() {\n  throw new Error('deep');\n}\nthrower();");
} catch (e) {
  var frames = e.stack.split("\n").filter(function (l) {
    return /<anonymous>:\d+/.test(l);
  });
  console.log(e.message, frames.length);
  console.log(
    frames
      .map(function (l) {
        return /<anonymous>:(\d+):/.exec(l)[1];
      })
      .join(",")
  );
}
console.log(x11999, y0);
