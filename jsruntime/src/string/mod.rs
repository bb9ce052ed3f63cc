//! Strings with ECMAScript (UTF-16 code unit) semantics.
//!
//! A [`JsString`] cell is either *flat* or a *rope*:
//!
//! * Flat strings store Latin-1 (one byte per code unit) when every unit is
//!   below 0x100, UTF-16 otherwise. Any sequence of code units is
//!   representable, lone surrogates included. The buffer is a boxed slice
//!   owned by the cell (freed when the cell is swept), or for Latin-1
//!   strings of up to [`INLINE_CAPACITY`] units the bytes in the cell itself.
//! * A rope is the concatenation of two strings, created by `+` when the result
//!   is long enough; `s += x` in a loop therefore costs O(1) per step. A rope is
//!   flattened in place, iteratively (ropes a million levels deep are fine), the
//!   first time its code units are needed (indexing, hashing, comparison).
//!
//! * A *slice* is the code units `[start, start + len)` of a flat string
//!   (its *base*), made by `substring`/`slice`/`substr`, regexp match
//!   results and the like ([`Runtime::substring`]) when the part is long
//!   enough that a copy would cost a `malloc`: a lexer's `src =
//!   src.substring(token.length)` then costs O(1) per token instead of a
//!   copy of the rest of the input. The base is never itself a slice (a
//!   slice of a slice refers to the root buffer) nor a rope, and the slice
//!   keeps it alive (it is traced). As in V8, a short slice pins its whole
//!   base; the base is usually live anyway (the input being parsed).
//!
//! * Appending a short string to a flat one writes into an [`append_buffer`]
//!   with spare capacity that the strings built this way share (each is a
//!   prefix of it), so `s += x` in a loop costs O(x.len()) amortised and
//!   leaves no rope to flatten; see [`Runtime::concat_strings`] for when
//!   `+` appends, copies or makes a rope.
//!
//! Atoms ([`atoms`]) are flat strings interned in the runtime's atom table;
//! property keys are atoms, so key equality is pointer equality.
//!
//! Layout for the JIT: the length in code units is a `u32` at
//! [`STRING_LENGTH_OFFSET`] from the cell address, the flags at
//! [`STRING_FLAGS_OFFSET`].

pub mod append_buffer;
pub mod atoms;
pub mod builder;
pub mod number;

use std::cell::{Cell, UnsafeCell};
use std::cmp::Ordering;
use std::rc::Rc;

use append_buffer::AppendBuffer;

use crate::gc::{Gc, HeapObject, Trace, Tracer, CELL_BODY_OFFSET};
use crate::runtime::Runtime;
use crate::JsResult;

/// Longest string (in code units); longer results throw a RangeError.
pub const MAX_STRING_LENGTH: usize = (1 << 30) - 1;

/// Code units whose one-unit strings the runtime caches
/// ([`Runtime::char_string`]): the Latin-1 range.
pub const CHAR_STRINGS: usize = 256;
/// Concatenations shorter than this are copied instead of making a rope.
const MIN_ROPE_LENGTH: usize = 24;
/// Appended parts up to this length are copied into an append buffer;
/// longer ones make a rope (so `s + s` doubling stays cheap).
const MAX_APPENDED_LENGTH: usize = 256;
/// A flat string up to this length that `+` extends starts an append
/// buffer; longer ones (not built by appending) make a rope instead of
/// being copied.
const MAX_BUFFER_START_LENGTH: usize = 4096;

/// Flag: the string is in the atom table.
pub const FLAG_ATOM: u32 = 1;

/// Offset of the `u32` length from the cell address.
pub const STRING_LENGTH_OFFSET: usize = CELL_BODY_OFFSET + std::mem::offset_of!(JsString, len);
/// Offset of the `u32` flags from the cell address.
pub const STRING_FLAGS_OFFSET: usize = CELL_BODY_OFFSET + std::mem::offset_of!(JsString, flags);

