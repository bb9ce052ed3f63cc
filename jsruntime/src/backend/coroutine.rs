//! Coroutines at run time: the suspended frame of a generator or async
//! function, the ramp that starts one, and resumption.
//!
//! A coroutine function compiles to one native function, the *body*, with
//! the lambda signature plus three parameters ([`CoroutineBody`]): the
//! [`Coroutine`] record, the value it is resumed with and how (`next`,
//! `throw`, `return`). The body starts with a jump table on
//! [`Coroutine::state`]: state 0 runs the function from its beginning,
//! state `k` continues after suspend point `k`. At a suspend point the body
//! saves what is live there into the coroutine's frame (locals of the open
//! scopes, temporaries, and the compile-time operand stack in the *scratch*
//! area), stores the next state and what kind of suspension this is, and
//! returns [`Status::Suspend`] with the yielded or awaited value in `*ret`.
//!
//! The closure of a coroutine function does not call the body directly: its
//! lambda is [`runtime_coroutine_ramp`], which compiles the body on the first
//! call, allocates the coroutine object (a generator object, or a hidden
//! object for an async function) and runs the body until it first suspends.
//!
//! The frame is traced exactly: [`CoroutineCode::layout`] says what each
//! fixed slot holds (a value, a capture cell pointer or raw bits); every
//! scratch slot holds a value.

use std::cell::Cell;

use crate::backend::{Closure, Executor, FunctionTemplate, Status};
use crate::gc::{Gc, Trace, Tracer, CELL_BODY_OFFSET};
use crate::object::{HostData, JsObject, ObjectKind};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::Thrown;

/// The native type of a coroutine body: the [`crate::backend::Lambda`]
/// parameters, then the coroutine, the resumption value and the
/// resumption mode ([`MODE_NEXT`], [`MODE_THROW`], [`MODE_RETURN`]).
pub type CoroutineBody = unsafe extern "C" fn(
    ctx: *mut Executor,
    closure: *mut Closure,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
    co: *mut Coroutine,
    value: u64,
    mode: u32,
) -> u32;

/// Resumed by `next(value)` or a fulfilled await: the suspend point's
/// expression evaluates to the value.
pub const MODE_NEXT: u32 = 0;
/// Resumed by `throw(value)` or a rejected await: the value is thrown at
/// the suspend point.
pub const MODE_THROW: u32 = 1;
/// Resumed by `return(value)`: the suspend point returns the value (through
/// the `finally` blocks).
pub const MODE_RETURN: u32 = 2;

/// The body stopped at `GeneratorStart`.
pub const SUSPEND_START: u32 = 0;
/// The body awaits `*ret`.
pub const SUSPEND_AWAIT: u32 = 1;
/// The body yields `*ret` (a value to wrap in an iterator result).
pub const SUSPEND_YIELD: u32 = 2;
/// The body yields `*ret` as it is (an inner iterator result of `yield*`).
pub const SUSPEND_YIELD_RAW: u32 = 3;

/// What a fixed frame slot of a suspended coroutine holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameSlot {
    /// A NaN-boxed value.
    Value,
    /// A capture cell's body pointer, or null.
    Cell,
    /// Bits the collector ignores (an integer).
    Raw,
}

/// The compiled body of a coroutine function and its frame layout.
pub struct CoroutineCode {
    /// The native code.
    pub body: CoroutineBody,
    /// What each fixed slot holds (the frame's first `layout.len()` words).
    pub layout: Vec<FrameSlot>,
    /// Number of scratch slots (values) after the fixed ones.
    pub scratch: u32,
}

/// Frames of at most this many words (fixed and scratch slots together)
/// live inside the [`Coroutine`] itself; larger ones get an allocation of
/// their own.
pub const INLINE_FRAME_WORDS: usize = 6;

