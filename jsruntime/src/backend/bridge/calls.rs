//! Calls: [[Call]] and [[Construct]] of closures from Rust (the runtime's
//! host hooks), `Call` and `New` from compiled code, the lazy-compile stub
//! every function starts with, this coercion and `new.target`.

use crate::backend::{Closure, Executor, Status};
use crate::completion::{ErrorKind, JsResult, Thrown};
use crate::gc::Gc;
use crate::object::{
    JsObject, ObjectKind, PropertyKey, FLAG_CLOSURE, FLAG_CONSTRUCTOR, INLINE_SLOTS,
    OBJECT_INLINE_SLOTS_OFFSET,
};
use crate::runtime::inline_cache::PropertyCache;
use crate::runtime::limits::CHARGED_ARGUMENTS;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;

use super::{arguments, complete, value};

/// Calls a closure with the lambda convention.
///
/// # Safety
/// `exec` must be the executor that owns the closure's template, live and
/// not moved during the call.
pub(crate) unsafe fn call_closure(
    exec: *mut Executor,
    closure: Gc<Closure>,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    let mut ret = Value::UNDEFINED.to_bits();
    let c = closure.as_ptr();
    // 10.2.1 [[Call]] steps 2-4 (PrepareForOrdinaryCall): the callee's
    // realm becomes the current realm while it runs.
    // SAFETY: the closure is live and its template outlives it.
    let realm = unsafe { (*c).template.as_ref() }.map(|t| t.realm);
    // SAFETY: `exec` is live (the function's contract).
    let previous = realm.map(|r| unsafe { (*exec).runtime.enter_realm(r) });
    // SAFETY: as above.
    let entry = unsafe { crate::backend::stack_walk::enter_js(exec) };
    // SAFETY: the closure is live (the caller holds it on the stack) and its
    // lambda follows the calling convention; `args` outlives the call.
    let status = unsafe {
        ((*c).lambda)(
            exec,
            c,
            this.to_bits(),
            args.len() as u32,
            args.as_ptr() as *const u64,
            &mut ret,
        )
    };
    // SAFETY: as above.
    unsafe { crate::backend::stack_walk::leave_js(exec, entry) };
    if let Some(previous) = previous {
        // SAFETY: as above.
        unsafe { (*exec).runtime.enter_realm(previous) };
    }
    // SAFETY: compiled code only stores valid values.
    let v = unsafe { Value::from_bits(ret) };
    if status == Status::Normal as u32 {
        Ok(v)
    } else {
        Err(Thrown(v))
    }
}

/// The executor that owns `rt` (the runtime is the executor's first field).
///
/// # Safety
/// `rt` must be the runtime of an [`Executor`]; only hooks installed by
/// `Executor::new` call this.
unsafe fn executor_of(rt: &mut Runtime) -> *mut Executor {
    rt as *mut Runtime as *mut Executor
}

/// [`crate::runtime::HostHooks::call`]: 10.2.1 [[Call]] of an ECMAScript
/// function object, from Rust (built-ins, getters, conversions).
pub(crate) fn call_hook(
    rt: &mut Runtime,
    callee: Gc<JsObject>,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    let ObjectKind::Function(closure) = callee.kind() else {
        return Err(rt.type_error("not a function"));
    };
    let closure = *closure;
    // SAFETY: the hook is installed only on an executor's runtime.
    unsafe { call_closure(executor_of(rt), closure, this, args) }
}

