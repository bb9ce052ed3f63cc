//! The RegExp constructor (22.2.4) and RegExp.prototype (22.2.6): `exec`,
//! `test`, `toString`, `compile` (B.2.4), the flag getters, `flags` and
//! `source`. The symbol-keyed methods used by the String methods are in
//! [`super::regexp_symbols`]; the objects and the matcher in
//! [`crate::object::regexp`].

use super::{arg, f};
use crate::conversions::to_boolean;
use crate::equality::same_value;
use crate::gc::Gc;
use crate::object::regexp::{escape_regexp_pattern, is_regexp_object, regexp_state, RegExpFlags};
use crate::object::{Attributes, JsObject, ObjectKind, PropertyDescriptor, PropertyKey};
use crate::runtime::builtins::BuiltinFunction;
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

static REGEXP_PROTOTYPE: &[BuiltinFunction] = &[
    f("exec", 1, regexp_exec),
    f("test", 1, regexp_test),
    f("toString", 0, regexp_to_string),
    f("compile", 2, regexp_compile),
];

/// The accessor properties of RegExp.prototype (22.2.6): name and getter.
static REGEXP_GETTERS: &[(&str, crate::object::NativeFn)] = &[
    ("dotAll", |rt, this, _| {
        has_flag(rt, this, RegExpFlags::DOT_ALL)
    }),
    ("flags", get_flags),
    ("global", |rt, this, _| {
        has_flag(rt, this, RegExpFlags::GLOBAL)
    }),
    ("hasIndices", |rt, this, _| {
        has_flag(rt, this, RegExpFlags::HAS_INDICES)
    }),
    ("ignoreCase", |rt, this, _| {
        has_flag(rt, this, RegExpFlags::IGNORE_CASE)
    }),
    ("multiline", |rt, this, _| {
        has_flag(rt, this, RegExpFlags::MULTILINE)
    }),
    ("source", get_source),
    ("sticky", |rt, this, _| {
        has_flag(rt, this, RegExpFlags::STICKY)
    }),
    ("unicode", |rt, this, _| {
        has_flag(rt, this, RegExpFlags::UNICODE)
    }),
    ("unicodeSets", |rt, this, _| {
        has_flag(rt, this, RegExpFlags::UNICODE_SETS)
    }),
];

pub(super) fn install(rt: &mut Runtime) -> JsResult<()> {
    // 22.2.6: RegExp.prototype is an ordinary object, not a RegExp.
    let op = rt.intrinsic(Intrinsic::ObjectPrototype);
    let proto = rt.new_object_with(op, ObjectKind::Ordinary, 0)?;
    rt.set_intrinsic(Intrinsic::RegExpPrototype, Value::object(proto));
    rt.install_functions(proto, REGEXP_PROTOTYPE)?;
    for &(name, getter) in REGEXP_GETTERS {
        define_getter(rt, proto, name, getter)?;
    }
    let ctor = rt.install_constructor(
        Intrinsic::RegExp,
        "RegExp",
        2,
        |rt, _, args| regexp_constructor(rt, args, None),
        |rt, args, nt| regexp_constructor(rt, args, Some(nt)),
        proto,
    )?;
    // 22.2.5.2 get RegExp [ @@species ].
    define_getter(rt, ctor, "@@species", |_, this, _| Ok(this))?;
    super::regexp_symbols::install(rt, proto)
}

/// Defines a configurable accessor `name` (or `@@symbol`) with a getter
/// named `get name`.
fn define_getter(
    rt: &mut Runtime,
    target: Gc<JsObject>,
    name: &str,
    getter: crate::object::NativeFn,
) -> JsResult<()> {
    let (key, fname) = match name.strip_prefix("@@") {
        Some("species") => (
            PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Species)),
            "get [Symbol.species]".to_owned(),
        ),
        _ => (rt.key(name)?, format!("get {name}")),
    };
    let fname = rt.atom(&fname)?;
    let g = rt.new_native_function(fname, 0, getter, None)?;
    rt.define_property_or_throw(
        target,
        key,
        PropertyDescriptor::accessor(
            Value::object(g),
            Value::UNDEFINED,
            Attributes::CONFIGURABLE_ONLY,
        ),
    )
}

