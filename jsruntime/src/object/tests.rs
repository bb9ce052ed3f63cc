//! Object model tests: shapes, properties, internal methods.

use super::*;
use crate::runtime::Runtime;

fn data(v: Value) -> PropertyDescriptor {
    PropertyDescriptor::data(v, Attributes::DEFAULT_DATA)
}

/// The layout compiled code relies on to recognise inline Math functions:
/// the tag byte and the [[Call]] pointer of a native function's kind.
#[test]
fn native_function_kind_layout() {
    fn f(_: &mut Runtime, _: Value, _: &[Value]) -> crate::JsResult<Value> {
        Ok(Value::UNDEFINED)
    }
    let kind = ObjectKind::NativeFunction(
        crate::runtime::RealmId(7),
        NativeFunction {
            call: f,
            construct: None,
        },
    );
    let base = &kind as *const ObjectKind as usize;
    // SAFETY: both reads are inside the 24-byte kind.
    let (tag, call) = unsafe {
        (
            *(base as *const u8),
            *((base + OBJECT_NATIVE_CALL_OFFSET - OBJECT_KIND_OFFSET) as *const usize),
        )
    };
    assert_eq!(tag, NATIVE_FUNCTION_TAG);
    assert_eq!(call, f as NativeFn as usize);
}

#[test]
fn layout_offsets_are_stable() {
    assert_eq!(OBJECT_SHAPE_OFFSET, 8);
    assert_eq!(OBJECT_PROTO_OFFSET, 16);
    assert_eq!(OBJECT_FLAGS_OFFSET, 24);
    assert_eq!(OBJECT_ARRAY_LENGTH_OFFSET, 28);
    assert_eq!(OBJECT_SLOTS_OFFSET, 32);
    assert_eq!(OBJECT_ELEMENTS_OFFSET, 48);
    assert_eq!(OBJECT_INLINE_SLOTS_OFFSET, 64);
    assert_eq!(value_vec::VALUE_VEC_PTR_OFFSET, 0);
    assert_eq!(value_vec::VALUE_VEC_LEN_OFFSET, 8);
    assert_eq!(value_vec::VALUE_VEC_CAP_OFFSET, 12);
    assert_eq!(crate::string::STRING_LENGTH_OFFSET, 8);
}

#[test]
fn objects_built_alike_share_shapes() {
    let mut rt = Runtime::new();
    let x = rt.key("x").unwrap();
    let y = rt.key("y").unwrap();
    let a = rt.new_object().unwrap();
    let b = rt.new_object().unwrap();
    for o in [a, b] {
        rt.set(o, x, Value::from_i32(1), Value::object(o)).unwrap();
        rt.set(o, y, Value::from_i32(2), Value::object(o)).unwrap();
    }
    assert_eq!(a.shape(), b.shape());
    assert_eq!(a.shape().lookup(y).unwrap().slot, 1);
    // Different order, different shape.
    let c = rt.new_object().unwrap();
    rt.set(c, y, Value::from_i32(2), Value::object(c)).unwrap();
    rt.set(c, x, Value::from_i32(1), Value::object(c)).unwrap();
    assert_ne!(a.shape(), c.shape());
}

#[test]
fn many_properties_use_overflow_slots_and_tables() {
    let mut rt = Runtime::new();
    let o = rt.new_object().unwrap();
    for i in 0..100 {
        let k = rt.key(&format!("p{i}")).unwrap();
        rt.set(o, k, Value::from_i32(i), Value::object(o)).unwrap();
    }
    for i in (0..100).rev() {
        let k = rt.key(&format!("p{i}")).unwrap();
        assert_eq!(rt.get(o, k, Value::object(o)).unwrap(), Value::from_i32(i));
    }
    assert!(!o.shape().is_dictionary());
    let limit = super::shape::MAX_SHARED_SHAPE_PROPERTIES as i32;
    for i in 100..limit + 100 {
        let k = rt.key(&format!("p{i}")).unwrap();
        rt.set(o, k, Value::from_i32(i), Value::object(o)).unwrap();
    }
    assert!(o.shape().is_dictionary(), "past the shared-shape limit");
    let keys = rt.own_property_keys(o).unwrap();
    assert_eq!(keys.len(), limit as usize + 100);
    assert_eq!(keys[150], rt.key("p150").unwrap());
}

