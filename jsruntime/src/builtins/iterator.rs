//! Iteration: the iterator protocol (ECMA-262 7.4), %IteratorPrototype%
//! (27.1.2), array iterators (23.1.5: `Array.prototype.values/keys/entries`
//! and `[Symbol.iterator]`), string iterators (22.1.5:
//! `String.prototype[Symbol.iterator]`, by code points), and the internal
//! records the compiled code uses for `for-of`, `for-in`, spread and array
//! patterns (see [`crate::semantics::Helper`]).
//!
//! # Iterator records
//!
//! GetIterator (7.4.3) returns an *iterator record* (7.4.1): here an internal
//! object of kind [`ObjectKind::Host`] holding [`IteratorRecord`], which
//! JavaScript code never sees (the analyzer keeps it in temporaries). When
//! the iterable is an array whose `@@iterator` is the original
//! `Array.prototype.values` and %ArrayIteratorPrototype%.next is the
//! original one, the record walks the array directly: creating the array
//! iterator object and the `{value, done}` results is not observable then.

use std::any::Any;
use std::cell::Cell;

use super::f;
use crate::gc::Gc;
use crate::gc::{Trace, Tracer};
use crate::object::{Attributes, HostData, JsObject, ObjectKind, PropertyKey, StoredProperty};
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

static ITERATOR_PROTOTYPE: &[BuiltinFunction] = &[f("@@iterator", 0, return_this)];
static ARRAY_ITERATOR_PROTOTYPE: &[BuiltinFunction] = &[f("next", 0, array_iterator_next)];
static STRING_ITERATOR_PROTOTYPE: &[BuiltinFunction] = &[f("next", 0, string_iterator_next)];
static ARRAY_PROTOTYPE: &[BuiltinFunction] = &[
    f("entries", 0, array_entries),
    f("keys", 0, array_keys),
    f("values", 0, array_values),
];
static STRING_PROTOTYPE: &[BuiltinFunction] = &[f("@@iterator", 0, string_iterator)];

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    let iter_proto = rt.intrinsic_object(Intrinsic::IteratorPrototype);
    rt.install_functions(iter_proto, ITERATOR_PROTOTYPE)?;
    let tag = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::ToStringTag));

    // 23.1.5.2 %ArrayIteratorPrototype%.
    let aip = rt.intrinsic_object(Intrinsic::ArrayIteratorPrototype);
    rt.install_functions(aip, ARRAY_ITERATOR_PROTOTYPE)?;
    let next_key = PropertyKey::String(rt.names.next);
    if let Some(StoredProperty::Data(next, _)) = aip.stored_property(next_key) {
        rt.set_intrinsic(Intrinsic::ArrayIteratorNext, next);
    }
    let name = rt.atom("Array Iterator")?;
    rt.store_property(
        aip,
        tag,
        StoredProperty::Data(Value::string(name), Attributes::CONFIGURABLE_ONLY),
    )?;

    // 22.1.5.2 %StringIteratorPrototype%.
    let sip = rt.new_object_with(Value::object(iter_proto), ObjectKind::Ordinary, 0)?;
    rt.set_intrinsic(Intrinsic::StringIteratorPrototype, Value::object(sip));
    rt.install_functions(sip, STRING_ITERATOR_PROTOTYPE)?;
    let name = rt.atom("String Iterator")?;
    rt.store_property(
        sip,
        tag,
        StoredProperty::Data(Value::string(name), Attributes::CONFIGURABLE_ONLY),
    )?;

    // 23.1.3.40 Array.prototype[@@iterator] is the same function object as
    // Array.prototype.values.
    let ap = rt.intrinsic_object(Intrinsic::ArrayPrototype);
    rt.install_functions(ap, ARRAY_PROTOTYPE)?;
    let values_key = PropertyKey::String(rt.atom("values")?);
    if let Some(StoredProperty::Data(values, _)) = ap.stored_property(values_key) {
        rt.set_intrinsic(Intrinsic::ArrayValues, values);
        let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
        rt.store_property(
            ap,
            key,
            StoredProperty::Data(values, Attributes::BUILTIN_METHOD),
        )?;
    }
    let sp = rt.intrinsic_object(Intrinsic::StringPrototype);
    rt.install_functions(sp, STRING_PROTOTYPE)?;
    Ok(())
}

