// 10.4.4.2 [[DefineOwnProperty]] of mapped arguments objects.
function readOnly(a) {
  Object.defineProperty(arguments, "0", { writable: false });
  a = 2;
  const d = Object.getOwnPropertyDescriptor(arguments, "0");
  return [arguments[0], d.value, d.writable].join();
}
console.log(readOnly(1));

function withValue(a) {
  Object.defineProperty(arguments, "0", { value: 4 });
  const before = a;
  a = 5;
  return [before, arguments[0]].join();
}
console.log(withValue(1));

function accessor(a) {
  Object.defineProperty(arguments, "0", { get() { return "got"; }, configurable: true });
  a = 3;
  return [arguments[0], a].join();
}
console.log(accessor(1));

function nonConfigurable(a) {
  Object.defineProperty(arguments, "0", { configurable: false });
  a = 2;
  const mapped = arguments[0];
  const deleted = delete arguments[0];
  return [mapped, deleted, arguments[0]].join();
}
console.log(nonConfigurable(1));

function descriptors(a) {
  a = "x";
  const d = Object.getOwnPropertyDescriptor(arguments, "0");
  const len = Object.getOwnPropertyDescriptor(arguments, "length");
  const callee = Object.getOwnPropertyDescriptor(arguments, "callee");
  return [d.value, d.writable, d.enumerable, d.configurable,
          len.enumerable, callee.enumerable, callee.writable,
          Object.keys(arguments).join("/"),
          arguments[Symbol.iterator] === Array.prototype.values].join();
}
console.log(descriptors(1, 2));

function strictCallee() {
  "use strict";
  const d = Object.getOwnPropertyDescriptor(arguments, "callee");
  return [typeof d.get, d.get === d.set, d.configurable, d.enumerable].join();
}
console.log(strictCallee());

// Reflect-free [[Set]] through the prototype chain: the receiver gets its own property.
function proto(a) {
  const child = Object.create(arguments);
  child[0] = 9;
  return [a, arguments[0], child[0]].join();
}
console.log(proto(1));