/// Parts of a flat string at least this long (and, for Latin-1 parts,
/// too long to be stored inline) are made slices of it instead of copies
/// (V8's `SlicedString::kMinLength` is 13 as well).
const MIN_SLICE_LENGTH: usize = 13;

/// Latin-1 strings up to this many code units live in the cell itself, so
/// the short strings programs make by the million (split parts, number
/// strings, concatenations below [`MIN_ROPE_LENGTH`]) cost no `malloc` and
/// no `free`. The bytes fill the space the other variants' pointers take.
pub(crate) const INLINE_CAPACITY: usize = 23;

pub(crate) enum Repr {
    /// A short Latin-1 string (its first `len` bytes).
    Latin1Inline([u8; INLINE_CAPACITY]),
    Latin1(Box<[u8]>),
    Utf16(Box<[u16]>),
    /// A prefix (of the string's length) of a shared append buffer.
    Latin1Buffer(Rc<AppendBuffer<u8>>),
    Utf16Buffer(Rc<AppendBuffer<u16>>),
    Rope(Gc<JsString>, Gc<JsString>),
    /// The units `[start, start + len)` of a flat string that is not a
    /// slice (see the module docs).
    Slice(Gc<JsString>, u32),
}

// The inline variant makes the enum no larger (tag byte + 23 bytes).
const _: () = assert!(std::mem::size_of::<Repr>() == 24);
// Every concatenation short enough to be copied fits inline.
const _: () = assert!(INLINE_CAPACITY + 1 >= MIN_ROPE_LENGTH);

/// A string cell; see the module docs.
#[repr(C)]
pub struct JsString {
    len: u32,
    flags: Cell<u32>,
    /// Content hash, 0 until computed.
    hash: Cell<u32>,
    repr: UnsafeCell<Repr>,
}

/// The code units of a flat string.
#[derive(Clone, Copy)]
pub enum StrView<'a> {
    /// One byte per code unit (every unit below 0x100).
    Latin1(&'a [u8]),
    /// Two bytes per code unit.
    Utf16(&'a [u16]),
}

impl StrView<'_> {
    /// Length in code units.
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            StrView::Latin1(b) => b.len(),
            StrView::Utf16(u) => u.len(),
        }
    }

    /// Whether there are no code units.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code unit at `i` (panics when out of range).
    #[inline]
    pub fn at(&self, i: usize) -> u16 {
        match self {
            StrView::Latin1(b) => b[i] as u16,
            StrView::Utf16(u) => u[i],
        }
    }

    /// The code units in order.
    pub fn units(&self) -> impl Iterator<Item = u16> + '_ {
        (0..self.len()).map(|i| self.at(i))
    }
}

// SAFETY: a rope reports both halves, a slice its base; flat strings hold
// no references.
unsafe impl Trace for JsString {
    fn trace(&self, tracer: &mut Tracer) {
        match self.repr() {
            Repr::Rope(a, b) => {
                tracer.mark_cell(a.addr());
                tracer.mark_cell(b.addr());
            }
            Repr::Slice(base, _) => tracer.mark_cell(base.addr()),
            _ => {}
        }
    }
}

impl HeapObject for JsString {
    const NAME: &'static str = "String";
}

/// Hash of a code unit sequence (identical for the Latin-1 and UTF-16 forms
/// of the same contents); never 0.
pub fn hash_units(units: impl Iterator<Item = u16>) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for u in units {
        h = (h ^ u as u32).wrapping_mul(0x0100_0193);
    }
    h | 1
}

/// [`hash_units`] of the UTF-16 form of a Rust string (bytes directly when
/// it is ASCII: each byte is one code unit).
pub fn hash_str(s: &str) -> u32 {
    if s.is_ascii() {
        hash_units(s.bytes().map(u16::from))
    } else {
        hash_units(s.encode_utf16())
    }
}

