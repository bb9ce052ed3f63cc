//! The symbol-keyed methods of RegExp.prototype that the String methods
//! delegate to (22.2.6): `[@@match]`, `[@@matchAll]` (its iterator, 22.2.9,
//! is in `builtins::iterator::regexp_string`), `[@@replace]` (with
//! GetSubstitution, 22.1.3.19.1, in `builtins::string::pattern`),
//! `[@@search]` and `[@@split]`.
//!
//! Lists that outlive an allocation (exec results, captures) are kept in
//! `ValueList` cells, which the conservative stack scan keeps alive.

use super::{
    exec_reads_builtins, flags_read_builtins, regexp_exec_generic, split_reads_builtins,
    this_object,
};
use crate::builtins::arg;
use crate::builtins::iterator::regexp_string::create_regexp_string_iterator;
use crate::builtins::string::pattern::get_substitution;
use crate::equality::same_value;
use crate::gc::{Gc, RootedList, ValueList};
use crate::object::regexp::{advance_string_index, last_index_key, RegExpFlags, RegExpState};
use crate::object::{JsObject, PropertyKey};
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// ToString(Get(rx, "flags")) as code units.
fn flags_of(rt: &mut Runtime, rx: Gc<JsObject>) -> JsResult<Vec<u16>> {
    if let Some(state) = flags_read_builtins(rt, rx) {
        // What the built-in getter returns (22.2.6.4), without the nine
        // Gets and calls.
        return Ok(RegExpFlags::LETTERS
            .iter()
            .filter(|&&(bit, _)| state.flags.has(bit))
            .map(|&(_, letter)| letter as u16)
            .collect());
    }
    let flags = rt.get(rx, PropertyKey::String(rt.names.flags), Value::object(rx))?;
    Ok(rt.to_string(flags)?.to_utf16())
}

fn has_unit(flags: &[u16], c: char) -> bool {
    flags.contains(&(c as u16))
}

/// The string value of Get(result, "0") (ToString).
pub(crate) fn match_string(rt: &mut Runtime, result: Gc<JsObject>) -> JsResult<Gc<JsString>> {
    let v = rt.get(result, PropertyKey::Index(0), Value::object(result))?;
    rt.to_string(v)
}

/// Steps shared by @@match, @@matchAll and @@replace: after an empty
/// match, lastIndex = AdvanceStringIndex(S, ToLength(lastIndex), fullUnicode).
pub(crate) fn advance_after_empty_match(
    rt: &mut Runtime,
    rx: Gc<JsObject>,
    s: Gc<JsString>,
    full_unicode: bool,
) -> JsResult<()> {
    let key = last_index_key(rt)?;
    let li = rt.get(rx, key, Value::object(rx))?;
    let this_index = rt.to_length(li)?;
    let next = advance_string_index(s, this_index, full_unicode);
    rt.set_property(rx, key, Value::number(next), true)
}

/// 22.2.6.8 RegExp.prototype [ @@match ] ( string ).
pub(super) fn regexp_match(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let rx = this_object(rt, this, "[Symbol.match]")?;
    let s = rt.to_string(arg(args, 0))?;
    let flags = flags_of(rt, rx)?;
    if !has_unit(&flags, 'g') {
        return regexp_exec_generic(rt, rx, s);
    }
    let full_unicode = has_unit(&flags, 'u') || has_unit(&flags, 'v');
    let key = last_index_key(rt)?;
    rt.set_property(rx, key, Value::ZERO, true)?;
    let a = rt.new_array(0)?;
    let mut n = 0u32;
    loop {
        let result = regexp_exec_generic(rt, rx, s)?;
        let Some(result) = result.as_object() else {
            return Ok(if n == 0 {
                Value::NULL
            } else {
                Value::object(a)
            });
        };
        let match_str = match_string(rt, result)?;
        rt.create_data_property_or_throw(a, PropertyKey::Index(n), Value::string(match_str))?;
        if match_str.is_empty() {
            advance_after_empty_match(rt, rx, s, full_unicode)?;
        }
        n += 1;
    }
}

