//! The async iteration protocol behind `for await` (14.7.5.6
//! ForIn/OfHeadEvaluation with iteratorKind async, 14.7.5.7
//! ForIn/OfBodyEvaluation, 7.4.13 AsyncIteratorClose): the helpers the
//! compiled loop calls around its `Await`s. The records are the ones of
//! [`super::protocol`].

use std::cell::Cell;

use super::async_from_sync::create_async_from_sync_iterator;
use super::protocol::{get_iterator_from_method, new_record, record, IteratorRecord};
use crate::conversions::to_boolean;
use crate::object::PropertyKey;
use crate::runtime::Runtime;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// 7.4.3 GetIterator ( obj, async ): `@@asyncIterator`, else the sync
/// iterator wrapped by 27.1.6.1 CreateAsyncFromSyncIterator.
pub fn get_async_iterator(rt: &mut Runtime, obj: Value) -> JsResult<Value> {
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::AsyncIterator));
    let Some(method) = rt.get_method(obj, key)? else {
        let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
        let Some(sync) = rt.get_method(obj, key)? else {
            return Err(rt.type_error("object is not async iterable"));
        };
        let sync_record = get_iterator_from_method(rt, obj, sync)?;
        return create_async_from_sync_iterator(rt, sync_record);
    };
    let iterator = rt.call(method, obj, &[])?;
    if !iterator.is_object() {
        return Err(rt.type_error("Result of the Symbol.asyncIterator method is not an object"));
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

/// 14.7.5.7 step 6.a: `Call(next, iterator)`, whose result the loop then
/// awaits. The record counts as done until the result is known to be a
/// value ([`step_result`]): an error or a rejection on the way leaves the
/// loop without closing the iterator.
pub fn next(rt: &mut Runtime, rec: Value) -> JsResult<Value> {
    let r = record(rt, rec)?;
    r.done.set(true);
    let (iterator, next) = (r.iterator.get(), r.next.get());
    rt.call(next, iterator, &[])
}

/// 14.7.5.7 steps 6.c-e on the awaited result: a TypeError unless it is an
/// object, HOLE when done, else its value (and the record is live again).
pub fn step_result(rt: &mut Runtime, rec: Value, result: Value) -> JsResult<Value> {
    let r = record(rt, rec)?;
    let Some(o) = result.as_object() else {
        return Err(rt.type_error("iterator result is not an object"));
    };
    let done_key = PropertyKey::String(rt.names.done);
    if to_boolean(rt.get(o, done_key, result)?) {
        return Ok(Value::HOLE);
    }
    let value_key = PropertyKey::String(rt.names.value);
    let value = rt.get(o, value_key, result)?;
    r.done.set(false);
    Ok(value)
}

/// 7.4.13 AsyncIteratorClose steps 3-4.c: the result of calling `return`
/// (which the loop awaits), or HOLE when the iterator is done or has no
/// `return`. With `quiet` (a throw completion) errors give HOLE.
pub fn close(rt: &mut Runtime, rec: Value, quiet: bool) -> JsResult<Value> {
    let r = record(rt, rec)?;
    if r.done.get() {
        return Ok(Value::HOLE);
    }
    r.done.set(true);
    let iterator = r.iterator.get();
    let result = (|| {
        let key = PropertyKey::String(rt.atom("return")?);
        match rt.get_method(iterator, key)? {
            None => Ok(Value::HOLE),
            Some(method) => rt.call(method, iterator, &[]),
        }
    })();
    match result {
        Err(_) if quiet => Ok(Value::HOLE),
        r => r,
    }
}

/// 7.4.13 step 7: the awaited result of `return` must be an object.
pub fn require_result_object(rt: &mut Runtime, v: Value) -> JsResult<Value> {
    if v.is_object() {
        Ok(v)
    } else {
        Err(rt.type_error("iterator result is not an object"))
    }
}
