// Array holes (13.2.4.1: an elision is a hole), template ToString
// (13.2.8.6) and function length (15.1.5 ExpectedArgumentCount).
const holes = [0, , 2, , ];
console.log(holes.length, 1 in holes, 0 in holes, 3 in holes);
console.log([, ].length, [, , 1].length);
const withToString = { toString() { return "custom"; }, valueOf() { return 42; } };
console.log(`${withToString}`, "" + withToString);
try {
  `${Symbol("s")}`;
} catch (e) {
  console.log("symbol in template:", e instanceof TypeError);
}
console.log(`${1}${null}${undefined}${true}${[1, 2]}`);
function f0() {}
function f1(a) {}
function f2(a, b = 1, c) {}
function f3(a, b, ...c) {}
function f4({ a }, [b]) {}
console.log(f0.length, f1.length, f2.length, f3.length, f4.length, ((x, y) => 0).length);
