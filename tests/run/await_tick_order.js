// Tick order of `await` (27.7.5.3 Await) against promise reactions and
// queueMicrotask: awaits of native promises (pending and settled), of
// thenables, of non-promises, of a promise subclass and of a promise whose
// `constructor` is a getter; several awaits and `then`s on one pending
// promise (the first await's reaction is stored compactly, the others in
// the list: the order must stay the order of subscription).
// Expected output generated with node (v22).
const log = [];
const out = (s) => log.push(s);

async function awaitPrimitive(tag) { out(tag + ' start'); const v = await 1; out(tag + ' got ' + v); }
async function awaitResolved(tag) { out(tag + ' start'); const v = await Promise.resolve('r'); out(tag + ' got ' + v); }
async function awaitRejected(tag) {
  out(tag + ' start');
  try { await Promise.reject(new Error('no')); } catch (e) { out(tag + ' caught ' + e.message); }
}
async function awaitThenable(tag) {
  out(tag + ' start');
  const v = await { then(res) { out(tag + ' then called'); res('t'); } };
  out(tag + ' got ' + v);
}
async function awaitThrowingThenable(tag) {
  out(tag + ' start');
  try { await { then() { throw new Error('bad then'); } }; } catch (e) { out(tag + ' caught ' + e.message); }
}
class Sub extends Promise {}
async function awaitSubclass(tag) { out(tag + ' start'); const v = await Sub.resolve('s'); out(tag + ' got ' + v); }
async function awaitCtorGetter(tag) {
  const p = Promise.resolve('g');
  let reads = 0;
  Object.defineProperty(p, 'constructor', { get() { reads++; out(tag + ' constructor read'); return Promise; } });
  out(tag + ' start');
  const v = await p;
  out(tag + ' got ' + v + ' reads ' + reads);
}
async function awaitForeignCtor(tag) {
  const p = Promise.resolve('f');
  p.constructor = Object;
  out(tag + ' start');
  const v = await p;
  out(tag + ' got ' + v);
}

queueMicrotask(() => out('micro 1'));
awaitPrimitive('prim');
awaitResolved('res');
awaitRejected('rej');
awaitThenable('thenable');
awaitThrowingThenable('badthen');
awaitSubclass('sub');
awaitCtorGetter('getter');
awaitForeignCtor('foreign');
Promise.resolve().then(() => out('then 1')).then(() => out('then 2')).then(() => out('then 3'));
queueMicrotask(() => out('micro 2'));

// Many subscribers on one pending promise, awaits and thens mixed.
let resolveShared;
const shared = new Promise((r) => { resolveShared = r; });
async function waiter(tag) { const v = await shared; out('shared ' + tag + ' ' + v); return tag; }
waiter('a1');
shared.then((v) => out('shared then1 ' + v));
waiter('a2');
shared.then((v) => out('shared then2 ' + v));
waiter('a3').then((t) => out('result ' + t));
// A then first, the await after it.
let resolveShared2;
const shared2 = new Promise((r) => { resolveShared2 = r; });
shared2.then((v) => out('shared2 then ' + v));
(async () => { out('shared2 await ' + await shared2); })();
// A rejected shared promise.
let rejectShared;
const shared3 = new Promise((_, r) => { rejectShared = r; });
(async () => { try { await shared3; } catch (e) { out('shared3 caught ' + e); } })();
(async () => { try { await shared3; } catch (e) { out('shared3 caught again ' + e); } })();

setTimeout(() => {
  out('-- timeout');
  resolveShared('x');
  resolveShared2('y');
  rejectShared('z');
  queueMicrotask(() => out('micro after resolve'));
  setTimeout(() => console.log(log.join('\n')), 0);
}, 0);
