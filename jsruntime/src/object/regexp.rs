//! RegExp objects (ECMA-262 22.2.3): the internal slots [[OriginalSource]],
//! [[OriginalFlags]] and [[RegExpMatcher]], their creation (RegExpCreate,
//! RegExpAlloc, RegExpInitialize) and the matching core RegExpBuiltinExec
//! (22.2.7.2), with the `regress` crate as the matcher.
//!
//! A RegExp object is an ordinary object whose kind is host data
//! ([`RegExpData`]). The compiled matcher lives on the malloc heap behind an
//! `Rc` (it holds no GC references); the source and flags strings are GC
//! strings traced through the data. Compiled matchers are shared through a
//! small per-thread cache keyed by (source, flags), so a literal evaluated in
//! a loop compiles its pattern once.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use crate::gc::{Gc, Trace, Tracer};
use crate::object::{
    Attributes, HostData, JsObject, ObjectKind, PropertyKey, StoredProperty, FLAG_EXOTIC,
};
use crate::runtime::{Intrinsic, Runtime};
use crate::string::{JsString, StrView};
use crate::value::Value;
use crate::JsResult;

/// The flags of a RegExp, one bit per flag letter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RegExpFlags(u8);

impl RegExpFlags {
    /// `d`: report match indices.
    pub const HAS_INDICES: u8 = 1;
    /// `g`: global; `lastIndex` advances.
    pub const GLOBAL: u8 = 2;
    /// `i`: ignore case.
    pub const IGNORE_CASE: u8 = 4;
    /// `m`: multiline; `^` and `$` match at line terminators.
    pub const MULTILINE: u8 = 8;
    /// `s`: dotAll; `.` matches line terminators.
    pub const DOT_ALL: u8 = 16;
    /// `u`: Unicode; match by code points.
    pub const UNICODE: u8 = 32;
    /// `v`: Unicode sets; match by code points, with set notation in classes.
    pub const UNICODE_SETS: u8 = 64;
    /// `y`: sticky; match only at `lastIndex`.
    pub const STICKY: u8 = 128;

    /// The flag letters in the order of 22.2.6.4 get RegExp.prototype.flags.
    pub const LETTERS: [(u8, char); 8] = [
        (Self::HAS_INDICES, 'd'),
        (Self::GLOBAL, 'g'),
        (Self::IGNORE_CASE, 'i'),
        (Self::MULTILINE, 'm'),
        (Self::DOT_ALL, 's'),
        (Self::UNICODE, 'u'),
        (Self::UNICODE_SETS, 'v'),
        (Self::STICKY, 'y'),
    ];

    /// 22.2.3.1 RegExpInitialize steps 5-6: only `dgimsuvy`, each at most
    /// once, and not both `u` and `v`. None when invalid.
    pub fn parse(units: impl Iterator<Item = u16>) -> Option<RegExpFlags> {
        let mut bits = 0u8;
        for u in units {
            let (bit, _) = Self::LETTERS
                .iter()
                .find(|(_, c)| *c as u16 == u)
                .copied()?;
            if bits & bit != 0 {
                return None;
            }
            bits |= bit;
        }
        if bits & Self::UNICODE != 0 && bits & Self::UNICODE_SETS != 0 {
            return None;
        }
        Some(RegExpFlags(bits))
    }

    /// Whether any of the bits in `bit` is set.
    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    /// `u` or `v`: matching by code points (fullUnicode in 22.2.7.2).
    pub fn full_unicode(self) -> bool {
        self.has(Self::UNICODE | Self::UNICODE_SETS)
    }

    fn to_regress(self) -> regress::Flags {
        regress::Flags {
            icase: self.has(Self::IGNORE_CASE),
            multiline: self.has(Self::MULTILINE),
            dot_all: self.has(Self::DOT_ALL),
            unicode: self.has(Self::UNICODE),
            unicode_sets: self.has(Self::UNICODE_SETS),
            ..regress::Flags::default()
        }
    }
}

/// The initialized slots of a RegExp object.
pub struct RegExpState {
    /// [[OriginalSource]]
    pub source: Gc<JsString>,
    /// [[OriginalFlags]]
    pub flags_string: Gc<JsString>,
    /// The parsed [[OriginalFlags]].
    pub flags: RegExpFlags,
    /// [[RegExpMatcher]]
    pub matcher: Rc<regress::Regex>,
}

