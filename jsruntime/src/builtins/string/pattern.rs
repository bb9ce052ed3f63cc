//! The String.prototype methods that delegate to a matcher object's
//! symbol-keyed methods (22.1.3): `match`, `matchAll`, `replace`,
//! `replaceAll`, `search` and `split`, with their string-pattern fallbacks,
//! and 22.1.3.19.1 GetSubstitution (shared with `RegExp.prototype[@@replace]`).

use super::search::Occurrences;
use crate::builtins::arg;
use crate::builtins::regexp::is_regexp;
use crate::gc::Gc;
use crate::object::JsObject;
use crate::object::PropertyKey;
use crate::runtime::Runtime;
use crate::string::{JsString, StrView};
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// 7.2.1 RequireObjectCoercible on `this`.
fn this_coercible(rt: &mut Runtime, this: Value, method: &str) -> JsResult<Value> {
    if this.is_nullish() {
        return Err(rt.type_error(&format!(
            "String.prototype.{method} called on null or undefined"
        )));
    }
    Ok(this)
}

/// Steps 2 of match/matchAll/replace/search/split: when `v` is an Object
/// with a `symbol` method, the result of calling it. (The current draft of
/// ECMA-262, after 2025, looks the method up on Objects only, so a
/// primitive's prototype is never consulted; test262 tests that.)
fn delegate(
    rt: &mut Runtime,
    v: Value,
    symbol: WellKnownSymbol,
    args: &[Value],
) -> JsResult<Option<Value>> {
    if !v.is_object() {
        return Ok(None);
    }
    let key = PropertyKey::Symbol(rt.well_known_symbol(symbol));
    match rt.get_method(v, key)? {
        Some(m) => Ok(Some(rt.call(m, v, args)?)),
        None => Ok(None),
    }
}

/// Steps of match, matchAll and search without a delegate:
/// Invoke(RegExpCreate(regexp, flags), symbol, « ToString(O) »).
fn via_new_regexp(
    rt: &mut Runtime,
    o: Value,
    regexp: Value,
    flags: Value,
    symbol: WellKnownSymbol,
) -> JsResult<Value> {
    let s = rt.to_string(o)?;
    let rx = rt.regexp_create(regexp, flags)?;
    let key = PropertyKey::Symbol(rt.well_known_symbol(symbol));
    rt.invoke(rx, key, &[Value::string(s)])
}

/// 22.1.3.13 String.prototype.match ( regexp ).
pub(super) fn string_match(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = this_coercible(rt, this, "match")?;
    let regexp = arg(args, 0);
    if let Some(r) = delegate(rt, regexp, WellKnownSymbol::Match, &[o])? {
        return Ok(r);
    }
    via_new_regexp(rt, o, regexp, Value::UNDEFINED, WellKnownSymbol::Match)
}

/// 22.1.3.22 String.prototype.search ( regexp ).
pub(super) fn string_search(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = this_coercible(rt, this, "search")?;
    let regexp = arg(args, 0);
    if let Some(r) = delegate(rt, regexp, WellKnownSymbol::Search, &[o])? {
        return Ok(r);
    }
    via_new_regexp(rt, o, regexp, Value::UNDEFINED, WellKnownSymbol::Search)
}

/// matchAll / replaceAll step 2.b: a RegExp argument must have the `g` flag.
fn require_global(rt: &mut Runtime, v: Value, method: &str) -> JsResult<()> {
    if v.is_nullish() || !is_regexp(rt, v)? {
        return Ok(());
    }
    let Some(o) = v.as_object() else {
        return Ok(());
    };
    let flags = rt.get_by_name(o, "flags")?;
    if flags.is_nullish() {
        return Err(rt.type_error("RegExp flags is null or undefined"));
    }
    let flags = rt.to_string(flags)?;
    if !flags.to_utf16().contains(&u16::from(b'g')) {
        return Err(rt.type_error(&format!(
            "String.prototype.{method} called with a non-global RegExp argument"
        )));
    }
    Ok(())
}

/// 22.1.3.14 String.prototype.matchAll ( regexp ).
pub(super) fn string_match_all(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = this_coercible(rt, this, "matchAll")?;
    let regexp = arg(args, 0);
    require_global(rt, regexp, "matchAll")?;
    if let Some(r) = delegate(rt, regexp, WellKnownSymbol::MatchAll, &[o])? {
        return Ok(r);
    }
    let g = Value::string(rt.atom("g")?);
    via_new_regexp(rt, o, regexp, g, WellKnownSymbol::MatchAll)
}

