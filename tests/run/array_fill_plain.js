// Array.prototype.fill and element stores where the plain path must and must
// not apply. Expected output: node 20 (`node tests/run/array_fill_plain.js`).
// Array.prototype.fill and element stores where the plain path must not apply.
const log = [];
Object.defineProperty(Array.prototype, 3, { set(v) { log.push("proto set " + v); }, configurable: true });
const a = new Array(6);
a.fill(7);
delete Array.prototype[3];
console.log(Object.keys(a), a.length, log);
const b = new Array(5).fill(1, 1, 3);
console.log(b, b.length, 0 in b, 1 in b);
const f = Object.freeze(new Array(3));
try { f.fill(0); } catch (e) { console.log(e.constructor.name); }
const s = Object.seal([1, , 3]);
try { s.fill(9); } catch (e) { console.log(e.constructor.name, s); }
const o = { length: 3 };
Array.prototype.fill.call(o, "x");
console.log(o);
const proto = ["p0", "p1"];
const c = Object.setPrototypeOf(new Array(4), proto);
c.fill(2);
console.log(c.length, Object.keys(c));
const strProto = Object.setPrototypeOf([, , ,], new String("abc"));
try { strProto.fill("z"); } catch (e) { console.log(e.constructor.name); }
console.log(Object.getOwnPropertyNames(strProto));
const big = new Array(10).fill(undefined);
console.log(big.length, big.every((x) => x === undefined), 9 in big);
const d = []; d[5] = 1; d.fill(0, 2);
console.log(d);
"use strict";
const ro = [1, 2, 3]; Object.defineProperty(ro, "length", { writable: false });
ro.fill(8); console.log(ro);
const e = []; for (let i = 0; i < 5; i++) e[i] = i * i; console.log(e);
