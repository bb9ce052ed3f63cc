//! Global bindings: reads and writes (the script's lexical declarations,
//! then the global object), declarations (16.1.7
//! GlobalDeclarationInstantiation), `delete` of a global name, and the
//! ReferenceError / TypeError of the temporal dead zone and of an assignment
//! to a const binding.

use crate::backend::Executor;
use crate::completion::JsResult;
use crate::runtime::inline_cache::PropertyCache;
use crate::value::Value;

use super::{complete, value};

/// Reads a global binding: the script's lexical declarations first, then
/// the global object (9.1.1.4.6 GetBindingValue). `miss`: 0 = undefined if
/// missing (typeof), 1 = ReferenceError, 2 = the hole (a snapshot).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_get_global(
    ctx: *mut Executor,
    name: u32,
    miss: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = get_global(exec, name, miss);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// [`runtime_get_global`] for a site with a global inline cache (one
/// [`PropertyCache`] per global name, see `Executor::global_cache`): after
/// the generic lookup, refills the cache when the binding is an own data
/// property of the global object (not a lexical declaration, which
/// `declare_lexical_global` clears the cache for).
///
/// # Safety
/// `cache` must be a live cache of the executor; `ret` must be writable.
pub unsafe extern "C" fn runtime_get_global_cached(
    ctx: *mut Executor,
    name: u32,
    miss: u8,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = get_global(exec, name, miss);
    if result.is_ok() && exec.lexical_global(name).is_none() {
        if let Ok(key) = exec.global_key(name) {
            let global = exec.runtime.global_object();
            // SAFETY: see the function's contract.
            unsafe { &*cache }.fill(global, key, false);
        }
    }
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

fn get_global(exec: &mut Executor, name: u32, miss: u8) -> JsResult<Value> {
    if let Some(v) = exec.lexical_global(name) {
        // 9.1.1.1.6 GetBindingValue step 2: the TDZ (even for typeof); a
        // snapshot keeps the hole and is checked when used.
        if v.is_hole() && miss != 2 {
            let message = format!(
                "Cannot access '{}' before initialization",
                exec.global_name(name)
            );
            return Err(exec.runtime.reference_error(&message));
        }
        return Ok(v);
    }
    let key = exec.global_key(name)?;
    let global = exec.runtime.global_object();
    match exec
        .runtime
        .get_if_present(global, key, Value::object(global))?
    {
        Some(v) => Ok(v),
        None => match miss {
            0 => Ok(Value::UNDEFINED),
            2 => Ok(Value::HOLE),
            _ => {
                let message = format!("{} is not defined", exec.global_name(name));
                Err(exec.runtime.reference_error(&message))
            }
        },
    }
}

/// How `runtime_set_global` writes.
pub mod set_global_mode {
    /// PutValue in sloppy code: a missing binding becomes a global property.
    pub const SLOPPY: u8 = 0;
    /// PutValue in strict code: a missing binding is a ReferenceError.
    pub const STRICT: u8 = 1;
    /// InitializeReferencedBinding of a declaration: a lexical declaration
    /// made with `runtime_declare_global` is initialised; otherwise the name
    /// is defined on the global object as CreateGlobalFunctionBinding does
    /// (9.1.1.4.18; `var`s are initialised this way too).
    pub const INITIALIZE: u8 = 2;
    /// INITIALIZE for eval code: CreateGlobalFunctionBinding with D = true
    /// (19.2.1.3 EvalDeclarationInstantiation step 17).
    pub const INITIALIZE_DELETABLE: u8 = 3;

    /// The mode of PutValue (or InitializeReferencedBinding when
    /// `initialize`) of a global reference in code of `strict`ness whose
    /// program's declarations are `deletable` (eval code).
    pub fn of(initialize: bool, deletable: bool, strict: bool) -> u8 {
        match (initialize, deletable, strict) {
            (true, true, _) => INITIALIZE_DELETABLE,
            (true, false, _) => INITIALIZE,
            (false, _, true) => STRICT,
            (false, _, false) => SLOPPY,
        }
    }
}

/// Writes a global binding (9.1.1.4.5 SetMutableBinding); see
/// [`set_global_mode`].
///
/// # Safety
/// `ret` must be writable; `v` a valid value.
pub unsafe extern "C" fn runtime_set_global(
    ctx: *mut Executor,
    name: u32,
    v: u64,
    mode: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, v) = unsafe { (&mut *ctx, value(v)) };
    let result = set_global(exec, name, v, mode).map(|()| v);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// [`runtime_set_global`] for an assignment (mode `SLOPPY` or `STRICT`)
/// with the set inline cache of the name: after the store it caches the
/// global object's property when it is an own writable data property (not
/// shadowed by a lexical binding), so that compiled code stores into its
/// slot directly.
///
/// # Safety
/// As [`runtime_set_global`]; `cache` is a live cache.
pub unsafe extern "C" fn runtime_set_global_cached(
    ctx: *mut Executor,
    name: u32,
    v: u64,
    mode: u8,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, v) = unsafe { (&mut *ctx, value(v)) };
    let result = set_global(exec, name, v, mode).map(|()| v);
    if result.is_ok() && exec.lexical_binding(name).is_none() {
        if let Ok(key) = exec.global_key(name) {
            let global = exec.runtime.global_object();
            // SAFETY: see the function's contract.
            unsafe { &*cache }.fill(global, key, true);
        }
    }
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

fn set_global(exec: &mut Executor, name: u32, v: Value, mode: u8) -> JsResult<()> {
    if let Some(binding) = exec.lexical_binding(name) {
        let (current, mutable) = binding;
        if mode != set_global_mode::INITIALIZE {
            if current.is_hole() {
                let message = format!(
                    "Cannot access '{}' before initialization",
                    exec.global_name(name)
                );
                return Err(exec.runtime.reference_error(&message));
            }
            if !mutable {
                let message = format!(
                    "Assignment to constant variable '{}'",
                    exec.global_name(name)
                );
                return Err(exec.runtime.type_error(&message));
            }
        }
        exec.set_lexical_global(name, v);
        return Ok(());
    }
    let key = exec.global_key(name)?;
    if mode == set_global_mode::INITIALIZE || mode == set_global_mode::INITIALIZE_DELETABLE {
        let deletable = mode == set_global_mode::INITIALIZE_DELETABLE;
        return exec.create_global_function_binding(key, v, deletable);
    }
    let rt = &mut exec.runtime;
    let global = rt.global_object();
    match mode {
        set_global_mode::STRICT => {
            if !rt.has_property(global, key)? {
                let message = format!("{} is not defined", exec.global_name(name));
                return Err(exec.runtime.reference_error(&message));
            }
            if !rt.set(global, key, v, Value::object(global))? {
                let k = rt.key_for_message(key);
                let message = format!("Cannot assign to read only property '{k}' of object");
                return Err(rt.type_error(&message));
            }
            Ok(())
        }
        _ => {
            rt.set(global, key, v, Value::object(global))?;
            Ok(())
        }
    }
}

/// Declares a global binding of a script (16.1.7 GlobalDeclarationInstantiation):
/// `kind` 0 = `var` (CreateGlobalVarBinding: an undefined, non-configurable
/// global object property unless one exists), 1 = `let`, 2 = `const` (an
/// uninitialised binding of the global lexical record; `Initialize` sets
/// it). Redeclaring a lexical binding is a SyntaxError.
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_declare_global(
    ctx: *mut Executor,
    name: u32,
    kind: u8,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = declare_global(exec, name, kind).map(|()| Value::UNDEFINED);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

pub(crate) fn declare_global(exec: &mut Executor, name: u32, kind: u8) -> JsResult<()> {
    let key = exec.global_key(name)?;
    let global = exec.runtime.global_object();
    if kind == 0 {
        if exec.lexical_binding(name).is_some() {
            let message = format!(
                "Identifier '{}' has already been declared",
                exec.global_name(name)
            );
            return Err(exec.runtime.syntax_error(&message));
        }
        return exec.create_global_var_binding(name, false);
    }
    // 16.1.7 steps 3.a-3.d: no lexical redeclaration, no clash with a
    // non-configurable global property.
    let clash = exec.lexical_binding(name).is_some()
        || exec
            .runtime
            .get_own_property(global, key)?
            .is_some_and(|d| d.configurable == Some(false));
    if clash {
        let message = format!(
            "Identifier '{}' has already been declared",
            exec.global_name(name)
        );
        return Err(exec.runtime.syntax_error(&message));
    }
    exec.declare_lexical_global(name, kind == 1)
}

/// `delete x` for an identifier that resolves to the global environment
/// (13.5.1.2 step 3.b, 9.1.1.4.7 DeleteBinding): a lexical global is not
/// deletable; otherwise the global object's [[Delete]] decides (a `var` is
/// non-configurable, an implicit global is not, an unresolvable name
/// deletes nothing and yields true).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_delete_global(
    ctx: *mut Executor,
    name: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let result = if exec.lexical_global(name).is_some() {
        Ok(Value::FALSE)
    } else {
        exec.global_key(name).and_then(|key| {
            let global = exec.runtime.global_object();
            exec.runtime.delete(global, key).map(Value::from_bool)
        })
    };
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// Throws a ReferenceError for a binding in its temporal dead zone
/// (ECMA-262 9.1.1.1.6 step 2).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_throw_reference_error(
    ctx: *mut Executor,
    name: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let message = format!(
        "Cannot access '{}' before initialization",
        exec.global_name(name)
    );
    let e = exec.runtime.reference_error(&message);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, Err(e)) }
}

/// Throws the TypeError of an assignment to a const binding (ECMA-262
/// 9.1.1.1.5 step 5).
///
/// # Safety
/// `ret` must be writable.
pub unsafe extern "C" fn runtime_throw_const_assignment(
    ctx: *mut Executor,
    name: u32,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let message = format!(
        "Assignment to constant variable '{}'",
        exec.global_name(name)
    );
    let e = exec.runtime.type_error(&message);
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, Err(e)) }
}
