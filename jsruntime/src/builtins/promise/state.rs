//! The promise object (27.2.6 Properties of Promise Instances): an object of
//! kind [`ObjectKind::Promise`] whose internal slots ([`PromiseData`]) live
//! in its own cell (a pending promise with at most an `await` waiting on it
//! is one 128-byte cell, no `malloc`), and the records stored in them (27.2.1.1
//! PromiseCapability Records, 27.2.1.2 PromiseReaction Records).

use std::cell::Cell;

use crate::gc::{Gc, Trace, Tracer};
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

/// The internal slots of a promise (27.2.6), 32 bytes held in the promise
/// object's own cell: in its inline slots, which the object's shape
/// reserves (`Runtime::coroutine_shape`, as for coroutine objects: a
/// promise's properties go to overflow slots). A promise is one 128-byte
/// cell. Every field is a `Cell`; what this module takes out of one it puts
/// back before anything can allocate, so the collector can always read them.
pub struct PromiseData {
    /// [[PromiseState]]
    pub(crate) state: Cell<PromiseState>,
    /// [[PromiseIsHandled]]
    pub(crate) is_handled: Cell<bool>,
    /// The [[AlreadyResolved]] record shared by the promise's *first*
    /// resolving functions (those of the constructor, or of an intrinsic
    /// capability, see [`PromiseCapability`]). Resolving functions made
    /// later (NewPromiseResolveThenableJob) have their own record.
    pub(crate) already_resolved: Cell<bool>,
    /// [[PromiseResult]]: undefined while pending.
    pub(crate) result: Cell<Value>,
    /// The first pair of [[PromiseFulfillReactions]] and
    /// [[PromiseRejectReactions]] when it is an `await`'s (27.7.5.3 steps
    /// 3-9: no capability, the coroutine driver's two native continuations,
    /// see [`await_reactions`]): the awaiting coroutine object, in one word.
    /// Undefined otherwise. Only ever set while `reactions` is empty, so it
    /// is always the oldest pair.
    awaiting: Cell<Value>,
    /// The other reaction pairs ([`ReactionPair`]: the i-th entries of both
    /// lists side by side), in order; one allocation for the common single
    /// `then`.
    // GC: a field of a traced cell (see the `Trace` impl below).
    reactions: Cell<Option<Box<ReactionList>>>,
}

/// The reaction pairs of a promise after its `await` pair, if any.
pub(crate) struct ReactionList {
    first: ReactionPair,
    // Only ever inside a promise's traced slots (the `Trace` impl of
    // `PromiseData`), or moved to the traced job queue before anything
    // allocates (`TakenReactions`).
    // GC: safe, see the lines above.
    rest: Vec<ReactionPair>,
}

impl ReactionList {
    /// The pairs, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &ReactionPair> {
        std::iter::once(&self.first).chain(self.rest.iter())
    }
}

// The slots fit a promise object's inline slots.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(
    std::mem::size_of::<PromiseData>() <= crate::object::INLINE_SLOTS * 8
        && std::mem::align_of::<PromiseData>() <= 8
);

// SAFETY: reports the result, the awaiting coroutine and every reaction.
unsafe impl Trace for PromiseData {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.result.get());
        tracer.mark_value(self.awaiting.get());
        // Taken and put back: the cell is never read elsewhere while
        // the collector runs.
        if let Some(list) = self.reactions.take() {
            for r in list.iter() {
                r.trace(tracer);
            }
            self.reactions.set(Some(list));
        }
    }
}

/// The reaction pair of an `await` (27.7.5.3 Await steps 3-9) of the
/// coroutine object `coroutine`: no capability, the coroutine driver's
/// fulfilment and rejection continuations.
pub(crate) fn await_reactions(coroutine: Value) -> ReactionPair {
    ReactionPair {
        capability: None,
        on_fulfilled: Handler::Native {
            func: crate::builtins::async_function::await_fulfilled,
            data: coroutine,
        },
        on_rejected: Handler::Native {
            func: crate::builtins::async_function::await_rejected,
            data: coroutine,
        },
    }
}

/// The reactions taken from a settling promise (27.2.1.4 / 27.2.1.7 steps
/// 2-5), oldest first: an await's pair, then the list.
pub(crate) struct TakenReactions {
    awaiting: Value,
    list: Option<Box<ReactionList>>,
}

impl TakenReactions {
    /// Calls `f` on each pair in order.
    pub(crate) fn for_each(self, mut f: impl FnMut(ReactionPair)) {
        if !self.awaiting.is_undefined() {
            f(await_reactions(self.awaiting));
        }
        if let Some(list) = self.list {
            let ReactionList { first, rest } = *list;
            f(first);
            rest.into_iter().for_each(f);
        }
    }
}

impl PromiseData {
    /// Appends a pair of reactions (27.2.5.4.1 step 8).
    pub(crate) fn add_reactions(&self, pair: ReactionPair) {
        match self.reactions.take() {
            None => self.reactions.set(Some(Box::new(ReactionList {
                first: pair,
                rest: Vec::new(),
            }))),
            Some(mut list) => {
                list.rest.push(pair);
                self.reactions.set(Some(list));
            }
        }
    }

