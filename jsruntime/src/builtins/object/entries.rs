//! The Object statics that read other objects' properties into new ones:
//! `assign`, `entries`, `values`, `fromEntries`, `getOwnPropertyDescriptors`,
//! `groupBy` (20.1.2), and EnumerableOwnProperties (7.3.23).
//!
//! Getters run between the steps, so keys and values that Rust holds
//! across them live in rooted `ValueList`s (a getter may delete a property
//! whose key atom is then referenced from nowhere else).

use super::descriptor::from_property_descriptor;
use crate::builtins::arg;
use crate::builtins::iterator::{get_iterator, iterator_close, step_value};
use crate::gc::{Gc, ValueList};
use crate::object::{JsObject, PropertyKey};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;
use std::collections::HashMap;

/// A property key as a value without allocating (an index stays a number;
/// ToPropertyKey gives the same key back).
pub(super) fn key_value(key: PropertyKey) -> Value {
    match key {
        PropertyKey::Index(i) => Value::from_u32(i),
        PropertyKey::String(s) => Value::string(s),
        PropertyKey::Symbol(s) => Value::symbol(s),
    }
}

/// O.[[OwnPropertyKeys]]() in a rooted list of [`key_value`]s.
pub(super) fn own_keys_rooted(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<Gc<ValueList>> {
    // The list is allocated first: nothing allocates between
    // [[OwnPropertyKeys]] returning (a proxy's keys may be held only by the
    // returned vector) and the keys being rooted in it.
    let list = rt.alloc(ValueList::new())?;
    let keys = rt.own_property_keys(o)?;
    for key in keys {
        list.push(key_value(key));
    }
    Ok(list)
}

/// The key at `i` of a list made by [`own_keys_rooted`].
pub(super) fn key_at(rt: &mut Runtime, list: Gc<ValueList>, i: usize) -> JsResult<PropertyKey> {
    let v = list.get(i).unwrap_or(Value::UNDEFINED);
    rt.to_property_key(v)
}

/// What EnumerableOwnProperties collects.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum EnumKind {
    Keys,
    Values,
    Entries,
}

/// 7.3.23 EnumerableOwnProperties ( O, kind )
/// (#sec-enumerableownproperties), straight into a new array.
pub(super) fn enumerable_own_properties(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    kind: EnumKind,
) -> JsResult<Value> {
    if let Some(items) = plain_enumerable_own_properties(rt, o, kind)? {
        return Ok(Value::object(rt.create_array_from_list(&items)?));
    }
    // 1. Let ownKeys be ? O.[[OwnPropertyKeys]]().
    let keys = own_keys_rooted(rt, o)?;
    // 2. Let results be a new empty List (the array, which roots them).
    let results = rt.new_array(0)?;
    let mut n = 0u32;
    // 3. For each element key of ownKeys, do
    for i in 0..keys.len() {
        let key = key_at(rt, keys, i)?;
        // a. If key is a String, then
        if key.is_symbol() {
            continue;
        }
        // i. Let desc be ? O.[[GetOwnProperty]](key).
        // ii. If desc is not undefined and desc.[[Enumerable]] is true, then
        let Some(desc) = rt.get_own_property(o, key)? else {
            continue;
        };
        if desc.enumerable != Some(true) {
            continue;
        }
        let item = if kind == EnumKind::Keys {
            // 1. If kind is key, append key to results.
            rt.property_key_to_value(key)?
        } else {
            // 2.a. Let value be ? Get(O, key).
            let value = rt.get(o, key, Value::object(o))?;
            if kind == EnumKind::Values {
                value
            } else {
                // 2.c.ii. Let entry be CreateArrayFromList(« key, value »).
                let k = rt.property_key_to_value(key)?;
                Value::object(rt.create_array_from_list(&[k, value])?)
            }
        };
        rt.create_data_property_or_throw(results, PropertyKey::Index(n), item)?;
        n += 1;
    }
    Ok(Value::object(results))
}

