// Array length stores of push, unshift and friends: the plain path and the
// cases it must leave to ArraySetLength. Expected output: node 20
// (`node tests/run/array_length_set.js`).
const a = [];
for (let i = 0; i < 5; i++) a.push(i);
console.log(a, a.length);
const b = [1, 2, 3];
Object.defineProperty(b, "length", { writable: false });
try { b.push(4); } catch (e) { console.log(e.constructor.name, b, b.length); }
const c = Object.freeze([1]);
try { c.push(2); } catch (e) { console.log(e.constructor.name, c); }
const d = Object.preventExtensions([1, 2]);
try { d.push(3); } catch (e) { console.log(e.constructor.name, d, d.length); }
const e = [1, 2, 3];
e.length = 5;
e.push(6);
console.log(e, e.length);
const f = { length: 2, 0: "a", 1: "b" };
Array.prototype.push.call(f, "c");
console.log(f);
const g = [];
g.unshift(1, 2);
g.unshift(0);
console.log(g, g.length);
const h = [];
h.length = 4294967295;
try { h.push(1); } catch (err) { console.log(err.constructor.name, h.length); }
