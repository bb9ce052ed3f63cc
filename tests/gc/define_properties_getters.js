// Object.defineProperties and Object.create with descriptors produced by
// getters that allocate (issue 17): every descriptor is read before any is
// applied, so the descriptors' values live only in the Rust list meanwhile.
// Allocates about n * 8 bytes of element storage in one array: enough to
// start a collection in normal mode (n = 2e6), with few cell allocations so
// that stress mode stays fast.
function garbage(n) {
  var a = [];
  for (var i = 0; i < n; i++) a.push(i);
  return { a: a };
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