impl RegExpState {
    /// Whether the pattern has named groups.
    pub fn has_named_groups(&self) -> bool {
        self.matcher.has_named_groups()
    }
}

/// The host data of a RegExp object; `None` between RegExpAlloc and
/// RegExpInitialize. A `RefCell` because RegExpInitialize (and Annex B
/// `compile`) replace the slots of a live object; borrows never outlive a
/// call into this module.
pub struct RegExpData {
    state: RefCell<Option<Rc<RegExpState>>>,
}

// SAFETY: reports the two strings of the slots; the matcher holds no GC
// references.
unsafe impl Trace for RegExpData {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(s) = &*self.state.borrow() {
            s.source.trace(tracer);
            s.flags_string.trace(tracer);
        }
    }
}

impl HostData for RegExpData {
    fn class_name(&self) -> &'static str {
        "RegExp"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Whether `o` has a [[RegExpMatcher]] slot (possibly uninitialized).
pub fn is_regexp_object(o: Gc<JsObject>) -> bool {
    matches!(o.kind(), ObjectKind::Host(h) if h.as_any().is::<RegExpData>())
}

/// The slots of an initialized RegExp object (a shared copy: the caller may
/// run code that re-initializes the object meanwhile).
pub fn regexp_state(v: Value) -> Option<Rc<RegExpState>> {
    let o = v.as_object()?;
    match o.kind() {
        ObjectKind::Host(h) => h
            .as_any()
            .downcast_ref::<RegExpData>()?
            .state
            .borrow()
            .clone(),
        _ => None,
    }
}

/// The cache of compiled matchers; cleared when full.
type MatcherCache = HashMap<(Vec<u16>, RegExpFlags), Rc<regress::Regex>>;
const MATCHER_CACHE_LIMIT: usize = 256;
/// `|` count up to which a pattern is compiled on the caller's stack, the
/// stack per alternative beyond, and the largest stack used (about 250,000
/// alternatives); the numbers of jsparser's literal validation.
const ALTERNATIVES_ON_CALLER_STACK: usize = 64;
const STACK_PER_ALTERNATIVE: usize = 4096;
const MAX_COMPILE_STACK: usize = 1 << 30;

thread_local! {
    static MATCHERS: RefCell<MatcherCache> = RefCell::new(HashMap::new());
}

/// Parses `pattern` under `flags` (22.2.3.4 Static Semantics: ParsePattern);
/// the error text on a syntax error.
fn compile(pattern: &[u16], flags: RegExpFlags) -> Result<Rc<regress::Regex>, String> {
    let key = (pattern.to_vec(), flags);
    if let Some(m) = MATCHERS.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(m);
    }
    let regress_flags = flags.to_regress();
    let full_unicode = flags.full_unicode();
    let parse = || {
        catch_unwind(AssertUnwindSafe(|| {
            regress::Regex::from_unicode(
                rewrite_duplicate_backreferences(pattern_characters(pattern, full_unicode))
                    .into_iter(),
                regress_flags,
            )
        }))
    };
    // regress parses `a|b|c...` recursively (see jsparser's
    // lexer/regexp.rs): patterns with many alternatives are compiled on a
    // thread whose stack is sized for them.
    // Groups nest recursively too; the caller's stack may be nearly used up
    // (a RegExp made at the end of a deep recursion), so the estimate is
    // checked against what is left of it.
    let alternatives = pattern.iter().filter(|&&u| u == u16::from(b'|')).count();
    let groups = pattern.iter().filter(|&&u| u == u16::from(b'(')).count();
    let recursion = alternatives + groups;
    let needed = (256 << 10) + recursion.saturating_mul(STACK_PER_ALTERNATIVE);
    let fits = crate::gc::stack::remaining() > needed;
    let compiled = if alternatives <= ALTERNATIVES_ON_CALLER_STACK && fits {
        parse()
    } else {
        let stack = (8 << 20) + recursion.saturating_mul(STACK_PER_ALTERNATIVE);
        if stack > MAX_COMPILE_STACK {
            return Err("pattern too complex".into());
        }
        let owned: Vec<u16> = pattern.to_vec();
        std::thread::Builder::new()
            .name("regexp-compile".into())
            .stack_size(stack)
            .spawn(move || {
                catch_unwind(AssertUnwindSafe(|| {
                    regress::Regex::from_unicode(
                        rewrite_duplicate_backreferences(pattern_characters(&owned, full_unicode))
                            .into_iter(),
                        regress_flags,
                    )
                }))
            })
            .ok()
            .and_then(|t| t.join().ok())
            .unwrap_or_else(|| Err(Box::new("regexp compilation thread failed")))
    };
    let matcher = match compiled {
        Ok(Ok(r)) => Rc::new(r),
        Ok(Err(e)) => return Err(e.text),
        Err(_) => return Err("pattern not supported".into()),
    };
    MATCHERS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MATCHER_CACHE_LIMIT {
            c.clear();
        }
        c.insert(key, matcher.clone());
    });
    Ok(matcher)
}