/// [`crate::runtime::HostHooks::construct`]: 10.2.2 [[Construct]] of an
/// ECMAScript function object whose [[ConstructorKind]] is base.
pub(crate) fn construct_hook(
    rt: &mut Runtime,
    callee: Gc<JsObject>,
    args: &[Value],
    new_target: Gc<JsObject>,
) -> JsResult<Value> {
    let ObjectKind::Function(closure) = callee.kind() else {
        return Err(rt.type_error("not a constructor"));
    };
    let closure = *closure;
    // SAFETY: templates live as long as the executor.
    let template = unsafe { (*closure.as_ptr()).template.as_ref() };
    let derived = template.is_some_and(|t| t.derived);
    // Step 3.a: OrdinaryCreateFromConstructor(newTarget, "%Object.prototype%");
    // a derived constructor gets its this value from `super()`, and a box
    // (its this argument) receives it for steps 10-12.
    let this = if derived {
        super::classes::new_this_box(rt)?
    } else {
        let proto = construct_prototype(rt, template, new_target)?;
        rt.new_object_with(proto, ObjectKind::Ordinary, 0)?
    };
    // SAFETY: the hook is installed only on an executor's runtime.
    let exec = unsafe { executor_of(rt) };
    // 10.2.2 step 6 (OrdinaryCallBindThis aside): the callee's prologue
    // takes NewTarget (13.3.12) if it uses it.
    // SAFETY: `exec` is the live executor owning `rt`.
    unsafe { (*exec).new_target.offer(closure, new_target) };
    // SAFETY: as above.
    // SAFETY: as above.
    let result = unsafe { call_closure(exec, closure, Value::object(this), args) };
    // SAFETY: as above.
    unsafe { (*exec).new_target.withdraw() };
    let result = result?;
    // Steps 10-12: an object result replaces the this value.
    if derived {
        super::classes::derived_result(rt, result, this)
    } else if result.is_object() {
        Ok(result)
    } else {
        Ok(Value::object(this))
    }
}

/// 10.1.14 GetPrototypeFromConstructor(newTarget, "%Object.prototype%") for
/// [[Construct]] of a base constructor, through the template's construct
/// cache: an own-entry [`PropertyCache`] of `prototype` on the new target's
/// shape. A hit (an ordinary new target of the cached shape, whose `prototype`
/// slot holds an object) reads the slot live, so a reassigned `prototype`
/// of an ordinary function is seen; anything else (an accessor, a
/// non-object `prototype`, a proxy) takes the generic path, which refills
/// the cache. The cache is weak like every inline cache (a collection clears
/// it when the shape dies).
fn construct_prototype(
    rt: &mut Runtime,
    template: Option<&crate::backend::FunctionTemplate>,
    new_target: Gc<JsObject>,
) -> JsResult<Value> {
    let ordinary = new_target.exotic_methods().is_none();
    let cache = match template {
        Some(t) if ordinary => {
            if t.construct_cache.get().is_null() {
                t.construct_cache.set(rt.new_inline_caches(1));
            }
            // SAFETY: caches live as long as the runtime.
            unsafe { t.construct_cache.get().as_ref() }
        }
        _ => None,
    };
    if let Some(v) = cache.and_then(|c| own_cache_hit(c, new_target)) {
        if v.is_object() {
            return Ok(v);
        }
    }
    let proto = rt.prototype_from_constructor(new_target, Intrinsic::ObjectPrototype)?;
    if let Some(c) = cache {
        let key = PropertyKey::String(rt.names.prototype);
        c.fill(new_target, key, false);
    }
    Ok(proto)
}

/// The value of the own data property an own entry of `cache` describes,
/// when `o` has the cached shape (what compiled code's cache hit loads).
fn own_cache_hit(cache: &PropertyCache, o: Gc<JsObject>) -> Option<Value> {
    if cache.is_empty()
        || cache.shape.get() != o.shape().addr() as u64
        || cache.holder.get() != 0
        || cache.new_shape.get() != 0
    {
        return None;
    }
    let offset = cache.offset.get() as usize;
    let slot = if cache.indirect.get() == 0 {
        offset.checked_sub(OBJECT_INLINE_SLOTS_OFFSET)? / 8
    } else {
        INLINE_SLOTS + offset / 8
    };
    Some(o.slot(u32::try_from(slot).ok()?))
}

