// bench/npm driver: terser (dist/bundle.min.js) minifies NPM_INPUT (marked's
// lib/marked.umd.js) ROUNDS times with its default compress and mangle
// options; minify returns a promise, so the rounds are chained.
var ROUNDS = 1;
var start = Date.now();
var checksum;
function npmRound(round) {
  if (round === ROUNDS) {
    npmReport("terser", start, checksum);
    return;
  }
  Terser.minify(NPM_INPUT, { compress: { passes: 1 }, mangle: true }).then(function (result) {
    if (round === 0) checksum = result.code.length + " chars, hash " + npmHashString(result.code).toString(16);
    npmRound(round + 1);
  }, function (e) {
    npmPrint("terser failed: " + e + "\n" + (e && e.stack));
    throw e;
  });
}
npmRound(0);
