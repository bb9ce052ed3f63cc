//! Closures: the heap types of the backend ([`Capture`] cells and
//! [`Closure`]s), capture cells created by compiled code, and function
//! objects (10.2.3 OrdinaryFunctionCreate and the steps around it).

use crate::backend::coroutine::CoroutineKind;
use crate::backend::{Capture, Closure, Executor, FunctionTemplate, Lambda, Status};
use crate::completion::JsResult;
use crate::gc::{Gc, HeapObject, Trace, Tracer, CELL_BODY_OFFSET};
use crate::object::{
    Attributes, ObjectKind, PropertyDescriptor, PropertyKey, FLAG_CALLABLE, FLAG_CLOSURE,
    FLAG_CONSTRUCTOR, FLAG_LAZY,
};
use crate::runtime::Intrinsic;
use crate::value::Value;

use super::complete;

// SAFETY: the escaped value is the only reference a capture holds (while the
// target is a stack slot, the stack scan finds the value there).
unsafe impl Trace for Capture {
    fn trace(&self, tracer: &mut Tracer) {
        // SAFETY: `value` always holds a valid value (undefined at creation).
        tracer.mark_value(unsafe { Value::from_bits(self.value) });
    }
}

impl HeapObject for Capture {
    const NAME: &'static str = "Capture";
}

// SAFETY: reports every capture cell of the closure.
unsafe impl Trace for Closure {
    fn trace(&self, tracer: &mut Tracer) {
        for &cell in self.capture_cells() {
            tracer.mark_cell(cell as usize - CELL_BODY_OFFSET);
        }
        tracer.mark_value(self.function);
        // SAFETY: a closure's template is boxed and outlives its closures
        // (`backend::reclaim` frees a template only when a collection found
        // none of them marked, before the sweep frees them).
        if let Some(template) = unsafe { self.template.as_ref() } {
            template.reached.set(true);
        }
    }
}

impl HeapObject for Closure {
    const NAME: &'static str = "Closure";
}

/// The closure of a function object created by compiled code.
pub fn closure_of(v: Value) -> Option<Gc<Closure>> {
    match v.as_object()?.kind() {
        ObjectKind::Function(closure) => Some(*closure),
        _ => None,
    }
}

/// A capture cell for the frame slot at `target` (the binding escapes there
/// when its scope ends). The cell's body pointer is written to `ret`.
///
/// # Safety
/// `target` must be a frame slot of the calling compiled function.
pub unsafe extern "C" fn runtime_create_capture(
    ctx: *mut Executor,
    target: *mut u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let cell = exec.runtime.alloc(Capture {
        target,
        value: Value::UNDEFINED.to_bits(),
    });
    match cell {
        Ok(cell) => {
            // SAFETY: `ret` is writable.
            unsafe { *ret = cell.as_ptr() as u64 };
            Status::Normal as u32
        }
        // SAFETY: `ret` is writable.
        Err(e) => unsafe { complete(ret, Err(e)) },
    }
}

/// The capture cell of the frame slot at `slot` (the binding's value, then
/// its cell's body pointer or 0), created on first use: compact code's
/// capture in one call (`compiler/variables.rs`, `capture_cell`).
///
/// # Safety
/// `slot` must be a two-word frame slot of the calling compiled function.
pub unsafe extern "C" fn runtime_capture_cell(
    ctx: *mut Executor,
    slot: *mut u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: `slot` has two words and `ret` is writable (the contract).
    unsafe {
        let existing = *slot.add(1);
        if existing != 0 {
            *ret = existing;
            return Status::Normal as u32;
        }
        let status = runtime_create_capture(ctx, slot, ret);
        if status == Status::Normal as u32 {
            *slot.add(1) = *ret;
        }
        status
    }
}

