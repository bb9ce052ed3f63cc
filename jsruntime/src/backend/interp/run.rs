//! The interpreter loop: one `match` per op over the frame's slots, each
//! op a runtime call of the kind compiled code makes (see the module docs
//! of [`super`]).

use super::{Code, Op, OsrItem, OsrLoop, NO_OSR, NO_SLOT};
use crate::backend::bridge::{
    arguments, calls, classes, closures, elements, environments, helpers, limits, objects,
    operators, properties, switch,
};
use crate::backend::{exception_trace, Closure, Executor, FunctionTemplate, Status};
use crate::semantics::{BinaryOperator, Helper};
use crate::value::{Value, TAG_INT32, TAG_SHIFT};

/// Enters an interpreted call: checks the stack, then runs the code in a
/// frame of the smallest size that holds it.
///
/// # Safety
/// The lambda convention (see [`super::runtime_interpret`]); `code` is
/// `template`'s code.
#[allow(clippy::too_many_arguments)]
pub(super) unsafe fn enter(
    ctx: *mut Executor,
    closure: *mut Closure,
    template: &FunctionTemplate,
    code: &Code,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: `ctx` is the running executor.
    if let Err(e) = unsafe { (*ctx).runtime.check_stack() } {
        // SAFETY: `ret` is writable.
        unsafe { *ret = e.0.to_bits() };
        return Status::Exception as u32;
    }
    let call = Call {
        ctx,
        closure,
        template,
        code,
        this,
        argc,
        argv,
        ret,
    };
    // SAFETY: the contract.
    unsafe {
        match code.frame_size {
            0..=32 => sized::<32>(call),
            33..=128 => sized::<128>(call),
            129..=384 => sized::<384>(call),
            385..=1024 => sized::<1024>(call),
            _ => sized::<{ super::MAX_FRAME }>(call),
        }
    }
}

/// The arguments of one interpreted call.
struct Call<'a> {
    ctx: *mut Executor,
    closure: *mut Closure,
    template: &'a FunctionTemplate,
    code: &'a Code,
    this: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
}

/// What the stack walk (`stack_walk`) finds of an interpreted frame: the
/// executor lists the markers of the running interpreted calls
/// (`CodeMap::interp_frames`), and the walk takes each in its place among
/// the compiled frames by its address.
#[repr(C)]
pub(crate) struct Marker {
    pub template: *const FunctionTemplate,
    /// The op running.
    pub pc: usize,
    pub code: *const Code,
    /// Ops run (`JSRUNTIME_INTERP_PROFILE`).
    pub ops: u64,
}

/// The frame lives in this function's native frame, where the collector's
/// conservative scan and the capture cells pointing into it find it.
///
/// # Safety
/// As [`enter`]; `code.frame_size <= N`.
#[inline(never)]
unsafe fn sized<const N: usize>(call: Call<'_>) -> u32 {
    let mut frame = [Value::UNDEFINED.to_bits(); N];
    let code = call.code;
    let mut marker = Marker {
        template: call.template,
        pc: 0,
        code,
        ops: 0,
    };
    // SAFETY: `ctx` is the running executor.
    unsafe {
        (*call.ctx)
            .state
            .code_map
            .interp_frames
            .push(&marker as *const Marker as usize)
    };
    let base = code.const_base as usize;
    frame[base..base + code.constants.len()].copy_from_slice(&code.constants);
    // Captured bindings start without a cell.
    for &b in &code.captured {
        frame[b as usize + 1] = 0;
    }
    let given = (call.argc as usize).min(code.num_params);
    for i in 0..given {
        // SAFETY: `argv` holds `argc` values.
        frame[code.bindings[i] as usize] = unsafe { *call.argv.add(i) };
    }
    let t0 = profile::enabled().then(std::time::Instant::now);
    // SAFETY: the contract.
    let (status, transferred) = unsafe { run(&call, &mut frame[..], &mut marker) };
    if let Some(t0) = t0 {
        profile::note(call.template, t0.elapsed(), transferred, marker.ops);
    }
    // SAFETY: as above; calls below this one have returned.
    unsafe { (*call.ctx).state.code_map.interp_frames.pop() };
    // Every cell still pointing into the frame takes its value along
    // (after on-stack replacement, the full frame has them).
    for &b in code.captured.iter().filter(|_| !transferred) {
        let b = b as usize;
        if frame[b + 1] != 0 {
            // SAFETY: a two-word binding slot with a live cell.
            unsafe { closures::runtime_escape_cell(call.ctx, frame.as_mut_ptr().add(b)) };
        }
    }
    status
}

