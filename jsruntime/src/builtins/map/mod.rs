//! Map objects (24.1): the constructor, %Map.prototype%, Map Iterator
//! objects ([`iterator`]) and the ordered hash table shared with Set
//! ([`table`]).

pub(crate) mod iterator;
pub(crate) mod table;

use std::cell::RefCell;

use super::arg;
use crate::builtins::iterator::{get_iterator, iterator_close, step_value};
use crate::gc::{Gc, Trace, Tracer};
use crate::object::{HostData, JsObject, ObjectKind, PropertyKey};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
use iterator::{create_map_iterator, MapIterKind};
use table::OrderedTable;

/// 24.1.2 Properties of the Map Constructor
/// (#sec-properties-of-the-map-constructor).
pub(crate) static MAP: BuiltinObject = BuiltinObject {
    name: "Map",
    intrinsic: Some(Intrinsic::Map),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("Map", 0, call_map, construct),
    props: &[
        Prop::method("groupBy", 2, group_by),
        Prop::prototype(Intrinsic::MapPrototype),
        // 24.1.2.3 get Map [ %Symbol.species% ].
        Prop::getter("@@species", |_, this, _| Ok(this)),
    ],
};

/// 24.1.3 Properties of the Map Prototype Object
/// (#sec-properties-of-the-map-prototype-object).
pub(crate) static MAP_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Map.prototype",
    intrinsic: Some(Intrinsic::MapPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("clear", 0, clear),
        Prop::constructor(Intrinsic::Map),
        Prop::method("delete", 1, delete),
        Prop::method("entries", 0, entries),
        Prop::method("forEach", 1, for_each),
        Prop::method("get", 1, get),
        Prop::method("has", 1, has),
        Prop::method("keys", 0, keys),
        Prop::method("set", 2, set),
        Prop::getter("size", size),
        Prop::method("values", 0, values),
        Prop::alias("@@iterator", "entries"),
        Prop::value("@@toStringTag", Constant::Str("Map"), ATTR_C),
    ],
};

/// [[MapData]]: the entries of a Map object.
pub(crate) struct MapData {
    pub(crate) table: RefCell<OrderedTable>,
}

// SAFETY: reports every key and value. The table is never borrowed mutably
// while the runtime can allocate (its methods only touch malloc memory).
unsafe impl Trace for MapData {
    fn trace(&self, tracer: &mut Tracer) {
        // SAFETY: no mutable borrow is live during a collection (above).
        unsafe { &*self.table.as_ptr() }.trace(tracer);
    }
}

