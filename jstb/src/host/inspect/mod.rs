//! Values as text, as node's `util.inspect` prints them (node's
//! lib/internal/util/inspect.js: formatValue, formatRaw,
//! reduceToSingleString, groupArrayElements; the function names below
//! follow it). Where this and node differ, node's output is right.
//!
//! The inspector runs no user code except where node does too (reading
//! `constructor`, `name`, `message`, `stack`, `Symbol.toStringTag`);
//! accessors print as `[Getter]`/`[Setter]`, proxies as their target.
//! GC: every object visited is pushed on a rooted list for the duration of
//! one `inspect` call, so a getter that mutates the graph cannot free a
//! value the inspector still holds.

use jsruntime::conversions::to_boolean;
use jsruntime::gc::{Gc, RootedList};
use jsruntime::object::{JsObject, PropertyKey};
use jsruntime::runtime::introspect::{BinaryData, FunctionKind, PromiseInfo, Slots};
use jsruntime::runtime::Intrinsic;
use jsruntime::symbol::WellKnownSymbol;
use jsruntime::{JsResult, Runtime, Value};

mod layout;

/// The options of one inspection (node's `inspect` options).
#[derive(Clone, Copy)]
pub struct Options {
    /// How deep nested objects are shown (`None`: no limit).
    pub depth: Option<usize>,
    /// Show non-enumerable properties too.
    pub show_hidden: bool,
    /// The line width entries are grouped within.
    pub break_length: usize,
    /// node's `compact` (a number; 3 by default).
    pub compact: usize,
    /// Array and collection items shown at most.
    pub max_array_length: usize,
    /// String characters shown at most.
    pub max_string_length: usize,
    /// ANSI colours (node's `inspect.styles`).
    pub colors: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            depth: Some(2),
            show_hidden: false,
            break_length: 80,
            compact: 3,
            max_array_length: 100,
            max_string_length: 10000,
            colors: false,
        }
    }
}

/// `util.inspect(value, options)`.
pub fn inspect(rt: &mut Runtime, v: Value, opts: Options) -> String {
    let keep = rt.rooted_list();
    let mut ctx = Ctx {
        rt,
        opts,
        indentation_lvl: 0,
        current_depth: 0,
        seen: Vec::new(),
        circular: Vec::new(),
        keep,
        budget: std::collections::HashMap::new(),
        exhausted: false,
    };
    ctx.keep.push(v);
    ctx.format_value(v, 0)
}

/// Objects nested deeper than this stop the inspection (node stops where
/// its stack ends; the output of such a structure grows with the square of
/// its depth).
const MAX_NESTING: usize = 1000;

/// Output characters after which nested objects print as `[Object]`
/// (node's `ctx.budget`, 2^27).
const BUDGET: usize = 1 << 27;

/// Whether the elements of an array, Map or Set, or the properties of an
/// object, are being formatted (node's kArrayExtrasType/kObjectType).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extras {
    Object,
    Array,
}

struct Ctx<'a> {
    rt: &'a mut Runtime,
    opts: Options,
    indentation_lvl: usize,
    current_depth: usize,
    /// The objects being formatted, outermost first.
    seen: Vec<Gc<JsObject>>,
    /// The objects found to be circular, with their reference number.
    circular: Vec<(Gc<JsObject>, usize)>,
    /// Keeps every value met alive (see the module docs).
    keep: RootedList<Value>,
    /// Output length per indentation level (node's `ctx.budget`).
    budget: std::collections::HashMap<usize, usize>,
    /// The budget ran out: every object prints as `[Object]`.
    exhausted: bool,
}

/// The styles of node's `inspect.styles` that have a colour.
#[derive(Clone, Copy)]
enum Style {
    Special,
    Number,
    Boolean,
    Undefined,
    Null,
    String,
    Symbol,
    Date,
    RegExp,
}

/// The ANSI start and end codes of a style.
fn style_codes(style: Style) -> (u8, u8) {
    match style {
        Style::Special => (36, 39),
        Style::Number | Style::Boolean => (33, 39),
        Style::Undefined => (90, 39),
        Style::Null => (1, 22),
        Style::String | Style::Symbol => (32, 39),
        Style::Date => (35, 39),
        Style::RegExp => (31, 39),
    }
}

/// The length of `s` as shown: without ANSI colour codes.
pub fn visible_len(s: &str) -> usize {
    if !s.contains('\u{1b}') {
        return js_len(s);
    }
    let mut n = 0;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            n += c.len_utf16();
        }
    }
    n
}

/// Whether console output to standard output (`stderr`: standard error)
/// is coloured: a terminal, and neither `NO_COLOR` nor
/// `NODE_DISABLE_COLORS` set (`FORCE_COLOR` forces colours), as node.
pub fn colors_for(stderr: bool) -> bool {
    use std::io::IsTerminal as _;
    let env = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if let Some(v) = std::env::var_os("FORCE_COLOR") {
        return v != "0";
    }
    if env("NO_COLOR") || env("NODE_DISABLE_COLORS") {
        return false;
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return false;
    }
    if stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    }
}

