// Function.prototype.apply with an array-like whose index getters return
// fresh objects while another getter allocates (issue 17): the values of
// CreateListFromArrayLike must stay alive until the call reads them.
// Allocates about n * 6 bytes of string bodies in a few cells, enough to
// start a collection in normal mode (n = 2e6), then n / 10000 small objects
// that reuse freed cells; stress mode (and a debug build) stays fast.
function garbage(n) {
  var s;
  for (var k = 0; k < 3; k++) s = new Array((n >> 1) + k).join("ab");
  var keep = { s: s };
  for (var i = 0; i < n / 10000; i++) keep = { i: i, a: [i, keep] };
  return keep;
}
function sum() {
  var s = 0;
  for (var i = 0; i < arguments.length; i++) s += arguments[i].v;
  return s;
}
var arrayLike = { length: 100 };
for (let i = 0; i < 100; i++) {
  Object.defineProperty(arrayLike, i, {
    get: function () {
      garbage(i === 50 ? 2000000 : 200);
      return { v: i, pad: [i, i, i] };
    },
  });
}
print(sum.apply(null, arrayLike));
var bound = sum.bind(null, { v: 1000 });
print(bound.apply(null, arrayLike));
function Ctor() { this.total = sum.apply(null, arguments); }
var iterable = {};
iterable[Symbol.iterator] = function () {
  var i = 0;
  return {
    next: function () {
      garbage(i === 50 ? 2000000 : 200);
      return i < 100 ? { value: { v: i++ }, done: false } : { value: 0, done: true };
    },
  };
};
print(new Ctor(...iterable).total);
print(sum(...iterable));