/// 22.2.6.12 RegExp.prototype [ @@search ] ( string ).
pub(super) fn regexp_search(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let rx = this_object(rt, this, "[Symbol.search]")?;
    let s = rt.to_string(arg(args, 0))?;
    let key = last_index_key(rt)?;
    let previous = rt.get(rx, key, Value::object(rx))?;
    if !same_value(previous, Value::ZERO) {
        rt.set_property(rx, key, Value::ZERO, true)?;
    }
    let result = regexp_exec_generic(rt, rx, s)?;
    let current = rt.get(rx, key, Value::object(rx))?;
    if !same_value(current, previous) {
        rt.set_property(rx, key, previous, true)?;
    }
    match result.as_object() {
        None => Ok(Value::from_i32(-1)),
        Some(r) => rt.get_by_name(r, "index"),
    }
}

/// 7.3.22 SpeciesConstructor ( O, defaultConstructor ).
fn species_constructor(rt: &mut Runtime, o: Gc<JsObject>, default: Intrinsic) -> JsResult<Value> {
    let key = PropertyKey::String(rt.names.constructor);
    let c = rt.get(o, key, Value::object(o))?;
    if c.is_undefined() {
        return Ok(rt.intrinsic(default));
    }
    let Some(co) = c.as_object() else {
        return Err(rt.type_error("object.constructor is not an object"));
    };
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Species));
    let s = rt.get(co, key, c)?;
    if s.is_nullish() {
        return Ok(rt.intrinsic(default));
    }
    if s.as_object().is_some_and(|o| o.is_constructor()) {
        return Ok(s);
    }
    Err(rt.type_error("object.constructor[Symbol.species] is not a constructor"))
}

/// 22.2.6.14 RegExp.prototype [ @@split ] ( string, limit ).
pub(super) fn regexp_split(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let rx = this_object(rt, this, "[Symbol.split]")?;
    let s = rt.to_string(arg(args, 0))?;
    if let Some(state) = split_reads_builtins(rt, rx) {
        return split_with_own_matcher(rt, &state, s, arg(args, 1));
    }
    let c = species_constructor(rt, rx, Intrinsic::RegExp)?;
    let mut flags = flags_of(rt, rx)?;
    let unicode_matching = has_unit(&flags, 'u') || has_unit(&flags, 'v');
    if !has_unit(&flags, 'y') {
        flags.push(u16::from(b'y'));
    }
    let new_flags = rt.new_string_utf16(&flags)?;
    let splitter = rt.construct(c, &[Value::object(rx), Value::string(new_flags)], None)?;
    let Some(splitter) = splitter.as_object() else {
        return Err(rt.type_error("RegExp species constructor returned a non-object"));
    };
    let (a, lim) = split_result_and_limit(rt, arg(args, 1))?;
    if lim == 0 {
        return Ok(Value::object(a));
    }
    let size = s.len();
    let key = last_index_key(rt)?;
    if size == 0 {
        let z = regexp_exec_generic(rt, splitter, s)?;
        if z.is_null() {
            rt.create_data_property_or_throw(a, PropertyKey::Index(0), Value::string(s))?;
        }
        return Ok(Value::object(a));
    }
    let mut length_a = 0u32;
    let (mut p, mut q) = (0usize, 0usize);
    while q < size {
        rt.set_property(splitter, key, Value::from_u32(q as u32), true)?;
        let z = regexp_exec_generic(rt, splitter, s)?;
        let Some(z) = z.as_object() else {
            q = advance_string_index(s, q as f64, unicode_matching) as usize;
            continue;
        };
        let li = rt.get(splitter, key, Value::object(splitter))?;
        let e = rt.to_length(li)?.min(size as f64) as usize;
        if e == p {
            q = advance_string_index(s, q as f64, unicode_matching) as usize;
            continue;
        }
        let t = rt.substring(s, p, q)?;
        rt.create_data_property_or_throw(a, PropertyKey::Index(length_a), Value::string(t))?;
        length_a += 1;
        if length_a == lim {
            return Ok(Value::object(a));
        }
        p = e;
        let captures = rt.length_of_array_like(z)?;
        let captures = (captures - 1.0).max(0.0) as u32;
        for i in 1..=captures {
            let next = rt.get(z, PropertyKey::Index(i), Value::object(z))?;
            rt.create_data_property_or_throw(a, PropertyKey::Index(length_a), next)?;
            length_a += 1;
            if length_a == lim {
                return Ok(Value::object(a));
            }
        }
        q = p;
    }
    let t = rt.substring(s, p, size)?;
    rt.create_data_property_or_throw(a, PropertyKey::Index(length_a), Value::string(t))?;
    Ok(Value::object(a))
}