/// A UTF-16 string as Rust text.
fn utf16_text(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

/// The number of UTF-16 code units of `s` (node measures lengths in
/// code units).
fn js_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// node's `strEscape`: quotes a string, choosing single quotes unless the
/// string contains some and no double quotes (then double quotes), or
/// both (then backticks when possible).
pub fn str_escape(units: &[u16]) -> String {
    let has = |c: u8| units.contains(&(c as u16));
    let mut quote = b'\'';
    if has(b'\'') {
        if !has(b'"') {
            quote = b'"';
        } else if !has(b'`') && !contains_seq(units, &[b'$' as u16, b'{' as u16]) {
            quote = b'`';
        }
    }
    let mut out = String::with_capacity(units.len() + 2);
    out.push(quote as char);
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        match u {
            0x27 if quote == b'\'' => out.push_str("\\'"),
            0x5c => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            0x09 => out.push_str("\\t"),
            0x0a => out.push_str("\\n"),
            0x0c => out.push_str("\\f"),
            0x0d => out.push_str("\\r"),
            0x00..=0x1f | 0x7f..=0x9f => out.push_str(&format!("\\x{u:02X}")),
            0xd800..=0xdbff if i + 1 < units.len() && (0xdc00..=0xdfff).contains(&units[i + 1]) => {
                out.push_str(&utf16_text(&units[i..i + 2]));
                i += 1;
            }
            0xd800..=0xdfff => out.push_str(&format!("\\u{u:x}")),
            _ => out.push_str(&utf16_text(&[u])),
        }
        i += 1;
    }
    out.push(quote as char);
    out
}

fn contains_seq(units: &[u16], seq: &[u16]) -> bool {
    units.windows(seq.len()).any(|w| w == seq)
}

/// node's `formatNumber`: `-0` for negative zero, else `String(n)`.
pub fn format_number(rt: &mut Runtime, n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        return "-0".to_string();
    }
    rt.to_string_for_display(Value::number(n))
        .unwrap_or_else(|_| n.to_string())
}

/// `/^[a-zA-Z_][a-zA-Z_0-9]*$/`: keys printed without quotes.
fn is_identifier_key(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// node's `getPrefix`.
fn get_prefix(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None => {
            if !tag.is_empty() && fallback != tag {
                format!("[{fallback}{size}: null prototype] [{tag}] ")
            } else {
                format!("[{fallback}{size}: null prototype] ")
            }
        }
        Some(c) => {
            if !tag.is_empty() && c != tag {
                format!("{c}{size} [{tag}] ")
            } else {
                format!("{c}{size} ")
            }
        }
    }
}

