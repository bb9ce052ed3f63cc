// Many reactions on one promise (the pairs after the first are stored
// apart), resolving functions of the constructor (one inline slot) and of a
// thenable job (three slots), called twice; expected output from node.
const log = [];
let resolveOuter;
const p = new Promise((resolve, reject) => {
  resolveOuter = resolve;
  log.push(typeof resolve, resolve.length, resolve.name === "", typeof reject);
});
for (let i = 0; i < 20; i++) p.then((v) => log.push("then" + i + ":" + v));
p.catch(() => log.push("never"));
resolveOuter(7);
resolveOuter(8);
const thenable = {
  then(res, rej) {
    log.push("thenable", res.length, rej.length);
    res("from thenable");
    res("again");
    rej(new Error("ignored"));
  },
};
const q = Promise.resolve(1).then(() => thenable);
for (let i = 0; i < 3; i++) q.then((v) => log.push("q" + i + ":" + v));
const r = Promise.reject(new Error("boom"));
for (let i = 0; i < 3; i++) r.catch((e) => log.push("r" + i + ":" + e.message));
Promise.all([p, q, 3]).then((vs) => {
  log.push(vs.join(","));
  console.log(log.join("\n"));
});
