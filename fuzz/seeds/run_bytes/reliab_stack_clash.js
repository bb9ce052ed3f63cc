// A call with 65,000 arguments has a frame larger than the stack check's
// reserve: the function is entered only when its whole frame fits (it
// used to jump the guard page: SIGSEGV or corrupted memory).
const n = 65000;
function g() { return arguments.length; }
const big = new Function('g', 'var ' + Array.from({ length: 10 }, (_, i) => 'x' + i + '=' + i).join(',') +
  '; return g(' + Array.from({ length: n }, (_, i) => 'x' + (i % 10)).join(',') + ')');
console.log(big(g));
function deep() {
  try { return deep(); } catch (e) {
    try { return big(g); } catch (e2) { return e2.name; }
  }
}
console.log(deep());
console.log(big(g));