/// @@split (22.2.6.14) steps 11-14: the result array and the limit
/// (2^32 - 1 when undefined, else ToUint32).
fn split_result_and_limit(rt: &mut Runtime, limit: Value) -> JsResult<(Gc<JsObject>, u32)> {
    let a = rt.new_array(0)?;
    let lim = if limit.is_undefined() {
        u32::MAX
    } else {
        rt.to_uint32(limit)?
    };
    Ok((a, lim))
}

/// @@split (22.2.6.14) of a RegExp whose reads are all built-ins
/// ([`split_reads_builtins`]): steps 4-10 construct a splitter with `rx`'s
/// pattern and flags plus `y`, and step 19's loop runs it sticky at each
/// position q from p on. That is `rx`'s matcher searching from q: the
/// leftmost match at or after q is the first position where the sticky
/// matcher succeeds, with the same match. No splitter is made and no
/// position is tried twice.
fn split_with_own_matcher(
    rt: &mut Runtime,
    state: &RegExpState,
    s: Gc<JsString>,
    limit: Value,
) -> JsResult<Value> {
    let unicode_matching = state.flags.full_unicode();
    let (a, lim) = split_result_and_limit(rt, limit)?;
    if lim == 0 {
        return Ok(Value::object(a));
    }
    let mut length_a = 0u32;
    let mut push = |rt: &mut Runtime, v: Value| -> JsResult<bool> {
        rt.create_data_property_or_throw(a, PropertyKey::Index(length_a), v)?;
        length_a += 1;
        Ok(length_a == lim)
    };
    // Step 16: an empty S is split only when the splitter fails on it.
    let size = s.len();
    if size == 0 {
        if rt.run_matcher(state, s, 0, true)?.is_none() {
            push(rt, Value::string(s))?;
        }
        return Ok(Value::object(a));
    }
    // Steps 17-19.
    let (mut p, mut q) = (0usize, 0usize);
    while q < size {
        let Some(m) = rt.run_matcher(state, s, q, false)? else {
            break;
        };
        let Some(whole) = m.captures.first().cloned().flatten() else {
            break;
        };
        if whole.start >= size {
            break;
        }
        // Step 19.d: e = min(ToLength(splitter.lastIndex), size).
        let e = whole.end.min(size);
        if e == p {
            q = advance_string_index(s, whole.start as f64, unicode_matching) as usize;
            continue;
        }
        let t = rt.substring(s, p, whole.start)?;
        if push(rt, Value::string(t))? {
            return Ok(Value::object(a));
        }
        p = e;
        for capture in &m.captures[1..] {
            let v = match capture {
                Some(r) => Value::string(rt.substring(s, r.start, r.end)?),
                None => Value::UNDEFINED,
            };
            if push(rt, v)? {
                return Ok(Value::object(a));
            }
        }
        q = p;
    }
    // Steps 20-22.
    let t = rt.substring(s, p, size)?;
    push(rt, Value::string(t))?;
    Ok(Value::object(a))
}