#[test]
fn delete_last_goes_back_and_middle_goes_dictionary() {
    let mut rt = Runtime::new();
    let [a, b, c] = ["a", "b", "c"].map(|n| rt.key(n).unwrap());
    let o = rt.new_object().unwrap();
    for (i, k) in [a, b, c].into_iter().enumerate() {
        rt.create_data_property(o, k, Value::from_i32(i as i32))
            .unwrap();
    }
    let with_ab = o.shape().parent().unwrap();
    assert!(rt.delete(o, c).unwrap());
    assert_eq!(o.shape(), with_ab);
    assert!(rt.delete(o, a).unwrap());
    assert!(o.shape().is_dictionary());
    assert_eq!(rt.get(o, b, Value::object(o)).unwrap(), Value::from_i32(1));
    assert!(!rt.has_property(o, a).unwrap());
    rt.create_data_property(o, a, Value::TRUE).unwrap();
    assert_eq!(rt.own_property_keys(o).unwrap(), vec![b, a]);
}

#[test]
fn key_order_indices_strings_symbols() {
    let mut rt = Runtime::new();
    let o = rt.new_object().unwrap();
    let sym = rt.new_symbol(Value::UNDEFINED).unwrap();
    let z = rt.key("z").unwrap();
    let a = rt.key("a").unwrap();
    rt.create_data_property(o, PropertyKey::Symbol(sym), Value::TRUE)
        .unwrap();
    rt.create_data_property(o, z, Value::TRUE).unwrap();
    rt.create_data_property(o, PropertyKey::Index(10), Value::TRUE)
        .unwrap();
    rt.create_data_property(o, a, Value::TRUE).unwrap();
    rt.create_data_property(o, PropertyKey::Index(2), Value::TRUE)
        .unwrap();
    let keys = rt.own_property_keys(o).unwrap();
    assert_eq!(
        keys,
        vec![
            PropertyKey::Index(2),
            PropertyKey::Index(10),
            z,
            a,
            PropertyKey::Symbol(sym)
        ]
    );
}

#[test]
fn validate_and_apply_rules() {
    let mut rt = Runtime::new();
    let o = rt.new_object().unwrap();
    let k = rt.key("k").unwrap();
    let frozen = PropertyDescriptor::data(Value::from_i32(1), Attributes::NONE);
    assert!(rt.define_own_property(o, k, frozen).unwrap());
    // Same value: allowed; different value or attributes: rejected.
    assert!(rt.define_own_property(o, k, frozen).unwrap());
    assert!(!rt
        .define_own_property(o, k, data(Value::from_i32(2)))
        .unwrap());
    let to_writable = PropertyDescriptor {
        writable: Some(true),
        ..Default::default()
    };
    assert!(!rt.define_own_property(o, k, to_writable).unwrap());
    assert!(!rt.set(o, k, Value::from_i32(3), Value::object(o)).unwrap());
    assert!(!rt.delete(o, k).unwrap());
    // Configurable data → accessor conversion keeps enumerable/configurable.
    let m = rt.key("m").unwrap();
    rt.create_data_property(o, m, Value::TRUE).unwrap();
    let getter = rt.intrinsic(crate::runtime::Intrinsic::FunctionPrototype);
    let acc = PropertyDescriptor {
        get: Some(getter),
        ..Default::default()
    };
    assert!(rt.define_own_property(o, m, acc).unwrap());
    let d = rt.get_own_property(o, m).unwrap().unwrap();
    assert_eq!(d.get, Some(getter));
    assert_eq!(d.set, Some(Value::UNDEFINED));
    assert_eq!(d.enumerable, Some(true));
    assert_eq!(d.value, None);
    // The getter (%Function.prototype%) returns undefined.
    assert_eq!(rt.get(o, m, Value::object(o)).unwrap(), Value::UNDEFINED);
    // Non-extensible objects reject new properties.
    rt.prevent_extensions(o).unwrap();
    let n = rt.key("n").unwrap();
    assert!(!rt.create_data_property(o, n, Value::TRUE).unwrap());
}

