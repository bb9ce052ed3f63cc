// Issue 10 (7b): an async function awaiting 10^6 already resolved values.
async function run(n) {
  let sum = 0;
  const p = Promise.resolve(1);
  for (let i = 0; i < n; i++) sum += await p;
  return sum;
}
run(1e6).then((s) => console.log(s));