impl JsString {
    fn repr(&self) -> &Repr {
        // SAFETY: the repr only changes in `flatten`, which replaces a rope (no
        // reference into a rope's repr outlives the call that made it).
        unsafe { &*self.repr.get() }
    }

    pub(crate) fn new_flat_latin1(bytes: Box<[u8]>) -> JsString {
        JsString {
            len: bytes.len() as u32,
            flags: Cell::new(0),
            hash: Cell::new(0),
            repr: UnsafeCell::new(Repr::Latin1(bytes)),
        }
    }

    /// A flat Latin-1 string of `bytes`, inline when short.
    pub(crate) fn new_latin1(bytes: &[u8]) -> JsString {
        if bytes.len() > INLINE_CAPACITY {
            return JsString::new_flat_latin1(bytes.into());
        }
        let mut inline = [0; INLINE_CAPACITY];
        inline[..bytes.len()].copy_from_slice(bytes);
        JsString {
            len: bytes.len() as u32,
            flags: Cell::new(0),
            hash: Cell::new(0),
            repr: UnsafeCell::new(Repr::Latin1Inline(inline)),
        }
    }

    pub(crate) fn new_flat_utf16(units: Box<[u16]>) -> JsString {
        JsString {
            len: units.len() as u32,
            flags: Cell::new(0),
            hash: Cell::new(0),
            repr: UnsafeCell::new(Repr::Utf16(units)),
        }
    }

    /// Length in UTF-16 code units.
    #[inline]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the length is 0.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the string is in the atom table ([`FLAG_ATOM`]).
    #[inline]
    pub fn is_atom(&self) -> bool {
        self.flags.get() & FLAG_ATOM != 0
    }

    pub(crate) fn set_atom(&self) {
        self.flags.set(self.flags.get() | FLAG_ATOM);
    }

    /// Whether the string is a rope not flattened yet.
    #[inline]
    pub fn is_rope(&self) -> bool {
        matches!(self.repr(), Repr::Rope(..))
    }

    /// Bytes owned outside the cell (for GC accounting).
    pub(crate) fn buffer_bytes(&self) -> usize {
        match self.repr() {
            Repr::Latin1(b) => b.len(),
            Repr::Utf16(u) => u.len() * 2,
            // Counted when the buffer is made (see `concat_strings`).
            Repr::Latin1Buffer(_) | Repr::Utf16Buffer(_) | Repr::Rope(..) => 0,
            // The base owns the units.
            Repr::Slice(..) => 0,
            Repr::Latin1Inline(_) => 0,
        }
    }

