//! The embedding API: evaluating code, globals, calls, errors, realms.

use jsruntime::api::{Error, JsValue, Runtime};

#[test]
fn eval_typed_results() {
    let mut rt = Runtime::new().unwrap();
    assert_eq!(rt.eval::<i32>("40 + 2").unwrap(), 42);
    assert_eq!(rt.eval::<f64>("0.5 * 3").unwrap(), 1.5);
    assert!(rt.eval::<bool>("1 < 2").unwrap());
    assert_eq!(rt.eval::<String>("'a' + 'b'").unwrap(), "ab");
    assert_eq!(rt.eval::<Option<i32>>("undefined").unwrap(), None);
    assert_eq!(rt.eval::<Vec<i32>>("[1, 2, 3]").unwrap(), vec![1, 2, 3]);
    // Strict numbers: a string is not a number, a fraction not an integer.
    assert!(rt.eval::<f64>("'12'").is_err());
    assert!(rt.eval::<i32>("1.5").is_err());
    assert!(rt.eval::<u8>("300").is_err());
}

#[test]
fn globals_persist_between_scripts() {
    let mut rt = Runtime::new().unwrap();
    rt.eval::<()>("let counter = 1; var v = 'x'; function inc() { return ++counter; }")
        .unwrap();
    assert_eq!(rt.eval::<i32>("inc()").unwrap(), 2);
    assert_eq!(rt.get_global::<i32>("counter").unwrap(), 2);
    assert_eq!(rt.get_global::<String>("v").unwrap(), "x");
    rt.set_global("fromRust", vec!["a", "b"]).unwrap();
    assert_eq!(rt.eval::<String>("fromRust.join('-')").unwrap(), "a-b");
    assert_eq!(rt.get_global::<Option<i32>>("missing").unwrap(), None);
}

#[test]
fn call_js_function_from_rust() {
    let mut rt = Runtime::new().unwrap();
    let add: JsValue = rt.eval("(a, b) => a + b").unwrap();
    assert_eq!(add.call::<f64>(&mut rt, (1, 2.5)).unwrap(), 3.5);
    assert_eq!(add.call::<String>(&mut rt, ("x", 1)).unwrap(), "x1");
    let obj: JsValue = rt
        .eval("({ n: 2, twice(x) { return x * this.n; } })")
        .unwrap();
    assert_eq!(obj.call_method::<i32>(&mut rt, "twice", (21,)).unwrap(), 42);
    obj.set(&mut rt, "n", 3).unwrap();
    assert_eq!(obj.call_method::<i32>(&mut rt, "twice", (2,)).unwrap(), 6);
    assert_eq!(obj.get::<i32>(&mut rt, "n").unwrap(), 3);
    assert!(obj.has(&mut rt, "twice").unwrap());
    let date: JsValue = rt.eval("Date").unwrap();
    let d: JsValue = date.construct(&mut rt, (0,)).unwrap();
    assert_eq!(d.call_method::<f64>(&mut rt, "getTime", ()).unwrap(), 0.0);
    // Not a function.
    let e = obj.call::<()>(&mut rt, ()).unwrap_err();
    assert_eq!(e.name(), "TypeError");
}

#[test]
fn exceptions_carry_name_message_stack_and_position() {
    let mut rt = Runtime::new().unwrap();
    let src = "function inner() {\n  throw new RangeError('too big');\n}\nfunction outer() { inner(); }\nouter();\n";
    let err = rt.eval_named::<()>(src, "lib.js").unwrap_err();
    let js = err.as_js().expect("a JavaScript exception");
    assert_eq!(js.name, "RangeError");
    assert_eq!(js.message, "too big");
    let at = js.location.as_ref().unwrap();
    assert_eq!((at.file.as_str(), at.line, at.column), ("lib.js", 2, 3));
    assert!(js.stack.starts_with("RangeError: too big"), "{}", js.stack);
    // The stack is captured when the error is created (as V8 does), so
    // the frame points at `new`, not at `throw`.
    assert!(js.stack.contains("at inner (lib.js:2:9)"), "{}", js.stack);
    assert!(js.stack.contains("at outer (lib.js:4:20)"), "{}", js.stack);
    assert_eq!(err.to_string(), "RangeError: too big (at lib.js:2:3)");
    // A thrown primitive.
    let err = rt.eval::<()>("throw 42").unwrap_err();
    assert_eq!(err.message(), "42");
    // The thrown value itself is kept.
    let err = rt.eval::<()>("throw { code: 7 }").unwrap_err();
    let v = err.as_js().unwrap().value.clone().unwrap();
    assert_eq!(v.get::<i32>(&mut rt, "code").unwrap(), 7);
}

#[test]
fn syntax_errors_have_positions() {
    let mut rt = Runtime::new().unwrap();
    let err = rt
        .eval_named::<()>("let a = 1;\nlet = = 2;", "bad.js")
        .unwrap_err();
    let js = err.as_js().unwrap();
    assert_eq!(js.name, "SyntaxError");
    let at = js.location.as_ref().unwrap();
    assert_eq!((at.file.as_str(), at.line), ("bad.js", 2));
    // The runtime still works afterwards.
    assert_eq!(rt.eval::<i32>("1").unwrap(), 1);
}

#[test]
fn eval_file_reads_a_script() {
    let dir = std::env::temp_dir().join(format!("jsruntime-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("script.js");
    std::fs::write(&path, "const x = 20;\nx + 1").unwrap();
    let mut rt = Runtime::new().unwrap();
    assert_eq!(rt.eval_file::<i32>(&path).unwrap(), 21);
    assert!(rt.eval_file::<i32>(dir.join("missing.js")).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn realms_have_their_own_globals() {
    let mut rt = Runtime::new().unwrap();
    rt.eval::<()>("globalThis.where = 'main'").unwrap();
    let other = rt.create_realm().unwrap();
    let array_ctor_other: JsValue = rt
        .with_realm(other, |ctx| {
            ctx.eval::<()>("globalThis.where = 'other'")?;
            ctx.eval("Array")
        })
        .unwrap();
    assert_eq!(rt.get_global::<String>("where").unwrap(), "main");
    let same: bool = rt
        .with_realm(other, |ctx| ctx.get_global::<String>("where"))
        .unwrap()
        == "other";
    assert!(same);
    let main_array: JsValue = rt.eval("Array").unwrap();
    assert!(!main_array.same_value(&array_ctor_other));
}

#[test]
fn handles_of_another_runtime_are_refused() {
    let mut a = Runtime::new().unwrap();
    let mut b = Runtime::new().unwrap();
    let obj: JsValue = a.eval("({x: 1})").unwrap();
    let e = obj.get::<i32>(&mut b, "x").unwrap_err();
    assert!(matches!(e, Error::Host { .. }), "{e:?}");
}