/// The state of one activation of a coroutine function that compiled code
/// sees: the frame and the resume state.
///
/// The frame is `len` words: in `inline` when it fits (then `frame` points
/// there once the coroutine has its final place, see [`Coroutine::bind`]),
/// else in a boxed slice that `frame` owns.
#[repr(C)]
pub struct Coroutine {
    /// The fixed slots (offset 0).
    pub frame: *mut u64,
    /// The scratch slots (offset 8).
    pub scratch: *mut u64,
    /// The state to resume at: 0 before the start, else the suspend point
    /// the body stopped at (offset 16).
    pub state: u32,
    /// The kind of the last suspension, `SUSPEND_*` (offset 20).
    pub suspend: u32,
    /// Words of the frame (fixed and scratch slots).
    len: u32,
    /// Words of the fixed slots.
    fixed: u32,
    /// The frame when `len <= INLINE_FRAME_WORDS`.
    inline: [u64; INLINE_FRAME_WORDS],
    /// The frame layout (owned by the function's template).
    code: *const CoroutineCode,
    /// The closure the body runs for.
    closure: Gc<Closure>,
}

impl Coroutine {
    /// Offset of `frame`, for compiled code.
    pub const FRAME_OFFSET: i32 = 0;
    /// Offset of `scratch`, for compiled code.
    pub const SCRATCH_OFFSET: i32 = 8;
    /// Offset of `state`, for compiled code.
    pub const STATE_OFFSET: i32 = 16;
    /// Offset of `suspend`, for compiled code.
    pub const SUSPEND_OFFSET: i32 = 20;

    fn new(code: &CoroutineCode, closure: Gc<Closure>) -> Coroutine {
        let fixed = code.layout.len();
        let len = fixed + code.scratch as usize;
        let mut co = Coroutine {
            frame: std::ptr::null_mut(),
            scratch: std::ptr::null_mut(),
            state: 0,
            suspend: 0,
            len: len as u32,
            fixed: fixed as u32,
            inline: [0; INLINE_FRAME_WORDS],
            code,
            closure,
        };
        if len > INLINE_FRAME_WORDS {
            // Owned through `frame` from here on (freed by `Drop`).
            co.frame = Box::into_raw(vec![0u64; len].into_boxed_slice()) as *mut u64;
            // SAFETY: `fixed <= len`: within the allocation (or its end).
            co.scratch = unsafe { co.frame.add(fixed) };
        }
        co
    }

    fn is_inline(&self) -> bool {
        self.len as usize <= INLINE_FRAME_WORDS
    }

    /// Points `frame` and `scratch` at the inline words. Call once the
    /// coroutine is at its final address (inside its object's host data,
    /// which never moves) and before compiled code runs on it.
    fn bind(&mut self) {
        if self.is_inline() {
            self.frame = self.inline.as_mut_ptr();
            // SAFETY: `fixed <= len <= INLINE_FRAME_WORDS`.
            self.scratch = unsafe { self.frame.add(self.fixed as usize) };
        }
    }

    /// The frame's words (fixed slots, then scratch slots).
    fn words(&self) -> &[u64] {
        if self.is_inline() {
            &self.inline[..self.len as usize]
        } else {
            // SAFETY: `frame` owns `len` words (see `new`).
            unsafe { std::slice::from_raw_parts(self.frame, self.len as usize) }
        }
    }

    /// Bytes of the frame (for the collector's accounting and the figures
    /// in docs/performance.md).
    pub fn frame_bytes(&self) -> usize {
        self.len as usize * 8
    }
}

impl Drop for Coroutine {
    fn drop(&mut self) {
        if !self.is_inline() && !self.frame.is_null() {
            let words = std::ptr::slice_from_raw_parts_mut(self.frame, self.len as usize);
            // SAFETY: made by `Box::into_raw` in `new` with this length and
            // freed only here.
            drop(unsafe { Box::from_raw(words) });
        }
    }
}

// SAFETY: reports the closure and, following the layout, every value and
// capture cell of the frame; scratch slots hold values (zero, a double, when
// never written).
unsafe impl Trace for Coroutine {
    fn trace(&self, tracer: &mut Tracer) {
        self.closure.trace(tracer);
        // SAFETY: the layout lives in the template, as long as the executor.
        let layout = unsafe { &(*self.code).layout };
        for (i, &bits) in self.words().iter().enumerate() {
            match layout.get(i).copied().unwrap_or(FrameSlot::Value) {
                // SAFETY: compiled code only stores valid values here.
                FrameSlot::Value => tracer.mark_value(unsafe { Value::from_bits(bits) }),
                FrameSlot::Cell if bits != 0 => tracer.mark_cell(bits as usize - CELL_BODY_OFFSET),
                FrameSlot::Cell | FrameSlot::Raw => {}
            }
        }
    }
}

