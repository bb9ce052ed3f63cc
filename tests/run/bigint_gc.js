// BigInt cells survive collections while reachable and are freed after:
// this loop allocates far more cells than one collection threshold.
let keep = [];
for (let i = 0n; i < 40n; i++) keep.push(2n ** (i * 10n));
let acc = 0n;
for (let i = 0n; i < 300000n; i++) acc = (acc + i * i) % 1000000007n;
let f = 1n;
for (let i = 1n; i <= 100n; i++) f *= i;
print(acc, keep[39] === 2n ** 390n, keep[1], f % 1000000007n);
print(String(f).length);
