// Date arithmetic (10^6 iterations): dates made from local fields, local
// and UTC getters, setters that carry across months, years and DST.
function run(n) {
  var sum = 0;
  var d = new Date(2000, 0, 1);
  for (var i = 0; i < n; i++) {
    var t = new Date(1990 + (i % 50), i % 12, 1 + (i % 28), i % 24, i % 60);
    sum = (sum + t.getDate() + t.getMonth() + t.getUTCHours() + t.getDay()) | 0;
    d.setTime(t.getTime() + i * 1000);
    d.setMinutes(d.getMinutes() + 7);
    d.setUTCDate(d.getUTCDate() + 1);
    sum = (sum + d.getFullYear() + d.getSeconds() + (d.valueOf() % 1000)) | 0;
  }
  return sum;
}
console.log(run(1000000));
