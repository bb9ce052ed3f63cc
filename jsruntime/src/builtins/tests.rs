//! Built-ins called from Rust on a bare runtime (compiled code calling them
//! is tested in `backend::tests_objects`).

use crate::runtime::{CapturedOutput, Runtime};
use crate::value::Value;

fn global_fn(rt: &mut Runtime, path: &[&str]) -> Value {
    let mut v = Value::object(rt.global_object());
    for name in path {
        v = rt.get_by_name(v.as_object().unwrap(), name).unwrap();
    }
    v
}

#[test]
fn print_writes_strings_and_string_conversions() {
    let mut rt = Runtime::new();
    let out = CapturedOutput::default();
    rt.set_output(Box::new(out.clone()));
    let print = global_fn(&mut rt, &["print"]);
    let s = Value::string(rt.new_string("héllo").unwrap());
    let arr = rt
        .create_array_from_list(&[Value::from_i32(1), Value::NULL, Value::from_f64(2.5)])
        .unwrap();
    rt.call(
        print,
        Value::UNDEFINED,
        &[s, Value::object(arr), Value::from_f64(-0.0)],
    )
    .unwrap();
    let log = global_fn(&mut rt, &["console", "log"]);
    rt.call(log, Value::UNDEFINED, &[]).unwrap();
    assert_eq!(out.text(), "héllo 1,,2.5 0\n\n");
}

#[test]
fn object_to_string_tags_and_keys() {
    let mut rt = Runtime::new();
    let to_string = global_fn(&mut rt, &["Object", "prototype", "toString"]);
    let arr = rt.new_array(0).unwrap();
    let err = rt.new_error(crate::ErrorKind::TypeError, "x").unwrap();
    let cases = [
        (Value::UNDEFINED, "[object Undefined]"),
        (Value::NULL, "[object Null]"),
        (Value::object(arr), "[object Array]"),
        (Value::object(err), "[object Error]"),
        (Value::from_i32(1), "[object Number]"),
        (to_string, "[object Function]"),
    ];
    for (v, expected) in cases {
        let r = rt.call(to_string, v, &[]).unwrap();
        assert_eq!(r.as_string().unwrap().to_rust_string(), expected);
    }
    // Uncaught-exception formatting.
    assert_eq!(rt.format_exception(Value::object(err)), "TypeError: x");
    assert_eq!(rt.format_exception(Value::from_i32(3)), "3");
}
