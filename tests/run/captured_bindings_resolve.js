// Name resolution through the analyzer's binding index (issue 17: 40,000
// captured locals spent most of their analysis in linear scans): shadowing
// in nested blocks, duplicate parameters, var and let of one name in
// different scopes, named function expressions, const captures, and a
// generated function with 10,000 captured locals. Expected output generated
// with node.
function shadow() {
  var x = "function";
  const out = [];
  {
    let x = "block";
    out.push(() => x);
    {
      let x = "inner";
      out.push(() => x);
    }
    out.push(() => x);
  }
  out.push(() => x);
  for (let x = 0; x < 2; x++) out.push(() => "loop " + x);
  return out.map((f) => f()).join(",");
}
console.log(shadow());

function dup(a, a) {
  return () => a;
}
console.log(dup(1, 2)());

function varAndParam(p) {
  var p;
  return () => p;
}
console.log(varAndParam("kept")());

const named = function self(n) {
  const inner = () => (n > 0 ? self(n - 1) + 1 : 0);
  return inner();
};
console.log(named(5));

function constCapture() {
  const c = 1;
  let l = 1;
  const set = () => {
    try {
      c = 2;
    } catch (e) {
      return e.constructor.name;
    }
  };
  const setL = () => (l = 3);
  return [set(), c, setL(), l].join(" ");
}
console.log(constCapture());

function sloppyNamed() {
  return (function g() {
    g = 1;
    return typeof g;
  })();
}
console.log(sloppyNamed());

function argumentsCapture(a, b) {
  var f = () => arguments.length + a + b;
  return f();
}
console.log(argumentsCapture(1, 2, 3));

function build(n) {
  let src = "";
  for (let i = 0; i < n; i++) src += (i % 3 ? "var" : i % 2 ? "let" : "const") + " c" + i + " = " + i + ";";
  src += "return function () { var s = 0;";
  for (let i = 0; i < n; i += 1) src += "s += c" + i + ";";
  src += "return s; };";
  return Function(src);
}
console.log(build(2000)()());
