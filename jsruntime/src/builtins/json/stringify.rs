//! 25.5.2 JSON.stringify ( value [ , replacer [ , space ] ] )
//! (#sec-json.stringify): SerializeJSONProperty and its helpers write into
//! one growable buffer ([`Out`], Latin-1 until a wider unit comes).

use super::{enumerable_own_keys, key_to_root, root_to_key};
use crate::builtins::arg;
use crate::gc::{Gc, ValueList};
use crate::object::shape::{Shape, ShapeEntry};
use crate::object::{Attributes, JsObject, ObjectKind, PropertyKey, FLAG_EXOTIC};
use crate::runtime::inline_cache::{plain_named, FLAG_WATCHED, PROTO_EPOCH};
use crate::runtime::Runtime;
use crate::string::{JsString, StrView, MAX_STRING_LENGTH};
use crate::value::Value;
use crate::JsResult;
use std::collections::HashSet;
use std::sync::atomic::Ordering;

/// The Latin-1 units QuoteJSONString escapes: controls, `"` and `\\`.
static NEEDS_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// A mask with the high bit of each of the eight bytes of `x` that is below
/// 0x20, `"` or `\\` set (the bit tricks "has a byte less than n" and "has
/// a zero byte"). A borrow can flag a byte above a flagged one, so only the
/// lowest flagged byte is exact: zero means no byte needs escaping, and
/// otherwise the lowest flagged byte is the first one that does.
#[inline]
fn escape_mask(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    below_space | zero(x ^ (ONES * b'"' as u64)) | zero(x ^ (ONES * b'\\' as u64))
}