/// 7.2.8 IsRegExp ( argument ).
pub(super) fn is_regexp(rt: &mut Runtime, v: Value) -> JsResult<bool> {
    let Some(o) = v.as_object() else {
        return Ok(false);
    };
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Match));
    let matcher = rt.get(o, key, v)?;
    if !matcher.is_undefined() {
        return Ok(to_boolean(matcher));
    }
    Ok(is_regexp_object(o))
}

/// 22.2.4.1 RegExp ( pattern, flags ).
fn regexp_constructor(
    rt: &mut Runtime,
    args: &[Value],
    new_target: Option<Gc<JsObject>>,
) -> JsResult<Value> {
    let (pattern, flags) = (arg(args, 0), arg(args, 1));
    let pattern_is_regexp = is_regexp(rt, pattern)?;
    let new_target = match new_target {
        Some(nt) => nt,
        None => {
            let active = rt.intrinsic_object(Intrinsic::RegExp);
            if pattern_is_regexp && flags.is_undefined() {
                if let Some(p) = pattern.as_object() {
                    let key = PropertyKey::String(rt.names.constructor);
                    let pattern_constructor = rt.get(p, key, pattern)?;
                    if same_value(Value::object(active), pattern_constructor) {
                        return Ok(pattern);
                    }
                }
            }
            active
        }
    };
    let (p, f) = if let Some(state) = regexp_state(pattern) {
        let f = if flags.is_undefined() {
            Value::string(state.flags_string)
        } else {
            flags
        };
        (Value::string(state.source), f)
    } else if let (true, Some(po)) = (pattern_is_regexp, pattern.as_object()) {
        let source = rt.get_by_name(po, "source")?;
        let f = if flags.is_undefined() {
            rt.get_by_name(po, "flags")?
        } else {
            flags
        };
        (source, f)
    } else {
        (pattern, flags)
    };
    let o = rt.regexp_alloc(new_target)?;
    rt.regexp_initialize(o, p, f)
}

/// RequireInternalSlot(R, [[RegExpMatcher]]) on an initialized RegExp.
fn this_regexp(rt: &mut Runtime, this: Value, method: &str) -> JsResult<Gc<JsObject>> {
    match this.as_object() {
        Some(o) if regexp_state(this).is_some() => Ok(o),
        _ => Err(rt.type_error(&format!(
            "RegExp.prototype.{method} requires that 'this' be a RegExp object"
        ))),
    }
}

/// 22.2.6.2 RegExp.prototype.exec ( string ).
fn regexp_exec(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = this_regexp(rt, this, "exec")?;
    let s = rt.to_string(arg(args, 0))?;
    rt.regexp_builtin_exec(r, s)
}

/// `this` as an object, for the generic RegExp.prototype methods.
pub(super) fn this_object(rt: &mut Runtime, this: Value, method: &str) -> JsResult<Gc<JsObject>> {
    this.as_object().ok_or_else(|| {
        rt.type_error(&format!(
            "RegExp.prototype.{method} called on a value that is not an object"
        ))
    })
}

/// 22.2.7.1 RegExpExec ( R, S ): a user `exec` if callable, else the
/// built-in one; the result is an object or null.
pub(super) fn regexp_exec_generic(
    rt: &mut Runtime,
    r: Gc<JsObject>,
    s: Gc<JsString>,
) -> JsResult<Value> {
    let exec = rt.get_by_name(r, "exec")?;
    if exec.as_object().is_some_and(|o| o.is_callable()) {
        let result = rt.call(exec, Value::object(r), &[Value::string(s)])?;
        if !result.is_object() && !result.is_null() {
            return Err(
                rt.type_error("RegExp exec method returned something other than an Object or null")
            );
        }
        return Ok(result);
    }
    if regexp_state(Value::object(r)).is_none() {
        return Err(rt.type_error("RegExp exec called on an object that is not a RegExp"));
    }
    rt.regexp_builtin_exec(r, s)
}