fn get_x(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let o = this.as_object().unwrap();
    let k = rt.key("_x").unwrap();
    let v = rt.get(o, k, this)?;
    Ok(Value::number(rt.to_number(v)? * 10.0))
}

fn set_x(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = this.as_object().unwrap();
    let k = rt.key("_x").unwrap();
    rt.set(o, k, args[0], this)?;
    Ok(Value::UNDEFINED)
}

#[test]
fn accessors_on_the_prototype_chain() {
    let mut rt = Runtime::new();
    let proto = rt.new_object().unwrap();
    let name = rt.atom("x").unwrap();
    let g = rt.new_native_function(name, 0, get_x, None).unwrap();
    let s = rt.new_native_function(name, 1, set_x, None).unwrap();
    let x = rt.key("x").unwrap();
    rt.define_own_property(
        proto,
        x,
        PropertyDescriptor::accessor(
            Value::object(g),
            Value::object(s),
            Attributes::CONFIGURABLE_ONLY,
        ),
    )
    .unwrap();
    let o = rt.new_object_with_proto(Value::object(proto)).unwrap();
    assert!(rt.set(o, x, Value::from_i32(4), Value::object(o)).unwrap());
    assert_eq!(rt.get(o, x, Value::object(o)).unwrap(), Value::from_i32(40));
    assert!(!rt.has_own_property(o, x).unwrap());
    // Read-only data on the prototype blocks assignment on the receiver.
    let ro = rt.key("ro").unwrap();
    rt.define_own_property(
        proto,
        ro,
        PropertyDescriptor::data(Value::TRUE, Attributes::NONE),
    )
    .unwrap();
    assert!(!rt.set(o, ro, Value::FALSE, Value::object(o)).unwrap());
}

#[test]
fn prototype_cycles_are_refused() {
    let mut rt = Runtime::new();
    let a = rt.new_object().unwrap();
    let b = rt.new_object_with_proto(Value::object(a)).unwrap();
    assert!(!rt.set_prototype_of(a, Value::object(b)).unwrap());
    assert!(rt.set_prototype_of(b, Value::NULL).unwrap());
    assert!(rt.set_prototype_of(a, Value::object(b)).unwrap());
}

#[test]
fn freezing_replays_shapes() {
    let mut rt = Runtime::new();
    let k = rt.key("k").unwrap();
    let j = rt.key("j").unwrap();
    let mk = |rt: &mut Runtime| {
        let o = rt.new_object().unwrap();
        rt.create_data_property(o, k, Value::from_i32(1)).unwrap();
        rt.create_data_property(o, j, Value::from_i32(2)).unwrap();
        rt.set_integrity_level(o, true).unwrap();
        o
    };
    let a = mk(&mut rt);
    let b = mk(&mut rt);
    assert!(!a.shape().is_dictionary());
    assert_eq!(a.shape(), b.shape(), "frozen the same way, same shape");
    assert!(!rt.set(a, k, Value::TRUE, Value::object(a)).unwrap());
    assert_eq!(rt.get(a, j, Value::object(a)).unwrap(), Value::from_i32(2));
}

#[test]
fn huge_element_index_does_not_allocate() {
    let mut rt = Runtime::new();
    let o = rt.new_object().unwrap();
    rt.set(
        o,
        PropertyKey::Index(4_000_000_000),
        Value::TRUE,
        Value::object(o),
    )
    .unwrap();
    assert!(o.dense_elements().is_empty());
    assert_eq!(
        rt.get(o, PropertyKey::Index(4_000_000_000), Value::object(o))
            .unwrap(),
        Value::TRUE
    );
}
