//! 25.5.1 JSON.parse ( text [ , reviver ] ) (#sec-json.parse): a strict
//! ECMA-404 parser over the code units of the string, and
//! InternalizeJSONProperty (#sec-internalizejsonproperty) for the reviver.

use super::{enumerable_own_keys, root_to_key};
use crate::builtins::arg;
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, PropertyKey, StoredProperty};
use crate::runtime::Runtime;
use crate::string::builder::StringBuilder;
use crate::string::StrView;
use crate::value::Value;
use crate::JsResult;

/// 25.5.1 JSON.parse ( text [ , reviver ] ).
pub(super) fn parse(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // Steps 1-2: the string, then its code units.
    let text = rt.to_string(arg(args, 0))?;
    let mut parser = Parser {
        src: text.view(),
        pos: 0,
        cache: StringCache::new(rt),
    };
    // Steps 3-9: the text must be a JSON value, evaluated like a literal.
    let unfiltered = parser.parse_text(rt)?;
    let reviver = arg(args, 1);
    // Step 10: with a callable reviver, walk the result from a root holder.
    if reviver.as_object().is_some_and(|o| o.is_callable()) {
        let root = rt.new_object()?;
        let empty = PropertyKey::String(rt.empty_string());
        rt.create_data_property_or_throw(root, empty, unfiltered)?;
        return internalize(rt, reviver, root, empty);
    }
    Ok(unfiltered)
}

/// JSON.parse(text) without a reviver, for JSON modules (ParseJSONModule).
pub(crate) fn parse_text(rt: &mut Runtime, text: Value) -> JsResult<Value> {
    parse(rt, Value::UNDEFINED, &[text])
}

/// 25.5.1.1 InternalizeJSONProperty ( holder, name, reviver ).
fn internalize(
    rt: &mut Runtime,
    reviver: Value,
    holder: Gc<JsObject>,
    name: PropertyKey,
) -> JsResult<Value> {
    rt.check_stack()?;
    // Step 1.
    let val = rt.get(holder, name, Value::object(holder))?;
    // Step 2.
    if let Some(obj) = val.as_object() {
        if rt.is_array(val)? {
            // Step 2.b: every index below the length.
            let len = rt.length_of_array_like(obj)?;
            let mut i = 0.0;
            while i < len {
                let prop = rt.index_key(i)?;
                revive_element(rt, reviver, obj, prop)?;
                i += 1.0;
            }
        } else {
            // Step 2.c: the enumerable own string keys.
            let keys = enumerable_own_keys(rt, obj)?;
            for i in 0..keys.len() {
                let prop = root_to_key(keys.get(i).unwrap_or(Value::UNDEFINED));
                revive_element(rt, reviver, obj, prop)?;
            }
        }
    }
    // Step 3: Call(reviver, holder, « name, val »).
    let name_value = rt.property_key_to_value(name)?;
    rt.call(reviver, Value::object(holder), &[name_value, val])
}

/// Steps 2.b.ii.1-3 / 2.c.ii.1-3: replace or delete one member; failures
/// of [[Delete]] and CreateDataProperty are ignored.
fn revive_element(
    rt: &mut Runtime,
    reviver: Value,
    obj: Gc<JsObject>,
    prop: PropertyKey,
) -> JsResult<()> {
    let new_element = internalize(rt, reviver, obj, prop)?;
    if new_element.is_undefined() {
        rt.delete(obj, prop)?;
    } else {
        rt.create_data_property(obj, prop, new_element)?;
    }
    Ok(())
}

/// A recursive-descent parser over code units; one native frame per nesting
/// level, guarded by `check_stack`.
struct Parser<'a> {
    src: StrView<'a>,
    pos: usize,
    cache: StringCache<'a>,
}

/// Short strings met before in this text, by their source bytes (a
/// Latin-1 text, no escape): property keys as keys, values as strings.
/// Sharing one immutable string is unobservable and saves an allocation
/// and, for keys, the interning per occurrence. The strings are held by a
/// rooted list; the cache stops growing at `MAX_ENTRIES`. The maps use
/// hashbrown's default hasher (foldhash, not SipHash: the keys come from
/// one text and the table is bounded, and SipHash was 16 % of a parse).
struct StringCache<'a> {
    // GC: every key's atom is also pushed on `roots` when it is inserted.
    keys: hashbrown::HashMap<&'a [u8], PropertyKey>,
    // GC: every string is also pushed on `roots` when it is inserted.
    values: hashbrown::HashMap<&'a [u8], Gc<crate::string::JsString>>,
    roots: crate::gc::rooted_list::RootedList<Value>,
}

impl<'a> StringCache<'a> {
    const MAX_LEN: usize = 32;
    const MAX_ENTRIES: usize = 4096;

