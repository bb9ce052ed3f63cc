//! The Array constructor (23.1.1, 23.1.2) and %Array.prototype% (23.1.3).
//! The array iterators behind `entries`, `keys` and `values` are in
//! [`crate::builtins::iterator`].
//!
//! Every method works on any array-like through the generic operations
//! (Get, Set, HasProperty, DeletePropertyOrThrow) as the spec writes them;
//! the bodies are grouped by topic: `iteration.rs` (callbacks), `search.rs`,
//! `mutate.rs` (in-place changes), `copy.rs` (new arrays), `sort.rs` and
//! `join.rs`.

mod copy;
mod iteration;
mod join;
mod mutate;
mod search;
pub(crate) mod sort;

use super::arg;
use crate::builtins::iterator::array::{create_array_iterator, ArrayIterKind};
use crate::builtins::iterator::{get_iterator_from_method, iterator_close, step_value};
use crate::gc::Gc;
use crate::object::exotic::FLAG_EXOTIC;
use crate::object::{JsObject, ObjectKind, PropertyKey, FLAG_ARRAY, FLAG_LENGTH_READONLY};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// 23.1.2 Properties of the Array Constructor
/// (#sec-properties-of-the-array-constructor).
pub(crate) static ARRAY: BuiltinObject = BuiltinObject {
    name: "Array",
    intrinsic: Some(Intrinsic::Array),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "Array",
        1,
        |rt, _, args| {
            let ctor = rt.intrinsic_object(Intrinsic::Array);
            construct(rt, args, ctor)
        },
        construct,
    ),
    props: &[
        Prop::method("from", 1, from),
        Prop::method("isArray", 1, is_array),
        Prop::method("of", 0, of),
        Prop::prototype(Intrinsic::ArrayPrototype),
        // 23.1.2.5 get Array [ @@species ].
        Prop::getter("@@species", |_, this, _| Ok(this)),
    ],
};

/// 23.1.3 Properties of the Array Prototype Object
/// (#sec-properties-of-the-array-prototype-object): an Array exotic object.
pub(crate) static ARRAY_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Array.prototype",
    intrinsic: Some(Intrinsic::ArrayPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Array,
    props: &[
        Prop::method("at", 1, search::at),
        Prop::method("concat", 1, copy::concat),
        Prop::constructor(Intrinsic::Array),
        Prop::method("copyWithin", 2, mutate::copy_within),
        Prop::method("entries", 0, entries),
        Prop::method("every", 1, iteration::every),
        Prop::method("fill", 1, mutate::fill),
        Prop::method("filter", 1, iteration::filter),
        Prop::method("find", 1, iteration::find),
        Prop::method("findIndex", 1, iteration::find_index),
        Prop::method("findLast", 1, iteration::find_last),
        Prop::method("findLastIndex", 1, iteration::find_last_index),
        Prop::method("flat", 0, copy::flat),
        Prop::method("flatMap", 1, copy::flat_map),
        Prop::method("forEach", 1, iteration::for_each),
        Prop::method("includes", 1, search::includes),
        Prop::method("indexOf", 1, search::index_of),
        Prop::method("join", 1, join::join),
        Prop::method("keys", 0, keys),
        Prop::method("lastIndexOf", 1, search::last_index_of),
        Prop::method("map", 1, iteration::map),
        Prop::method("pop", 0, mutate::pop),
        Prop::method("push", 1, mutate::push),
        Prop::method("reduce", 1, iteration::reduce),
        Prop::method("reduceRight", 1, iteration::reduce_right),
        Prop::method("reverse", 0, mutate::reverse),
        Prop::method("shift", 0, mutate::shift),
        Prop::method("slice", 2, copy::slice),
        Prop::method("some", 1, iteration::some),
        Prop::method("sort", 1, sort::sort),
        Prop::method("splice", 2, copy::splice),
        Prop::method("toLocaleString", 0, join::to_locale_string),
        Prop::method("toReversed", 0, copy::to_reversed),
        Prop::method("toSorted", 1, sort::to_sorted),
        Prop::method("toSpliced", 2, copy::to_spliced),
        Prop::method("toString", 0, join::to_string).records(Intrinsic::ArrayPrototypeToString),
        Prop::method("unshift", 1, mutate::unshift),
        // The iteration fast paths recognise the original function.
        Prop::method("values", 0, values).records(Intrinsic::ArrayValues),
        Prop::method("with", 2, copy::with),
        // 23.1.3.40: the same function object as `values`.
        Prop::alias("@@iterator", "values"),
        // 23.1.3.41 Array.prototype [ @@unscopables ]: not writable.
        Prop::object("@@unscopables", &ARRAY_UNSCOPABLES).attrs(ATTR_C),
    ],
};

