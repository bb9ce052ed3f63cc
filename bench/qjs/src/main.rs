//! `qjs-run FILE`: runs FILE as a global (sloppy) script in QuickJS-ng through
//! the rquickjs crate, the reference interpreter of bench/run.sh.
//!
//! - `console.log` and `print` write their arguments, each converted with
//!   `String()`, joined by spaces, with a newline, to stdout.
//! - After the script, the pending job queue (promise jobs) is drained until
//!   it is empty.
//! - An uncaught exception, an exception raised by a job, or a promise that is
//!   still rejected without a handler once the queue is empty prints the error
//!   to stderr and exits 1.
//! - The script runs on a thread with a 64 MiB stack and QuickJS's stack
//!   limit is raised from QuickJS-ng's default of 1 MiB to 16 MiB, the
//!   largest that rquickjs passes on (it turns larger limits into "no
//!   limit"): deep recursion throws a RangeError instead of crashing.
//! - No memory limit is set (QuickJS's default: none).
//! - The process exits without freeing the runtime (as node does not tear down
//!   its heap either); stdout is flushed first.
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use rquickjs::context::EvalOptions;
use rquickjs::function::Rest;
use rquickjs::{CatchResultExt, Context, Ctx, Function, Persistent, Runtime, Value};

const THREAD_STACK: usize = 64 << 20;
const QJS_STACK_LIMIT: usize = 16 << 20;

/// Promises rejected with no handler (yet): (promise, reason).
type Unhandled = Rc<RefCell<Vec<(Persistent<Value<'static>>, Persistent<Value<'static>>)>>>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 2 {
        eprintln!("usage: qjs-run FILE");
        std::process::exit(2);
    }
    let file = args[1].clone();
    let code = std::thread::Builder::new()
        .stack_size(THREAD_STACK)
        .spawn(move || run(&file))
        .expect("spawn the script thread")
        .join()
        .unwrap_or(70);
    let _ = std::io::stdout().flush();
    std::process::exit(code);
}

/// `String(v)` through the global `String` function (so symbols print as
/// `Symbol(desc)` like in the other engines).
fn js_string<'js>(ctx: &Ctx<'js>, v: Value<'js>) -> String {
    let string: Function = match ctx.globals().get("String") {
        Ok(f) => f,
        Err(_) => return "<String missing>".into(),
    };
    match string.call::<_, String>((v,)).catch(ctx) {
        Ok(s) => s,
        Err(e) => format!("<String() threw: {e}>"),
    }
}

/// An error for stderr: its stack (which QuickJS-ng prefixes with nothing,
/// so `String(e)` goes first) when it has one.
fn describe<'js>(ctx: &Ctx<'js>, v: Value<'js>) -> String {
    let mut s = js_string(ctx, v.clone());
    if let Some(obj) = v.as_object() {
        if let Ok(Some(stack)) = obj.get::<_, Option<String>>("stack") {
            if !stack.is_empty() {
                s.push('\n');
                s.push_str(stack.trim_end());
            }
        }
    }
    s
}

/// `console.log` and `print`.
fn print<'js>(ctx: Ctx<'js>, args: Rest<Value<'js>>) {
    let mut line = String::new();
    for (i, v) in args.0.into_iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(&js_string(&ctx, v));
    }
    line.push('\n');
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(line.as_bytes());
}

fn define_print(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let print = Function::new(ctx.clone(), print)?;
    let globals = ctx.globals();
    globals.set("print", print.clone())?;
    let console = rquickjs::Object::new(ctx.clone())?;
    console.set("log", print)?;
    globals.set("console", console)?;
    Ok(())
}

fn run(file: &str) -> i32 {
    let source = match std::fs::read(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("qjs-run: {file}: {e}");
            return 2;
        }
    };
    let rt = Runtime::new().expect("QuickJS runtime");
    rt.set_max_stack_size(QJS_STACK_LIMIT);
    let unhandled: Unhandled = Rc::default();
    {
        let unhandled = unhandled.clone();
        rt.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx: Ctx<'_>, promise: Value<'_>, reason: Value<'_>, is_handled: bool| {
                let mut list = unhandled.borrow_mut();
                if is_handled {
                    list.retain(|(p, _)| match p.clone().restore(&ctx) {
                        Ok(p) => p != promise,
                        Err(_) => true,
                    });
                } else {
                    list.push((Persistent::save(&ctx, promise), Persistent::save(&ctx, reason)));
                }
            },
        )));
    }
    let context = Context::full(&rt).expect("QuickJS context");

    let ok = context.with(|ctx| {
        if let Err(e) = define_print(&ctx) {
            eprintln!("qjs-run: defining console.log: {e}");
            return false;
        }
        let mut options = EvalOptions::default();
        options.global = true;
        options.strict = false;
        options.filename = Some(file.to_string());
        match ctx.eval_with_options::<(), _>(source, options).catch(&ctx) {
            Ok(()) => true,
            Err(rquickjs::CaughtError::Exception(e)) => {
                eprintln!("Uncaught {}", describe(&ctx, e.into_value()));
                false
            }
            Err(rquickjs::CaughtError::Value(v)) => {
                eprintln!("Uncaught {}", describe(&ctx, v));
                false
            }
            Err(e) => {
                eprintln!("Uncaught {e}");
                false
            }
        }
    });
    if !ok {
        let _ = std::io::stdout().flush();
        return 1;
    }

    loop {
        match rt.execute_pending_job() {
            Ok(true) => {}
            Ok(false) => break,
            Err(job) => {
                job.0.with(|ctx| {
                    let e = ctx.catch();
                    eprintln!("Uncaught (in job) {}", describe(&ctx, e));
                });
                let _ = std::io::stdout().flush();
                return 1;
            }
        }
    }

    let rejected = std::mem::take(&mut *unhandled.borrow_mut());
    if !rejected.is_empty() {
        context.with(|ctx| {
            for (_, reason) in rejected {
                match reason.restore(&ctx) {
                    Ok(r) => eprintln!("Uncaught (in promise) {}", describe(&ctx, r)),
                    Err(e) => eprintln!("Uncaught (in promise) <{e}>"),
                }
            }
        });
        let _ = std::io::stdout().flush();
        return 1;
    }
    let _ = std::io::stdout().flush();
    // Skip freeing the runtime: the process ends right after.
    std::mem::forget(context);
    std::mem::forget(rt);
    0
}