/// What kind of coroutine function an activation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoroutineKind {
    /// `function*` (27.5).
    Generator,
    /// `async function` (27.7).
    Async,
    /// `async function*` (27.6).
    AsyncGenerator,
}

/// [[GeneratorState]] (27.5, Table 74) and [[AsyncGeneratorState]].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeneratorState {
    /// Created, not started (`suspended-start`).
    SuspendedStart,
    /// Stopped at a `yield` (`suspended-yield`).
    SuspendedYield,
    /// Running (`executing`): re-entering it throws a TypeError.
    Executing,
    /// Awaiting inside an async function or generator.
    Awaiting,
    /// An async generator awaiting the value of a `return()` request
    /// (`awaiting-return`).
    AwaitingReturn,
    /// Finished (`completed`).
    Completed,
}

/// The internal slots of a coroutine object: a generator object (27.5),
/// or the hidden object that carries an async function's activation.
pub struct CoroutineObject {
    /// The kind of function.
    pub kind: CoroutineKind,
    /// [[GeneratorState]].
    pub state: Cell<GeneratorState>,
    /// The frame the body runs with.
    pub co: std::cell::UnsafeCell<Coroutine>,
    /// An async function's result promise (undefined otherwise).
    pub promise: Cell<Value>,
    /// An async generator's [[AsyncGeneratorQueue]] (27.6.3.1): the
    /// requests not completed yet, oldest first.
    pub queue: RequestQueue,
}

/// [[AsyncGeneratorQueue]]: one word in every coroutine object, the
/// requests boxed once an async generator gets its first one.
// One word (a `VecDeque` is four) in every coroutine object.
#[allow(clippy::box_collection)]
#[derive(Default)]
pub struct RequestQueue(Cell<Option<Box<std::collections::VecDeque<AsyncGeneratorRequest>>>>);

impl RequestQueue {
    /// Runs `f` on the requests (never across an allocation or a call
    /// into JavaScript: the collector reads them through the same cell).
    fn with<R>(
        &self,
        f: impl FnOnce(&mut std::collections::VecDeque<AsyncGeneratorRequest>) -> R,
    ) -> R {
        let mut q = self.0.take().unwrap_or_default();
        let r = f(&mut q);
        self.0.set(Some(q));
        r
    }

    /// Appends a request (AsyncGeneratorEnqueue).
    pub fn push_back(&self, request: AsyncGeneratorRequest) {
        self.with(|q| q.push_back(request));
    }

    /// Removes the oldest request.
    pub fn pop_front(&self) -> Option<AsyncGeneratorRequest> {
        self.with(|q| q.pop_front())
    }

    /// The oldest request.
    pub fn front(&self) -> Option<AsyncGeneratorRequest> {
        self.with(|q| q.front().copied())
    }

    fn trace(&self, tracer: &mut Tracer) {
        if let Some(q) = self.0.take() {
            for r in q.iter() {
                tracer.mark_value(r.value);
                tracer.mark_value(r.promise);
            }
            self.0.set(Some(q));
        }
    }
}

/// 27.6.3.1 AsyncGeneratorRequest Records: the completion a request resumes
/// the generator with (`MODE_*` and the value) and its promise (of
/// %Promise%, settled with the intrinsic entry points).
#[derive(Clone, Copy)]
pub struct AsyncGeneratorRequest {
    /// How the request resumes the generator (`MODE_*`).
    pub mode: u32,
    /// The completion's value.
    pub value: Value,
    /// [[Capability]].[[Promise]].
    pub promise: Value,
}

// SAFETY: reports the frame and the promise.
unsafe impl Trace for CoroutineObject {
    fn trace(&self, tracer: &mut Tracer) {
        // SAFETY: the collector runs while no body runs on this frame, or
        // while one is stopped at an allocation (the frame is then only
        // written at suspend points, not concurrently).
        unsafe { &*self.co.get() }.trace(tracer);
        tracer.mark_value(self.promise.get());
        self.queue.trace(tracer);
    }
}