/// An `@@unscopables` entry: `true`, created by CreateDataPropertyOrThrow.
const fn unscopable(key: &'static str) -> Prop {
    Prop::value(
        key,
        Constant::Bool(true),
        crate::object::Attributes::DEFAULT_DATA,
    )
}

/// 23.1.3.41 Array.prototype [ @@unscopables ]
/// (#sec-array.prototype-%symbol.unscopables%): a null-prototype object.
static ARRAY_UNSCOPABLES: BuiltinObject = BuiltinObject {
    name: "Array.prototype[@@unscopables]",
    intrinsic: None,
    proto: None,
    make: Make::Ordinary,
    props: &[
        unscopable("at"),
        unscopable("copyWithin"),
        unscopable("entries"),
        unscopable("fill"),
        unscopable("find"),
        unscopable("findIndex"),
        unscopable("findLast"),
        unscopable("findLastIndex"),
        unscopable("flat"),
        unscopable("flatMap"),
        unscopable("includes"),
        unscopable("keys"),
        unscopable("toReversed"),
        unscopable("toSorted"),
        unscopable("toSpliced"),
        unscopable("values"),
    ],
};

/// 2^53 - 1.
pub(super) const MAX_SAFE_INTEGER: f64 = 9007199254740991.0;

/// 23.1.1.1 Array ( ...values ).
fn construct(rt: &mut Runtime, args: &[Value], new_target: Gc<JsObject>) -> JsResult<Value> {
    let proto = rt.prototype_from_constructor(new_target, Intrinsic::ArrayPrototype)?;
    let a = rt.new_object_with(proto, ObjectKind::Array, FLAG_ARRAY)?;
    if let [len] = args {
        if let Some(n) = len.as_number() {
            let int_len = crate::conversions::f64_to_uint32(n);
            if int_len as f64 != n {
                return Err(rt.range_error("Invalid array length"));
            }
            rt.set_array_length_raw(a, int_len);
        } else {
            rt.create_data_property_or_throw(a, PropertyKey::Index(0), *len)?;
        }
        return Ok(Value::object(a));
    }
    for (i, &v) in args.iter().enumerate() {
        rt.create_data_property_or_throw(a, PropertyKey::Index(i as u32), v)?;
    }
    Ok(Value::object(a))
}

/// 23.1.2.1 Array.from ( items [ , mapfn [ , thisArg ] ] ) (#sec-array.from).
fn from(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let (items, mapfn, this_arg) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let c = this;
    // Steps 2–3.
    let mapping = !mapfn.is_undefined();
    if mapping {
        callable(rt, mapfn)?;
    }
    // Step 4.
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
    let using_iterator = rt.get_method(items, key)?;
    // Step 5: an iterable.
    if let Some(method) = using_iterator {
        let a = if is_constructor(c) {
            rt.construct(c, &[], None)?
        } else {
            Value::object(rt.new_array(0)?)
        };
        let Some(a) = a.as_object() else {
            return Err(rt.type_error("Array.from: the constructor did not return an object"));
        };
        let rec = get_iterator_from_method(rt, items, method)?;
        let mut k = 0.0;
        loop {
            if k >= MAX_SAFE_INTEGER {
                let e = rt.type_error("Array.from: too many elements");
                iterator_close(rt, rec, true)?;
                return Err(e);
            }
            let next = step_value(rt, rec)?;
            if next.is_hole() {
                set_length(rt, a, k)?;
                return Ok(Value::object(a));
            }
            let step = (|| {
                let v = if mapping {
                    rt.call(mapfn, this_arg, &[next, Value::number(k)])?
                } else {
                    next
                };
                let key = rt.index_key(k)?;
                rt.create_data_property_or_throw(a, key, v)
            })();
            if let Err(e) = step {
                iterator_close(rt, rec, true)?;
                return Err(e);
            }
            k += 1.0;
        }
    }
    // Steps 6–13: an array-like.
    let array_like = rt.to_object(items)?;
    let len = rt.length_of_array_like(array_like)?;
    let a = if is_constructor(c) {
        rt.construct(c, &[Value::number(len)], None)?
    } else {
        Value::object(array_create(rt, len)?)
    };
    let Some(a) = a.as_object() else {
        return Err(rt.type_error("Array.from: the constructor did not return an object"));
    };
    let mut k = 0.0;
    while k < len {
        let k_value = get_index(rt, array_like, k)?;
        let v = if mapping {
            rt.call(mapfn, this_arg, &[k_value, Value::number(k)])?
        } else {
            k_value
        };
        create_index(rt, a, k, v)?;
        k += 1.0;
    }
    set_length(rt, a, len)?;
    Ok(Value::object(a))
}

