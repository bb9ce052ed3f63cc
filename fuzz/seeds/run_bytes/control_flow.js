let s = "";
for (let i = 0; i < 5; i++) { if (i % 2) continue; s += i; }
let j = 0; while (j < 3) j++;
let k = 0; do { k += 10; } while (k < 5);
outer: for (let a = 0; a < 3; a++) { for (let b = 0; b < 3; b++) { if (b === 1) continue outer; if (a === 2) break outer; s += `(${a}${b})`; } }
block: { s += "!"; break block; s += "never"; }
function sw(v) { let r = ""; switch (v) { case 0: r += "zero"; case 1: r += "one"; break; default: r += "other"; case 2: r += "two"; } return r; }
console.log(s, j, k, sw(0), sw(1), sw(2), sw(9));
