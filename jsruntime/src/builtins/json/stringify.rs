//! 25.5.2 JSON.stringify ( value [ , replacer [ , space ] ] )
//! (#sec-json.stringify): SerializeJSONProperty and its helpers write into
//! one growable buffer ([`Out`], Latin-1 until a wider unit comes).

use super::{enumerable_own_keys, key_to_root, root_to_key};
use crate::builtins::arg;
use crate::gc::{Gc, ValueList};
use crate::object::{JsObject, ObjectKind, PropertyKey};
use crate::runtime::Runtime;
use crate::string::{number::number_to_string, StrView, MAX_STRING_LENGTH};
use crate::value::Value;
use crate::JsResult;
use std::collections::HashSet;

/// The output: Latin-1 bytes, switched to UTF-16 at the first wider unit.
enum Out {
    Latin1(Vec<u8>),
    Utf16(Vec<u16>),
}

impl Out {
    fn len(&self) -> usize {
        match self {
            Out::Latin1(b) => b.len(),
            Out::Utf16(u) => u.len(),
        }
    }

    fn truncate(&mut self, len: usize) {
        match self {
            Out::Latin1(b) => b.truncate(len),
            Out::Utf16(u) => u.truncate(len),
        }
    }

    fn ascii(&mut self, s: &[u8]) {
        match self {
            Out::Latin1(b) => b.extend_from_slice(s),
            Out::Utf16(u) => u.extend(s.iter().map(|&c| c as u16)),
        }
    }

    fn widen(&mut self) -> &mut Vec<u16> {
        if let Out::Latin1(b) = self {
            *self = Out::Utf16(b.iter().map(|&c| c as u16).collect());
        }
        match self {
            Out::Utf16(u) => u,
            Out::Latin1(_) => unreachable!("widened above"),
        }
    }

    fn units(&mut self, s: &[u16]) {
        if let Out::Latin1(b) = self {
            if s.iter().all(|&u| u < 0x100) {
                b.extend(s.iter().map(|&u| u as u8));
                return;
            }
        }
        self.widen().extend_from_slice(s);
    }

    fn unit(&mut self, u: u16) {
        match self {
            Out::Latin1(b) if u < 0x100 => b.push(u as u8),
            _ => self.widen().push(u),
        }
    }

    /// `\uXXXX` with lowercase hex digits (25.5.2.3 step 2.c / UnicodeEscape).
    fn unicode_escape(&mut self, u: u16) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let digits = [
            b'\\',
            b'u',
            HEX[(u >> 12) as usize & 15],
            HEX[(u >> 8) as usize & 15],
            HEX[(u >> 4) as usize & 15],
            HEX[u as usize & 15],
        ];
        self.ascii(&digits);
    }

    /// 25.5.2.3 QuoteJSONString ( value ) (#sec-quotejsonstring).
    fn quote(&mut self, s: StrView<'_>) {
        self.ascii(b"\"");
        match s {
            StrView::Latin1(bytes) => {
                let mut run = 0;
                for (i, &c) in bytes.iter().enumerate() {
                    if c >= 0x20 && c != b'"' && c != b'\\' {
                        continue;
                    }
                    self.latin1(&bytes[run..i]);
                    self.escape(c as u16);
                    run = i + 1;
                }
                self.latin1(&bytes[run..]);
            }
            StrView::Utf16(units) => {
                let mut i = 0;
                while i < units.len() {
                    let c = units[i];
                    match c {
                        0xD800..=0xDBFF
                            if units
                                .get(i + 1)
                                .is_some_and(|n| (0xDC00..=0xDFFF).contains(n)) =>
                        {
                            self.units(&units[i..i + 2]);
                            i += 2;
                            continue;
                        }
                        // Step 2.c: a lone surrogate is escaped.
                        0xD800..=0xDFFF => self.unicode_escape(c),
                        _ if c < 0x20 || c == 0x22 || c == 0x5C => self.escape(c),
                        _ => self.unit(c),
                    }
                    i += 1;
                }
            }
        }
        self.ascii(b"\"");
    }

    fn latin1(&mut self, s: &[u8]) {
        match self {
            Out::Latin1(b) => b.extend_from_slice(s),
            Out::Utf16(u) => u.extend(s.iter().map(|&c| c as u16)),
        }
    }

    /// Table 75 (JSON Single Character Escape Sequences), else `\u00XX`.
    fn escape(&mut self, c: u16) {
        match c {
            0x08 => self.ascii(b"\\b"),
            0x09 => self.ascii(b"\\t"),
            0x0A => self.ascii(b"\\n"),
            0x0C => self.ascii(b"\\f"),
            0x0D => self.ascii(b"\\r"),
            0x22 => self.ascii(b"\\\""),
            0x5C => self.ascii(b"\\\\"),
            _ => self.unicode_escape(c),
        }
    }
}

