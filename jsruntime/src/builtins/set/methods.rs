//! The ES2025 Set methods (24.2.4): `union`, `intersection`,
//! `difference`, `symmetricDifference`, `isSubsetOf`, `isSupersetOf`,
//! `isDisjointFrom`, over a set-like record (24.2.1.2 GetSetRecord).
//!
//! Each result Set is created before the loop that fills it (creating it is
//! not observable: %Set.prototype% is reached through a non-writable,
//! non-configurable property), so its table is traced while user code
//! runs. A walk over `this`'s own elements that calls user code uses a
//! table cursor, which follows deletions, insertions and compactions, as
//! the spec's index over O.[[SetData]] does.

use std::cell::RefCell;

use super::{new_set_from, SetData};
use crate::builtins::arg;
use crate::builtins::iterator::{get_iterator_from_method, iterator_close, step_value};
use crate::builtins::map::table::OrderedTable;
use crate::builtins::map::{canonicalize_key, host_ref, is_callable};
use crate::conversions::to_boolean;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// A Set Record (24.2.1.1): [[SetObject]], [[Size]], [[Has]], [[Keys]].
struct SetRecord {
    set: Value,
    size: f64,
    has: Value,
    keys: Value,
}

/// RequireInternalSlot(O, [[SetData]]) for the set methods.
fn this_table(
    rt: &mut Runtime,
    this: Value,
    method: &str,
) -> JsResult<&'static RefCell<OrderedTable>> {
    match host_ref::<SetData>(this) {
        Some(s) => Ok(&s.table),
        None => Err(rt.type_error(&format!(
            "Method Set.prototype.{method} called on incompatible receiver"
        ))),
    }
}

/// The table of a Set made by [`new_set_from`].
fn table_of(rt: &mut Runtime, set: Value) -> JsResult<&'static RefCell<OrderedTable>> {
    this_table(rt, set, "result")
}

/// 24.2.1.2 GetSetRecord ( obj ) (#sec-getsetrecord).
fn get_set_record(rt: &mut Runtime, obj: Value) -> JsResult<SetRecord> {
    // 1. If obj is not an Object, throw a TypeError exception.
    let Some(o) = obj.as_object() else {
        return Err(rt.type_error("set-like argument is not an object"));
    };
    // 2. Let rawSize be ? Get(obj, "size").
    let raw_size = rt.get_by_name(o, "size")?;
    // 3. Let numSize be ? ToNumber(rawSize).
    let num_size = rt.to_number(raw_size)?;
    // 5. If numSize is NaN, throw a TypeError exception.
    if num_size.is_nan() {
        return Err(rt.type_error("set-like size is not a number"));
    }
    // 6. Let intSize be ! ToIntegerOrInfinity(numSize).
    let int_size = num_size.trunc() + 0.0;
    // 7. If intSize < 0, throw a RangeError exception.
    if int_size < 0.0 {
        return Err(rt.range_error("set-like size is negative"));
    }
    // 8-9. Let has be ? Get(obj, "has"); it must be callable.
    let has = rt.get_by_name(o, "has")?;
    if !is_callable(has) {
        return Err(rt.type_error("set-like has is not a function"));
    }
    // 10-11. Let keys be ? Get(obj, "keys"); it must be callable.
    let keys = rt.get_by_name(o, "keys")?;
    if !is_callable(keys) {
        return Err(rt.type_error("set-like keys is not a function"));
    }
    Ok(SetRecord {
        set: obj,
        size: int_size,
        has,
        keys,
    })
}

/// ToBoolean(? Call(otherRec.[[Has]], otherRec.[[SetObject]], « e »)).
fn other_has(rt: &mut Runtime, rec: &SetRecord, e: Value) -> JsResult<bool> {
    Ok(to_boolean(rt.call(rec.has, rec.set, &[e])?))
}

/// GetIteratorFromMethod(otherRec.[[SetObject]], otherRec.[[Keys]]).
fn keys_iterator(rt: &mut Runtime, rec: &SetRecord) -> JsResult<Value> {
    get_iterator_from_method(rt, rec.set, rec.keys)
}