impl Ctx<'_> {
    fn stylize(&self, s: String, style: Style) -> String {
        if !self.opts.colors {
            return s;
        }
        let (start, end) = style_codes(style);
        format!("\u{1b}[{start}m{s}\u{1b}[{end}m")
    }

    fn format_value(&mut self, v: Value, recurse_times: usize) -> String {
        let Some(o) = v.as_object() else {
            return self.format_primitive(v);
        };
        // Proxies show their target (showProxy is off), without traps.
        let o = match self.rt.internal_slots(o) {
            Slots::Proxy(None) => {
                return self.stylize("<Revoked Proxy>".to_string(), Style::Special)
            }
            Slots::Proxy(Some((target, _))) => {
                self.keep.push(Value::object(target));
                target
            }
            _ => o,
        };
        if self.seen.contains(&o) {
            let index = match self.circular.iter().find(|(c, _)| *c == o) {
                Some((_, i)) => *i,
                None => {
                    let i = self.circular.len() + 1;
                    self.circular.push((o, i));
                    i
                }
            };
            return self.stylize(format!("[Circular *{index}]"), Style::Special);
        }
        // A structure nested deeper than the native stack allows (with
        // `depth: null`) stops here, as node's does.
        if self.seen.len() >= MAX_NESTING || self.rt.check_stack().is_err() {
            return self.stylize(
                "[Object: Inspection interrupted prematurely. Maximum call stack size exceeded.]"
                    .to_string(),
                Style::Special,
            );
        }
        self.format_raw(o, recurse_times)
    }

    fn format_primitive(&mut self, v: Value) -> String {
        if let Some(s) = v.as_string() {
            let mut units = s.to_utf16();
            let mut trailer = String::new();
            if units.len() > self.opts.max_string_length {
                let remaining = units.len() - self.opts.max_string_length;
                units.truncate(self.opts.max_string_length);
                trailer = format!(
                    "... {remaining} more character{}",
                    if remaining > 1 { "s" } else { "" }
                );
            }
            // Long strings in containers break after their newlines.
            if units.len() > 16
                && units.len() as isize
                    > self.opts.break_length as isize - self.indentation_lvl as isize - 4
            {
                let mut pieces = Vec::new();
                let mut start = 0;
                for (i, &u) in units.iter().enumerate() {
                    if u == b'\n' as u16 {
                        pieces.push(self.stylize(str_escape(&units[start..=i]), Style::String));
                        start = i + 1;
                    }
                }
                if start < units.len() {
                    pieces.push(self.stylize(str_escape(&units[start..]), Style::String));
                }
                let sep = format!(" +\n{}", " ".repeat(self.indentation_lvl + 2));
                return pieces.join(&sep) + &trailer;
            }
            return self.stylize(str_escape(&units), Style::String) + &trailer;
        }
        if let Some(n) = v.as_number() {
            let n = format_number(self.rt, n);
            return self.stylize(n, Style::Number);
        }
        if v.is_bigint() {
            let s = self.rt.to_string_for_display(v).unwrap_or_default();
            return self.stylize(format!("{s}n"), Style::Number);
        }
        if v.is_null() {
            return self.stylize("null".to_string(), Style::Null);
        }
        if v.is_undefined() {
            return self.stylize("undefined".to_string(), Style::Undefined);
        }
        if let Some(b) = v.as_bool() {
            return self.stylize(b.to_string(), Style::Boolean);
        }
        let text = self.rt.to_string_for_display(v).unwrap_or_default();
        self.stylize(text, Style::Symbol)
    }

    /// Reads `o[name]` without letting an exception escape.
    fn get_named(&mut self, o: Gc<JsObject>, name: &str) -> Option<Value> {
        let key = self.rt.key(name).ok()?;
        let v = self.rt.get(o, key, Value::object(o)).ok()?;
        self.keep.push(v);
        Some(v)
    }

    fn text_of(&mut self, v: Value) -> String {
        self.rt.to_string_for_display(v).unwrap_or_default()
    }

    /// node's `getConstructorName` (without the `<Complex prototype>`
    /// details): the name of the first `constructor` on the prototype
    /// chain that `o` is an instance of; `None` for a null prototype chain.
    fn constructor_name(&mut self, o: Gc<JsObject>) -> Option<String> {
        let mut obj = Some(o);
        let mut first_proto: Option<Value> = None;
        let mut steps = 0;
        while let Some(cur) = obj {
            steps += 1;
            if steps > 1000 {
                break;
            }
            let key = self.rt.key("constructor").ok()?;
            if let Ok(Some(desc)) = self.rt.get_own_property(cur, key) {
                if let Some(f) = desc.value {
                    if let Some(fo) = f.as_object().filter(|fo| fo.is_callable()) {
                        self.keep.push(f);
                        let name = self.get_named(fo, "name").unwrap_or(Value::UNDEFINED);
                        let name = if name.is_string() {
                            self.text_of(name)
                        } else {
                            String::new()
                        };
                        if !name.is_empty()
                            && self
                                .rt
                                .ordinary_has_instance(f, Value::object(o))
                                .unwrap_or(false)
                        {
                            return Some(name);
                        }
                    }
                }
            }
            let proto = cur.proto();
            if first_proto.is_none() {
                first_proto = Some(proto);
            }
            obj = proto.as_object();
        }
        if first_proto.is_some_and(|p| p.is_null()) {
            return None;
        }
        Some("Object <Complex prototype>".to_string())
    }

    /// The own enumerable keys (node's `getKeys`): string keys in order,
    /// then enumerable symbols (with `show_hidden`, every key).
    fn get_keys(&mut self, o: Gc<JsObject>, non_index: bool) -> Vec<PropertyKey> {
        let Ok(keys) = self.rt.own_property_keys(o) else {
            return Vec::new();
        };
        let keys = self.rt.rooted_list_from(&keys);
        let mut strings = Vec::new();
        let mut symbols = Vec::new();
        for &k in keys.iter() {
            if k.is_private() || (non_index && k.as_index().is_some()) {
                continue;
            }
            let enumerable = match self.rt.get_own_property(o, k) {
                Ok(Some(d)) => d.enumerable.unwrap_or(false),
                _ => false,
            };
            if !enumerable && !self.opts.show_hidden {
                continue;
            }
            if k.is_symbol() {
                symbols.push(k);
            } else {
                strings.push(k);
            }
        }
        strings.extend(symbols);
        strings
    }

    fn is_hidden_tag_own_enumerable(&mut self, o: Gc<JsObject>, key: PropertyKey) -> bool {
        match self.rt.get_own_property(o, key) {
            Ok(Some(d)) => self.opts.show_hidden || d.enumerable.unwrap_or(false),
            _ => false,
        }
    }

    fn format_raw(&mut self, o: Gc<JsObject>, recurse_times: usize) -> String {
        let v = Value::object(o);
        let constructor = self.constructor_name(o);
        let ctor = constructor.as_deref();
        // Symbol.toStringTag, unless it is an own enumerable property.
        let tag_sym = self.rt.well_known_symbol(WellKnownSymbol::ToStringTag);
        let tag_key = PropertyKey::Symbol(tag_sym);
        let mut tag = String::new();
        if let Ok(t) = self.rt.get(o, tag_key, v) {
            if t.is_string() {
                let text = self.text_of(t);
                if text.is_empty() || !self.is_hidden_tag_own_enumerable(o, tag_key) {
                    tag = text;
                }
            }
        }
        let slots = self.rt.internal_slots(o);
        let mut base = String::new();
        let mut braces = ["{".to_string(), "}".to_string()];
        let mut extras = Extras::Object;
        let keys: Vec<PropertyKey>;
        enum Formatter {
            None,
            Array,
            Set,
            Map,
            Promise(PromiseInfo),
            Weak,
        }
        let mut formatter = Formatter::None;
        let depth_exceeded = self.exhausted || self.opts.depth.is_some_and(|d| recurse_times > d);
        // node's formatRaw for isAnyArrayBuffer (the bytes, then
        // `byteLength`) and isDataView (`byteLength`, `byteOffset`, then
        // `buffer`), read through the prototype's getters.
        let binary = match self.rt.binary_data(o) {
            Some(BinaryData::ArrayBuffer { detached, .. }) => Some(("ArrayBuffer", Some(detached))),
            Some(BinaryData::SharedArrayBuffer) => Some(("SharedArrayBuffer", Some(false))),
            Some(BinaryData::View {
                constructor: Intrinsic::DataView,
                ..
            }) => Some(("DataView", None)),
            _ => None,
        };
        if let Some((name, buffer)) = binary {
            braces[0] = format!("{}{{", get_prefix(ctor, &tag, name, ""));
            let names: &[&str] = match buffer {
                Some(_) => &["byteLength"],
                None => &["byteLength", "byteOffset", "buffer"],
            };
            let mut all = Vec::new();
            for n in names {
                if let Ok(k) = self.rt.key(n) {
                    all.push(k);
                }
            }
            all.extend(self.get_keys(o, false));
            let kind = match buffer {
                Some(false) => Kind::Bytes(self.rt.buffer_source_bytes(v)),
                Some(true) => Kind::Bytes(None),
                None => Kind::None,
            };
            return self.finish(
                o,
                recurse_times,
                all,
                base,
                braces,
                extras,
                kind,
                ctor,
                &tag,
            );
        }
        // node's formatRaw for isTypedArray: `Uint8Array(n) [ ... ]`, the
        // elements (at most maxArrayLength) then the non-index keys.
        if let Some(BinaryData::View {
            constructor,
            length,
            out_of_bounds,
            ..
        }) = self.rt.binary_data(o)
        {
            if constructor != Intrinsic::DataView {
                let len = if out_of_bounds {
                    0
                } else {
                    length.unwrap_or_else(|| {
                        let l = self.get_named(o, "length").unwrap_or(Value::UNDEFINED);
                        l.as_number().map_or(0, |n| n.max(0.0) as usize)
                    })
                };
                let fallback = if tag.is_empty() { "TypedArray" } else { &tag };
                let prefix = get_prefix(ctor, &tag, fallback, &format!("({len})"));
                let keys = self.get_keys(o, true);
                if len == 0 && keys.is_empty() {
                    return format!("{prefix}[]");
                }
                let braces = [format!("{prefix}["), "]".to_string()];
                return self.finish(
                    o,
                    recurse_times,
                    keys,
                    base,
                    braces,
                    Extras::Array,
                    Kind::TypedArray(len),
                    ctor,
                    &tag,
                );
            }
        }
        match slots {
            Slots::Array => {
                let len = o.array_length();
                let prefix = if ctor != Some("Array") || !tag.is_empty() {
                    get_prefix(ctor, &tag, "Array", &format!("({len})"))
                } else {
                    String::new()
                };
                keys = self.get_keys(o, true);
                braces = [format!("{prefix}["), "]".to_string()];
                if len == 0 && keys.is_empty() {
                    return format!("{}]", braces[0]);
                }
                extras = Extras::Array;
                formatter = Formatter::Array;
            }
            Slots::Set(size) | Slots::Map(size) => {
                let is_set = matches!(slots, Slots::Set(_));
                let name = if is_set { "Set" } else { "Map" };
                let prefix = get_prefix(ctor, &tag, name, &format!("({size})"));
                keys = self.get_keys(o, false);
                formatter = if is_set {
                    Formatter::Set
                } else {
                    Formatter::Map
                };
                if size == 0 && keys.is_empty() {
                    return format!("{prefix}{{}}");
                }
                braces = [format!("{prefix}{{"), "}".to_string()];
            }
            _ => {
                keys = self.get_keys(o, false);
                let mut keys = keys;
                match slots {
                    Slots::Arguments if ctor == Some("Object") => {
                        braces[0] = "[Arguments] {".to_string();
                        if keys.is_empty() {
                            return "[Arguments] {}".to_string();
                        }
                    }
                    Slots::Function(kind) => {
                        base = self.function_base(o, kind, ctor, &tag);
                        if keys.is_empty() {
                            return self.stylize(base, Style::Special);
                        }
                    }
                    Slots::RegExp => {
                        base =
                            self.call_intrinsic_method(Intrinsic::RegExpPrototype, "toString", v);
                        let prefix = get_prefix(ctor, &tag, "RegExp", "");
                        if prefix != "RegExp " {
                            base = format!("{prefix}{base}");
                        }
                        if keys.is_empty() || depth_exceeded {
                            return self.stylize(base, Style::RegExp);
                        }
                    }
                    Slots::Date(t) => {
                        base = if t.is_nan() {
                            "Invalid Date".to_string()
                        } else {
                            self.call_intrinsic_method(Intrinsic::DatePrototype, "toISOString", v)
                        };
                        let prefix = get_prefix(ctor, &tag, "Date", "");
                        if prefix != "Date " {
                            base = format!("{prefix}{base}");
                        }
                        if keys.is_empty() {
                            return self.stylize(base, Style::Date);
                        }
                    }
                    Slots::Error => {
                        base = self.format_error(o, ctor, &tag, &mut keys);
                        if keys.is_empty() {
                            return base;
                        }
                    }
                    Slots::Promise(info) => {
                        braces[0] = format!("{}{{", get_prefix(ctor, &tag, "Promise", ""));
                        formatter = Formatter::Promise(info);
                    }
                    Slots::WeakSet | Slots::WeakMap => {
                        let name = if matches!(slots, Slots::WeakSet) {
                            "WeakSet"
                        } else {
                            "WeakMap"
                        };
                        braces[0] = format!("{}{{", get_prefix(ctor, &tag, name, ""));
                        formatter = Formatter::Weak;
                    }
                    Slots::Number(_)
                    | Slots::String(_)
                    | Slots::Boolean(_)
                    | Slots::Symbol(_)
                    | Slots::BigInt(_) => {
                        base = self.boxed_base(slots, &mut keys, ctor, &tag);
                        if keys.is_empty() {
                            let style = match slots {
                                Slots::String(_) | Slots::Symbol(_) => Style::String,
                                _ => Style::Number,
                            };
                            return self.stylize(base, style);
                        }
                    }
                    _ => {
                        if ctor == Some("Object") {
                            if !tag.is_empty() {
                                braces[0] = format!("{}{{", get_prefix(ctor, &tag, "Object", ""));
                            }
                            if keys.is_empty() {
                                return format!("{}}}", braces[0]);
                            }
                        } else {
                            if keys.is_empty() {
                                return format!("{}{{}}", get_prefix(ctor, &tag, "Object", ""));
                            }
                            braces[0] = format!("{}{{", get_prefix(ctor, &tag, "Object", ""));
                        }
                    }
                }
                return self.finish(
                    o,
                    recurse_times,
                    keys,
                    base,
                    braces,
                    extras,
                    formatter_fn(formatter),
                    ctor,
                    &tag,
                );
            }
        }
        fn formatter_fn(f: Formatter) -> Kind {
            match f {
                Formatter::None => Kind::None,
                Formatter::Array => Kind::Array,
                Formatter::Set => Kind::Set,
                Formatter::Map => Kind::Map,
                Formatter::Promise(p) => Kind::Promise(p),
                Formatter::Weak => Kind::Weak,
            }
        }
        self.finish(
            o,
            recurse_times,
            keys,
            base,
            braces,
            extras,
            formatter_fn(formatter),
            ctor,
            &tag,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        o: Gc<JsObject>,
        recurse_times: usize,
        keys: Vec<PropertyKey>,
        mut base: String,
        mut braces: [String; 2],
        extras: Extras,
        kind: Kind,
        ctor: Option<&str>,
        tag: &str,
    ) -> String {
        if self.exhausted || self.opts.depth.is_some_and(|d| recurse_times > d) {
            let name = get_prefix(ctor, tag, "Object", "");
            let name = &name[..name.len() - 1];
            let name = if ctor.is_some() {
                format!("[{name}]")
            } else {
                name.to_string()
            };
            return self.stylize(name, Style::Special);
        }
        let recurse_times = recurse_times + 1;
        self.seen.push(o);
        self.current_depth = recurse_times;
        let keys = self.rt.rooted_list_from(&keys);
        let mut output = match kind {
            Kind::None => Vec::new(),
            Kind::Array => self.format_array(o, recurse_times),
            Kind::TypedArray(len) => self.format_typed_array(o, len, recurse_times),
            Kind::Set => self.format_set(o, recurse_times),
            Kind::Map => self.format_map(o, recurse_times),
            Kind::Promise(p) => self.format_promise(p, recurse_times),
            Kind::Weak => vec![self.stylize("<items unknown>".to_string(), Style::Special)],
            Kind::Bytes(ref bytes) => vec![self.format_array_buffer(bytes.as_deref())],
        };
        for &k in keys.iter() {
            let p = self.format_property(o, recurse_times, k, Extras::Object, true);
            output.push(p);
        }
        if let Some((_, index)) = self.circular.iter().find(|(c, _)| *c == o) {
            let reference = self.stylize(format!("<ref *{index}>"), Style::Special);
            base = if base.is_empty() {
                reference
            } else {
                format!("{reference} {base}")
            };
        }
        self.seen.pop();
        let braces_ref = [
            std::mem::take(&mut braces[0]),
            std::mem::take(&mut braces[1]),
        ];
        let res = self.reduce_to_single_string(
            output,
            &base,
            &braces_ref,
            extras,
            recurse_times,
            matches!(kind, Kind::Array | Kind::TypedArray(_)).then_some(o),
        );
        // node's budget: a huge output stops descending.
        let budget = self.budget.entry(self.indentation_lvl).or_insert(0);
        *budget += res.len();
        if *budget > BUDGET {
            self.opts.depth = Some(0);
            self.exhausted = true;
        }
        res
    }

    /// `[Function: f]`, `[class A extends B]`, ... (node's
    /// `getFunctionBase` and `getClassBase`).
    fn function_base(
        &mut self,
        o: Gc<JsObject>,
        kind: FunctionKind,
        ctor: Option<&str>,
        tag: &str,
    ) -> String {
        let name_v = self.get_named(o, "name").unwrap_or(Value::UNDEFINED);
        if kind == FunctionKind::Class {
            let key = self.rt.key("name").ok();
            let has_name =
                key.is_some_and(|k| matches!(self.rt.get_own_property(o, k), Ok(Some(_))));
            let name = if has_name && to_boolean(name_v) {
                self.text_of(name_v)
            } else {
                "(anonymous)".to_string()
            };
            let mut base = format!("class {name}");
            if ctor != Some("Function") && ctor.is_some() {
                base.push_str(&format!(" [{}]", ctor.unwrap_or_default()));
            }
            if !tag.is_empty() && ctor != Some(tag) {
                base.push_str(&format!(" [{tag}]"));
            }
            if ctor.is_some() {
                if let Some(sup) = o.proto().as_object() {
                    self.keep.push(Value::object(sup));
                    let sup_name = self.get_named(sup, "name").unwrap_or(Value::UNDEFINED);
                    if to_boolean(sup_name) {
                        let s = self.text_of(sup_name);
                        base.push_str(&format!(" extends {s}"));
                    }
                }
            } else {
                base.push_str(" extends [null prototype]");
            }
            return format!("[{base}]");
        }
        let ty = match kind {
            FunctionKind::Generator => "GeneratorFunction",
            FunctionKind::Async => "AsyncFunction",
            FunctionKind::AsyncGenerator => "AsyncGeneratorFunction",
            _ => "Function",
        };
        let mut base = format!("[{ty}");
        if ctor.is_none() {
            base.push_str(" (null prototype)");
        }
        let name = if name_v.is_string() {
            self.text_of(name_v)
        } else {
            String::new()
        };
        if name.is_empty() {
            base.push_str(" (anonymous)");
        } else {
            base.push_str(&format!(": {name}"));
        }
        base.push(']');
        if let Some(c) = ctor {
            if c != ty {
                base.push_str(&format!(" {c}"));
            }
        }
        if !tag.is_empty() && ctor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        base
    }

    /// Calls the original `%Proto%.name` method on `this` (not one the
    /// program replaced), as text.
    fn call_intrinsic_method(&mut self, proto: Intrinsic, name: &str, this: Value) -> String {
        let proto = self.rt.intrinsic_object(proto);
        let Some(f) = self.get_named(proto, name) else {
            return String::new();
        };
        match self.rt.call(f, this, &[]) {
            Ok(s) => {
                self.keep.push(s);
                self.text_of(s)
            }
            Err(_) => String::new(),
        }
    }

    /// node's `getBoxedBase`: `[Number: 3]`, `[String: 'abc']`, ...
    fn boxed_base(
        &mut self,
        slots: Slots,
        keys: &mut Vec<PropertyKey>,
        ctor: Option<&str>,
        tag: &str,
    ) -> String {
        let (ty, prim) = match slots {
            Slots::Number(n) => ("Number", Value::number(n)),
            Slots::String(s) => {
                let len = s.len();
                keys.retain(|k| k.as_index().is_none_or(|i| (i as usize) >= len));
                ("String", Value::string(s))
            }
            Slots::Boolean(b) => ("Boolean", Value::from_bool(b)),
            Slots::BigInt(b) => ("BigInt", Value::bigint(b)),
            Slots::Symbol(s) => ("Symbol", Value::symbol(s)),
            _ => ("Object", Value::UNDEFINED),
        };
        let mut base = format!("[{ty}");
        if Some(ty) != ctor {
            match ctor {
                None => base.push_str(" (null prototype)"),
                Some(c) => base.push_str(&format!(" ({c})")),
            }
        }
        // Primitives are formatted as at the top level (no line breaks).
        let saved = self.opts;
        self.opts.break_length = usize::MAX / 2;
        self.opts.colors = false;
        let p = self.format_primitive(prim);
        self.opts = saved;
        base.push_str(&format!(": {p}]"));
        if !tag.is_empty() && Some(tag) != ctor {
            base.push_str(&format!(" [{tag}]"));
        }
        base
    }

    /// node's `formatError`: the stack (or `NAME: MESSAGE` in brackets
    /// when there is no stack trace), with the constructor's name when it
    /// differs, indented as the surrounding output.
    fn format_error(
        &mut self,
        o: Gc<JsObject>,
        ctor: Option<&str>,
        tag: &str,
        keys: &mut Vec<PropertyKey>,
    ) -> String {
        let name_v = self.get_named(o, "name").unwrap_or(Value::UNDEFINED);
        let name = if name_v.is_nullish() {
            "Error".to_string()
        } else {
            self.text_of(name_v)
        };
        let message_v = self.get_named(o, "message").unwrap_or(Value::UNDEFINED);
        let stack_v = self.get_named(o, "stack").unwrap_or(Value::UNDEFINED);
        let mut stack = if to_boolean(stack_v) {
            self.text_of(stack_v)
        } else {
            // Error.prototype.toString.
            let message = if message_v.is_undefined() {
                String::new()
            } else {
                self.text_of(message_v)
            };
            let name = if name_v.is_undefined() {
                "Error".to_string()
            } else {
                name.clone()
            };
            match (name.is_empty(), message.is_empty()) {
                (_, true) => name,
                (true, false) => message,
                _ => format!("{name}: {message}"),
            }
        };
        // removeDuplicateErrorKeys.
        if !self.opts.show_hidden && !keys.is_empty() {
            for prop in ["name", "message", "stack"] {
                let Ok(k) = self.rt.key(prop) else { continue };
                if let Some(idx) = keys.iter().position(|x| *x == k) {
                    let val = self.get_named(o, prop).unwrap_or(Value::UNDEFINED);
                    let text = self.text_of(val);
                    if stack.contains(&text) {
                        keys.remove(idx);
                    }
                }
            }
        }
        for extra in ["cause", "errors"] {
            let Ok(k) = self.rt.key(extra) else { continue };
            let present = if extra == "cause" {
                self.rt.has_property(o, k).unwrap_or(false)
            } else {
                let e = self.get_named(o, "errors").unwrap_or(Value::UNDEFINED);
                e.as_object().is_some_and(|a| a.is_array())
            };
            if present && !keys.contains(&k) {
                keys.push(k);
            }
        }
        // improveStack.
        let mut len = js_len(&name);
        let starts_right = stack.starts_with(&name)
            && matches!(
                stack[name.len()..].chars().next(),
                None | Some(':') | Some('\n')
            );
        if ctor.is_none() || (name.ends_with("Error") && starts_right) {
            let mut fallback = "Error".to_string();
            if ctor.is_none() {
                let first: String = stack
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || "_ []()-".contains(*c))
                    .collect();
                let ok = first.chars().next().is_some_and(|c| c.is_ascii_uppercase());
                let f = if ok {
                    first.trim_end().to_string()
                } else {
                    String::new()
                };
                len = js_len(&f);
                fallback = if f.is_empty() { "Error".to_string() } else { f };
            }
            let prefix = get_prefix(ctor, tag, &fallback, "");
            let prefix = &prefix[..prefix.len() - 1];
            if name != prefix {
                let rest: String = stack.chars().skip(len).collect();
                if prefix.contains(&name) {
                    stack = if len == 0 {
                        format!("{prefix}: {stack}")
                    } else {
                        format!("{prefix}{rest}")
                    };
                } else {
                    stack = format!("{prefix} [{name}]{rest}");
                }
            }
        }
        let message = if message_v.is_undefined() {
            String::new()
        } else {
            self.text_of(message_v)
        };
        let pos = if message.is_empty() {
            None
        } else {
            stack.find(&message).map(|p| p + message.len())
        };
        let has_frames = stack[pos.unwrap_or(0).min(stack.len())..].contains("\n    at");
        if !has_frames {
            stack = format!("[{stack}]");
        }
        if self.indentation_lvl != 0 {
            let ind = " ".repeat(self.indentation_lvl);
            stack = stack.replace('\n', &format!("\n{ind}"));
        }
        stack
    }

    fn format_array(&mut self, o: Gc<JsObject>, recurse_times: usize) -> Vec<String> {
        let len = if o.is_array() {
            o.array_length() as usize
        } else {
            // An arguments object: its `length` property.
            let l = self.get_named(o, "length").unwrap_or(Value::UNDEFINED);
            l.as_number().map_or(0, |n| n.max(0.0) as usize)
        };
        let max = self.opts.max_array_length.min(len);
        let remaining = len - max;
        let mut output = Vec::new();
        for i in 0..max {
            let key = PropertyKey::Index(i as u32);
            let present = matches!(self.rt.get_own_property(o, key), Ok(Some(_)));
            if !present {
                return self.format_special_array(o, recurse_times, max, output, i, len);
            }
            output.push(self.format_property(o, recurse_times, key, Extras::Array, true));
        }
        if remaining > 0 {
            output.push(remaining_text(remaining));
        }
        output
    }

    /// node's `formatTypedArray`: the first `maxArrayLength` elements
    /// (numbers or BigInts), then `... N more items`.
    fn format_typed_array(
        &mut self,
        o: Gc<JsObject>,
        len: usize,
        recurse_times: usize,
    ) -> Vec<String> {
        let max = self.opts.max_array_length.min(len);
        let mut output = Vec::with_capacity(max + 1);
        for i in 0..max {
            let v = self
                .rt
                .get(o, PropertyKey::Index(i as u32), Value::object(o))
                .unwrap_or(Value::UNDEFINED);
            output.push(self.format_value(v, recurse_times));
        }
        if len > max {
            output.push(remaining_text(len - max));
        }
        output
    }

    /// node's `formatSpecialArray`: arrays with holes.
    fn format_special_array(
        &mut self,
        o: Gc<JsObject>,
        recurse_times: usize,
        max_length: usize,
        mut output: Vec<String>,
        start: usize,
        len: usize,
    ) -> Vec<String> {
        // The own index keys in ascending order.
        let keys: Vec<u32> = match self.rt.own_property_keys(o) {
            Ok(keys) => keys.iter().filter_map(|k| k.as_index()).collect(),
            Err(_) => Vec::new(),
        };
        let mut index = start;
        for &k in keys.iter().filter(|&&k| k as usize >= start) {
            if output.len() >= max_length {
                break;
            }
            let enumerable = matches!(
                self.rt.get_own_property(o, PropertyKey::Index(k)),
                Ok(Some(d)) if d.enumerable.unwrap_or(false)
            );
            if !enumerable {
                continue;
            }
            let k = k as usize;
            if k != index {
                let empty = k - index;
                let message = format!("<{empty} empty item{}>", if empty > 1 { "s" } else { "" });
                output.push(self.stylize(message, Style::Undefined));
                index = k;
                if output.len() == max_length {
                    break;
                }
            }
            output.push(self.format_property(
                o,
                recurse_times,
                PropertyKey::Index(k as u32),
                Extras::Array,
                true,
            ));
            index += 1;
        }
        let remaining = len - index.min(len);
        if output.len() != max_length {
            if remaining > 0 {
                let message = format!(
                    "<{remaining} empty item{}>",
                    if remaining > 1 { "s" } else { "" }
                );
                output.push(self.stylize(message, Style::Undefined));
            }
        } else if remaining > 0 {
            output.push(remaining_text(remaining));
        }
        output
    }

    fn entries(&mut self, o: Gc<JsObject>) -> RootedList<Value> {
        let mut list = self.rt.rooted_list();
        for (k, v) in self.rt.collection_entries(o).unwrap_or_default() {
            list.push(k);
            list.push(v);
        }
        list
    }

    fn format_set(&mut self, o: Gc<JsObject>, recurse_times: usize) -> Vec<String> {
        let entries = self.entries(o);
        let len = entries.len() / 2;
        let max = self.opts.max_array_length.min(len);
        self.indentation_lvl += 2;
        let mut output = Vec::new();
        for i in 0..max {
            let v = entries[2 * i];
            output.push(self.format_value(v, recurse_times));
        }
        if len > max {
            output.push(remaining_text(len - max));
        }
        self.indentation_lvl -= 2;
        output
    }

    fn format_map(&mut self, o: Gc<JsObject>, recurse_times: usize) -> Vec<String> {
        let entries = self.entries(o);
        let len = entries.len() / 2;
        let max = self.opts.max_array_length.min(len);
        self.indentation_lvl += 2;
        let mut output = Vec::new();
        for i in 0..max {
            let k = self.format_value(entries[2 * i], recurse_times);
            let v = self.format_value(entries[2 * i + 1], recurse_times);
            output.push(format!("{k} => {v}"));
        }
        if len > max {
            output.push(remaining_text(len - max));
        }
        self.indentation_lvl -= 2;
        output
    }

    fn format_promise(&mut self, info: PromiseInfo, recurse_times: usize) -> Vec<String> {
        match info {
            PromiseInfo::Pending => vec![self.stylize("<pending>".to_string(), Style::Special)],
            PromiseInfo::Fulfilled(v) | PromiseInfo::Rejected(v) => {
                self.keep.push(v);
                self.indentation_lvl += 2;
                let s = self.format_value(v, recurse_times);
                self.indentation_lvl -= 2;
                if matches!(info, PromiseInfo::Rejected(_)) {
                    let rejected = self.stylize("<rejected>".to_string(), Style::Special);
                    vec![format!("{rejected} {s}")]
                } else {
                    vec![s]
                }
            }
        }
    }

    /// node's `formatProperty`.
    fn format_property(
        &mut self,
        o: Gc<JsObject>,
        recurse_times: usize,
        key: PropertyKey,
        extras: Extras,
        _own: bool,
    ) -> String {
        let desc = self.rt.get_own_property(o, key).ok().flatten();
        let s = match desc {
            Some(d) if d.is_accessor() => {
                let get = d.get.is_some_and(|g| !g.is_undefined());
                let set = d.set.is_some_and(|s| !s.is_undefined());
                match (get, set) {
                    (true, true) => self.stylize("[Getter/Setter]".to_string(), Style::Special),
                    (true, false) => self.stylize("[Getter]".to_string(), Style::Special),
                    (false, true) => self.stylize("[Setter]".to_string(), Style::Special),
                    (false, false) => self.stylize("undefined".to_string(), Style::Undefined),
                }
            }
            Some(d) => {
                let value = d.value.unwrap_or(Value::UNDEFINED);
                self.keep.push(value);
                self.indentation_lvl += 2;
                let s = self.format_value(value, recurse_times);
                self.indentation_lvl -= 2;
                s
            }
            None => {
                // `cause` or `errors` inherited: read it.
                let value = self
                    .rt
                    .get(o, key, Value::object(o))
                    .unwrap_or(Value::UNDEFINED);
                self.keep.push(value);
                self.indentation_lvl += 2;
                let s = self.format_value(value, recurse_times);
                self.indentation_lvl -= 2;
                s
            }
        };
        if extras == Extras::Array {
            return s;
        }
        let enumerable = desc.and_then(|d| d.enumerable).unwrap_or(true);
        let name = match key {
            PropertyKey::Symbol(sym) => {
                let d = self
                    .rt
                    .to_string_for_display(Value::symbol(sym))
                    .unwrap_or_default();
                format!("[{}]", self.stylize(d, Style::Symbol))
            }
            PropertyKey::Index(i) => {
                if enumerable {
                    self.stylize(format!("'{i}'"), Style::String)
                } else {
                    format!("[{i}]")
                }
            }
            PropertyKey::String(k) => {
                let text = k.to_rust_string();
                if text == "__proto__" {
                    "['__proto__']".to_string()
                } else if !enumerable {
                    format!("[{text}]")
                } else if is_identifier_key(&text) {
                    text
                } else {
                    self.stylize(str_escape(&k.to_utf16()), Style::String)
                }
            }
        };
        format!("{name}: {s}")
    }

    /// node's `formatArrayBuffer`: `[Uint8Contents]: <00 ff ...>` (at most
    /// `max_array_length` bytes), `(detached)` for a detached buffer.
    fn format_array_buffer(&self, bytes: Option<&[u8]>) -> String {
        let Some(bytes) = bytes else {
            return self.stylize("(detached)".to_string(), Style::Special);
        };
        let shown = bytes.len().min(self.opts.max_array_length);
        let mut text = bytes[..shown]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" ");
        let remaining = bytes.len() - shown;
        if remaining > 0 {
            let s = if remaining > 1 { "s" } else { "" };
            text.push_str(&format!(" ... {remaining} more byte{s}"));
        }
        let label = self.stylize("[Uint8Contents]".to_string(), Style::Special);
        format!("{label}: <{text}>")
    }
}

