//! Calls per second across the embedding boundary, for jsruntime's
//! embedding API, rquickjs and boa_engine doing the same work:
//!
//! * `rust->js`: Rust calls a JavaScript function of two numbers;
//! * `js->rust`: a JavaScript loop calls a Rust host function of two numbers;
//! * `struct`: a small Rust struct goes to a JavaScript function and the
//!   struct it returns comes back (jsruntime: `Serde<T>`; boa: serde_json
//!   through `JsValue::from_json`/`to_json`; rquickjs, which has no serde
//!   support of its own: the fields set and read one by one).
//!
//! Usage: bench/embed.sh [--calls N] [--struct-calls M] [--only jsruntime|rquickjs|boa]

use std::time::Instant;

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Point {
    x: f64,
    y: f64,
    label: String,
}

const SWAP: &str = "(p) => ({ x: p.y, y: p.x, label: p.label })";

fn report(engine: &str, what: &str, calls: u64, secs: f64) {
    println!(
        "{engine:10} {what:9} {:>12.0} calls/s  ({calls} calls in {:.3} s)",
        calls as f64 / secs,
        secs
    );
}

fn jsruntime_bench(n: u64, m: u64) {
    use jsruntime::api::{Error, JsValue, Runtime, Serde};
    let mut rt = Runtime::new().unwrap();
    let add: JsValue = rt.eval("(a, b) => a + b").unwrap();
    // Warm up (compiles the function).
    let _: f64 = add.call(&mut rt, (1.0, 2.0)).unwrap();
    let t = Instant::now();
    let mut s = 0.0;
    for i in 0..n {
        s = add.call::<f64>(&mut rt, (s, (i & 1) as f64)).unwrap();
    }
    report("jsruntime", "rust->js", n, t.elapsed().as_secs_f64());
    assert_eq!(s, (n / 2) as f64);

    rt.set_global_function("add", |_, (a, b): (f64, f64)| Ok::<_, Error>(a + b))
        .unwrap();
    let t = Instant::now();
    let s: f64 = rt
        .eval(&format!("let s = 0; for (let i = 0; i < {n}; i++) s = add(s, 1); s"))
        .unwrap();
    report("jsruntime", "js->rust", n, t.elapsed().as_secs_f64());
    assert_eq!(s, n as f64);

    let swap: JsValue = rt.eval(SWAP).unwrap();
    let mut p = Point { x: 1.0, y: 2.0, label: "p".into() };
    let t = Instant::now();
    for _ in 0..m {
        let back: Serde<Point> = swap.call(&mut rt, (Serde(&p),)).unwrap();
        p = back.0;
    }
    report("jsruntime", "struct", m, t.elapsed().as_secs_f64());
    assert_eq!(p.label, "p");
}

fn rquickjs_bench(n: u64, m: u64) {
    use rquickjs::{Context, Function, Object, Runtime};
    let rt = Runtime::new().unwrap();
    let ctx = Context::full(&rt).unwrap();
    ctx.with(|ctx| {
        let add: Function = ctx.eval("(a, b) => a + b").unwrap();
        let t = Instant::now();
        let mut s = 0.0;
        for i in 0..n {
            s = add.call::<_, f64>((s, (i & 1) as f64)).unwrap();
        }
        report("rquickjs", "rust->js", n, t.elapsed().as_secs_f64());
        assert_eq!(s, (n / 2) as f64);

        let host = Function::new(ctx.clone(), |a: f64, b: f64| a + b).unwrap();
        ctx.globals().set("add", host).unwrap();
        let t = Instant::now();
        let s: f64 = ctx
            .eval(format!("let s = 0; for (let i = 0; i < {n}; i++) s = add(s, 1); s"))
            .unwrap();
        report("rquickjs", "js->rust", n, t.elapsed().as_secs_f64());
        assert_eq!(s, n as f64);

        let swap: Function = ctx.eval(SWAP).unwrap();
        let mut p = Point { x: 1.0, y: 2.0, label: "p".into() };
        let t = Instant::now();
        for _ in 0..m {
            let o = Object::new(ctx.clone()).unwrap();
            o.set("x", p.x).unwrap();
            o.set("y", p.y).unwrap();
            o.set("label", p.label.as_str()).unwrap();
            let r: Object = swap.call((o,)).unwrap();
            p = Point {
                x: r.get("x").unwrap(),
                y: r.get("y").unwrap(),
                label: r.get("label").unwrap(),
            };
        }
        report("rquickjs", "struct", m, t.elapsed().as_secs_f64());
        assert_eq!(p.label, "p");
    });
}

fn boa_bench(n: u64, m: u64) {
    use boa_engine::{js_string, Context, JsValue, NativeFunction, Source};
    let mut ctx = Context::default();
    let add = ctx.eval(Source::from_bytes("(a, b) => a + b")).unwrap();
    let add = add.as_callable().unwrap().clone();
    let t = Instant::now();
    let mut s = 0.0;
    for i in 0..n {
        let r = add
            .call(
                &JsValue::undefined(),
                &[JsValue::from(s), JsValue::from((i & 1) as f64)],
                &mut ctx,
            )
            .unwrap();
        s = r.to_number(&mut ctx).unwrap();
    }
    report("boa", "rust->js", n, t.elapsed().as_secs_f64());
    assert_eq!(s, (n / 2) as f64);

    ctx.register_global_callable(
        js_string!("add"),
        2,
        NativeFunction::from_fn_ptr(|_, args, ctx| {
            let a = args.first().cloned().unwrap_or_default().to_number(ctx)?;
            let b = args.get(1).cloned().unwrap_or_default().to_number(ctx)?;
            Ok(JsValue::from(a + b))
        }),
    )
    .unwrap();
    let t = Instant::now();
    let s = ctx
        .eval(Source::from_bytes(&format!(
            "let s = 0; for (let i = 0; i < {n}; i++) s = add(s, 1); s"
        )))
        .unwrap();
    report("boa", "js->rust", n, t.elapsed().as_secs_f64());
    assert_eq!(s.to_number(&mut ctx).unwrap(), n as f64);

    let swap = ctx.eval(Source::from_bytes(SWAP)).unwrap();
    let swap = swap.as_callable().unwrap().clone();
    let mut p = Point { x: 1.0, y: 2.0, label: "p".into() };
    let t = Instant::now();
    for _ in 0..m {
        let arg = JsValue::from_json(&serde_json::to_value(&p).unwrap(), &mut ctx).unwrap();
        let r = swap.call(&JsValue::undefined(), &[arg], &mut ctx).unwrap();
        let json = r.to_json(&mut ctx).unwrap().unwrap();
        p = serde_json::from_value(json).unwrap();
    }
    report("boa", "struct", m, t.elapsed().as_secs_f64());
    assert_eq!(p.label, "p");
}

fn main() {
    let mut n: u64 = 1_000_000;
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--calls") {
        n = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(n);
    }
    // `--struct-calls M`: the struct rows' count (default: a tenth of N).
    let m = args
        .iter()
        .position(|a| a == "--struct-calls")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(n / 10);
    // `--only ENGINE` runs one engine (for profiling).
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1).cloned());
    let run = |engine: &str| only.as_deref().is_none_or(|o| o == engine);
    if run("jsruntime") {
        jsruntime_bench(n, m);
    }
    if run("rquickjs") {
        rquickjs_bench(n, m);
    }
    if run("boa") {
        boa_bench(n, m);
    }
}
