//! WeakMap objects (24.3): the constructor and %WeakMap.prototype%. The
//! entries are ephemerons: the collector keeps a value alive only while its
//! key is alive and drops the entries of dead keys ([`crate::gc::weak`]).

use std::cell::RefCell;
use std::collections::HashMap;

use super::arg;
use crate::builtins::map::{add_entries_from_iterable, host_ref, is_callable};
use crate::gc::{is_value_marked, Gc, Trace, Tracer, WeakContainer};
use crate::object::{HostData, JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 24.3.2 Properties of the WeakMap Constructor
/// (#sec-properties-of-the-weakmap-constructor).
pub(crate) static WEAK_MAP: BuiltinObject = BuiltinObject {
    name: "WeakMap",
    intrinsic: Some(Intrinsic::WeakMap),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("WeakMap", 0, call_weak_map, construct),
    props: &[Prop::prototype(Intrinsic::WeakMapPrototype)],
};

/// 24.3.3 Properties of the WeakMap Prototype Object
/// (#sec-properties-of-the-weakmap-prototype-object).
pub(crate) static WEAK_MAP_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "WeakMap.prototype",
    intrinsic: Some(Intrinsic::WeakMapPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::WeakMap),
        Prop::method("delete", 1, delete),
        Prop::method("get", 1, get),
        Prop::method("has", 1, has),
        Prop::method("set", 2, set),
        Prop::value("@@toStringTag", Constant::Str("WeakMap"), ATTR_C),
    ],
};

/// 9.13 CanBeHeldWeakly ( v ) (#sec-canbeheldweakly): an object, or a
/// symbol that `Symbol.for` did not register.
pub(crate) fn can_be_held_weakly(v: Value) -> bool {
    v.is_object() || v.as_symbol().is_some_and(|s| !s.is_registered())
}

/// [[WeakMapData]]: key (by identity) → (key, value).
struct WeakMapData {
    // GC: ephemerons, handled by the weak phase (`WeakContainer`).
    entries: RefCell<HashMap<u64, (Value, Value)>>,
}

// SAFETY: keys and values are weak; the container registers itself with
// the tracer, which marks the values of live keys ([`WeakContainer`]).
unsafe impl Trace for WeakMapData {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.defer_weak(self);
    }
}

impl WeakContainer for WeakMapData {
    fn trace_ephemerons(&self, tracer: &mut Tracer) {
        // SAFETY: no borrow of the table is live during a collection (its
        // methods only touch malloc memory).
        let entries = unsafe { &*self.entries.as_ptr() };
        for &(k, v) in entries.values() {
            if is_value_marked(k) {
                tracer.mark_value(v);
            }
        }
    }

    // GC: the runtime's pending list, traced as a root; called during a collection.
    fn sweep_weak(&self, _: &mut Vec<(Value, Value)>) {
        // SAFETY: as above.
        let entries = unsafe { &mut *self.entries.as_ptr() };
        entries.retain(|_, (k, _)| is_value_marked(*k));
    }
}

impl HostData for WeakMapData {
    fn class_name(&self) -> &'static str {
        "WeakMap"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// RequireInternalSlot(M, [[WeakMapData]]).
fn this_weak_map(rt: &mut Runtime, this: Value, method: &str) -> JsResult<&'static WeakMapData> {
    match host_ref::<WeakMapData>(this) {
        Some(m) => Ok(m),
        None => Err(rt.type_error(&format!(
            "Method WeakMap.prototype.{method} called on incompatible receiver"
        ))),
    }
}

fn call_weak_map(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor WeakMap requires 'new'"))
}

/// 24.3.1.1 WeakMap ( [ iterable ] ) (#sec-weakmap-iterable).
fn construct(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    // 2. Let map be ? OrdinaryCreateFromConstructor(NewTarget, "%WeakMap.prototype%", « [[WeakMapData]] »).
    let proto = rt.prototype_from_constructor(nt, Intrinsic::WeakMapPrototype)?;
    let data = WeakMapData {
        entries: RefCell::new(HashMap::new()),
    };
    let map = rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)?;
    let iterable = arg(args, 0);
    // 4. If iterable is either undefined or null, return map.
    if iterable.is_nullish() {
        return Ok(Value::object(map));
    }
    // 5. Let adder be ? Get(map, "set").
    let adder = rt.get_by_name(map, "set")?;
    // 6. If IsCallable(adder) is false, throw a TypeError exception.
    if !is_callable(adder) {
        return Err(rt.type_error("WeakMap.prototype.set is not a function"));
    }
    // 7. Return ? AddEntriesFromIterable(map, iterable, adder).
    add_entries_from_iterable(rt, map, iterable, adder)?;
    Ok(Value::object(map))
}

/// 24.3.3.2 WeakMap.prototype.delete ( key ).
fn delete(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_weak_map(rt, this, "delete")?;
    let key = arg(args, 0);
    // 3. If CanBeHeldWeakly(key) is false, return false.
    if !can_be_held_weakly(key) {
        return Ok(Value::FALSE);
    }
    let found = m.entries.borrow_mut().remove(&key.to_bits()).is_some();
    Ok(Value::from_bool(found))
}

/// 24.3.3.3 WeakMap.prototype.get ( key ).
fn get(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_weak_map(rt, this, "get")?;
    let key = arg(args, 0);
    if !can_be_held_weakly(key) {
        return Ok(Value::UNDEFINED);
    }
    let v = m.entries.borrow().get(&key.to_bits()).map(|e| e.1);
    Ok(v.unwrap_or(Value::UNDEFINED))
}

/// 24.3.3.4 WeakMap.prototype.has ( key ).
fn has(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_weak_map(rt, this, "has")?;
    let key = arg(args, 0);
    if !can_be_held_weakly(key) {
        return Ok(Value::FALSE);
    }
    let found = m.entries.borrow().contains_key(&key.to_bits());
    Ok(Value::from_bool(found))
}

/// 24.3.3.5 WeakMap.prototype.set ( key, value ).
fn set(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let m = this_weak_map(rt, this, "set")?;
    let key = arg(args, 0);
    // 3. If CanBeHeldWeakly(key) is false, throw a TypeError exception.
    if !can_be_held_weakly(key) {
        return Err(rt.type_error("Invalid value used as weak map key"));
    }
    let mut entries = m.entries.borrow_mut();
    let before = entries.capacity();
    entries.insert(key.to_bits(), (key, arg(args, 1)));
    let grown = entries.capacity().saturating_sub(before);
    drop(entries);
    if grown > 0 {
        rt.heap.note_external_alloc(grown * 24);
    }
    Ok(this)
}
