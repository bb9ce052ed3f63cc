// Unbounded recursion through `new` of a base constructor (the direct
// construct path of compiled code) ends in a catchable RangeError, and
// constructing works again afterwards. Expected output generated with node.
function Forever() { new Forever(); }
try { new Forever(); } catch (e) { console.log(e.constructor.name); }
function P(x) { this.x = x; }
console.log(new P(3).x);
