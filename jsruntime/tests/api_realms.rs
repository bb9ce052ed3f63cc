//! More than one context (realm) in one runtime, and values moving between
//! them (issue 15 point 1). Realms share the heap: a value made in one is
//! usable in another, and keeps its own realm's prototypes, as an object
//! from another iframe does in a browser.

use jsruntime::api::{Error, JsValue, Runtime};

#[test]
fn values_cross_realms_with_their_own_prototypes() {
    let mut rt = Runtime::new().unwrap();
    let main = rt.current_realm();
    let other = rt.create_realm().unwrap();
    assert_ne!(main, other);
    let (obj, arr): (JsValue, JsValue) = rt
        .with_realm(other, |ctx| {
            ctx.eval::<()>("globalThis.where = 'other'")?;
            Ok::<_, Error>((
                ctx.eval("({ n: 1, nested: { s: 'x' } })")?,
                ctx.eval("[1, 2, 3]")?,
            ))
        })
        .unwrap();
    assert_eq!(rt.current_realm(), main);
    rt.set_global("obj", &obj).unwrap();
    rt.set_global("arr", &arr).unwrap();
    // Data reads and JSON work across realms.
    assert_eq!(
        rt.eval::<String>("JSON.stringify([obj, arr])").unwrap(),
        r#"[{"n":1,"nested":{"s":"x"}},[1,2,3]]"#
    );
    // The objects keep the other realm's prototypes.
    assert!(!rt.eval::<bool>("obj instanceof Object").unwrap());
    assert!(!rt.eval::<bool>("arr instanceof Array").unwrap());
    assert!(rt.eval::<bool>("Array.isArray(arr)").unwrap());
    assert_eq!(
        rt.eval::<String>("Object.prototype.toString.call(arr)")
            .unwrap(),
        "[object Array]"
    );
    // Built-in methods of the other realm still work on them.
    assert_eq!(rt.eval::<i32>("arr.map((x) => x * 2)[2]").unwrap(), 6);
    // Rust conversions do not care which realm made a value.
    let v: Vec<i32> = arr.to(&mut rt).unwrap();
    assert_eq!(v, [1, 2, 3]);
}

#[test]
fn functions_run_in_the_realm_that_made_them() {
    let mut rt = Runtime::new().unwrap();
    rt.eval::<()>("globalThis.where = 'main'").unwrap();
    let other = rt.create_realm().unwrap();
    let whereami: JsValue = rt
        .with_realm(other, |ctx| {
            ctx.eval::<()>("globalThis.where = 'other'")?;
            ctx.eval("(function whereami() { return where + ':' + typeof Array.prototype.map })")
        })
        .unwrap();
    // Called from Rust while `main` is current, and from main's code.
    assert_eq!(
        whereami.call::<String>(&mut rt, ()).unwrap(),
        "other:function"
    );
    rt.set_global("whereami", &whereami).unwrap();
    assert_eq!(rt.eval::<String>("whereami()").unwrap(), "other:function");
    // A function of main passed into the other realm sees main's globals.
    let main_fn: JsValue = rt.eval("() => where").unwrap();
    let seen: String = rt
        .with_realm(other, |ctx| {
            ctx.set_global("mainFn", &main_fn)?;
            ctx.eval("mainFn() + '/' + where")
        })
        .unwrap();
    assert_eq!(seen, "main/other");
}

#[test]
fn errors_and_host_functions_per_realm() {
    let mut rt = Runtime::new().unwrap();
    let main = rt.current_realm();
    let other = rt.create_realm().unwrap();
    // A host function made while `other` is current belongs to it.
    rt.with_realm(other, |ctx| {
        ctx.set_global_function("double", |_, (x,): (f64,)| Ok::<_, Error>(x * 2.0))
    })
    .unwrap();
    assert!(rt.eval::<bool>("typeof double === 'undefined'").unwrap());
    let d: f64 = rt.with_realm(other, |ctx| ctx.eval("double(21)")).unwrap();
    assert_eq!(d, 42.0);
    // An exception from the other realm reaches Rust like any other, and
    // the current realm is restored after it.
    let err = rt
        .with_realm(other, |ctx| ctx.eval::<()>("null.x"))
        .unwrap_err();
    assert_eq!(err.as_js().unwrap().name, "TypeError");
    assert_eq!(rt.current_realm(), main);
    // Its error object is the other realm's TypeError.
    let value = err.as_js().unwrap().value.clone().unwrap();
    rt.set_global("e", value).unwrap();
    assert!(!rt.eval::<bool>("e instanceof TypeError").unwrap());
    assert_eq!(rt.eval::<String>("e.name").unwrap(), "TypeError");
    // Realms nest.
    let third = rt.create_realm().unwrap();
    let names: (String, String) = rt
        .with_realm(other, |ctx| {
            ctx.eval::<()>("globalThis.tag = 'two'")?;
            let inner: String = ctx.with_realm(third, |ctx| {
                ctx.eval::<()>("globalThis.tag = 'three'")?;
                ctx.eval("tag")
            })?;
            Ok::<_, Error>((ctx.eval("tag")?, inner))
        })
        .unwrap();
    assert_eq!(names, ("two".to_owned(), "three".to_owned()));
}

#[test]
fn many_realms_and_collections() {
    let mut rt = Runtime::new().unwrap();
    let mut kept = Vec::new();
    for i in 0..50 {
        let realm = rt.create_realm().unwrap();
        let v: JsValue = rt
            .with_realm(realm, |ctx| {
                ctx.eval(&format!("({{ i: {i}, list: [{i}] }})"))
            })
            .unwrap();
        kept.push(v);
        if i % 10 == 0 {
            rt.collect_garbage();
        }
    }
    rt.collect_garbage();
    for (i, v) in kept.iter().enumerate() {
        assert_eq!(v.get::<usize>(&mut rt, "i").unwrap(), i);
        let list: Vec<usize> = v.get(&mut rt, "list").unwrap();
        assert_eq!(list, [i]);
    }
}
