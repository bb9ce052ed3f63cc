// Shared helpers of the bench/npm drivers (prepended by bench/npm.sh after the
// package and the input). No engine-specific globals: console.log or print,
// Date.now.
var npmPrint = typeof console !== "undefined" && console.log ? function (s) { console.log(s); } : print;

// 32-bit FNV-1a over the UTF-16 code units of a string, as an unsigned hex string.
function npmHashString(s, h) {
  if (h === undefined) h = 0x811c9dc5;
  for (var i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

// A deterministic walk over a parsed tree: hashes every node's type and
// position and the values of literals and names, in key order.
function npmHashTree(root) {
  var h = 0x811c9dc5;
  var count = 0;
  var stack = [root];
  while (stack.length > 0) {
    var node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (var i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    count++;
    if (typeof node.type === "string") h = npmHashString(node.type, h);
    var keys = Object.keys(node);
    for (var k = keys.length - 1; k >= 0; k--) {
      var key = keys[k];
      var v = node[key];
      if (v !== null && typeof v === "object") {
        if (key !== "loc" && key !== "regex") stack.push(v);
      } else if (typeof v === "number") {
        h = Math.imul(h ^ (v | 0), 16777619);
      } else if (typeof v === "string" && key !== "type") {
        h = npmHashString(v, h);
      } else if (typeof v === "boolean") {
        h = Math.imul(h ^ (v ? 1 : 2), 16777619);
      }
    }
  }
  return count + " nodes, hash " + (h >>> 0).toString(16);
}

function npmReport(name, start, checksum) {
  var ms = Date.now() - start;
  npmPrint(name + " checksum: " + checksum);
  npmPrint(name + ": " + ms);
}
