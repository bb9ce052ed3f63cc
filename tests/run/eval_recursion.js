// Recursion through direct eval of the same text reaches the stack limit
// as a RangeError; the text is analyzed and compiled once, not per level
// (issue 17: this took 73 s and 1.5 GB). Expected output produced with node v20.
let depth = 0;
function f() { depth++; return eval("f()"); }
try { f(); } catch (e) { console.log(e.name, depth > 1000); }
