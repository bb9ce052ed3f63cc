// Issue 10 (7a): summing a generator of 10^7 numbers with for-of.
function* numbers(n) {
  for (let i = 0; i < n; i++) yield i;
}
let sum = 0;
for (const v of numbers(1e7)) sum += v;
console.log(sum);