    fn new(rt: &Runtime) -> Self {
        StringCache {
            keys: hashbrown::HashMap::new(),
            values: hashbrown::HashMap::new(),
            roots: rt.rooted_list(),
        }
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u16> {
        (self.pos < self.src.len()).then(|| self.src.at(self.pos))
    }

    /// JSON white space: tab, line feed, carriage return, space (ECMA-404 §4).
    fn skip_ws(&mut self) {
        if let StrView::Latin1(b) = self.src {
            while let Some(b'\t' | b'\n' | b'\r' | b' ') = b.get(self.pos) {
                self.pos += 1;
            }
            return;
        }
        while let Some(0x09 | 0x0A | 0x0D | 0x20) = self.peek() {
            self.pos += 1;
        }
    }

    /// A SyntaxError naming the unit at the current position.
    fn error(&self, rt: &mut Runtime) -> crate::Thrown {
        let message = match self.peek() {
            None => "Unexpected end of JSON input".to_owned(),
            Some(u) => {
                let c = char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
                format!("Unexpected token '{c}' in JSON at position {}", self.pos)
            }
        };
        rt.syntax_error(&message)
    }

    fn expect(&mut self, rt: &mut Runtime, unit: u8) -> JsResult<()> {
        if self.peek() == Some(unit as u16) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(rt))
        }
    }

    /// JSONText: one value, white space around it, nothing else.
    fn parse_text(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        let v = self.parse_value(rt)?;
        self.skip_ws();
        if self.pos != self.src.len() {
            return Err(self.error(rt));
        }
        Ok(v)
    }

    fn parse_value(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        rt.poll_interrupt()?;
        self.skip_ws();
        match self.peek() {
            Some(0x7B) => self.parse_object(rt),
            Some(0x5B) => self.parse_array(rt),
            Some(0x22) => Ok(Value::string(self.parse_string_value(rt)?)),
            Some(0x2D | 0x30..=0x39) => self.parse_number(rt),
            Some(0x74) => self.parse_literal(rt, b"true", Value::TRUE),
            Some(0x66) => self.parse_literal(rt, b"false", Value::FALSE),
            Some(0x6E) => self.parse_literal(rt, b"null", Value::NULL),
            _ => Err(self.error(rt)),
        }
    }

    fn parse_literal(&mut self, rt: &mut Runtime, word: &[u8], v: Value) -> JsResult<Value> {
        for &b in word {
            self.expect(rt, b)?;
        }
        Ok(v)
    }

    fn parse_object(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        rt.check_stack()?;
        self.pos += 1;
        let obj = rt.new_object()?;
        self.skip_ws();
        if self.peek() == Some(0x7D) {
            self.pos += 1;
            return Ok(Value::object(obj));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(0x22) {
                return Err(self.error(rt));
            }
            let key = self.parse_key(rt)?;
            self.skip_ws();
            self.expect(rt, b':')?;
            let v = self.parse_value(rt)?;
            // A later duplicate replaces the earlier one; `__proto__` is an
            // ordinary data property here. Fast path for
            // CreateDataPropertyOrThrow: `obj` is a new, extensible,
            // ordinary object no code has seen, whose own properties are
            // all writable, enumerable, configurable data properties, so
            // the definition always succeeds and is a store.
            rt.store_property(obj, key, StoredProperty::Data(v, Attributes::DEFAULT_DATA))?;
            self.skip_ws();
            match self.peek() {
                Some(0x2C) => self.pos += 1,
                Some(0x7D) => {
                    self.pos += 1;
                    return Ok(Value::object(obj));
                }
                _ => return Err(self.error(rt)),
            }
        }
    }

    fn parse_array(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        rt.check_stack()?;
        self.pos += 1;
        let arr = rt.new_array(0)?;
        self.skip_ws();
        if self.peek() == Some(0x5D) {
            self.pos += 1;
            return Ok(Value::object(arr));
        }
        let mut index: u32 = 0;
        loop {
            let v = self.parse_value(rt)?;
            if index == u32::MAX {
                rt.create_data_property_or_throw(arr, PropertyKey::Index(index), v)?;
            } else {
                // Fast path for CreateDataPropertyOrThrow on a new Array
                // no code has seen: the element is appended, the length
                // follows.
                let prop = StoredProperty::Data(v, Attributes::DEFAULT_DATA);
                rt.store_property(arr, PropertyKey::Index(index), prop)?;
                rt.set_array_length_raw(arr, index + 1);
            }
            index = index.saturating_add(1);
            self.skip_ws();
            match self.peek() {
                Some(0x2C) => self.pos += 1,
                Some(0x5D) => {
                    self.pos += 1;
                    return Ok(Value::object(arr));
                }
                _ => return Err(self.error(rt)),
            }
        }
    }

    /// The Latin-1 source bytes of a short string without escapes at the
    /// opening quote (the position is left there).
    fn plain_bytes(&self) -> Option<&'a [u8]> {
        let StrView::Latin1(b) = self.src else {
            return None;
        };
        let start = self.pos + 1;
        let rest = b.get(start..)?;
        let limit = rest.len().min(StringCache::MAX_LEN + 1);
        let end = rest[..limit].iter().position(|&c| c == b'"')?;
        let bytes = &rest[..end];
        bytes
            .iter()
            .all(|&c| c >= 0x20 && c != b'\\')
            .then_some(bytes)
    }

    /// A member name: a string, as a property key.
    fn parse_key(&mut self, rt: &mut Runtime) -> JsResult<PropertyKey> {
        let bytes = self.plain_bytes();
        if let Some(key) = bytes.and_then(|b| self.cache.keys.get(b)) {
            self.pos += bytes.map_or(0, |b| b.len()) + 2;
            return Ok(*key);
        }
        let name = self.parse_string(rt)?;
        // `key` is a native local, found by the conservative stack scan.
        let key = rt.property_key_from_string(name);
        if let Some(b) = bytes {
            if self.cache.keys.len() < StringCache::MAX_ENTRIES {
                if let PropertyKey::String(atom) = key {
                    self.cache.roots.push(Value::string(atom));
                }
                self.cache.keys.insert(b, key);
            }
        }
        Ok(key)
    }

    /// A string value.
    fn parse_string_value(&mut self, rt: &mut Runtime) -> JsResult<Gc<crate::string::JsString>> {
        let bytes = self.plain_bytes();
        if let Some(s) = bytes.and_then(|b| self.cache.values.get(b)) {
            self.pos += bytes.map_or(0, |b| b.len()) + 2;
            return Ok(*s);
        }
        let s = self.parse_string(rt)?;
        if let Some(b) = bytes {
            if self.cache.values.len() < StringCache::MAX_ENTRIES {
                self.cache.roots.push(Value::string(s));
                self.cache.values.insert(b, s);
            }
        }
        Ok(s)
    }

    /// A JSON string from the opening quote; unescaped runs are copied as
    /// they are, escapes decoded, control characters rejected.
    fn parse_string(&mut self, rt: &mut Runtime) -> JsResult<Gc<crate::string::JsString>> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escape before the closing quote.
        if let StrView::Latin1(b) = self.src {
            // Skip to the first unit that is not plain string text.
            let rest = b.get(start..).unwrap_or_default();
            self.pos += rest
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                .unwrap_or(rest.len());
        }
        loop {
            match self.peek() {
                Some(0x22) => {
                    let end = self.pos;
                    self.pos += 1;
                    return match self.src {
                        StrView::Latin1(b) => rt.new_string_latin1(&b[start..end]),
                        StrView::Utf16(u) => rt.new_string_utf16(&u[start..end]),
                    };
                }
                Some(0x5C) => break,
                Some(u) if u >= 0x20 => self.pos += 1,
                _ => return Err(self.error(rt)),
            }
        }
        // Slow path: unescaped runs copied as they are into a builder that
        // stays Latin-1 until a wider unit.
        // GC: code units, no references.
        let mut out = StringBuilder::Latin1(Vec::with_capacity((self.pos - start) * 2 + 16));
        let mut run = start;
        loop {
            match self.peek() {
                Some(0x22) => {
                    out.push_view(self.slice(run, self.pos));
                    self.pos += 1;
                    return match out {
                        // Short results are stored inline in the cell.
                        StringBuilder::Latin1(b) => rt.new_string_latin1(&b),
                        StringBuilder::Utf16(u) => rt.new_string_utf16(&u),
                    };
                }
                Some(0x5C) => {
                    out.push_view(self.slice(run, self.pos));
                    self.pos += 1;
                    let unit = match self.peek() {
                        Some(0x22) => 0x22,
                        Some(0x5C) => 0x5C,
                        Some(0x2F) => 0x2F,
                        Some(0x62) => 0x08,
                        Some(0x66) => 0x0C,
                        Some(0x6E) => 0x0A,
                        Some(0x72) => 0x0D,
                        Some(0x74) => 0x09,
                        Some(0x75) => {
                            let mut value: u16 = 0;
                            for _ in 0..4 {
                                self.pos += 1;
                                let digit = self
                                    .peek()
                                    .and_then(|u| char::from_u32(u as u32))
                                    .and_then(|c| c.to_digit(16));
                                match digit {
                                    Some(d) => value = value * 16 + d as u16,
                                    None => return Err(self.error(rt)),
                                }
                            }
                            value
                        }
                        _ => return Err(self.error(rt)),
                    };
                    self.pos += 1;
                    run = self.pos;
                    out.push_units(&[unit]);
                }
                Some(u) if u >= 0x20 => self.pos += 1,
                _ => return Err(self.error(rt)),
            }
        }
    }

    /// The source units from `from` to `to`.
    fn slice(&self, from: usize, to: usize) -> StrView<'a> {
        match self.src {
            StrView::Latin1(b) => StrView::Latin1(&b[from..to]),
            StrView::Utf16(u) => StrView::Utf16(&u[from..to]),
        }
    }

    /// ECMA-404 number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`,
    /// converted with correct rounding.
    fn parse_number(&mut self, rt: &mut Runtime) -> JsResult<Value> {
        let start = self.pos;
        let is_digit = |u: Option<u16>| matches!(u, Some(0x30..=0x39));
        if self.peek() == Some(0x2D) {
            self.pos += 1;
        }
        match self.peek() {
            Some(0x30) => self.pos += 1,
            Some(0x31..=0x39) => {
                while is_digit(self.peek()) {
                    self.pos += 1;
                }
            }
            _ => return Err(self.error(rt)),
        }
        let int_end = self.pos;
        if self.peek() == Some(0x2E) {
            self.pos += 1;
            if !is_digit(self.peek()) {
                return Err(self.error(rt));
            }
            while is_digit(self.peek()) {
                self.pos += 1;
            }
        }
        if let Some(0x45 | 0x65) = self.peek() {
            self.pos += 1;
            if let Some(0x2B | 0x2D) = self.peek() {
                self.pos += 1;
            }
            if !is_digit(self.peek()) {
                return Err(self.error(rt));
            }
            while is_digit(self.peek()) {
                self.pos += 1;
            }
        }
        let end = self.pos;
        // Short integers without fraction or exponent are exact as i64.
        let negative = self.src.at(start) == 0x2D;
        let digits_start = start + usize::from(negative);
        if end == int_end && end - digits_start <= 15 {
            let mut n: i64 = 0;
            for i in digits_start..end {
                n = n * 10 + (self.src.at(i) - 0x30) as i64;
            }
            let d = n as f64;
            return Ok(Value::number(if negative { -d } else { d }));
        }
        if let Some(n) = self.exact_decimal(digits_start, int_end, end) {
            return Ok(Value::number(if negative { -n } else { n }));
        }
        // The number's units are ASCII: read them in place when the text
        // is Latin-1.
        let parsed = match self.src {
            StrView::Latin1(b) => std::str::from_utf8(&b[start..end])
                .ok()
                .and_then(|t| t.parse::<f64>().ok()),
            StrView::Utf16(_) => {
                // GC: a Rust String.
                let text: String = (start..end).map(|i| self.src.at(i) as u8 as char).collect();
                text.parse::<f64>().ok()
            }
        };
        Ok(Value::number(parsed.unwrap_or(f64::NAN)))
    }

    /// The magnitude of a number whose digits (integer part from `digits`
    /// to `int_end`, then `.` and a fraction, then an exponent, up to
    /// `end`) are at most 15 significant digits scaled by a power of ten
    /// of at most 22 either way: both are exact doubles, so one
    /// multiplication or division is the correctly rounded value (the
    /// "fast path" of Clinger's algorithm). None otherwise.
    fn exact_decimal(&self, digits: usize, int_end: usize, end: usize) -> Option<f64> {
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let mut m: u64 = 0;
        let mut count = 0;
        let mut scale: i64 = 0;
        let mut i = digits;
        while i < end {
            let u = self.src.at(i);
            match u {
                0x30..=0x39 => {
                    // Leading zeros (of "0.000123") do not count.
                    if m != 0 || u != 0x30 {
                        count += 1;
                        if count > 15 {
                            return None;
                        }
                    }
                    m = m * 10 + (u - 0x30) as u64;
                    if i > int_end {
                        scale -= 1;
                    }
                }
                0x2E => {}
                _ => break,
            }
            i += 1;
        }
        if i < end {
            // The exponent, after `e` or `E` and an optional sign.
            i += 1;
            let negative = self.src.at(i) == 0x2D;
            if matches!(self.src.at(i), 0x2B | 0x2D) {
                i += 1;
            }
            let mut e: i64 = 0;
            while i < end {
                e = (e * 10 + (self.src.at(i) - 0x30) as i64).min(1 << 20);
                i += 1;
            }
            scale += if negative { -e } else { e };
        }
        let p = *POW10.get(scale.unsigned_abs() as usize)?;
        let m = m as f64;
        Some(if scale >= 0 { m * p } else { m / p })
    }
}
