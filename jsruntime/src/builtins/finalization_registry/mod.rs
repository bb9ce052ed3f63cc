//! FinalizationRegistry objects (26.2): the constructor and
//! %FinalizationRegistry.prototype% (`register`, `unregister`;
//! `cleanupSome` is a proposal). A cell's target and unregister token are
//! weak; when the collector finds a target dead it removes the cell and
//! queues (cleanup callback, held value) ([`crate::gc::weak`]), which
//! [`Runtime::run_finalization_cleanups`] calls (9.13 CleanupFinalizationRegistry
//! as a host job).

use std::cell::{Cell, RefCell};

use super::arg;
use crate::builtins::map::{host_ref, is_callable};
use crate::builtins::weak_map::can_be_held_weakly;
use crate::equality::same_value;
use crate::gc::{is_value_marked, Gc, Trace, Tracer, WeakContainer};
use crate::object::{HostData, JsObject, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 26.2.2 Properties of the FinalizationRegistry Constructor
/// (#sec-properties-of-the-finalization-registry-constructor).
pub(crate) static FINALIZATION_REGISTRY: BuiltinObject = BuiltinObject {
    name: "FinalizationRegistry",
    intrinsic: Some(Intrinsic::FinalizationRegistry),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("FinalizationRegistry", 1, call_registry, construct),
    props: &[Prop::prototype(Intrinsic::FinalizationRegistryPrototype)],
};

/// 26.2.3 Properties of the FinalizationRegistry Prototype Object
/// (#sec-properties-of-the-finalization-registry-prototype-object).
pub(crate) static FINALIZATION_REGISTRY_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "FinalizationRegistry.prototype",
    intrinsic: Some(Intrinsic::FinalizationRegistryPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::FinalizationRegistry),
        Prop::method("register", 2, register),
        Prop::method("unregister", 1, unregister),
        Prop::value(
            "@@toStringTag",
            Constant::Str("FinalizationRegistry"),
            ATTR_C,
        ),
    ],
};

/// A Record of [[Cells]]: [[WeakRefTarget]], [[HeldValue]],
/// [[UnregisterToken]] (undefined for ~empty~).
struct FinalizationCell {
    target: Value,
    held: Value,
    token: Cell<Value>,
}

/// [[CleanupCallback]] and [[Cells]].
struct RegistryData {
    cleanup: Value,
    // GC: traced by the registry cell (held values strong, targets and tokens weak).
    cells: RefCell<Vec<FinalizationCell>>,
}

// SAFETY: reports the callback and every held value (strong); targets and
// tokens are weak, handled by the tracer's weak phase ([`WeakContainer`]).
unsafe impl Trace for RegistryData {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.cleanup);
        // SAFETY: no borrow of the cells is live during a collection (the
        // methods only touch malloc memory while they hold one).
        for c in unsafe { &*self.cells.as_ptr() } {
            tracer.mark_value(c.held);
        }
        tracer.defer_weak(self);
    }
}

impl WeakContainer for RegistryData {
    fn trace_ephemerons(&self, _: &mut Tracer) {}

    // GC: the runtime's pending list, traced as a root; called during a collection.
    fn sweep_weak(&self, cleanups: &mut Vec<(Value, Value)>) {
        // SAFETY: as in `trace`.
        let cells = unsafe { &mut *self.cells.as_ptr() };
        cells.retain(|c| {
            if !is_value_marked(c.token.get()) {
                c.token.set(Value::UNDEFINED);
            }
            if is_value_marked(c.target) {
                return true;
            }
            cleanups.push((self.cleanup, c.held));
            false
        });
    }
}

impl HostData for RegistryData {
    fn class_name(&self) -> &'static str {
        "FinalizationRegistry"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

impl Runtime {
    /// The (cleanup callback, held value) pairs of the registrations whose
    /// targets were collected, oldest first; the list is emptied. For an
    /// embedder that runs the cleanups as jobs of its own queue.
    // GC: the caller owns the pairs; it must root them before it allocates.
    pub fn take_pending_finalizations(&mut self) -> Vec<(Value, Value)> {
        std::mem::take(&mut self.pending_finalizations)
    }