/// EnumerableOwnProperties read straight from the shape of an ordinary
/// object without elements or hooks, whose enumerable string-keyed
/// properties are data properties (for `Values` and `Entries`): then no
/// step runs code, [[OwnPropertyKeys]] is the shape's order and each
/// [[GetOwnProperty]] and Get reads a slot. `None` for any other object.
/// The items are in a rooted list while the entries are made.
fn plain_enumerable_own_properties(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    kind: EnumKind,
) -> JsResult<Option<crate::gc::RootedList<Value>>> {
    use crate::object::{ObjectKind, FLAG_EXOTIC, FLAG_LAZY};
    if o.flags() & (FLAG_EXOTIC | FLAG_LAZY) != 0
        || !matches!(o.kind(), ObjectKind::Ordinary)
        || !o.has_no_element_storage()
    {
        return Ok(None);
    }
    let entries = o.shape().entries();
    let mut items: crate::gc::RootedList<Value> = rt.rooted_list();
    for e in &entries {
        let PropertyKey::String(name) = e.key else {
            continue;
        };
        if !e.attrs.enumerable() {
            continue;
        }
        if kind != EnumKind::Keys && e.attrs.is_accessor() {
            return Ok(None);
        }
        let value = o.slot(e.slot);
        items.push(match kind {
            EnumKind::Keys => Value::string(name),
            EnumKind::Values => value,
            // Each entry array is rooted by the list once pushed.
            EnumKind::Entries => {
                Value::object(rt.create_array_from_list(&[Value::string(name), value])?)
            }
        });
    }
    Ok(Some(items))
}

/// 20.1.2.1 Object.assign ( target, ...sources ) (#sec-object.assign).
pub(super) fn assign(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // 1. Let to be ? ToObject(target).
    let to = rt.to_object(arg(args, 0))?;
    // 3. For each element nextSource of sources, do
    for &next_source in args.iter().skip(1) {
        // a. If nextSource is neither undefined nor null, then
        if next_source.is_nullish() {
            continue;
        }
        // i. Let from be ! ToObject(nextSource).
        let from = rt.to_object(next_source)?;
        // ii. Let keys be ? from.[[OwnPropertyKeys]]().
        let keys = own_keys_rooted(rt, from)?;
        // iii. For each element nextKey of keys, do
        for i in 0..keys.len() {
            let key = key_at(rt, keys, i)?;
            // 1. Let desc be ? from.[[GetOwnProperty]](nextKey).
            let Some(desc) = rt.get_own_property(from, key)? else {
                continue;
            };
            // 2. If desc is not undefined and desc.[[Enumerable]] is true:
            if desc.enumerable == Some(true) {
                // a. Let propValue be ? Get(from, nextKey).
                let value = rt.get(from, key, Value::object(from))?;
                // b. Perform ? Set(to, nextKey, propValue, true).
                rt.set_property(to, key, value, true)?;
            }
        }
    }
    // 4. Return to.
    Ok(Value::object(to))
}

/// 20.1.2.5 Object.entries ( O ) (#sec-object.entries).
pub(super) fn entries(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(arg(args, 0))?;
    enumerable_own_properties(rt, o, EnumKind::Entries)
}

/// 20.1.2.24 Object.values ( O ) (#sec-object.values).
pub(super) fn values(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(arg(args, 0))?;
    enumerable_own_properties(rt, o, EnumKind::Values)
}

/// Runs `step` on an open iterator record; on an abrupt completion closes
/// the iterator (IfAbruptCloseIterator) and returns the first error.
fn close_on_error<T>(rt: &mut Runtime, rec: Value, step: JsResult<T>) -> JsResult<T> {
    if step.is_err() {
        // The original error wins over any error of `return`.
        let _ = iterator_close(rt, rec, true);
    }
    step
}

