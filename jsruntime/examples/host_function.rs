//! Rust functions called from JavaScript: typed arguments (optional, rest,
//! `this`), results converted back, Rust errors thrown as JavaScript
//! exceptions (with a stack naming the host function), and JavaScript
//! exceptions seen from Rust.
//!
//! `cargo run -p jsruntime --example host_function`

use jsruntime::api::{Error, JsValue, Rest, Runtime, This};

fn main() -> Result<(), Error> {
    let mut rt = Runtime::new()?;

    // Plain typed arguments.
    rt.set_global_function("add", |_, (a, b): (f64, f64)| Ok::<_, Error>(a + b))?;
    // An optional argument (`Option`) and a rest parameter (`Rest`).
    rt.set_global_function(
        "format",
        |_, (template, Rest(values)): (String, Rest<String>)| {
            let mut out = template;
            for v in values {
                out = out.replacen("{}", &v, 1);
            }
            Ok::<_, Error>(out)
        },
    )?;
    rt.set_global_function("repeat", |_, (s, times): (String, Option<usize>)| {
        Ok::<_, Error>(s.repeat(times.unwrap_or(2)))
    })?;
    // `this`, and calling back into JavaScript.
    rt.set_global_function("describe", |ctx, (This(this),): (This<JsValue>,)| {
        let name: String = this.get(ctx, "name")?;
        let n: usize = this.call_method(ctx, "size", ())?;
        Ok::<_, Error>(format!("{name} has {n} items"))
    })?;
    // Failing with a Rust error: JavaScript sees a RangeError.
    rt.set_global_function("sqrt", |_, (x,): (f64,)| {
        if x < 0.0 {
            Err(Error::range_error(format!("sqrt of negative number {x}")))
        } else {
            Ok(x.sqrt())
        }
    })?;

    let out: String = rt.eval(
        "[add(1, 2), format('{} + {} = {}', 'a', 'b', 'c'), repeat('ab'), repeat('x', 3),
          describe.call({ name: 'cart', size() { return 3; } })].join('\\n')",
    )?;
    println!("{out}");

    // The Rust error caught in JavaScript: its stack names the host function.
    let stack: String = rt.eval_named(
        "function area(r) {\n  return sqrt(r);\n}\ntry { area(-1) } catch (e) { e.stack }",
        "shapes.js",
    )?;
    println!("{stack}");
    assert!(stack.contains("at sqrt (native)"));

    // And uncaught: a Rust error with name, message and FILE:LINE:COL.
    let err = rt
        .eval_named::<f64>(
            "function area(r) {\n  return sqrt(r);\n}\narea(-4)",
            "shapes.js",
        )
        .unwrap_err();
    let js = err.as_js().expect("a JavaScript exception");
    println!(
        "name={} message={:?} at {}",
        js.name,
        js.message,
        js.location.as_ref().unwrap()
    );
    println!("{}", js.stack);
    Ok(())
}
