//! Coroutines at run time: the suspended frame of a generator or async
//! function, the ramp that starts one, and resumption.
//!
//! A coroutine function compiles to one native function, the *body*, with
//! the lambda signature plus three parameters ([`CoroutineBody`]): the
//! [`Coroutine`] record, the value it is resumed with and how (`next`,
//! `throw`, `return`). The body starts with a jump table on
//! the resume point ([`Coroutine::STATE_OFFSET`]): state 0 runs the function from its beginning,
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
use crate::object::{JsObject, ObjectKind};
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
    /// Bytes of the body's native stack frame: a frame larger than
    /// [`crate::backend::bridge::limits::BIG_FRAME`] is checked whole before
    /// every start and resumption (as `runtime_big_frame_call` does for an
    /// ordinary function).
    pub frame_size: usize,
}

impl CoroutineCode {
    /// Words of an activation's frame (fixed and scratch slots).
    pub fn frame_words(&self) -> usize {
        self.layout.len().saturating_add(self.scratch as usize)
    }
}

/// A coroutine object's internal slots and the state of its activation
/// that compiled code sees (the frame and the resume point), stored in the
/// object's own cell right after the [`JsObject`] (one allocation per
/// activation: [`ObjectKind::Coroutine`] points here), followed by the
/// frame's words: the fixed slots, then the scratch slots.
///
/// A generator object (27.5), an async generator object (27.6), or the
/// hidden object that carries an async function's activation. Compiled code
/// reads and writes the first 16 bytes (`SCRATCH_OFFSET` ...
/// `SUSPEND_OFFSET`) and the frame at [`Coroutine::FRAME_OFFSET`] from the
/// record (the frame's address is not stored); everything else is Rust's.
#[repr(C)]
pub struct Coroutine {
    /// The scratch slots (offset 0), after the fixed ones.
    pub scratch: *mut u64,
    /// The point to resume at: 0 before the start, else the suspend point
    /// the body stopped at (offset 8; written by compiled code).
    resume_point: Cell<u32>,
    /// The kind of the last suspension, `SUSPEND_*` (offset 12, one byte;
    /// written by compiled code).
    suspend: Cell<u8>,
    /// The kind of function.
    pub kind: CoroutineKind,
    /// [[GeneratorState]].
    pub state: Cell<GeneratorState>,
    /// The closure the body runs for (its template holds the code and the
    /// frame layout).
    closure: Gc<Closure>,
    /// One word for what only one kind needs: an async function's result
    /// promise (the value's bits), an async generator's
    /// [[AsyncGeneratorQueue]] (the address of its boxed requests, 0 before
    /// the first one); unused (0) in a generator. See [`Coroutine::promise`]
    /// and [`Coroutine::queue`].
    extra: Cell<u64>,
}

/// The coroutine slots of an object (the name the built-ins use).
pub type CoroutineObject = Coroutine;

// A suspended generator's cell: the object (128 bytes with the header),
// whose inline slots hold these 32 bytes, then its frame
// (docs/performance.md "Coroutines").
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Coroutine>() == 32);
const _: () = assert!(std::mem::size_of::<Coroutine>() <= crate::object::INLINE_SLOTS * 8);
const _: () = assert!(std::mem::align_of::<Coroutine>() <= 8);

/// Offset of a coroutine object's [`Coroutine`] record from the cell
/// address: the object's inline slots, which hold no property (its shapes
/// reserve them, [`crate::object::shape::SHAPE_FLAG_RESERVED_INLINE`]).
const RECORD_OFFSET: usize = crate::object::OBJECT_INLINE_SLOTS_OFFSET;

impl Coroutine {
    /// Offset of the frame's first word from the record, for compiled code
    /// (the frame follows the object's part of the cell, see
    /// [`new_coroutine_object`]).
    pub const FRAME_OFFSET: i32 = (crate::gc::cell_size_of::<JsObject>() - RECORD_OFFSET) as i32;
    /// Offset of `scratch`, for compiled code.
    pub const SCRATCH_OFFSET: i32 = 0;
    /// Offset of the resume point, for compiled code.
    pub const STATE_OFFSET: i32 = 8;
    /// Offset of `suspend`, for compiled code.
    pub const SUSPEND_OFFSET: i32 = 12;

    /// The frame's first word.
    fn frame(&self) -> *const u64 {
        (self as *const Coroutine as usize + Self::FRAME_OFFSET as usize) as *const u64
    }

    /// An async function's result promise (undefined in other kinds and
    /// before it is set).
    pub fn promise(&self) -> Value {
        match self.kind {
            // SAFETY: `extra` of an async function only ever holds a
            // value's bits (0 is the number 0 until set: never read then).
            CoroutineKind::Async if self.extra.get() != 0 => unsafe {
                Value::from_bits(self.extra.get())
            },
            _ => Value::UNDEFINED,
        }
    }

    /// Sets an async function's result promise (ignored for other kinds).
    pub fn set_promise(&self, promise: Value) {
        if self.kind == CoroutineKind::Async {
            self.extra.set(promise.to_bits());
        }
    }

