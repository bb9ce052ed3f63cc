// Expected output produced with node (TZ=UTC); every line is independent of the time zone.
function show(label, v) { console.log(label, typeof v === "number" ? String(v) : v); }

// The constructor and its statics.
show("length", Date.length + " " + Date.UTC.length + " " + Date.parse.length + " " + Date.now.length);
show("call", typeof Date() + " " + (typeof Date(2020, 1) === "string"));
show("now", typeof Date.now() + " " + (Date.now() > 1.6e12));
show("zero args", Math.abs(new Date().getTime() - Date.now()) < 5000);
show("number", new Date(0).getTime());
show("clip", new Date(1.9).getTime() + " " + new Date(-1.9).getTime() + " " + Object.is(new Date(-0).getTime(), 0));
show("range", new Date(8.64e15).getTime() + " " + new Date(8.64e15 + 1).getTime() + " " + new Date(-8.64e15 - 1).getTime());
show("from date", new Date(new Date(1234)).getTime());
show("from string", new Date("1970-01-01T00:00:01Z").getTime());
show("UTC", Date.UTC(2000, 1, 29, 12, 30, 15, 250) + " " + Date.UTC(99) + " " + Date.UTC(100) + " " + Date.UTC());
show("UTC overflow", Date.UTC(2000, 12, 1) === Date.UTC(2001, 0, 1), Date.UTC(2000, -1, 1) === Date.UTC(1999, 11, 1));
show("UTC day 0", Date.UTC(2024, 2, 0) === Date.UTC(2024, 1, 29));
show("UTC NaN", Date.UTC(NaN) + " " + Date.UTC(2000, Infinity) + " " + Date.UTC(275760, 8, 13, 0, 0, 0, 1));
show("year 0", Date.UTC(0, 0, 1) + " " + new Date(Date.UTC(-1, 0, 1)).getUTCFullYear());

// Date.parse: the ISO format and the forms toString/toUTCString/toISOString produce.
for (const s of ["2000", "2000-02", "2000-02-29", "2000-02-29T12:00Z", "2000-02-29T12:00:30.5Z",
                 "2000-02-29T12:00:30.123+05:30", "2000-02-29T24:00:00Z", "+002000-01-01T00:00:00Z",
                 "-000001-01-01T00:00:00Z", "-000000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z",
                 "+275760-09-13T00:00:00.001Z", "-271821-04-20T00:00:00.000Z", "2000-13-01", "2000-01-32",
                 "2000-01-01T25:00Z", "Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 13 Sep 275760 00:00:00 GMT",
                 "Thu Jan 01 1970 02:00:00 GMT+0200", "nonsense", ""]) {
  show("parse " + JSON.stringify(s), Date.parse(s));
}
for (const t of [0, -1, 951782400000, 8.64e15, 1e12 + 7]) {
  const d = new Date(t);
  show("round trip " + t, Date.parse(d.toString()) === Math.floor(t / 1000) * 1000 &&
       Date.parse(d.toUTCString()) === Math.floor(t / 1000) * 1000 && Date.parse(d.toISOString()) === t);
}

// UTC getters.
const d = new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 999));
show("utc getters", [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(),
                     d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()].join());
show("local vs utc", d.getTime() - d.getTimezoneOffset() * 60000 ===
     Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()));
show("negative", new Date(-1).toISOString() + " " + new Date(-1).getUTCDay());

// Setters: the result, carrying, NaN.
const s = new Date(Date.UTC(2023, 0, 31));
show("setUTCMonth", s.setUTCMonth(1) + " " + s.toISOString());
show("setUTCDate", s.setUTCDate(0) + " " + s.toISOString());
show("setUTCHours", s.setUTCHours(25, 61, 61, 1001) + " " + s.toISOString());
show("setUTCMinutes", s.setUTCMinutes(-1) + " " + s.toISOString());
show("setUTCSeconds", s.setUTCSeconds(30, 5) + " " + s.toISOString());
show("setUTCMilliseconds", s.setUTCMilliseconds(1.9) + " " + s.toISOString());
show("setUTCFullYear", s.setUTCFullYear(2024, 1, 29) + " " + s.toISOString());
show("setTime", s.setTime(86400000.7) + " " + s.toISOString());
show("setTime NaN", s.setTime() + " " + s.getTime());
show("NaN stays", s.setUTCHours(1) + " " + s.setUTCMonth(1) + " " + s.setDate(1) + " " + s.getTime());
show("fullYear from NaN", s.setUTCFullYear(2000) + " " + s.toISOString());
show("out of range", s.setUTCFullYear(275761) + " " + s.getTime());
show("setYear", (s.setTime(Date.UTC(2000, 5, 15, 12)), s.setYear(99), s.getUTCFullYear()) + " " +
     (s.setYear(2005), s.getYear()) + " " + s.setYear(NaN));

show("absent vs undefined", new Date(0).setUTCSeconds(1) + " " + new Date(0).setUTCSeconds(1, undefined));

// String forms.
show("iso", new Date(0).toISOString() + " " + new Date(8.64e15).toISOString() + " " + new Date(-8.64e15).toISOString() +
     " " + new Date(Date.UTC(-1, 0, 1)).toISOString() + " " + new Date(Date.UTC(10000, 0, 1)).toISOString());
show("utc string", new Date(0).toUTCString() + " | " + new Date(Date.UTC(-1, 0, 1)).toUTCString());
show("gmt", Date.prototype.toGMTString === Date.prototype.toUTCString);
const bad = new Date(NaN);
show("invalid", [String(bad), bad.toDateString(), bad.toTimeString(), bad.toUTCString(), bad.toLocaleString(),
                 bad.toLocaleDateString(), bad.toLocaleTimeString()].join(" | "));
try { bad.toISOString(); } catch (e) { show("toISOString", e.constructor.name); }
show("toJSON", JSON.stringify([new Date(0), bad]) + " " + Date.prototype.toJSON.call({ toISOString() { return "x"; } }) +
     " " + Date.prototype.toJSON.call({ valueOf() { return Infinity; }, toISOString() { return "y"; } }));
show("toString shape", /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d{4} \d\d:\d\d:\d\d GMT[+-]\d{4}/.test(new Date().toString()));

// Symbol.toPrimitive and the hints.
const p = new Date(0);
p.toString = () => "str";
p.valueOf = () => 42;
show("hints", (p + 1) + " " + `${p}` + " " + (p * 1) + " " + (p == "str") + " " + p[Symbol.toPrimitive]("number"));
for (const h of ["bogus", undefined]) {
  try { p[Symbol.toPrimitive](h); } catch (e) { show("hint " + h, e.constructor.name); }
}
try { Date.prototype[Symbol.toPrimitive].call(1, "string"); } catch (e) { show("non-object", e.constructor.name); }
const tp = Object.getOwnPropertyDescriptor(Date.prototype, Symbol.toPrimitive);
show("toPrimitive desc", tp.writable + " " + tp.enumerable + " " + tp.configurable + " " + tp.value.name);

// Not a Date.
for (const m of ["getTime", "getUTCDay", "setUTCDate", "toISOString", "valueOf", "getYear"]) {
  try { Date.prototype[m].call({}); } catch (e) { show("not a date " + m, e.constructor.name); }
}
show("proto", Object.prototype.toString.call(Date.prototype) + " " + Object.prototype.toString.call(new Date(0)));
class MyDate extends Date { twice() { return this.getTime() * 2; } }
show("subclass", new MyDate(21).twice() + " " + (new MyDate(0) instanceof Date));
