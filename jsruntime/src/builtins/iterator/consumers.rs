//! The eager methods of %Iterator.prototype% (27.1.4): `reduce`, `toArray`,
//! `forEach`, `some`, `every` and `find`, which drive the iterator to its
//! end (or to the first decisive value) in one call.

use super::constructor::{
    close, close_if_abrupt, close_quietly, get_iterator_direct, iterator_step_value, Direct,
};
use crate::builtins::arg;
use crate::builtins::map::is_callable;
use crate::object::PropertyKey;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// Steps 1-5 shared by the methods taking a function: `this` must be an
/// object and `func` callable (else the iterator is closed with the
/// TypeError), then ? GetIteratorDirect(O).
fn direct_with_function(rt: &mut Runtime, this: Value, func: Value) -> JsResult<Direct> {
    // 2. If O is not an Object, throw a TypeError exception.
    if !this.is_object() {
        return Err(rt.type_error("Iterator.prototype method called on a non-object"));
    }
    // 4. If IsCallable(fn) is false: IteratorClose(iterated, TypeError).
    if !is_callable(func) {
        let error = rt.type_error("callback is not a function");
        close_quietly(rt, this);
        return Err(error);
    }
    // 5. Set iterated to ? GetIteratorDirect(O).
    get_iterator_direct(rt, this)
}

/// 27.1.4.9 Iterator.prototype.reduce ( reducer [ , initialValue ] ).
pub(super) fn reduce(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let reducer = arg(args, 0);
    let iterated = direct_with_function(rt, this, reducer)?;
    // 6-7. The accumulator: initialValue, or the first value (counter 1).
    let (mut accumulator, mut counter) = if args.len() < 2 {
        match iterator_step_value(rt, iterated)? {
            Some(v) => (v, 1.0),
            None => return Err(rt.type_error("Reduce of empty iterator with no initial value")),
        }
    } else {
        (args[1], 0.0)
    };
    // 8. Repeat: call reducer(accumulator, value, counter), closing on error.
    loop {
        let Some(value) = iterator_step_value(rt, iterated)? else {
            return Ok(accumulator);
        };
        let result = rt.call(
            reducer,
            Value::UNDEFINED,
            &[accumulator, value, Value::number(counter)],
        );
        accumulator = close_if_abrupt(rt, iterated.iterator, result)?;
        counter += 1.0;
    }
}

/// 27.1.4.12 Iterator.prototype.toArray ( ).
pub(super) fn to_array(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    if !this.is_object() {
        return Err(rt.type_error("Iterator.prototype.toArray called on a non-object"));
    }
    let iterated = get_iterator_direct(rt, this)?;
    // 4. Let items be a new empty List (an array from the start: its
    //    elements are traced while the iterator runs).
    let items = rt.new_array(0)?;
    loop {
        let Some(value) = iterator_step_value(rt, iterated)? else {
            return Ok(Value::object(items));
        };
        let index = items.array_length();
        if index == u32::MAX {
            return Err(rt.range_error("Invalid array length"));
        }
        rt.create_data_property_or_throw(items, PropertyKey::Index(index), value)?;
    }
}

/// 27.1.4.7 Iterator.prototype.forEach ( procedure ).
pub(super) fn for_each(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let procedure = arg(args, 0);
    let iterated = direct_with_function(rt, this, procedure)?;
    let mut counter = 0.0;
    loop {
        let Some(value) = iterator_step_value(rt, iterated)? else {
            return Ok(Value::UNDEFINED);
        };
        let result = rt.call(
            procedure,
            Value::UNDEFINED,
            &[value, Value::number(counter)],
        );
        close_if_abrupt(rt, iterated.iterator, result)?;
        counter += 1.0;
    }
}

/// What `some`, `every` and `find` look for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Search {
    Some,
    Every,
    Find,
}

/// 27.1.4.10 some, 27.1.4.3 every, 27.1.4.5 find: call the predicate on
/// each value until it decides, then IteratorClose(iterated,
/// NormalCompletion(answer)).
fn search(rt: &mut Runtime, this: Value, args: &[Value], which: Search) -> JsResult<Value> {
    let predicate = arg(args, 0);
    let iterated = direct_with_function(rt, this, predicate)?;
    let mut counter = 0.0;
    loop {
        let Some(value) = iterator_step_value(rt, iterated)? else {
            // The iterator is done: no value decided.
            return Ok(match which {
                Search::Some => Value::FALSE,
                Search::Every => Value::TRUE,
                Search::Find => Value::UNDEFINED,
            });
        };
        let result = rt.call(
            predicate,
            Value::UNDEFINED,
            &[value, Value::number(counter)],
        );
        let result = close_if_abrupt(rt, iterated.iterator, result)?;
        let truthy = crate::conversions::to_boolean(result);
        let answer = match which {
            Search::Some if truthy => Some(Value::TRUE),
            Search::Every if !truthy => Some(Value::FALSE),
            Search::Find if truthy => Some(value),
            _ => None,
        };
        if let Some(answer) = answer {
            close(rt, iterated.iterator)?;
            return Ok(answer);
        }
        counter += 1.0;
    }
}

/// 27.1.4.10 Iterator.prototype.some ( predicate ).
pub(super) fn some(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    search(rt, this, args, Search::Some)
}

/// 27.1.4.3 Iterator.prototype.every ( predicate ).
pub(super) fn every(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    search(rt, this, args, Search::Every)
}

/// 27.1.4.5 Iterator.prototype.find ( predicate ).
pub(super) fn find(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    search(rt, this, args, Search::Find)
}