    /// An async generator's [[AsyncGeneratorQueue]] (27.6.3.1): the
    /// requests not completed yet, oldest first (always empty and never
    /// boxed for other kinds).
    pub fn queue(&self) -> RequestQueue<'_> {
        RequestQueue(self)
    }

    /// The code and layout of the body (compiled before any activation
    /// exists, see [`ramp`]).
    fn code(&self) -> Option<&CoroutineCode> {
        // SAFETY: a live closure's template lives as long as the executor.
        unsafe { (*self.closure.template).coroutine.get() }
    }

    /// The frame's words (fixed slots, then scratch slots).
    fn words(&self, code: &CoroutineCode) -> &[u64] {
        // SAFETY: the frame is in the same cell, at `FRAME_OFFSET` from the
        // record: as many words as the code's frame has (see
        // [`new_coroutine_object`]).
        unsafe { std::slice::from_raw_parts(self.frame(), code.frame_words()) }
    }

    fn trace(&self, tracer: &mut Tracer) {
        self.closure.trace(tracer);
        if let Some(code) = self.code() {
            self.trace_frame(code, tracer);
        }
        tracer.mark_value(self.promise());
        self.queue().trace(tracer);
    }

    fn trace_frame(&self, code: &CoroutineCode, tracer: &mut Tracer) {
        let layout = &code.layout;
        for (i, &bits) in self.words(code).iter().enumerate() {
            match layout.get(i).copied().unwrap_or(FrameSlot::Value) {
                // SAFETY: compiled code only stores valid values here (and
                // the frame starts zeroed: the number 0).
                FrameSlot::Value => tracer.mark_value(unsafe { Value::from_bits(bits) }),
                FrameSlot::Cell if bits != 0 => tracer.mark_cell(bits as usize - CELL_BODY_OFFSET),
                FrameSlot::Cell | FrameSlot::Raw => {}
            }
        }
    }
}

/// The kind of a coroutine object ([`ObjectKind::Coroutine`]): the address
/// of its [`Coroutine`], in the same cell as the object. Dropping it (when
/// the object's cell is swept) drops the record in place.
pub struct CoroutineRef(std::ptr::NonNull<Coroutine>);

impl CoroutineRef {
    /// The record. The reference must not outlive the object.
    pub fn get(&self) -> &'static Coroutine {
        // SAFETY: the record lives in the object's cell, as long as the
        // object (the caller keeps it alive); it is only read through shared
        // references (its mutable fields are cells).
        unsafe { &*self.0.as_ptr() }
    }
}

impl Drop for CoroutineRef {
    fn drop(&mut self) {
        // SAFETY: the record was written by `new_coroutine_object` and this
        // reference, the object's kind, is its only owner: it is dropped once,
        // with the cell (the memory itself belongs to the cell).
        unsafe { std::ptr::drop_in_place(self.0.as_ptr()) }
    }
}

// SAFETY: reports the closure, the frame (exactly, following the layout),
// the promise and the queued requests.
unsafe impl Trace for CoroutineRef {
    fn trace(&self, tracer: &mut Tracer) {
        self.get().trace(tracer);
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

/// The requests of an async generator (the boxed queue's address, 0 before
/// the first request, is the record's `extra` word).
type Requests = std::collections::VecDeque<AsyncGeneratorRequest>;

/// [[AsyncGeneratorQueue]] of a coroutine record ([`Coroutine::queue`]).
pub struct RequestQueue<'a>(&'a Coroutine);

impl RequestQueue<'_> {
    /// Runs `f` on the requests (never across an allocation or a call
    /// into JavaScript: the collector reads them through the same word).
    /// Outside an async generator there are none, and `f` sees an empty
    /// queue that is not kept.
    fn with<R>(&self, f: impl FnOnce(&mut Requests) -> R) -> R {
        let co = self.0;
        if co.kind != CoroutineKind::AsyncGenerator {
            return f(&mut Requests::new());
        }
        let mut bits = co.extra.get();
        if bits == 0 {
            bits = Box::into_raw(Box::<Requests>::default()) as u64;
            co.extra.set(bits);
        }
        // SAFETY: a non-zero `extra` of an async generator is the address of
        // its boxed queue, owned by the record (freed in its `Drop`); no
        // other reference to it is alive (`with` is not re-entered: `f`
        // does not call out).
        f(unsafe { &mut *(bits as *mut Requests) })
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
        if self.0.kind != CoroutineKind::AsyncGenerator || self.0.extra.get() == 0 {
            return;
        }
        self.with(|q| {
            for r in q.iter() {
                tracer.mark_value(r.value);
                tracer.mark_value(r.promise);
            }
        });
    }
}

