// A generator: the jump table, GeneratorStart, Yield and YieldDelegate.
function* g(a) {
  const x = a + (yield a);
  yield* [x];
  return x;
}
