// Async generators: the request queue, yield*, return() and for await.
// Expected output produced with node.
async function* counter(n) { for (let i = 0; i < n; i++) { const sent = yield i; if (sent) console.log("sent", sent); await null; } return "done"; }
(async () => {
  const it = counter(3);
  // Several requests queue up and settle in order.
  const results = await Promise.all([it.next(), it.next("x"), it.next(), it.next(), it.next()]);
  console.log(JSON.stringify(results));
  for await (const v of counter(3)) console.log("for await", v);
  async function* delegating() { const r = yield* counter(2); yield r; yield* ["s", Promise.resolve("p")]; }
  const all = [];
  for await (const v of delegating()) all.push(v);
  console.log(all.join());
  const g = counter(5);
  await g.next();
  console.log(JSON.stringify(await g.return(Promise.resolve("early"))));
  console.log(JSON.stringify(await g.next()));
  async function* withFinally() { try { yield 1; yield 2; } finally { console.log("cleanup"); await null; console.log("cleanup done"); } }
  for await (const v of withFinally()) { console.log("got", v); break; }
  const t = withFinally();
  await t.next();
  try { await t.throw(new Error("thrown in")); } catch (e) { console.log("throw:", e.message); }
  console.log(Object.prototype.toString.call(t), typeof t[Symbol.asyncIterator]);
})();
