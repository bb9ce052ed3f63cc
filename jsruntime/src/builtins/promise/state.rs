//! The promise object (27.2.6 Properties of Promise Instances): an object of
//! kind [`ObjectKind::Promise`] pointing at a heap cell of [`PromiseData`],
//! its internal slots (a cell, not a boxed host value: a promise costs no
//! `malloc`/`free`), and the records stored in them (27.2.1.1
//! PromiseCapability Records, 27.2.1.2 PromiseReaction Records).

use std::cell::Cell;

use crate::gc::{Gc, HeapObject, Trace, Tracer};
use crate::object::{JsObject, ObjectKind};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// [[PromiseState]].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PromiseState {
    Pending,
    Fulfilled,
    Rejected,
}

/// The Rust function of a [`Handler::Native`]: called with the handler's
/// `data` and the settled value (the fulfillment value or the rejection
/// reason); its result (or throw) completes the reaction as a JavaScript
/// handler's would.
pub(crate) type NativeHandlerFn = fn(&mut Runtime, data: Value, argument: Value) -> JsResult<Value>;

/// [[Handler]] of a PromiseReaction Record (27.2.1.2): a JobCallback
/// Record or empty.
#[derive(Clone, Copy)]
pub(crate) enum Handler {
    /// A JavaScript callable, or undefined for *empty* (the reaction passes
    /// the value or the reason through).
    Callable(Value),
    #[allow(dead_code)] // constructed by the coroutine driver (await)
    /// A Rust function plus one traced value (the coroutine driver's await
    /// continuations: no JavaScript closure is allocated per suspension).
    /// NewPromiseReactionJob calls it exactly where it would call a
    /// JavaScript handler.
    Native {
        /// Called with `data` and the argument of the job.
        func: NativeHandlerFn,
        /// Kept alive (traced) as long as the reaction.
        data: Value,
    },
}

impl Handler {
    /// The value this handler keeps alive.
    fn value(&self) -> Value {
        match *self {
            Handler::Callable(v) => v,
            Handler::Native { data, .. } => data,
        }
    }
}

/// [[Type]] of a PromiseReaction Record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReactionType {
    Fulfill,
    Reject,
}

/// 27.2.1.1 PromiseCapability Records: [[Promise]], [[Resolve]],
/// [[Reject]].
///
/// A capability of %Promise% itself may be *intrinsic*: `resolve` and
/// `reject` are undefined and the promise's own [[AlreadyResolved]] flag
/// stands for the record its resolving functions would share (creating
/// them is unobservable when the constructor is %Promise%). Call it through
/// [`PromiseCapability::resolve`] / [`PromiseCapability::reject`]; when the
/// functions must be handed to JavaScript, [`PromiseCapability::materialize`]
/// creates them.
#[derive(Clone, Copy)]
pub(crate) struct PromiseCapability {
    /// [[Promise]]: an object.
    pub promise: Value,
    /// [[Resolve]]: a function, or undefined for an intrinsic capability.
    pub resolve: Value,
    /// [[Reject]]: a function, or undefined for an intrinsic capability.
    pub reject: Value,
}

impl PromiseCapability {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.promise);
        tracer.mark_value(self.resolve);
        tracer.mark_value(self.reject);
    }
}

/// 27.2.1.2 PromiseReaction Records.
#[derive(Clone, Copy)]
pub(crate) struct PromiseReaction {
    /// [[Capability]]: None for undefined (await, internal reactions).
    pub capability: Option<PromiseCapability>,
    /// [[Type]]
    pub kind: ReactionType,
    /// [[Handler]]
    pub handler: Handler,
}

// SAFETY: reports the capability's values and the handler's value.
unsafe impl Trace for PromiseReaction {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(c) = &self.capability {
            c.trace(tracer);
        }
        tracer.mark_value(self.handler.value());
    }
}

/// The i-th entries of [[PromiseFulfillReactions]] and
/// [[PromiseRejectReactions]] together: PerformPromiseThen (step 8) is the
/// only place that appends to them, always one reaction to each with the
/// same capability, and FulfillPromise / RejectPromise clear both.
#[derive(Clone, Copy)]
pub(crate) struct ReactionPair {
    /// [[Capability]] of both reactions.
    pub capability: Option<PromiseCapability>,
    /// [[Handler]] of the Fulfill reaction.
    pub on_fulfilled: Handler,
    /// [[Handler]] of the Reject reaction.
    pub on_rejected: Handler,
}

impl ReactionPair {
    /// The reaction of type `kind`.
    pub fn reaction(&self, kind: ReactionType) -> PromiseReaction {
        PromiseReaction {
            capability: self.capability,
            kind,
            handler: match kind {
                ReactionType::Fulfill => self.on_fulfilled,
                ReactionType::Reject => self.on_rejected,
            },
        }
    }

    fn trace(&self, tracer: &mut Tracer) {
        if let Some(c) = &self.capability {
            c.trace(tracer);
        }
        tracer.mark_value(self.on_fulfilled.value());
        tracer.mark_value(self.on_rejected.value());
    }
}

