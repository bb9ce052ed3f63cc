a: b: for (var i = 0; i < 3; i++) { if (i == 1) continue a; print(i); }
print($262.evalScript("1; if (true) {}"), $262.evalScript("2; var x;"), $262.evalScript("3; l: while(true) { 4; break l; }"));
