//! WeakSet objects (24.4): the constructor and %WeakSet.prototype%. The
//! collector drops the elements that nothing else keeps alive
//! ([`crate::gc::weak`]).

use std::cell::RefCell;
use std::collections::HashMap;

use super::arg;
use crate::builtins::iterator::{get_iterator, step_value};
use crate::builtins::map::{close_on_error, host_ref, is_callable};
use crate::builtins::weak_map::can_be_held_weakly;
use crate::gc::{is_value_marked, Gc, Trace, Tracer, WeakContainer};
use crate::object::{HostData, JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 24.4.2 Properties of the WeakSet Constructor
/// (#sec-properties-of-the-weakset-constructor).
pub(crate) static WEAK_SET: BuiltinObject = BuiltinObject {
    name: "WeakSet",
    intrinsic: Some(Intrinsic::WeakSet),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("WeakSet", 0, call_weak_set, construct),
    props: &[Prop::prototype(Intrinsic::WeakSetPrototype)],
};

/// 24.4.3 Properties of the WeakSet Prototype Object
/// (#sec-properties-of-the-weakset-prototype-object).
pub(crate) static WEAK_SET_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "WeakSet.prototype",
    intrinsic: Some(Intrinsic::WeakSetPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("add", 1, add),
        Prop::constructor(Intrinsic::WeakSet),
        Prop::method("delete", 1, delete),
        Prop::method("has", 1, has),
        Prop::value("@@toStringTag", Constant::Str("WeakSet"), ATTR_C),
    ],
};

/// [[WeakSetData]]: element identity → element.
struct WeakSetData {
    // GC: weak elements, handled by the weak phase (`WeakContainer`).
    elements: RefCell<HashMap<u64, Value>>,
}

// SAFETY: the elements are weak; the container registers itself with the
// tracer, which drops the dead ones ([`WeakContainer`]).
unsafe impl Trace for WeakSetData {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.defer_weak(self);
    }
}

impl WeakContainer for WeakSetData {
    fn trace_ephemerons(&self, _: &mut Tracer) {}

    // GC: the runtime's pending list, traced as a root; called during a collection.
    fn sweep_weak(&self, _: &mut Vec<(Value, Value)>) {
        // SAFETY: no borrow of the table is live during a collection (its
        // methods only touch malloc memory).
        let elements = unsafe { &mut *self.elements.as_ptr() };
        elements.retain(|_, v| is_value_marked(*v));
    }
}

impl HostData for WeakSetData {
    fn class_name(&self) -> &'static str {
        "WeakSet"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// RequireInternalSlot(S, [[WeakSetData]]).
fn this_weak_set(rt: &mut Runtime, this: Value, method: &str) -> JsResult<&'static WeakSetData> {
    match host_ref::<WeakSetData>(this) {
        Some(s) => Ok(s),
        None => Err(rt.type_error(&format!(
            "Method WeakSet.prototype.{method} called on incompatible receiver"
        ))),
    }
}

fn call_weak_set(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor WeakSet requires 'new'"))
}

/// 24.4.1.1 WeakSet ( [ iterable ] ) (#sec-weakset-iterable).
fn construct(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    // 2. Let set be ? OrdinaryCreateFromConstructor(NewTarget, "%WeakSet.prototype%", « [[WeakSetData]] »).
    let proto = rt.prototype_from_constructor(nt, Intrinsic::WeakSetPrototype)?;
    let data = WeakSetData {
        elements: RefCell::new(HashMap::new()),
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
        return Err(rt.type_error("WeakSet.prototype.add is not a function"));
    }
    // 7. Let iteratorRecord be ? GetIterator(iterable, sync).
    let rec = get_iterator(rt, iterable)?;
    loop {
        // a. Let next be ? IteratorStepValue(iteratorRecord).
        let next = step_value(rt, rec)?;
        if next.is_hole() {
            return Ok(Value::object(set));
        }
        // c-d. Call(adder, set, « next »), IfAbruptCloseIterator.
        let status = rt.call(adder, Value::object(set), &[next]);
        close_on_error(rt, rec, status)?;
    }
}

/// 24.4.3.1 WeakSet.prototype.add ( value ).
fn add(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_weak_set(rt, this, "add")?;
    let value = arg(args, 0);
    // 3. If CanBeHeldWeakly(value) is false, throw a TypeError exception.
    if !can_be_held_weakly(value) {
        return Err(rt.type_error("Invalid value used in weak set"));
    }
    let mut elements = s.elements.borrow_mut();
    let before = elements.capacity();
    elements.insert(value.to_bits(), value);
    let grown = elements.capacity().saturating_sub(before);
    drop(elements);
    if grown > 0 {
        rt.heap.note_external_alloc(grown * 16);
    }
    Ok(this)
}

/// 24.4.3.3 WeakSet.prototype.delete ( value ).
fn delete(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_weak_set(rt, this, "delete")?;
    let value = arg(args, 0);
    if !can_be_held_weakly(value) {
        return Ok(Value::FALSE);
    }
    let found = s.elements.borrow_mut().remove(&value.to_bits()).is_some();
    Ok(Value::from_bool(found))
}

/// 24.4.3.4 WeakSet.prototype.has ( value ).
fn has(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_weak_set(rt, this, "has")?;
    let value = arg(args, 0);
    if !can_be_held_weakly(value) {
        return Ok(Value::FALSE);
    }
    let found = s.elements.borrow().contains_key(&value.to_bits());
    Ok(Value::from_bool(found))
}
