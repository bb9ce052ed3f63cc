//! Arguments exotic objects (ECMA-262 10.4.4).
//!
//! Both kinds of arguments objects carry [`ArgumentsObject`] (the
//! [[ParameterMap]] slot, which is what `Object.prototype.toString` reports
//! as "Arguments"):
//!
//! * 10.4.4.6 CreateUnmappedArgumentsObject (strict functions, functions
//!   with non-simple parameters): `map` is `None` and every internal method
//!   is ordinary;
//! * 10.4.4.7 CreateMappedArgumentsObject (sloppy functions with simple
//!   parameters): `map[i]` is the capture cell of the parameter that
//!   `arguments[i]` aliases (null: not mapped). The function keeps the
//!   parameter in its frame slot; the cell points at the slot while the
//!   call runs and at its own copy afterwards (see `backend`, "Frames and
//!   closures"), so reads and writes through the cell always reach the
//!   binding, in both directions, even after the function returned.
//!
//! The element stored in the object itself is the spec's ordinary own
//! property; while the index is mapped its [[Value]] may be stale, exactly
//! as in the spec, and [[GetOwnProperty]] (10.4.4.1) reads the binding
//! instead. [[Get]] and [[Set]] (10.4.4.3, 10.4.4.4) need no override here:
//! the ordinary ones reach the mapped value through [[GetOwnProperty]] and
//! write it through [[DefineOwnProperty]] (the exotic [[Set]] only adds a
//! second, identical write of the binding).

use std::any::Any;

use super::exotic::{ExoticMethods, ExoticObject, FLAG_EXOTIC};
use super::ObjectKind;
use super::{Attributes, JsObject, PropertyDescriptor, PropertyKey, StoredProperty};
use crate::backend::Capture;
use crate::gc::{Gc, Trace, Tracer, CELL_BODY_OFFSET};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// The [[ParameterMap]] of an arguments object.
pub struct ArgumentsObject {
    /// `None`: unmapped (10.4.4.6). Otherwise one capture cell body pointer
    /// per mapped index, null where the index is not (or no longer) mapped.
    map: Option<Vec<*mut Capture>>,
}

// SAFETY: reports every capture cell of the map (the cells hold the
// escaped values; open cells point at frame slots, which the stack scan
// covers).
unsafe impl Trace for ArgumentsObject {
    fn trace(&self, tracer: &mut Tracer) {
        for &cell in self.map.iter().flatten() {
            if !cell.is_null() {
                tracer.mark_cell(cell as usize - CELL_BODY_OFFSET);
            }
        }
    }
}

static MAPPED_METHODS: ExoticMethods = ExoticMethods {
    get_own_property: Some(get_own_property),
    define_own_property: Some(define_own_property),
    delete: Some(delete),
    ..ExoticMethods::ORDINARY
};

impl ExoticObject for ArgumentsObject {
    fn methods(&self) -> &'static ExoticMethods {
        match self.map {
            Some(_) => &MAPPED_METHODS,
            None => &ExoticMethods::ORDINARY,
        }
    }
    fn builtin_tag(&self) -> &'static str {
        "Arguments"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The capture cell that `key` of `o` is mapped to, if any.
fn mapped_cell(o: Gc<JsObject>, key: PropertyKey) -> Option<*mut Capture> {
    let PropertyKey::Index(i) = key else {
        return None;
    };
    let data = o.exotic_data::<ArgumentsObject>()?;
    let cell = *data.map.as_ref()?.get(i as usize)?;
    (!cell.is_null()).then_some(cell)
}

/// Get(map, P): the value of the aliased parameter.
fn read_cell(cell: *mut Capture) -> Value {
    // SAFETY: the map keeps the cell alive; its target is the live frame
    // slot of the parameter or the cell's own `value` once it escaped.
    unsafe { Value::from_bits(*(*cell).target) }
}

/// Set(map, P, V): assigns the aliased parameter.
fn write_cell(cell: *mut Capture, v: Value) {
    // SAFETY: as in `read_cell`; the frame slot or the cell's own copy is
    // the binding's only storage, so writing it is the assignment.
    unsafe { *(*cell).target = v.to_bits() };
}

/// map.[[Delete]](P): the index no longer aliases its parameter.
fn unmap(rt: &mut Runtime, o: Gc<JsObject>, index: u32) {
    rt.with_exotic_data_mut::<ArgumentsObject, _>(o, |data| {
        if let Some(cell) = data.map.as_mut().and_then(|m| m.get_mut(index as usize)) {
            *cell = std::ptr::null_mut();
        }
    });
}