/// 27.1.2.1 %IteratorPrototype% [ @@iterator ] ( ).
fn return_this(_: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(this)
}

// ----- Host data -----

macro_rules! host_data {
    ($t:ty, $name:literal) => {
        impl HostData for $t {
            fn class_name(&self) -> &'static str {
                $name
            }
            fn as_any(&self) -> &dyn Any {
                self
            }
            fn as_any_mut(&mut self) -> &mut dyn Any {
                self
            }
        }
    };
}

/// Which values an array iterator produces (23.1.5.1 CreateArrayIterator).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ArrayIterKind {
    Keys,
    Values,
    Entries,
}

/// [[IteratedArrayLike]] (undefined once exhausted), [[ArrayLikeNextIndex]]
/// and [[ArrayLikeIterationKind]].
struct ArrayIterator {
    iterated: Cell<Value>,
    index: Cell<f64>,
    kind: ArrayIterKind,
}

// SAFETY: reports the only value the iterator holds.
unsafe impl Trace for ArrayIterator {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.iterated.get());
    }
}
host_data!(ArrayIterator, "Array Iterator");

/// [[IteratedString]] (undefined once exhausted) and the next position.
struct StringIterator {
    iterated: Cell<Value>,
    position: Cell<usize>,
}

// SAFETY: reports the only value the iterator holds.
unsafe impl Trace for StringIterator {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.iterated.get());
    }
}
host_data!(StringIterator, "String Iterator");

/// An iterator record (7.4.1): [[Iterator]], [[NextMethod]], [[Done]]. With
/// `fast`, `iterator` is the array itself and `index` the next index.
pub struct IteratorRecord {
    iterator: Cell<Value>,
    next: Cell<Value>,
    done: Cell<bool>,
    fast: bool,
    index: Cell<u32>,
}

// SAFETY: reports the values the record holds.
unsafe impl Trace for IteratorRecord {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.iterator.get());
        tracer.mark_value(self.next.get());
    }
}
host_data!(IteratorRecord, "Iterator Record");

/// The state of a for-in enumeration (14.7.5.9 EnumerateObjectProperties):
/// the object and the keys collected when the loop started.
/// The keys are kept as property keys (atoms and indices): no string is
/// allocated, so no unrooted value exists while they are collected.
struct ForInRecord {
    object: Value,
    keys: Vec<PropertyKey>,
    index: Cell<usize>,
}

// SAFETY: reports the object and every key's cell.
unsafe impl Trace for ForInRecord {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.object);
        for k in &self.keys {
            match k {
                PropertyKey::String(s) => tracer.mark_cell(s.addr()),
                PropertyKey::Symbol(s) => tracer.mark_cell(s.addr()),
                PropertyKey::Index(_) => {}
            }
        }
    }
}
host_data!(ForInRecord, "For-In Iterator");