/// 22.2.6.16 RegExp.prototype.test ( S ).
fn regexp_test(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = this_object(rt, this, "test")?;
    let s = rt.to_string(arg(args, 0))?;
    let m = regexp_exec_generic(rt, r, s)?;
    Ok(Value::from_bool(!m.is_null()))
}

/// 22.2.6.17 RegExp.prototype.toString ( ).
fn regexp_to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let r = this_object(rt, this, "toString")?;
    let source = rt.get_by_name(r, "source")?;
    let pattern = rt.to_string(source)?;
    let flags = rt.get_by_name(r, "flags")?;
    let flags = rt.to_string(flags)?;
    let mut units = vec![u16::from(b'/')];
    units.extend(pattern.to_utf16());
    units.push(u16::from(b'/'));
    units.extend(flags.to_utf16());
    Ok(Value::string(rt.new_string_utf16(&units)?))
}

/// 22.2.6.x RegExpHasFlag ( R, codeUnit ) behind the flag getters.
fn has_flag(rt: &mut Runtime, this: Value, bit: u8) -> JsResult<Value> {
    let Some(o) = this.as_object() else {
        return Err(rt.type_error("RegExp flag getter called on a value that is not an object"));
    };
    match regexp_state(this) {
        Some(state) => Ok(Value::from_bool(state.flags.has(bit))),
        None if Value::object(o) == rt.intrinsic(Intrinsic::RegExpPrototype) => {
            Ok(Value::UNDEFINED)
        }
        None => Err(rt.type_error("RegExp flag getter called on an object that is not a RegExp")),
    }
}

/// 22.2.6.4 get RegExp.prototype.flags.
fn get_flags(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let r = this_object(rt, this, "flags")?;
    let mut result = String::new();
    for (name, letter) in [
        ("hasIndices", 'd'),
        ("global", 'g'),
        ("ignoreCase", 'i'),
        ("multiline", 'm'),
        ("dotAll", 's'),
        ("unicode", 'u'),
        ("unicodeSets", 'v'),
        ("sticky", 'y'),
    ] {
        if to_boolean(rt.get_by_name(r, name)?) {
            result.push(letter);
        }
    }
    Ok(Value::string(rt.new_string(&result)?))
}

/// 22.2.6.13 get RegExp.prototype.source.
fn get_source(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(o) = this.as_object() else {
        return Err(rt.type_error("RegExp.prototype.source getter called on a non-object"));
    };
    match regexp_state(this) {
        Some(state) => {
            let escaped = escape_regexp_pattern(&state.source.to_utf16());
            Ok(Value::string(rt.new_string_utf16(&escaped)?))
        }
        None if Value::object(o) == rt.intrinsic(Intrinsic::RegExpPrototype) => {
            Ok(Value::string(rt.atom("(?:)")?))
        }
        None => Err(rt.type_error("RegExp.prototype.source getter called on a non-RegExp")),
    }
}

/// B.2.4.1 RegExp.prototype.compile ( pattern, flags ).
fn regexp_compile(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = match this.as_object() {
        Some(o) if is_regexp_object(o) => o,
        _ => return Err(rt.type_error("RegExp.prototype.compile requires a RegExp object")),
    };
    let (pattern, flags) = (arg(args, 0), arg(args, 1));
    let (p, f) = match regexp_state(pattern) {
        Some(state) => {
            if !flags.is_undefined() {
                return Err(
                    rt.type_error("Cannot supply flags when constructing one RegExp from another")
                );
            }
            (
                Value::string(state.source),
                Value::string(state.flags_string),
            )
        }
        None => (pattern, flags),
    };
    rt.regexp_initialize(o, p, f)
}
