// TextEncoder / TextDecoder (WHATWG Encoding). Expected output made by
// node v20: `node tests/run/text_encoding.js > tests/run/text_encoding.expected`.
const show = (x) => JSON.stringify(x);
const bytes = (u8) => Array.from(u8).join(",");
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return `${e.name} ${e.code} ${e.message}`;
  }
};

const enc = new TextEncoder();
console.log(enc.encoding, Object.prototype.toString.call(enc));
console.log(bytes(enc.encode("héllo €𝄞")));
console.log(bytes(enc.encode()), bytes(enc.encode(undefined)), enc.encode("").length);
console.log(bytes(enc.encode("a\uD800b\uDC00")));
console.log(enc.encode("x") instanceof Uint8Array, enc.encode(123).length);

// encodeInto: whole characters only.
const dest = new Uint8Array(5);
console.log(show(enc.encodeInto("a€b", dest)), bytes(dest));
const d2 = new Uint8Array(4);
console.log(show(enc.encodeInto("𝄞𝄞", d2)), bytes(d2));
console.log(show(enc.encodeInto("ab", new Uint8Array(0))));
console.log(show(enc.encodeInto("\uD800z", new Uint8Array(8))));
const big = new Uint8Array(10);
console.log(show(enc.encodeInto("hi", big.subarray(4))), bytes(big));
console.log(err(() => enc.encodeInto("a", new Uint16Array(4))).split(".")[0]);

// Decoding.
const dec = new TextDecoder();
console.log(dec.encoding, dec.fatal, dec.ignoreBOM, Object.prototype.toString.call(dec));
console.log(dec.decode(new Uint8Array([104, 195, 169, 226, 130, 172, 240, 157, 132, 158])));
console.log(show(dec.decode()), show(dec.decode(new Uint8Array([]))));
console.log(dec.decode(new Uint8Array([0x61, 0x62]).buffer));
console.log(dec.decode(new DataView(new Uint8Array([0x41, 0x42, 0x43]).buffer, 1)));
console.log(dec.decode(new Uint16Array([0x6968])));
// Invalid sequences: U+FFFD by maximal subpart.
const repl = (a) => show(dec.decode(new Uint8Array(a)));
console.log(repl([0xff, 0x61]), repl([0xc3]), repl([0xe2, 0x82]), repl([0xe2, 0x82, 0x61]));
console.log(repl([0xed, 0xa0, 0x80]), repl([0xf0, 0x80, 0x80, 0x80]), repl([0xf4, 0x90, 0x80, 0x80]));
console.log(repl([0xc0, 0xaf]), repl([0xe0, 0x9f, 0x80]), repl([0xf0, 0x9f, 0x98]));
// BOM handling.
const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]);
console.log(show(dec.decode(bom)), show(dec.decode(bom)));
console.log(show(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bom)).length);
console.log(show(dec.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]))).length);
// Streaming.
const s = new TextDecoder();
const euro = [0xe2, 0x82, 0xac];
let out = "";
for (const b of [0xef, 0xbb, 0xbf, ...euro, ...euro, 0x21]) out += s.decode(new Uint8Array([b]), { stream: true });
out += s.decode();
console.log(show(out));
console.log(show(s.decode(new Uint8Array([0xe2, 0x82]), { stream: true })), show(s.decode()));
console.log(show(s.decode(new Uint8Array([0xf0, 0x9f]), { stream: true })), show(s.decode(new Uint8Array([0x98, 0x80]))));
// Fatal.
const f = new TextDecoder("utf-8", { fatal: true });
console.log(f.fatal, f.decode(new Uint8Array([0x6f, 0x6b])));
console.log(err(() => f.decode(new Uint8Array([0xff]))));
console.log(err(() => f.decode(new Uint8Array([0xe2, 0x82]))));
console.log(show(f.decode(new Uint8Array([0xe2, 0x82]), { stream: true })), show(f.decode(new Uint8Array([0xac]))));
// Labels and UTF-16.
console.log(new TextDecoder(" UTF8 ").encoding, new TextDecoder("unicode-1-1-utf-8").encoding);
console.log(new TextDecoder("utf-16le").encoding, new TextDecoder("utf-16").encoding);
console.log(err(() => new TextDecoder("nope")));
const u16 = new TextDecoder("utf-16le");
console.log(u16.decode(new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00, 0x3d, 0xd8, 0x00, 0xde])));
console.log(show(u16.decode(new Uint8Array([0x68, 0x00, 0x69]))));
console.log(show(u16.decode(new Uint8Array([0x00, 0xd8, 0x61, 0x00]))));
console.log(show(u16.decode(new Uint8Array([0x68]), { stream: true })), show(u16.decode(new Uint8Array([0x00]))));
// Errors.
console.log(err(() => TextDecoder()).split(" ").slice(0, 1)[0], err(() => TextEncoder()).split(" ")[0]);
console.log(err(() => dec.decode("abc")).split(".")[0]);
console.log(err(() => TextDecoder.prototype.decode.call({})).split(" ")[0]);
console.log(typeof TextEncoder, TextEncoder.name, TextDecoder.length, TextEncoder.prototype.encodeInto.length);