/// The host data of type `T` of an object value. The reference is only
/// read (its fields are `Cell`s). It must not be held across calls that can
/// run JavaScript code when JavaScript can reach the object (iterator
/// objects: a property store would take `&mut` of the object); internal
/// records are unreachable from JavaScript. The caller keeps `v` alive.
fn host<T: 'static>(v: Value) -> Option<&'static T> {
    let o = v.as_object()?;
    // SAFETY: the object is live (the caller holds `v` on its stack) and
    // the data is only read through shared references; the `'static` is a
    // promise of the callers to drop it before the object can die.
    let kind = unsafe { &*(o.kind() as *const ObjectKind) };
    match kind {
        ObjectKind::Host(h) => h.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

fn new_host(rt: &mut Runtime, proto: Value, data: Box<dyn HostData>) -> JsResult<Value> {
    let o = rt.new_object_with(proto, ObjectKind::Host(data), 0)?;
    Ok(Value::object(o))
}

// ----- Array iterators (23.1.5) -----

fn create_array_iterator(rt: &mut Runtime, this: Value, kind: ArrayIterKind) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let proto = rt.intrinsic(Intrinsic::ArrayIteratorPrototype);
    new_host(
        rt,
        proto,
        Box::new(ArrayIterator {
            iterated: Cell::new(Value::object(o)),
            index: Cell::new(0.0),
            kind,
        }),
    )
}

/// 23.1.3.7 Array.prototype.entries ( ).
fn array_entries(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Entries)
}

/// 23.1.3.19 Array.prototype.keys ( ).
fn array_keys(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Keys)
}

/// 23.1.3.37 Array.prototype.values ( ).
fn array_values(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_array_iterator(rt, this, ArrayIterKind::Values)
}

/// 7.4.14 CreateIteratorResultObject ( value, done ).
pub fn iter_result(rt: &mut Runtime, value: Value, done: bool) -> JsResult<Value> {
    let o = rt.new_object()?;
    let vk = PropertyKey::String(rt.names.value);
    rt.create_data_property_or_throw(o, vk, value)?;
    let dk = PropertyKey::String(rt.names.done);
    rt.create_data_property_or_throw(o, dk, Value::from_bool(done))?;
    Ok(Value::object(o))
}