/// The characters of a pattern (22.2.2 Pattern Semantics): code points in
/// Unicode mode (a surrogate pair is one character, a lone surrogate stays
/// itself), code units otherwise (an astral character is two) except in
/// group names (`(?<name>` and `\k<name>`), which are read as code points
/// in both modes (22.2.1 RegExpIdentifierName: a surrogate pair there is
/// one identifier character).
fn pattern_characters(pattern: &[u16], full_unicode: bool) -> Vec<u32> {
    let points = |units: &[u16]| -> Vec<u32> {
        char::decode_utf16(units.iter().copied())
            .map(|r| r.map_or_else(|e| u32::from(e.unpaired_surrogate()), u32::from))
            .collect()
    };
    if full_unicode || pattern.iter().all(|&u| !(0xD800..=0xDBFF).contains(&u)) {
        return if full_unicode {
            points(pattern)
        } else {
            pattern.iter().map(|&u| u32::from(u)).collect()
        };
    }
    let mut out = Vec::with_capacity(pattern.len());
    let (mut i, mut in_class) = (0, false);
    let at = |i: usize| pattern.get(i).copied().unwrap_or(0);
    while i < pattern.len() {
        let u = pattern[i];
        let name_start = if u == u16::from(b'\\') {
            // `\k<`: a group name follows (an escape is two units otherwise).
            (!in_class && at(i + 1) == u16::from(b'k') && at(i + 2) == u16::from(b'<'))
                .then_some(i + 3)
        } else if !in_class
            && u == u16::from(b'(')
            && at(i + 1) == u16::from(b'?')
            && at(i + 2) == u16::from(b'<')
            && at(i + 3) != u16::from(b'=')
            && at(i + 3) != u16::from(b'!')
        {
            Some(i + 3)
        } else {
            None
        };
        if let Some(start) = name_start {
            let end = pattern[start..]
                .iter()
                .position(|&u| u == u16::from(b'>'))
                .map_or(pattern.len(), |n| start + n);
            out.extend(pattern[i..start].iter().map(|&u| u32::from(u)));
            out.extend(points(&pattern[start..end]));
            i = end;
            continue;
        }
        if u == u16::from(b'\\') {
            out.push(u32::from(u));
            if let Some(&next) = pattern.get(i + 1) {
                out.push(u32::from(next));
            }
            i += 2;
            continue;
        }
        if u == u16::from(b'[') {
            in_class = true;
        } else if u == u16::from(b']') {
            in_class = false;
        }
        out.push(u32::from(u));
        i += 1;
    }
    out
}

