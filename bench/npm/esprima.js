// bench/npm driver: esprima (dist/esprima.js) parses NPM_INPUT (a large real
// program: acorn's dist/acorn.js, ES2015 to ES5) ROUNDS times, with ranges
// and tokens.
var ROUNDS = 3;
var start = Date.now();
var checksum;
for (var round = 0; round < ROUNDS; round++) {
  var ast = esprima.parseScript(NPM_INPUT, { range: true, tokens: true });
  if (round === 0) checksum = npmHashTree(ast) + ", " + ast.tokens.length + " tokens";
}
npmReport("esprima", start, checksum);