/// The JSON Serialization Record (Table 76), plus the output buffer.
struct State {
    /// [[ReplacerFunction]], undefined when absent.
    replacer: Value,
    /// [[PropertyList]] as rooted keys ([`key_to_root`]).
    property_list: Option<Gc<ValueList>>,
    /// [[Stack]]: the objects being serialized, as a set of addresses for
    /// cycle detection in constant time (they are alive: each is a local of
    /// a frame below).
    stack: HashSet<usize>,
    indent: Vec<u16>,
    gap: Vec<u16>,
    out: Out,
    to_json: PropertyKey,
}

/// 25.5.2 JSON.stringify ( value [ , replacer [ , space ] ] ).
pub(super) fn stringify(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (value, replacer, mut space) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let to_json = rt.key("toJSON")?;
    let mut state = State {
        replacer: Value::UNDEFINED,
        property_list: None,
        stack: HashSet::new(),
        indent: Vec::new(),
        gap: Vec::new(),
        out: Out::Latin1(Vec::new()),
        to_json,
    };
    // Step 4.
    if let Some(r) = replacer.as_object() {
        if r.is_callable() {
            state.replacer = replacer;
        } else if rt.is_array(replacer)? {
            // Step 4.b: the property list, without duplicates.
            let list = rt.alloc(ValueList::new())?;
            let len = rt.length_of_array_like(r)?;
            let mut k = 0.0;
            while k < len {
                let prop = rt.index_key(k)?;
                let v = rt.get(r, prop, replacer)?;
                let item = if v.is_string() {
                    Some(v)
                } else if v.is_number()
                    || v.as_object().is_some_and(|o| {
                        matches!(o.kind(), ObjectKind::String(_) | ObjectKind::Number(_))
                    })
                {
                    Some(Value::string(rt.to_string(v)?))
                } else {
                    None
                };
                if let Some(item) = item {
                    let s = rt.to_string(item)?;
                    let key = key_to_root(rt.property_key_from_string(s));
                    let seen =
                        (0..list.len()).any(|i| list.get(i).is_some_and(|x| same_key(x, key)));
                    if !seen {
                        list.push(key);
                    }
                }
                k += 1.0;
            }
            state.property_list = Some(list);
        }
    }
    // Step 5: Number and String objects give their primitive.
    if let Some(o) = space.as_object() {
        match o.kind() {
            ObjectKind::Number(_) => space = Value::number(rt.to_number(space)?),
            ObjectKind::String(_) => space = Value::string(rt.to_string(space)?),
            _ => {}
        }
    }
    // Steps 6-8: the gap, at most ten units.
    if space.is_number() {
        let n = rt.to_integer_or_infinity(space)?.min(10.0);
        if n >= 1.0 {
            state.gap = vec![0x20; n as usize];
        }
    } else if let Some(s) = space.as_string() {
        let v = s.view();
        state.gap = (0..v.len().min(10)).map(|i| v.at(i)).collect();
    }
    // Steps 9-10: the wrapper holds the value under "".
    let wrapper = rt.new_object()?;
    let empty = PropertyKey::String(rt.empty_string());
    rt.create_data_property_or_throw(wrapper, empty, value)?;
    // Step 12.
    if !serialize_property(rt, &mut state, empty, wrapper)? {
        return Ok(Value::UNDEFINED);
    }
    match &state.out {
        Out::Latin1(b) => Ok(Value::string(rt.new_string_latin1(b)?)),
        Out::Utf16(u) => Ok(Value::string(rt.new_string_utf16(u)?)),
    }
}

/// Keys from [`key_to_root`] are equal (atoms compare by address).
fn same_key(a: Value, b: Value) -> bool {
    match (a.as_string(), b.as_string()) {
        (Some(x), Some(y)) => x.equals(&y),
        (None, None) => a.as_number() == b.as_number(),
        _ => false,
    }
}

