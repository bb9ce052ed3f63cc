//! Limits through the embedding API: an interrupt from another thread, a
//! deadline and the stack size; the runtime is usable after each (the heap
//! limit is in api_heap_limit.rs, a binary of its own).

use std::time::{Duration, Instant};

use jsruntime::api::{Error, Runtime};

/// Interrupts `rt`'s script from another thread after `ms` milliseconds.
fn interrupt_after(rt: &Runtime, ms: u64) -> std::thread::JoinHandle<()> {
    let handle = rt.interrupt_handle();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(ms));
        handle.interrupt();
    })
}

#[test]
fn interrupt_stops_an_endless_loop_from_another_thread() {
    let mut rt = Runtime::new().unwrap();
    let output = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let out = output.clone();
    rt.set_console(move |_, text| out.borrow_mut().push(text.to_owned()))
        .unwrap();
    let t = interrupt_after(&rt, 50);
    let err = rt
        .eval::<()>("try { while (true) {} } catch (e) { console.log('caught') } finally { console.log('finally') }")
        .unwrap_err();
    t.join().unwrap();
    assert!(err.is_terminated(), "{err}");
    assert_eq!(err.to_string(), "Error: Script execution terminated");
    // Neither handler ran: termination cannot be caught.
    assert!(output.borrow().is_empty(), "{:?}", output.borrow());
    // Usable again, globals kept.
    rt.eval::<()>("var after = 40").unwrap();
    assert_eq!(rt.eval::<i32>("after + 2").unwrap(), 42);
}

#[test]
fn interrupt_stops_a_function_called_from_rust() {
    let mut rt = Runtime::new().unwrap();
    let spin: jsruntime::api::JsValue = rt
        .eval("(function spin(n) { let i = 0; for (;;) { i += n; } })")
        .unwrap();
    let t = interrupt_after(&rt, 50);
    let err = spin.call::<()>(&mut rt, (1,)).unwrap_err();
    t.join().unwrap();
    assert!(err.is_terminated());
    assert_eq!(rt.eval::<i32>("6 * 7").unwrap(), 42);
}

#[test]
fn interrupt_passes_through_host_functions_uncaught() {
    let mut rt = Runtime::new().unwrap();
    // JavaScript -> Rust -> JavaScript: the inner loop is stopped; the Rust
    // function sees Terminated and the outer catch does not run.
    rt.set_global_function("callBack", |ctx, (f,): (jsruntime::api::JsValue,)| {
        let r = f.call::<()>(ctx, ());
        assert!(matches!(r, Err(Error::Terminated)));
        r
    })
    .unwrap();
    let t = interrupt_after(&rt, 50);
    let err = rt
        .eval::<String>(
            "let seen = 'none'; try { callBack(() => { for (;;) {} }) } catch (e) { seen = 'caught' } seen",
        )
        .unwrap_err();
    t.join().unwrap();
    assert!(err.is_terminated());
    assert_eq!(rt.eval::<String>("seen").unwrap(), "none");
}

#[test]
fn a_host_function_can_stop_the_script() {
    let mut rt = Runtime::new().unwrap();
    rt.set_global_function("stop", |_, (): ()| Err::<(), _>(Error::Terminated))
        .unwrap();
    let err = rt
        .eval::<()>("try { stop() } catch (e) { globalThis.caught = true }")
        .unwrap_err();
    assert!(err.is_terminated());
    assert_eq!(rt.eval::<Option<bool>>("globalThis.caught").unwrap(), None);
}

#[test]
fn deadline_stops_a_script_then_the_runtime_runs_again() {
    let mut rt = Runtime::new().unwrap();
    let start = Instant::now();
    rt.set_deadline(Some(start + Duration::from_millis(100)))
        .unwrap();
    let err = rt.eval::<()>("for (;;) {}").unwrap_err();
    let took = start.elapsed();
    assert!(err.is_terminated());
    assert!(took >= Duration::from_millis(100), "{took:?}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    // The deadline is spent.
    assert_eq!(rt.eval::<i32>("1 + 1").unwrap(), 2);

    // A deadline that passed after the run ended is withdrawn with it.
    rt.set_deadline(Some(Instant::now() + Duration::from_millis(10)))
        .unwrap();
    std::thread::sleep(Duration::from_millis(60));
    rt.set_deadline(None).unwrap();
    assert_eq!(rt.eval::<i32>("3 + 3").unwrap(), 6);

    // A deadline that is removed does not fire.
    rt.set_deadline(Some(Instant::now() + Duration::from_millis(30)))
        .unwrap();
    rt.set_deadline(None).unwrap();
    std::thread::sleep(Duration::from_millis(60));
    assert_eq!(
        rt.eval::<f64>("let s = 0; for (let i = 0; i < 1e6; i++) s += i; s")
            .unwrap(),
        499999500000.0
    );
}

#[test]
fn deadline_stops_pending_promise_jobs() {
    let mut rt = Runtime::new().unwrap();
    rt.set_deadline(Some(Instant::now() + Duration::from_millis(50)))
        .unwrap();
    let err = rt
        .eval::<()>("Promise.resolve().then(() => { for (;;) {} }); 1")
        .unwrap_err();
    assert!(err.is_terminated(), "{err}");
    assert_eq!(rt.eval::<i32>("2 + 2").unwrap(), 4);
}

#[test]
fn stack_size_bounds_recursion() {
    let mut rt = Runtime::new().unwrap();
    let program = "(() => { let d = 0; function f() { d++; f(); } let ok; try { f(); } catch (e) { ok = e instanceof RangeError } return [ok, d]; })()";
    let (ok, deep): (bool, f64) = rt.eval(program).unwrap();
    assert!(ok);
    // 256 KB: an unoptimised (test) build's interpreter frames take
    // several KB per call.
    let size = rt.set_stack_size(256 * 1024);
    assert!(size <= 256 * 1024, "{size}");
    let (ok, shallow): (bool, f64) = rt.eval(program).unwrap();
    assert!(ok);
    assert!(shallow > 10.0 && shallow < deep, "{shallow} vs {deep}");
}