/// 10.4.4.1 [[GetOwnProperty]] ( P ).
fn get_own_property(
    _rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
) -> JsResult<Option<StoredProperty>> {
    let desc = o.stored_property(key);
    match (desc, mapped_cell(o, key)) {
        (Some(StoredProperty::Data(_, attrs)), Some(cell)) => {
            Ok(Some(StoredProperty::Data(read_cell(cell), attrs)))
        }
        (desc, _) => Ok(desc),
    }
}

/// 10.4.4.2 [[DefineOwnProperty]] ( P, Desc ).
fn define_own_property(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
    desc: PropertyDescriptor,
) -> JsResult<bool> {
    let cell = mapped_cell(o, key);
    let mut new_desc = desc;
    // Step 4: a mapped index made read-only keeps the binding's value.
    if let Some(cell) = cell {
        if desc.is_data() && desc.value.is_none() && desc.writable == Some(false) {
            new_desc.value = Some(read_cell(cell));
        }
    }
    if !rt.ordinary_define_own_property(o, key, new_desc)? {
        return Ok(false);
    }
    if let (Some(cell), PropertyKey::Index(index)) = (cell, key) {
        if desc.is_accessor() {
            unmap(rt, o, index);
        } else {
            if let Some(v) = desc.value {
                write_cell(cell, v);
            }
            if desc.writable == Some(false) {
                unmap(rt, o, index);
            }
        }
    }
    Ok(true)
}

/// 10.4.4.5 [[Delete]] ( P ).
fn delete(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
    let result = rt.ordinary_delete(o, key)?;
    if let (true, PropertyKey::Index(index)) = (result, key) {
        unmap(rt, o, index);
    }
    Ok(result)
}

/// The arguments object of a call: mapped when `mapped` is `Some` (its
/// cells, one per formal parameter, null for the parameters that are not
/// mapped), unmapped otherwise. `callee` is the function object
/// (10.4.4.7 step 21; unused for unmapped objects).
pub fn create_arguments_object(
    rt: &mut Runtime,
    args: &[Value],
    callee: Value,
    mapped: Option<&[*mut Capture]>,
) -> JsResult<Gc<JsObject>> {
    // 10.4.4.7 steps 17-19: only indices below the argument count alias
    // their parameter, and (for duplicate names) only the last parameter of
    // a name, which the caller encodes as null cells.
    let map = mapped.map(|cells| {
        cells
            .iter()
            .take(args.len())
            .copied()
            .collect::<Vec<*mut Capture>>()
    });
    let proto = rt.intrinsic(Intrinsic::ObjectPrototype);
    // Without an aliased index the object behaves as an ordinary one: it
    // carries a data-less marker (the "Arguments" tag, no allocation) and not
    // `FLAG_EXOTIC`, so the generated code's element and property fast paths
    // apply to it.
    let aliases = map.as_ref().is_some_and(|m| m.iter().any(|c| !c.is_null()));
    // "length", @@iterator and "callee" (10.4.4.6 steps 4, 8, 9; 10.4.4.7
    // steps 16, 20, 21): the object starts with its final shape.
    let count = Value::number(args.len() as f64);
    let values = rt.intrinsic(Intrinsic::ArrayValues);
    let (shape, slots) = if map.is_some() {
        (
            rt.mapped_arguments_shape,
            [count, values, callee, Value::UNDEFINED],
        )
    } else {
        // 10.4.4.6 step 8: an accessor that throws.
        let thrower = throw_type_error(rt)?;
        (
            rt.unmapped_arguments_shape,
            [count, values, thrower, thrower],
        )
    };
    let used = shape.slot_count() as usize;
    let (kind, flags): (Box<dyn ExoticObject>, u32) = if aliases {
        (Box::new(ArgumentsObject { map: None }), FLAG_EXOTIC)
    } else {
        (Box::new(UnaliasedArguments), 0)
    };
    let o = rt.new_object_with_shape(
        proto,
        ObjectKind::Exotic(kind),
        flags,
        shape,
        &slots[..used],
    )?;
    // 10.4.4.6 step 7 / 10.4.4.7 step 15: the indexed arguments (a new
    // object: plain data elements, stored without validation).
    for (i, &v) in args.iter().enumerate() {
        rt.store_property(
            o,
            PropertyKey::Index(i as u32),
            StoredProperty::Data(v, Attributes::DEFAULT_DATA),
        )?;
    }
    // The map is installed last: defining the properties above must not
    // write through it.
    if aliases {
        rt.with_exotic_data_mut::<ArgumentsObject, _>(o, |data| data.map = map);
    }
    Ok(o)
}

/// The marker of an arguments object without aliased indices: an
/// unmapped one (10.4.4.6), or a mapped one whose function has no
/// parameters to alias (called with fewer arguments than it has
/// parameters, or none). Its internal methods are the ordinary ones.
pub struct UnaliasedArguments;