/// The end of the frame slot at `slot`'s scope in compact code
/// (`compiler/variables.rs`, `escape_slot`): a binding with a capture cell
/// moves its value into the cell, which then holds it for good, and the
/// slot forgets the cell. Allocates nothing. Returns 0.
///
/// # Safety
/// `slot` must be a two-word frame slot of the calling compiled function
/// whose second word is 0 or a live capture cell's body pointer.
pub unsafe extern "C" fn runtime_escape_cell(_ctx: *mut Executor, slot: *mut u64) -> u32 {
    // SAFETY: the contract; the cell is live (the frame holds it).
    unsafe {
        let cell = *slot.add(1) as *mut Capture;
        if !cell.is_null() {
            (*cell).value = *slot;
            (*cell).target = std::ptr::addr_of_mut!((*cell).value);
            *slot.add(1) = 0;
        }
    }
    0
}

/// [`runtime_create_closure`] for compact code, which leaves the capture
/// cells of its own frame slots to this call: entry `i` of `captures` with
/// bit `i` of `slots` set is the address of a two-word frame slot, replaced
/// here by the slot's cell (made on first use, as [`runtime_capture_cell`]
/// does); the other entries are cells. A closure of three captured locals
/// was three calls and branches before the creation, now one call
/// (`compiler/call.rs`, `capture`).
///
/// # Safety
/// As [`runtime_create_closure`], and each entry flagged in `slots` must
/// be a two-word frame slot of the calling compiled function; `count` is
/// at most 64. The cells made go back into `captures` (a frame slot of
/// the caller, scanned by the collector) before the next allocation.
pub unsafe extern "C" fn runtime_create_closure_from_slots(
    ctx: *mut Executor,
    template: *const FunctionTemplate,
    count: u32,
    captures: *mut u64,
    slots: u64,
    ret: *mut u64,
) -> u32 {
    for i in 0..count.min(64) as usize {
        if slots & (1 << i) == 0 {
            continue;
        }
        // SAFETY: the contract: entry `i` is a frame slot's address, and
        // the cell replaces it in the caller's writable area.
        unsafe {
            let entry = captures.add(i);
            let status = runtime_capture_cell(ctx, *entry as *mut u64, entry);
            if status != Status::Normal as u32 {
                *ret = *entry;
                return status;
            }
        }
    }
    // SAFETY: every entry is a cell now; the rest is the contract.
    unsafe { runtime_create_closure(ctx, template, count, captures, ret) }
}

