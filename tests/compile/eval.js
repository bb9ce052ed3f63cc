// Direct and indirect eval: the direct one sees the caller's bindings.
function f() {
  var local = 1;
  eval("var added = local + 1");
  return added;
}
const indirect = eval;
console.log(f(), indirect("typeof local"));