/// 6.1.4.1 StringIndexOf ( string, searchValue, fromIndex ).
fn string_index_of(s: &[u16], search: &[u16], from: usize) -> Option<usize> {
    if search.is_empty() {
        return (from <= s.len()).then_some(from);
    }
    super::search::find_units(s, search, from)
}

/// The replacement text for one match of a string pattern: the result of
/// the replacer function, or GetSubstitution of the template.
fn string_replacement(
    rt: &mut Runtime,
    replace_value: Value,
    functional: bool,
    search: Gc<JsString>,
    string: Gc<JsString>,
    position: usize,
) -> JsResult<Vec<u16>> {
    if functional {
        let args = [
            Value::string(search),
            Value::from_u32(position as u32),
            Value::string(string),
        ];
        let v = rt.call(replace_value, Value::UNDEFINED, &args)?;
        return Ok(rt.to_string(v)?.to_utf16());
    }
    let template = replace_value
        .as_string()
        .map(|t| t.to_utf16())
        .unwrap_or_default();
    get_substitution(
        rt,
        &search.to_utf16(),
        &string.to_utf16(),
        position,
        &[],
        Value::UNDEFINED,
        &template,
    )
}

/// 22.1.3.19 String.prototype.replace ( searchValue, replaceValue ) and
/// 22.1.3.20 String.prototype.replaceAll.
fn replace_common(rt: &mut Runtime, this: Value, args: &[Value], all: bool) -> JsResult<Value> {
    let method = if all { "replaceAll" } else { "replace" };
    let o = this_coercible(rt, this, method)?;
    let (search_value, mut replace_value) = (arg(args, 0), arg(args, 1));
    if all {
        require_global(rt, search_value, method)?;
    }
    if let Some(r) = delegate(
        rt,
        search_value,
        WellKnownSymbol::Replace,
        &[o, replace_value],
    )? {
        return Ok(r);
    }
    let string = rt.to_string(o)?;
    let search = rt.to_string(search_value)?;
    let functional = replace_value.as_object().is_some_and(|f| f.is_callable());
    if !functional {
        replace_value = Value::string(rt.to_string(replace_value)?);
    }
    let units = string.to_utf16();
    let search_units = search.to_utf16();
    let advance_by = search_units.len().max(1);
    // GC: match positions (Vec<usize>)
    let mut positions = Vec::new();
    let mut next = string_index_of(&units, &search_units, 0);
    while let Some(p) = next {
        positions.push(p);
        if !all {
            break;
        }
        next = string_index_of(&units, &search_units, p + advance_by);
    }
    if positions.is_empty() {
        return Ok(Value::string(string));
    }
    let mut end_of_last_match = 0;
    // GC: code units (Vec<u16>)
    let mut result = Vec::with_capacity(units.len());
    for p in positions {
        let replacement = string_replacement(rt, replace_value, functional, search, string, p)?;
        result.extend_from_slice(&units[end_of_last_match..p]);
        result.extend_from_slice(&replacement);
        end_of_last_match = p + search_units.len();
    }
    if end_of_last_match < units.len() {
        result.extend_from_slice(&units[end_of_last_match..]);
    }
    Ok(Value::string(rt.new_string_utf16(&result)?))
}

pub(super) fn string_replace(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    replace_common(rt, this, args, false)
}

pub(super) fn string_replace_all(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    replace_common(rt, this, args, true)
}

/// 22.1.3.23 String.prototype.split ( separator, limit ).
pub(super) fn string_split(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = this_coercible(rt, this, "split")?;
    let (separator, limit) = (arg(args, 0), arg(args, 1));
    if let Some(r) = delegate(rt, separator, WellKnownSymbol::Split, &[o, limit])? {
        return Ok(r);
    }
    let s = rt.to_string(o)?;
    let lim = if limit.is_undefined() {
        u32::MAX
    } else {
        rt.to_uint32(limit)?
    };
    let r = rt.to_string(separator)?;
    let a = rt.new_array(0)?;
    if lim == 0 {
        return Ok(Value::object(a));
    }
    if separator.is_undefined() {
        rt.create_data_property_or_throw(a, PropertyKey::Index(0), Value::string(s))?;
        return Ok(Value::object(a));
    }
    let (units, sep) = (s.view(), r.view());
    // Step 9: an empty separator splits into code units.
    if sep.is_empty() {
        for i in 0..units.len().min(lim as usize) {
            let t = rt.char_string(units.at(i))?;
            push_element(rt, a, i as u32, Value::string(t))?;
        }
        return Ok(Value::object(a));
    }
    // Step 10.
    if units.is_empty() {
        push_element(rt, a, 0, Value::string(s))?;
        return Ok(Value::object(a));
    }
    // Steps 11-14, with the search prepared once for the whole string.
    let occurrences = Occurrences::new(units, sep);
    let mut n = 0u32;
    let mut i = 0;
    while let Some(j) = occurrences.find(i) {
        let t = substring_of_view(rt, units, i, j)?;
        push_element(rt, a, n, Value::string(t))?;
        n += 1;
        if n == lim {
            return Ok(Value::object(a));
        }
        i = j + sep.len();
    }
    let t = substring_of_view(rt, units, i, units.len())?;
    push_element(rt, a, n, Value::string(t))?;
    Ok(Value::object(a))
}

