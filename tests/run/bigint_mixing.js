// Mixing BigInt and Number is a TypeError (13.15.3 step 7); strings
// concatenate; ToNumber of a BigInt throws.
const tries = {
  "1n + 1": () => 1n + 1,
  "1 * 1n": () => 1 * 1n,
  "1n | 0": () => 1n | 0,
  "+1n": () => +1n,
  "Math.abs(1n)": () => Math.abs(1n),
  "x++ on a string": () => { let s = "1"; s++; return s; },
};
for (const name in tries) {
  try { print(name, "=", tries[name]()); } catch (e) { print(name, e.constructor.name); }
}
print("a" + 1n, 1n + "b", `${-5n}`, String(7n), [1n, 2n, 3n].join("-"));
print(-0n, 0n === -0n, -(0n));