    /// The code units, flattening a rope first.
    #[inline(always)]
    pub fn view(&self) -> StrView<'_> {
        match self.repr() {
            Repr::Latin1Inline(b) => StrView::Latin1(&b[..self.len()]),
            Repr::Latin1(b) => StrView::Latin1(b),
            Repr::Utf16(u) => StrView::Utf16(u),
            Repr::Latin1Buffer(b) => StrView::Latin1(b.prefix(self.len())),
            Repr::Utf16Buffer(b) => StrView::Utf16(b.prefix(self.len())),
            // Out of line, so the flat cases stay small enough to inline
            // into the string paths (`+` in a loop).
            Repr::Slice(base, start) => self.slice_view(base, *start as usize),
            Repr::Rope(..) => {
                self.flatten_rope();
                self.flat_view()
            }
        }
    }

    /// The code units of a slice: its part of the base's units.
    #[inline(never)]
    fn slice_view<'a>(&'a self, base: &'a JsString, start: usize) -> StrView<'a> {
        let end = start + self.len();
        match base.flat_view() {
            StrView::Latin1(b) => StrView::Latin1(&b[start..end]),
            StrView::Utf16(u) => StrView::Utf16(&u[start..end]),
        }
    }

    /// The code units of a string that is neither a rope nor a slice.
    #[inline]
    fn flat_view(&self) -> StrView<'_> {
        match self.repr() {
            Repr::Latin1Inline(b) => StrView::Latin1(&b[..self.len()]),
            Repr::Latin1(b) => StrView::Latin1(b),
            Repr::Utf16(u) => StrView::Utf16(u),
            Repr::Latin1Buffer(b) => StrView::Latin1(b.prefix(self.len())),
            Repr::Utf16Buffer(b) => StrView::Utf16(b.prefix(self.len())),
            Repr::Rope(..) | Repr::Slice(..) => unreachable!("a rope or slice as a base"),
        }
    }

    /// Whether the string is a slice of another (see the module docs).
    pub fn is_slice(&self) -> bool {
        matches!(self.repr(), Repr::Slice(..))
    }

    /// Replaces a rope by its flat contents, in place. Iterative, so the depth
    /// of the rope does not matter. Allocates only on the malloc heap (never
    /// collects).
    #[inline]
    pub fn flatten(&self) {
        if self.is_rope() {
            self.flatten_rope();
        }
    }

    fn flatten_rope(&self) {
        let Repr::Rope(left, right) = self.repr() else {
            return;
        };
        let mut wide = false;
        let mut leaves: Vec<&JsString> = Vec::new();
        let mut stack: Vec<&JsString> = vec![right, left];
        while let Some(s) = stack.pop() {
            match s.repr() {
                Repr::Rope(l, r) => {
                    stack.push(r);
                    stack.push(l);
                }
                Repr::Utf16(_) | Repr::Utf16Buffer(_) => {
                    wide = true;
                    leaves.push(s);
                }
                Repr::Slice(base, _) => {
                    wide |= matches!(base.flat_view(), StrView::Utf16(_));
                    leaves.push(s);
                }
                Repr::Latin1(_) | Repr::Latin1Buffer(_) | Repr::Latin1Inline(_) => leaves.push(s),
            }
        }
        let repr = if wide {
            let mut out = Vec::with_capacity(self.len());
            for leaf in leaves {
                match leaf.view() {
                    StrView::Latin1(b) => out.extend(b.iter().map(|&c| c as u16)),
                    StrView::Utf16(u) => out.extend_from_slice(u),
                }
            }
            Repr::Utf16(out.into_boxed_slice())
        } else {
            let mut out = Vec::with_capacity(self.len());
            for leaf in leaves {
                if let StrView::Latin1(b) = leaf.view() {
                    out.extend_from_slice(b);
                }
            }
            Repr::Latin1(out.into_boxed_slice())
        };
        // SAFETY: no reference into this cell's repr is live: the leaves are
        // other cells (a rope never contains itself), and `left`/`right` are
        // not used after this point.
        unsafe { *self.repr.get() = repr };
    }

    /// The code unit at `index` (7.1 "code unit at"), if in range.
    pub fn code_unit_at(&self, index: usize) -> Option<u16> {
        (index < self.len()).then(|| self.view().at(index))
    }

    /// The content hash (see [`hash_units`]), computed on first use and cached.
    pub fn hash(&self) -> u32 {
        let h = self.hash.get();
        if h != 0 {
            return h;
        }
        // One loop per representation (not a match per unit).
        let h = match self.view() {
            StrView::Latin1(b) => hash_units(b.iter().map(|&c| c as u16)),
            StrView::Utf16(u) => hash_units(u.iter().copied()),
        };
        self.hash.set(h);
        h
    }

    /// Same code units.
    pub fn equals(&self, other: &JsString) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        if self.len != other.len || (self.is_atom() && other.is_atom()) {
            return false;
        }
        let (h1, h2) = (self.hash.get(), other.hash.get());
        if h1 != 0 && h2 != 0 && h1 != h2 {
            return false;
        }
        views_equal(self.view(), other.view())
    }

    /// Whether the contents equal a Rust string.
    pub fn eq_str(&self, s: &str) -> bool {
        let v = self.view();
        // A UTF-8 text has at least as many bytes as UTF-16 code units.
        if v.len() > s.len() {
            return false;
        }
        if s.is_ascii() {
            // The common case (names the runtime looks up by `&str`, e.g.
            // `Runtime::key`): compared slice-wise, not per decoded unit.
            return match v {
                StrView::Latin1(b) => b == s.as_bytes(),
                StrView::Utf16(u) => {
                    u.len() == s.len() && u.iter().zip(s.bytes()).all(|(&a, b)| a == u16::from(b))
                }
            };
        }
        let mut i = 0;
        for u in s.encode_utf16() {
            if i >= v.len() || v.at(i) != u {
                return false;
            }
            i += 1;
        }
        i == v.len()
    }

    /// Lexicographic comparison by code units (7.2.13 IsLessThan on strings).
    pub fn compare(&self, other: &JsString) -> Ordering {
        let (a, b) = (self.view(), other.view());
        let n = a.len().min(b.len());
        for i in 0..n {
            match a.at(i).cmp(&b.at(i)) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        a.len().cmp(&b.len())
    }

    /// The contents as UTF-16.
    pub fn to_utf16(&self) -> Vec<u16> {
        // Slice-wise (not `units()`, which matches the view per unit), so a
        // long string converts at memory speed: the matcher converts every
        // new subject string (`src = src.substring(n)` lexers).
        match self.view() {
            StrView::Latin1(b) => b.iter().map(|&c| u16::from(c)).collect(),
            StrView::Utf16(u) => u.to_vec(),
        }
    }

    /// The contents as a Rust string; lone surrogates become U+FFFD.
    pub fn to_rust_string(&self) -> String {
        match self.view() {
            StrView::Latin1(b) => b.iter().map(|&c| c as char).collect(),
            StrView::Utf16(u) => char::decode_utf16(u.iter().copied())
                .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        }
    }
}