    /// Appends the pair of an `await` of `coroutine` ([`await_reactions`]),
    /// in one word when it is the first pair.
    pub(crate) fn add_await_reactions(&self, coroutine: Value) {
        if self.awaiting.get().is_undefined() && !self.has_reaction_list() {
            self.awaiting.set(coroutine);
        } else {
            self.add_reactions(await_reactions(coroutine));
        }
    }

    /// Whether dropping the slots frees something (a reaction list).
    pub(crate) fn owns_memory(&self) -> bool {
        self.has_reaction_list()
    }

    fn has_reaction_list(&self) -> bool {
        let list = self.reactions.take();
        let has = list.is_some();
        self.reactions.set(list);
        has
    }

    /// Takes both reaction lists, leaving them empty (27.2.1.4 / 27.2.1.7
    /// steps 2-5).
    // The caller moves them into the (traced) job queue before it allocates.
    // GC: safe, see the line above.
    pub(crate) fn take_reactions(&self) -> TakenReactions {
        TakenReactions {
            awaiting: self.awaiting.replace(Value::UNDEFINED),
            list: self.reactions.take(),
        }
    }

    /// The slots of a new pending promise (27.2.3.1 steps 4-7).
    pub(crate) fn new() -> PromiseData {
        PromiseData {
            state: Cell::new(PromiseState::Pending),
            is_handled: Cell::new(false),
            already_resolved: Cell::new(false),
            result: Cell::new(Value::UNDEFINED),
            awaiting: Cell::new(Value::UNDEFINED),
            reactions: Cell::new(None),
        }
    }
}

/// The kind of a promise object ([`ObjectKind::Promise`]): the address of
/// its [`PromiseData`], in the object's own cell.
pub struct PromiseRef(std::ptr::NonNull<PromiseData>);

impl PromiseRef {
    /// The slots. The reference must not outlive the object.
    #[inline]
    pub(crate) fn get(&self) -> &'static PromiseData {
        // SAFETY: the slots live in the object's cell, as long as the object
        // (the caller keeps it alive); they are only accessed through shared
        // references to `Cell`s.
        unsafe { &*self.0.as_ptr() }
    }
}

impl Drop for PromiseRef {
    fn drop(&mut self) {
        // SAFETY: the slots were written by `new_promise_object` and this
        // reference, the object's kind, is their only owner: they are
        // dropped once, with the cell (the memory belongs to the cell).
        unsafe { std::ptr::drop_in_place(self.0.as_ptr()) }
    }
}

// SAFETY: reports the values of the slots.
unsafe impl Trace for PromiseRef {
    fn trace(&self, tracer: &mut Tracer) {
        self.get().trace(tracer);
    }
}

/// The promise slots of `v`, if it is a promise (27.2.1.6 IsPromise). The
/// reference must not be held across a call that can run JavaScript code
/// or allocate (the caller keeps `v` alive meanwhile).
pub(crate) fn promise_data(v: Value) -> Option<&'static PromiseData> {
    let o = v.as_object()?;
    match o.kind() {
        // The `'static` is the callers' promise to drop the reference
        // before the object can die.
        ObjectKind::Promise(d) => Some(d.get()),
        _ => None,
    }
}

/// 27.2.1.6 IsPromise ( x ).
pub(crate) fn is_promise(v: Value) -> bool {
    promise_data(v).is_some()
}

/// A new pending promise with prototype `proto` (27.2.3.1 step 3 after
/// OrdinaryCreateFromConstructor, or %Promise.prototype%): one object cell,
/// its slots in the inline slots its shape reserves.
pub(crate) fn new_promise_object(rt: &mut Runtime, proto: Value) -> JsResult<Gc<JsObject>> {
    let object = rt.new_object_with_tail(proto, 0, crate::gc::cell_size_of::<JsObject>())?;
    // No allocation from here until the slots are the object's kind.
    let data = (object.addr() + crate::object::OBJECT_INLINE_SLOTS_OFFSET) as *mut PromiseData;
    // SAFETY: the inline slots (32 bytes, 8-aligned in the 16-aligned cell,
    // asserted above to hold a `PromiseData`) are reserved by the object's
    // shape: no property is ever stored there and the object's trace skips
    // them; nothing reads them before this write. `data` is inside the
    // cell, not null.
    unsafe {
        std::ptr::write(data, PromiseData::new());
        let r = PromiseRef(std::ptr::NonNull::new_unchecked(data));
        *object.get_mut().kind_mut() = ObjectKind::Promise(r);
    }
    Ok(object)
}

/// A pending promise whose prototype is %Promise.prototype%.
pub(crate) fn new_intrinsic_promise_object(rt: &mut Runtime) -> JsResult<Gc<JsObject>> {
    let proto = rt.intrinsic(Intrinsic::PromisePrototype);
    new_promise_object(rt, proto)
}
