// Object and array literals: computed keys, spread, accessors, __proto__,
// elisions, BigInt and regular expression literals.
const key = "b";
const base = { a: 1 };
const o = {
  ...base,
  [key]: 2,
  get c() {
    return 3;
  },
  __proto__: null,
};
const arr = [1, , ...[2, 3]];
console.log(o.c, arr.length, 10n ** 2n, /a+/g.test("aa"));