/// The length of an array-like for iteration (arrays without a call).
fn array_like_length(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<f64> {
    if o.is_array() {
        Ok(o.array_length() as f64)
    } else {
        rt.length_of_array_like(o)
    }
}

/// 23.1.5.2.1 %ArrayIteratorPrototype%.next ( ).
fn array_iterator_next(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(it) = host::<ArrayIterator>(this) else {
        return Err(rt.type_error("next called on an object that is not an Array Iterator"));
    };
    let (iterated, index, kind) = (it.iterated.get(), it.index.get(), it.kind);
    let Some(a) = iterated.as_object() else {
        return iter_result(rt, Value::UNDEFINED, true);
    };
    let len = array_like_length(rt, a)?;
    if index >= len {
        if let Some(it) = host::<ArrayIterator>(this) {
            it.iterated.set(Value::UNDEFINED);
        }
        return iter_result(rt, Value::UNDEFINED, true);
    }
    if let Some(it) = host::<ArrayIterator>(this) {
        it.index.set(index + 1.0);
    }
    let key = rt.index_key(index)?;
    let result = match kind {
        ArrayIterKind::Keys => Value::number(index),
        ArrayIterKind::Values => rt.get(a, key, Value::object(a))?,
        ArrayIterKind::Entries => {
            let v = rt.get(a, key, Value::object(a))?;
            let pair = rt.create_array_from_list(&[Value::number(index), v])?;
            Value::object(pair)
        }
    };
    iter_result(rt, result, false)
}

// ----- String iterators (22.1.5) -----

/// 22.1.3.36 String.prototype [ @@iterator ] ( ).
fn string_iterator(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    if this.is_nullish() {
        return Err(rt.type_error("String.prototype[Symbol.iterator] called on null or undefined"));
    }
    let s = rt.to_string(this)?;
    let proto = rt.intrinsic(Intrinsic::StringIteratorPrototype);
    new_host(
        rt,
        proto,
        Box::new(StringIterator {
            iterated: Cell::new(Value::string(s)),
            position: Cell::new(0),
        }),
    )
}

/// 22.1.5.2.1 %StringIteratorPrototype%.next ( ): the next code point
/// (11.1.4 CodePointAt).
fn string_iterator_next(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(it) = host::<StringIterator>(this) else {
        return Err(rt.type_error("next called on an object that is not a String Iterator"));
    };
    let (iterated, position) = (it.iterated.get(), it.position.get());
    let Some(s) = iterated.as_string() else {
        return iter_result(rt, Value::UNDEFINED, true);
    };
    let len = s.len();
    if position >= len {
        it.iterated.set(Value::UNDEFINED);
        return iter_result(rt, Value::UNDEFINED, true);
    }
    let first = s.code_unit_at(position).unwrap_or(0);
    let mut size = 1;
    if (0xD800..0xDC00).contains(&first) {
        if let Some(second) = s.code_unit_at(position + 1) {
            if (0xDC00..0xE000).contains(&second) {
                size = 2;
            }
        }
    }
    it.position.set(position + size);
    let part = rt.substring(s, position, position + size)?;
    iter_result(rt, Value::string(part), false)
}

// ----- Iterator records (7.4) -----

fn new_record(rt: &mut Runtime, record: IteratorRecord) -> JsResult<Value> {
    new_host(rt, Value::NULL, Box::new(record))
}

/// 7.4.3 GetIterator ( obj, sync ): an iterator record.
pub fn get_iterator(rt: &mut Runtime, obj: Value) -> JsResult<Value> {
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
    let Some(method) = rt.get_method(obj, key)? else {
        return Err(rt.type_error("object is not iterable"));
    };
    if let Some(a) = obj.as_object() {
        if a.is_array() && method == rt.intrinsic(Intrinsic::ArrayValues) && array_next_intact(rt) {
            return new_record(
                rt,
                IteratorRecord {
                    iterator: Cell::new(obj),
                    next: Cell::new(Value::UNDEFINED),
                    done: Cell::new(false),
                    fast: true,
                    index: Cell::new(0),
                },
            );
        }
    }
    let iterator = rt.call(method, obj, &[])?;
    if iterator.as_object().is_none() {
        return Err(rt.type_error("Result of the Symbol.iterator method is not an object"));
    }
    let next_key = PropertyKey::String(rt.names.next);
    let next = rt.get_v(iterator, next_key)?;
    new_record(
        rt,
        IteratorRecord {
            iterator: Cell::new(iterator),
            next: Cell::new(next),
            done: Cell::new(false),
            fast: false,
            index: Cell::new(0),
        },
    )
}

/// Whether %ArrayIteratorPrototype%.next is still the original function
/// (so that iterating an array directly is not observable).
fn array_next_intact(rt: &mut Runtime) -> bool {
    let aip = rt.intrinsic_object(Intrinsic::ArrayIteratorPrototype);
    let key = PropertyKey::String(rt.names.next);
    matches!(aip.stored_property(key),
        Some(StoredProperty::Data(v, _)) if v == rt.intrinsic(Intrinsic::ArrayIteratorNext))
}

fn record(rt: &mut Runtime, v: Value) -> JsResult<&'static IteratorRecord> {
    match host::<IteratorRecord>(v) {
        Some(r) => Ok(r),
        None => Err(rt.type_error("internal error: not an iterator record")),
    }
}

/// 7.4.8 IteratorStepValue ( iteratorRecord ): the next value, or HOLE when
/// the iterator is done. The record is done after an error.
pub fn step_value(rt: &mut Runtime, rec: Value) -> JsResult<Value> {
    let r = record(rt, rec)?;
    if r.done.get() {
        return Ok(Value::HOLE);
    }
    let result = step_inner(rt, r);
    if !matches!(result, Ok(v) if !v.is_hole()) {
        r.done.set(true);
    }
    result
}

