function f(a = b, b) { return a; }
try { f(); console.log("no throw"); } catch (e) { console.log(e instanceof ReferenceError); }
console.log(f(1, 2));
var g = (a = a) => a;
try { g(); console.log("no throw"); } catch (e) { console.log(e instanceof ReferenceError); }
console.log(g(5));
var x = 'outside';
var probeParams, probeBody;
function h(_ = probeParams = function() { return x; }) {
  var x = 'inside';
  probeBody = function() { return x; };
}
h();
console.log(probeParams(), probeBody());
function k(a, b = 2) { var a; var c = a; a = 9; return [c, a, arguments[0]].join(); }
console.log(k(1));
function m([a, b] = [1, 2], ...r) { var r; return a + b + r.length; }
console.log(m(undefined, 3, 4));
function n(a = 1) { function a() {} var a; return typeof a; }
console.log(n());
function q(a, b = () => a) { var a = 2; return [a, b()].join(); }
console.log(q(1));
// Destructuring: later elements are in their TDZ while earlier ones run.
function d([a = b, b] = []) { return a; }
try { d(); } catch (e) { console.log(e.constructor === ReferenceError); }
console.log(d([7]) === 7 ? "d ok" : "d bad");
// A closure in a default sees the parameter, not the body's var.
function e(a, get = () => a) { var a = 'body'; return [a, get()].join(); }
console.log(e('param'));
// Body lexical declarations are not visible to parameter closures.
var y = 'outer';
function l(get = () => y) { let y = 'inner'; return [y, get()].join(); }
console.log(l());
// Direct eval in the body may assign a parameter; in the parameters a
// `var` of a parameter's name is a SyntaxError.
function ev(a = 1) { eval("var a = 5"); return a; }
console.log(ev());
try { (function (a = eval("var a = 42")) {})(); } catch (e) { console.log(e.constructor === SyntaxError); }
