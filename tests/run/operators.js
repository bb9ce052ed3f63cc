console.log(1 + 2 * 3, 10 / 4, 7 % 3, 2 ** 10, -5 >> 1, -5 >>> 28, 1 << 3, 5 & 3, 5 | 3, 5 ^ 3, ~5);
console.log(1 < 2, 2 <= 1, "a" + 1, 1 == "1", 1 === "1", null == undefined, null ?? "d", 0 || "or", 1 && "and");
console.log(typeof 1, typeof "s", typeof undefined, typeof notDefined, typeof {}, typeof function () {});
const o = { a: 1 };
console.log("a" in o, delete o.a, "a" in o, void 0, (1, 2, 3), true ? "yes" : "no");
let x = 1; x += 2; x *= 3; x **= 2; x -= 1; console.log(x, x++, ++x, x--, --x);
let n = null; n ??= 1; n ||= 2; n &&= 3; console.log(n);
console.log(o?.b?.c, o.z?.(), [] instanceof Array);
