//! The heap limit through the embedding API: a catchable RangeError, the
//! runtime usable afterwards.
//!
//! The limit counts everything only with the counting allocator installed
//! (`gc::accounting`); the count is process-wide, so this test has a binary
//! of its own.

use jsruntime::api::Runtime;

#[global_allocator]
static ALLOCATOR: jsruntime::gc::accounting::CountingAllocator =
    jsruntime::gc::accounting::CountingAllocator;

#[test]
fn heap_limit_is_a_catchable_range_error() {
    let mut rt = Runtime::new().unwrap();
    rt.set_max_heap(Some(16 << 20));
    assert_eq!(rt.max_heap(), Some(16 << 20));
    let caught: String = rt
        .eval(
            "let r; try { const a = []; for (;;) a.push(new Array(1000).fill(a.length)); }
             catch (e) { r = e instanceof RangeError ? 'RangeError: ' + e.message : String(e) } r",
        )
        .unwrap();
    assert_eq!(caught, "RangeError: Out of memory");
    // The array is garbage now: the runtime works under the same limit.
    rt.collect_garbage();
    assert!(rt.heap_used() < 16 << 20, "{}", rt.heap_used());
    let n: usize = rt
        .eval("const b = []; for (let i = 0; i < 10000; i++) b.push({ i }); b.length")
        .unwrap();
    assert_eq!(n, 10000);

    // Uncaught, it reaches Rust as a RangeError; the memory was local to
    // the script's function, so it is garbage afterwards. (Memory a global
    // still holds stays in use: even compiling the next script may fail
    // until the limit is raised or the runtime dropped.)
    let err = rt
        .eval::<()>("(() => { const big = []; for (;;) big.push(new Array(1000).fill(0)) })()")
        .unwrap_err();
    assert_eq!(err.name(), "RangeError");
    assert_eq!(rt.eval::<i32>("1 + 2").unwrap(), 3);
}