/// 23.1.2.2 Array.isArray ( arg ).
fn is_array(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(rt.is_array(arg(args, 0))?))
}

/// 23.1.2.3 Array.of ( ...items ) (#sec-array.of).
fn of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let len = args.len() as f64;
    let a = if is_constructor(this) {
        rt.construct(this, &[Value::number(len)], None)?
    } else {
        Value::object(array_create(rt, len)?)
    };
    let Some(a) = a.as_object() else {
        return Err(rt.type_error("Array.of: the constructor did not return an object"));
    };
    for (k, &v) in args.iter().enumerate() {
        create_index(rt, a, k as f64, v)?;
    }
    set_length(rt, a, len)?;
    Ok(Value::object(a))
}

/// 23.1.3.7 Array.prototype.entries ( ).
fn entries(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Entries)
}

/// 23.1.3.19 Array.prototype.keys ( ).
fn keys(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Keys)
}

/// 23.1.3.38 Array.prototype.values ( ).
fn values(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Values)
}

// ---------------------------------------------------------------------------
// Abstract operations shared by the methods.

fn is_constructor(v: Value) -> bool {
    v.as_object().is_some_and(|o| o.is_constructor())
}

/// `v` if it is callable, else a TypeError.
pub(super) fn callable(rt: &mut Runtime, v: Value) -> JsResult<Value> {
    if v.as_object().is_some_and(|o| o.is_callable()) {
        Ok(v)
    } else {
        Err(rt.type_error("callback is not a function"))
    }
}

/// 10.4.2.2 ArrayCreate ( length ): RangeError above 2^32 - 1.
pub(super) fn array_create(rt: &mut Runtime, len: f64) -> JsResult<Gc<JsObject>> {
    if len > 4294967295.0 {
        return Err(rt.range_error("Invalid array length"));
    }
    rt.new_array(len as u32)
}

/// 10.4.2.3 ArraySpeciesCreate ( originalArray, length )
/// (#sec-arrayspeciescreate). There is one realm, so step 4's realm check
/// never applies.
pub(super) fn array_species_create(
    rt: &mut Runtime,
    original: Gc<JsObject>,
    len: f64,
) -> JsResult<Gc<JsObject>> {
    // Steps 1–2.
    if !rt.is_array(Value::object(original))? {
        return array_create(rt, len);
    }
    // Step 3.
    let key = PropertyKey::String(rt.names.constructor);
    let mut c = rt.get(original, key, Value::object(original))?;
    // Step 4: the %Array% of another realm stands for this realm's.
    if let Some(co) = c.as_object().filter(|o| o.is_constructor()) {
        let this_realm = rt.current_realm();
        let realm = rt.function_realm(co)?;
        if realm != this_realm && c == rt.realm_intrinsic(realm, Intrinsic::Array) {
            c = Value::UNDEFINED;
        }
    }
    // Step 5.
    if let Some(co) = c.as_object() {
        let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Species));
        c = rt.get(co, key, c)?;
        if c.is_null() {
            c = Value::UNDEFINED;
        }
    }
    // Step 6.
    if c.is_undefined() {
        return array_create(rt, len);
    }
    // Steps 7–8.
    if !is_constructor(c) {
        return Err(rt.type_error("object.constructor[Symbol.species] is not a constructor"));
    }
    let a = rt.construct(c, &[Value::number(len)], None)?;
    match a.as_object() {
        Some(a) => Ok(a),
        None => Err(rt.type_error("species constructor did not return an object")),
    }
}

/// The clamping of a relative index argument used by `slice`, `fill`,
/// `copyWithin`, `splice`...: ToIntegerOrInfinity, then negative values count
/// from `len`, and the result lies in `0..=len`.
pub(crate) fn relative_index(rt: &mut Runtime, v: Value, len: f64) -> JsResult<f64> {
    let rel = rt.to_integer_or_infinity(v)?;
    Ok(if rel < 0.0 {
        (len + rel).max(0.0)
    } else {
        rel.min(len)
    })
}

