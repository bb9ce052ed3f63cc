//! Set objects (24.2): the constructor, %Set.prototype% with the ES2025 set
//! methods ([`methods`]), and Set Iterator objects ([`iterator`]). The
//! entries live in the ordered hash table of Map ([`crate::builtins::map::table`]).

pub(crate) mod iterator;
mod methods;

use std::cell::RefCell;

use super::arg;
use crate::builtins::iterator::{get_iterator, step_value};
use crate::builtins::map::table::OrderedTable;
use crate::builtins::map::{canonicalize_key, close_on_error, host_ref, is_callable, note_growth};
use crate::gc::{Gc, Trace, Tracer};
use crate::object::{HostData, JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
use iterator::{create_set_iterator, SetIterKind};

/// 24.2.3 Properties of the Set Constructor
/// (#sec-properties-of-the-set-constructor).
pub(crate) static SET: BuiltinObject = BuiltinObject {
    name: "Set",
    intrinsic: Some(Intrinsic::Set),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("Set", 0, call_set, construct),
    props: &[
        Prop::prototype(Intrinsic::SetPrototype),
        // 24.2.3.2 get Set [ %Symbol.species% ].
        Prop::getter("@@species", |_, this, _| Ok(this)),
    ],
};

/// 24.2.4 Properties of the Set Prototype Object
/// (#sec-properties-of-the-set-prototype-object). `keys` is the same
/// function object as `values` (24.2.4.12), so `values` comes first here
/// (as in V8), the one departure from the order of the subsections.
pub(crate) static SET_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Set.prototype",
    intrinsic: Some(Intrinsic::SetPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("add", 1, add),
        Prop::method("clear", 0, clear),
        Prop::constructor(Intrinsic::Set),
        Prop::method("delete", 1, delete),
        Prop::method("difference", 1, methods::difference),
        Prop::method("entries", 0, entries),
        Prop::method("forEach", 1, for_each),
        Prop::method("has", 1, has),
        Prop::method("intersection", 1, methods::intersection),
        Prop::method("isDisjointFrom", 1, methods::is_disjoint_from),
        Prop::method("isSubsetOf", 1, methods::is_subset_of),
        Prop::method("isSupersetOf", 1, methods::is_superset_of),
        Prop::method("values", 0, values),
        Prop::alias("keys", "values"),
        Prop::getter("size", size),
        Prop::method("symmetricDifference", 1, methods::symmetric_difference),
        Prop::method("union", 1, methods::union),
        Prop::alias("@@iterator", "values"),
        Prop::value("@@toStringTag", Constant::Str("Set"), ATTR_C),
    ],
};

/// [[SetData]]: the elements of a Set object (values unused).
pub(crate) struct SetData {
    pub(crate) table: RefCell<OrderedTable>,
}

// SAFETY: reports every element. The table is never borrowed mutably while
// the runtime can allocate (its methods only touch malloc memory).
unsafe impl Trace for SetData {
    fn trace(&self, tracer: &mut Tracer) {
        // SAFETY: no mutable borrow is live during a collection (above).
        unsafe { &*self.table.as_ptr() }.trace(tracer);
    }
}

impl HostData for SetData {
    fn class_name(&self) -> &'static str {
        "Set"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// RequireInternalSlot(S, [[SetData]]).
fn this_set(rt: &mut Runtime, this: Value, method: &str) -> JsResult<&'static SetData> {
    match host_ref::<SetData>(this) {
        Some(s) => Ok(s),
        None => Err(rt.type_error(&format!(
            "Method Set.prototype.{method} called on incompatible receiver"
        ))),
    }
}

fn call_set(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor Set requires 'new'"))
}

/// A new Set of %Set.prototype% holding `table` (the Set methods' results:
/// OrdinaryObjectCreateFromConstructor(%Set%, "%Set.prototype%"), whose
/// prototype lookup on %Set% itself is not observable).
fn new_set_from(rt: &mut Runtime, table: OrderedTable) -> JsResult<Value> {
    let proto = rt.intrinsic(Intrinsic::SetPrototype);
    rt.heap.note_external_alloc(table.heap_bytes());
    let data = SetData {
        table: RefCell::new(table),
    };
    let o = rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)?;
    Ok(Value::object(o))
}

