let x = 'outside';
var probeExpr, probeSelector, probeStmt;
switch (probeExpr = function() { return x; }, null) {
  case probeSelector = function() { return x; }, null:
    probeStmt = function() { return x; };
    let x = 'inside';
}
console.log(probeExpr(), probeSelector(), probeStmt());
switch (1) { case y: break; default: console.log("d"); } var y = 2;
try { switch (1) { case z: let z; } } catch (e) { console.log(e instanceof ReferenceError); }
