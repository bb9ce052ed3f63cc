// Huge direct eval code (issue 17): like huge script and indirect eval top
// levels, direct eval code with tens of thousands of statements is compiled
// in chunks (semantics/analyzer/chunks.rs), arrows nested in the eval code
// that reach the caller's bindings through it. Expected output from node
// as a classic script: node -e "require('vm').runInThisContext(src)".
function filler(n, prefix) {
  var s = "";
  for (var i = 0; i < n; i++) s += "var " + prefix + i + " = " + i + ";\n";
  return s;
}
function lets(n, prefix) {
  var s = "";
  for (var i = 0; i < n; i++) s += prefix + i + " += 1;\n";
  return s;
}

// Sloppy direct eval at the global scope: `var`s become deletable global
// properties; the completion value, hoisting and `this` cross chunks.
console.log(
  eval(
    "var first = [hoisted(), typeof a9999];\n" +
      filler(10000, "a") +
      "function hoisted() { return this === globalThis; }\n" +
      "first.join(',') + ' ' + a9999;"
  )
);
console.log(typeof globalThis.a5, delete globalThis.a5, typeof globalThis.a5);

// Global-scope direct eval inside a block: the block's `let` and `const`
// bindings are visible to every chunk, and assignments reach them.
{
  let counter = 0;
  const fixed = "const";
  var incs = "";
  for (var i = 0; i < 9000; i++) incs += "counter += 1;\n";
  var seen = eval(
    incs + "try { fixed = 1; } catch (e) { var err = e.constructor.name; }\n" + "fixed + ':' + err;"
  );
  console.log(seen, counter);
}

// Strict direct eval in a function: `this`, `arguments`, `new.target` and
// the function's locals are the caller's in every chunk; the eval code's
// own `var`s stay its own.
function strictCaller(x) {
  "use strict";
  var local = 10;
  var code = "";
  for (var i = 0; i < 9000; i++) code += "local += 1;\n";
  return eval(
    "var own = 5;\n" +
      code +
      "[this.tag, arguments[0], x, typeof new.target, local, own].join(',');"
  ) + " " + typeof own;
}
console.log(strictCaller.call({ tag: "receiver" }, "arg"));
console.log(new strictCaller("constructed") instanceof strictCaller);

// Many eval-level lexical declarations: shared by the chunks as captures of
// the eval code (not chunked past 64 of them, still correct).
function lexicals(n) {
  var decls = "";
  for (var i = 0; i < n; i++) decls += "let l" + i + " = " + i + ";\n";
  return eval(decls + lets(n, "l") + lets(n, "l") + "l0 + l" + (n - 1) + ";");
}
console.log(lexicals(40), lexicals(3000));

// Sloppy direct eval in a function (its `var`s are the function's): not
// chunked, still correct.
function sloppyCaller() {
  eval(filler(10000, "s") + "var made = s9999;");
  return made + ":" + typeof globalThis.made;
}
console.log(sloppyCaller());

// `super` in huge direct eval code of a method.
class Base {
  greet() {
    return "base";
  }
}
class Derived extends Base {
  greet() {
    return eval(filler(10000, "m") + "super.greet() + ':' + m42;");
  }
}
console.log(new Derived().greet());

// An exception in a late chunk: its position in the eval code, and what
// ran before it.
try {
  eval(filler(12000, "x") + "var reached = 1;\nnull.boom;\nvar after = 1;");
} catch (e) {
  console.log(e.constructor.name, reached, typeof after);
  var m = /at eval .*<anonymous>:(\d+):\d+/.exec(e.stack) || /<anonymous>:(\d+):\d+/.exec(e.stack);
  console.log(m ? "line " + m[1] : "no position");
}
