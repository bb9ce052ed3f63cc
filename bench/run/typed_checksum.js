// Uint8Array byte processing: an Adler-32 checksum of 4 MB, 5 times.
var data = new Uint8Array(1 << 22);
for (var i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 8)) & 255;
function adler32(d) {
  var a = 1, b = 0;
  for (var i = 0; i < d.length; i++) {
    a = (a + d[i]) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a) >>> 0;
}
var x = 0;
for (var r = 0; r < 5; r++) x = (x + adler32(data)) >>> 0;
console.log(x);
