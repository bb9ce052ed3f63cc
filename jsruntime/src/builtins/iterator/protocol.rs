//! The iterator protocol (7.4 Operations on Iterator Objects) as the
//! records compiled code uses for `for-of`, spread and array patterns.
//!
//! GetIterator (7.4.3) returns an *iterator record* (7.4.1): here an internal
//! object of kind [`crate::object::ObjectKind::Host`] holding [`IteratorRecord`], which
//! JavaScript code never sees (the analyzer keeps it in temporaries). When
//! the iterable is an array whose `@@iterator` is the original
//! `Array.prototype.values` and %ArrayIteratorPrototype%.next is the
//! original one, the record walks the array directly: creating the array
//! iterator object and the `{value, done}` results is not observable then.

use std::cell::Cell;

use super::{host, new_host};
use crate::builtins::string::units::code_point_at;
use crate::gc::{Gc, Trace, Tracer};
use crate::object::{JsObject, PropertyKey, StoredProperty};
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// An iterator record (7.4.1): [[Iterator]], [[NextMethod]], [[Done]]. With
/// `fast`, `iterator` is the array itself and `index` the next index.
pub struct IteratorRecord {
    pub(super) iterator: Cell<Value>,
    pub(super) next: Cell<Value>,
    pub(super) done: Cell<bool>,
    pub(super) fast: Cell<bool>,
    pub(super) index: Cell<u32>,
}

// SAFETY: reports the values the record holds.
unsafe impl Trace for IteratorRecord {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.iterator.get());
        tracer.mark_value(self.next.get());
    }
}
host_data!(IteratorRecord, "Iterator Record");

pub(super) fn new_record(rt: &mut Runtime, record: IteratorRecord) -> JsResult<Value> {
    new_host(rt, Value::NULL, Box::new(record))
}

/// 7.4.3 GetIterator ( obj, sync ): an iterator record.
pub fn get_iterator(rt: &mut Runtime, obj: Value) -> JsResult<Value> {
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
    let Some(method) = rt.get_method(obj, key)? else {
        return Err(rt.type_error("object is not iterable"));
    };
    get_iterator_from_method(rt, obj, method)
}

