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

// ----- The tables -----

use super::REALM;
use crate::object::{PropertyKey, StoredProperty};
use crate::runtime::builtins::{well_known_by_name, BuiltinObject, Constant, Make, PropValue};
use crate::runtime::Intrinsic;

/// Every table: the realm's and the nested ones, each once.
fn all_tables() -> Vec<&'static BuiltinObject> {
    let mut tables: Vec<&'static BuiltinObject> = REALM.to_vec();
    let mut i = 0;
    while i < tables.len() {
        for p in tables[i].props {
            if let PropValue::Object(t) = p.value {
                if !tables.iter().any(|&u| std::ptr::eq(u, t)) {
                    tables.push(t);
                }
            }
        }
        i += 1;
    }
    tables
}

/// The table recorded as `which`.
fn table_of(which: Intrinsic) -> Option<&'static BuiltinObject> {
    REALM.iter().copied().find(|t| t.intrinsic == Some(which))
}

#[test]
fn tables_are_well_formed() {
    let tables = all_tables();
    for t in &tables {
        let what = t.name;
        for (i, p) in t.props.iter().enumerate() {
            // Keys: not empty, unique within the object, and not the
            // `length`/`name` a function object already has.
            assert!(!p.key.is_empty(), "{what}: empty key");
            assert!(
                !t.props[..i].iter().any(|q| q.key == p.key),
                "{what}: duplicate key {}",
                p.key
            );
            if matches!(t.make, Make::Function { .. }) {
                assert!(
                    p.key != "length" && p.key != "name",
                    "{what}: `{}` comes from CreateBuiltinFunction",
                    p.key
                );
            }
            if let Some(w) = p.key.strip_prefix("@@") {
                assert!(
                    well_known_by_name(w).is_some(),
                    "{what}: no well-known symbol {}",
                    p.key
                );
            }
            // Attributes: clause 18 makes no built-in property enumerable;
            // accessor attributes exactly for accessor values. The entries of
            // an @@unscopables object are made by CreateDataPropertyOrThrow
            // (23.1.3.41), so they are enumerable.
            // V8's `Error.stackTraceLimit` (not in ECMA-262) is enumerable
            // there, and programs that print `Error` see it.
            let unscopables = t.name.ends_with("[@@unscopables]");
            let v8_host = t.name == "Error" && p.key == "stackTraceLimit";
            assert!(
                !p.attrs.enumerable() || unscopables || v8_host,
                "{what}.{}: enumerable",
                p.key
            );
            let accessor = matches!(p.value, PropValue::Accessor { .. } | PropValue::Restricted);
            assert_eq!(
                p.attrs.is_accessor(),
                accessor,
                "{what}.{}: attributes do not fit the value",
                p.key
            );
            match p.value {
                PropValue::Method { length, .. } => {
                    assert!(length <= 7, "{what}.{}: length {length}", p.key)
                }
                // An alias names an earlier method of the same object.
                PropValue::Alias(target) => assert!(
                    t.props[..i]
                        .iter()
                        .any(|q| q.key == target && matches!(q.value, PropValue::Method { .. })),
                    "{what}.{}: alias of a missing method {target}",
                    p.key
                ),
                PropValue::Accessor { get, set } => assert!(
                    get.is_some() || set.is_some(),
                    "{what}.{}: accessor without functions",
                    p.key
                ),
                _ => {}
            }
        }
    }
    // The realm: each intrinsic once; every [[Prototype]] and every
    // intrinsic a table refers to is a table of the realm, and a
    // [[Prototype]] is created before the objects that inherit from it.
    for (i, t) in REALM.iter().enumerate() {
        if let Some(which) = t.intrinsic {
            let count = REALM.iter().filter(|u| u.intrinsic == Some(which)).count();
            assert_eq!(count, 1, "{which:?} recorded {count} times");
        }
        if let Some(proto) = t.proto {
            assert!(
                REALM[..i].iter().any(|u| u.intrinsic == Some(proto)),
                "{}: [[Prototype]] {proto:?} is not created before it",
                t.name
            );
        }
    }
    for t in &tables {
        for p in t.props {
            if let PropValue::Value(Constant::Intrinsic(which)) = p.value {
                // A function recorded by an earlier table's method also counts.
                let recorded = tables.iter().any(|u| {
                    u.props.iter().any(|q| {
                        matches!(q.value, PropValue::Method { records: Some(r), .. } if r == which)
                    })
                });
                assert!(
                    table_of(which).is_some() || recorded,
                    "{}.{}: no table for {which:?}",
                    t.name,
                    p.key
                );
            }
        }
    }
    // Constructors: `C.prototype.constructor` is C, and C has its global
    // binding (19.3) under its name.
    let global = table_of(Intrinsic::GlobalObject).expect("the global object");
    for t in REALM {
        let Make::Function {
            name,
            construct: Some(_),
            ..
        } = t.make
        else {
            continue;
        };
        let ctor = t.intrinsic.expect("a constructor is an intrinsic");
        let proto = t.props.iter().find_map(|p| match (p.key, p.value) {
            ("prototype", PropValue::Value(Constant::Intrinsic(w))) => Some(w),
            _ => None,
        });
        // 28.2.2: the Proxy constructor has no `prototype` property.
        let proto = match proto {
            Some(proto) => proto,
            None if name == "Proxy" => continue,
            None => panic!("{name}: no prototype"),
        };
        let back = table_of(proto).and_then(|pt| {
            pt.props.iter().find_map(|p| match (p.key, p.value) {
                ("constructor", PropValue::Value(Constant::Intrinsic(w))) => Some(w),
                _ => None,
            })
        });
        // 27.1.4.1: Iterator.prototype.constructor is an accessor.
        if !(back.is_none() && name == "Iterator") {
            assert_eq!(back, Some(ctor), "{name}.prototype.constructor");
        }
        // 27.3.1: %GeneratorFunction% (and its async kin) are not global,
        // nor is %TypedArray% (23.2.1).
        if matches!(
            ctor,
            Intrinsic::GeneratorFunction
                | Intrinsic::AsyncFunction
                | Intrinsic::AsyncGeneratorFunction
                | Intrinsic::TypedArray
        ) {
            continue;
        }
        assert!(
            global.props.iter().any(|p| p.key == name
                && matches!(p.value, PropValue::Value(Constant::Intrinsic(w)) if w == ctor)),
            "{name}: no global binding"
        );
    }
}

