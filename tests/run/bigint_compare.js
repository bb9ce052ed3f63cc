// 7.2.13 IsLessThan, 7.2.14 IsLooselyEqual, 7.2.15 IsStrictlyEqual with
// BigInts, Numbers and Strings.
print(1n < 2n, 2n < 1n, 1n <= 1n, -1n > -2n, 2n ** 64n > 2 ** 64, 2n ** 64n >= 2 ** 64);
print(1n < 1.5, 2n > 1.5, 1n < NaN, 1n >= NaN, 0n < Infinity, 0n > -Infinity);
print(9007199254740993n > 9007199254740992, 9007199254740993n == 9007199254740992);
print("10" > 9n, 9n < "10", "x" < 1n, 1n < "x", "0x10" == 16n, " 12 " == 12n);
print(1n == 1, 1 == 1n, 1n == 1.5, 1n == "1", "1" == 1n, 1n == "1n", 0n == "", 1n == true, 0n == false);
print(1n === 1, 1n === 1n, 2n ** 80n === 2n ** 80n, 1n != 1n, 1n !== 1n);
const a = [0n, 2n ** 70n];
let at = -1;
for (let k = 0; k < a.length; k++) if (a[k] === 2n ** 70n) at = k;
print(at);
switch (2n ** 65n) {
  case 2 ** 65: print("number case"); break;
  case 2n ** 65n: print("bigint case"); break;
}
print(0n ? "truthy" : "falsy", 1n ? "truthy" : "falsy", !0n, !!-1n, 0n || "or", 1n && "and");