/// The next value of a keys iterator, canonicalised; `None` when done.
fn next_key(rt: &mut Runtime, iter: Value) -> JsResult<Option<Value>> {
    let next = step_value(rt, iter)?;
    Ok((!next.is_hole()).then(|| canonicalize_key(next)))
}

/// 24.2.4.19 Set.prototype.union ( other ).
pub(super) fn union(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let table = this_table(rt, this, "union")?;
    // 3. Let otherRec be ? GetSetRecord(other).
    let rec = get_set_record(rt, arg(args, 0))?;
    // 4. Let keysIter be ? GetIteratorFromMethod(otherRec.[[SetObject]], otherRec.[[Keys]]).
    let iter = keys_iterator(rt, &rec)?;
    // 5. Let resultSetData be a copy of O.[[SetData]].
    let copy = table.borrow().copy();
    let result = new_set_from(rt, copy)?;
    let out = table_of(rt, result)?;
    // 7. Repeat, while next is not done: append the keys not in the result.
    while let Some(next) = next_key(rt, iter)? {
        out.borrow_mut().add(next);
    }
    Ok(result)
}

/// 24.2.4.9 Set.prototype.intersection ( other ).
pub(super) fn intersection(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let table = this_table(rt, this, "intersection")?;
    // 3. Let otherRec be ? GetSetRecord(other).
    let rec = get_set_record(rt, arg(args, 0))?;
    // 4. Let resultSetData be a new empty List.
    let result = new_set_from(rt, OrderedTable::new())?;
    let out = table_of(rt, result)?;
    // 5. If SetDataSize(O.[[SetData]]) ≤ otherRec.[[Size]], then
    if table.borrow().len() as f64 <= rec.size {
        // a-c. Walk O.[[SetData]] (including elements added by `has`).
        let cursor = table.borrow_mut().new_cursor();
        loop {
            let next = table.borrow().next_from(&cursor);
            let Some((e, _)) = next else { break };
            // 1. Let inOther be ToBoolean(? Call(otherRec.[[Has]], otherRec.[[SetObject]], « e »)).
            if other_has(rt, &rec, e)? {
                // 2.b. If SetDataHas(resultSetData, e) is false, append e.
                out.borrow_mut().add(e);
            }
        }
    } else {
        // 6. Else: iterate the keys of other.
        let iter = keys_iterator(rt, &rec)?;
        while let Some(next) = next_key(rt, iter)? {
            if table.borrow().has(next) {
                out.borrow_mut().add(next);
            }
        }
    }
    Ok(result)
}

/// 24.2.4.5 Set.prototype.difference ( other ).
pub(super) fn difference(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let table = this_table(rt, this, "difference")?;
    // 3. Let otherRec be ? GetSetRecord(other).
    let rec = get_set_record(rt, arg(args, 0))?;
    // 4. Let resultSetData be a copy of O.[[SetData]].
    let copy = table.borrow().copy();
    let result = new_set_from(rt, copy)?;
    let out = table_of(rt, result)?;
    // 5. If SetDataSize(O.[[SetData]]) ≤ otherRec.[[Size]], then
    if table.borrow().len() as f64 <= rec.size {
        // a-c. For each element e of resultSetData (by index; nothing else
        // changes the result's table), remove it when other has it.
        let len = out.borrow().raw_len();
        for index in 0..len {
            let Some((e, _)) = out.borrow().entry_at(index) else {
                continue;
            };
            if other_has(rt, &rec, e)? {
                out.borrow_mut().delete_at(index);
            }
        }
    } else {
        // 6. Else: remove each key of other from the result.
        let iter = keys_iterator(rt, &rec)?;
        while let Some(next) = next_key(rt, iter)? {
            out.borrow_mut().delete(next);
        }
    }
    Ok(result)
}