/// Like [`relative_index`], but `len` when `v` is undefined (end arguments).
pub(crate) fn relative_end(rt: &mut Runtime, v: Value, len: f64) -> JsResult<f64> {
    if v.is_undefined() {
        Ok(len)
    } else {
        relative_index(rt, v, len)
    }
}

/// Set(O, "length", n, true).
pub(super) fn set_length(rt: &mut Runtime, o: Gc<JsObject>, n: f64) -> JsResult<()> {
    // On an array with a writable `length` at most n, where n is a valid
    // length: OrdinarySet reaches 10.4.2.4 ArraySetLength, whose ToUint32
    // and ToNumber of a Number run no code and which deletes nothing when
    // the length does not shrink: it stores n (push and unshift end here).
    if matches!(o.kind(), ObjectKind::Array)
        && o.flags() & (FLAG_EXOTIC | FLAG_LENGTH_READONLY) == 0
        && n >= f64::from(o.array_length())
        && n <= f64::from(u32::MAX)
        && n.fract() == 0.0
    {
        rt.set_array_length_raw(o, n as u32);
        return Ok(());
    }
    let key = PropertyKey::String(rt.names.length);
    rt.set_property(o, key, Value::number(n), true)
}

/// A present own dense element of an Array or ordinary object: such an
/// element is a plain data property, so HasProperty is true and Get returns
/// it without running code (the fast path of the helpers below).
#[inline]
fn dense_own_element(o: Gc<JsObject>, k: f64) -> Option<Value> {
    if k >= 4294967295.0 || o.flags() & FLAG_EXOTIC != 0 {
        return None;
    }
    match o.kind() {
        ObjectKind::Array | ObjectKind::Ordinary => o.dense_element(k as u32),
        _ => None,
    }
}

/// Get(O, ! ToString(𝔽(k))).
pub(super) fn get_index(rt: &mut Runtime, o: Gc<JsObject>, k: f64) -> JsResult<Value> {
    if let Some(v) = dense_own_element(o, k) {
        return Ok(v);
    }
    // The slow path of every element loop: a long one (holes of a 2^32 - 1
    // length) stops when termination is requested.
    rt.poll_interrupt()?;
    let key = rt.index_key(k)?;
    rt.get(o, key, Value::object(o))
}

/// HasProperty(O, ! ToString(𝔽(k))).
pub(super) fn has_index(rt: &mut Runtime, o: Gc<JsObject>, k: f64) -> JsResult<bool> {
    if dense_own_element(o, k).is_some() {
        return Ok(true);
    }
    rt.poll_interrupt()?;
    let key = rt.index_key(k)?;
    rt.has_property(o, key)
}

/// Set(O, ! ToString(𝔽(k)), v, true).
pub(super) fn set_index(rt: &mut Runtime, o: Gc<JsObject>, k: f64, v: Value) -> JsResult<()> {
    rt.poll_interrupt()?;
    let key = rt.index_key(k)?;
    rt.set_property(o, key, v, true)
}

/// DeletePropertyOrThrow(O, ! ToString(𝔽(k))).
pub(super) fn delete_index(rt: &mut Runtime, o: Gc<JsObject>, k: f64) -> JsResult<()> {
    let key = rt.index_key(k)?;
    rt.delete_property_or_throw(o, key)
}

/// HasProperty(O, ! ToString(𝔽(k))) and, when true, Get(O, ! ToString(𝔽(k))):
/// the element's value if present. A present plain dense element is read
/// once (neither step runs code for it).
pub(super) fn present_index(rt: &mut Runtime, o: Gc<JsObject>, k: f64) -> JsResult<Option<Value>> {
    if let Some(v) = dense_own_element(o, k) {
        return Ok(Some(v));
    }
    if has_index(rt, o, k)? {
        Ok(Some(get_index(rt, o, k)?))
    } else {
        Ok(None)
    }
}

/// CreateDataPropertyOrThrow(A, ! ToString(𝔽(k)), v).
pub(super) fn create_index(rt: &mut Runtime, a: Gc<JsObject>, k: f64, v: Value) -> JsResult<()> {
    // Fast path: a plain array (the usual ArraySpeciesCreate result).
    if k < 4294967295.0 && rt.try_create_array_element(a, k as u32, v)? {
        return Ok(());
    }
    let key = rt.index_key(k)?;
    rt.create_data_property_or_throw(a, key, v)
}