impl HostData for CoroutineObject {
    fn class_name(&self) -> &'static str {
        match self.kind {
            CoroutineKind::Generator => "Generator",
            CoroutineKind::Async => "AsyncFunction",
            CoroutineKind::AsyncGenerator => "AsyncGenerator",
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The coroutine data of an object, if it is a coroutine object of `kind`.
/// The reference must not outlive the object (the caller keeps it alive).
pub fn coroutine_data(o: Gc<JsObject>, kind: CoroutineKind) -> Option<&'static CoroutineObject> {
    // SAFETY: the object is live (the caller holds it); the data is only read
    // through shared references (its fields are cells).
    let k = unsafe { &*(o.kind() as *const ObjectKind) };
    match k {
        ObjectKind::Host(h) => h
            .as_any()
            .downcast_ref::<CoroutineObject>()
            .filter(|c| c.kind == kind),
        _ => None,
    }
}

/// How a run of a coroutine body ended.
pub enum Outcome {
    /// Stopped at a suspend point of kind `SUSPEND_*` with the value.
    Suspended(u32, Value),
    /// Returned the value.
    Returned(Value),
    /// Threw the value.
    Threw(Value),
}

/// Runs the body of the coroutine object `object` from its saved state with
/// the resumption `value` and `mode`.
///
/// The caller marks the object executing and keeps `object` alive.
pub fn resume(rt: &mut Runtime, object: Gc<JsObject>, value: Value, mode: u32) -> Outcome {
    if let Err(Thrown(e)) = rt.check_stack() {
        return Outcome::Threw(e);
    }
    let Some(data) = host_coroutine(object) else {
        let e = rt.type_error("not a coroutine");
        return Outcome::Threw(e.0);
    };
    let co = data.co.get();
    // SAFETY: the runtime is an executor's (coroutine objects are only made
    // by `runtime_coroutine_ramp`); `co` lives in the object, which the
    // caller keeps alive; the body follows the coroutine convention.
    unsafe {
        let exec = rt as *mut Runtime as *mut Executor;
        let closure = (*co).closure.as_ptr();
        let body = (*(*co).code).body;
        let mut ret = Value::UNDEFINED.to_bits();
        let status = body(
            exec,
            closure,
            Value::UNDEFINED.to_bits(),
            0,
            std::ptr::null(),
            &mut ret,
            co,
            value.to_bits(),
            mode,
        );
        // The frame lives in `object`: it stays visible to the stack scan
        // while the body runs, even when the caller no longer holds it
        // (`gen().next()`).
        std::hint::black_box(&object);
        outcome(status, ret, (*co).suspend)
    }
}

fn outcome(status: u32, ret: u64, suspend: u32) -> Outcome {
    // SAFETY: compiled code returns valid values in `ret`.
    let v = unsafe { Value::from_bits(ret) };
    match status {
        s if s == Status::Normal as u32 => Outcome::Returned(v),
        s if s == Status::Suspend as u32 => Outcome::Suspended(suspend, v),
        _ => Outcome::Threw(v),
    }
}

/// The coroutine data of a coroutine object of any kind (as
/// [`coroutine_data`]).
pub fn coroutine_data_any(o: Gc<JsObject>) -> Option<&'static CoroutineObject> {
    host_coroutine(o)
}

fn host_coroutine(o: Gc<JsObject>) -> Option<&'static CoroutineObject> {
    // SAFETY: as in `coroutine_data`.
    let k = unsafe { &*(o.kind() as *const ObjectKind) };
    match k {
        ObjectKind::Host(h) => h.as_any().downcast_ref::<CoroutineObject>(),
        _ => None,
    }
}

/// The lambda of every coroutine function's closures (15.5.2
/// EvaluateGeneratorBody, 15.8.4 EvaluateAsyncFunctionBody, 15.6.2
/// EvaluateAsyncGeneratorBody): compiles the body on the first call,
/// creates the coroutine object and runs the body to its first suspension.
///
/// # Safety
/// Lambda convention (see [`crate::backend::Lambda`]).
pub unsafe extern "C" fn runtime_coroutine_ramp(
    ctx: *mut Executor,
    closure: *mut Closure,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the caller passes the running executor and a live closure.
    let (exec, template) = unsafe { (&mut *ctx, &*(*closure).template) };
    // SAFETY: `ret` is writable (lambda convention).
    let result = unsafe { ramp(exec, closure, template, this, argc, argv) };
    // SAFETY: as above.
    unsafe { super::bridge::complete(ret, result.map_err(Thrown)) }
}

/// What the ramp returns: the call's status and value.
type RampResult = Result<Value, Value>;

