// A 40,000-deep chain of bound functions: calling it builds the argument
// list once (it used to copy every level's arguments: 6 GB and 24 s).
let f = function (...args) { return args.length + ':' + args[0] + ':' + args[args.length - 1]; };
for (let i = 0; i < 40000; i++) f = f.bind(null, i);
console.log(f('last'));
console.log(f.length, f.name.length);
// [[Construct]] through a chain: new.target is the innermost target.
function C(...args) { this.n = args.length; this.same = new.target === C; }
let B = C;
for (let i = 0; i < 1000; i++) B = B.bind(null, i);
const o = new B(1, 2);
console.log(o.n, o.same, o instanceof C);
// The innermost [[BoundThis]] wins.
function who() { return this.name; }
console.log(who.bind({ name: 'inner' }).bind({ name: 'outer' })());