/// The own property `key` of `o` as stored (its table properties
/// materialised first: most built-in objects get them on first use).
fn stored(rt: &mut Runtime, o: Value, key: &str) -> StoredProperty {
    let o = o.as_object().expect("an object");
    rt.materialize(o).unwrap();
    let key = match key.strip_prefix("@@") {
        Some(w) => PropertyKey::Symbol(rt.well_known_symbol(well_known_by_name(w).unwrap())),
        None => rt.key(key).unwrap(),
    };
    o.stored_property(key)
        .unwrap_or_else(|| panic!("no property {key:?}"))
}

fn text(v: Value) -> String {
    v.as_string().expect("a string").to_rust_string()
}

/// Every table entry as installed: the attributes as declared, methods
/// with the declared `length` and their name (10.3.4 CreateBuiltinFunction),
/// aliases the same function object, constants and intrinsics in place,
/// properties in table order.
#[test]
fn installed_objects_follow_their_tables() {
    let mut rt = Runtime::new();
    let mut objects: Vec<(&'static BuiltinObject, Value)> = REALM
        .iter()
        .filter_map(|t| Some((*t, rt.intrinsic(t.intrinsic?))))
        .collect();
    let mut i = 0;
    while i < objects.len() {
        let (t, o) = objects[i];
        i += 1;
        let proto = o.as_object().unwrap().proto();
        let expected = t.proto.map_or(Value::NULL, |w| rt.intrinsic(w));
        assert_eq!(proto, expected, "{}: [[Prototype]]", t.name);
        let mut string_keys = Vec::new();
        for p in t.props {
            let s = stored(&mut rt, o, p.key);
            assert_eq!(s.attrs(), p.attrs, "{}.{}: attributes", t.name, p.key);
            let value = match s {
                StoredProperty::Data(v, _) => v,
                StoredProperty::Accessor { get, .. } => get,
            };
            let fname = match p.key.strip_prefix("@@") {
                Some(w) => format!("[Symbol.{w}]"),
                None => p.key.to_owned(),
            };
            match p.value {
                PropValue::Method {
                    length, records, ..
                } => {
                    let f = value.as_object().unwrap();
                    assert!(f.is_callable() && !f.is_constructor());
                    let len = rt.get_by_name(f, "length").unwrap();
                    assert_eq!(len, Value::from_u32(length), "{}.{}: length", t.name, p.key);
                    let name = rt.get_by_name(f, "name").unwrap();
                    assert_eq!(text(name), fname, "{}.{}: name", t.name, p.key);
                    if let Some(which) = records {
                        assert_eq!(rt.intrinsic(which), value);
                    }
                }
                PropValue::Alias(target) => {
                    assert_eq!(
                        stored(&mut rt, o, target).to_descriptor().value,
                        Some(value)
                    );
                }
                PropValue::Accessor { get, set } => {
                    let StoredProperty::Accessor { get: g, set: s, .. } = s else {
                        panic!("{}.{}: not an accessor", t.name, p.key);
                    };
                    for (f, v, prefix, length) in [(get, g, "get", 0), (set, s, "set", 1)] {
                        match f {
                            None => assert!(v.is_undefined()),
                            Some(_) => {
                                let f = v.as_object().unwrap();
                                let name = rt.get_by_name(f, "name").unwrap();
                                assert_eq!(text(name), format!("{prefix} {fname}"));
                                let len = rt.get_by_name(f, "length").unwrap();
                                assert_eq!(len, Value::from_u32(length));
                            }
                        }
                    }
                }
                PropValue::Value(Constant::Intrinsic(which)) => {
                    assert_eq!(value, rt.intrinsic(which), "{}.{}", t.name, p.key)
                }
                PropValue::Value(Constant::Str(s)) => assert_eq!(text(value), s),
                PropValue::Value(Constant::Number(n)) => {
                    let v = value.as_number().unwrap();
                    assert!(v == n || (v.is_nan() && n.is_nan()), "{}.{}", t.name, p.key);
                }
                PropValue::Object(nested) => objects.push((nested, value)),
                _ => {}
            }
            if !p.key.starts_with("@@") {
                string_keys.push(rt.key(p.key).unwrap());
            }
        }
        // The table's string keys in order, after `length` and `name` for
        // functions (a String exotic object's own `length` is a table entry).
        let keys: Vec<PropertyKey> = rt
            .own_property_keys(o.as_object().unwrap())
            .unwrap()
            .into_iter()
            .filter(|k| !k.is_symbol())
            .collect();
        let skip = keys.len() - string_keys.len();
        assert_eq!(keys[skip..], string_keys[..], "{}: key order", t.name);
    }
}

/// A sample of the installed properties, read from JavaScript, against what
/// the spec says (18 for the defaults, each object's section otherwise).
#[test]
fn installed_properties_match_the_spec() {
    let mut exec = crate::backend::Executor::new().expect("JIT");
    let out = CapturedOutput::default();
    exec.runtime.set_output(Box::new(out.clone()));
    let source = r#"
        function d(o, k) {
            var x = Object.getOwnPropertyDescriptor(o, k);
            if (x === undefined) return "absent";
            var s = ("value" in x) ? "value " + (typeof x.value === "function"
                    ? "fn " + x.value.name + "/" + x.value.length : String(x.value)) + " w" + +x.writable
                : "get " + (x.get ? x.get.name + "/" + x.get.length : "-") + " set " + (x.set ? x.set.name : "-");
            return s + " e" + +x.enumerable + " c" + +x.configurable;
        }
        print(d(Math, "PI"));
        print(d(Number, "MAX_SAFE_INTEGER"));
        print(d(Number, "NaN"));
        print(d(globalThis, "NaN"));
        print(d(globalThis, "globalThis"));
        print(d(globalThis, "Array"));
        print(d(Array, "prototype"));
        print(d(Array.prototype, "constructor"));
        print(d(Array.prototype, "push"));
        print(Array.prototype[Symbol.iterator] === Array.prototype.values);
        print(d(Array.prototype, Symbol.iterator));
        print(String.prototype.toString === String.prototype.valueOf);
        print(d(String.prototype, "length"));
        print(d(Function.prototype, Symbol.hasInstance));
        print(d(Symbol.prototype, Symbol.toPrimitive));
        print(d(Symbol.prototype, Symbol.toStringTag));
        print(d(Symbol.prototype, "description"));
        print(d(Symbol, "iterator"));
        print(d(RegExp.prototype, "flags"));
        print(d(RegExp, Symbol.species));
        print(d(RegExp.prototype, Symbol.split));
        var thrower = Object.getOwnPropertyDescriptor(Function.prototype, "caller").get;
        print(thrower === Object.getOwnPropertyDescriptor(Function.prototype, "arguments").set,
              Object.isExtensible(thrower), d(thrower, "length"));
        print(Object.getPrototypeOf(TypeError) === Error,
              Object.getPrototypeOf(TypeError.prototype) === Error.prototype);
        print(d(TypeError.prototype, "name"), "|", d(TypeError.prototype, "message"));
        print(d(AggregateError, "length"));
        print(typeof Function.prototype, Function.prototype(), d(Function.prototype, "name"));
        print(d(Object.getPrototypeOf([][Symbol.iterator]()), Symbol.toStringTag));
        var m = Object.getOwnPropertyNames(Math), first = [];
        for (var i = 0; i < 8; i++) first.push(m[i]);
        print(first.join(","));
        print(Object.getOwnPropertyNames(String.prototype).join(","));
    "#;
    let result = exec.eval_script(source, false).expect("runs");
    assert!(result.is_ok(), "the script threw");
    let expected = "\
value 3.141592653589793 w0 e0 c0
value 9007199254740991 w0 e0 c0
value NaN w0 e0 c0
value NaN w0 e0 c0
value [object Object] w1 e0 c1
value fn Array/1 w1 e0 c1
value  w0 e0 c0
value fn Array/1 w1 e0 c1
value fn push/1 w1 e0 c1
true
value fn values/0 w1 e0 c1
false
value 0 w0 e0 c0
value fn [Symbol.hasInstance]/1 w0 e0 c0
value fn [Symbol.toPrimitive]/1 w0 e0 c1
value Symbol w0 e0 c1
get get description/0 set - e0 c1
value Symbol(Symbol.iterator) w0 e0 c0
get get flags/0 set - e0 c1
get get [Symbol.species]/0 set - e0 c1
value fn [Symbol.split]/2 w1 e0 c1
true false value 0 w0 e0 c0
true true
value TypeError w1 e0 c1 | value  w1 e0 c1
value 2 w0 e0 c1
function undefined value  w0 e0 c1
value Array Iterator w0 e0 c1
E,LN10,LN2,LOG10E,LOG2E,PI,SQRT1_2,SQRT2
length,at,charAt,charCodeAt,codePointAt,concat,constructor,endsWith,includes,indexOf,isWellFormed,lastIndexOf,localeCompare,match,matchAll,normalize,padEnd,padStart,repeat,replace,replaceAll,search,slice,split,startsWith,substring,toLocaleLowerCase,toLocaleUpperCase,toLowerCase,toString,toUpperCase,toWellFormed,trim,trimEnd,trimStart,valueOf,substr,anchor,big,blink,bold,fixed,fontcolor,fontsize,italics,link,small,strike,sub,sup,trimLeft,trimRight
";
    assert_eq!(out.text(), expected);
}

/// Startup cost, for docs/performance.md ("Startup"): `Runtime::new()`, and
/// one object built from a synthetic table of 100 or 1,500 methods. Run
/// with `cargo test --release -p jsruntime --lib startup_cost -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn startup_cost() {
    use crate::runtime::builtins::Prop;
    use std::time::Instant;
    fn nop(_: &mut Runtime, _: Value, _: &[Value]) -> crate::JsResult<Value> {
        Ok(Value::UNDEFINED)
    }
    for _ in 0..20 {
        drop(Runtime::new());
    }
    let n = 300;
    let mut best = f64::MAX;
    let start = Instant::now();
    for _ in 0..n {
        let t = Instant::now();
        let rt = Runtime::new();
        best = best.min(t.elapsed().as_secs_f64());
        drop(rt);
    }
    let mean = start.elapsed().as_secs_f64() / n as f64;
    println!(
        "Runtime::new(): mean {:.1} us, best {:.1} us",
        mean * 1e6,
        best * 1e6
    );
    for count in [100usize, 1500] {
        let props: Vec<Prop> = (0..count)
            .map(|i| Prop::method(Box::leak(format!("method{i}").into_boxed_str()), 1, nop))
            .collect();
        let table = BuiltinObject {
            name: "synthetic",
            intrinsic: None,
            proto: Some(Intrinsic::ObjectPrototype),
            make: Make::Ordinary,
            props: Box::leak(props.into_boxed_slice()),
        };
        let mut best = f64::MAX;
        for _ in 0..50 {
            let mut rt = Runtime::new();
            let t = Instant::now();
            rt.new_builtin_object(&table).unwrap();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{count} methods on one object: best {:.1} us, {:.0} ns per entry",
            best * 1e6,
            best * 1e9 / count as f64
        );
    }
}
