// TZ=America/New_York. Expected output produced with node under that zone.
function show(label, v) { console.log(label, typeof v === "number" ? String(v) : v); }
const fields = d => [d.getFullYear(), d.getMonth(), d.getDate(), d.getDay(), d.getHours(), d.getMinutes(),
                     d.getSeconds(), d.getMilliseconds(), d.getTimezoneOffset()].join();
// toString without the zone's name (implementation-defined).
const str = d => d.toString().replace(/ \(.*\)$/, "");

const winter = new Date(2024, 0, 15, 12, 30);
const summer = new Date(2024, 6, 15, 12, 30);
show("winter", winter.toISOString() + " " + fields(winter) + " " + str(winter));
show("summer", summer.toISOString() + " " + fields(summer) + " " + str(summer));
show("date/time strings", winter.toDateString() + " | " + winter.toTimeString().replace(/ \(.*\)$/, ""));
show("locale", summer.toLocaleString() + " | " + summer.toLocaleDateString() + " | " + summer.toLocaleTimeString());
// Skipped local time (2024-03-10 02:30 does not exist): the offset before the transition.
const gap = new Date(2024, 2, 10, 2, 30);
show("gap", gap.toISOString() + " " + fields(gap));
// Repeated local time (2024-11-03 01:30 happens twice): the earlier one.
const fold = new Date(2024, 10, 3, 1, 30);
show("fold", fold.toISOString() + " " + fields(fold));
show("after fold", new Date(fold.getTime() + 3600000).getHours() + " " + new Date(fold.getTime() + 3600000).getTimezoneOffset());
// Date-time strings without an offset are local; date-only strings are UTC.
show("parse local", Date.parse("2024-07-01T00:00:00") + " " + Date.parse("2024-07-01") + " " + Date.parse("2024-01-01T00:00"));
show("parse toString", Date.parse(str(summer)) === summer.getTime());
show("parse informal", Date.parse("Jul 4 2024 10:00:00") + " " + Date.parse("7/4/2024, 10:00:00 AM"));
// Local setters work in local time across a DST change.
const s = new Date(2024, 2, 9, 12);
show("setDate", s.setDate(11) + " " + fields(s));
show("setHours", s.setHours(1, 2, 3, 4) + " " + fields(s));
show("setMonth", s.setMonth(10, 3) + " " + fields(s));
show("setFullYear", s.setFullYear(1999) + " " + fields(s));
show("setMinutes", s.setMinutes(90) + " " + fields(s));
show("setSeconds", s.setSeconds(-1) + " " + fields(s));
show("setMilliseconds", s.setMilliseconds(1500) + " " + fields(s));
show("setYear", s.setYear(95) + " " + fields(s) + " " + s.getYear());
// Historical rules: 1970s and 2006 used other DST dates.
show("1974", new Date(1974, 0, 10).getTimezoneOffset() + " " + new Date(2006, 3, 1, 12).getTimezoneOffset() +
     " " + new Date(2007, 2, 12).getTimezoneOffset());
show("epoch", fields(new Date(0)) + " " + str(new Date(0)));
show("Date.UTC vs local", new Date(2000, 0, 1).getTime() - Date.UTC(2000, 0, 1));