/// 22.2.6.11 RegExp.prototype [ @@replace ] ( string, replaceValue ).
pub(super) fn regexp_replace(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let rx = this_object(rt, this, "[Symbol.replace]")?;
    let s = rt.to_string(arg(args, 0))?;
    let length_s = s.len();
    let mut replace_value = arg(args, 1);
    let functional = replace_value.as_object().is_some_and(|o| o.is_callable());
    if !functional {
        replace_value = Value::string(rt.to_string(replace_value)?);
    }
    let flags = flags_of(rt, rx)?;
    let global = has_unit(&flags, 'g');
    let full_unicode = has_unit(&flags, 'u') || has_unit(&flags, 'v');
    if global {
        let key = last_index_key(rt)?;
        rt.set_property(rx, key, Value::ZERO, true)?;
    }
    if exec_reads_builtins(rt, rx).is_some_and(|state| !state.has_named_groups()) {
        return replace_with_builtin_exec(rt, rx, s, replace_value, global, full_unicode);
    }
    let results = rt.alloc(ValueList::new())?;
    loop {
        let result = regexp_exec_generic(rt, rx, s)?;
        let Some(r) = result.as_object() else { break };
        results.push(result);
        if !global {
            break;
        }
        let match_str = match_string(rt, r)?;
        if match_str.is_empty() {
            advance_after_empty_match(rt, rx, s, full_unicode)?;
        }
    }
    let mut out = Replacer::new(s, replace_value);
    for i in 0..results.len() {
        let Some(r) = results.get(i).and_then(|v| v.as_object()) else {
            continue;
        };
        let result_length = rt.length_of_array_like(r)?;
        let n_captures = (result_length - 1.0).max(0.0) as u32;
        let matched = match_string(rt, r)?;
        let index = rt.get(r, PropertyKey::String(rt.names.index), Value::object(r))?;
        let position = rt
            .to_integer_or_infinity(index)?
            .clamp(0.0, length_s as f64) as usize;
        let mut captures: RootedList<Value> = rt.rooted_list();
        for n in 1..=n_captures {
            let cap = rt.get(r, PropertyKey::Index(n), Value::object(r))?;
            let cap = if cap.is_undefined() {
                cap
            } else {
                Value::string(rt.to_string(cap)?)
            };
            captures.push(cap);
        }
        let named = rt.get(r, PropertyKey::String(rt.names.groups), Value::object(r))?;
        out.replace(rt, matched, &captures, position, named)?;
    }
    out.finish(rt)
}

/// Steps 14-16 of RegExp.prototype [ @@replace ]: the result built from
/// each match's replacement and the source between them.
struct Replacer {
    s: Gc<JsString>,
    source: Vec<u16>,
    replace_value: Value,
    functional: bool,
    /// The replacement template (a string replaceValue), as code units.
    template: Vec<u16>,
    accumulated: Vec<u16>,
    next_source_position: usize,
}

impl Replacer {
    fn new(s: Gc<JsString>, replace_value: Value) -> Replacer {
        Replacer {
            s,
            source: s.to_utf16(),
            replace_value,
            functional: replace_value.as_object().is_some_and(|o| o.is_callable()),
            template: replace_value
                .as_string()
                .map(|t| t.to_utf16())
                .unwrap_or_default(),
            accumulated: Vec::new(),
            next_source_position: 0,
        }
    }

    /// Step 15's replacement of one match (the replacer's result or
    /// GetSubstitution), appended after the source up to `position`.
    fn replace(
        &mut self,
        rt: &mut Runtime,
        matched: Gc<JsString>,
        captures: &[Value],
        position: usize,
        named: Value,
    ) -> JsResult<()> {
        let replacement = if self.functional {
            // Fresh values from a user `exec` may be referenced only here.
            let mut call_args: RootedList<Value> = rt.rooted_list();
            call_args.push(Value::string(matched));
            call_args.extend_from_slice(captures);
            call_args.push(Value::from_u32(position as u32));
            call_args.push(Value::string(self.s));
            if !named.is_undefined() {
                call_args.push(named);
            }
            let v = rt.call(self.replace_value, Value::UNDEFINED, &call_args)?;
            rt.to_string(v)?.to_utf16()
        } else {
            let named = if named.is_undefined() {
                named
            } else {
                Value::object(rt.to_object(named)?)
            };
            get_substitution(
                rt,
                &matched.to_utf16(),
                &self.source,
                position,
                captures,
                named,
                &self.template,
            )?
        };
        if position >= self.next_source_position {
            self.accumulated
                .extend_from_slice(&self.source[self.next_source_position..position]);
            self.accumulated.extend_from_slice(&replacement);
            self.next_source_position = position + matched.len();
        }
        Ok(())
    }

