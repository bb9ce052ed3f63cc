// 10.4.4.7 CreateMappedArgumentsObject: parameters and arguments[i] alias.
function both(a, b) {
  arguments[0] = 10;
  b = 20;
  return [a, arguments[1], arguments.length, arguments.callee === both].join();
}
console.log(both(1, 2));

// Only indices below the argument count are mapped.
function missing(a, b) {
  b = 5;
  arguments[1] = 6;
  return [b, arguments[1], arguments.length].join();
}
console.log(missing(1));

// delete removes the mapping (10.4.4.5); a new property is not mapped.
function deleted(a) {
  delete arguments[0];
  a = 2;
  const after = arguments[0];
  arguments[0] = 3;
  return [after, a, arguments[0]].join();
}
console.log(deleted(1));

// Duplicate names: only the last parameter of a name is mapped.
function dup(a, a) {
  a = 9;
  return [arguments[0], arguments[1]].join();
}
console.log(dup(1, 2));

// The mapping survives the call: the binding escaped to its capture cell.
function keep(a) {
  const args = arguments;
  return { set(v) { args[0] = v; }, get() { return a; }, args };
}
const k = keep(1);
k.set(42);
console.log(k.get(), k.args[0]);

// Arrow functions and inner closures see the same binding.
function inner(a) {
  const read = () => arguments[0];
  const write = (v) => { a = v; };
  write(7);
  return read();
}
console.log(inner(1));

// A function declaration with a parameter's name initialises the binding.
function shadow(a) {
  function a() {}
  return typeof arguments[0];
}
console.log(shadow(1));

// `var arguments` is the arguments object's binding (10.2.11 step 18).
function withVar() {
  var arguments;
  return typeof arguments + ":" + arguments.length;
}
console.log(withVar(1, 2));

// Strict code and non-simple parameter lists are unmapped (10.4.4.6).
function strict(a) {
  "use strict";
  a = 2;
  return arguments[0];
}
function defaults(a, b = 1) {
  a = 2;
  return arguments[0];
}
console.log(strict(1), defaults(1));
