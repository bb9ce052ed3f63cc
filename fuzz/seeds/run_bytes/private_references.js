// Expected output produced by node. Private references as assignment targets: update, compound and logical assignment, destructuring, for-of, optional chains, calls, tagged templates.
class U {
  #n = 0;
  #s = 'a';
  static #big = 10n;
  #o = null;
  go() {
    const a = this.#n++;
    const b = ++this.#n;
    this.#n **= 2;
    this.#n ??= 3;
    this.#n &&= this.#n + 1;
    this.#o ||= { k: 1 };
    this.#o &&= this.#o.k;
    this.#s += 'b';
    return [a, b, this.#n, this.#o, this.#s, this.#n--, --this.#n].join();
  }
  static big() { U.#big *= 2n; return String(U.#big); }
  destructure() {
    [this.#n, ...this.#o] = [1, 2, 3];
    ({ s: this.#s = 'default' } = {});
    let i = 0;
    for (this.#n of [4, 5]) i++;
    for ([this.#s] of [['x'], ['y']]) i++;
    return [this.#n, this.#o.join('+'), this.#s, i].join();
  }
}
console.log(new U().go(), U.big(), new U().destructure());
class P {
  #m() { return this === p; }
  #f = 5;
  #g = null;
  #tag(s, v) { return this === p ? s[0] + v : 'bad'; }
  test(o) { return [o?.#f, o?.#m(), o?.#g?.x, o?.#g?.#f, o && (o?.#m)()].map(String).join(); }
  tagged() { return this.#tag`hi${1}`; }
}
const p = new P();
console.log(p.test(p), p.test(undefined), p.tagged());
try { p.test({}); } catch (e) { console.log(e.constructor.name); }
