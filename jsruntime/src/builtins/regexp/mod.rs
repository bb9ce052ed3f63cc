//! The RegExp constructor (22.2.4, 22.2.5) and %RegExp.prototype% (22.2.6).
//! The prototype's methods and accessors are in [`prototype`], its
//! symbol-keyed methods (used by the String methods) in [`symbols`], the
//! RegExp string iterator in [`crate::builtins::iterator`], the objects and
//! the matcher in [`crate::object::regexp`].

mod escape;
mod prototype;
pub(crate) mod symbols;

use super::arg;
use crate::conversions::to_boolean;
use crate::equality::same_value;
use crate::gc::Gc;
use crate::object::regexp::{is_regexp_object, regexp_state, RegExpState};
use crate::object::{JsObject, NativeFn, ObjectKind, PropertyKey, FLAG_EXOTIC, FLAG_LAZY};
use crate::runtime::builtins::{BuiltinObject, Make, Prop};
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;
use prototype::*;
use std::rc::Rc;
use symbols::*;

/// 22.2.5 Properties of the RegExp Constructor
/// (#sec-properties-of-the-regexp-constructor).
pub(crate) static REGEXP: BuiltinObject = BuiltinObject {
    name: "RegExp",
    intrinsic: Some(Intrinsic::RegExp),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "RegExp",
        2,
        |rt, _, args| regexp_constructor(rt, args, None),
        |rt, args, nt| regexp_constructor(rt, args, Some(nt)),
    ),
    props: &[
        Prop::method("escape", 1, escape::regexp_escape),
        Prop::prototype(Intrinsic::RegExpPrototype),
        Prop::getter("@@species", get_species),
    ],
};

/// 22.2.6 Properties of the RegExp Prototype Object
/// (#sec-properties-of-the-regexp-prototype-object): an ordinary object,
/// not a RegExp.
pub(crate) static REGEXP_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "RegExp.prototype",
    intrinsic: Some(Intrinsic::RegExpPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::constructor(Intrinsic::RegExp),
        Prop::method("exec", 1, regexp_exec),
        Prop::getter("dotAll", get_dot_all),
        Prop::getter("flags", get_flags),
        Prop::getter("global", get_global),
        Prop::getter("hasIndices", get_has_indices),
        Prop::getter("ignoreCase", get_ignore_case),
        Prop::method("@@match", 1, regexp_match),
        Prop::method("@@matchAll", 1, regexp_match_all),
        Prop::getter("multiline", get_multiline),
        Prop::method("@@replace", 2, regexp_replace),
        Prop::method("@@search", 1, regexp_search),
        Prop::getter("source", get_source),
        Prop::method("@@split", 2, regexp_split),
        Prop::getter("sticky", get_sticky),
        Prop::method("test", 1, regexp_test),
        Prop::method("toString", 0, regexp_to_string),
        Prop::getter("unicode", get_unicode),
        Prop::getter("unicodeSets", get_unicode_sets),
        // B.2.4 Additional Properties of the RegExp.prototype Object.
        Prop::method("compile", 2, regexp_compile),
    ],
};