// SAFETY: holds no values.
unsafe impl Trace for UnaliasedArguments {
    fn trace(&self, _: &mut Tracer) {}
}

impl ExoticObject for UnaliasedArguments {
    fn methods(&self) -> &'static ExoticMethods {
        &ExoticMethods::ORDINARY
    }
    fn builtin_tag(&self) -> &'static str {
        "Arguments"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// %ThrowTypeError% (10.2.4.1), created on first use.
pub fn throw_type_error(rt: &mut Runtime) -> JsResult<Value> {
    let existing = rt.intrinsic(Intrinsic::ThrowTypeError);
    if existing.as_object().is_some() {
        return Ok(existing);
    }
    let name = rt.empty_string();
    let f = rt.new_native_function(
        name,
        0,
        |rt, _, _| {
            Err(rt.type_error(
                "'caller', 'callee', and 'arguments' properties may not be accessed in strict mode",
            ))
        },
        None,
    )?;
    // `length` and `name` non-writable and non-configurable, not extensible.
    rt.set_integrity_level(f, true)?;
    rt.set_intrinsic(Intrinsic::ThrowTypeError, Value::object(f));
    Ok(Value::object(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An escaped capture cell holding `v` (as after the function returned).
    fn cell(rt: &mut Runtime, v: Value) -> *mut Capture {
        let c = rt
            .alloc(Capture {
                target: std::ptr::null_mut(),
                value: v.to_bits(),
            })
            .unwrap();
        let p = c.as_ptr();
        // SAFETY: the cell was just allocated; point it at its own value.
        unsafe { (*p).target = std::ptr::addr_of_mut!((*p).value) };
        p
    }

    #[test]
    fn mapped_indices_alias_their_cells() {
        let mut rt = Runtime::new();
        let a = cell(&mut rt, Value::from_i32(1));
        let cells = [a, std::ptr::null_mut()];
        let args = [Value::from_i32(1), Value::from_i32(2), Value::from_i32(3)];
        let o = create_arguments_object(&mut rt, &args, Value::UNDEFINED, Some(&cells)).unwrap();
        let i0 = PropertyKey::Index(0);
        // The binding changes: arguments[0] follows.
        write_cell(a, Value::from_i32(10));
        assert_eq!(
            rt.get(o, i0, Value::object(o)).unwrap(),
            Value::from_i32(10)
        );
        // arguments[0] = 5 assigns the binding.
        rt.set_property(o, i0, Value::from_i32(5), true).unwrap();
        assert_eq!(read_cell(a), Value::from_i32(5));
        // Index 1 has a null cell: not mapped.
        rt.set_property(o, PropertyKey::Index(1), Value::from_i32(7), true)
            .unwrap();
        assert_eq!(
            rt.get(o, PropertyKey::Index(1), Value::object(o)).unwrap(),
            Value::from_i32(7)
        );
        // Deleting removes the mapping; a new property is independent.
        assert!(rt.delete(o, i0).unwrap());
        rt.set_property(o, i0, Value::from_i32(8), true).unwrap();
        assert_eq!(read_cell(a), Value::from_i32(5));
    }

    #[test]
    fn read_only_keeps_the_current_value_and_unmaps() {
        let mut rt = Runtime::new();
        let a = cell(&mut rt, Value::from_i32(1));
        let o =
            create_arguments_object(&mut rt, &[Value::from_i32(1)], Value::UNDEFINED, Some(&[a]))
                .unwrap();
        write_cell(a, Value::from_i32(2));
        let desc = PropertyDescriptor {
            writable: Some(false),
            ..Default::default()
        };
        assert!(rt
            .define_own_property(o, PropertyKey::Index(0), desc)
            .unwrap());
        write_cell(a, Value::from_i32(3));
        let d = rt
            .get_own_property(o, PropertyKey::Index(0))
            .unwrap()
            .unwrap();
        assert_eq!(d.value, Some(Value::from_i32(2)));
        assert_eq!(d.writable, Some(false));
    }

    #[test]
    fn unmapped_objects_are_ordinary_with_a_throwing_callee() {
        let mut rt = Runtime::new();
        let o = create_arguments_object(&mut rt, &[Value::from_i32(1)], Value::UNDEFINED, None)
            .unwrap();
        // Ordinary internal methods, the "Arguments" marker kept.
        assert!(o.exotic_methods().is_none());
        assert!(o.exotic_data::<UnaliasedArguments>().is_some());
        let callee = rt.key("callee").unwrap();
        assert!(rt.get(o, callee, Value::object(o)).is_err());
    }
}
