// Expected output written by hand from ECMA-262 2025 (node 22 differs: V8 stops converting
// arguments at an invalid date and reads [[DateValue]] after the conversions, and its
// toString of years before 1 does not parse back).
function show(label, v) { console.log(label, typeof v === "number" ? String(v) : v); }

// The order of conversions: every ToNumber before the NaN check, the time value read first.
const log = [];
const arg = (name, v) => ({ valueOf() { log.push(name); return v; } });
const o = new Date(NaN);
show("order", o.setUTCHours(arg("h", 1), arg("m", 2), arg("s", 3), arg("ms", 4)) + " " + log.join());
log.length = 0;
new Date(arg("y", 2000), arg("m", 0), arg("d", 1));
Date.UTC(arg("y", 2000), arg("m", 0), arg("d", 1), arg("h", 0));
show("order ctor", log.join());
const r = new Date(0);
show("read first", r.setUTCMinutes({ valueOf() { r.setTime(86400000); return 5; } }) + " " + r.getTime());

// Years before 1 and the extremes survive toString/toUTCString/toISOString and Date.parse.
for (const t of [-62198755200000, -8.64e15, -1e15 - 7]) {
  const d = new Date(t);
  show("round trip " + t, Date.parse(d.toString()) === Math.floor(t / 1000) * 1000 &&
       Date.parse(d.toUTCString()) === Math.floor(t / 1000) * 1000 && Date.parse(d.toISOString()) === t);
}
// setFullYear converts month and date even when the date was invalid; setHours does too.
log.length = 0;
new Date(NaN).setFullYear(arg("y", 2000), arg("m", 1), arg("d", 2));
new Date(NaN).setMinutes(arg("min", 1), arg("s", 2), arg("ms", 3));
show("order NaN", log.join());
