// Functions and closures: captured bindings, a counter, an arrow.
function counter(start) {
  let n = start;
  return {
    next: () => ++n,
    reset() {
      n = start;
    },
  };
}
const c = counter(1);
c.next();
console.log(c.next());
