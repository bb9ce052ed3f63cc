// bench/npm driver: acorn (dist/acorn.js) parses NPM_INPUT (a large real
// program: terser's dist/bundle.min.js) ROUNDS times as an ES2020 script.
var ROUNDS = 1;
var start = Date.now();
var checksum;
for (var round = 0; round < ROUNDS; round++) {
  var ast = acorn.parse(NPM_INPUT, { ecmaVersion: 2020, sourceType: "script", locations: true });
  if (round === 0) checksum = npmHashTree(ast);
}
npmReport("acorn", start, checksum);
