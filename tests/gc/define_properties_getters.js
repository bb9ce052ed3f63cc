// Object.defineProperties and Object.create with descriptors produced by
// getters that allocate (issue 17): every descriptor is read before any is
// applied, so the descriptors' values live only in the Rust list meanwhile.
// Allocates about n * 6 bytes of string bodies in a few cells, enough to
// start a collection in normal mode (n = 2e6), then n / 1000 small objects
// that reuse freed cells; stress mode (and a debug build) stays fast.
function garbage(n) {
  var s;
  for (var k = 0; k < 3; k++) s = new Array((n >> 1) + k).join("ab");
  var keep = { s: s };
  for (var i = 0; i < n / 1000; i++) keep = { i: i, a: [i, keep] };
  return keep;
}
function props() {
  var p = {};
  for (let i = 0; i < 50; i++) {
    Object.defineProperty(p, "p" + i, {
      enumerable: true,
      get: function () {
        garbage(i === 25 ? 2000000 : 100);
        return {
          get value() {
            garbage(50);
            return { n: i, pad: [i] };
          },
          enumerable: true,
        };
      },
    });
  }
  return p;
}
function check(o) {
  var s = 0;
  for (var i = 0; i < 50; i++) s += o["p" + i].n + o["p" + i].pad[0];
  return s;
}
var o = Object.defineProperties({}, props());
garbage(2000000);
print(check(o));
var c = Object.create({ inherited: 1 }, props());
garbage(2000000);
print(check(c), c.inherited);
