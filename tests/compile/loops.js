// for, while, do-while, labels, break and continue.
let total = 0;
outer: for (let i = 0; i < 3; i++) {
  let j = 0;
  while (true) {
    if (j > i) continue outer;
    if (i === 2) break outer;
    total += j++;
  }
}
do {
  total--;
} while (total > 10);
console.log(total);
