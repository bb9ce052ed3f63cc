// for-in over keys and for-of over an iterable, with let and var bindings.
const o = { a: 1, b: 2 };
for (const k in o) console.log(k, o[k]);
for (var v of [1, 2]) {
  if (v > 1) break;
}
console.log(v);