/// The index of the first byte of `bytes` from `i` on that QuoteJSONString
/// escapes, or `bytes.len()`.
#[inline]
fn next_escape(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let mask = escape_mask(u64::from_le_bytes(word));
        if mask != 0 {
            return i + (mask.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !NEEDS_ESCAPE[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// Prototype chains longer than this are not remembered by [`NoToJson`].
const MAX_CHAIN: usize = 8;

/// A remembered absence of `toJSON` on an object and its prototypes: an
/// object with this (shared, so immutable) shape and this [[Prototype]]
/// has no `toJSON` while the prototype-chain epoch is unchanged (every
/// prototype walked is watched: adding a property to one, or changing its
/// [[Prototype]], bumps the epoch; see `runtime/inline_cache`). The
/// shape and prototype are held here, inside the [`State`] on the native
/// stack, so they stay alive (no address reuse) during the call.
#[derive(Clone, Copy)]
struct NoToJson {
    shape: Gc<Shape>,
    proto: Value,
    epoch: u64,
}

/// Quoted member names followed by `:` by key (direct-mapped on the atom's
/// address), so a name repeated in every object of a document is copied,
/// not re-escaped.
/// The keys are held in this array, inside the [`State`] on the native
/// stack, so they stay alive (no address reuse) during the call.
struct KeyCache {
    keys: [Option<Gc<JsString>>; KEY_CACHE_ENTRIES],
    /// The quoted text of each key: a range of `text`.
    spans: [(u32, u32); KEY_CACHE_ENTRIES],
    text: Vec<u8>,
}

const KEY_CACHE_ENTRIES: usize = 64;
/// Names longer than this are not cached; the text is reset past 64 KiB.
const KEY_CACHE_MAX_NAME: usize = 64;
const KEY_CACHE_MAX_TEXT: usize = 1 << 16;

impl KeyCache {
    fn new() -> KeyCache {
        KeyCache {
            keys: [None; KEY_CACHE_ENTRIES],
            spans: [(0, 0); KEY_CACHE_ENTRIES],
            // GC: bytes, no references.
            text: Vec::new(),
        }
    }

    fn slot(name: Gc<JsString>) -> usize {
        let a = name.addr();
        ((a >> 4) ^ (a >> 10)) % KEY_CACHE_ENTRIES
    }

    /// Writes `name` quoted (QuoteJSONString) and then `:` to `out`.
    fn quote_member(&mut self, out: &mut Out, name: Gc<JsString>) {
        let Out::Latin1(buf) = out else {
            out.quote(name.view());
            out.ascii(b":");
            return;
        };
        let slot = Self::slot(name);
        if self.keys[slot] == Some(name) {
            let (start, end) = self.spans[slot];
            buf.extend_from_slice(&self.text[start as usize..end as usize]);
            return;
        }
        let start = buf.len();
        out.quote(name.view());
        out.ascii(b":");
        let Out::Latin1(buf) = out else {
            return;
        };
        let quoted = &buf[start..];
        if quoted.len() > KEY_CACHE_MAX_NAME {
            return;
        }
        if self.text.len() + quoted.len() > KEY_CACHE_MAX_TEXT {
            self.text.clear();
            self.keys = [None; KEY_CACHE_ENTRIES];
        }
        let from = self.text.len();
        self.text.extend_from_slice(quoted);
        self.keys[slot] = Some(name);
        self.spans[slot] = (from as u32, self.text.len() as u32);
    }
}

/// How many [`NoToJson`] entries a stringify call keeps (round robin).
const NO_TO_JSON_ENTRIES: usize = 4;

/// [[Stack]] entries kept in a vector (searched linearly); deeper ones go
/// to a hash set as well.
const SHALLOW_STACK: usize = 64;

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

    #[inline]
    fn byte(&mut self, c: u8) {
        match self {
            Out::Latin1(b) => b.push(c),
            Out::Utf16(u) => u.push(c as u16),
        }
    }

    #[inline]
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
                // Runs without escapes are copied whole.
                let mut run = 0;
                loop {
                    let i = next_escape(bytes, run);
                    let Some(&c) = bytes.get(i) else {
                        break;
                    };
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
    /// [[Stack]]: the addresses of the objects being serialized (they are
    /// alive: each is a local of a frame below), the first
    /// [`SHALLOW_STACK`] in order and the deeper ones in a set, so the cycle
    /// check is a short scan plus, when deep, a constant-time lookup.
    stack: Vec<usize>,
    deep_stack: HashSet<usize>,
    /// Shape entries of the objects being serialized (the fast path of
    /// [`serialize_object`]); each level uses the part it pushed.
    /// The keys stay alive through the shapes they came from, each held by
    /// a frame below (`serialize_plain_members`).
    // GC: keys of shapes held by the frames below
    entries: Vec<ShapeEntry>,
    indent: Vec<u16>,
    gap: Vec<u16>,
    out: Out,
    to_json: PropertyKey,
    no_to_json: [Option<NoToJson>; NO_TO_JSON_ENTRIES],
    no_to_json_next: usize,
    key_cache: KeyCache,
}

impl State {
    /// Whether `o` certainly has no `toJSON` (own or inherited), so step 2
    /// of SerializeJSONProperty can skip the Get: a remembered answer, or
    /// a walk of the chain remembered for the next object of that shape.
    /// False means "look it up".
    fn lacks_to_json(&mut self, rt: &mut Runtime, o: Gc<JsObject>) -> bool {
        let length = PropertyKey::String(rt.names.length);
        let key = self.to_json;
        let shape = o.shape();
        if shape.is_dictionary() || !plain_named(o, key, length) {
            return false;
        }
        let epoch = PROTO_EPOCH.load(Ordering::Relaxed);
        let proto = o.proto();
        if self
            .no_to_json
            .iter()
            .flatten()
            .any(|e| e.shape == shape && e.proto == proto && e.epoch == epoch)
        {
            return true;
        }
        if shape.lookup(key).is_some() {
            return false;
        }
        let mut chain = [o; MAX_CHAIN];
        let mut depth = 0;
        let mut p = proto;
        while let Some(obj) = p.as_object() {
            if depth == MAX_CHAIN
                || !plain_named(obj, key, length)
                || obj.shape().lookup(key).is_some()
            {
                return false;
            }
            chain[depth] = obj;
            depth += 1;
            p = obj.proto();
        }
        for &w in &chain[..depth] {
            if w.flags() & FLAG_WATCHED == 0 {
                rt.set_object_flags(w, FLAG_WATCHED, 0);
            }
        }
        let entry = NoToJson {
            shape,
            proto,
            epoch: PROTO_EPOCH.load(Ordering::Relaxed),
        };
        self.no_to_json[self.no_to_json_next] = Some(entry);
        self.no_to_json_next = (self.no_to_json_next + 1) % NO_TO_JSON_ENTRIES;
        true
    }
}

/// 25.5.2 JSON.stringify ( value [ , replacer [ , space ] ] ).
pub(super) fn stringify(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let (value, replacer, mut space) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let to_json = rt.key("toJSON")?;
    let mut state = State {
        replacer: Value::UNDEFINED,
        property_list: None,
        // GC: addresses of objects kept alive by the frames below.
        stack: Vec::new(),
        deep_stack: HashSet::new(),
        // GC: shape entries, whose keys the shapes held by the frames below
        // keep alive.
        entries: Vec::new(),
        indent: Vec::new(),
        gap: Vec::new(),
        out: Out::Latin1(Vec::new()),
        to_json,
        no_to_json: [None; NO_TO_JSON_ENTRIES],
        no_to_json_next: 0,
        key_cache: KeyCache::new(),
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
    match std::mem::replace(&mut state.out, Out::Latin1(Vec::new())) {
        Out::Latin1(b) => Ok(Value::string(rt.new_string_latin1_vec(b)?)),
        Out::Utf16(u) => Ok(Value::string(rt.new_string_utf16(&u)?)),
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
    // Step 1.
    let value = rt.get(holder, key, Value::object(holder))?;
    serialize_value(rt, state, key, holder, value)
}

/// SerializeJSONProperty from step 2, with `value` the result of step 1's
/// Get(holder, key) (the callers read plain data properties directly).
fn serialize_value(
    rt: &mut Runtime,
    state: &mut State,
    key: PropertyKey,
    holder: Gc<JsObject>,
    mut value: Value,
) -> JsResult<bool> {
    rt.check_stack()?;
    rt.poll_interrupt()?;
    if state.out.len() > MAX_STRING_LENGTH {
        return Err(rt.range_error("Invalid string length"));
    }
    // Step 2: toJSON of an Object or a BigInt.
    let skip = value
        .as_object()
        .is_some_and(|o| state.lacks_to_json(rt, o));
    if !skip && (value.is_object() || value.is_bigint()) {
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
            if !write_short_decimal(&mut state.out, n) {
                // Number::toString of the rest (not 0: that is integral) is
                // ryu-js's shortest form, formatted in a stack buffer.
                state.out.ascii(ryu_js::Buffer::new().format(n).as_bytes());
            }
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
    let addr = o.addr();
    if state.stack.contains(&addr)
        || (!state.deep_stack.is_empty() && state.deep_stack.contains(&addr))
    {
        return Err(rt.type_error("Converting circular structure to JSON"));
    }
    if state.stack.len() < SHALLOW_STACK {
        state.stack.push(addr);
    } else {
        state.deep_stack.insert(addr);
    }
    let stepback = state.indent.len();
    let gap = state.gap.clone();
    state.indent.extend_from_slice(&gap);
    Ok(stepback)
}

/// A separator before a member or element: `,` after the first, and with a
/// gap a newline and the indent.
#[inline]
fn separator(state: &mut State, first: bool) {
    if !first {
        state.out.byte(b',');
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
    // Last in, first out: the deep set empties before the vector shrinks.
    if state.deep_stack.is_empty() {
        state.stack.pop();
    } else {
        state.deep_stack.remove(&o.addr());
    }
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
    if state.property_list.is_none() {
        if let Some(empty) = serialize_plain_members(rt, state, value)? {
            close(state, value, stepback, empty, b"}");
            return Ok(());
        }
    }
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

/// Steps 5-10 of SerializeJSONObject for an ordinary object without
/// elements, exotic behaviour or a dictionary shape, without a property
/// list: EnumerableOwnProperties is its shape's enumerable string keys in
/// order (no code runs to list them), and each Get of a data property is a
/// slot read while the object keeps that shape (a toJSON, replacer or
/// getter that changes it sends the remaining reads through [[Get]]).
/// Writes `{` and the members and returns whether there was none; None
/// (nothing written) when the object is not of that kind. The shape, a
/// local, keeps the keys alive.
fn serialize_plain_members(
    rt: &mut Runtime,
    state: &mut State,
    value: Gc<JsObject>,
) -> JsResult<Option<bool>> {
    let shape = value.shape();
    if !matches!(value.kind(), ObjectKind::Ordinary)
        || value.exotic_methods().is_some()
        || shape.is_dictionary()
        || !(value.has_no_element_storage() || value.element_indices().is_empty())
    {
        return Ok(None);
    }
    let start = state.entries.len();
    // The shape chain from the last property added back to the root, then
    // reversed into insertion order (what `Shape::entries` does, without
    // allocating).
    let mut cur = Some(shape);
    while let Some(sh) = cur {
        if let Some(e) = sh.last_entry() {
            if !e.key.is_symbol() && e.attrs.0 & Attributes::ENUMERABLE != 0 {
                state.entries.push(e);
            }
        }
        cur = sh.parent();
    }
    let end = state.entries.len();
    state.entries[start..end].reverse();
    state.out.ascii(b"{");
    let mut first = true;
    let mut result = Ok(());
    for i in start..end {
        let e = state.entries[i];
        let PropertyKey::String(name) = e.key else {
            continue;
        };
        let mark = state.out.len();
        separator(state, first);
        let State { out, key_cache, .. } = &mut *state;
        key_cache.quote_member(out, name);
        if !state.gap.is_empty() {
            state.out.ascii(b" ");
        }
        let v = if value.shape() == shape && !e.attrs.is_accessor() {
            value.slot(e.slot)
        } else {
            match rt.get(value, e.key, Value::object(value)) {
                Ok(v) => v,
                Err(err) => {
                    result = Err(err);
                    break;
                }
            }
        };
        match serialize_value(rt, state, e.key, value, v) {
            Ok(true) => first = false,
            // Step 8.b: an undefined member is left out.
            Ok(false) => state.out.truncate(mark),
            Err(err) => {
                result = Err(err);
                break;
            }
        }
    }
    state.entries.truncate(start);
    // Keep the shape (and so its keys) alive to here.
    std::hint::black_box(shape);
    result?;
    Ok(Some(first))
}

/// Powers of ten, exact as doubles.
const POW10: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];

/// Writes Number::toString of a finite non-integral `n` (6.1.6.1.20
/// Number::toString, #sec-numeric-types-number-tostring) when it has at
/// most six fractional digits and its digits stay below 2^50, and returns
/// whether it did (false: nothing written).
///
/// For k = 1, 2, ... take m = round(|n| * 10^k); if m / 10^k (one correctly
/// rounded division of exact doubles, so the same double as reading the
/// decimal m * 10^-k) is |n|, that decimal round-trips. Below 2^50 the
/// product is within 3/8 of any integer whose decimal round-trips, so the
/// first such k is the fewest fractional digits, hence the fewest
/// significant digits (m does not end in 0: m / 10 would have been found
/// one k earlier), and the only candidate at that k (so the closest).
/// With k <= 6 and |n| < 2^50 the exponent is in (-6, 21]: fixed notation.
fn write_short_decimal(out: &mut Out, n: f64) -> bool {
    let a = n.abs();
    for (k, &p) in POW10.iter().enumerate().skip(1) {
        let scaled = a * p;
        if scaled >= (1u64 << 50) as f64 {
            return false;
        }
        let m = scaled.round();
        if m / p != a {
            continue;
        }
        let mut digits = [0u8; 16];
        let mut len = 0;
        let mut v = m as u64;
        while v != 0 {
            digits[len] = b'0' + (v % 10) as u8;
            v /= 10;
            len += 1;
        }
        // digits[..len] holds the digits of m, least significant first.
        let mut buf = [0u8; 32];
        let mut w = 0;
        let mut put = |c: u8| {
            buf[w] = c;
            w += 1;
        };
        if n < 0.0 {
            put(b'-');
        }
        if len > k {
            for &d in digits[k..len].iter().rev() {
                put(d);
            }
        } else {
            put(b'0');
        }
        put(b'.');
        for _ in len..k {
            put(b'0');
        }
        for &d in digits[..len.min(k)].iter().rev() {
            put(d);
        }
        out.ascii(&buf[..w]);
        return true;
    }
    false
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

/// The value of a present plain dense element of an array without exotic
/// behaviour (whose Get runs no code).
fn dense_element(o: Gc<JsObject>, key: PropertyKey) -> Option<Value> {
    let PropertyKey::Index(i) = key else {
        return None;
    };
    if !matches!(o.kind(), ObjectKind::Array) || o.flags() & FLAG_EXOTIC != 0 {
        return None;
    }
    o.dense_element(i)
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
        // Step 1's Get of a present plain dense element is a read.
        let written = match dense_element(value, key) {
            Some(v) => serialize_value(rt, state, key, value, v)?,
            None => serialize_property(rt, state, key, value)?,
        };
        if !written {
            // Step 8.b: undefined elements print as null.
            state.out.ascii(b"null");
        }
        index += 1.0;
    }
    close(state, value, stepback, len == 0.0, b"]");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(n: f64) -> Option<String> {
        let mut out = Out::Latin1(Vec::new());
        if !write_short_decimal(&mut out, n) {
            return None;
        }
        match out {
            Out::Latin1(b) => Some(String::from_utf8(b).unwrap()),
            Out::Utf16(_) => None,
        }
    }

    #[test]
    fn short_decimals_match_number_to_string() {
        let mut seed: u64 = 7;
        let mut values = vec![0.1, 0.2 + 0.1, 1e-6, 1.5e-6, 0.000001, 123.45, 1e14 + 0.5];
        for i in 1..20000u64 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = POW10[(seed >> 60) as usize % 7];
            values.push((seed >> 20) as f64 % 1e9 / k);
            values.push(i as f64 / 100.0);
            values.push(-(i as f64) / 1000.0);
            values.push(f64::from_bits(seed >> 2));
        }
        let mut written = 0;
        for v in values {
            if !v.is_finite() || v.fract() == 0.0 {
                continue;
            }
            if let Some(s) = short(v) {
                assert_eq!(s, ryu_js::Buffer::new().format(v), "{v:e}");
                written += 1;
            }
        }
        assert!(written > 30000);
    }

    #[test]
    fn next_escape_finds_the_first() {
        let text = b"abcdefgh\"ijklmnopqrstuvwxyz\\0123456789\x1f";
        let mut found = vec![];
        let mut i = 0;
        while i < text.len() {
            i = next_escape(text, i);
            if i < text.len() {
                found.push(i);
            }
            i += 1;
        }
        assert_eq!(found, vec![8, 27, 38]);
        assert_eq!(next_escape(b"\xff\x80\x7f \xe9\xe9\xe9\xe9\xe9!", 0), 10);
    }
}
