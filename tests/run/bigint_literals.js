// BigInt literals in every radix, with separators, and typeof.
print(typeof 0n, typeof 12345678901234567890n);
print(0n, 1_000_000n, 0x1_Fn, 0XFFn, 0o7_7n, 0b1010_1010n);
print(123456789012345678901234567890123456789n);
print(0xffffffffffffffffffffffffffffffffn);
// A literal is one value each time it is evaluated.
function f() { return 42n; }
print(f() === f(), f() + f());
// As property keys they become their decimal string.
const o = { 10n: "ten", [0x10n]: "sixteen" };
print(o["10"], o[16], Object.keys(o).join());