/// 25.5.2.2 SerializeJSONProperty ( state, key, holder )
/// (#sec-serializejsonproperty): writes the value's text and returns true,
/// or writes nothing and returns false for undefined.
fn serialize_property(
    rt: &mut Runtime,
    state: &mut State,
    key: PropertyKey,
    holder: Gc<JsObject>,
) -> JsResult<bool> {
    rt.check_stack()?;
    rt.poll_interrupt()?;
    if state.out.len() > MAX_STRING_LENGTH {
        return Err(rt.range_error("Invalid string length"));
    }
    // Step 1.
    let mut value = rt.get(holder, key, Value::object(holder))?;
    // Step 2: toJSON of an Object or a BigInt.
    if value.is_object() || value.is_bigint() {
        let to_json = rt.get_v(value, state.to_json)?;
        if to_json.as_object().is_some_and(|o| o.is_callable()) {
            let key_value = rt.property_key_to_value(key)?;
            value = rt.call(to_json, value, &[key_value])?;
        }
    }
    // Step 3.
    if !state.replacer.is_undefined() {
        let key_value = rt.property_key_to_value(key)?;
        value = rt.call(state.replacer, Value::object(holder), &[key_value, value])?;
    }
    // Step 4: unwrap Number, String, Boolean and BigInt objects.
    if let Some(o) = value.as_object() {
        match o.kind() {
            ObjectKind::Number(_) => value = Value::number(rt.to_number(value)?),
            ObjectKind::String(_) => value = Value::string(rt.to_string(value)?),
            ObjectKind::Boolean(b) => value = Value::from_bool(*b),
            ObjectKind::BigInt(b) => value = Value::bigint(*b),
            _ => {}
        }
    }
    // Steps 5-12.
    if value.is_null() {
        state.out.ascii(b"null");
    } else if let Some(b) = value.as_bool() {
        state.out.ascii(if b { b"true" } else { b"false" });
    } else if let Some(s) = value.as_string() {
        state.out.quote(s.view());
    } else if let Some(n) = value.as_number() {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            // Fast path: an integer (also -0, which prints as 0) is its
            // decimal digits, written without an intermediate String.
            write_integer(&mut state.out, n as i64);
        } else if n.is_finite() {
            state.out.ascii(number_to_string(n).as_bytes());
        } else {
            state.out.ascii(b"null");
        }
    } else if value.is_bigint() {
        return Err(rt.type_error("Do not know how to serialize a BigInt"));
    } else if let Some(o) = value.as_object().filter(|o| !o.is_callable()) {
        if rt.is_array(value)? {
            serialize_array(rt, state, o)?;
        } else {
            serialize_object(rt, state, o)?;
        }
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// Step 1 of SerializeJSONObject/Array: a cycle is a TypeError; then push.
fn enter(rt: &mut Runtime, state: &mut State, o: Gc<JsObject>) -> JsResult<usize> {
    if !state.stack.insert(o.addr()) {
        return Err(rt.type_error("Converting circular structure to JSON"));
    }
    let stepback = state.indent.len();
    let gap = state.gap.clone();
    state.indent.extend_from_slice(&gap);
    Ok(stepback)
}

/// A separator before a member or element: `,` after the first, and with a
/// gap a newline and the indent.
fn separator(state: &mut State, first: bool) {
    if !first {
        state.out.ascii(b",");
    }
    if !state.gap.is_empty() {
        state.out.ascii(b"\n");
        let State { out, indent, .. } = state;
        out.units(indent);
    }
}

/// The closing bracket: with a gap and members, on its own line at the
/// outer indent.
fn close(state: &mut State, o: Gc<JsObject>, stepback: usize, empty: bool, bracket: &[u8]) {
    state.stack.remove(&o.addr());
    state.indent.truncate(stepback);
    if !empty && !state.gap.is_empty() {
        state.out.ascii(b"\n");
        let State { out, indent, .. } = state;
        out.units(indent);
    }
    state.out.ascii(bracket);
}

/// 25.5.2.5 SerializeJSONObject ( state, value ) (#sec-serializejsonobject).
fn serialize_object(rt: &mut Runtime, state: &mut State, value: Gc<JsObject>) -> JsResult<()> {
    let stepback = enter(rt, state, value)?;
    // Steps 5-6.
    let keys = match state.property_list {
        Some(list) => list,
        None => enumerable_own_keys(rt, value)?,
    };
    state.out.ascii(b"{");
    let mut first = true;
    for i in 0..keys.len() {
        let key = root_to_key(keys.get(i).unwrap_or(Value::UNDEFINED));
        let mark = state.out.len();
        separator(state, first);
        let name = rt.property_key_to_value(key)?;
        if let Some(s) = name.as_string() {
            state.out.quote(s.view());
        }
        state.out.ascii(b":");
        if !state.gap.is_empty() {
            state.out.ascii(b" ");
        }
        if serialize_property(rt, state, key, value)? {
            first = false;
        } else {
            // Step 8.b: an undefined member is left out.
            state.out.truncate(mark);
        }
    }
    close(state, value, stepback, first, b"}");
    Ok(())
}

/// Writes the decimal digits of `n` (Number::toString of an integral
/// value below 10^15 in magnitude).
fn write_integer(out: &mut Out, n: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    out.ascii(&buf[i..]);
}

/// 25.5.2.6 SerializeJSONArray ( state, value ) (#sec-serializejsonarray).
fn serialize_array(rt: &mut Runtime, state: &mut State, value: Gc<JsObject>) -> JsResult<()> {
    let stepback = enter(rt, state, value)?;
    let len = rt.length_of_array_like(value)?;
    state.out.ascii(b"[");
    let mut index = 0.0;
    while index < len {
        if state.out.len() > MAX_STRING_LENGTH {
            return Err(rt.range_error("Invalid string length"));
        }
        separator(state, index == 0.0);
        let key = rt.index_key(index)?;
        if !serialize_property(rt, state, key, value)? {
            // Step 8.b: undefined elements print as null.
            state.out.ascii(b"null");
        }
        index += 1.0;
    }
    close(state, value, stepback, len == 0.0, b"]");
    Ok(())
}
