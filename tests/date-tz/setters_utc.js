// TZ=UTC. Date constructors, getters and setters across DST changes (fixed zones take a path without lookups); expected output from node in that zone.

function fields(d) {
  return [d.getFullYear(), d.getMonth(), d.getDate(), d.getDay(), d.getHours(),
    d.getMinutes(), d.getSeconds(), d.getMilliseconds(), d.getUTCHours(),
    d.getUTCDate(), d.getTimezoneOffset(), d.getTime()].join(",");
}
var out = [];
// Constructors from local fields, in and around the DST changes of 2024
// (New York: 2024-03-10 02:00 skipped, 2024-11-03 01:00 repeated), run
// often enough for the calling code to reach the full tier.
function local(y, m, d, h, min) {
  return new Date(y, m, d, h, min);
}
var cases = [[2024, 2, 10, 1, 59], [2024, 2, 10, 2, 30], [2024, 2, 10, 3, 0],
  [2024, 10, 3, 0, 59], [2024, 10, 3, 1, 30], [2024, 10, 3, 2, 0],
  [1970, 0, 1, 0, 0], [1969, 11, 31, 23, 59], [2038, 0, 19, 3, 14],
  [1945, 5, 1, 12, 0], [275760, 8, 12, 0, 0]];
for (var r = 0; r < 30; r++) {
  for (var i = 0; i < cases.length; i++) {
    var c = cases[i];
    var d = local(c[0], c[1], c[2], c[3], c[4]);
    if (r === 29) out.push("new " + c.join("-") + ": " + fields(d));
  }
}
// Setters of time fields and of dates across the changes, local and UTC.
function step(d, k) {
  d.setMinutes(d.getMinutes() + 37);
  if (k % 3 === 0) d.setHours(d.getHours() + 1, 5, 7, 9);
  if (k % 5 === 0) d.setSeconds(61, 1001);
  if (k % 7 === 0) d.setMilliseconds(-1);
  if (k % 11 === 0) d.setUTCHours(d.getUTCHours() + 2);
  if (k % 13 === 0) d.setUTCMinutes(90);
  if (k % 4 === 0) d.setDate(d.getDate() + 1);
  if (k % 17 === 0) d.setUTCDate(31);
  if (k % 19 === 0) d.setMonth(d.getMonth() + 1, 0);
  return d;
}
var starts = [new Date(2024, 2, 9, 22, 0), new Date(2024, 10, 2, 22, 0), new Date(2024, 5, 30, 23, 0)];
for (var s = 0; s < starts.length; s++) {
  var d = starts[s];
  for (var k = 0; k < 200; k++) {
    step(d, k);
    if (k % 10 === 0) out.push("step " + s + " " + k + ": " + fields(d));
  }
}
// Arguments that are not Numbers (converted in order), NaN dates, missing
// arguments.
var log = [];
function v(name, x) { return { valueOf() { log.push(name); return x; } }; }
var e = new Date(2024, 10, 3, 1, 30);
e.setHours(v("h", 3), v("m", 4));
e.setMinutes(v("m2", NaN));
out.push("nan: " + fields(e) + " " + log.join(""));
var e2 = new Date(NaN);
e2.setMinutes(5);
e2.setHours();
out.push("nan date: " + fields(e2) + " " + log.join(""));
var e3 = new Date(2024, 2, 10, 1, 0);
e3.setMinutes(90, 30);
out.push("carry: " + fields(e3));
console.log(out.join("\n"));