fn views_equal(a: StrView<'_>, b: StrView<'_>) -> bool {
    match (a, b) {
        (StrView::Latin1(x), StrView::Latin1(y)) => x == y,
        (StrView::Utf16(x), StrView::Utf16(y)) => x == y,
        _ => a.len() == b.len() && (0..a.len()).all(|i| a.at(i) == b.at(i)),
    }
}

impl Runtime {
    fn alloc_string(&mut self, s: JsString) -> JsResult<Gc<JsString>> {
        let extra = s.buffer_bytes();
        self.heap.note_external_alloc(extra);
        self.alloc(s)
    }

    fn check_string_length(&mut self, len: usize) -> JsResult<()> {
        if len > MAX_STRING_LENGTH {
            Err(self.range_error("Invalid string length"))
        } else {
            Ok(())
        }
    }

    /// A new string from Rust text.
    pub fn new_string(&mut self, s: &str) -> JsResult<Gc<JsString>> {
        if s.is_empty() {
            return Ok(self.empty_string());
        }
        if s.is_ascii() {
            // The common case (names, keys), copied at once (into the cell
            // when short).
            self.check_string_length(s.len())?;
            self.alloc_string(JsString::new_latin1(s.as_bytes()))
        } else if s.chars().all(|c| (c as u32) < 0x100) {
            let bytes: Box<[u8]> = s.chars().map(|c| c as u8).collect();
            self.check_string_length(bytes.len())?;
            self.alloc_string(JsString::new_flat_latin1(bytes))
        } else {
            let units: Box<[u16]> = s.encode_utf16().collect();
            self.check_string_length(units.len())?;
            self.alloc_string(JsString::new_flat_utf16(units))
        }
    }