/// 24.2.4.15 Set.prototype.symmetricDifference ( other ).
pub(super) fn symmetric_difference(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    let table = this_table(rt, this, "symmetricDifference")?;
    // 3. Let otherRec be ? GetSetRecord(other).
    let rec = get_set_record(rt, arg(args, 0))?;
    // 4. Let keysIter be ? GetIteratorFromMethod(otherRec.[[SetObject]], otherRec.[[Keys]]).
    let iter = keys_iterator(rt, &rec)?;
    // 5. Let resultSetData be a copy of O.[[SetData]].
    let copy = table.borrow().copy();
    let result = new_set_from(rt, copy)?;
    let out = table_of(rt, result)?;
    // 7. Repeat, while next is not done,
    while let Some(next) = next_key(rt, iter)? {
        // iii-iv. resultIndex = SetDataIndex(resultSetData, next).
        let mut t = out.borrow_mut();
        let result_index = t.find(next);
        // v. If SetDataHas(O.[[SetData]], next) is true, remove it from the
        // result if it is there; vi. else add it if it is not.
        if table.borrow().has(next) {
            if let Some(i) = result_index {
                t.delete_at(i);
            }
        } else if result_index.is_none() {
            t.append(next, Value::UNDEFINED);
        }
    }
    Ok(result)
}

/// 24.2.4.11 Set.prototype.isSubsetOf ( other ).
pub(super) fn is_subset_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let table = this_table(rt, this, "isSubsetOf")?;
    // 3. Let otherRec be ? GetSetRecord(other).
    let rec = get_set_record(rt, arg(args, 0))?;
    // 4. If SetDataSize(O.[[SetData]]) > otherRec.[[Size]], return false.
    if table.borrow().len() as f64 > rec.size {
        return Ok(Value::FALSE);
    }
    // 5-7. Every element of O must be in other.
    let cursor = table.borrow_mut().new_cursor();
    loop {
        let next = table.borrow().next_from(&cursor);
        let Some((e, _)) = next else { break };
        if !other_has(rt, &rec, e)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

/// 24.2.4.12 Set.prototype.isSupersetOf ( other ).
pub(super) fn is_superset_of(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let table = this_table(rt, this, "isSupersetOf")?;
    // 3. Let otherRec be ? GetSetRecord(other).
    let rec = get_set_record(rt, arg(args, 0))?;
    // 4. If SetDataSize(O.[[SetData]]) < otherRec.[[Size]], return false.
    if (table.borrow().len() as f64) < rec.size {
        return Ok(Value::FALSE);
    }
    // 5. Let keysIter be ? GetIteratorFromMethod(otherRec.[[SetObject]], otherRec.[[Keys]]).
    let iter = keys_iterator(rt, &rec)?;
    // 6. Every key of other must be in O; else close the iterator.
    while let Some(next) = next_key(rt, iter)? {
        if !table.borrow().has(next) {
            iterator_close(rt, iter, false)?;
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

/// 24.2.4.10 Set.prototype.isDisjointFrom ( other ).
pub(super) fn is_disjoint_from(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let table = this_table(rt, this, "isDisjointFrom")?;
    // 3. Let otherRec be ? GetSetRecord(other).
    let rec = get_set_record(rt, arg(args, 0))?;
    // 4. If SetDataSize(O.[[SetData]]) ≤ otherRec.[[Size]], then
    if table.borrow().len() as f64 <= rec.size {
        // a-c. No element of O may be in other.
        let cursor = table.borrow_mut().new_cursor();
        loop {
            let next = table.borrow().next_from(&cursor);
            let Some((e, _)) = next else { break };
            if other_has(rt, &rec, e)? {
                return Ok(Value::FALSE);
            }
        }
    } else {
        // 5. Else: no key of other may be in O; close the iterator when one is.
        let iter = keys_iterator(rt, &rec)?;
        while let Some(next) = next_key(rt, iter)? {
            if table.borrow().has(next) {
                iterator_close(rt, iter, false)?;
                return Ok(Value::FALSE);
            }
        }
    }
    Ok(Value::TRUE)
}
