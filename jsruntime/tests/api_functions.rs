//! Host functions: typed, optional and rest arguments, `this`, errors both
//! ways.

use jsruntime::api::{Args, Error, JsValue, Rest, Runtime, This};

#[test]
fn typed_optional_rest_and_this() {
    let mut rt = Runtime::new().unwrap();
    rt.set_global_function("add", |_, (a, b): (f64, f64)| Ok::<_, Error>(a + b))
        .unwrap();
    rt.set_global_function("greet", |_, (name, greeting): (String, Option<String>)| {
        Ok::<_, Error>(format!(
            "{}, {name}",
            greeting.as_deref().unwrap_or("Hello")
        ))
    })
    .unwrap();
    rt.set_global_function("join", |_, (sep, Rest(parts)): (String, Rest<String>)| {
        Ok::<_, Error>(parts.join(&sep))
    })
    .unwrap();
    rt.set_global_function("getX", |ctx, (This(this),): (This<JsValue>,)| {
        this.get::<i32>(ctx, "x")
    })
    .unwrap();
    rt.set_global_function("count", |_, args: Args| Ok::<_, Error>(args.len()))
        .unwrap();
    assert_eq!(rt.eval::<f64>("add(2, 3.5)").unwrap(), 5.5);
    assert_eq!(rt.eval::<String>("greet('Ada')").unwrap(), "Hello, Ada");
    assert_eq!(rt.eval::<String>("greet('Ada', 'Hi')").unwrap(), "Hi, Ada");
    assert_eq!(
        rt.eval::<String>("join('-', 'a', 'b', 'c')").unwrap(),
        "a-b-c"
    );
    assert_eq!(rt.eval::<i32>("({ x: 9, getX }).getX()").unwrap(), 9);
    assert_eq!(rt.eval::<usize>("count(1, 2, 3, 4)").unwrap(), 4);
    // `length` and `name` as JavaScript functions have them.
    assert_eq!(
        rt.eval::<String>("add.name + add.length + join.length")
            .unwrap(),
        "add21"
    );
    assert_eq!(rt.eval::<String>("typeof add").unwrap(), "function");
    // Usable as callbacks of built-ins, through bind, apply, etc.
    assert_eq!(rt.eval::<f64>("[1, 2, 3].reduce(add, 0)").unwrap(), 6.0);
    assert_eq!(
        rt.eval::<f64>("add.call(null, 1, 1) + add.apply(null, [2, 2]) + add.bind(null, 10)(5)")
            .unwrap(),
        21.0
    );
    // Not a constructor.
    assert_eq!(
        rt.eval::<String>("try { new add(1, 2) } catch (e) { e.name }")
            .unwrap(),
        "TypeError"
    );
}

#[test]
fn rust_errors_become_js_exceptions() {
    let mut rt = Runtime::new().unwrap();
    rt.set_global_function("parse", |_, (s,): (String,)| {
        s.trim().parse::<i32>().map_err(Error::from)
    })
    .unwrap();
    rt.set_global_function("fail", |_, (): ()| {
        Err::<(), _>(Error::range_error("out of range"))
    })
    .unwrap();
    rt.set_global_function("io", |_, (): ()| {
        std::fs::read_to_string("/definitely/not/here").map_err(Error::from)
    })
    .unwrap();
    rt.set_global_function("boom", |_, (): ()| -> Result<(), Error> {
        panic!("kaboom")
    })
    .unwrap();
    assert_eq!(rt.eval::<i32>("parse(' 12 ')").unwrap(), 12);
    let r: String = rt
        .eval("try { parse('x') } catch (e) { e instanceof TypeError ? e.message : 'wrong' }")
        .unwrap();
    assert_eq!(r, "invalid digit found in string");
    let r: String = rt
        .eval("try { fail() } catch (e) { e.name + ': ' + e.message }")
        .unwrap();
    assert_eq!(r, "RangeError: out of range");
    let r: String = rt.eval("try { io() } catch (e) { e.name }").unwrap();
    assert_eq!(r, "Error");
    // A panic is caught at the boundary and thrown as an Error.
    let r: String = rt.eval("try { boom() } catch (e) { e.message }").unwrap();
    assert_eq!(r, "host function boom panicked: kaboom");
    // Argument conversion errors are TypeErrors naming the argument.
    let r: String = rt
        .eval("try { parse(5) } catch (e) { e.name + ': ' + e.message }")
        .unwrap();
    assert_eq!(r, "TypeError: cannot convert number to String: argument 1");
}

#[test]
fn host_errors_have_a_stack_naming_the_host_function() {
    let mut rt = Runtime::new().unwrap();
    rt.set_global_function("check", |_, (n,): (i32,)| {
        if n < 0 {
            Err(Error::range_error("negative"))
        } else {
            Ok(n)
        }
    })
    .unwrap();
    let src = "function validate(n) {\n  return check(n);\n}\nvalidate(-1);\n";
    let err = rt.eval_named::<()>(src, "app.js").unwrap_err();
    let js = err.as_js().unwrap();
    assert_eq!(
        (js.name.as_str(), js.message.as_str()),
        ("RangeError", "negative")
    );
    assert!(js.stack.contains("at check (native)"), "{}", js.stack);
    assert!(
        js.stack.contains("at validate (app.js:2:10)"),
        "{}",
        js.stack
    );
    let at = js.location.as_ref().unwrap();
    assert_eq!(at.to_string(), "app.js:2:10");
    // Caught in JavaScript, the error's stack has the host frame too.
    let stack: String = rt
        .eval_named("try { validate(-2) } catch (e) { e.stack }", "b.js")
        .unwrap();
    assert!(
        stack.starts_with("RangeError: negative\n    at check (native)"),
        "{stack}"
    );
}

#[test]
fn js_exceptions_through_host_functions_keep_their_value() {
    let mut rt = Runtime::new().unwrap();
    rt.set_global_function("callIt", |ctx, (f,): (JsValue,)| f.call::<JsValue>(ctx, ()))
        .unwrap();
    let r: String = rt
        .eval("const err = new SyntaxError('inner'); try { callIt(() => { throw err; }) } catch (e) { e === err ? 'same' : 'different' }")
        .unwrap();
    assert_eq!(r, "same");
}

#[test]
fn reentrant_calls() {
    let mut rt = Runtime::new().unwrap();
    rt.set_global_function("twice", |ctx, (f, x): (JsValue, f64)| {
        let once: f64 = f.call(ctx, (x,))?;
        f.call::<f64>(ctx, (once,))
    })
    .unwrap();
    let r: f64 = rt.eval("twice((v) => twice((w) => w + 1, v), 1)").unwrap();
    assert_eq!(r, 5.0);
}