/// The initial lambda of every function: compiles the function on its first
/// call, installs the compiled lambda in the closure (and the template), and
/// calls it.
///
/// # Safety
/// Called by compiled code or [`Executor`] with the lambda arguments.
pub unsafe extern "C" fn runtime_lazy_compile(
    ctx: *mut Executor,
    closure: *mut Closure,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: the caller passes the running executor and a live closure.
    let (exec, template) = unsafe { (&mut *ctx, (*closure).template) };
    // The compiler's large frame (tens of KB) is popped before the call:
    // the collector's conservative scan and the stack walk (`stack_walk`)
    // read every word between the running code and its callers.
    #[inline(never)]
    fn compile(
        exec: &mut Executor,
        template: &crate::backend::FunctionTemplate,
    ) -> Result<crate::backend::Lambda, crate::backend::compiler::CompileError> {
        exec.compile_template(template)
    }
    // SAFETY: templates live as long as the executor.
    let lambda = match compile(exec, unsafe { &*template }) {
        Ok(lambda) => lambda,
        Err(e) => {
            let message = format!("cannot compile the function: {e}");
            let thrown = exec.runtime.throw_error(ErrorKind::Error, &message);
            // SAFETY: `ret` is valid (lambda convention).
            return unsafe { complete(ret, Err(thrown)) };
        }
    };
    // SAFETY: the closure is live; the lambda has the lambda signature.
    unsafe {
        (*closure).lambda = lambda;
        lambda(ctx, closure, this, argc, argv, ret)
    }
}

/// Quick-tier code whose template's call count ran out (`jit::Tier`):
/// starts the full tier's compilation if that was not done yet (on the
/// compile thread, `backend::compile_thread`, unless `JSRUNTIME_SYNC_COMPILE`
/// is set), installs the compilations that finished, and points the closure
/// at the template's current lambda, so its next call runs the full code
/// once it is installed (this call goes on in the quick code). Returns 0.
///
/// # Safety
/// `ctx` is the running executor and `closure` a live closure.
pub unsafe extern "C" fn runtime_tier_up(ctx: *mut Executor, closure: *mut Closure) -> u64 {
    // SAFETY: the caller passes the running executor and a live closure;
    // templates live as long as the executor.
    let (exec, template) = unsafe { (&mut *ctx, &*(*closure).template) };
    exec.tier_up(template);
    // SAFETY: the closure is live.
    unsafe { (*closure).lambda = template.lambda.get() };
    0
}

/// The quick code of a function with loops ran `jit::OSR_BACK_EDGES` loop
/// back-edges in one activation and saved its frame's live state into
/// `buffer` (`compiler/osr.rs`). Compiles the full tier (on the main
/// thread, unless the compile thread has it already: `Executor::osr_lambda`)
/// and points the closure at the template's lambda. Returns the
/// full code's lambda when it is installed (and has the on-stack
/// replacement entries): the quick code then calls it, and its entry finds
/// `buffer` in the executor and resumes at the loop header; 0 to go on in
/// the quick code.
///
/// # Safety
/// `ctx` is the running executor, `closure` a live closure and `buffer`
/// the quick frame's save area.
pub unsafe extern "C" fn runtime_osr(
    ctx: *mut Executor,
    closure: *mut Closure,
    buffer: *mut u64,
) -> u64 {
    // SAFETY: the caller passes the running executor and a live closure;
    // templates live as long as the executor.
    let (exec, template) = unsafe { (&mut *ctx, &*(*closure).template) };
    // The full code's frame goes on top of the quick one: without room for
    // it, the quick code goes on.
    if exec.runtime.check_stack().is_err() {
        return 0;
    }
    let lambda = exec.osr_lambda(template);
    // SAFETY: the closure is live.
    unsafe { (*closure).lambda = template.lambda.get() };
    match lambda {
        Some(lambda) => {
            exec.osr_buffer = buffer;
            lambda as usize as u64
        }
        None => 0,
    }
}

