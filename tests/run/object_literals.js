// 13.2.5 Object initializers: methods, accessors, computed keys,
// shorthand, __proto__ (B.3.1) and function names (8.4.3 NamedEvaluation).
let store = 0;
const k = "dyn";
const sym = Symbol("tag");
const x = 5;
const o = {
  x,
  method() {
    return this.x;
  },
  get value() {
    return store;
  },
  set value(v) {
    store = v * 2;
  },
  [k + "amic"]: 1,
  [sym]: "symbol-keyed",
  [1 + 1]: "two",
  "quoted key": function () {},
  anon: function () {},
  arrow: () => 0,
  [k]: function () {},
  [sym.description]() {},
  get [k + "Getter"]() {
    return "computed getter";
  },
  named: function inner() {},
};
console.log(o.x, o.method(), o.dynamic, o[sym], o[2]);
o.value = 21;
console.log(o.value, store);
console.log(o.dynGetter);
console.log(o["quoted key"].name, o.anon.name, o.arrow.name, o.dyn.name, o.tag.name, o.named.name);
const d = Object.getOwnPropertyDescriptor(o, "value");
console.log(d.get.name, d.set.name, d.enumerable, d.configurable);
const sk = { [Symbol.iterator]: function () {}, [Symbol("")]: () => 1 };
console.log(sk[Symbol.iterator].name);
// __proto__: sets the prototype; computed or shorthand __proto__ does not.
const proto = { inherited: "yes" };
const child = { __proto__: proto };
console.log(child.inherited, Object.getPrototypeOf(child) === proto);
const noProto = { __proto__: null };
console.log(Object.getPrototypeOf(noProto));
const computed = { ["__proto__"]: 1 };
console.log(Object.getPrototypeOf(computed) === Object.prototype, Object.keys(computed).join());
// Names of variables, arrows and default values.
var f = function () {};
let g = () => {};
const { h = function () {} } = {};
console.log(f.name, g.name, h.name);
// Getter-only and setter-only.
const go = { get only() { return 1; } };
go.only = 2;
console.log(go.only);
// Methods and accessors are not constructors (15.4.4 MakeMethod).
const withMethod = { m() {}, f: function () {} };
console.log("prototype" in withMethod.m, "prototype" in withMethod.f);
try {
  new withMethod.m();
} catch (e) {
  console.log("new method:", e.name);
}