    /// Calls the cleanup callback of every collected registration
    /// (HostEnqueueFinalizationRegistryCleanupJob's job, run now): the
    /// first exception stops the run and is returned; the remaining
    /// cleanups stay queued.
    pub fn run_finalization_cleanups(&mut self) -> JsResult<()> {
        while !self.pending_finalizations.is_empty() {
            let batch = std::mem::take(&mut self.pending_finalizations);
            // Rooted while the callbacks run (no allocation since the take).
            let batch = self.rooted_list_from(&batch);
            for (i, &(callback, held)) in batch.iter().enumerate() {
                if let Err(e) = self.call(callback, Value::UNDEFINED, &[held]) {
                    // GC: no allocation between the copy and the splice into the rooted pending list.
                    let rest: Vec<(Value, Value)> = batch[i + 1..].to_vec();
                    // GC: no allocation between the copy and the splice.
                    self.pending_finalizations.splice(0..0, rest);
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

/// RequireInternalSlot(finalizationRegistry, [[Cells]]).
fn this_registry(rt: &mut Runtime, this: Value, method: &str) -> JsResult<&'static RegistryData> {
    match host_ref::<RegistryData>(this) {
        Some(r) => Ok(r),
        None => Err(rt.type_error(&format!(
            "Method FinalizationRegistry.prototype.{method} called on incompatible receiver"
        ))),
    }
}

fn call_registry(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor FinalizationRegistry requires 'new'"))
}

/// 26.2.1.1 FinalizationRegistry ( cleanupCallback )
/// (#sec-finalization-registry-cleanup-callback).
fn construct(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    let cleanup = arg(args, 0);
    // 2. If IsCallable(cleanupCallback) is false, throw a TypeError exception.
    if !is_callable(cleanup) {
        return Err(rt.type_error("FinalizationRegistry: cleanup must be callable"));
    }
    // 3. Let finalizationRegistry be ? OrdinaryCreateFromConstructor(NewTarget,
    // "%FinalizationRegistry.prototype%", « [[Realm]], [[CleanupCallback]], [[Cells]] »).
    let proto = rt.prototype_from_constructor(nt, Intrinsic::FinalizationRegistryPrototype)?;
    let data = RegistryData {
        cleanup,
        cells: RefCell::new(Vec::new()),
    };
    let o = rt.new_object_with(proto, ObjectKind::Host(Box::new(data)), 0)?;
    Ok(Value::object(o))
}

/// 26.2.3.2 FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] ).
fn register(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = this_registry(rt, this, "register")?;
    let (target, held, token) = (arg(args, 0), arg(args, 1), arg(args, 2));
    // 3. If CanBeHeldWeakly(target) is false, throw a TypeError exception.
    if !can_be_held_weakly(target) {
        return Err(rt.type_error("FinalizationRegistry.prototype.register: invalid target"));
    }
    // 4. If SameValue(target, heldValue) is true, throw a TypeError exception.
    if same_value(target, held) {
        return Err(rt.type_error(
            "FinalizationRegistry.prototype.register: target and held value must differ",
        ));
    }
    // 5. If CanBeHeldWeakly(unregisterToken) is false: it must be undefined
    // (then ~empty~).
    if !can_be_held_weakly(token) && !token.is_undefined() {
        return Err(
            rt.type_error("FinalizationRegistry.prototype.register: invalid unregister token")
        );
    }
    // 6-7. Append the cell.
    r.cells.borrow_mut().push(FinalizationCell {
        target,
        held,
        token: Cell::new(token),
    });
    rt.heap
        .note_external_alloc(std::mem::size_of::<FinalizationCell>());
    Ok(Value::UNDEFINED)
}

/// 26.2.3.3 FinalizationRegistry.prototype.unregister ( unregisterToken ).
fn unregister(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = this_registry(rt, this, "unregister")?;
    let token = arg(args, 0);
    // 3. If CanBeHeldWeakly(unregisterToken) is false, throw a TypeError exception.
    if !can_be_held_weakly(token) {
        return Err(rt.type_error("FinalizationRegistry.prototype.unregister: invalid token"));
    }
    // 4-5. Remove every cell whose token is unregisterToken.
    let mut cells = r.cells.borrow_mut();
    let before = cells.len();
    cells.retain(|c| c.token.get().is_undefined() || !same_value(c.token.get(), token));
    let removed = cells.len() != before;
    Ok(Value::from_bool(removed))
}
