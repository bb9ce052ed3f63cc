// TZ=Europe/Berlin. Expected output produced with node under that zone.
const fields = d => [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getTimezoneOffset()].join();
// Double summer time in 1945, no DST in 1960, the EU rules since 1996.
for (const [y, m, d] of [[1945, 5, 1], [1960, 6, 1], [1980, 6, 1], [2024, 2, 31], [2024, 9, 27]]) {
  const t = new Date(y, m, d, 12);
  console.log(y, m, d, t.toISOString(), fields(t));
}
// 2024-03-31 02:30 is skipped, 2024-10-27 02:30 happens twice.
console.log(new Date(2024, 2, 31, 2, 30).toISOString(), new Date(2024, 9, 27, 2, 30).toISOString());
console.log(Date.parse("2024-10-27T02:30:00"), Date.parse("2024-03-31T02:30:00"), Date.parse("2024-03-31"));
console.log(new Date(0).toString().replace(/ \(.*\)$/, ""), new Date(0).getHours());