/// 24.2.2.1 Set ( [ iterable ] ) (#sec-set-iterable).
fn construct(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    // 2. Let set be ? OrdinaryCreateFromConstructor(NewTarget, "%Set.prototype%", « [[SetData]] »).
    let proto = rt.prototype_from_constructor(nt, Intrinsic::SetPrototype)?;
    let data = SetData {
        table: RefCell::new(OrderedTable::new()),
    };
    let set = rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)?;
    let iterable = arg(args, 0);
    // 4. If iterable is either undefined or null, return set.
    if iterable.is_nullish() {
        return Ok(Value::object(set));
    }
    // 5. Let adder be ? Get(set, "add").
    let adder = rt.get_by_name(set, "add")?;
    // 6. If IsCallable(adder) is false, throw a TypeError exception.
    if !is_callable(adder) {
        return Err(rt.type_error("Set.prototype.add is not a function"));
    }
    // 7. Let iteratorRecord be ? GetIterator(iterable, sync).
    let rec = get_iterator(rt, iterable)?;
    loop {
        // a. Let next be ? IteratorStepValue(iteratorRecord).
        let next = step_value(rt, rec)?;
        // b. If next is done, return set.
        if next.is_hole() {
            return Ok(Value::object(set));
        }
        // c-d. Let status be Completion(Call(adder, set, « next »));
        // IfAbruptCloseIterator(status, iteratorRecord).
        let status = rt.call(adder, Value::object(set), &[next]);
        close_on_error(rt, rec, status)?;
    }
}

/// 24.2.4.1 Set.prototype.add ( value ).
fn add(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_set(rt, this, "add")?;
    let value = canonicalize_key(arg(args, 0));
    let mut t = s.table.borrow_mut();
    let before = t.heap_bytes();
    t.add(value);
    let after = t.heap_bytes();
    drop(t);
    note_growth(rt, before, after);
    Ok(this)
}

/// 24.2.4.2 Set.prototype.clear ( ).
fn clear(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_set(rt, this, "clear")?;
    s.table.borrow_mut().clear();
    Ok(Value::UNDEFINED)
}

/// 24.2.4.4 Set.prototype.delete ( value ).
fn delete(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_set(rt, this, "delete")?;
    let found = s.table.borrow_mut().delete(arg(args, 0));
    Ok(Value::from_bool(found))
}

/// 24.2.4.6 Set.prototype.entries ( ).
fn entries(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_set_iterator(rt, this, SetIterKind::Entries)
}

/// 24.2.4.7 Set.prototype.forEach ( callbackfn [ , thisArg ] ).
fn for_each(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_set(rt, this, "forEach")?;
    let (callback, this_arg) = (arg(args, 0), arg(args, 1));
    if !is_callable(callback) {
        return Err(rt.type_error("Set.prototype.forEach callback is not a function"));
    }
    let cursor = s.table.borrow_mut().new_cursor();
    loop {
        let next = s.table.borrow().next_from(&cursor);
        let Some((value, _)) = next else {
            return Ok(Value::UNDEFINED);
        };
        rt.call(callback, this_arg, &[value, value, this])?;
    }
}

/// 24.2.4.8 Set.prototype.has ( value ).
fn has(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_set(rt, this, "has")?;
    let found = s.table.borrow().has(arg(args, 0));
    Ok(Value::from_bool(found))
}

/// 24.2.4.14 get Set.prototype.size.
fn size(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_set(rt, this, "size")?;
    let n = s.table.borrow().len();
    Ok(Value::number(n as f64))
}

/// 24.2.4.17 Set.prototype.values ( ) (also `keys`, 24.2.4.12).
fn values(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    create_set_iterator(rt, this, SetIterKind::Values)
}