/// ToBoolean without a call for booleans and int32s.
#[inline]
unsafe fn truthy(ctx: *mut Executor, v: u64) -> bool {
    if v == Value::TRUE.to_bits() {
        return true;
    }
    if v == Value::FALSE.to_bits() || v == Value::UNDEFINED.to_bits() || v == Value::NULL.to_bits()
    {
        return false;
    }
    if v >> TAG_SHIFT == TAG_INT32 {
        return v as u32 != 0;
    }
    // SAFETY: `ctx` is the running executor.
    unsafe { operators::runtime_to_boolean(ctx, v) != 0 }
}

/// An int32's value.
#[inline]
fn int32(v: u64) -> Option<i32> {
    (v >> TAG_SHIFT == TAG_INT32).then_some(v as u32 as i32)
}

/// Binary operators on two int32s that need no call.
#[inline]
fn int_binary(op: BinaryOperator, a: i32, b: i32) -> Option<Value> {
    use BinaryOperator as B;
    Some(match op {
        B::Addition => Value::from_i32(a.checked_add(b)?),
        B::Subtraction => Value::from_i32(a.checked_sub(b)?),
        B::LessThan => Value::from_bool(a < b),
        B::GreaterThan => Value::from_bool(a > b),
        B::LessThanOrEqual => Value::from_bool(a <= b),
        B::GreaterThanOrEqual => Value::from_bool(a >= b),
        B::StrictEquality | B::Equality => Value::from_bool(a == b),
        B::StrictInequality | B::Inequality => Value::from_bool(a != b),
        B::BitwiseAnd => Value::from_i32(a & b),
        B::BitwiseOr => Value::from_i32(a | b),
        B::BitwiseXor => Value::from_i32(a ^ b),
        _ => return None,
    })
}

