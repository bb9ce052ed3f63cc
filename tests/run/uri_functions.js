// Expected output produced with node.
print(encodeURI("http://a.b/c d?e=f&g=h#i\u00e9\u4e2d\ud83d\ude00"), encodeURIComponent("a b;/?:@&=+$,#-_.!~*'()"));
print(decodeURI("%3B%2F%3f%23%41%20%C3%A9%E4%B8%AD%F0%9F%98%80"), decodeURIComponent("%3B%2F%3f%23%41%20%C3%A9"));
for (var f of [() => encodeURI("\ud800"), () => encodeURIComponent("a\udc00"), () => decodeURI("%"), () => decodeURI("%zz"),
  () => decodeURI("%C3"), () => decodeURI("%C3%28"), () => decodeURI("%80"), () => decodeURI("%ED%A0%80"), () => decodeURI("%C0%80"),
  () => decodeURI("%F8%80%80%80"), () => decodeURIComponent("%E4%B8")]) {
  try { f(); print("no error"); } catch (e) { print(e instanceof URIError); }
}
print(escape("a b+c@*_-./\u00e9\u4e2d!"), unescape("%41%u4E2D%u12%zz%4"), unescape("%u004"), unescape(escape("x\u0100\ud800")) === "x\u0100\ud800");
print(encodeURI.length, decodeURIComponent.name, escape.length, unescape.name);