/// The internal slots of a promise (27.2.6), in a heap cell of their own.
/// Every field is a `Cell`; what this module takes out of one it puts back
/// before anything can allocate, so the collector can always read them.
pub struct PromiseData {
    /// [[PromiseState]]
    pub(crate) state: Cell<PromiseState>,
    /// [[PromiseResult]]: undefined while pending.
    pub(crate) result: Cell<Value>,
    /// [[PromiseFulfillReactions]] and [[PromiseRejectReactions]] side by
    /// side ([`ReactionPair`]), the first pair inline (most promises get
    /// at most one `then`), the others in `more_reactions`.
    pub(crate) first_reaction: Cell<Option<ReactionPair>>,
    /// The pairs after the first.
    // One word (a `Vec` is three): most promises have at most one pair.
    #[allow(clippy::box_collection)]
    // GC: a field of a traced heap cell (see the `Trace` impl below).
    pub(crate) more_reactions: Cell<Option<Box<Vec<ReactionPair>>>>,
    /// [[PromiseIsHandled]]
    pub(crate) is_handled: Cell<bool>,
    /// The [[AlreadyResolved]] record shared by the promise's *first*
    /// resolving functions (those of the constructor, or of an intrinsic
    /// capability, see [`PromiseCapability`]). Resolving functions made
    /// later (NewPromiseResolveThenableJob) have their own record.
    pub(crate) already_resolved: Cell<bool>,
}

// Keep a promise's slots within a 128-byte cell (with the header).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<PromiseData>() <= 120);

// SAFETY: reports the result and every reaction.
unsafe impl Trace for PromiseData {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.result.get());
        if let Some(r) = self.first_reaction.get() {
            r.trace(tracer);
        }
        // Taken and put back: the cell is never read elsewhere while
        // the collector runs.
        if let Some(more) = self.more_reactions.take() {
            for r in more.iter() {
                r.trace(tracer);
            }
            self.more_reactions.set(Some(more));
        }
    }
}

impl HeapObject for PromiseData {
    const NAME: &'static str = "PromiseData";
}

impl PromiseData {
    /// Appends a pair of reactions (27.2.5.4.1 step 8).
    pub(crate) fn add_reactions(&self, pair: ReactionPair) {
        if self.first_reaction.get().is_none() {
            self.first_reaction.set(Some(pair));
        } else {
            let mut more = self.more_reactions.take().unwrap_or_default();
            more.push(pair);
            self.more_reactions.set(Some(more));
        }
    }

    /// Takes both reaction lists, leaving them empty (27.2.1.4 / 27.2.1.7
    /// steps 2-5).
    // The caller moves them into the (traced) job queue before it allocates.
    // GC: safe, see the line above.
    pub(crate) fn take_reactions(&self) -> (Option<ReactionPair>, Vec<ReactionPair>) {
        (
            self.first_reaction.take(),
            self.more_reactions.take().map(|b| *b).unwrap_or_default(),
        )
    }

    /// The slots of a new pending promise (27.2.3.1 steps 4-7).
    pub(crate) fn new() -> PromiseData {
        PromiseData {
            state: Cell::new(PromiseState::Pending),
            result: Cell::new(Value::UNDEFINED),
            first_reaction: Cell::new(None),
            more_reactions: Cell::new(None),
            is_handled: Cell::new(false),
            already_resolved: Cell::new(false),
        }
    }
}

/// The promise slots of `v`, if it is a promise (27.2.1.6 IsPromise). The
/// reference must not be held across a call that can run JavaScript code
/// or allocate (the caller keeps `v` alive meanwhile).
pub(crate) fn promise_data(v: Value) -> Option<&'static PromiseData> {
    let o = v.as_object()?;
    match o.kind() {
        // SAFETY: the cell is live (the caller holds `v`, which keeps it)
        // and the slots are only accessed through shared references to
        // `Cell`s; the `'static` is the callers' promise to drop it before
        // the object can die.
        ObjectKind::Promise(d) => Some(unsafe { &*d.as_ptr() }),
        _ => None,
    }
}

/// 27.2.1.6 IsPromise ( x ).
pub(crate) fn is_promise(v: Value) -> bool {
    promise_data(v).is_some()
}

/// A new pending promise with prototype `proto` (27.2.3.1 step 3 after
/// OrdinaryCreateFromConstructor, or %Promise.prototype%).
pub(crate) fn new_promise_object(rt: &mut Runtime, proto: Value) -> JsResult<Gc<JsObject>> {
    // The slots' cell is traced (as the pending object's kind) if the
    // object's allocation collects.
    let data = rt.alloc(PromiseData::new())?;
    rt.new_object_with(proto, ObjectKind::Promise(data), 0)
}

/// A pending promise whose prototype is %Promise.prototype%.
pub(crate) fn new_intrinsic_promise_object(rt: &mut Runtime) -> JsResult<Gc<JsObject>> {
    let proto = rt.intrinsic(Intrinsic::PromisePrototype);
    new_promise_object(rt, proto)
}
