//! Built-in functions with internal slots (10.3.4 CreateBuiltinFunction with
//! `additionalInternalSlotsList`): the anonymous functions the spec creates
//! at runtime and that remember values, such as a promise's resolving
//! functions ([[Promise]], [[AlreadyResolved]]) or the element functions of
//! `Promise.all`.
//!
//! Such a function is an object of kind [`ObjectKind::Host`] holding a
//! [`NativeClosure`]: the Rust function behind it and a fixed array of value
//! slots, traced exactly. [`Runtime::call`] recognises the host data and
//! calls the function with the callee, so that it can read and write its
//! slots ([`closure_slot`], [`set_closure_slot`]). These functions are never
//! constructors.

use std::any::Any;
use std::cell::Cell;

use crate::gc::{Gc, Trace, Tracer};
use crate::object::{HostData, JsObject, ObjectKind, FLAG_CALLABLE};
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::value::Value;
use crate::JsResult;

/// The behaviour of a [`NativeClosure`]: like a native function, plus the
/// function object itself (to reach its slots).
pub type ClosureFn =
    fn(&mut Runtime, callee: Gc<JsObject>, this: Value, args: &[Value]) -> JsResult<Value>;

/// The most internal slots a native closure has (the element functions of
/// the Promise combinators have four).
pub const MAX_CLOSURE_SLOTS: usize = 4;

/// The host data of a built-in function with internal slots.
pub struct NativeClosure {
    /// What [[Call]] runs.
    pub(crate) call: ClosureFn,
    /// How many of `slots` the function has.
    len: usize,
    /// The internal slots, by index (each function kind documents its own),
    /// inline: a closure is one allocation besides its object. Unused
    /// slots hold undefined.
    slots: [Cell<Value>; MAX_CLOSURE_SLOTS],
}

impl NativeClosure {
    fn slots(&self) -> &[Cell<Value>] {
        &self.slots[..self.len]
    }
}

// SAFETY: reports every slot.
unsafe impl Trace for NativeClosure {
    fn trace(&self, tracer: &mut Tracer) {
        for s in self.slots() {
            tracer.mark_value(s.get());
        }
    }
}

impl HostData for NativeClosure {
    fn class_name(&self) -> &'static str {
        "Function"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The closure data of a function object, if it is a native closure.
pub(crate) fn native_closure(o: &JsObject) -> Option<&NativeClosure> {
    match o.kind() {
        ObjectKind::Host(h) => h.as_any().downcast_ref::<NativeClosure>(),
        _ => None,
    }
}

/// The cell of slot `i` of a native closure of either form.
fn slot_cell(f: &JsObject, i: usize) -> Option<&Cell<Value>> {
    match f.kind() {
        ObjectKind::NativeClosure1(_, slot) => (i == 0).then_some(slot),
        _ => native_closure(f).and_then(|c| c.slots().get(i)),
    }
}

/// What [[Call]] of a native closure of either form runs (None if `f` is
/// not one).
pub(crate) fn closure_call(f: &JsObject) -> Option<ClosureFn> {
    match f.kind() {
        ObjectKind::NativeClosure1(call, _) => Some(*call),
        _ => native_closure(f).map(|c| c.call),
    }
}

/// Slot `i` of a native closure (undefined if `f` is not one or has no
/// such slot).
pub(crate) fn closure_slot(f: Gc<JsObject>, i: usize) -> Value {
    slot_cell(&f, i).map_or(Value::UNDEFINED, Cell::get)
}

/// Writes slot `i` of a native closure (nothing if there is no such slot).
pub(crate) fn set_closure_slot(f: Gc<JsObject>, i: usize, v: Value) {
    if let Some(s) = slot_cell(&f, i) {
        s.set(v);
    }
}

impl Runtime {
    /// 10.3.4 CreateBuiltinFunction ( behaviour, length, name,
    /// additionalInternalSlotsList ) for a behaviour with internal slots:
    /// an anonymous built-in function (prototype %Function.prototype%,
    /// `length`, `name`), not a constructor, whose slots start as `slots`.
    pub(crate) fn new_native_closure(
        &mut self,
        name: Gc<JsString>,
        length: u32,
        call: ClosureFn,
        slots: &[Value],
    ) -> JsResult<Gc<JsObject>> {
        let proto = self.intrinsic(Intrinsic::FunctionPrototype);
        if slots.len() <= 1 {
            // One slot: held in the kind, no host data.
            let slot = Cell::new(slots.first().copied().unwrap_or(Value::UNDEFINED));
            return self.new_function_object(
                proto,
                ObjectKind::NativeClosure1(call, slot),
                FLAG_CALLABLE,
                length,
                name,
            );
        }
        // Callers are this crate's built-ins, each with a fixed number of
        // slots within the maximum (checked in debug builds).
        debug_assert!(slots.len() <= MAX_CLOSURE_SLOTS);
        let len = slots.len().min(MAX_CLOSURE_SLOTS);
        let data = NativeClosure {
            call,
            len,
            slots: std::array::from_fn(|i| {
                Cell::new(slots.get(i).copied().unwrap_or(Value::UNDEFINED))
            }),
        };
        // The pending body (with the slots) is traced if this allocation
        // collects.
        self.new_function_object(
            proto,
            ObjectKind::Host(Box::new(data)),
            FLAG_CALLABLE,
            length,
            name,
        )
    }
}
