var v0 = [1, 2, 3, 4, 5, 6, 7, 8]; var v1 = { a: 1, b: 'x', c: [1.5, 2.5] }; var v2 = 'abcdefghij'; var v3 = function (a, b) { return a; };
try {
var v4 = (65535);
} catch (e) {}
try {
class C0 {
 constructor(...a) { var v5 = (0);
 }
 m(x) { return (0); }
 static s = (0);
 #p = 1;
 get g() { return this.#p; }
}
var v6 = new C0();
} catch (e) {}