enum Kind {
    None,
    Array,
    /// A typed array with this many elements.
    TypedArray(usize),
    Set,
    Map,
    Promise(PromiseInfo),
    Weak,
    /// An ArrayBuffer's bytes (`None`: detached).
    Bytes(Option<Vec<u8>>),
}

fn remaining_text(remaining: usize) -> String {
    format!(
        "... {remaining} more item{}",
        if remaining > 1 { "s" } else { "" }
    )
}

/// `inspect` for a value that may throw while being described: never
/// fails.
pub fn inspect_default(rt: &mut Runtime, v: Value) -> String {
    inspect(rt, v, Options::default())
}

/// Whether `v` is a plain built-in `toString` holder for `%s` (node's
/// `hasBuiltInToString`, simplified: objects without an own or inherited
/// user-defined `toString` before Object.prototype's).
pub fn has_builtin_to_string(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<bool> {
    let key = rt.key("toString")?;
    let mut cur = Some(o);
    let object_proto = rt.intrinsic_object(Intrinsic::ObjectPrototype);
    let error_proto = rt.intrinsic_object(Intrinsic::ErrorPrototype);
    let mut steps = 0;
    while let Some(c) = cur {
        steps += 1;
        if steps > 1000 || c == object_proto || c == error_proto {
            return Ok(true);
        }
        if rt.get_own_property(c, key)?.is_some() {
            // A built-in prototype's own toString (Date, RegExp, Array...)
            // counts as built-in.
            let ctor_key = rt.key("constructor")?;
            let is_builtin_proto = matches!(rt.get_own_property(c, ctor_key)?, Some(d)
                if d.value.and_then(|v| v.as_object()).is_some_and(|f| matches!(f.kind(), jsruntime::object::ObjectKind::NativeFunction(..))));
            return Ok(is_builtin_proto);
        }
        cur = c.proto().as_object();
    }
    Ok(true)
}