fn step_inner(rt: &mut Runtime, r: &IteratorRecord) -> JsResult<Value> {
    let (iterator, next) = (r.iterator.get(), r.next.get());
    if r.fast {
        let Some(a) = iterator.as_object() else {
            return Ok(Value::HOLE);
        };
        let index = r.index.get();
        if index >= a.array_length() {
            return Ok(Value::HOLE);
        }
        r.index.set(index + 1);
        return rt.get(a, PropertyKey::Index(index), iterator);
    }
    // 7.4.4 IteratorNext, 7.4.5 IteratorComplete, 7.4.6 IteratorValue.
    let result = rt.call(next, iterator, &[])?;
    let Some(o) = result.as_object() else {
        return Err(rt.type_error("iterator result is not an object"));
    };
    let done_key = PropertyKey::String(rt.names.done);
    let done = rt.get(o, done_key, result)?;
    if crate::conversions::to_boolean(done) {
        return Ok(Value::HOLE);
    }
    let value_key = PropertyKey::String(rt.names.value);
    rt.get(o, value_key, result)
}

/// GetIterator for an array pattern: the array itself when iterating it
/// is not observable (see the module docs), else an iterator record. The
/// pattern's elements then read the array by index, which is what
/// %ArrayIteratorPrototype%.next does (23.1.5.2.1: the length is read at
/// every step), without allocating a record.
pub fn pattern_iterator(rt: &mut Runtime, obj: Value) -> JsResult<Value> {
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
    if let Some(a) = obj.as_object().filter(|a| a.is_array()) {
        // Decided from data properties only: no code runs here.
        let method = match a.stored_property(key) {
            Some(StoredProperty::Data(m, _)) => Some(m),
            Some(_) => None,
            None if a.proto() == rt.intrinsic(Intrinsic::ArrayPrototype) => {
                match rt
                    .intrinsic_object(Intrinsic::ArrayPrototype)
                    .stored_property(key)
                {
                    Some(StoredProperty::Data(m, _)) => Some(m),
                    _ => None,
                }
            }
            None => None,
        };
        if method == Some(rt.intrinsic(Intrinsic::ArrayValues)) && array_next_intact(rt) {
            return Ok(obj);
        }
    }
    get_iterator(rt, obj)
}

/// Element `index` of an array pattern: the next value or undefined.
pub fn pattern_step(rt: &mut Runtime, rec: Value, index: Value) -> JsResult<Value> {
    if host::<IteratorRecord>(rec).is_none() {
        let (Some(a), Some(i)) = (rec.as_object(), index.as_number()) else {
            return Ok(Value::UNDEFINED);
        };
        if i >= a.array_length() as f64 {
            return Ok(Value::UNDEFINED);
        }
        return rt.get(a, PropertyKey::Index(i as u32), rec);
    }
    let v = step_value(rt, rec)?;
    Ok(if v.is_hole() { Value::UNDEFINED } else { v })
}

/// A rest element from `index` on: an array of the remaining values (8.6.3,
/// 13.15.5.5).
pub fn pattern_rest(rt: &mut Runtime, rec: Value, index: Value) -> JsResult<Value> {
    let a = rt.new_array(0)?;
    if host::<IteratorRecord>(rec).is_none() {
        let (Some(src), Some(start)) = (rec.as_object(), index.as_number()) else {
            return Ok(Value::object(a));
        };
        let mut i = start as u32;
        while i < src.array_length() {
            let v = rt.get(src, PropertyKey::Index(i), rec)?;
            rt.create_data_property_or_throw(a, PropertyKey::Index(a.array_length()), v)?;
            i += 1;
        }
        return Ok(Value::object(a));
    }
    append_from_record(rt, a, rec)?;
    Ok(Value::object(a))
}

fn append_from_record(rt: &mut Runtime, a: Gc<JsObject>, rec: Value) -> JsResult<()> {
    loop {
        let v = step_value(rt, rec)?;
        if v.is_hole() {
            return Ok(());
        }
        let index = a.array_length();
        if index == u32::MAX {
            return Err(rt.range_error("Invalid array length"));
        }
        rt.create_data_property_or_throw(a, PropertyKey::Index(index), v)?;
    }
}

