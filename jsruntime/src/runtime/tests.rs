//! Runtime tests: garbage collection through the runtime, errors, calls.

use super::*;
use crate::object::PropertyKey;

#[test]
fn garbage_is_collected_and_live_objects_survive() {
    let mut rt = Runtime::new();
    let keep = rt.new_object().unwrap();
    let k = rt.key("v").unwrap();
    rt.set(keep, k, Value::from_i32(99), Value::object(keep))
        .unwrap();
    let s = rt.new_string("a string that stays").unwrap();
    for i in 0..200_000 {
        let o = rt.new_object().unwrap();
        rt.set(o, k, Value::from_i32(i), Value::object(o)).unwrap();
    }
    rt.collect_garbage();
    let stats = rt.heap_stats();
    assert!(stats.collections >= 2, "{stats:?}");
    assert!(stats.live_bytes < 4 << 20, "{stats:?}");
    assert_eq!(
        rt.get(keep, k, Value::object(keep)).unwrap(),
        Value::from_i32(99)
    );
    assert_eq!(s.to_rust_string(), "a string that stays");
}

#[test]
fn values_in_a_value_list_survive() {
    let mut rt = Runtime::new();
    let list = rt.alloc(crate::gc::ValueList::new()).unwrap();
    for i in 0..1000 {
        let s = rt.new_string(&format!("item {i}")).unwrap();
        list.push(Value::string(s));
    }
    for _ in 0..3 {
        rt.collect_garbage();
    }
    assert_eq!(
        list.get(999).unwrap().as_string().unwrap().to_rust_string(),
        "item 999"
    );
}

#[test]
fn persistent_handles_root_values() {
    let mut rt = Runtime::new();
    let handle = {
        let s = rt.new_string("persistent").unwrap();
        rt.persistent(Value::string(s))
    };
    for _ in 0..100_000 {
        rt.new_object().unwrap();
    }
    rt.collect_garbage();
    assert_eq!(
        handle.get().as_string().unwrap().to_rust_string(),
        "persistent"
    );
}

#[test]
fn atoms_are_weak_but_names_stay() {
    let mut rt = Runtime::new();
    let before = rt.atom_count();
    for i in 0..10_000 {
        rt.atom(&format!("dynamic{i}")).unwrap();
    }
    assert!(rt.atom_count() >= before + 10_000);
    rt.collect_garbage();
    // Conservative scanning may keep a few alive.
    assert!(rt.atom_count() < before + 100, "{}", rt.atom_count());
    let len = rt.atom("length").unwrap();
    assert_eq!(len, rt.names.length);
}

#[test]
fn transitions_are_weak() {
    let mut rt = Runtime::new();
    for i in 0..5_000 {
        let o = rt.new_object().unwrap();
        let k = rt.key(&format!("key{i}")).unwrap();
        rt.set(o, k, Value::TRUE, Value::object(o)).unwrap();
    }
    rt.collect_garbage();
    let live = rt.heap_stats().live_bytes;
    assert!(live < 1 << 20, "shapes and atoms were freed: {live}");
}

#[test]
fn errors_have_prototypes_and_messages() {
    let mut rt = Runtime::new();
    let Thrown(e) = rt.type_error("bad thing");
    let e = e.as_object().unwrap();
    let msg = rt.get_by_name(e, "message").unwrap();
    assert_eq!(msg.as_string().unwrap().to_rust_string(), "bad thing");
    let name = rt.get_by_name(e, "name").unwrap();
    assert_eq!(name.as_string().unwrap().to_rust_string(), "TypeError");
    assert_eq!(e.proto(), rt.intrinsic(Intrinsic::TypeErrorPrototype));
    let not_fn = rt.call(Value::from_i32(1), Value::UNDEFINED, &[]);
    assert!(not_fn.is_err());
}

fn recurse(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let f = args[0];
    rt.call(f, this, args)
}

#[test]
fn deep_recursion_throws_range_error() {
    // Run on a thread with a known small stack.
    std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(|| {
            let mut rt = Runtime::new();
            let name = rt.atom("recurse").unwrap();
            let f = rt.new_native_function(name, 1, recurse, None).unwrap();
            let r = rt.call(Value::object(f), Value::UNDEFINED, &[Value::object(f)]);
            let Err(Thrown(e)) = r else {
                panic!("expected a throw")
            };
            let e = e.as_object().unwrap();
            assert_eq!(e.proto(), rt.intrinsic(Intrinsic::RangeErrorPrototype));
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn global_object_basics() {
    let mut rt = Runtime::new();
    let g = rt.global_object();
    let gt = rt.get_by_name(g, "globalThis").unwrap();
    assert_eq!(gt, Value::object(g));
    let nan = rt.get_by_name(g, "NaN").unwrap();
    assert!(nan.as_number().unwrap().is_nan());
    let key = rt.key("undefined").unwrap();
    assert!(!rt.set(g, key, Value::TRUE, Value::object(g)).unwrap());
    let _ = PropertyKey::Index(0);
}