    /// A new string from UTF-16 code units (lone surrogates allowed); stored as
    /// Latin-1 when possible.
    pub fn new_string_utf16(&mut self, units: &[u16]) -> JsResult<Gc<JsString>> {
        if units.is_empty() {
            return Ok(self.empty_string());
        }
        self.check_string_length(units.len())?;
        if units.len() <= INLINE_CAPACITY && units.iter().all(|&u| u < 0x100) {
            let mut bytes = [0; INLINE_CAPACITY];
            for (b, &u) in bytes.iter_mut().zip(units) {
                *b = u as u8;
            }
            return self.alloc_string(JsString::new_latin1(&bytes[..units.len()]));
        }
        if units.iter().all(|&u| u < 0x100) {
            let bytes: Box<[u8]> = units.iter().map(|&u| u as u8).collect();
            self.alloc_string(JsString::new_flat_latin1(bytes))
        } else {
            self.alloc_string(JsString::new_flat_utf16(units.into()))
        }
    }

    /// A new string from Latin-1 bytes.
    pub fn new_string_latin1(&mut self, bytes: &[u8]) -> JsResult<Gc<JsString>> {
        if bytes.is_empty() {
            return Ok(self.empty_string());
        }
        self.check_string_length(bytes.len())?;
        self.alloc_string(JsString::new_latin1(bytes))
    }

    /// A new string taking a buffer of Latin-1 bytes (no copy, as built by
    /// JSON.stringify or a join).
    pub fn new_string_latin1_vec(&mut self, bytes: Vec<u8>) -> JsResult<Gc<JsString>> {
        if bytes.is_empty() {
            return Ok(self.empty_string());
        }
        self.check_string_length(bytes.len())?;
        self.alloc_string(JsString::new_flat_latin1(bytes.into_boxed_slice()))
    }

    /// `a + b` for strings: a rope unless the result is short.
    pub fn concat_strings(&mut self, a: Gc<JsString>, b: Gc<JsString>) -> JsResult<Gc<JsString>> {
        if a.is_empty() {
            return Ok(b);
        }
        if b.is_empty() {
            return Ok(a);
        }
        let len = a.len() + b.len();
        self.check_string_length(len)?;
        if len < MIN_ROPE_LENGTH {
            if let (StrView::Latin1(x), StrView::Latin1(y)) = (a.view(), b.view()) {
                let mut bytes = [0; INLINE_CAPACITY];
                bytes[..x.len()].copy_from_slice(x);
                bytes[x.len()..len].copy_from_slice(y);
                return self.alloc_string(JsString::new_latin1(&bytes[..len]));
            }
            let mut units = a.to_utf16();
            units.extend(b.view().units());
            return self.new_string_utf16(&units);
        }
        if b.len() <= MAX_APPENDED_LENGTH && !a.is_rope() {
            return self.append_string(a, b, len);
        }
        self.alloc(JsString {
            len: len as u32,
            flags: Cell::new(0),
            hash: Cell::new(0),
            repr: UnsafeCell::new(Repr::Rope(a, b)),
        })
    }