/// 13.2.4.1 ArrayAccumulation of a SpreadElement: appends the values of an
/// iterable to an array.
pub fn append_spread(rt: &mut Runtime, array: Value, iterable: Value) -> JsResult<Value> {
    let Some(a) = array.as_object().filter(|a| a.is_array()) else {
        return Err(rt.type_error("internal error: spread into a non-array"));
    };
    let rec = get_iterator(rt, iterable)?;
    append_from_record(rt, a, rec)?;
    Ok(array)
}

/// 7.4.11 IteratorClose ( iteratorRecord, completion ), unless the record is
/// done. With `quiet` (a throw completion), errors of `return` and a
/// non-object result are ignored.
pub fn iterator_close(rt: &mut Runtime, rec: Value, quiet: bool) -> JsResult<Value> {
    // An array iterated directly (`pattern_iterator`) has nothing to close.
    let Some(r) = host::<IteratorRecord>(rec) else {
        return Ok(Value::UNDEFINED);
    };
    if r.done.get() {
        return Ok(Value::UNDEFINED);
    }
    r.done.set(true);
    if r.fast {
        // The array iterator has no `return` method (23.1.5.2).
        return Ok(Value::UNDEFINED);
    }
    let iterator = r.iterator.get();
    let result = (|| {
        let key = PropertyKey::String(rt.atom("return")?);
        let Some(method) = rt.get_method(iterator, key)? else {
            return Ok(());
        };
        let inner = rt.call(method, iterator, &[])?;
        if inner.as_object().is_none() {
            return Err(rt.type_error("iterator result is not an object"));
        }
        Ok(())
    })();
    match result {
        Err(e) if !quiet => Err(e),
        _ => Ok(Value::UNDEFINED),
    }
}

// ----- for-in (14.7.5.9 EnumerateObjectProperties) -----

/// The for-in state of a value: its enumerable string keys and those of its
/// prototypes, each once, in the order of OrdinaryOwnPropertyKeys per
/// object; a key shadowed by an own property (enumerable or not) of an
/// object earlier on the chain is skipped. Undefined and null enumerate
/// nothing (14.7.5.6 step 6.a).
pub fn for_in_iterator(rt: &mut Runtime, v: Value) -> JsResult<Value> {
    let mut keys = Vec::new();
    let mut object = Value::UNDEFINED;
    if !v.is_nullish() {
        let o = rt.to_object(v)?;
        object = Value::object(o);
        let mut visited: Vec<PropertyKey> = Vec::new();
        let mut current = Some(o);
        let mut guard = 0u32;
        while let Some(c) = current {
            guard += 1;
            if guard > 100_000 {
                break;
            }
            for key in rt.own_property_keys(c)? {
                if matches!(key, PropertyKey::Symbol(_)) || visited.contains(&key) {
                    continue;
                }
                visited.push(key);
                if let Some(desc) = rt.get_own_property(c, key)? {
                    if desc.enumerable == Some(true) {
                        keys.push(key);
                    }
                }
            }
            current = rt.get_prototype_of(c)?.as_object();
        }
    }
    new_host(
        rt,
        Value::NULL,
        Box::new(ForInRecord {
            object,
            keys,
            index: Cell::new(0),
        }),
    )
}

/// The next key of a for-in enumeration that is still a property of the
/// object (properties deleted before they are visited are skipped), or
/// HOLE.
pub fn for_in_step(rt: &mut Runtime, rec: Value) -> JsResult<Value> {
    loop {
        let Some(r) = host::<ForInRecord>(rec) else {
            return Err(rt.type_error("internal error: not a for-in record"));
        };
        let i = r.index.get();
        let (Some(&key), Some(o)) = (r.keys.get(i), r.object.as_object()) else {
            return Ok(Value::HOLE);
        };
        r.index.set(i + 1);
        if rt.has_property(o, key)? {
            return rt.property_key_to_value(key);
        }
    }
}
