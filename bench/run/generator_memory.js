// Issue 10 (7, memory): 10^6 suspended generators alive at once, each with
// one live local, then dropped and collected.
function* g(k) { let acc = k; while (true) acc += yield acc; }
let gens = [];
for (let i = 0; i < 1e6; i++) { const it = g(i); it.next(); gens.push(it); }
let total = 0;
for (let i = 0; i < gens.length; i += 1000) total += gens[i].next(1).value;
gens = null;
console.log(total);
