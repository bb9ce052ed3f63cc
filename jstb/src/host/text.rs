//! `TextEncoder` and `TextDecoder` (the WHATWG Encoding Standard, §7 API):
//! UTF-8 both ways, and UTF-16LE/BE for decoding; `fatal`, `ignoreBOM`,
//! `encodeInto`, and streaming `decode(input, {stream: true})`.
//!
//! Both constructors are created on first use of the global (see
//! `host::install`). A decoder keeps its state (the pending bytes of a
//! sequence split across `decode` calls, "BOM seen") in host data on the
//! object. Error messages and `code`s are node's.

use std::cell::RefCell;

use jsruntime::gc::{Gc, Trace, Tracer};
use jsruntime::object::{
    Attributes, HostData, JsObject, NativeFn, ObjectKind, PropertyDescriptor, PropertyKey,
};
use jsruntime::runtime::Intrinsic;
use jsruntime::{JsResult, Runtime, Thrown, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::UNDEFINED)
}

/// A TypeError or RangeError with node's `code` property (and the code
/// in the name's brackets, as node prints `TypeError [CODE]: ...`).
fn node_error(rt: &mut Runtime, kind: jsruntime::ErrorKind, code: &str, message: &str) -> Thrown {
    match rt.new_error(kind, message) {
        Ok(e) => {
            if let (Ok(key), Ok(c)) = (rt.key("code"), rt.new_string(code)) {
                let desc = PropertyDescriptor::data(
                    Value::string(c),
                    Attributes(Attributes::WRITABLE | Attributes::CONFIGURABLE),
                );
                let _ = rt.define_property_or_throw(e, key, desc);
            }
            Thrown(Value::object(e))
        }
        Err(t) => t,
    }
}

fn invalid_this(rt: &mut Runtime, class: &str) -> Thrown {
    node_error(
        rt,
        jsruntime::ErrorKind::TypeError,
        "ERR_INVALID_THIS",
        &format!("Value of \"this\" must be of type {class}"),
    )
}

