//! Promises and futures both ways.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use jsruntime::api::{block_on, Error, JsValue, Runtime};

#[test]
fn async_host_function_settles_a_promise() {
    let mut rt = Runtime::new().unwrap();
    rt.set_global_async_function(
        "double",
        |(x,): (f64,)| async move { Ok::<_, Error>(x * 2.0) },
    )
    .unwrap();
    rt.set_global_async_function("fails", |(): ()| async move {
        Err::<(), _>(Error::type_error("no luck"))
    })
    .unwrap();
    let p: JsValue = rt
        .eval("(async () => { const a = await double(2); let m; try { await fails() } catch (e) { m = e.message } return [a, m]; })()")
        .unwrap();
    assert!(p.is_promise());
    let (a, m): (f64, String) = block_on(rt.await_promise(&p)).unwrap();
    assert_eq!((a, m.as_str()), (4.0, "no luck"));
    assert_eq!(rt.pending_tasks(), 0);
}

#[test]
fn js_promise_awaited_from_rust() {
    let mut rt = Runtime::new().unwrap();
    let p: JsValue = rt.eval("Promise.resolve(1).then((v) => v + 1)").unwrap();
    assert_eq!(block_on(rt.await_promise::<i32>(&p)).unwrap(), 2);
    let p: JsValue = rt.eval("Promise.reject(new TypeError('bad'))").unwrap();
    let e = block_on(rt.await_promise::<()>(&p)).unwrap_err();
    assert_eq!(e.to_string(), "TypeError: bad");
    // A promise nothing will settle is an error, not a hang.
    let p: JsValue = rt.eval("new Promise(() => {})").unwrap();
    assert!(block_on(rt.await_promise::<()>(&p)).is_err());
    // A non-promise is its own value.
    let v = rt.to_js(5).unwrap();
    assert_eq!(block_on(rt.await_promise::<i32>(&v)).unwrap(), 5);
}

#[test]
fn promise_settled_later_from_rust() {
    let mut rt = Runtime::new().unwrap();
    let (promise, resolver) = rt.new_promise().unwrap();
    rt.set_global("later", promise).unwrap();
    rt.eval::<()>("globalThis.seen = 'no'; later.then((v) => { seen = v; })")
        .unwrap();
    assert_eq!(rt.get_global::<String>("seen").unwrap(), "no");
    resolver.resolve(&mut rt, "yes").unwrap();
    rt.run_jobs().unwrap();
    assert_eq!(rt.get_global::<String>("seen").unwrap(), "yes");
}

#[test]
fn three_timers_run_concurrently_under_tokio() {
    let tokio_rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let mut rt = Runtime::new().unwrap();
    rt.set_global_async_function("sleep", |(ms, label): (u64, String)| async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok::<_, Error>(label)
    })
    .unwrap();
    let start = Instant::now();
    let p: JsValue = rt
        .eval("const t0 = Date.now(); Promise.all([sleep(200, 'a'), sleep(200, 'b'), sleep(200, 'c')]).then((r) => [r.join(''), Date.now() - t0])")
        .unwrap();
    let (joined, ms): (String, f64) = tokio_rt.block_on(rt.await_promise(&p)).unwrap();
    assert_eq!(joined, "abc");
    // Sequentially they would take 600 ms.
    assert!((199.0..450.0).contains(&ms), "{ms} ms");
    assert!(start.elapsed() >= Duration::from_millis(200));
}

#[test]
fn run_until_idle_drives_everything() {
    let tokio_rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let mut rt = Runtime::new().unwrap();
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    rt.set_global_function("record", move |_, (s,): (String,)| {
        l.borrow_mut().push(s);
        Ok::<_, Error>(())
    })
    .unwrap();
    rt.set_global_async_function("tick", |(ms,): (u64,)| async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok::<_, Error>(ms)
    })
    .unwrap();
    rt.eval::<()>("(async () => { for (const ms of [30, 10, 20]) record('t' + await tick(ms)); })(); tick(5).then((v) => record('side' + v));")
        .unwrap();
    tokio_rt.block_on(rt.run_until_idle()).unwrap();
    assert_eq!(*log.borrow(), ["side5", "t30", "t10", "t20"]);
}

#[test]
fn unhandled_rejections_are_reported() {
    let mut rt = Runtime::new().unwrap();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let s = seen.clone();
    rt.on_unhandled_rejection(move |e| s.borrow_mut().push(e.to_string()));
    rt.eval::<()>("Promise.reject(new Error('lost')); Promise.reject(1).catch(() => {});")
        .unwrap();
    assert_eq!(*seen.borrow(), ["Error: lost"]);
}