/// Runs the code; the result or the thrown value goes to `call.ret`.
///
/// # Safety
/// As [`enter`]; `frame` holds `code.frame_size` slots.
unsafe fn run(call: &Call<'_>, frame: &mut [u64], marker: &mut Marker) -> (u32, bool) {
    let ctx = call.ctx;
    let code = call.code;
    let mut out: u64 = 0;
    let outp: *mut u64 = &mut out;
    let mut this = call.this;
    let mut pc = 0usize;
    // SAFETY: for every call below, `ctx` is the running executor, `outp`
    // is writable, slots are in the frame (the translator's `max_slot`),
    // and argument vectors point into the frame or the caller's `argv`.
    unsafe {
        if let Some(flag) = code.interrupt_flag {
            if std::ptr::read_volatile(flag as *const u8) != 0 {
                let s = limits::runtime_interrupt(ctx, outp);
                if s != 0 {
                    return (leave(call, 0, out), false);
                }
            }
        }
        if code.coerce_this {
            let s = calls::runtime_coerce_this(ctx, this, outp);
            if s != 0 {
                return (leave(call, 0, out), false);
            }
            this = out;
        }
        let f = frame.as_mut_ptr();
        // Whether the exception's site is noted (not for a rethrow).
        let mut note = true;
        'dispatch: loop {
            // The op that threw, with the thrown value in `out`.
            let fault: usize;
            macro_rules! check {
                ($status:expr) => {
                    if $status != 0 {
                        fault = pc - 1;
                        break;
                    }
                };
            }
            loop {
                let op = code.ops.get_unchecked(pc);
                // For the stack walk.
                std::ptr::write_volatile(&mut marker.pc, pc);
                marker.ops += 1;
                pc += 1;
                match *op {
                    Op::Const { dst, bits } => *f.add(dst as usize) = bits,
                    Op::Move { dst, src } => *f.add(dst as usize) = *f.add(src as usize),
                    Op::This { dst } => *f.add(dst as usize) = this,
                    Op::CheckHole { slot, name } => {
                        if *f.add(slot as usize) == Value::HOLE.to_bits() {
                            let s = environments::runtime_throw_reference_error(ctx, name, outp);
                            let _ = s;
                            fault = pc - 1;
                            break;
                        }
                    }
                    Op::ThrowConst { name } => {
                        environments::runtime_throw_const_assignment(ctx, name, outp);
                        fault = pc - 1;
                        break;
                    }
                    Op::GetCapture { dst, index } => {
                        let cell = (*call.closure).capture_cells()[index as usize];
                        *f.add(dst as usize) = *(*cell).target;
                    }
                    Op::SetCapture { index, src } => {
                        let cell = (*call.closure).capture_cells()[index as usize];
                        *(*cell).target = *f.add(src as usize);
                    }
                    Op::OwnCapture { dst, index } => {
                        let cell = (*call.closure).capture_cells()[index as usize];
                        *f.add(dst as usize) = cell as u64;
                    }
                    Op::CaptureCell { dst, binding } => {
                        check!(closures::runtime_capture_cell(
                            ctx,
                            f.add(binding as usize),
                            outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::Escape { binding } => {
                        if *f.add(binding as usize + 1) != 0 {
                            closures::runtime_escape_cell(ctx, f.add(binding as usize));
                        }
                    }
                    Op::GetGlobal {
                        dst,
                        name,
                        miss,
                        cache,
                    } => {
                        let s = if cache.is_null() {
                            environments::runtime_get_global(ctx, name, miss, outp)
                        } else {
                            environments::runtime_get_global_cached(ctx, name, miss, cache, outp)
                        };
                        check!(s);
                        *f.add(dst as usize) = out;
                    }
                    Op::SetGlobal {
                        name,
                        src,
                        mode,
                        cache,
                    } => {
                        let v = *f.add(src as usize);
                        let s = if cache.is_null() {
                            environments::runtime_set_global(ctx, name, v, mode, outp)
                        } else {
                            environments::runtime_set_global_cached(ctx, name, v, mode, cache, outp)
                        };
                        check!(s);
                    }
                    Op::GetGlobalLexical { dst, address } => *f.add(dst as usize) = *address,
                    Op::SetGlobalLexical { src, address } => *address = *f.add(src as usize),
                    Op::DeleteGlobal { dst, name } => {
                        check!(environments::runtime_delete_global(ctx, name, outp));
                        *f.add(dst as usize) = out;
                    }
                    Op::GetProperty {
                        dst,
                        object,
                        key,
                        cache,
                        site,
                    } => {
                        let (o, k) = (*f.add(object as usize), *f.add(key as usize));
                        let s = if site.is_null() {
                            properties::runtime_get_property(ctx, o, k, cache, outp)
                        } else {
                            elements::runtime_get_element_noting(ctx, o, k, cache, outp, site)
                        };
                        check!(s);
                        *f.add(dst as usize) = out;
                    }
                    Op::SetProperty {
                        object,
                        key,
                        src,
                        cache,
                        site,
                    } => {
                        let (o, k, v) = (
                            *f.add(object as usize),
                            *f.add(key as usize),
                            *f.add(src as usize),
                        );
                        let strict = code.strict as u8;
                        let s = if site.is_null() {
                            properties::runtime_set_property(ctx, o, k, v, strict, cache, outp)
                        } else {
                            elements::runtime_set_element_noting(
                                ctx, o, k, v, strict, cache, outp, site,
                            )
                        };
                        check!(s);
                    }
                    Op::DeleteProperty { dst, object, key } => {
                        check!(properties::runtime_delete_property(
                            ctx,
                            *f.add(object as usize),
                            *f.add(key as usize),
                            code.strict as u8,
                            outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::Call {
                        dst,
                        callee,
                        this: t,
                        argc,
                        args,
                    } => {
                        let this_value = if t == NO_SLOT {
                            Value::UNDEFINED.to_bits()
                        } else {
                            *f.add(t as usize)
                        };
                        check!(calls::runtime_call(
                            ctx,
                            *f.add(callee as usize),
                            this_value,
                            argc,
                            f.add(args as usize),
                            outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::New {
                        dst,
                        callee,
                        argc,
                        args,
                    } => {
                        check!(calls::runtime_new(
                            ctx,
                            *f.add(callee as usize),
                            argc,
                            f.add(args as usize),
                            outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::Closure {
                        dst,
                        template,
                        count,
                        cells,
                    } => {
                        check!(closures::runtime_create_closure(
                            ctx,
                            template,
                            count,
                            f.add(cells as usize),
                            outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::Binary {
                        dst,
                        op,
                        a,
                        b,
                        site,
                    } => {
                        let (x, y) = (*f.add(a as usize), *f.add(b as usize));
                        if let (Some(i), Some(j)) = (int32(x), int32(y)) {
                            if let Some(r) = int_binary(op, i, j) {
                                if !site.is_null() {
                                    *site |= crate::backend::feedback::OP_INT32;
                                }
                                *f.add(dst as usize) = r.to_bits();
                                continue;
                            }
                        }
                        let s = if site.is_null() {
                            operators::runtime_binary(ctx, op as u32, x, y, outp)
                        } else {
                            operators::runtime_binary_noting(ctx, op as u32, x, y, outp, site)
                        };
                        check!(s);
                        *f.add(dst as usize) = out;
                    }
                    Op::Unary { dst, op, src } => {
                        let v = *f.add(src as usize);
                        use crate::semantics::UnaryOperator as U;
                        if let Some(i) = int32(v) {
                            let fast = match op {
                                U::PostfixIncrement | U::Plus => Some(Value::from_i32(i)),
                                U::PrefixIncrement => i.checked_add(1).map(Value::from_i32),
                                U::PrefixDecrement => i.checked_sub(1).map(Value::from_i32),
                                _ => None,
                            };
                            if let Some(r) = fast {
                                *f.add(dst as usize) = r.to_bits();
                                continue;
                            }
                        }
                        check!(operators::runtime_unary(ctx, op as u32, v, outp));
                        *f.add(dst as usize) = out;
                    }
                    Op::Not { dst, src } => {
                        *f.add(dst as usize) =
                            Value::from_bool(!truthy(ctx, *f.add(src as usize))).to_bits();
                    }
                    Op::TypeofOrHole { dst, src } => {
                        let mut v = *f.add(src as usize);
                        if v == Value::HOLE.to_bits() {
                            v = Value::UNDEFINED.to_bits();
                        }
                        check!(operators::runtime_unary(
                            ctx,
                            crate::semantics::UnaryOperator::Typeof as u32,
                            v,
                            outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::Jump { target } => pc = target as usize,
                    Op::JumpIf { cond, when, target } => {
                        if truthy(ctx, *f.add(cond as usize)) == when {
                            pc = target as usize;
                        }
                    }
                    Op::JumpIfNullish { cond, when, target } => {
                        let nullish = *f.add(cond as usize) | 1 == Value::NULL.to_bits();
                        if nullish == when {
                            pc = target as usize;
                        }
                    }
                    Op::Switch { src, ref targets } => {
                        let last = targets.len() - 1;
                        let index = match int32(*f.add(src as usize)) {
                            Some(i) if i >= 0 && (i as usize) < last => i as usize,
                            _ => last,
                        };
                        pc = targets[index] as usize;
                    }
                    Op::CaseIndex {
                        dst,
                        src,
                        ref table,
                    } => {
                        let v = *f.add(src as usize);
                        let value = Value::from_bits(v);
                        let int = match value.as_number() {
                            Some(d) if d == (d as i32) as f64 => Some(d as i32),
                            _ => None,
                        };
                        let clause = match int {
                            Some(i) => table.ints.get(&i).copied().unwrap_or(table.fallback),
                            None if !table.lookup.is_null() => {
                                switch::runtime_case_lookup(ctx, table.lookup, v)
                            }
                            None => table.fallback,
                        };
                        *f.add(dst as usize) = Value::from_i32(clause as i32).to_bits();
                    }
                    Op::Return { src } => {
                        *call.ret = *f.add(src as usize);
                        return (Status::Normal as u32, false);
                    }
                    Op::Throw { src } => {
                        out = *f.add(src as usize);
                        fault = pc - 1;
                        break;
                    }
                    Op::Completion {
                        kind,
                        value,
                        ref targets,
                    } => match int32(*f.add(kind as usize)) {
                        Some(0) => {}
                        Some(1) => {
                            out = *f.add(value as usize);
                            note = false;
                            fault = pc - 1;
                            break;
                        }
                        Some(k) => pc = targets[k as usize - 2] as usize,
                        None => {}
                    },
                    Op::CreateObject { dst } => {
                        check!(objects::runtime_create_object(ctx, outp));
                        *f.add(dst as usize) = out;
                    }
                    Op::CreateDataProperty { object, key, src } => {
                        check!(objects::runtime_create_data_property(
                            ctx,
                            *f.add(object as usize),
                            *f.add(key as usize),
                            *f.add(src as usize),
                            outp
                        ));
                    }
                    Op::CreateArray { dst } => {
                        check!(objects::runtime_create_array(ctx, outp));
                        *f.add(dst as usize) = out;
                    }
                    Op::PushElement { array, src } => {
                        check!(objects::runtime_push_array_element(
                            ctx,
                            *f.add(array as usize),
                            *f.add(src as usize),
                            outp
                        ));
                    }
                    Op::PushConstants {
                        array,
                        values,
                        count,
                    } => {
                        check!(objects::runtime_push_array_values(
                            ctx,
                            *f.add(array as usize),
                            values,
                            count,
                            outp
                        ));
                    }
                    Op::Helper {
                        dst,
                        code: h,
                        argc,
                        args,
                    } => {
                        check!(helpers::runtime_helper(
                            ctx,
                            h,
                            argc,
                            f.add(args as usize),
                            outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::RestArguments { dst, start } => {
                        check!(arguments::runtime_create_arguments(
                            ctx, call.argc, call.argv, start, outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::ArgumentsObject {
                        dst,
                        mapped,
                        count,
                        cells,
                    } => {
                        check!(arguments::runtime_create_arguments_object(
                            ctx,
                            call.closure,
                            call.argc,
                            call.argv,
                            f.add(cells as usize),
                            count,
                            mapped as u8,
                            outp
                        ));
                        *f.add(dst as usize) = out;
                    }
                    Op::NewTarget { dst } => {
                        *f.add(dst as usize) = calls::runtime_new_target(ctx, call.closure);
                    }
                    Op::DefineField {
                        object,
                        key,
                        src,
                        cache,
                    } => {
                        check!(classes::runtime_define_field(
                            ctx,
                            *f.add(object as usize),
                            *f.add(key as usize),
                            *f.add(src as usize),
                            cache,
                            outp
                        ));
                    }
                    Op::PinKey { object, key } => {
                        let k = Value::from_bits(*f.add(key as usize));
                        let o = Value::from_bits(*f.add(object as usize));
                        if k.is_object() && !o.is_nullish() {
                            check!(helpers::runtime_helper(
                                ctx,
                                Helper::ToPropertyKey.code(),
                                1,
                                f.add(key as usize),
                                outp
                            ));
                            *f.add(key as usize) = out;
                        }
                    }
                    Op::Poll { osr } => {
                        if let Some(flag) = code.interrupt_flag {
                            if std::ptr::read_volatile(flag as *const u8) != 0 {
                                limits::runtime_interrupt(ctx, outp);
                                fault = pc - 1;
                                break;
                            }
                        }
                        if osr != NO_OSR {
                            let t = call.template;
                            let left = t.backedges.get() - 1;
                            t.backedges.set(left);
                            if left < 0 {
                                t.backedges.set(crate::backend::jit::OSR_BACK_EDGES);
                                let area = f.add(code.osr_area as usize);
                                let status =
                                    transfer(call, frame, area, &code.osr[osr as usize], marker);
                                if let Some(status) = status {
                                    return (status, true);
                                }
                            }
                        }
                    }
                }
            }
            // The exception `out` raised by op `fault`: its handler in this
            // function, if any (termination is not caught).
            if std::mem::replace(&mut note, true) {
                note_site(call, fault, out);
            }
            let terminating = code
                .interrupt_flag
                .is_some_and(|flag| std::ptr::read_volatile(flag as *const u8) != 0);
            let f32 = fault as u32;
            if let Some(h) = code
                .handlers
                .iter()
                .find(|h| h.start <= f32 && f32 < h.end)
                .filter(|_| !terminating)
            {
                if h.catch {
                    exception_trace::runtime_exception_caught(ctx, out);
                }
                *f.add(h.slot as usize) = out;
                pc = h.landing as usize;
                continue 'dispatch;
            }
            *call.ret = out;
            return (Status::Exception as u32, false);
        }
    }
}

/// On-stack replacement at a loop header (`compiler/osr.rs`): saves the
/// frame into the save area at `area` (free frame slots), asks for the
/// full tier, and once it is installed runs the rest of the call there.
/// `None`: go on interpreting.
///
/// # Safety
/// As [`run`]; `area` has room for the loop's save area.
unsafe fn transfer(
    call: &Call<'_>,
    frame: &[u64],
    area: *mut u64,
    osr: &OsrLoop,
    marker: &mut Marker,
) -> Option<u32> {
    // SAFETY: the contract.
    unsafe {
        *area = u64::from(osr.number);
        let mut at = 1;
        for &item in &osr.items {
            let word = match item {
                OsrItem::ReturnValue(slot) | OsrItem::TryValue(slot) => frame[slot as usize],
                // An `i32`, widened.
                OsrItem::TryKind(slot) => int32(frame[slot as usize]).unwrap_or(0) as u32 as u64,
                OsrItem::Binding(slot, captured) => {
                    if captured {
                        *area.add(at) = frame[slot as usize];
                        at += 1;
                        frame[slot as usize + 1]
                    } else {
                        frame[slot as usize]
                    }
                }
            };
            *area.add(at) = word;
            at += 1;
        }
        let lambda = calls::runtime_osr(call.ctx, call.closure, area);
        if lambda == 0 {
            return None;
        }
        // Not a frame of its own any more (the stack walk skips it).
        std::ptr::write_volatile(&mut marker.pc, usize::MAX);
        let lambda: crate::backend::Lambda = std::mem::transmute(lambda as usize);
        let status = lambda(
            call.ctx,
            call.closure,
            call.this,
            call.argc,
            call.argv,
            call.ret,
        );
        // Cleared by the full code's entry, unless the call failed first.
        (*call.ctx).osr_buffer = std::ptr::null_mut();
        Some(status)
    }
}

/// Notes the site of op `fault` for the exception trace of `exception`.
///
/// # Safety
/// As [`enter`].
unsafe fn note_site(call: &Call<'_>, fault: usize, exception: u64) {
    let position = call.code.positions.get(fault).copied().unwrap_or(u32::MAX);
    // SAFETY: the contract.
    unsafe {
        exception_trace::runtime_note_exception_site(call.ctx, call.template, position, exception);
    }
}

/// Leaves the function with the exception `exception` thrown at op
/// `fault` (before any handler could apply: the prologue).
///
/// # Safety
/// As [`enter`].
unsafe fn leave(call: &Call<'_>, fault: usize, exception: u64) -> u32 {
    // SAFETY: the contract.
    unsafe {
        note_site(call, fault, exception);
        *call.ret = exception;
    }
    Status::Exception as u32
}

/// `JSRUNTIME_INTERP_PROFILE=1`: time spent in interpreted calls per
/// function (inclusive of callees), printed when the thread ends.
mod profile {
    use crate::backend::FunctionTemplate;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::time::Duration;

    pub(super) fn enabled() -> bool {
        static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *ON.get_or_init(|| std::env::var_os("JSRUNTIME_INTERP_PROFILE").is_some())
    }

    #[derive(Default)]
    // GC: counts and times by program and function index.
    struct Table(HashMap<(usize, u32), (u64, Duration, u64, u64)>);

    impl Drop for Table {
        fn drop(&mut self) {
            // GC: counts and times only.
            let mut rows: Vec<_> = self.0.iter().collect();
            rows.sort_by_key(|(_, v)| std::cmp::Reverse(v.3));
            for ((p, f), (calls, time, osr, ops)) in rows.into_iter().take(25) {
                eprintln!("interp #{p}.{f}: {ops} ops, {calls} calls, {time:?}, {osr} transferred");
            }
        }
    }

    thread_local! {
        static TABLE: RefCell<Table> = RefCell::new(Table::default());
    }

    pub(super) fn note(template: &FunctionTemplate, time: Duration, transferred: bool, ops: u64) {
        TABLE.with(|t| {
            let mut t = t.borrow_mut();
            let e =
                t.0.entry((template.program, template.function.0))
                    .or_default();
            e.0 += 1;
            e.1 += time;
            e.2 += transferred as u64;
            e.3 += ops;
        });
    }
}
