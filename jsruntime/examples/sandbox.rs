//! Running untrusted scripts: each in its own realm, with console output
//! captured by Rust, only the host functions you choose, errors reported
//! as values, unhandled rejections collected, and limits: a deadline per
//! script, a heap limit and a recursion limit for the runtime, and an
//! interrupt handle another thread can use.
//!
//! `cargo run -p jsruntime --example sandbox`

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use jsruntime::api::{ConsoleLevel, Error, Runtime};

// The heap limit counts every allocation (element storage, strings,
// compiled code) only with the counting allocator (`gc::accounting`).
#[global_allocator]
static ALLOCATOR: jsruntime::gc::accounting::CountingAllocator =
    jsruntime::gc::accounting::CountingAllocator;

fn main() -> Result<(), Error> {
    let mut rt = Runtime::new()?;
    // Limits for every script of this runtime: 64 MB of heap, 256 KB of
    // JavaScript stack.
    rt.set_max_heap(Some(64 << 20));
    rt.set_stack_size(256 << 10);
    let output = Rc::new(RefCell::new(Vec::<String>::new()));
    let rejections = Rc::new(RefCell::new(Vec::<String>::new()));
    let r = rejections.clone();
    rt.on_unhandled_rejection(move |e| r.borrow_mut().push(e.to_string()));

    let scripts = [
        (
            "ok.js",
            "console.log('sum', [1, 2, 3].reduce((a, b) => a + b)); report(42)",
        ),
        (
            "leaky.js",
            "globalThis.secret = 'mine'; console.warn('set a global'); 1",
        ),
        ("snoop.js", "typeof secret"),
        ("throws.js", "function f() { null.prop }\nf()"),
        (
            "rejects.js",
            "Promise.reject(new Error('nobody catches me')); 'done'",
        ),
        // Runs forever: stopped at its deadline; `catch` cannot keep it alive.
        ("spins.js", "for (;;) { try { for (;;) {} } catch (e) {} }"),
        // Allocates without end: a RangeError it may catch.
        (
            "hoards.js",
            "const hoard = []; try { for (;;) hoard.push(new Float64Array(1 << 20)) } \
             catch (e) { hoard.length = 0; console.log('caught', e.name, e.message) } 'survived'",
        ),
        // Recurses without end: a RangeError too.
        (
            "recurses.js",
            "function down(n) { return down(n + 1) + 1 }\ndown(0)",
        ),
    ];
    for (name, source) in scripts {
        // A fresh realm per script: its own globals and built-ins.
        let realm = rt.create_realm()?;
        let out = output.clone();
        // Each script gets half a second of run time.
        rt.set_deadline(Some(Instant::now() + Duration::from_millis(500)))?;
        let result = rt.with_realm(realm, |ctx| -> Result<String, Error> {
            let tag = name.to_owned();
            ctx.set_console(move |level, text| {
                let level = match level {
                    ConsoleLevel::Warn | ConsoleLevel::Error => "stderr",
                    _ => "stdout",
                };
                out.borrow_mut().push(format!("[{tag} {level}] {text}"));
            })?;
            // The only capability the script gets.
            ctx.set_global_function("report", |_, (v,): (f64,)| {
                Ok::<_, Error>(format!("reported {v}"))
            })?;
            let v: jsruntime::api::JsValue = ctx.eval_named(source, name)?;
            Ok(format!("{v:?}"))
        });
        rt.set_deadline(None)?;
        match result {
            Ok(v) => println!("{name}: {v}"),
            Err(e) if e.is_terminated() => println!("{name}: stopped at its deadline"),
            Err(e) => println!("{name}: failed: {e}"),
        }
    }

    // Another thread can stop a script at any time (a UI's cancel button,
    // a supervisor): `InterruptHandle` is Send + Sync.
    let handle = rt.interrupt_handle();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        handle.interrupt();
    });
    let r = rt.eval::<()>("while (true) {}");
    canceller.join().expect("the cancelling thread");
    println!(
        "cancelled.js: terminated = {}",
        r.is_err_and(|e| e.is_terminated())
    );
    // The runtime is usable after every limit.
    let after: i32 = rt.eval("[1, 2, 3].map((x) => x * 2).reduce((a, b) => a + b)")?;
    println!("after the limits: {after}");
    assert_eq!(after, 12);
    for line in output.borrow().iter() {
        println!("{line}");
    }
    for r in rejections.borrow().iter() {
        println!("unhandled rejection: {r}");
    }
    assert_eq!(rejections.borrow().len(), 1);
    Ok(())
}
