// Getter calls served by the inline caches: own and inherited accessors,
// redefinition, typed-array length, proxies. Expected output produced with node (through a pipe: node's own file writes use the redefined Uint8Array length).
class P { constructor(x) { this._x = x; } get x() { return this._x * 2; } set x(v) { this._x = v; } }
const ps = [new P(1), new P(2)];
let s = 0;
function rd(o) { return o.x; }
for (let i = 0; i < 100; i++) s += rd(ps[i & 1]);
console.log(s);
Object.defineProperty(P.prototype, "x", { get() { return 7; }, configurable: true });
console.log(rd(ps[0]));
const own = { get y() { return this.z; }, z: 3 };
function ry(o) { return o.y; }
for (let i = 0; i < 5; i++) ry(own);
own.z = 9; console.log(ry(own));
Object.defineProperty(own, "y", { get() { return "new"; } });
console.log(ry(own));
delete own.y; own.y = 5; console.log(ry(own));
const ta = new Uint8Array(5);
function len(t) { return t.length; }
let L = 0; for (let i = 0; i < 50; i++) L += len(ta);
console.log(L, len(new Float64Array(3)));
Object.defineProperty(ta, "length", { value: 99 });
console.log(len(ta));
Object.defineProperty(Uint8Array.prototype, "length", { get() { return -1; }, configurable: true });
console.log(len(new Uint8Array(2)), len(new Int8Array(2)));
Object.setPrototypeOf(Int8Array.prototype, { get length() { return "proto"; } });
console.log(len(new Int8Array(2)));
const wo = { get g() { return 1; } };
function rg(o) { return o.g; }
rg(wo); rg(wo);
Object.defineProperty(wo, "g", { get: undefined, set(v) {} });
console.log(rg(wo));
const p = new Proxy({}, { get(t, k) { return "trap:" + String(k); } });
console.log(rg(p));
const inh = Object.create(wo); console.log(rg(inh));