/// The code units `[start, end)` of a string's view as a new string.
fn substring_of_view(
    rt: &mut Runtime,
    view: StrView<'_>,
    start: usize,
    end: usize,
) -> JsResult<Gc<JsString>> {
    match view {
        StrView::Latin1(b) => rt.new_string_latin1(&b[start..end]),
        StrView::Utf16(u) => rt.new_string_utf16(&u[start..end]),
    }
}

/// CreateDataPropertyOrThrow(A, ! ToString(𝔽(index)), v) on the array a
/// built-in just created: the direct store when the array is plain.
fn push_element(rt: &mut Runtime, a: Gc<JsObject>, index: u32, v: Value) -> JsResult<()> {
    if !rt.try_create_array_element(a, index, v)? {
        rt.create_data_property_or_throw(a, PropertyKey::Index(index), v)?;
    }
    Ok(())
}

/// 22.1.3.19.1 GetSubstitution ( matched, str, position, captures,
/// namedCaptures, replacementTemplate ). `captures` holds strings or
/// undefined; the caller keeps them alive.
pub(crate) fn get_substitution(
    rt: &mut Runtime,
    matched: &[u16],
    s: &[u16],
    position: usize,
    captures: &[Value],
    named_captures: Value,
    template: &[u16],
) -> JsResult<Vec<u16>> {
    let dollar = u16::from(b'$');
    let digit = |u: Option<&u16>| {
        u.filter(|&&u| (0x30..=0x39).contains(&u))
            .map(|&u| (u - 0x30) as usize)
    };
    // GC: GetSubstitution's result code units (Vec<u16>)
    let mut result = Vec::with_capacity(template.len());
    let mut i = 0;
    while i < template.len() {
        let rest = &template[i..];
        if rest[0] != dollar || rest.len() == 1 {
            result.push(rest[0]);
            i += 1;
            continue;
        }
        match rest[1] {
            0x24 => {
                result.push(dollar);
                i += 2;
            }
            0x26 => {
                result.extend_from_slice(matched);
                i += 2;
            }
            0x60 => {
                result.extend_from_slice(&s[..position.min(s.len())]);
                i += 2;
            }
            0x27 => {
                let tail = (position + matched.len()).min(s.len());
                result.extend_from_slice(&s[tail..]);
                i += 2;
            }
            0x30..=0x39 => {
                let d1 = digit(rest.get(1)).unwrap_or(0);
                let (mut index, mut count) = (d1, 1);
                // A two-digit reference beyond the captures is a one-digit
                // reference followed by a literal digit.
                if let Some(d2) = digit(rest.get(2)) {
                    if d1 * 10 + d2 <= captures.len() {
                        (index, count) = (d1 * 10 + d2, 2);
                    }
                }
                if (1..=captures.len()).contains(&index) {
                    if let Some(c) = captures[index - 1].as_string() {
                        result.extend(c.to_utf16());
                    }
                } else {
                    // Not a capture reference: kept literally.
                    result.extend_from_slice(&rest[..1 + count]);
                }
                i += 1 + count;
            }
            0x3C => {
                let gt = rest.iter().position(|&u| u == u16::from(b'>'));
                match (gt, named_captures.as_object()) {
                    (Some(gt), Some(groups)) => {
                        let name = rt.new_string_utf16(&rest[2..gt])?;
                        let key = rt.property_key_from_string(name);
                        let capture = rt.get(groups, key, named_captures)?;
                        if !capture.is_undefined() {
                            result.extend(rt.to_string(capture)?.to_utf16());
                        }
                        i += gt + 1;
                    }
                    _ => {
                        result.extend_from_slice(&rest[..2]);
                        i += 2;
                    }
                }
            }
            _ => {
                result.push(dollar);
                i += 1;
            }
        }
    }
    Ok(result)
}
