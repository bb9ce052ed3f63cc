//! The class helpers of the `Helper(h)` command (15.7 ClassDefinitionEvaluation,
//! derived constructors, `super`, fields); see `semantics/analyzer/class.rs`
//! for the desugaring that uses them. The this binding of a derived
//! constructor is undefined until `super()` binds it (a constructed object
//! is never undefined).

use crate::backend::Executor;
use crate::completion::JsResult;
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, PropertyDescriptor, PropertyKey, StoredProperty};
use crate::runtime::inline_cache::PropertyCache;
use crate::runtime::{Intrinsic, Runtime};
use crate::semantics::Helper;
use crate::value::Value;

use super::{complete, value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

fn object(rt: &mut Runtime, v: Value) -> JsResult<Gc<JsObject>> {
    v.as_object()
        .ok_or_else(|| rt.type_error("internal error: class helper on a non-object"))
}

/// The class helpers; `None` for the other helpers.
pub(super) fn class_helper(rt: &mut Runtime, h: Helper, args: &[Value]) -> Option<JsResult<Value>> {
    let (a, b, c, d) = (arg(args, 0), arg(args, 1), arg(args, 2), arg(args, 3));
    Some(match h {
        Helper::ThrowTypeError => {
            let message = match a.as_string() {
                Some(s) => s.to_rust_string(),
                None => String::from("TypeError"),
            };
            Err(rt.type_error(&message))
        }
        Helper::ClassSetup => class_setup(rt, a, b),
        Helper::DefineMethod => define(rt, a, b, c, Kind::Method),
        Helper::DefineClassGetter => define(rt, a, b, c, Kind::Getter),
        Helper::DefineClassSetter => define(rt, a, b, c, Kind::Setter),
        Helper::CheckThis => {
            if a.is_undefined() {
                Err(rt.reference_error(
                    "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
                ))
            } else {
                Ok(a)
            }
        }
        Helper::BindThis => {
            // 9.1.1.3.1 BindThisValue step 2.
            if !b.is_undefined() {
                return Some(Err(
                    rt.reference_error("Super constructor may only be called once")
                ));
            }
            if let Some(bx) = c.as_object() {
                if let Err(e) = store_this(rt, bx, a) {
                    return Some(Err(e));
                }
            }
            Ok(a)
        }
        Helper::SuperCall => super_call(rt, a, b, c),
        Helper::SuperSet => super_set(rt, a, b, c, d, true),
        Helper::SuperSetSloppy => super_set(rt, a, b, c, d, false),
        Helper::SuperBase => object(rt, a).and_then(|home| rt.get_prototype_of(home)),
        Helper::SuperGetOnBase => super_get_on(rt, a, b, c),
        Helper::SuperSetOnBase => super_set_on(rt, a, b, c, d, true),
        Helper::SuperSetOnBaseSloppy => super_set_on(rt, a, b, c, d, false),
        _ => return None,
    })
}

/// 15.7.14 ClassDefinitionEvaluation steps 8-18 for the constructor `f`:
/// returns the prototype object.
fn class_setup(rt: &mut Runtime, f: Value, heritage: Value) -> JsResult<Value> {
    let f = object(rt, f)?;
    // Steps 8.a (no heritage) and 8.h.
    let (proto_parent, constructor_parent) = if heritage.is_hole() {
        (
            rt.intrinsic(Intrinsic::ObjectPrototype),
            rt.intrinsic(Intrinsic::FunctionPrototype),
        )
    } else if heritage.is_null() {
        (Value::NULL, rt.intrinsic(Intrinsic::FunctionPrototype))
    } else {
        match heritage.as_object() {
            Some(sc) if sc.is_constructor() => {
                let key = PropertyKey::String(rt.names.prototype);
                let pp = rt.get(sc, key, heritage)?;
                if !pp.is_object() && !pp.is_null() {
                    return Err(
                        rt.type_error("Class extends value does not have valid prototype property")
                    );
                }
                (pp, heritage)
            }
            _ => {
                return Err(rt.type_error("Class extends value is not a constructor or null"));
            }
        }
    };
    // Step 9: OrdinaryObjectCreate(protoParent).
    let proto = rt.new_object_with_proto(proto_parent)?;
    // Step 14 (CreateBuiltinFunction / OrdinaryFunctionCreate with
    // constructorParent as [[Prototype]]).
    rt.set_prototype_of(f, constructor_parent)?;
    // Step 16: MakeConstructor(F, false, proto).
    let key = PropertyKey::String(rt.names.prototype);
    rt.define_property_or_throw(
        f,
        key,
        PropertyDescriptor::data(Value::object(proto), Attributes::new(false, false, false)),
    )?;
    // Step 18: CreateMethodProperty(proto, "constructor", F).
    let key = PropertyKey::String(rt.names.constructor);
    rt.define_property_or_throw(
        proto,
        key,
        PropertyDescriptor::data(Value::object(f), Attributes::BUILTIN_METHOD),
    )?;
    Ok(Value::object(proto))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Method,
    Getter,
    Setter,
}

/// 10.2.8 DefineMethodProperty and 15.4.5 (accessors, not enumerable).
fn define(rt: &mut Runtime, o: Value, key: Value, v: Value, kind: Kind) -> JsResult<Value> {
    let obj = object(rt, o)?;
    let key = rt.to_property_key(key)?;
    let desc = match kind {
        Kind::Method => PropertyDescriptor::data(v, Attributes::BUILTIN_METHOD),
        Kind::Getter | Kind::Setter => PropertyDescriptor {
            value: None,
            writable: None,
            get: (kind == Kind::Getter).then_some(v),
            set: (kind == Kind::Setter).then_some(v),
            enumerable: Some(false),
            configurable: Some(true),
        },
    };
    rt.define_property_or_throw(obj, key, desc)?;
    Ok(o)
}

/// The `DefineField` command: 7.3.33 DefineField of a public field, 7.3.7
/// CreateDataPropertyOrThrow(object, key, value). `cache` is the site's set
/// cache (constant keys) or null. It is filled only when the field ends up
/// a writable, enumerable and configurable data property of an ordinary
/// shape: then defining it again (the own entry) stores the value, and
/// adding it (the transition entry, for an object that has the shape before
/// and is extensible) makes the same property CreateDataProperty would.
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_define_field(
    ctx: *mut Executor,
    object_bits: u64,
    key: u64,
    v: u64,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, o, key, v) = unsafe { (&mut *ctx, value(object_bits), value(key), value(v)) };
    let rt = &mut exec.runtime;
    let result = object(rt, o).and_then(|obj| {
        let key = rt.to_property_key(key)?;
        let before = obj.shape();
        rt.create_data_property_or_throw(obj, key, v)?;
        // SAFETY: caches live as long as the runtime.
        if let Some(cache) = unsafe { cache.as_ref() } {
            let plain = obj.shape().lookup(key).is_some_and(|e| {
                let a = e.attrs;
                !a.is_accessor() && a.writable() && a.enumerable() && a.configurable()
            });
            if plain {
                cache.fill_set(rt, obj, key, before);
            }
        }
        Ok(o)
    });
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// 13.3.7.1 SuperCall steps 3-7 (13.3.7.2 GetSuperConstructor) with the
/// arguments in an array (`Helper(SuperCall)`: spread arguments).
fn super_call(rt: &mut Runtime, f: Value, new_target: Value, args: Value) -> JsResult<Value> {
    let func = super_constructor(rt, f)?;
    // The array is on the caller's stack (rooted) while the list is used.
    let list = rt.create_list_from_array_like(args)?;
    rt.construct(func, &list, Some(new_target))
}

/// 13.3.7.2 GetSuperConstructor (`F.[[GetPrototypeOf]]()`), which 13.3.7.1
/// step 5 requires to be a constructor.
fn super_constructor(rt: &mut Runtime, f: Value) -> JsResult<Value> {
    let f = object(rt, f)?;
    let func = rt.get_prototype_of(f)?;
    if !func.as_object().is_some_and(|o| o.is_constructor()) {
        return Err(rt.type_error("Super constructor is not a constructor"));
    }
    Ok(func)
}

/// The `SuperCall(n)` and `SuperCallForward` commands: 13.3.7.1 SuperCall
/// steps 3-7 with the argument list in place (no array).
///
/// # Safety
/// `ret` must be writable; `argv` must hold `argc` values (or be null when
/// `argc` is 0).
pub unsafe extern "C" fn runtime_super_call(
    ctx: *mut Executor,
    f: u64,
    new_target: u64,
    argc: u32,
    argv: *const u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, f, new_target, args) = unsafe {
        (
            &mut *ctx,
            value(f),
            value(new_target),
            super::arguments(argc, argv),
        )
    };
    let rt = &mut exec.runtime;
    let result =
        super_constructor(rt, f).and_then(|func| rt.construct(func, args, Some(new_target)));
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// The base object of a super property reference: `home.[[GetPrototypeOf]]()`
/// (9.1.1.3.5 GetSuperBase), which must be object-coercible.
fn super_base(rt: &mut Runtime, home: Value) -> JsResult<Gc<JsObject>> {
    let home = object(rt, home)?;
    let base = rt.get_prototype_of(home)?;
    match base.as_object() {
        Some(o) => Ok(o),
        None => Err(rt.type_error("Cannot access a property of super: its prototype is null")),
    }
}

/// `super[key]` read (13.3.7.3 MakeSuperPropertyReference, 6.2.5.5 GetValue
/// with the this value as receiver): the `GetSuperProperty` command.
/// GetSuperBase comes before ToPropertyKey (test262
/// `prop-expr-getsuperbase-before-topropertykey-*`). `cache` is the site's
/// get cache (constant keys) or null: it is filled for the *base*, so a hit
/// (`backend/compiler/class.rs`) reads the base's data property without
/// the runtime; getters are never cached, so the receiver only matters
/// here.
///
/// # Safety
/// `ret` must be writable; `cache` null or a cache of the executor.
pub unsafe extern "C" fn runtime_super_get(
    ctx: *mut Executor,
    this: u64,
    key: u64,
    home: u64,
    cache: *const PropertyCache,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let (exec, this, key, home) = unsafe { (&mut *ctx, value(this), value(key), value(home)) };
    let rt = &mut exec.runtime;
    let result = super_base(rt, home).and_then(|base| {
        let key = rt.to_property_key(key)?;
        let v = rt.get(base, key, this)?;
        if !cache.is_null() {
            // SAFETY: caches live as long as the runtime.
            unsafe { (*cache).fill_get(rt, base, key) };
        }
        Ok(v)
    });
    // SAFETY: `ret` is writable.
    unsafe { complete(ret, result) }
}

/// `super[key] = value` (6.2.5.6 PutValue, strict: a failed [[Set]] throws).
fn super_set(
    rt: &mut Runtime,
    this: Value,
    key: Value,
    v: Value,
    home: Value,
    strict: bool,
) -> JsResult<Value> {
    let base = super_base(rt, home)?;
    let key = rt.to_property_key(key)?;
    if !rt.set(base, key, v, this)? && strict {
        return Err(rt.type_error("Cannot assign to a read-only property of super"));
    }
    Ok(v)
}

/// The base object of a reference whose base `SuperBase` computed (a
/// TypeError for null, GetValue/PutValue's ToObject).
fn base_object(rt: &mut Runtime, base: Value) -> JsResult<Gc<JsObject>> {
    match base.as_object() {
        Some(o) => Ok(o),
        None => Err(rt.type_error("Cannot access a property of super: its prototype is null")),
    }
}

/// GetValue of a super reference with its base (`super[k] op= v`).
fn super_get_on(rt: &mut Runtime, this: Value, key: Value, base: Value) -> JsResult<Value> {
    let base = base_object(rt, base)?;
    let key = rt.to_property_key(key)?;
    rt.get(base, key, this)
}

/// PutValue of a super reference with its base.
fn super_set_on(
    rt: &mut Runtime,
    this: Value,
    key: Value,
    v: Value,
    base: Value,
    strict: bool,
) -> JsResult<Value> {
    let base = base_object(rt, base)?;
    let key = rt.to_property_key(key)?;
    if !rt.set(base, key, v, this)? && strict {
        return Err(rt.type_error("Cannot assign to a read-only property of super"));
    }
    Ok(v)
}

/// The key of the this binding in the box of a derived constructor.
fn box_key(rt: &mut Runtime) -> JsResult<PropertyKey> {
    Ok(PropertyKey::String(rt.names.this_))
}

/// Stores the this binding in the box (an internal object: its own data
/// property, present from the start, written without
/// [[DefineOwnProperty]]).
fn store_this(rt: &mut Runtime, bx: Gc<JsObject>, this: Value) -> JsResult<()> {
    let key = box_key(rt)?;
    rt.store_property(
        bx,
        key,
        StoredProperty::Data(this, Attributes::DEFAULT_DATA),
    )
}

/// The box [[Construct]] passes as the this value of a derived constructor
/// (an object no JavaScript code sees): `BindThis` stores the this binding
/// in it.
pub(crate) fn new_this_box(rt: &mut Runtime) -> JsResult<Gc<JsObject>> {
    // Made with its `this` property (undefined: `super()` not called yet),
    // so binding it stores a slot instead of adding a property.
    let shape = rt.this_box_shape;
    rt.new_object_with_shape(
        Value::NULL,
        crate::object::ObjectKind::Ordinary,
        0,
        shape,
        &[Value::UNDEFINED],
    )
}

/// 10.2.2 [[Construct]] steps 10-12 for a derived constructor: an object
/// result wins, a result other than undefined is a TypeError, else the this
/// binding (a ReferenceError if `super()` was never called).
pub(crate) fn derived_result(rt: &mut Runtime, result: Value, bx: Gc<JsObject>) -> JsResult<Value> {
    if result.is_object() {
        return Ok(result);
    }
    if !result.is_undefined() {
        return Err(rt.type_error("Derived constructors may only return object or undefined"));
    }
    let key = box_key(rt)?;
    let this = match bx.stored_property(key) {
        Some(StoredProperty::Data(v, _)) => v,
        _ => Value::UNDEFINED,
    };
    if this.is_object() {
        Ok(this)
    } else {
        Err(rt.reference_error(
            "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
        ))
    }
}
