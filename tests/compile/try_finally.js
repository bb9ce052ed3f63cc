// try/catch/finally: a return through finally, a rethrow, a catch binding.
function f(x) {
  try {
    if (x) throw new Error("boom");
    return 1;
  } catch (e) {
    return e.message;
  } finally {
    console.log("finally");
  }
}
console.log(f(false), f(true));