/// 7.4.2 GetIteratorFromMethod ( obj, method ): an iterator record.
pub fn get_iterator_from_method(rt: &mut Runtime, obj: Value, method: Value) -> JsResult<Value> {
    if let Some(a) = obj.as_object() {
        if a.is_array() && method == rt.intrinsic(Intrinsic::ArrayValues) && array_next_intact(rt) {
            return new_record(
                rt,
                IteratorRecord {
                    iterator: Cell::new(obj),
                    next: Cell::new(Value::UNDEFINED),
                    done: Cell::new(false),
                    fast: Cell::new(true),
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
            fast: Cell::new(false),
            index: Cell::new(0),
        },
    )
}

/// The [[Iterator]] and [[NextMethod]] of a record, for code that drives the
/// iterator itself (`yield*`). A record that reads an array directly gets
/// the array iterator it stands for (created now: not observable, see
/// `get_iterator_from_method`).
pub(crate) fn record_iterator(rt: &mut Runtime, rec: Value) -> JsResult<(Value, Value)> {
    let r = record(rt, rec)?;
    if r.fast.get() {
        let array = r.iterator.get();
        // The record may be held by nothing but this frame's `rec`, and `r`
        // points into its host data (not a cell the stack scan knows): it
        // stays rooted across the allocation.
        let _root = rt.rooted_list_from(&[rec]);
        let iterator =
            super::array::create_array_iterator(rt, array, super::array::ArrayIterKind::Values)?;
        let next = rt.intrinsic(Intrinsic::ArrayIteratorNext);
        let r = record(rt, rec)?;
        r.iterator.set(iterator);
        r.next.set(next);
        r.fast.set(false);
    }
    Ok((r.iterator.get(), r.next.get()))
}

/// Whether %ArrayIteratorPrototype%.next is still the original function
/// (so that iterating an array directly is not observable).
fn array_next_intact(rt: &mut Runtime) -> bool {
    let aip = rt.intrinsic_object(Intrinsic::ArrayIteratorPrototype);
    let key = PropertyKey::String(rt.names.next);
    matches!(aip.stored_property(key),
        Some(StoredProperty::Data(v, _)) if v == rt.intrinsic(Intrinsic::ArrayIteratorNext))
}

pub(super) fn record(rt: &mut Runtime, v: Value) -> JsResult<&'static IteratorRecord> {
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
    if r.fast.get() {
        let Some(a) = iterator.as_object() else {
            return Ok(Value::HOLE);
        };
        let index = r.index.get();
        if index >= a.array_length() {
            return Ok(Value::HOLE);
        }
        r.index.set(index + 1);
        // %ArrayIteratorPrototype%.next's Get(array, index): a present
        // plain element is read directly (the Get could run no code).
        if a.flags() & crate::object::FLAG_EXOTIC == 0 && a.is_array() {
            if let Some(v) = a.dense_element(index) {
                return Ok(v);
            }
        }
        return rt.get(a, PropertyKey::Index(index), iterator);
    }
    if next == rt.intrinsic(Intrinsic::GeneratorNext) {
        if let Some(o) = iterator.as_object() {
            if let Some(step) = crate::builtins::generator::step_value(rt, o) {
                return step.map(|v| v.unwrap_or(Value::HOLE));
            }
        }
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
        if !rt.try_create_array_element(a, index, v)? {
            rt.create_data_property_or_throw(a, PropertyKey::Index(index), v)?;
        }
    }
}

/// 13.2.4.1 ArrayAccumulation of a SpreadElement: appends the values of an
/// iterable to an array.
pub fn append_spread(rt: &mut Runtime, array: Value, iterable: Value) -> JsResult<Value> {
    let Some(a) = array.as_object().filter(|a| a.is_array()) else {
        return Err(rt.type_error("internal error: spread into a non-array"));
    };
    if let Some(s) = iterable.as_string() {
        if string_iteration_intact(rt) {
            append_code_points(rt, a, s)?;
            return Ok(array);
        }
    }
    let rec = get_iterator(rt, iterable)?;
    append_from_record(rt, a, rec)?;
    Ok(array)
}

/// Whether spreading a string primitive would run the original
/// String.prototype[@@iterator] and %StringIteratorPrototype%.next: the
/// iterator and its result objects are then never seen, and the string's
/// code points can be appended directly.
fn string_iteration_intact(rt: &mut Runtime) -> bool {
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
    let method = rt
        .intrinsic_object(Intrinsic::StringPrototype)
        .stored_property(key);
    let next_key = PropertyKey::String(rt.names.next);
    let next = rt
        .intrinsic_object(Intrinsic::StringIteratorPrototype)
        .stored_property(next_key);
    matches!(method, Some(StoredProperty::Data(m, _)) if m == rt.intrinsic(Intrinsic::StringPrototypeIterator))
        && matches!(next, Some(StoredProperty::Data(n, _)) if n == rt.intrinsic(Intrinsic::StringIteratorNext))
}

/// Appends the code points of `s` to array `a` as strings, as the string
/// iterator yields them (22.1.5.2.1: a surrogate pair is one value, a lone
/// surrogate its own).
fn append_code_points(
    rt: &mut Runtime,
    a: Gc<JsObject>,
    s: Gc<crate::string::JsString>,
) -> JsResult<()> {
    let len = s.len();
    let mut position = 0;
    while position < len {
        let (_, size) = code_point_at(s.view(), position);
        let part = rt.substring(s, position, position + size)?;
        position += size;
        let index = a.array_length();
        if index == u32::MAX {
            return Err(rt.range_error("Invalid array length"));
        }
        let v = Value::string(part);
        if !rt.try_create_array_element(a, index, v)? {
            rt.create_data_property_or_throw(a, PropertyKey::Index(index), v)?;
        }
    }
    Ok(())
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
    if r.fast.get() {
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