/// # Safety
/// As [`runtime_coroutine_ramp`].
unsafe fn ramp(
    exec: &mut Executor,
    closure: *mut Closure,
    template: &FunctionTemplate,
    this: u64,
    argc: u32,
    argv: *const u64,
) -> RampResult {
    let code = match exec.compile_coroutine(template) {
        Ok(code) => code,
        Err(e) => {
            let message = format!("cannot compile the function: {e}");
            let thrown = exec
                .runtime
                .throw_error(crate::completion::ErrorKind::Error, &message);
            return Err(thrown.0);
        }
    };
    let kind = template
        .coroutine_kind()
        .unwrap_or(CoroutineKind::Generator);
    let rt = &mut exec.runtime;
    // SAFETY: the closure is a live cell (its function object is being
    // called); `closure` points at its body.
    let closure_gc: Gc<Closure> = unsafe { Gc::from_addr(closure as usize - CELL_BODY_OFFSET) };
    let data = CoroutineObject {
        kind,
        state: Cell::new(GeneratorState::Executing),
        co: std::cell::UnsafeCell::new(Coroutine::new(code, closure_gc)),
        promise: Cell::new(Value::UNDEFINED),
        queue: Default::default(),
    };
    // The prototype is set after FunctionDeclarationInstantiation (15.5.2
    // step 2 comes after step 1: a parameter default may replace
    // `F.prototype`).
    let object = rt.new_object_with(Value::NULL, ObjectKind::Host(Box::new(data)), 0);
    let object = match object {
        Ok(o) => o,
        Err(e) => return Err(e.0),
    };
    let Some(data) = host_coroutine(object) else {
        return Err(rt.type_error("not a coroutine").0);
    };
    let co = data.co.get();
    // SAFETY: the coroutine is at its final address (boxed in `object`) and
    // no body runs on it yet.
    unsafe { (*co).bind() };
    let mut ret = Value::UNDEFINED.to_bits();
    // SAFETY: `co` lives in `object`, which this frame keeps alive; the body
    // follows the coroutine convention; argc/argv are the caller's.
    let status = unsafe {
        let body = code.body;
        body(
            exec as *mut Executor,
            closure,
            this,
            argc,
            argv,
            &mut ret,
            co,
            Value::UNDEFINED.to_bits(),
            MODE_NEXT,
        )
    };
    // See `resume`: the frame's object stays visible to the stack scan.
    std::hint::black_box(&object);
    // SAFETY: `co` is live (above).
    let suspend = unsafe { (*co).suspend };
    let outcome = outcome(status, ret, suspend);
    match kind {
        CoroutineKind::Generator | CoroutineKind::AsyncGenerator => {
            start_generator(exec, closure_gc, object, data, kind, outcome)
        }
        CoroutineKind::Async => {
            crate::builtins::async_function::started(&mut exec.runtime, object, data, outcome)
                .map_err(|e| e.0)
        }
    }
}

/// After FunctionDeclarationInstantiation of a generator: the generator
/// object gets its prototype (10.1.14 GetPrototypeFromConstructor with the
/// function's `prototype`) and is returned.
fn start_generator(
    exec: &mut Executor,
    closure: Gc<Closure>,
    object: Gc<JsObject>,
    data: &CoroutineObject,
    kind: CoroutineKind,
    outcome: Outcome,
) -> RampResult {
    match outcome {
        Outcome::Threw(e) => {
            data.state.set(GeneratorState::Completed);
            Err(e)
        }
        Outcome::Returned(_) | Outcome::Suspended(..) => {
            let rt = &mut exec.runtime;
            let function = closure.function;
            let fallback = match kind {
                CoroutineKind::AsyncGenerator => Intrinsic::AsyncGeneratorPrototype,
                _ => Intrinsic::GeneratorPrototype,
            };
            let proto = match function.as_object() {
                Some(f) => {
                    let key = crate::object::PropertyKey::String(rt.names.prototype);
                    match rt.get(f, key, function) {
                        Ok(p) if p.is_object() => p,
                        Ok(_) => rt.intrinsic(fallback),
                        Err(e) => return Err(e.0),
                    }
                }
                None => rt.intrinsic(fallback),
            };
            rt.set_proto_raw(object, proto);
            data.state.set(GeneratorState::SuspendedStart);
            Ok(Value::object(object))
        }
    }
}