impl HostData for MapData {
    fn class_name(&self) -> &'static str {
        "Map"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The host data of type `T` of an object value. Its fields are only used
/// through `Cell`/`RefCell`, never borrowed across a call that can run
/// JavaScript code; the caller keeps `v` alive while it uses the reference.
pub(crate) fn host_ref<T: 'static>(v: Value) -> Option<&'static T> {
    let o = v.as_object()?;
    // SAFETY: the object is live (the caller holds `v`), its kind never
    // changes after creation, and the data is only read through shared
    // references; the `'static` is a promise of the callers (above).
    let kind = unsafe { &*(o.kind() as *const ObjectKind) };
    match kind {
        ObjectKind::Host(h) => h.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// CanonicalizeKeyedCollectionKey ( key ) (#sec-canonicalizekeyedcollectionkey):
/// -0 becomes +0.
#[inline]
pub(crate) fn canonicalize_key(key: Value) -> Value {
    match key.as_number() {
        Some(n) if n == 0.0 && !key.is_int32() => Value::ZERO,
        _ => key,
    }
}

/// Notes the malloc memory a table grew by, so that the collector's budget
/// sees large collections.
pub(crate) fn note_growth(rt: &mut Runtime, before: usize, after: usize) {
    if after > before {
        rt.heap.note_external_alloc(after - before);
    }
}

/// RequireInternalSlot(M, [[MapData]]).
fn this_map(rt: &mut Runtime, this: Value, method: &str) -> JsResult<&'static MapData> {
    match host_ref::<MapData>(this) {
        Some(m) => Ok(m),
        None => Err(rt.type_error(&format!(
            "Method Map.prototype.{method} called on incompatible receiver"
        ))),
    }
}

fn call_map(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor Map requires 'new'"))
}

/// A new, empty Map with the prototype `proto`.
pub(crate) fn new_map(rt: &mut Runtime, proto: Value) -> JsResult<Gc<JsObject>> {
    let data = MapData {
        table: RefCell::new(OrderedTable::new()),
    };
    rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)
}

/// 24.1.1.1 Map ( [ iterable ] ) (#sec-map-iterable).
fn construct(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    // 2. Let map be ? OrdinaryCreateFromConstructor(NewTarget, "%Map.prototype%", « [[MapData]] »).
    let proto = rt.prototype_from_constructor(nt, Intrinsic::MapPrototype)?;
    let map = new_map(rt, proto)?;
    let iterable = arg(args, 0);
    // 3. If iterable is either undefined or null, return map.
    if iterable.is_nullish() {
        return Ok(Value::object(map));
    }
    // 4. Let adder be ? Get(map, "set").
    let adder = rt.get_by_name(map, "set")?;
    // 5. If IsCallable(adder) is false, throw a TypeError exception.
    if !is_callable(adder) {
        return Err(rt.type_error("Map.prototype.set is not a function"));
    }
    // 6. Return ? AddEntriesFromIterable(map, iterable, adder).
    add_entries_from_iterable(rt, map, iterable, adder)?;
    Ok(Value::object(map))
}

pub(crate) fn is_callable(v: Value) -> bool {
    v.as_object().is_some_and(|o| o.is_callable())
}

/// The error of `step`, after closing the iterator (IfAbruptCloseIterator).
pub(crate) fn close_on_error<T>(rt: &mut Runtime, rec: Value, step: JsResult<T>) -> JsResult<T> {
    if step.is_err() {
        // The original error wins over any error of `return`.
        let _ = iterator_close(rt, rec, true);
    }
    step
}

/// 24.1.1.2 AddEntriesFromIterable ( target, iterable, adder )
/// (#sec-add-entries-from-iterable).
pub(crate) fn add_entries_from_iterable(
    rt: &mut Runtime,
    target: Gc<JsObject>,
    iterable: Value,
    adder: Value,
) -> JsResult<()> {
    // 1. Let iteratorRecord be ? GetIterator(iterable, sync).
    let rec = get_iterator(rt, iterable)?;
    loop {
        // a. Let next be ? IteratorStepValue(iteratorRecord).
        let next = step_value(rt, rec)?;
        // b. If next is done, return target.
        if next.is_hole() {
            return Ok(());
        }
        // c. If next is not an Object, throw a TypeError after closing.
        let Some(entry) = next.as_object() else {
            let error = Err(rt.type_error("Iterator value is not an entry object"));
            return close_on_error(rt, rec, error);
        };
        // d-i. k = Get(next, "0"), v = Get(next, "1"), Call(adder, target, « k, v »),
        // each IfAbruptCloseIterator.
        let step = (|| {
            let k = rt.get(entry, PropertyKey::Index(0), next)?;
            let v = rt.get(entry, PropertyKey::Index(1), next)?;
            rt.call(adder, Value::object(target), &[k, v])
        })();
        close_on_error(rt, rec, step)?;
    }
}

/// 24.1.2.1 Map.groupBy ( items, callback ) (#sec-map.groupby), with 7.3.35
/// GroupBy ( items, callback, zero ) (#sec-groupby). The groups are kept in
/// the result Map from the start (creating it early is not observable).
fn group_by(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (items, callback) = (arg(args, 0), arg(args, 1));
    // GroupBy 1. Perform ? RequireObjectCoercible(items).
    if items.is_nullish() {
        return Err(rt.type_error("Map.groupBy called on null or undefined"));
    }
    // 2. If IsCallable(callback) is false, throw a TypeError exception.
    if !is_callable(callback) {
        return Err(rt.type_error("Map.groupBy callback is not a function"));
    }
    let proto = rt.intrinsic(Intrinsic::MapPrototype);
    let map = new_map(rt, proto)?;
    let Some(data) = host_ref::<MapData>(Value::object(map)) else {
        return Err(rt.type_error("internal error: Map without [[MapData]]"));
    };
    // 4. Let iteratorRecord be ? GetIterator(items, sync).
    let rec = get_iterator(rt, items)?;
    let mut k = 0f64;
    loop {
        // a. If k ≥ 2^53 - 1, throw a TypeError after closing the iterator.
        if k >= 9007199254740991.0 {
            let error = Err(rt.type_error("Too many elements to group"));
            return close_on_error(rt, rec, error);
        }
        // b. Let next be ? IteratorStepValue(iteratorRecord).
        let value = step_value(rt, rec)?;
        if value.is_hole() {
            break;
        }
        // e. Let key be Completion(Call(callback, undefined, « value, F(k) »)).
        let key = rt.call(callback, Value::UNDEFINED, &[value, Value::number(k)]);
        let key = close_on_error(rt, rec, key)?;
        // h. Else (zero): Set key to CanonicalizeKeyedCollectionKey(key).
        let key = canonicalize_key(key);
        // i. Perform AddValueToKeyedGroup(groups, key, value).
        let existing = data.table.borrow().get(key);
        let array = match existing.and_then(|a| a.as_object()) {
            Some(a) => a,
            None => {
                let a = rt.new_array(0)?;
                let before = data.table.borrow().heap_bytes();
                data.table.borrow_mut().append(key, Value::object(a));
                let after = data.table.borrow().heap_bytes();
                note_growth(rt, before, after);
                a
            }
        };
        let len = array.array_length();
        rt.create_data_property_or_throw(array, PropertyKey::Index(len), value)?;
        k += 1.0;
    }
    Ok(Value::object(map))
}

/// 24.1.3.1 Map.prototype.clear ( ).
fn clear(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let m = this_map(rt, this, "clear")?;
    m.table.borrow_mut().clear();
    Ok(Value::UNDEFINED)
}

/// 24.1.3.3 Map.prototype.delete ( key ).
fn delete(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(rt, this, "delete")?;
    let found = m.table.borrow_mut().delete(arg(args, 0));
    Ok(Value::from_bool(found))
}

/// 24.1.3.4 Map.prototype.entries ( ).
fn entries(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_map_iterator(rt, this, MapIterKind::Entries)
}

/// 24.1.3.5 Map.prototype.forEach ( callbackfn [ , thisArg ] ).
fn for_each(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(rt, this, "forEach")?;
    let (callback, this_arg) = (arg(args, 0), arg(args, 1));
    if !is_callable(callback) {
        return Err(rt.type_error("Map.prototype.forEach callback is not a function"));
    }
    // 5-6. Each entry, including those added during the loop, once; the
    // cursor follows deletions and compactions.
    let cursor = m.table.borrow_mut().new_cursor();
    loop {
        let next = m.table.borrow().next_from(&cursor);
        let Some((key, value)) = next else {
            return Ok(Value::UNDEFINED);
        };
        rt.call(callback, this_arg, &[value, key, this])?;
    }
}

/// 24.1.3.6 Map.prototype.get ( key ).
fn get(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(rt, this, "get")?;
    let v = m.table.borrow().get(arg(args, 0));
    Ok(v.unwrap_or(Value::UNDEFINED))
}

/// 24.1.3.7 Map.prototype.has ( key ).
fn has(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(rt, this, "has")?;
    let found = m.table.borrow().has(arg(args, 0));
    Ok(Value::from_bool(found))
}

/// 24.1.3.8 Map.prototype.keys ( ).
fn keys(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_map_iterator(rt, this, MapIterKind::Keys)
}

/// 24.1.3.9 Map.prototype.set ( key, value ).
fn set(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(rt, this, "set")?;
    let key = canonicalize_key(arg(args, 0));
    let mut t = m.table.borrow_mut();
    let before = t.heap_bytes();
    t.set(key, arg(args, 1));
    let after = t.heap_bytes();
    drop(t);
    note_growth(rt, before, after);
    Ok(this)
}

/// 24.1.3.10 get Map.prototype.size.
fn size(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let m = this_map(rt, this, "size")?;
    let n = m.table.borrow().len();
    Ok(Value::number(n as f64))
}

/// 24.1.3.11 Map.prototype.values ( ).
fn values(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_map_iterator(rt, this, MapIterKind::Values)
}