/// The encodings a decoder supports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// 4.2 get an encoding (#concept-encoding-get), for the labels of the
    /// three encodings supported.
    fn from_label(label: &str) -> Option<Encoding> {
        let label = label
            .trim_matches(|c| matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' '))
            .to_ascii_lowercase();
        match label.as_str() {
            "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8" | "utf-8" | "utf8"
            | "x-unicode20utf8" => Some(Encoding::Utf8),
            "csunicode" | "iso-10646-ucs-2" | "ucs-2" | "unicode" | "unicodefeff" | "utf-16"
            | "utf-16le" => Some(Encoding::Utf16Le),
            "unicodefffe" | "utf-16be" => Some(Encoding::Utf16Be),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

/// The state of a decoder between `decode` calls.
#[derive(Default)]
struct DecoderState {
    /// UTF-8: the code point being assembled, the bytes seen and needed,
    /// the bounds of the next byte (0: the default 0x80..=0xBF).
    code_point: u32,
    bytes_seen: u8,
    bytes_needed: u8,
    lower: u8,
    upper: u8,
    /// UTF-16: the leading byte and the leading surrogate.
    lead_byte: Option<u8>,
    lead_surrogate: Option<u16>,
    /// "BOM seen".
    bom_seen: bool,
    /// "do not flush": the last call was a streaming one.
    do_not_flush: bool,
}

/// A TextDecoder's internal slots.
struct TextDecoderData {
    encoding: Encoding,
    fatal: bool,
    ignore_bom: bool,
    state: RefCell<DecoderState>,
}

// SAFETY: holds no GC references.
unsafe impl Trace for TextDecoderData {
    fn trace(&self, _: &mut Tracer) {}
}

impl HostData for TextDecoderData {
    fn class_name(&self) -> &'static str {
        "TextDecoder"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// A TextEncoder's (empty) internal slots: the brand.
struct TextEncoderData;

// SAFETY: holds no GC references.
unsafe impl Trace for TextEncoderData {
    fn trace(&self, _: &mut Tracer) {}
}

impl HostData for TextEncoderData {
    fn class_name(&self) -> &'static str {
        "TextEncoder"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The host data of type `T` of `o`.
fn host_data<T: 'static>(o: &JsObject) -> Option<&T> {
    match o.kind() {
        ObjectKind::Host(h) => h.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// Makes a class: a constructor `name` whose `prototype` has `methods` and
/// the getters `getters`, and `@@toStringTag` `name`.
fn make_class(
    rt: &mut Runtime,
    name: &str,
    length: u32,
    call: NativeFn,
    construct: jsruntime::object::NativeCtorFn,
    methods: &[(&str, u32, NativeFn)],
    getters: &[(&str, NativeFn)],
) -> JsResult<Gc<JsObject>> {
    let name_atom = rt.new_string(name)?;
    let ctor = rt.new_native_function(name_atom, length, call, Some(construct))?;
    let proto = rt.new_object()?;
    let hidden = Attributes(Attributes::WRITABLE | Attributes::CONFIGURABLE);
    for &(m, len, f) in methods {
        let key = rt.key(m)?;
        let m_name = rt.new_string(m)?;
        let fo = rt.new_native_function(m_name, len, f, None)?;
        let desc = PropertyDescriptor::data(Value::object(fo), hidden);
        rt.define_property_or_throw(proto, key, desc)?;
    }
    for &(g, f) in getters {
        let key = rt.key(g)?;
        let g_name = rt.new_string(&format!("get {g}"))?;
        let fo = rt.new_native_function(g_name, 0, f, None)?;
        let desc = PropertyDescriptor::accessor(
            Value::object(fo),
            Value::UNDEFINED,
            Attributes(Attributes::CONFIGURABLE),
        );
        rt.define_property_or_throw(proto, key, desc)?;
    }
    let tag =
        PropertyKey::Symbol(rt.well_known_symbol(jsruntime::symbol::WellKnownSymbol::ToStringTag));
    let tag_value = rt.new_string(name)?;
    let desc = PropertyDescriptor::data(
        Value::string(tag_value),
        Attributes(Attributes::CONFIGURABLE),
    );
    rt.define_property_or_throw(proto, tag, desc)?;
    let key = rt.key("constructor")?;
    rt.define_property_or_throw(
        proto,
        key,
        PropertyDescriptor::data(Value::object(ctor), hidden),
    )?;
    let key = rt.key("prototype")?;
    let desc = PropertyDescriptor::data(Value::object(proto), Attributes(0));
    rt.define_property_or_throw(ctor, key, desc)?;
    Ok(ctor)
}

fn class_call(rt: &mut Runtime, name: &str) -> Thrown {
    rt.type_error(&format!(
        "Class constructor {name} cannot be invoked without 'new'"
    ))
}

/// The getter that creates the global `TextEncoder` on first read.
pub fn create_text_encoder(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let ctor = make_class(
        rt,
        "TextEncoder",
        0,
        |rt, _, _| Err(class_call(rt, "TextEncoder")),
        construct_encoder,
        &[("encode", 0, encode), ("encodeInto", 2, encode_into)],
        &[("encoding", encoder_encoding)],
    )?;
    let global = rt.global_object();
    super::replace_lazy(rt, global, "TextEncoder", Value::object(ctor))?;
    Ok(Value::object(ctor))
}

/// The getter that creates the global `TextDecoder` on first read.
pub fn create_text_decoder(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    let ctor = make_class(
        rt,
        "TextDecoder",
        0,
        |rt, _, _| Err(class_call(rt, "TextDecoder")),
        construct_decoder,
        &[("decode", 0, decode)],
        &[
            ("encoding", decoder_encoding),
            ("fatal", decoder_fatal),
            ("ignoreBOM", decoder_ignore_bom),
        ],
    )?;
    let global = rt.global_object();
    super::replace_lazy(rt, global, "TextDecoder", Value::object(ctor))?;
    Ok(Value::object(ctor))
}

/// `new TextEncoder()`.
fn construct_encoder(rt: &mut Runtime, _: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    let kind = ObjectKind::Host(Box::new(TextEncoderData));
    let o = rt.ordinary_create_from_constructor(nt, Intrinsic::ObjectPrototype, kind, 0)?;
    Ok(Value::object(o))
}

fn this_encoder(rt: &mut Runtime, this: Value) -> JsResult<()> {
    match this.as_object() {
        Some(o) if host_data::<TextEncoderData>(&o).is_some() => Ok(()),
        _ => Err(invalid_this(rt, "TextEncoder")),
    }
}

fn encoder_encoding(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    this_encoder(rt, this)?;
    Ok(Value::string(rt.new_string("utf-8")?))
}

/// The input of `encode`/`encodeInto` as a USVString's UTF-16 code units.
fn usv_units(rt: &mut Runtime, v: Value) -> JsResult<Vec<u16>> {
    Ok(rt.to_string(v)?.to_utf16())
}

/// `encode(input = "")`: the UTF-8 bytes of the USVString (lone surrogates
/// become U+FFFD) in a new Uint8Array.
fn encode(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    this_encoder(rt, this)?;
    let input = arg(args, 0);
    let units = if input.is_undefined() {
        Vec::new()
    } else {
        usv_units(rt, input)?
    };
    let mut out = Vec::with_capacity(units.len());
    for c in char::decode_utf16(units) {
        let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    Ok(Value::object(rt.new_uint8_array(&out)?))
}

/// `encodeInto(source, destination)`: as many whole characters as fit;
/// `{ read, written }` in UTF-16 code units and bytes.
fn encode_into(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    this_encoder(rt, this)?;
    let units = usv_units(rt, arg(args, 0))?;
    let dest = arg(args, 1);
    let Some(capacity) = rt.uint8_array_length(dest) else {
        let shown = super::inspect::inspect_default(rt, dest);
        return Err(node_error(
            rt,
            jsruntime::ErrorKind::TypeError,
            "ERR_INVALID_ARG_TYPE",
            &format!("The \"dest\" argument must be an instance of Uint8Array. Received {shown}"),
        ));
    };
    let mut out = Vec::with_capacity(capacity.min(units.len() * 3));
    let mut read = 0usize;
    for c in char::decode_utf16(units.iter().copied()) {
        let (c, n) = match c {
            Ok(c) => (c, c.len_utf16()),
            Err(_) => (char::REPLACEMENT_CHARACTER, 1),
        };
        if out.len() + c.len_utf8() > capacity {
            break;
        }
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        read += n;
    }
    let written = rt.write_uint8_array(dest, &out);
    let result = rt.new_object()?;
    super::define_value(rt, result, "read", Value::number(read as f64))?;
    super::define_value(rt, result, "written", Value::number(written as f64))?;
    Ok(Value::object(result))
}

/// `new TextDecoder(label = "utf-8", options = {})`.
fn construct_decoder(rt: &mut Runtime, args: &[Value], nt: Gc<JsObject>) -> JsResult<Value> {
    let label = arg(args, 0);
    let label = if label.is_undefined() {
        "utf-8".to_owned()
    } else {
        rt.to_string(label)?.to_rust_string()
    };
    let options = arg(args, 1);
    let (mut fatal, mut ignore_bom) = (false, false);
    if !options.is_undefined() && !options.is_null() {
        if options.as_object().is_none() {
            let shown = super::inspect::inspect_default(rt, options);
            return Err(node_error(
                rt,
                jsruntime::ErrorKind::TypeError,
                "ERR_INVALID_ARG_TYPE",
                &format!("The \"options\" argument must be of type object. Received {shown}"),
            ));
        }
        let key = rt.key("fatal")?;
        fatal = jsruntime::conversions::to_boolean(rt.get_v(options, key)?);
        let key = rt.key("ignoreBOM")?;
        ignore_bom = jsruntime::conversions::to_boolean(rt.get_v(options, key)?);
    }
    let Some(encoding) = Encoding::from_label(&label) else {
        return Err(node_error(
            rt,
            jsruntime::ErrorKind::RangeError,
            "ERR_ENCODING_NOT_SUPPORTED",
            &format!("The \"{label}\" encoding is not supported"),
        ));
    };
    let data = TextDecoderData {
        encoding,
        fatal,
        ignore_bom,
        state: RefCell::new(DecoderState::default()),
    };
    let kind = ObjectKind::Host(Box::new(data));
    let o = rt.ordinary_create_from_constructor(nt, Intrinsic::ObjectPrototype, kind, 0)?;
    Ok(Value::object(o))
}

fn this_decoder(rt: &mut Runtime, this: Value) -> JsResult<Gc<JsObject>> {
    match this.as_object() {
        Some(o) if host_data::<TextDecoderData>(&o).is_some() => Ok(o),
        _ => Err(invalid_this(rt, "TextDecoder")),
    }
}

/// Reads a field of the decoder `this`.
fn decoder_field<T>(
    rt: &mut Runtime,
    this: Value,
    f: impl Fn(&TextDecoderData) -> T,
) -> JsResult<T> {
    let o = this_decoder(rt, this)?;
    match host_data::<TextDecoderData>(&o) {
        Some(d) => Ok(f(d)),
        None => Err(invalid_this(rt, "TextDecoder")),
    }
}

fn decoder_encoding(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let name = decoder_field(rt, this, |d| d.encoding.name())?;
    Ok(Value::string(rt.new_string(name)?))
}

fn decoder_fatal(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(decoder_field(rt, this, |d| d.fatal)?))
}

fn decoder_ignore_bom(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(decoder_field(rt, this, |d| d.ignore_bom)?))
}

/// A decoding error in fatal mode.
struct DecodeError;

/// 8.1.3 UTF-8 decoder (#utf-8-decoder) over `bytes`, then end-of-queue
/// unless `stream`. Errors push U+FFFD, or stop when `fatal`.
fn decode_utf8(
    s: &mut DecoderState,
    bytes: &[u8],
    stream: bool,
    fatal: bool,
    out: &mut Vec<u16>,
) -> Result<(), DecodeError> {
    let error = |out: &mut Vec<u16>| {
        if fatal {
            Err(DecodeError)
        } else {
            out.push(0xfffd);
            Ok(())
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if s.bytes_needed == 0 {
            i += 1;
            match byte {
                0x00..=0x7f => out.push(u16::from(byte)),
                0xc2..=0xdf => {
                    s.bytes_needed = 1;
                    s.code_point = u32::from(byte & 0x1f);
                }
                0xe0..=0xef => {
                    if byte == 0xe0 {
                        s.lower = 0xa0;
                    }
                    if byte == 0xed {
                        s.upper = 0x9f;
                    }
                    s.bytes_needed = 2;
                    s.code_point = u32::from(byte & 0xf);
                }
                0xf0..=0xf4 => {
                    if byte == 0xf0 {
                        s.lower = 0x90;
                    }
                    if byte == 0xf4 {
                        s.upper = 0x8f;
                    }
                    s.bytes_needed = 3;
                    s.code_point = u32::from(byte & 0x7);
                }
                _ => error(out)?,
            }
            continue;
        }
        let lower = if s.lower == 0 { 0x80 } else { s.lower };
        let upper = if s.upper == 0 { 0xbf } else { s.upper };
        // 4. If byte is not in the range UTF-8 lower boundary to UTF-8
        // upper boundary: reset, restore byte to the stream, error.
        if !(lower..=upper).contains(&byte) {
            s.code_point = 0;
            s.bytes_needed = 0;
            s.bytes_seen = 0;
            s.lower = 0;
            s.upper = 0;
            error(out)?;
            continue;
        }
        i += 1;
        s.lower = 0;
        s.upper = 0;
        s.code_point = (s.code_point << 6) | u32::from(byte & 0x3f);
        s.bytes_seen += 1;
        if s.bytes_seen != s.bytes_needed {
            continue;
        }
        let cp = s.code_point;
        s.code_point = 0;
        s.bytes_needed = 0;
        s.bytes_seen = 0;
        push_code_point(out, cp);
    }
    if !stream && s.bytes_needed != 0 {
        *s = DecoderState {
            bom_seen: s.bom_seen,
            ..DecoderState::default()
        };
        error(out)?;
    }
    Ok(())
}

fn push_code_point(out: &mut Vec<u16>, cp: u32) {
    if cp >= 0x10000 {
        let c = cp - 0x10000;
        out.push(0xd800 | (c >> 10) as u16);
        out.push(0xdc00 | (c & 0x3ff) as u16);
    } else {
        out.push(cp as u16);
    }
}

/// 14.2.1 shared UTF-16 decoder (#shared-utf-16-decoder).
fn decode_utf16(
    s: &mut DecoderState,
    bytes: &[u8],
    big_endian: bool,
    stream: bool,
    fatal: bool,
    out: &mut Vec<u16>,
) -> Result<(), DecodeError> {
    let error = |out: &mut Vec<u16>| {
        if fatal {
            Err(DecodeError)
        } else {
            out.push(0xfffd);
            Ok(())
        }
    };
    for &byte in bytes {
        let Some(lead) = s.lead_byte.take() else {
            s.lead_byte = Some(byte);
            continue;
        };
        let unit = if big_endian {
            u16::from_be_bytes([lead, byte])
        } else {
            u16::from_le_bytes([lead, byte])
        };
        if let Some(ls) = s.lead_surrogate.take() {
            if (0xdc00..=0xdfff).contains(&unit) {
                out.push(ls);
                out.push(unit);
                continue;
            }
            // The code unit is restored to the stream: an error, then it
            // is processed on its own.
            error(out)?;
        }
        match unit {
            0xd800..=0xdbff => s.lead_surrogate = Some(unit),
            0xdc00..=0xdfff => error(out)?,
            _ => out.push(unit),
        }
    }
    if !stream && (s.lead_byte.is_some() || s.lead_surrogate.is_some()) {
        s.lead_byte = None;
        s.lead_surrogate = None;
        error(out)?;
    }
    Ok(())
}

/// `decode(input, options = {})` (§7.2).
fn decode(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let o = this_decoder(rt, this)?;
    let input = arg(args, 0);
    let bytes = if input.is_undefined() {
        Vec::new()
    } else {
        match rt.buffer_source_bytes(input) {
            Some(b) => b,
            None => {
                let shown = super::inspect::inspect_default(rt, input);
                return Err(node_error(
                    rt,
                    jsruntime::ErrorKind::TypeError,
                    "ERR_INVALID_ARG_TYPE",
                    &format!(
                        "The \"list\" argument must be an instance of SharedArrayBuffer, \
                         ArrayBuffer or ArrayBufferView. Received {shown}"
                    ),
                ));
            }
        }
    };
    let options = arg(args, 1);
    let mut stream = false;
    if !options.is_undefined() && !options.is_null() {
        if options.as_object().is_none() {
            let shown = super::inspect::inspect_default(rt, options);
            return Err(node_error(
                rt,
                jsruntime::ErrorKind::TypeError,
                "ERR_INVALID_ARG_TYPE",
                &format!("The \"options\" argument must be of type object. Received {shown}"),
            ));
        }
        let key = rt.key("stream")?;
        stream = jsruntime::conversions::to_boolean(rt.get_v(options, key)?);
    }
    let Some(d) = host_data::<TextDecoderData>(&o) else {
        return Err(invalid_this(rt, "TextDecoder"));
    };
    let mut out = Vec::with_capacity(bytes.len());
    let result = {
        let mut s = d.state.borrow_mut();
        // 1. If this's do not flush is false: a new decoder, BOM seen false.
        if !s.do_not_flush {
            *s = DecoderState::default();
        }
        // 2. Set this's do not flush to options["stream"].
        s.do_not_flush = stream;
        let start_empty = !s.bom_seen;
        let r = match d.encoding {
            Encoding::Utf8 => decode_utf8(&mut s, &bytes, stream, d.fatal, &mut out),
            Encoding::Utf16Le => decode_utf16(&mut s, &bytes, false, stream, d.fatal, &mut out),
            Encoding::Utf16Be => decode_utf16(&mut s, &bytes, true, stream, d.fatal, &mut out),
        };
        if r.is_err() {
            *s = DecoderState::default();
        } else if !d.ignore_bom && start_empty && !out.is_empty() {
            // Serialize I/O queue: a first U+FEFF of the stream is dropped.
            if out[0] == 0xfeff {
                out.remove(0);
            }
            s.bom_seen = true;
        }
        r
    };
    if result.is_err() {
        let name = d.encoding.name();
        return Err(node_error(
            rt,
            jsruntime::ErrorKind::TypeError,
            "ERR_ENCODING_INVALID_ENCODED_DATA",
            &format!("The encoded data was not valid for encoding {name}"),
        ));
    }
    Ok(Value::string(rt.new_string_utf16(&out)?))
}
