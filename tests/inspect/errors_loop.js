// Expected output produced by node: node errors_loop.js > errors_loop.expected
// (errors print without their stack: node's stack text names node's files)
function clean(e) { delete e.stack; return e; }
console.log(clean(new Error('a')), [clean(new Error('in array'))]);
console.log({nested: {e: clean(new SyntaxError('syn'))}});
var ag = clean(new AggregateError([clean(new Error('x'))], 'agg')); console.log(ag);
var named = clean(new Error('msg')); named.name = 'CustomName'; console.log(named);
var noMsg = clean(new Error()); console.log(noMsg);
var withProps = clean(new Error('props')); withProps.extra = {deep: true}; console.log(withProps);
setTimeout(() => console.log('timeout 20'), 20);
setTimeout(() => console.log('timeout 0'), 0);
setTimeout((a, b) => console.log('args', a, b), 1, 'x', 'y');
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('microtask'));
queueMicrotask(() => console.log('queueMicrotask'));
var n = 0;
var iv = setInterval(() => { console.log('interval', ++n); if (n === 3) clearInterval(iv); }, 50);
var cancelled = setTimeout(() => console.log('never'), 1);
clearTimeout(cancelled);
setTimeout(() => {
  Promise.resolve().then(() => console.log('micro in timer'));
  process.nextTick(() => console.log('tick in timer'));
  console.log('timer 30');
  setImmediate(() => console.log('immediate from timer'));
  setTimeout(() => console.log('timer from timer'), 0);
}, 400);
console.log('sync end', typeof performance.now(), performance.now() >= 0, typeof performance.timeOrigin);
console.log(process.argv.length, typeof process.env.PATH, process.platform, typeof process.version, typeof process.exit);
console.log(btoa('hello'), atob('aGVsbG8='), atob(' aGk '), btoa(''));
