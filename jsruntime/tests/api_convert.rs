//! FromJs / IntoJs both ways, and serde.

use std::collections::{BTreeMap, HashMap};

use jsruntime::api::{Coerce, JsValue, Runtime, Serde};
use serde::{Deserialize, Serialize};

#[test]
fn numbers_strings_bools_options() {
    let mut rt = Runtime::new().unwrap();
    let id: JsValue = rt.eval("(x) => x").unwrap();
    let round = |rt: &mut Runtime, v: JsValue| -> JsValue { id.call(rt, (v,)).unwrap() };
    let v = rt.to_js(-7i64).unwrap();
    assert_eq!(round(&mut rt, v).to::<i64>(&mut rt).unwrap(), -7);
    let v = rt.to_js(u32::MAX).unwrap();
    assert_eq!(round(&mut rt, v).to::<u32>(&mut rt).unwrap(), u32::MAX);
    let v = rt.to_js("héllo ✓").unwrap();
    assert_eq!(round(&mut rt, v).to::<String>(&mut rt).unwrap(), "héllo ✓");
    let v = rt.to_js('z').unwrap();
    assert_eq!(round(&mut rt, v).to::<char>(&mut rt).unwrap(), 'z');
    let v = rt.to_js(Some(true)).unwrap();
    assert_eq!(v.to::<Option<bool>>(&mut rt).unwrap(), Some(true));
    let v = rt.to_js(None::<i32>).unwrap();
    assert!(v.is_undefined());
    assert_eq!(rt.eval::<Option<String>>("null").unwrap(), None);
    assert_eq!(rt.eval::<Coerce<f64>>("'12.5'").unwrap().0, 12.5);
    assert_eq!(rt.eval::<Coerce<String>>("[1, 2]").unwrap().0, "1,2");
    assert!(rt.eval::<Coerce<bool>>("'x'").unwrap().0);
    // Errors name the types.
    let e = rt.eval::<i32>("'nope'").unwrap_err();
    assert_eq!(e.to_string(), "TypeError: cannot convert string to i32");
}

#[test]
fn vectors_maps_tuples() {
    let mut rt = Runtime::new().unwrap();
    let v = rt.to_js(vec![vec![1, 2], vec![3]]).unwrap();
    rt.set_global("nested", v).unwrap();
    assert_eq!(
        rt.eval::<String>("JSON.stringify(nested)").unwrap(),
        "[[1,2],[3]]"
    );
    let mut m = HashMap::new();
    m.insert("a".to_string(), 1.5);
    m.insert("b".to_string(), 2.0);
    let v = rt.to_js(m.clone()).unwrap();
    rt.set_global("m", v).unwrap();
    assert_eq!(rt.eval::<f64>("m.a + m.b").unwrap(), 3.5);
    let back: HashMap<String, f64> = rt.get_global("m").unwrap();
    assert_eq!(back, m);
    let b: BTreeMap<String, Vec<String>> = rt.eval("({ x: ['1'], y: [] })").unwrap();
    assert_eq!(b["x"], vec!["1".to_string()]);
    assert!(b["y"].is_empty());
    let t: (i32, String, bool) = rt.eval("[1, 'two', true]").unwrap();
    assert_eq!(t, (1, "two".to_string(), true));
    let v = rt.to_js((1, "a", [true, false])).unwrap();
    rt.set_global("t", v).unwrap();
    assert_eq!(
        rt.eval::<String>("JSON.stringify(t)").unwrap(),
        "[1,\"a\",[true,false]]"
    );
    // Array-likes convert to Vec too.
    let v: Vec<String> = rt.eval("({ length: 2, 0: 'p', 1: 'q' })").unwrap();
    assert_eq!(v, ["p", "q"]);
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Point {
    x: f64,
    y: f64,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Shape {
    name: String,
    points: Vec<Point>,
    closed: bool,
    color: Option<String>,
    tags: BTreeMap<String, u32>,
}

#[test]
fn serde_structs_cross_as_objects() {
    let mut rt = Runtime::new().unwrap();
    let shape = Shape {
        name: "tri".into(),
        points: vec![Point { x: 0.0, y: 0.0 }, Point { x: 1.0, y: 0.5 }],
        closed: true,
        color: None,
        tags: [("layer".to_string(), 2)].into_iter().collect(),
    };
    let v = rt.to_js(Serde(&shape)).unwrap();
    rt.set_global("shape", v).unwrap();
    assert_eq!(
        rt.eval::<String>("JSON.stringify(shape)").unwrap(),
        r#"{"name":"tri","points":[{"x":0,"y":0},{"x":1,"y":0.5}],"closed":true,"color":null,"tags":{"layer":2}}"#
    );
    let back: Serde<Shape> = rt
        .eval("shape.points.push({ x: 3, y: 4 }); shape.color = 'red'; shape")
        .unwrap();
    assert_eq!(back.0.points.len(), 3);
    assert_eq!(back.0.color.as_deref(), Some("red"));
    // A missing field is a conversion error naming the field.
    let e = rt.eval::<Serde<Point>>("({ x: 1 })").unwrap_err();
    assert!(e.to_string().contains("missing field `y`"), "{e}");
    // serde_json::Value directly.
    let j: serde_json::Value = rt.eval("({ a: [1, 'b', null, 2.5] })").unwrap();
    assert_eq!(j, serde_json::json!({ "a": [1, "b", null, 2.5] }));
    // A cycle is an error, not a stack overflow.
    assert!(rt
        .eval::<serde_json::Value>("const c = {}; c.c = c; c")
        .is_err());
}

#[test]
fn hostile_lengths_are_errors() {
    let mut rt = Runtime::new().unwrap();
    let e = rt.eval::<Vec<i32>>("({ length: 4e9 })").unwrap_err();
    assert!(e.to_string().contains("too large"), "{e}");
    let e = rt.eval::<Vec<i32>>("({ length: -1 })").unwrap_err();
    assert!(e.to_string().contains("too large"), "{e}");
}