/// Call (ECMA-262 7.3.14): closures directly, other callables through the
/// runtime.
///
/// # Safety
/// Compiled code passes `argc` values at `argv` and a writable `ret`.
pub unsafe extern "C" fn runtime_call(
    ctx: *mut Executor,
    callee: u64,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, f) = unsafe { (&mut *ctx, value(callee)) };
    if let Err(e) = exec.runtime.check_stack() {
        // SAFETY: `ret` is writable.
        return unsafe { complete(ret, Err(e)) };
    }
    if let Some(o) = f.as_object() {
        // A built-in function of the current realm (`Math.atan2`, a Date
        // getter, `push`): 7.3.14 Call with the checks done once (the
        // stack above, the interrupt here; it is callable), straight to
        // its Rust function (10.3.1 [[Call]] with no realm switch).
        if let ObjectKind::NativeFunction(realm, nf) = o.kind() {
            if *realm == exec.runtime.current_realm() && argc as usize <= CHARGED_ARGUMENTS {
                let call = nf.call;
                let result = exec.runtime.poll_interrupt().and_then(|()| {
                    // SAFETY: see the function's contract.
                    let args = unsafe { arguments(argc, argv) };
                    // SAFETY: compiled code passes valid values.
                    call(&mut exec.runtime, unsafe { value(this) }, args)
                });
                // SAFETY: `ret` is writable.
                return unsafe { complete(ret, result) };
            }
        }
        if o.flags() & FLAG_CLOSURE != 0 {
            if let ObjectKind::Function(closure) = o.kind() {
                let closure = closure.as_ptr();
                // SAFETY: the closure is live and its template outlives it.
                let realm = unsafe { (*closure).template.as_ref() }.map(|t| t.realm);
                // A closure of another realm goes through `call_closure`
                // (below, via the call hook), which switches realms.
                if realm == Some(exec.runtime.current_realm()) {
                    // SAFETY: the closure is live (the callee value is on
                    // the caller's stack) and its lambda follows the
                    // convention.
                    return unsafe { ((*closure).lambda)(ctx, closure, this, argc, argv, ret) };
                }
            }
        }
    }
    // SAFETY: see the function's contract.
    let args = unsafe { arguments(argc, argv) };
    let result = if f.as_object().is_some_and(|o| o.is_callable()) {
        // SAFETY: compiled code passes valid values.
        exec.runtime.call(f, unsafe { value(this) }, args)
    } else {
        let what = exec.runtime.type_of(f).to_rust_string();
        let error = exec
            .runtime
            .type_error(&format!("{what} is not a function"));
        // The throw site renames it after the callee (exception_trace).
        exec.state.trace.uncallable = Some((error.0.to_bits(), false));
        Err(error)
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `new` (ECMA-262 13.3.5.1.1 EvaluateNew): 7.3.15 Construct.
///
/// # Safety
/// As [`runtime_call`].
pub unsafe extern "C" fn runtime_new(
    ctx: *mut Executor,
    callee: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, f, args) = unsafe { (&mut *ctx, value(callee), arguments(argc, argv)) };
    let closure_ctor = FLAG_CLOSURE | FLAG_CONSTRUCTOR;
    let result = if let Some(o) = f
        .as_object()
        .filter(|o| o.flags() & closure_ctor == closure_ctor && args.len() <= CHARGED_ARGUMENTS)
    {
        // 7.3.15 Construct(F) of a constructor closure of realm 0 (what
        // `Runtime::construct` would dispatch to `construct_hook`, with the
        // same stack and interrupt checks; long argument lists go the
        // general way, which charges them).
        let rt = &mut exec.runtime;
        rt.check_stack()
            .and_then(|()| rt.poll_interrupt())
            .and_then(|()| construct_hook(rt, o, args, o))
    } else if f.as_object().is_some_and(|o| o.is_constructor()) {
        exec.runtime.construct(f, args, None)
    } else {
        let error = exec.runtime.type_error("not a constructor");
        // The throw site renames it after the callee (exception_trace).
        exec.state.trace.uncallable = Some((error.0.to_bits(), true));
        Err(error)
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// The first half of compiled `new F(args)` when F is a base constructor
/// closure of the current realm (issue 9 point 8): what `runtime_new` and
/// `construct_hook` do before calling F's body, that is the stack and
/// interrupt checks, then 10.2.2 [[Construct]] step 3.a
/// OrdinaryCreateFromConstructor(F, "%Object.prototype%") through the
/// template's construct cache, with the object taken from the heap's bump
/// range. Stores the new this value; the compiled code then offers NewTarget
/// (F), calls F's lambda directly and applies steps 10-12 (an object result
/// replaces the this value) itself, so no Rust frame sits between the two
/// JavaScript frames. For any other F (not a closure constructor, derived,
/// no template, another realm) it stores undefined and does nothing else:
/// the caller then takes `runtime_new`. The caller passes at most
/// `CHARGED_ARGUMENTS` arguments (checked when compiling).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_construct_this(
    ctx: *mut Executor,
    callee: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, f) = unsafe { (&mut *ctx, value(callee)) };
    let closure_ctor = FLAG_CLOSURE | FLAG_CONSTRUCTOR;
    let current = exec.runtime.current_realm();
    let eligible = f
        .as_object()
        .filter(|o| o.flags() & closure_ctor == closure_ctor)
        .and_then(|o| match o.kind() {
            // SAFETY: templates live as long as the executor.
            ObjectKind::Function(c) => unsafe { (*c.as_ptr()).template.as_ref() }
                .filter(|t| !t.derived && t.realm == current)
                .map(|t| (o, t)),
            _ => None,
        });
    let Some((o, template)) = eligible else {
        // SAFETY: `ret` is writable.
        return unsafe { complete(ret, Ok(Value::UNDEFINED)) };
    };
    let rt = &mut exec.runtime;
    let result = rt
        .check_stack()
        .and_then(|()| rt.poll_interrupt())
        .and_then(|()| construct_prototype(rt, Some(template), o))
        .and_then(|proto| rt.new_object_with(proto, ObjectKind::Ordinary, 0))
        .map(Value::object);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Offsets from the executor (`ctx`) of the pending NewTarget's closure and
/// value, for compiled code that offers and withdraws it around a direct
/// constructor call (as [`PendingNewTarget::offer`] / `withdraw` do).
pub(crate) const NEW_TARGET_CLOSURE_OFFSET: usize =
    std::mem::offset_of!(Executor, new_target) + std::mem::offset_of!(PendingNewTarget, closure);
pub(crate) const NEW_TARGET_VALUE_OFFSET: usize =
    std::mem::offset_of!(Executor, new_target) + std::mem::offset_of!(PendingNewTarget, value);

/// OrdinaryCallBindThis (10.2.1.2) for non-strict functions: undefined and
/// null become the global object, primitives are wrapped (ToObject).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_coerce_this(ctx: *mut Executor, this: u64, ret: *mut u64) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, this) = unsafe { (&mut *ctx, value(this)) };
    let result = if this.is_nullish() {
        Ok(Value::object(exec.runtime.global_object()))
    } else if this.is_object() {
        Ok(this)
    } else {
        exec.runtime.to_object(this).map(Value::object)
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// NewTarget on its way from [[Construct]] (`construct_hook`) to the
/// callee: the calling convention has no parameter for it, so the
/// constructing code offers it here right before calling the closure and
/// the callee's prologue takes it (`NewTarget` command) if it uses
/// `new.target`. The closure identifies the call: an offer meant for a
/// closure that never takes it (it does not use `new.target`) is not seen
/// by the plain calls that closure makes, and is withdrawn when the
/// construction returns.
pub struct PendingNewTarget {
    closure: *const Closure,
    value: Value,
}

impl Default for PendingNewTarget {
    fn default() -> Self {
        PendingNewTarget {
            closure: std::ptr::null(),
            value: Value::UNDEFINED,
        }
    }
}

impl PendingNewTarget {
    pub(crate) fn offer(&mut self, closure: Gc<Closure>, new_target: Gc<JsObject>) {
        self.closure = closure.as_ptr();
        // Rooted by the constructing frame, which holds `new_target`.
        self.value = Value::object(new_target);
    }

    pub(crate) fn withdraw(&mut self) {
        *self = PendingNewTarget::default();
    }
}

/// `NewTarget` in the prologue of a function that uses `new.target`
/// (13.3.12.1): the constructor under `new`, undefined for a call.
///
/// # Safety
/// `closure` must be the running closure.
pub unsafe extern "C" fn runtime_new_target(ctx: *mut Executor, closure: *const Closure) -> u64 {
    // SAFETY: the executor is live for the call.
    let exec = unsafe { &mut *ctx };
    let pending = std::mem::take(&mut exec.new_target);
    if std::ptr::eq(pending.closure, closure) {
        pending.value.to_bits()
    } else {
        exec.new_target = pending;
        Value::UNDEFINED.to_bits()
    }
}