/// 20.1.2.7 Object.fromEntries ( iterable ) (#sec-object.fromentries), with
/// 24.1.1.2 AddEntriesFromIterable (#sec-add-entries-from-iterable).
pub(super) fn from_entries(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let iterable = arg(args, 0);
    // 1. Perform ? RequireObjectCoercible(iterable).
    if iterable.is_nullish() {
        return Err(rt.type_error("Object.fromEntries requires an iterable"));
    }
    // 2. Let obj be OrdinaryObjectCreate(%Object.prototype%).
    let obj = rt.new_object()?;
    // AddEntriesFromIterable 1. Let iteratorRecord be ? GetIterator(iterable, sync).
    let rec = get_iterator(rt, iterable)?;
    loop {
        // a. Let next be ? IteratorStepValue(iteratorRecord).
        let next = step_value(rt, rec)?;
        // b. If next is done, return target.
        if next.is_hole() {
            return Ok(Value::object(obj));
        }
        // c. If next is not an Object, throw a TypeError after closing.
        let Some(entry) = next.as_object() else {
            let error = Err(rt.type_error("Iterator value is not an entry object"));
            return close_on_error(rt, rec, error);
        };
        // e-h. k = Get(next, "0"), v = Get(next, "1"), Call(adder, ...):
        // the adder is ToPropertyKey then CreateDataPropertyOrThrow.
        let step = (|| {
            let k = rt.get(entry, PropertyKey::Index(0), next)?;
            let v = rt.get(entry, PropertyKey::Index(1), next)?;
            let key = rt.to_property_key(k)?;
            rt.create_data_property_or_throw(obj, key, v)
        })();
        close_on_error(rt, rec, step)?;
    }
}

/// 20.1.2.9 Object.getOwnPropertyDescriptors ( O )
/// (#sec-object.getownpropertydescriptors).
pub(super) fn get_own_property_descriptors(
    rt: &mut Runtime,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    // 1. Let obj be ? ToObject(O).
    let obj = rt.to_object(arg(args, 0))?;
    // 2. Let ownKeys be ? obj.[[OwnPropertyKeys]]().
    let keys = own_keys_rooted(rt, obj)?;
    // 3. Let descriptors be OrdinaryObjectCreate(%Object.prototype%).
    let descriptors = rt.new_object()?;
    // 4. For each element key of ownKeys, do
    for i in 0..keys.len() {
        let key = key_at(rt, keys, i)?;
        // a. Let desc be ? obj.[[GetOwnProperty]](key).
        // b. Let descriptor be FromPropertyDescriptor(desc).
        // c. If descriptor is not undefined, CreateDataPropertyOrThrow.
        if let Some(desc) = rt.get_own_property(obj, key)? {
            let descriptor = from_property_descriptor(rt, desc)?;
            rt.create_data_property_or_throw(descriptors, key, descriptor)?;
        }
    }
    Ok(Value::object(descriptors))
}