/// 7.2.8 IsRegExp ( argument ).
pub(crate) fn is_regexp(rt: &mut Runtime, v: Value) -> JsResult<bool> {
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

/// `this` as an object, for the generic RegExp.prototype methods.
pub(crate) fn this_object(rt: &mut Runtime, this: Value, method: &str) -> JsResult<Gc<JsObject>> {
    this.as_object().ok_or_else(|| {
        rt.type_error(&format!(
            "RegExp.prototype.{method} called on a value that is not an object"
        ))
    })
}

/// 22.2.5.3 get RegExp [ @@species ] (#sec-get-regexp-@@species).
fn get_species(_: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(this)
}

/// Whether `value` is the current realm's built-in function whose Rust
/// function is `f`.
fn is_native(rt: &Runtime, value: Value, f: NativeFn) -> bool {
    value.as_object().is_some_and(|o| {
        matches!(o.kind(), ObjectKind::NativeFunction(realm, nf)
            if *realm == rt.current_realm() && nf.call as usize == f as usize)
    })
}

/// Whether `o`'s own property `key` is still the built-in `f`: a method
/// whose Rust function is `f`, or an accessor whose getter's is. A
/// built-in object whose properties are not made yet (`FLAG_LAZY`) still
/// has all of its built-ins.
fn own_is_builtin(rt: &Runtime, o: Gc<JsObject>, key: PropertyKey, f: NativeFn) -> bool {
    if o.flags() & FLAG_LAZY != 0 {
        return true;
    }
    o.shape()
        .lookup(key)
        .is_some_and(|e| is_native(rt, o.slot(e.slot), f))
}

/// `rx`'s RegExp state when Get(rx, "flags") is the current realm's
/// built-in getter reading the built-in flag getters: `rx` is a RegExp
/// whose only own property is `lastIndex`, inheriting from
/// %RegExp.prototype% whose `flags` and flag accessors are untouched. Then
/// the read runs no code and its result is the state's flags in the
/// getter's order.
pub(crate) fn flags_read_builtins(rt: &Runtime, rx: Gc<JsObject>) -> Option<Rc<RegExpState>> {
    let shape = rx.shape();
    let proto = rt.intrinsic(Intrinsic::RegExpPrototype).as_object()?;
    if rx.flags() & (FLAG_EXOTIC | FLAG_LAZY) != 0
        || shape.is_dictionary()
        || shape.property_count() != 1
        || shape
            .lookup(PropertyKey::String(rt.names.last_index))
            .is_none()
        || rx.proto() != Value::object(proto)
    {
        return None;
    }
    let state = regexp_state(Value::object(rx))?;
    let names = &rt.names;
    let getters: [(_, NativeFn); 9] = [
        (names.flags, get_flags),
        (names.has_indices, get_has_indices),
        (names.global, get_global),
        (names.ignore_case, get_ignore_case),
        (names.multiline, get_multiline),
        (names.dot_all, get_dot_all),
        (names.unicode, get_unicode),
        (names.unicode_sets, get_unicode_sets),
        (names.sticky, get_sticky),
    ];
    getters
        .iter()
        .all(|&(name, f)| own_is_builtin(rt, proto, PropertyKey::String(name), f))
        .then_some(state)
}

/// `rx`'s RegExp state when the Gets that @@split makes of `rx` before it
/// runs the splitter (22.2.6.14 steps 4-10: `constructor`, @@species,
/// `flags` and the flag getters it reads) and the splitter's `exec` reach
/// the current realm's built-ins (see [`flags_read_builtins`]). Then no
/// step runs code, and the splitter behaves as `rx`'s own matcher made
/// sticky.
pub(crate) fn split_reads_builtins(rt: &Runtime, rx: Gc<JsObject>) -> Option<Rc<RegExpState>> {
    let state = exec_reads_builtins(rt, rx)?;
    let proto = rt.intrinsic(Intrinsic::RegExpPrototype).as_object()?;
    let ctor = rt.intrinsic(Intrinsic::RegExp).as_object()?;
    let species = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Species));
    let constructor_is_regexp = proto.flags() & FLAG_LAZY != 0
        || proto
            .shape()
            .lookup(PropertyKey::String(rt.names.constructor))
            .is_some_and(|e| !e.attrs.is_accessor() && proto.slot(e.slot) == Value::object(ctor));
    (constructor_is_regexp && own_is_builtin(rt, ctor, species, get_species)).then_some(state)
}

/// [`flags_read_builtins`], and `exec` is the original
/// RegExp.prototype.exec: RegExpExec (22.2.7.1) is then RegExpBuiltinExec,
/// whose result array a caller that only reads its own properties need not
/// build (`@@replace`, `@@split`).
pub(crate) fn exec_reads_builtins(rt: &Runtime, rx: Gc<JsObject>) -> Option<Rc<RegExpState>> {
    let state = flags_read_builtins(rt, rx)?;
    let proto = rt.intrinsic(Intrinsic::RegExpPrototype).as_object()?;
    own_is_builtin(rt, proto, PropertyKey::String(rt.names.exec), regexp_exec).then_some(state)
}

/// 22.2.7.1 RegExpExec ( R, S ): a user `exec` if callable, else the
/// built-in one; the result is an object or null.
pub(crate) fn regexp_exec_generic(
    rt: &mut Runtime,
    r: Gc<JsObject>,
    s: Gc<JsString>,
) -> JsResult<Value> {
    let exec = rt.get(r, PropertyKey::String(rt.names.exec), Value::object(r))?;
    regexp_exec_with(rt, r, s, exec)
}

/// RegExpExec's steps 2-5 with `exec`, the value of Get(R, "exec").
pub(crate) fn regexp_exec_with(
    rt: &mut Runtime,
    r: Gc<JsObject>,
    s: Gc<JsString>,
    exec: Value,
) -> JsResult<Value> {
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
