// bench/npm driver: marked (lib/marked.umd.js) renders a Markdown document
// generated deterministically below (headings, paragraphs with emphasis,
// links and code spans, nested lists, fenced code, block quotes and tables),
// ROUNDS times.
var ROUNDS = 2;
function npmMarkdown(sections) {
  var seed = 12345;
  function rand(n) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  }
  var words = ["parser", "token", "lexer", "render", "inline", "block", "heading", "list",
    "quote", "table", "code", "emphasis", "link", "image", "escape", "entity", "the", "a",
    "of", "and", "with", "markdown", "document", "gfm", "breaks", "pedantic"];
  function sentence(n) {
    var out = [];
    for (var i = 0; i < n; i++) {
      var w = words[rand(words.length)];
      switch (rand(12)) {
        case 0: w = "*" + w + "*"; break;
        case 1: w = "**" + w + "**"; break;
        case 2: w = "`" + w + "()`"; break;
        case 3: w = "[" + w + "](https://example.com/" + w + "?q=" + i + ")"; break;
        case 4: w = w + " &amp; <" + w + ">"; break;
        default: break;
      }
      out.push(w);
    }
    return out.join(" ") + ".";
  }
  var doc = [];
  for (var s = 0; s < sections; s++) {
    doc.push("#".repeat(1 + rand(3)) + " Section " + s + ": " + sentence(3));
    doc.push("");
    doc.push(sentence(20 + rand(30)) + "\n" + sentence(15));
    doc.push("");
    for (var l = 0; l < 3 + rand(4); l++) {
      doc.push("- " + sentence(6));
      if (rand(3) === 0) doc.push("  1. " + sentence(4) + "\n  2. " + sentence(5));
    }
    doc.push("");
    if (rand(2) === 0) {
      doc.push("```js\nfunction f" + s + "(x) {\n  return x * " + s + " + '<tag>';\n}\n```");
      doc.push("");
    }
    if (rand(3) === 0) {
      doc.push("> " + sentence(12) + "\n> " + sentence(8));
      doc.push("");
    }
    if (rand(4) === 0) {
      doc.push("| name | value | note |\n|:-----|------:|------|");
      for (var r = 0; r < 4; r++) doc.push("| " + words[rand(words.length)] + " | " + rand(1000) + " | " + sentence(3) + " |");
      doc.push("");
    }
  }
  return doc.join("\n");
}
var doc = npmMarkdown(100) + "\n\n" + NPM_INPUT;
var start = Date.now();
var checksum;
for (var round = 0; round < ROUNDS; round++) {
  var html = marked.parse(doc, { gfm: true });
  if (round === 0) checksum = doc.length + " chars in, " + html.length + " out, hash " + npmHashString(html).toString(16);
}
npmReport("marked", start, checksum);
