// Issue 10 (7c): 10^5 concurrent async functions ping-ponging through
// promises (each awaits a promise the other resolves), 10 rounds each.
async function player(inbox, outbox, rounds) {
  let hits = 0;
  for (let r = 0; r < rounds; r++) {
    const v = await inbox.next();
    hits += v;
    outbox.send(1);
  }
  return hits;
}
class Channel {
  constructor() { this.waiting = null; this.queue = []; }
  next() {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift());
    return new Promise((resolve) => { this.waiting = resolve; });
  }
  send(v) {
    if (this.waiting) { const w = this.waiting; this.waiting = null; w(v); } else this.queue.push(v);
  }
}
const pairs = 5e4, rounds = 10;
const games = [];
for (let i = 0; i < pairs; i++) {
  const a = new Channel(), b = new Channel();
  games.push(player(a, b, rounds), player(b, a, rounds));
  a.send(1);
}
Promise.all(games).then((r) => console.log(r.reduce((x, y) => x + y, 0)));
