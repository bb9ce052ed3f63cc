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

#[test]
fn bigints_both_ways() {
    use jsruntime::api::AsBigInt;
    let mut rt = Runtime::new().unwrap();
    // i128 and u128 are BigInts.
    rt.set_global("a", i128::MIN).unwrap();
    rt.set_global("b", u128::MAX).unwrap();
    assert!(rt.eval::<bool>("a === -(2n ** 127n)").unwrap());
    assert!(rt.eval::<bool>("b === 2n ** 128n - 1n").unwrap());
    assert_eq!(rt.eval::<u128>("2n ** 100n").unwrap(), 1u128 << 100);
    assert_eq!(rt.eval::<i128>("-5n").unwrap(), -5);
    // Safe integer numbers convert to 128-bit integers too; others do not.
    assert_eq!(rt.eval::<i128>("-42").unwrap(), -42);
    assert!(rt.eval::<u128>("-1").is_err());
    assert!(rt.eval::<i128>("2 ** 60").is_err());
    assert!(rt.eval::<u128>("2n ** 128n").is_err());
    // AsBigInt for 64-bit (and smaller) integers.
    rt.set_global("c", AsBigInt(u64::MAX)).unwrap();
    rt.set_global("d", AsBigInt(i64::MIN)).unwrap();
    assert!(rt
        .eval::<bool>("c === 2n ** 64n - 1n && d === -(2n ** 63n)")
        .unwrap());
    let AsBigInt(x): AsBigInt<u64> = rt.eval("2n ** 64n - 1n").unwrap();
    assert_eq!(x, u64::MAX);
    assert!(rt.eval::<AsBigInt<u64>>("-1n").is_err());
    assert!(rt.eval::<AsBigInt<i64>>("1").is_err());
    // Plain integers accept a BigInt that fits.
    assert_eq!(rt.eval::<i64>("-(2n ** 62n)").unwrap(), -(1 << 62));
    assert_eq!(rt.eval::<u8>("255n").unwrap(), 255);
    let e = rt.eval::<u8>("256n").unwrap_err();
    assert!(e.to_string().contains("256n is out of range"), "{e}");
    // num_bigint::BigInt, any size.
    let big: num_bigint::BigInt = rt.eval("3n ** 200n").unwrap();
    assert_eq!(big, num_bigint::BigInt::from(3).pow(200));
    rt.set_global("big", big).unwrap();
    assert!(rt.eval::<bool>("big === 3n ** 200n").unwrap());
    // Through host functions.
    rt.set_global_function("mul", |_, (a, b): (u128, u128)| {
        a.checked_mul(b).ok_or("overflow")
    })
    .unwrap();
    assert!(rt
        .eval::<bool>("mul(2n ** 64n, 3n) === 3n * 2n ** 64n")
        .unwrap());
    assert!(rt
        .eval::<bool>(
            "try { mul(2n ** 100n, 2n ** 100n); false } catch (e) { e.message === 'overflow' }"
        )
        .unwrap());
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
enum Shape2 {
    Empty,
    Circle(f64),
    Pair(i32, i32),
    Rect { w: u32, h: u32 },
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Everything {
    unit: (),
    flag: bool,
    small: i8,
    big: u64,
    neg: i64,
    ratio: f32,
    ch: char,
    text: String,
    maybe: Option<u16>,
    list: Vec<Option<String>>,
    tuple: (u8, String, bool),
    shapes: Vec<Shape2>,
    map: HashMap<u32, String>,
    bytes: Vec<u8>,
    #[serde(rename = "renamed-field")]
    renamed: i32,
    #[serde(default)]
    defaulted: Vec<i32>,
    newtype: Meters,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Meters(f64);

#[test]
fn serde_data_model_round_trips() {
    let mut rt = Runtime::new().unwrap();
    let value = Everything {
        unit: (),
        flag: true,
        small: -8,
        big: 1 << 40,
        neg: -(1 << 40),
        ratio: 0.5,
        ch: 'é',
        text: "naïve ☃ text".into(),
        maybe: Some(7),
        list: vec![Some("a".into()), None],
        tuple: (1, "two".into(), false),
        shapes: vec![
            Shape2::Empty,
            Shape2::Circle(1.5),
            Shape2::Pair(-1, 2),
            Shape2::Rect { w: 3, h: 4 },
        ],
        map: [(1, "one".to_string())].into_iter().collect(),
        bytes: vec![0, 255],
        renamed: 9,
        defaulted: vec![],
        newtype: Meters(2.5),
    };
    let v = rt.to_js(Serde(&value)).unwrap();
    rt.set_global("v", v).unwrap();
    assert_eq!(
        rt.eval::<String>("JSON.stringify(v)").unwrap(),
        r#"{"unit":null,"flag":true,"small":-8,"big":1099511627776,"neg":-1099511627776,"ratio":0.5,"ch":"é","text":"naïve ☃ text","maybe":7,"list":["a",null],"tuple":[1,"two",false],"shapes":["Empty",{"Circle":1.5},{"Pair":[-1,2]},{"Rect":{"w":3,"h":4}}],"map":{"1":"one"},"bytes":[0,255],"renamed-field":9,"defaulted":[],"newtype":2.5}"#
    );
    // Back, unchanged; and the same after a trip through JSON text.
    let back: Serde<Everything> = rt.eval("v").unwrap();
    assert_eq!(back.0, value);
    let back: Serde<Everything> = rt.eval("JSON.parse(JSON.stringify(v))").unwrap();
    assert_eq!(back.0, value);
    // Missing optional and defaulted fields; `undefined` is missing.
    let back: Serde<Everything> = rt
        .eval("({ ...v, maybe: undefined, defaulted: undefined })")
        .unwrap();
    assert_eq!(back.0.maybe, None);
    // Struct fields are read with Get: getters and inherited fields count.
    let p: Serde<Point> = rt
        .eval("const proto = { y: 2 }; const o = Object.create(proto); Object.defineProperty(o, 'x', { get() { return 1 } }); o")
        .unwrap();
    assert_eq!(p.0, Point { x: 1.0, y: 2.0 });
    // Wrong types are conversion errors naming the target type.
    let e = rt.eval::<Serde<Point>>("({ x: 'one', y: 2 })").unwrap_err();
    assert!(e.to_string().contains("invalid type"), "{e}");
    assert!(e.to_string().contains("Point"), "{e}");
    let e = rt
        .eval::<Serde<Shape2>>("({ Circle: 1, Pair: [1, 2] })")
        .unwrap_err();
    assert!(e.to_string().contains("one key"), "{e}");
    assert!(rt.eval::<Serde<u8>>("300").is_err());
    assert!(rt.eval::<Serde<u32>>("1.5").is_err());
    // A getter that throws: the JavaScript exception itself.
    let e = rt
        .eval::<Serde<Point>>("({ get x() { throw new RangeError('no x') }, y: 1 })")
        .unwrap_err();
    assert_eq!(e.as_js().map(|j| j.name.as_str()), Some("RangeError"));
    // BigInts read as integers when they fit.
    let n: Serde<u64> = rt.eval("2n ** 60n").unwrap();
    assert_eq!(n.0, 1 << 60);
    // serde_json::Value skips undefined and functions in objects.
    let j: serde_json::Value = rt
        .eval("({ a: undefined, f() {}, b: [undefined, 1], c: 'x' })")
        .unwrap();
    assert_eq!(j, serde_json::json!({ "b": [null, 1], "c": "x" }));
    // Map keys that are not strings or integers are refused.
    let mut bad = HashMap::new();
    bad.insert(vec![1], 1);
    assert!(rt.to_js(Serde(bad)).is_err());
}

#[test]
fn serde_deep_nesting_is_an_error() {
    let mut rt = Runtime::new().unwrap();
    let mut deep = serde_json::json!(1);
    for _ in 0..300 {
        deep = serde_json::json!([deep]);
    }
    let e = rt.to_js(deep).unwrap_err();
    assert!(e.to_string().contains("nested too deeply"), "{e}");
    let e = rt
        .eval::<serde_json::Value>("let d = 1; for (let i = 0; i < 300; i++) d = [d]; d")
        .unwrap_err();
    assert!(e.to_string().contains("nested too deeply"), "{e}");
}

#[test]
fn serde_survives_collections_at_every_step() {
    // Many values under construction at once: the scratch list roots them.
    let mut rt = Runtime::new().unwrap();
    let shapes: Vec<Shape> = (0..300)
        .map(|i| Shape {
            name: format!("shape {i}"),
            points: (0..i % 7)
                .map(|k| Point {
                    x: k as f64,
                    y: i as f64,
                })
                .collect(),
            closed: i % 2 == 0,
            color: (i % 3 == 0).then(|| format!("c{i}")),
            tags: [(format!("t{i}"), i)].into_iter().collect(),
        })
        .collect();
    for round in 0..5 {
        let v = rt.to_js(Serde(&shapes)).unwrap();
        rt.collect_garbage();
        let back: Serde<Vec<Shape>> = v.to(&mut rt).unwrap();
        assert_eq!(back.0, shapes, "round {round}");
    }
}