    /// Steps 16-17: the rest of the source, and the result.
    fn finish(mut self, rt: &mut Runtime) -> JsResult<Value> {
        if self.next_source_position < self.source.len() {
            self.accumulated
                .extend_from_slice(&self.source[self.next_source_position..]);
        }
        Ok(Value::string(rt.new_string_utf16(&self.accumulated)?))
    }
}

/// RegExp.prototype [ @@replace ] from step 11 when RegExpExec is
/// RegExpBuiltinExec (`exec_reads_builtins`) and the regexp has no named
/// groups: the matches are the matcher's ranges instead of result arrays.
/// Those arrays would be fresh, reached only by this algorithm, and read
/// only for own data properties (`length`, `0`, `index`, the captures,
/// `groups` undefined), so the values are the same and no code can see
/// the difference. No user code runs while the matches are collected:
/// `lastIndex` is 0 or a number the built-in exec wrote (a global regexp),
/// or the one read is the only exec (otherwise).
fn replace_with_builtin_exec(
    rt: &mut Runtime,
    rx: Gc<JsObject>,
    s: Gc<JsString>,
    replace_value: Value,
    global: bool,
    full_unicode: bool,
) -> JsResult<Value> {
    // Steps 11-13.
    // GC: match ranges (code unit offsets), no GC references.
    let mut matches = Vec::new();
    while let Some((m, _)) = rt.regexp_builtin_match(rx, s)? {
        let empty = m
            .captures
            .first()
            .cloned()
            .flatten()
            .is_none_or(|r| r.is_empty());
        matches.push(m);
        if !global {
            break;
        }
        if empty {
            advance_after_empty_match(rt, rx, s, full_unicode)?;
        }
    }
    // Steps 14-16.
    let length_s = s.len();
    let mut out = Replacer::new(s, replace_value);
    for m in &matches {
        let Some(whole) = m.captures.first().cloned().flatten() else {
            continue;
        };
        let position = whole.start.min(length_s);
        let matched = rt.substring(s, whole.start, whole.end)?;
        let mut captures: RootedList<Value> = rt.rooted_list();
        for cap in &m.captures[1..] {
            captures.push(match cap {
                Some(r) => Value::string(rt.substring(s, r.start, r.end)?),
                None => Value::UNDEFINED,
            });
        }
        out.replace(rt, matched, &captures, position, Value::UNDEFINED)?;
    }
    out.finish(rt)
}

/// 22.2.6.9 RegExp.prototype [ @@matchAll ] ( string ).
pub(super) fn regexp_match_all(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let r = this_object(rt, this, "[Symbol.matchAll]")?;
    let s = rt.to_string(arg(args, 0))?;
    let c = species_constructor(rt, r, Intrinsic::RegExp)?;
    let flags = flags_of(rt, r)?;
    let flags_value = Value::string(rt.new_string_utf16(&flags)?);
    let matcher = rt.construct(c, &[Value::object(r), flags_value], None)?;
    let Some(matcher_obj) = matcher.as_object() else {
        return Err(rt.type_error("RegExp species constructor returned a non-object"));
    };
    let key = last_index_key(rt)?;
    let li = rt.get(r, key, Value::object(r))?;
    let last_index = rt.to_length(li)?;
    rt.set_property(matcher_obj, key, Value::number(last_index), true)?;
    let global = has_unit(&flags, 'g');
    let unicode = has_unit(&flags, 'u') || has_unit(&flags, 'v');
    create_regexp_string_iterator(rt, matcher, s, global, unicode)
}
