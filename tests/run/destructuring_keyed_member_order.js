// Expected output produced by node. Object assignment patterns with member targets: key, target reference, value, default, PutValue (13.15.5.6), also for private references.
const log = [];
const src = { get a() { log.push('get a'); return undefined; } };
const tgt = { set x(v) { log.push('set x ' + v); } };
function t() { log.push('target'); return tgt; }
function k() { log.push('key'); return 'a'; }
({ [k()]: t().x = (log.push('default'), 5) } = src);
({ a: t().x } = src);
console.log(log.join());
class C extends class {} {
  #field;
  constructor() {
    var init = () => super();
    var object = { get a() { init(); } };
    try { ({a: this.#field} = object); } catch (e) { console.log(e.constructor.name); }
    init();
  }
}
new C();
