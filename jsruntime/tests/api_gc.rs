//! Handles stay valid across thousands of collections.

use std::collections::HashMap;

use jsruntime::api::{Error, JsValue, Runtime};

/// Rust-side state that keeps JavaScript values across calls.
struct Registry {
    objects: Vec<JsValue>,
    by_name: HashMap<String, JsValue>,
    callback: JsValue,
}

#[test]
fn handles_survive_thousands_of_collections() {
    let mut rt = Runtime::new().unwrap();
    let mut reg = Registry {
        objects: Vec::new(),
        by_name: HashMap::new(),
        callback: rt.eval("(o) => o.id * 2 + o.tag.length").unwrap(),
    };
    for i in 0..200 {
        let o: JsValue = rt
            .eval(&format!(
                "({{ id: {i}, tag: 'x'.repeat({i} % 7), list: [{i}, 'a' + {i}] }})"
            ))
            .unwrap();
        let s: JsValue = rt.eval(&format!("'string-' + {i}")).unwrap();
        reg.by_name.insert(format!("s{i}"), s);
        reg.objects.push(o);
    }
    // Garbage in between and many full collections.
    for round in 0..2000 {
        if round % 100 == 0 {
            rt.eval::<()>(
                "{ let junk = []; for (let i = 0; i < 2000; i++) junk.push({ i, s: 'j' + i }); }",
            )
            .unwrap();
        }
        rt.collect_garbage();
    }
    for (i, o) in reg.objects.iter().enumerate() {
        assert_eq!(o.get::<usize>(&mut rt, "id").unwrap(), i);
        let list: (usize, String) = o.get(&mut rt, "list").unwrap();
        assert_eq!(list, (i, format!("a{i}")));
        let r: usize = reg.callback.call(&mut rt, (o,)).unwrap();
        assert_eq!(r, i * 2 + i % 7);
        assert_eq!(
            reg.by_name[&format!("s{i}")].as_string().unwrap(),
            format!("string-{i}")
        );
    }
    assert!(rt.heap_stats().collections >= 2000, "{:?}", rt.heap_stats());
    // Dropping the handles frees their roots.
    let with = rt.rooted_handles();
    drop(reg);
    assert_eq!(with - rt.rooted_handles(), 401);
}

#[test]
fn handles_in_host_function_state_survive_stress() {
    // GC stress through the environment is per process; collect inside the
    // host function instead, between every call.
    let mut rt = Runtime::new().unwrap();
    let kept = std::rc::Rc::new(std::cell::RefCell::new(Vec::<JsValue>::new()));
    let k = kept.clone();
    rt.set_global_function("keep", move |ctx, (v,): (JsValue,)| {
        k.borrow_mut().push(v);
        ctx.collect_garbage();
        Ok::<_, Error>(k.borrow().len())
    })
    .unwrap();
    let n: usize = rt
        .eval("let n = 0; for (let i = 0; i < 3000; i++) n = keep({ i, s: 'v' + i }); n")
        .unwrap();
    assert_eq!(n, 3000);
    let kept = kept.borrow();
    for (i, v) in kept.iter().enumerate().step_by(97) {
        assert_eq!(v.get::<String>(&mut rt, "s").unwrap(), format!("v{i}"));
    }
}

#[test]
fn handles_outliving_their_runtime_are_harmless() {
    let v = {
        let mut rt = Runtime::new().unwrap();
        rt.eval::<JsValue>("({ a: 1 })").unwrap()
    };
    // The runtime is gone: the handle reads undefined instead of a freed cell.
    assert!(v.is_undefined());
    drop(v);
}
