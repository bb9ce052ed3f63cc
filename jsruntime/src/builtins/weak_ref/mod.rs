//! WeakRef objects (26.1): the constructor, %WeakRef.prototype%, and the
//! agent's [[KeptAlive]] list (9.10.3 AddToKeptObjects, 9.10.4
//! ClearKeptObjects). The target is a weak reference: the collector empties
//! it when nothing else keeps the target alive ([`crate::gc::weak`]).

use std::cell::Cell;

use super::arg;
use crate::builtins::map::host_ref;
use crate::builtins::weak_map::can_be_held_weakly;
use crate::gc::{is_value_marked, Gc, Trace, Tracer, WeakContainer};
use crate::object::{HostData, JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 26.1.2 Properties of the WeakRef Constructor
/// (#sec-properties-of-the-weak-ref-constructor).
pub(crate) static WEAK_REF: BuiltinObject = BuiltinObject {
    name: "WeakRef",
    intrinsic: Some(Intrinsic::WeakRef),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("WeakRef", 1, call_weak_ref, construct),
    props: &[Prop::prototype(Intrinsic::WeakRefPrototype)],
};

/// 26.1.3 Properties of the WeakRef Prototype Object
/// (#sec-properties-of-the-weak-ref-prototype-object).
pub(crate) static WEAK_REF_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "WeakRef.prototype",
    intrinsic: Some(Intrinsic::WeakRefPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::WeakRef),
        Prop::method("deref", 0, deref),
        Prop::value("@@toStringTag", Constant::Str("WeakRef"), ATTR_C),
    ],
};

/// [[WeakRefTarget]]: undefined once the target was collected (~empty~).
struct WeakRefData {
    target: Cell<Value>,
}

// SAFETY: the target is weak; the container registers itself with the
// tracer, which empties it when the target dies ([`WeakContainer`]).
unsafe impl Trace for WeakRefData {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.defer_weak(self);
    }
}

impl WeakContainer for WeakRefData {
    fn trace_ephemerons(&self, _: &mut Tracer) {}

    // GC: the runtime's pending list, traced as a root; called during a collection.
    fn sweep_weak(&self, _: &mut Vec<(Value, Value)>) {
        if !is_value_marked(self.target.get()) {
            self.target.set(Value::UNDEFINED);
        }
    }
}

impl HostData for WeakRefData {
    fn class_name(&self) -> &'static str {
        "WeakRef"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

impl Runtime {
    /// 9.10.3 AddToKeptObjects ( value ) (#sec-addtokeptobjects): `value`
    /// stays alive until [`Runtime::clear_kept_objects`].
    pub(crate) fn add_to_kept_objects(&mut self, value: Value) {
        // A loop calling `deref` in one long job must not grow the list
        // without bound: drop duplicates whenever the length reaches a
        // power of two (amortised O(log n) per call).
        let len = self.kept_objects.len();
        if len >= 64 && len.is_power_of_two() {
            self.kept_objects.sort_unstable_by_key(|v| v.to_bits());
            self.kept_objects.dedup();
        }
        self.kept_objects.push(value);
    }

    /// 9.10.4 ClearKeptObjects ( ) (#sec-clear-kept-objects): the embedder
    /// calls it when a synchronous sequence of jobs ends (after each script
    /// and job), so the WeakRef targets read during it may be collected.
    pub fn clear_kept_objects(&mut self) {
        self.kept_objects.clear();
    }
}

fn call_weak_ref(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor WeakRef requires 'new'"))
}

/// 26.1.1.1 WeakRef ( target ) (#sec-weak-ref-target).
fn construct(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    let target = arg(args, 0);
    // 2. If CanBeHeldWeakly(target) is false, throw a TypeError exception.
    if !can_be_held_weakly(target) {
        return Err(rt.type_error("WeakRef: invalid target"));
    }
    // 3. Let weakRef be ? OrdinaryCreateFromConstructor(NewTarget, "%WeakRef.prototype%", « [[WeakRefTarget]] »).
    let proto = rt.prototype_from_constructor(nt, Intrinsic::WeakRefPrototype)?;
    let data = WeakRefData {
        target: Cell::new(target),
    };
    let o = rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)?;
    // 4. Perform AddToKeptObjects(target).
    rt.add_to_kept_objects(target);
    Ok(Value::object(o))
}

/// 26.1.3.2 WeakRef.prototype.deref ( ), with 26.1.4.1 WeakRefDeref.
fn deref(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(w) = host_ref::<WeakRefData>(this) else {
        return Err(rt.type_error("Method WeakRef.prototype.deref called on incompatible receiver"));
    };
    let target = w.target.get();
    // WeakRefDeref 2. If target is not empty, AddToKeptObjects(target).
    if !target.is_undefined() {
        rt.add_to_kept_objects(target);
    }
    Ok(target)
}