impl Drop for Coroutine {
    fn drop(&mut self) {
        let bits = self.extra.get();
        if self.kind == CoroutineKind::AsyncGenerator && bits != 0 {
            self.extra.set(0);
            // SAFETY: the queue was boxed by `RequestQueue::with` and is
            // owned by this record, dropped once.
            drop(unsafe { Box::from_raw(bits as *mut Requests) });
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

/// The coroutine data of an object, if it is a coroutine object of `kind`.
/// The reference must not outlive the object (the caller keeps it alive).
pub fn coroutine_data(o: Gc<JsObject>, kind: CoroutineKind) -> Option<&'static CoroutineObject> {
    host_coroutine(o).filter(|c| c.kind == kind)
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
    let Some(code) = data.code() else {
        let e = rt.type_error("not a coroutine");
        return Outcome::Threw(e.0);
    };
    if let Err(e) = check_big_frame(rt, code) {
        return Outcome::Threw(e);
    }
    let body = code.body;
    // Compiled code writes the resume point and the kind of suspension
    // (cells) and the frame (after the record).
    let co = data as *const Coroutine as *mut Coroutine;
    // SAFETY: the runtime is an executor's (coroutine objects are only made
    // by `runtime_coroutine_ramp`); `co` lives in the object, which the
    // caller keeps alive; the body follows the coroutine convention.
    unsafe {
        let exec = rt as *mut Runtime as *mut Executor;
        let closure = data.closure.as_ptr();
        let mut ret = Value::UNDEFINED.to_bits();
        let entry = super::stack_walk::enter_js(exec);
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
        super::stack_walk::leave_js(exec, entry);
        // The frame lives in `object`: it stays visible to the stack scan
        // while the body runs, even when the caller no longer holds it
        // (`gen().next()`).
        std::hint::black_box(&object);
        outcome(status, ret, u32::from(data.suspend.get()))
    }
}

/// The stack check of a body with a big frame, before it is started or
/// resumed: the RangeError of a stack overflow unless the whole frame fits
/// above the stack limit (compiled call sites and [`Runtime::check_stack`]
/// leave room for a frame of at most
/// [`crate::backend::bridge::limits::BIG_FRAME`] bytes; a body with 65,000
/// call arguments has a 520 KB frame, which would jump the guard page).
fn check_big_frame(rt: &mut Runtime, code: &CoroutineCode) -> Result<(), Value> {
    if code.frame_size <= super::bridge::limits::BIG_FRAME {
        return Ok(());
    }
    let sp = crate::gc::stack::current_sp();
    if sp.saturating_sub(code.frame_size.saturating_add(4096)) < rt.stack_limit {
        return Err(rt.stack_overflow().0);
    }
    Ok(())
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

#[inline]
fn host_coroutine(o: Gc<JsObject>) -> Option<&'static CoroutineObject> {
    match o.kind() {
        ObjectKind::Coroutine(c) => Some(c.get()),
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
    check_big_frame(rt, code)?;
    // SAFETY: the closure is a live cell (its function object is being
    // called); `closure` points at its body.
    let closure_gc: Gc<Closure> = unsafe { Gc::from_addr(closure as usize - CELL_BODY_OFFSET) };
    // The prototype is set after FunctionDeclarationInstantiation (15.5.2
    // step 2 comes after step 1: a parameter default may replace
    // `F.prototype`).
    let (object, data) = match new_coroutine_object(rt, code, kind, closure_gc) {
        Ok(o) => o,
        Err(e) => return Err(e.0),
    };
    let co = data as *const Coroutine as *mut Coroutine;
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
    let outcome = outcome(status, ret, u32::from(data.suspend.get()));
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

/// Allocates a coroutine object: the object with its [`Coroutine`] record
/// in the inline slots' memory and the zeroed frame after it, in one cell;
/// the prototype null (the caller sets it).
fn new_coroutine_object(
    rt: &mut Runtime,
    code: &CoroutineCode,
    kind: CoroutineKind,
    closure: Gc<Closure>,
) -> crate::JsResult<(Gc<JsObject>, &'static Coroutine)> {
    let fixed = code.layout.len();
    let len = code.frame_words();
    let record_offset = RECORD_OFFSET;
    let frame_offset = record_offset + Coroutine::FRAME_OFFSET as usize;
    // An impossible size fails to allocate (a RangeError).
    let size = len
        .checked_mul(8)
        .and_then(|b| b.checked_add(frame_offset))
        .unwrap_or(usize::MAX);
    let object = rt.new_object_with_tail(Value::NULL, 0, size)?;
    // No allocation from here until the record is the object's kind.
    let record = (object.addr() + record_offset) as *mut Coroutine;
    let frame = (object.addr() + frame_offset) as *mut u64;
    // SAFETY: the cell is `size` bytes: the record (in the inline slots,
    // which the object's shape reserves: no property is ever stored there)
    // and the `len` frame words after the object are ours to initialise
    // (16-aligned cell, the offsets are multiples of 8); nothing reads them
    // before this.
    unsafe {
        std::ptr::write_bytes(frame, 0, len);
        std::ptr::write(
            record,
            Coroutine {
                scratch: frame.add(fixed),
                resume_point: Cell::new(0),
                suspend: Cell::new(0),
                kind,
                state: Cell::new(GeneratorState::Executing),
                closure,
                extra: Cell::new(0),
            },
        );
        // SAFETY (of the `NonNull`): `record` is inside the cell, not null.
        let r = CoroutineRef(std::ptr::NonNull::new_unchecked(record));
        *object.get_mut().kind_mut() = ObjectKind::Coroutine(r);
        Ok((object, &*record))
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
