// Recursion through apply with a long argument list: the lists live on the
// heap, so they are charged to the stack limit (it used to grow to 3.6 GB
// and abort). Node also throws a RangeError.
function r() { return r.apply(null, new Array(10000)); }
try { r(); } catch (e) { console.log(e.name, e.message); }
// A huge array-like is refused before it is built.
try { Math.max.apply(null, { length: 2 ** 32 - 1 }); } catch (e) { console.log(e.name); }
// Ordinary use still works.
console.log(Math.max.apply(null, Array.from({ length: 100000 }, (_, i) => i)));
