// The order of promise jobs around await (node prints the same; expected output produced with node).
const log = [];
const p = Promise.resolve();
async function a1() { log.push("a1 start"); await undefined; log.push("a1 after await"); await p; log.push("a1 after p"); }
async function a2() { log.push("a2 start"); await new Promise((r) => r("x")); log.push("a2 after"); }
async function a3() { log.push("a3 start"); const thenable = { then(r) { log.push("then called"); r(1); } }; await thenable; log.push("a3 after thenable"); }
a1(); a2(); a3();
p.then(() => log.push("p.then 1")).then(() => log.push("p.then 2")).then(() => log.push("p.then 3"));
Promise.resolve().then(() => log.push("tick 1")).then(() => log.push("tick 2")).then(() => log.push("tick 3")).then(() => log.push("tick 4"));
log.push("sync end");
setTimeoutLike(() => console.log(log.join("\n")));
function setTimeoutLike(f) {
  // Ten ticks later, everything above has run.
  let p = Promise.resolve();
  for (let i = 0; i < 10; i++) p = p.then(() => {});
  p.then(f);
}