/// 20.1.2.13 Object.groupBy ( items, callback ) (#sec-object.groupby), with
/// 7.3.35 GroupBy ( items, callback, property ) (#sec-groupby).
pub(super) fn group_by(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (items, callback) = (arg(args, 0), arg(args, 1));
    // GroupBy 1. Perform ? RequireObjectCoercible(items).
    if items.is_nullish() {
        return Err(rt.type_error("Object.groupBy called on null or undefined"));
    }
    // 2. If IsCallable(callback) is false, throw a TypeError exception.
    if !callback.as_object().is_some_and(|o| o.is_callable()) {
        return Err(rt.type_error("Object.groupBy callback is not a function"));
    }
    // 3. Let groups be a new empty List: each group's key (rooted in
    // `group_keys`) and its elements, kept in an array from the start
    // (creating the array early is not observable).
    let group_keys = rt.alloc(ValueList::new())?;
    let group_arrays = rt.alloc(ValueList::new())?;
    // GC: every key is also in `group_keys`, a rooted list.
    let mut index: HashMap<PropertyKey, usize> = HashMap::new();
    // 4. Let iteratorRecord be ? GetIterator(items, sync).
    let rec = get_iterator(rt, items)?;
    // 5. Let k be 0.
    let mut k = 0f64;
    // 6. Repeat,
    loop {
        // a. If k ≥ 2^53 - 1, throw a TypeError after closing the iterator.
        if k >= 9007199254740991.0 {
            let error = Err(rt.type_error("Too many elements to group"));
            return close_on_error(rt, rec, error);
        }
        // b. Let next be ? IteratorStepValue(iteratorRecord).
        let value = step_value(rt, rec)?;
        // c. If next is done, then
        if value.is_hole() {
            break;
        }
        // e. Let key be Completion(Call(callback, undefined, « value, F(k) »)).
        // f. IfAbruptCloseIterator(key, iteratorRecord).
        let key = rt.call(callback, Value::UNDEFINED, &[value, Value::number(k)]);
        let key = close_on_error(rt, rec, key)?;
        // g.i. Set key to Completion(ToPropertyKey(key)); IfAbruptCloseIterator.
        let key = rt.to_property_key(key);
        let key = close_on_error(rt, rec, key)?;
        // i. Perform AddValueToKeyedGroup(groups, key, value).
        let array = match index.get(&key) {
            Some(&g) => group_arrays.get(g).and_then(|a| a.as_object()),
            None => None,
        };
        let array = match array {
            Some(a) => a,
            None => {
                let a = rt.new_array(0)?;
                index.insert(key, group_keys.len());
                group_keys.push(key_value(key));
                group_arrays.push(Value::object(a));
                a
            }
        };
        let len = array.array_length();
        rt.create_data_property_or_throw(array, PropertyKey::Index(len), value)?;
        // j. Set k to k + 1.
        k += 1.0;
    }
    // Object.groupBy 2. Let obj be OrdinaryObjectCreate(null).
    let obj = rt.new_object_with_proto(Value::NULL)?;
    // 3. For each Record g of groups: CreateDataPropertyOrThrow(obj, g.[[Key]],
    // CreateArrayFromList(g.[[Elements]])).
    for g in 0..group_keys.len() {
        let key = key_at(rt, group_keys, g)?;
        let elements = group_arrays.get(g).unwrap_or(Value::UNDEFINED);
        rt.create_data_property_or_throw(obj, key, elements)?;
    }
    std::hint::black_box((group_keys, group_arrays));
    Ok(Value::object(obj))
}

/// 20.1.2.11 Object.getOwnPropertySymbols ( O )
/// (#sec-object.getownpropertysymbols), with 20.1.2.11.1 GetOwnPropertyKeys.
pub(super) fn get_own_property_symbols(
    rt: &mut Runtime,
    _: Value,
    args: &[Value],
) -> JsResult<Value> {
    let o = rt.to_object(arg(args, 0))?;
    let keys = rt.own_property_keys_rooted(o)?;
    // Rooted: a proxy's symbols may be held by nothing else.
    let mut symbols = rt.rooted_list();
    for &k in keys.iter() {
        if let PropertyKey::Symbol(s) = k {
            symbols.push(Value::symbol(s));
        }
    }
    Ok(Value::object(rt.create_array_from_list(&symbols)?))
}

/// 20.1.2.14 Object.hasOwn ( O, P ) (#sec-object.hasown).
pub(super) fn has_own(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let o = rt.to_object(arg(args, 0))?;
    let key = rt.to_property_key(arg(args, 1))?;
    Ok(Value::from_bool(rt.has_own_property(o, key)?))
}

/// 20.1.2.15 Object.is ( value1, value2 ) (#sec-object.is).
pub(super) fn is(_: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(crate::equality::same_value(
        arg(args, 0),
        arg(args, 1),
    )))
}
