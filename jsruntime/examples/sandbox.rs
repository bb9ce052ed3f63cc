//! Running untrusted scripts: each in its own realm, with console output
//! captured by Rust, only the host functions you choose, errors reported
//! as values, and unhandled rejections collected.
//!
//! `cargo run -p jsruntime --example sandbox`

use std::cell::RefCell;
use std::rc::Rc;

use jsruntime::api::{ConsoleLevel, Error, Runtime};

fn main() -> Result<(), Error> {
    let mut rt = Runtime::new()?;
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
    ];
    for (name, source) in scripts {
        // A fresh realm per script: its own globals and built-ins.
        let realm = rt.create_realm()?;
        let out = output.clone();
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
        match result {
            Ok(v) => println!("{name}: {v}"),
            Err(e) => println!("{name}: failed: {e}"),
        }
    }
    for line in output.borrow().iter() {
        println!("{line}");
    }
    for r in rejections.borrow().iter() {
        println!("unhandled rejection: {r}");
    }
    assert_eq!(rejections.borrow().len(), 1);
    Ok(())
}