    /// `a + b` for a flat `a` and a short `b`: in place when `a` ends its
    /// append buffer and `b` fits, else into a new buffer 1.5 times the
    /// result's length (a copy of `a`: amortised by the growth, and bounded
    /// by [`MAX_BUFFER_START_LENGTH`] for strings that were not built by
    /// appending), else a rope.
    fn append_string(
        &mut self,
        a: Gc<JsString>,
        b: Gc<JsString>,
        len: usize,
    ) -> JsResult<Gc<JsString>> {
        let appended = match (a.repr(), b.view()) {
            (Repr::Latin1Buffer(buf), StrView::Latin1(units)) => buf
                .try_append(a.len(), units)
                .then(|| Repr::Latin1Buffer(buf.clone())),
            (Repr::Utf16Buffer(buf), StrView::Utf16(units)) => buf
                .try_append(a.len(), units)
                .then(|| Repr::Utf16Buffer(buf.clone())),
            (Repr::Utf16Buffer(buf), StrView::Latin1(units)) => buf
                .try_append_with(a.len(), units.len(), units.iter().map(|&c| c as u16))
                .then(|| Repr::Utf16Buffer(buf.clone())),
            _ => None,
        };
        let repr = match appended {
            Some(repr) => repr,
            None => {
                let in_buffer = matches!(a.repr(), Repr::Latin1Buffer(_) | Repr::Utf16Buffer(_));
                if !in_buffer && a.len() > MAX_BUFFER_START_LENGTH {
                    return self.alloc(JsString {
                        len: len as u32,
                        flags: Cell::new(0),
                        hash: Cell::new(0),
                        repr: UnsafeCell::new(Repr::Rope(a, b)),
                    });
                }
                let capacity = len + len / 2;
                let repr = match (a.view(), b.view()) {
                    (StrView::Latin1(x), StrView::Latin1(y)) => Repr::Latin1Buffer(Rc::new(
                        AppendBuffer::new(x, y.iter().copied(), capacity),
                    )),
                    (x, y) => {
                        let units: Vec<u16> = x.units().collect();
                        Repr::Utf16Buffer(Rc::new(AppendBuffer::new(&units, y.units(), capacity)))
                    }
                };
                let bytes = match &repr {
                    Repr::Latin1Buffer(buf) => buf.bytes(),
                    Repr::Utf16Buffer(buf) => buf.bytes(),
                    _ => 0,
                };
                self.heap.note_external_alloc(bytes);
                repr
            }
        };
        self.alloc(JsString {
            len: len as u32,
            flags: Cell::new(0),
            hash: Cell::new(0),
            repr: UnsafeCell::new(repr),
        })
    }

    /// The string of the one code unit `unit`: an atom from the runtime's
    /// cache for units below [`CHAR_STRINGS`], else a new string.
    pub fn char_string(&mut self, unit: u16) -> JsResult<Gc<JsString>> {
        let Some(cached) = self.char_strings.get(unit as usize) else {
            return self.new_string_utf16(&[unit]);
        };
        if let Some(s) = cached.as_string() {
            return Ok(s);
        }
        let s = self.new_string_latin1(&[unit as u8])?;
        let s = self.atoms.intern(s);
        self.char_strings[unit as usize] = crate::value::Value::string(s);
        Ok(s)
    }

    /// The code units `[start, end)` of `s` as a new string (clamped): a
    /// slice of `s` (of its base when `s` is a slice) when the part is
    /// long, a copy otherwise (see [`MIN_SLICE_LENGTH`]).
    pub fn substring(
        &mut self,
        s: Gc<JsString>,
        start: usize,
        end: usize,
    ) -> JsResult<Gc<JsString>> {
        let end = end.min(s.len());
        let start = start.min(end);
        if start == 0 && end == s.len() {
            return Ok(s);
        }
        let len = end - start;
        if len == 1 {
            let unit = s.code_unit_at(start).unwrap_or(0);
            return self.char_string(unit);
        }
        let sliced = match s.view() {
            StrView::Latin1(_) => len > INLINE_CAPACITY,
            StrView::Utf16(_) => len >= MIN_SLICE_LENGTH,
        };
        if sliced {
            // `view` flattened a rope, so `s` is flat or a slice of a flat base.
            let (base, offset) = match s.repr() {
                Repr::Slice(base, offset) => (*base, *offset as usize + start),
                _ => (s, start),
            };
            return self.alloc(JsString {
                len: len as u32,
                flags: Cell::new(0),
                hash: Cell::new(0),
                repr: UnsafeCell::new(Repr::Slice(base, offset as u32)),
            });
        }
        // A short part is copied through the stack (not a malloc'd
        // buffer): the view borrows `s`, and allocating may collect.
        match s.view() {
            StrView::Latin1(b) => {
                let mut part = [0u8; INLINE_CAPACITY];
                part[..len].copy_from_slice(&b[start..end]);
                self.new_string_latin1(&part[..len])
            }
            StrView::Utf16(u) => {
                let mut part = [0u16; MIN_SLICE_LENGTH];
                part[..len].copy_from_slice(&u[start..end]);
                self.new_string_utf16(&part[..len])
            }
        }
    }
}

#[cfg(test)]
mod tests;
