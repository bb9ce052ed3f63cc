// Annex B.3.2 / B.3.4: block-level function declarations in sloppy code.
function t1() {
  var before = typeof f;
  { function f() { return 1; } }
  return before + ":" + typeof f;
}
console.log(t1());
function t2() {
  let f = 5;
  { function f() {} }
  return f;
}
console.log(t2());
function t3(f) {
  { function f() {} }
  return f;
}
console.log(t3(7));
function t4() {
  if (true) function g() { return "g"; }
  return g();
}
console.log(t4());
function t5() {
  { function h() { return 1; } }
  { function h() { return 2; } }
  return h();
}
console.log(t5());
function t6() {
  switch (1) { case 1: function s() { return "s"; } }
  return s();
}
console.log(t6());
function t7() {
  try { throw 1; } catch (e) { { function e() {} } }
  return typeof e;
}
console.log(t7());
function t8() {
  for (let q of [1]) { function q() {} }
  return typeof q;
}
console.log(t8());
console.log(typeof gl);
{ function gl() {} }
console.log(typeof gl);