/// A function object for `template` with `count` capture cells read from
/// `captures` (see [`create_function`]).
///
/// # Safety
/// `template` must be a template of the executor; `captures` must hold
/// `count` capture cell body pointers.
pub unsafe extern "C" fn runtime_create_closure(
    ctx: *mut Executor,
    template: *const FunctionTemplate,
    count: u32,
    captures: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, t) = unsafe { (&mut *ctx, &*template) };
    // The capture cells are in the caller's frame (the JIT stores them in a
    // stack slot and passes its address).
    let cells: &[*mut Capture] = if count == 0 || captures.is_null() {
        &[]
    } else {
        // SAFETY: `captures` holds `count` cell pointers (a `u64` and a
        // pointer have the same size and alignment).
        unsafe { std::slice::from_raw_parts(captures as *const *mut Capture, count as usize) }
    };
    let result = create_function(exec, t, cells);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Creates a function object (10.2.3 OrdinaryFunctionCreate, 10.2.9
/// SetFunctionName, 10.2.10 SetFunctionLength, 10.2.5 MakeConstructor):
/// the closure cell and an object of kind [`ObjectKind::Function`] with
/// `length` and `name` (the shared function shape) and, for constructors,
/// a fresh `prototype` object whose `constructor` points back.
pub(crate) fn create_function(
    exec: &mut Executor,
    template: &FunctionTemplate,
    cells: &[*mut Capture],
) -> JsResult<Value> {
    let lambda: Lambda = template.lambda.get();
    let rt = &mut exec.runtime;
    // The capture cell pointers go in the closure cell's tail (no
    // allocation of their own). While the cell is allocated, `captures`
    // points at the caller's list, so a collection there traces them.
    let header = crate::gc::cell_size_of::<Closure>();
    let size = cells
        .len()
        .checked_mul(8)
        .and_then(|b| b.checked_add(header))
        .unwrap_or(usize::MAX);
    let closure = rt.alloc_with_tail(
        Closure {
            lambda,
            template,
            captures: cells.as_ptr(),
            num_captures: u32::try_from(cells.len()).unwrap_or(u32::MAX),
            function: Value::UNDEFINED,
        },
        size,
    )?;
    // SAFETY: the cell was just allocated with room for `cells.len()`
    // pointers after the closure (8-aligned: the cell is 16-aligned and the
    // header size a multiple of 8); nothing else refers to it yet and
    // nothing allocates before `captures` points there.
    unsafe {
        let tail = (closure.addr() + header) as *mut *mut Capture;
        std::ptr::copy_nonoverlapping(cells.as_ptr(), tail, cells.len());
        closure.get_mut().captures = tail;
    }
    // 15.5.4 / 15.6.4 / 15.8.4 InstantiateGeneratorFunctionObject & co.:
    // the [[Prototype]] of a coroutine function.
    let coroutine = template.coroutine_kind();
    let proto = rt.intrinsic(match coroutine {
        Some(CoroutineKind::Generator) => Intrinsic::GeneratorFunctionPrototype,
        Some(CoroutineKind::Async) => Intrinsic::AsyncFunctionPrototype,
        Some(CoroutineKind::AsyncGenerator) => Intrinsic::AsyncGeneratorFunctionPrototype,
        _ => Intrinsic::FunctionPrototype,
    });
    // Compiled code calls closures of realm 0 directly; others go through
    // the call bridge, which switches to their realm (`runtime::realm`).
    let mut flags = FLAG_CALLABLE;
    if template.realm == crate::runtime::RealmId(0) {
        flags |= FLAG_CLOSURE;
    }
    if template.constructor {
        flags |= FLAG_CONSTRUCTOR;
    }
    let name = template.name();
    let kind = ObjectKind::Function(closure);
    let length = template.num_params as u32;
    let sloppy = template.constructor && !template.strict;
    // A constructor's `prototype` object (10.2.5 MakeConstructor) is made
    // when one of its own properties is first used
    // (`Runtime::materialize_closure`): until then it has a shape of its
    // own, shared by such functions, and `FLAG_LAZY`.
    let lazy_prototype = template.constructor && !template.class_constructor;
    let object = if lazy_prototype {
        let (strict_shape, sloppy_shape) = rt.lazy_closure_shapes()?;
        let (length, name) = (Value::from_u32(length), Value::string(name));
        let (shape, slots) = if sloppy {
            (
                sloppy_shape,
                &[length, name, Value::UNDEFINED, Value::UNDEFINED][..],
            )
        } else {
            (strict_shape, &[length, name][..])
        };
        rt.new_object_with_shape(proto, kind, flags | FLAG_LAZY, shape, slots)?
    } else if sloppy {
        rt.new_sloppy_function_object(proto, kind, flags, length, name)?
    } else {
        rt.new_function_object(proto, kind, flags, length, name)?
    };
    // SAFETY: short exclusive access; nothing else borrows the closure.
    unsafe { closure.get_mut() }.function = Value::object(object);
    if let Some(which) = match coroutine {
        Some(CoroutineKind::Generator) => Some(Intrinsic::GeneratorPrototype),
        Some(CoroutineKind::AsyncGenerator) => Some(Intrinsic::AsyncGeneratorPrototype),
        _ => None,
    } {
        // A generator function's `prototype`: an ordinary object inheriting
        // from %GeneratorPrototype% (or the async one), without
        // `constructor` (writable only).
        let proto = rt.intrinsic(which);
        let prototype = rt.new_object_with_proto(proto)?;
        let key = PropertyKey::String(rt.names.prototype);
        rt.define_property_or_throw(
            object,
            key,
            PropertyDescriptor::data(
                Value::object(prototype),
                Attributes::new(true, false, false),
            ),
        )?;
    }
    Ok(Value::object(object))
}
