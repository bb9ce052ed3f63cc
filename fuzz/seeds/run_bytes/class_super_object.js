// Expected output produced by node. super in object literal methods and accessors (10.2.5 MakeMethod, [[HomeObject]]).
const proto = { hi() { return "proto hi " + this.n; }, get g() { return "proto g " + this.n; }, v: 1 };
const o = {
  __proto__: proto,
  n: 2,
  hi() { return "o>" + super.hi(); },
  get g() { return "o>" + super.g; },
  set s(v) { super.w = v; },
  arrow() { return (() => super.v)(); },
  ["comp"]() { return super["hi"](); },
};
console.log(o.hi(), o.g, o.arrow(), o.comp());
o.s = 7;
console.log(o.w, Object.prototype.hasOwnProperty.call(o, "w"), proto.w);
const m = o.hi;
const other = { n: 3, __proto__: { hi() { return "other"; } } };
console.log(m.call(other));
const nul = { __proto__: null, f() { return super.x; } };
try { nul.f(); } catch (e) { console.log(e instanceof TypeError); }
