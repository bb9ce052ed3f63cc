// A multi-file module program: cycles, re-exports, namespaces, live
// bindings, dynamic import, top-level await, JSON modules, import.meta.
// Expected output produced with node v20 (`node module_graph.mjs`).
import { counter, increment, default as label } from './modules/counter.mjs';
import * as counterNs from './modules/counter.mjs';
import { even, odd } from './modules/cycle_even.mjs';
import { shout, whisper as quiet, all } from './modules/reexport.mjs';
import config from './modules/config.json' with { type: 'json' };

console.log('label', label, 'counter', counter);
increment();
increment();
console.log('live binding', counter, counterNs.counter);
console.log('namespace keys', Object.keys(counterNs).join(','));
console.log('namespace tag', Object.prototype.toString.call(counterNs));
console.log('namespace frozen', Object.isExtensible(counterNs), Object.isFrozen(counterNs));
console.log('cycle', even(10), odd(7));
console.log('reexport', shout('hi'), quiet('HI'), typeof all.shout);
console.log('json', config.name, config.values.length);
try {
  counter = 5;
} catch (e) {
  console.log('assign import', e instanceof TypeError);
}
try {
  counterNs.counter = 1;
} catch (e) {
  console.log('assign namespace', e instanceof TypeError);
}
const lazy = await import('./modules/lazy.mjs');
console.log('dynamic', lazy.value, lazy.loadedAfterAwait);
const again = await import('./modules/lazy.mjs');
console.log('same namespace', again === lazy);
try {
  await import('./modules/missing.mjs');
} catch (e) {
  console.log('missing module rejects', e instanceof Error);
}
console.log('meta url', import.meta.url.startsWith('file://'), import.meta.url.endsWith('/module_graph.mjs'));
console.log('this', this);