/// Duplicate named groups (ES2025): regress binds `\k<name>` to the first
/// group of that name only. The groups of one name are in different
/// alternatives, so at most one of them participates in a match (captures
/// inside a quantified atom are reset at each iteration), and a
/// backreference to a group that did not participate matches the empty
/// string: `\k<name>` is `(?:\1\2...)` over the groups of the name.
fn rewrite_duplicate_backreferences(chars: Vec<u32>) -> Vec<u32> {
    const BACKSLASH: u32 = b'\\' as u32;
    let at = |i: usize| chars.get(i).copied().unwrap_or(0);
    let name_end = |start: usize| {
        chars[start..]
            .iter()
            .position(|&c| c == u32::from(b'>'))
            .map(|n| start + n)
    };
    // Pass 1: the capture group numbers of each name, in pattern order.
    let mut names: Vec<(&[u32], Vec<usize>)> = Vec::new();
    let (mut i, mut in_class, mut count) = (0, false, 0usize);
    while i < chars.len() {
        match chars[i] {
            BACKSLASH => i += 1,
            c if c == u32::from(b'[') => in_class = true,
            c if c == u32::from(b']') => in_class = false,
            c if c == u32::from(b'(') && !in_class => {
                if at(i + 1) != u32::from(b'?') {
                    count += 1;
                } else if at(i + 2) == u32::from(b'<')
                    && at(i + 3) != u32::from(b'=')
                    && at(i + 3) != u32::from(b'!')
                {
                    count += 1;
                    if let Some(end) = name_end(i + 3) {
                        let name = &chars[i + 3..end];
                        match names.iter_mut().find(|(n, _)| *n == name) {
                            Some((_, groups)) => groups.push(count),
                            None => names.push((name, vec![count])),
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    if names.iter().all(|(_, groups)| groups.len() < 2) {
        return chars;
    }
    // Pass 2: rewrite `\k<name>` of the duplicated names.
    let mut out = Vec::with_capacity(chars.len() + 16);
    let (mut i, mut in_class) = (0, false);
    while i < chars.len() {
        let c = chars[i];
        if c == BACKSLASH {
            if !in_class && at(i + 1) == u32::from(b'k') && at(i + 2) == u32::from(b'<') {
                if let Some(end) = name_end(i + 3) {
                    let name = &chars[i + 3..end];
                    if let Some((_, groups)) = names.iter().find(|(n, g)| *n == name && g.len() > 1)
                    {
                        out.extend("(?:".chars().map(u32::from));
                        for g in groups {
                            out.push(BACKSLASH);
                            out.extend(g.to_string().chars().map(u32::from));
                        }
                        out.push(u32::from(b')'));
                        i = end + 1;
                        continue;
                    }
                }
            }
            out.push(c);
            if let Some(&next) = chars.get(i + 1) {
                out.push(next);
            }
            i += 2;
            continue;
        }
        if c == u32::from(b'[') {
            in_class = true;
        } else if c == u32::from(b']') {
            in_class = false;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A successful match: the capture ranges (index 0 is the whole match) and
/// the named groups in the order of their first definition.
pub struct MatchResult {
    /// Code unit range of each capture, `None` when the group did not participate.
    pub captures: Vec<Option<std::ops::Range<usize>>>,
    /// Each named group and its capture range (`None` when it did not participate).
    pub named: Vec<(String, Option<std::ops::Range<usize>>)>,
}

/// Runs the matcher on `text` from code unit `start`: the leftmost match at
/// or after `start` (at `start` exactly when `sticky`). The matcher reads
/// the string's own code units (Latin-1 or UTF-16, of a slice too): no copy
/// of the subject per match.
fn match_at(
    matcher: &regress::Regex,
    unicode: bool,
    text: StrView<'_>,
    start: usize,
    sticky: bool,
) -> Option<MatchResult> {
    let run = || {
        // Only a match at `start` counts when sticky: do not search further
        // (a sticky `split` tries every position).
        let m = match text {
            // No Latin-1 unit is a surrogate: UTF-16 and UCS-2 agree.
            StrView::Latin1(b) if sticky => matcher.match_at_latin1(b, start),
            StrView::Latin1(b) => matcher.find_from_latin1(b, start).next(),
            StrView::Utf16(u) if sticky => matcher.match_at_utf16(u, start, unicode),
            StrView::Utf16(u) if unicode => matcher.find_from_utf16(u, start).next(),
            StrView::Utf16(u) => matcher.find_from_ucs2(u, start).next(),
        }?;
        let mut captures = Vec::with_capacity(m.captures.len() + 1);
        captures.push(Some(m.range()));
        captures.extend(m.captures.iter().cloned());
        let named = m
            .named_groups()
            .map(|(name, r)| (name.to_owned(), r))
            .collect();
        Some(MatchResult { captures, named })
    };
    // A bug in regress must not take the process down: treat it as no match.
    catch_unwind(AssertUnwindSafe(run)).ok().flatten()
}

impl Runtime {
    /// 22.2.3.2 RegExpAlloc ( newTarget ): an uninitialized RegExp object
    /// with its `lastIndex` property.
    pub fn regexp_alloc(&mut self, new_target: Gc<JsObject>) -> JsResult<Gc<JsObject>> {
        let data = Box::new(RegExpData {
            state: RefCell::new(None),
        });
        let o = self.ordinary_create_from_constructor(
            new_target,
            Intrinsic::RegExpPrototype,
            ObjectKind::Host(data),
            0,
        )?;
        // Step 2: DefinePropertyOrThrow of a new own property on a new
        // ordinary object: a store.
        let key = PropertyKey::String(self.names.last_index);
        let prop = StoredProperty::Data(Value::UNDEFINED, Attributes::new(true, false, false));
        self.store_property(o, key, prop)?;
        Ok(o)
    }

    /// 22.2.3.3 RegExpInitialize ( obj, pattern, flags ).
    pub fn regexp_initialize(
        &mut self,
        obj: Gc<JsObject>,
        pattern: Value,
        flags: Value,
    ) -> JsResult<Value> {
        let p = if pattern.is_undefined() {
            self.empty_string()
        } else {
            self.to_string(pattern)?
        };
        let f = if flags.is_undefined() {
            self.empty_string()
        } else {
            self.to_string(flags)?
        };
        let Some(parsed) = RegExpFlags::parse(f.to_utf16().into_iter()) else {
            let msg = format!("Invalid regular expression flags '{}'", f.to_rust_string());
            return Err(self.syntax_error(&msg));
        };
        let matcher = match compile(&p.to_utf16(), parsed) {
            Ok(m) => m,
            Err(e) => {
                let msg = format!(
                    "Invalid regular expression: /{}/{}: {e}",
                    p.to_rust_string(),
                    f.to_rust_string()
                );
                return Err(self.syntax_error(&msg));
            }
        };
        let state = Rc::new(RegExpState {
            source: p,
            flags_string: f,
            flags: parsed,
            matcher,
        });
        match obj.kind() {
            ObjectKind::Host(h) => match h.as_any().downcast_ref::<RegExpData>() {
                Some(d) => *d.state.borrow_mut() = Some(state),
                None => return Err(self.type_error("not a RegExp object")),
            },
            _ => return Err(self.type_error("not a RegExp object")),
        }
        // Step 13: Set(obj, "lastIndex", 0, true), a slot write when it is
        // the writable own data property RegExpAlloc made.
        let slot = self.plain_last_index_slot(obj);
        self.set_last_index(obj, slot, Value::ZERO)?;
        Ok(Value::object(obj))
    }

    /// 22.2.3.1 RegExpCreate ( P, F ), also the evaluation of a regular
    /// expression literal (13.2.7.3: a new object each time).
    pub fn regexp_create(&mut self, pattern: Value, flags: Value) -> JsResult<Value> {
        let ctor = self.intrinsic_object(Intrinsic::RegExp);
        let o = self.regexp_alloc(ctor)?;
        self.regexp_initialize(o, pattern, flags)
    }

    /// 22.2.7.2 RegExpBuiltinExec ( R, S ).
    pub fn regexp_builtin_exec(&mut self, r: Gc<JsObject>, s: Gc<JsString>) -> JsResult<Value> {
        let Some((m, has_indices)) = self.regexp_builtin_match(r, s)? else {
            return Ok(Value::NULL);
        };
        self.match_array(s, &m, has_indices)
    }

    /// RegExpBuiltinExec (22.2.7.2) up to step 18: reads and updates
    /// `lastIndex` and runs the matcher, without building the match array
    /// (`test` only needs to know there was a match). Returns the match and
    /// whether the `d` flag asks for indices.
    pub(crate) fn regexp_builtin_match(
        &mut self,
        r: Gc<JsObject>,
        s: Gc<JsString>,
    ) -> JsResult<Option<(MatchResult, bool)>> {
        let Some(state) = regexp_state(Value::object(r)) else {
            return Err(self.type_error("RegExp method called on an uninitialized RegExp"));
        };
        let length = s.len();
        let last_index_key = PropertyKey::String(self.names.last_index);
        let slot = self.plain_last_index_slot(r);
        let li = match slot {
            Some(slot) => r.slot(slot),
            None => self.get(r, last_index_key, Value::object(r))?,
        };
        // ToLength of an object runs its valueOf, which may redefine
        // `lastIndex`: the writes then take the generic Set.
        let slot = slot.filter(|_| li.is_number());
        let mut last_index = self.to_length(li)?;
        let flags = state.flags;
        let global = flags.has(RegExpFlags::GLOBAL);
        let sticky = flags.has(RegExpFlags::STICKY);
        if !global && !sticky {
            last_index = 0.0;
        }
        let found = if last_index > length as f64 {
            None
        } else {
            self.run_matcher(&state, s, last_index as usize, sticky)?
        };
        let Some(m) = found else {
            if global || sticky {
                self.set_last_index(r, slot, Value::ZERO)?;
            }
            return Ok(None);
        };
        let Some(whole) = m.captures.first().cloned().flatten() else {
            return Ok(None);
        };
        if global || sticky {
            self.set_last_index(r, slot, Value::from_u32(whole.end as u32))?;
        }
        Ok(Some((m, flags.has(RegExpFlags::HAS_INDICES))))
    }

    /// The slot of `r`'s `lastIndex` when it is the writable own data
    /// property of an ordinary object (what RegExpAlloc made): Get and Set
    /// of it are then slot accesses, as OrdinaryGet and OrdinarySet would
    /// do.
    fn plain_last_index_slot(&self, r: Gc<JsObject>) -> Option<u32> {
        let key = PropertyKey::String(self.names.last_index);
        match r.shape().lookup(key) {
            Some(e)
                if !e.attrs.is_accessor() && e.attrs.writable() && r.flags() & FLAG_EXOTIC == 0 =>
            {
                Some(e.slot)
            }
            _ => None,
        }
    }

    /// Set(R, "lastIndex", v, true) (RegExpInitialize step 13,
    /// RegExpBuiltinExec steps 13.a.i and 18), a slot write when `slot` is
    /// that of a writable own data property found with no code run since
    /// (the matcher runs none).
    fn set_last_index(&mut self, r: Gc<JsObject>, slot: Option<u32>, v: Value) -> JsResult<()> {
        match slot {
            // SAFETY: short exclusive access.
            Some(slot) => unsafe { r.get_mut() }.set_slot(slot, v),
            None => {
                let key = PropertyKey::String(self.names.last_index);
                self.set_property(r, key, v, true)?;
            }
        }
        Ok(())
    }

    /// Runs `state`'s matcher on `s` from code unit `start` (at `start` only
    /// when `sticky`) under the backtracking budget and the interrupt
    /// (regress::limits, runtime::limits): an abandoned match is an error,
    /// not "no match".
    pub(crate) fn run_matcher(
        &mut self,
        state: &RegExpState,
        s: Gc<JsString>,
        start: usize,
        sticky: bool,
    ) -> JsResult<Option<MatchResult>> {
        regress::limits::configure(
            self.regexp_step_budget(),
            crate::runtime::limits::REGEXP_MAX_BACKTRACK_STACK,
            self.interrupt_flag_address(),
        );
        regress::limits::begin();
        // No allocation (so no collection) while the view is in use.
        let found = match_at(
            &state.matcher,
            state.flags.full_unicode(),
            s.view(),
            start,
            sticky,
        );
        match regress::limits::take_aborted() {
            None => Ok(found),
            Some(regress::limits::Aborted::Interrupted) => Err(self.termination()),
            Some(_) => Err(self.range_error("Maximum regular expression backtracking exceeded")),
        }
    }

    /// 22.2.7.2 steps 19-35: the match array with `index`, `input`, the
    /// captures, `groups` and (with `d`) `indices`.
    ///
    /// The array is new, ordinary and extensible, so each
    /// CreateDataPropertyOrThrow adds a property that does not exist yet:
    /// stored directly (the elements through the array fast path), not
    /// through [[DefineOwnProperty]]'s validation (a match array per
    /// successful `exec`: lexers make them by the hundred thousand).
    fn match_array(
        &mut self,
        s: Gc<JsString>,
        m: &MatchResult,
        has_indices: bool,
    ) -> JsResult<Value> {
        let a = self.new_array(0)?;
        let start = m.captures.first().cloned().flatten().map_or(0, |r| r.start);
        let key = PropertyKey::String(self.names.index);
        self.add_fresh_data_property(a, key, Value::from_u32(start as u32))?;
        let key = PropertyKey::String(self.names.input);
        self.add_fresh_data_property(a, key, Value::string(s))?;
        for (i, c) in m.captures.iter().enumerate() {
            let v = match c {
                Some(r) => Value::string(self.substring(s, r.start, r.end)?),
                None => Value::UNDEFINED,
            };
            if !self.try_create_array_element(a, i as u32, v)? {
                let key = self.index_key(i as f64)?;
                self.create_data_property_or_throw(a, key, v)?;
            }
            if i == 0 {
                // Step 32: `groups` follows "0".
                let groups = self.groups_object(s, m, |rt, s, r| {
                    Ok(Value::string(rt.substring(s, r.start, r.end)?))
                })?;
                let key = PropertyKey::String(self.names.groups);
                self.add_fresh_data_property(a, key, groups)?;
            }
        }
        if has_indices {
            let indices = self.match_indices(s, m)?;
            let key = PropertyKey::String(self.names.indices);
            self.add_fresh_data_property(a, key, indices)?;
        }
        Ok(Value::object(a))
    }

    /// CreateDataPropertyOrThrow(o, key, v) for an ordinary extensible
    /// object that this code just made and that has no property `key`: the
    /// define always succeeds, so the property is stored without the
    /// validation of 10.1.6.3.
    fn add_fresh_data_property(
        &mut self,
        o: Gc<JsObject>,
        key: PropertyKey,
        v: Value,
    ) -> JsResult<()> {
        debug_assert!(o.is_extensible_flag());
        self.store_property(o, key, StoredProperty::Data(v, Attributes::DEFAULT_DATA))
    }

    /// The `groups` object of a match (null prototype), or undefined when the
    /// pattern has no named groups; `value` makes a group's value.
    fn groups_object(
        &mut self,
        s: Gc<JsString>,
        m: &MatchResult,
        value: fn(&mut Runtime, Gc<JsString>, &std::ops::Range<usize>) -> JsResult<Value>,
    ) -> JsResult<Value> {
        if m.named.is_empty() {
            return Ok(Value::UNDEFINED);
        }
        let groups = self.new_object_with_proto(Value::NULL)?;
        for (name, r) in &m.named {
            let v = match r {
                Some(r) => value(self, s, r)?,
                None => Value::UNDEFINED,
            };
            let name = self.new_string(name)?;
            let key = self.property_key_from_string(name);
            self.create_data_property_or_throw(groups, key, v)?;
        }
        Ok(Value::object(groups))
    }

    /// 22.2.7.8 MakeMatchIndicesIndexPairArray.
    fn match_indices(&mut self, s: Gc<JsString>, m: &MatchResult) -> JsResult<Value> {
        let a = self.new_array(0)?;
        for (i, c) in m.captures.iter().enumerate() {
            let v = match c {
                Some(r) => index_pair(self, s, r)?,
                None => Value::UNDEFINED,
            };
            let key = self.index_key(i as f64)?;
            self.create_data_property_or_throw(a, key, v)?;
        }
        let groups = self.groups_object(s, m, index_pair)?;
        let key = PropertyKey::String(self.names.groups);
        self.create_data_property_or_throw(a, key, groups)?;
        Ok(Value::object(a))
    }
}

/// 22.2.7.7 GetMatchIndexPair: `[start, end]`.
fn index_pair(rt: &mut Runtime, _: Gc<JsString>, r: &std::ops::Range<usize>) -> JsResult<Value> {
    let pair = rt.create_array_from_list(&[
        Value::from_u32(r.start as u32),
        Value::from_u32(r.end as u32),
    ])?;
    Ok(Value::object(pair))
}

/// 22.2.6.13.1 EscapeRegExpPattern: the source text that, between slashes,
/// reparses as the same pattern: `/` outside classes and line terminators
/// are escaped; the empty pattern is `(?:)`.
pub fn escape_regexp_pattern(source: &[u16]) -> Vec<u16> {
    if source.is_empty() {
        return "(?:)".encode_utf16().collect();
    }
    let mut out = Vec::with_capacity(source.len());
    let mut in_class = false;
    let mut escaped = false;
    for &u in source {
        let line_terminator = match u {
            0x0A => Some("n"),
            0x0D => Some("r"),
            0x2028 => Some("u2028"),
            0x2029 => Some("u2029"),
            _ => None,
        };
        if let Some(name) = line_terminator {
            if !escaped {
                out.push(u16::from(b'\\'));
            }
            out.extend(name.encode_utf16());
            escaped = false;
            continue;
        }
        if escaped {
            out.push(u);
            escaped = false;
            continue;
        }
        match u {
            0x5C => escaped = true,
            0x5B => in_class = true,
            0x5D => in_class = false,
            0x2F if !in_class => out.push(u16::from(b'\\')),
            _ => {}
        }
        out.push(u);
    }
    out
}

/// 22.2.7.3 AdvanceStringIndex ( S, index, unicode ).
pub fn advance_string_index(s: Gc<JsString>, index: f64, unicode: bool) -> f64 {
    if !unicode || index + 1.0 >= s.len() as f64 {
        return index + 1.0;
    }
    let i = index as usize;
    let lead = s.code_unit_at(i).unwrap_or(0);
    let trail = s.code_unit_at(i + 1).unwrap_or(0);
    if (0xD800..0xDC00).contains(&lead) && (0xDC00..0xE000).contains(&trail) {
        index + 2.0
    } else {
        index + 1.0
    }
}

/// The property key `lastIndex`.
pub(crate) fn last_index_key(rt: &mut Runtime) -> JsResult<PropertyKey> {
    Ok(PropertyKey::String(rt.names.last_index))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn flags_parse() {
        assert!(RegExpFlags::parse(units("dgimsuy").into_iter()).is_some());
        assert!(RegExpFlags::parse(units("gg").into_iter()).is_none());
        assert!(RegExpFlags::parse(units("uv").into_iter()).is_none());
        assert!(RegExpFlags::parse(units("x").into_iter()).is_none());
        let f = RegExpFlags::parse(units("vy").into_iter()).unwrap();
        assert!(f.full_unicode() && f.has(RegExpFlags::STICKY));
    }

    #[test]
    fn escape_pattern() {
        let e = |s: &str| String::from_utf16(&escape_regexp_pattern(&units(s))).unwrap();
        assert_eq!(e(""), "(?:)");
        assert_eq!(e("a/b"), "a\\/b");
        assert_eq!(e("a\\/b"), "a\\/b");
        assert_eq!(e("[/]"), "[/]");
        assert_eq!(e("a\nb"), "a\\nb");
        assert_eq!(e("a\\\nb"), "a\\nb");
    }

    #[test]
    fn latin1_subjects_match_like_their_utf16_form() {
        let text = "xx CAFÉ café ÿ\u{e0}".to_owned();
        let latin1: Vec<u8> = text.chars().map(|c| c as u8).collect();
        let wide = units(&text);
        for (pattern, flags) in [
            ("caf\\u00e9", "gi"),
            ("\\w+", "g"),
            ("[à-ÿ]", "iu"),
            ("\\bc", "y"),
        ] {
            let flags = RegExpFlags::parse(units(flags).into_iter()).unwrap();
            let matcher = compile(&units(pattern), flags).unwrap();
            let unicode = flags.full_unicode();
            for start in [0, 3, 8, 13] {
                let sticky = flags.has(RegExpFlags::STICKY);
                let a = match_at(&matcher, unicode, StrView::Latin1(&latin1), start, sticky);
                let b = match_at(&matcher, unicode, StrView::Utf16(&wide), start, sticky);
                assert_eq!(
                    a.map(|m| m.captures),
                    b.map(|m| m.captures),
                    "{pattern} at {start}"
                );
            }
        }
    }

    #[test]
    fn compile_reports_syntax_errors() {
        let flags = RegExpFlags::parse(units("u").into_iter()).unwrap();
        assert!(compile(&units("a(b"), flags).is_err());
        let m = compile(&units("(?<x>a)|b"), flags).unwrap();
        let text = units("xxb");
        assert_eq!(
            m.find_from_utf16(&text, 0).next().map(|m| m.start()),
            Some(2)
        );
    }
}
