//! The syntax processor: builds the node stream from the parser's events.
//!
//! The value stack mirrors the parser stack: one [`Entry`] per grammar
//! symbol. Because an LR parser reduces bottom-up and left to right, the
//! nodes of a right-hand side are contiguous and are the last nodes in the
//! buffer when it is reduced, so a node made from all of them is appended in
//! post-order. An entry therefore only records where its nodes start.
//! Terminals make no node when shifted (their value is read from the source
//! when a reduction needs it), except template parts, which must precede
//! the substitutions that follow them.

use std::borrow::Cow;

use super::ast::{Ast, BigIntLiteral, Interner, RegExpLiteral, TemplatePart};
use super::context::{Boundary, Context, Pending, StrictError};
use super::node::{flags as nf, Node, NodeKind as K};
use super::static_semantics::{
    bound_names, is_labelled_function, is_simple_parameter_list, labelled_item, Scratch,
};
use crate::lexer::{self, Span, Token, TokenFlags, TokenKind as T};
use crate::parser::tables::Action as A;
use crate::parser::EventSink;
use crate::{ParseOptions, SourceKind, SyntaxError};

/// Flags of a value-stack entry.
mod checks;
mod words;

use words::*;

pub(super) mod ef;

/// One value-stack entry: a grammar symbol on the parser stack.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    /// Index of the first node of this symbol's nodes.
    pub start: u32,
    pub span: Span,
    /// The first token of the phrase (the token itself for a terminal).
    pub tok: T,
    /// The flags of that first token.
    pub tflags: TokenFlags,
    /// See [`ef`].
    pub flags: u8,
}

/// Builds an [`Ast`] from parser events.
pub struct Processor<'a> {
    pub(super) source: &'a str,
    pub(super) options: ParseOptions,
    pub(super) nodes: Vec<Node>,
    pub(super) stack: Vec<Entry>,
    pub(super) interner: Interner,
    pub(super) strings: Vec<(u32, u32)>,
    pub(super) strings_data: Vec<u16>,
    pub(super) numbers: Vec<f64>,
    pub(super) bigints: Vec<BigIntLiteral>,
    pub(super) regexps: Vec<RegExpLiteral>,
    pub(super) templates: Vec<TemplatePart>,
    pub(super) ctx: Context,
    /// Scratch space (refinement work lists, bound names).
    pub(super) work: Vec<u32>,
    pub(super) names_scratch: Vec<u32>,
    pub(super) scratch: Scratch,
    pub(super) n: WellKnown,
    /// One past the index of the last node of a kind the early-error pass
    /// checks (0: none), for [`nf::HAS_CHECKED_DESCENDANT`].
    pub(super) checked_end: u32,
    /// The last unescaped Identifier token shifted and the hash of its
    /// name, computed when it was shifted.
    shifted_ident: (Span, u32),
    /// Action label and length per production (from the parser tables).
    prods: &'static [(A, u8)],
    finished: bool,
}

/// Interned names the checks compare against.
pub(super) struct WellKnown {
    pub eval: u32,
    pub arguments: u32,
    pub async_: u32,
    pub constructor: u32,
    pub prototype: u32,
    pub proto: u32,
    pub let_: u32,
}

fn err(message: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError::new(message, span)
}

impl<'a> Processor<'a> {
    /// A processor for `source` with the goal and context of `options`.
    pub fn new(source: &'a str, options: ParseOptions) -> Self {
        let mut interner = Interner::default();
        let n = WellKnown {
            eval: interner.intern("eval"),
            arguments: interner.intern("arguments"),
            async_: interner.intern("async"),
            constructor: interner.intern("constructor"),
            prototype: interner.intern("prototype"),
            proto: interner.intern("__proto__"),
            let_: interner.intern("let"),
        };
        let mut ctx = Context::default();
        ctx.always_strict = options.strict || options.kind == SourceKind::Module;
        // About one node per 10 bytes of typical (indented, commented)
        // source: TypeScript's compiler makes 865k nodes of 8.9 MB.
        let guess = source.len() / 10 + 16;
        Processor {
            source,
            options,
            nodes: Vec::with_capacity(guess),
            stack: Vec::with_capacity(256),
            interner,
            strings: Vec::new(),
            strings_data: Vec::new(),
            numbers: Vec::new(),
            bigints: Vec::new(),
            regexps: Vec::new(),
            templates: Vec::new(),
            ctx,
            work: Vec::new(),
            names_scratch: Vec::new(),
            scratch: Scratch::new(),
            n,
            checked_end: 0,
            shifted_ident: (Span::new(u32::MAX, u32::MAX), 0),
            prods: ef::production_table(),
            finished: false,
        }
    }

    /// The finished Ast (after the parser accepted the input).
    /// Direct eval code called from a function: `new.target` is allowed
    /// outside functions (19.2.1.1 PerformEval step 6.a).
    pub fn allow_new_target(&mut self) {
        self.ctx.new_target_allowed = true;
    }

    /// Direct eval code called from a method (19.2.1.1 PerformEval step
    /// 6.b `inMethod`): `super.x` is allowed outside methods.
    pub fn allow_super_property(&mut self) {
        self.ctx.super_property_allowed = true;
    }

    /// The AST once the parser accepted the input, after the early errors
    /// that need the whole program.
    pub fn finish(self) -> Result<Ast, SyntaxError> {
        if !self.finished {
            return Err(err("unexpected end of input", Span::default()));
        }
        Ok(Ast {
            nodes: self.nodes,
            names: self.interner.into_names(),
            strings: self.strings,
            strings_data: self.strings_data,
            numbers: self.numbers,
            bigints: self.bigints,
            regexps: self.regexps,
            templates: self.templates,
        })
    }

    // ----- Small helpers --------------------------------------------------

    pub(super) fn text(&self, span: Span) -> &'a str {
        self.source
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    #[inline]
    pub(super) fn len(&self) -> u32 {
        self.nodes.len() as u32
    }

    /// Appends a node whose subtree starts at node `start`.
    #[inline]
    pub(super) fn push(&mut self, kind: K, flags: u16, span: Span, arg: u32, start: u32) -> u32 {
        let i = self.len();
        // The subtree is `start..=i`: it has a checked descendant when the
        // last checked node is in it.
        let mut flags = flags;
        if self.checked_end > start {
            flags |= nf::HAS_CHECKED_DESCENDANT;
        }
        if kind.is_checked() {
            self.checked_end = i + 1;
        }
        self.nodes.push(Node {
            kind,
            flags,
            span,
            arg,
            size: i + 1 - start.min(i),
        });
        i
    }

    #[inline]
    pub(super) fn leaf(&mut self, kind: K, flags: u16, span: Span, arg: u32) -> u32 {
        let i = self.len();
        self.push(kind, flags, span, arg, i)
    }

    /// Number of top-level subtrees in `start..len`.
    pub(super) fn count_from(&self, start: u32) -> u32 {
        let mut c = 0;
        let mut i = self.nodes.len();
        let start = start as usize;
        while i > start {
            c += 1;
            i -= (self.nodes[i - 1].size as usize).clamp(1, i);
        }
        c
    }

    /// Appends a node whose children are all subtrees from `start`;
    /// arg = their count.
    #[inline]
    pub(super) fn make(&mut self, kind: K, flags: u16, span: Span, start: u32) -> u32 {
        let c = self.count_from(start);
        self.push(kind, flags, span, c, start)
    }

    /// The `k`-th child of node `i`, counting from the last (0 = last).
    pub(super) fn child_rev(&self, i: u32, k: usize) -> Option<u32> {
        let i = i as usize;
        let node = self.nodes.get(i)?;
        let stop = (i + 1).saturating_sub(node.size as usize);
        let mut c = i;
        for _ in 0..k {
            if c <= stop {
                return None;
            }
            c -= (self.nodes[c - 1].size as usize).clamp(1, c);
        }
        if c <= stop {
            None
        } else {
            Some(c as u32 - 1)
        }
    }

    /// The first child of node `i` (walks all children: use on small nodes).
    pub(super) fn first_child(&self, i: u32) -> Option<u32> {
        let node = self.nodes.get(i as usize)?;
        if node.size <= 1 {
            return None;
        }
        let stop = i + 1 - node.size;
        let mut c = i;
        let mut last = None;
        while c > stop {
            let ch = c - 1;
            last = Some(ch);
            c -= self.nodes[ch as usize].size.clamp(1, c);
        }
        last
    }

    pub(super) fn kind(&self, i: u32) -> K {
        self.nodes.get(i as usize).map_or(K::Empty, |n| n.kind)
    }

    pub(super) fn top(&self) -> u32 {
        self.len().saturating_sub(1)
    }

    fn entry(&self, i: usize) -> Entry {
        self.stack[i]
    }

    pub(super) fn add_string(&mut self, s: &[u16]) -> u32 {
        let a = self.strings_data.len() as u32;
        self.strings_data.extend_from_slice(s);
        let id = self.strings.len() as u32;
        self.strings.push((a, self.strings_data.len() as u32));
        id
    }

    /// The StringValue of an identifier-like token entry, interned.
    fn name_of(&mut self, e: Entry) -> u32 {
        let mut text = self.text(e.span);
        if e.tok == T::PrivateIdentifier {
            text = text.get(1..).unwrap_or("");
        }
        if e.tflags.contains(TokenFlags::HAS_ESCAPE) {
            let name = lexer::identifier_name(text);
            self.interner.intern(&name)
        } else {
            self.intern_token(text, e.span)
        }
    }

    /// Interns the name of the unescaped token at `span`, whose text is
    /// `text` (reusing the hash computed when it was shifted).
    #[inline]
    fn intern_token(&mut self, text: &str, span: Span) -> u32 {
        let h = if self.shifted_ident.0 == span {
            self.shifted_ident.1
        } else {
            Interner::hash(text)
        };
        self.interner.intern_hashed(text, h)
    }

    /// Name and flags of an Identifier-like reference/binding/label, with
    /// the checks of 13.1.1 that do not need context.
    fn identifier(&mut self, e: Entry, kind: K) -> Result<(u32, u16), SyntaxError> {
        let escaped = e.tflags.contains(TokenFlags::HAS_ESCAPE);
        let text = self.text(e.span);
        let name: Cow<'_, str> = if escaped {
            lexer::identifier_name(text)
        } else {
            Cow::Borrowed(text)
        };
        let pos = e.span.start;
        // 13.1.1: an escaped reserved word is not an Identifier (`yield`
        // and `await` are handled with their context).
        if escaped && e.tflags.contains(TokenFlags::ESCAPED_KEYWORD) && is_reserved_word(&name) {
            return Err(err("keywords cannot contain escape sequences", e.span));
        }
        let strict_reserved = match e.tok {
            T::Let | T::Static | T::Yield => true,
            T::Identifier => (2..=10).contains(&name.len()) && is_strict_reserved(&name),
            _ => false,
        };
        if strict_reserved {
            self.ctx.strict(pos, StrictError::ReservedWord)?;
        }
        if name == "await" {
            if self.options.kind == SourceKind::Module {
                return Err(err("'await' is a reserved word in modules", e.span));
            }
            self.ctx.add(pos, Pending::AwaitIdentifier)?;
        } else if escaped && name == "yield" {
            self.ctx.add(pos, Pending::YieldIdentifier)?;
        }
        let id = if escaped {
            self.interner.intern(&name)
        } else {
            self.intern_token(&name, e.span)
        };
        if kind == K::BindingIdentifier && (id == self.n.eval || id == self.n.arguments) {
            self.ctx.strict(pos, StrictError::EvalOrArguments)?;
        }
        if kind == K::IdentifierReference && id == self.n.arguments {
            self.ctx.add(pos, Pending::Arguments)?;
        }
        Ok((id, if escaped { nf::ESCAPED } else { 0 }))
    }

    /// The first byte after `pos` that is not white space, a line
    /// terminator or part of a comment.
    pub(super) fn next_significant_byte(&self, pos: u32) -> Option<u8> {
        let at = self.next_significant(pos)?;
        self.source.as_bytes().get(at as usize).copied()
    }

    /// The position of the first byte after `pos` that is not white space,
    /// a line terminator or part of a comment.
    pub(super) fn next_significant(&self, pos: u32) -> Option<u32> {
        let b = self.source.as_bytes();
        let mut i = pos as usize;
        while i < b.len() {
            match b[i] {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => i += 1,
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                        i += 1;
                    }
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i += 2;
                    while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                        i += 1;
                    }
                    i += 2;
                }
                c if c >= 0x80 => {
                    // Non-ASCII white space / line terminators.
                    let c = self.source.get(i..).and_then(|s| s.chars().next())?;
                    if c.is_whitespace() || c == '\u{feff}' {
                        i += c.len_utf8();
                    } else {
                        return Some(i as u32);
                    }
                }
                _ => return Some(i as u32),
            }
        }
        None
    }

    /// Closes an open comma list on the top of the stack into a Sequence.
    #[inline]
    fn close_sequence(&mut self) {
        if let Some(top) = self.stack.last_mut() {
            if top.flags & ef::OPEN_SEQUENCE != 0 {
                top.flags &= !ef::OPEN_SEQUENCE;
                let (span, start) = (top.span, top.start);
                self.make(K::Sequence, 0, span, start);
            }
        }
    }

    /// Scans the directive prologue of the statements from node `start`
    /// (11.2.1): marks its ExpressionStatements, returns true when it
    /// contains a Use Strict Directive (exactly `"use strict"` or
    /// `'use strict'`, no escapes or line continuations).
    fn directive_prologue(&mut self, start: u32) -> bool {
        let mut i = start as usize;
        let mut strict = false;
        while i + 1 < self.nodes.len() {
            let s = self.nodes[i];
            let st = self.nodes[i + 1];
            if s.kind == K::StringLiteral
                && !s.has(nf::PARENTHESIZED)
                && st.kind == K::ExpressionStatement
                && st.size == 2
            {
                self.nodes[i + 1].flags |= nf::DIRECTIVE;
                let raw = self.text(s.span);
                if raw.len() == 12 && raw.get(1..11) == Some("use strict") {
                    strict = true;
                }
                i += 2;
            } else {
                break;
            }
        }
        strict
    }

    /// True when the BoundNames (8.2.1, #sec-static-semantics-boundnames) of
    /// `root` contain a duplicate; also reports whether one of them is `let`
    /// (second value).
    pub(super) fn duplicate_bound_names(&mut self, root: u32) -> (bool, bool) {
        self.names_scratch.clear();
        let nodes = &self.nodes;
        let names = &mut self.names_scratch;
        bound_names(nodes, root as usize, &mut self.scratch, |b| {
            names.push(nodes[b].arg)
        });
        let has_let = self.names_scratch.contains(&self.n.let_);
        self.names_scratch.sort_unstable();
        let dup = self.names_scratch.windows(2).any(|w| w[0] == w[1]);
        (dup, has_let)
    }

    /// The name of a non-computed property key node, if any.
    pub(super) fn key_name(&self, key: u32) -> Option<KeyName> {
        let n = self.nodes.get(key as usize)?;
        match n.kind {
            K::IdentifierName => Some(KeyName::Name(n.arg)),
            K::PrivateName => Some(KeyName::Private(n.arg)),
            K::StringLiteral => Some(KeyName::String(n.arg)),
            _ => None,
        }
    }

    pub(super) fn key_is(&self, key: u32, name: u32) -> bool {
        match self.key_name(key) {
            Some(KeyName::Name(id)) => id == name,
            Some(KeyName::String(s)) => {
                let want = self.interner.name(name);
                let got = self
                    .strings
                    .get(s as usize)
                    .and_then(|&(a, b)| self.strings_data.get(a as usize..b as usize));
                got.is_some_and(|g| want.encode_utf16().eq(g.iter().copied()))
            }
            _ => false,
        }
    }
}

/// A property key's name, for the checks on `constructor`, `prototype`,
/// `__proto__`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KeyName {
    Name(u32),
    Private(u32),
    String(u32),
}

impl EventSink for Processor<'_> {
    /// Most tokens only push an entry: that path is small enough to inline
    /// into the driver, the others go through [`Processor::shift_special`].
    #[inline]
    fn shift(&mut self, token: &Token) -> Result<(), SyntaxError> {
        if token.kind != T::Comma {
            self.close_sequence();
        }
        let start = self.len();
        match token.kind {
            T::Identifier if !token.flags.contains(TokenFlags::HAS_ESCAPE) => {
                // Identifiers are interned when reduced, one token later.
                let h = Interner::hash(self.text(token.span));
                self.interner.prefetch(h);
                self.shifted_ident = (token.span, h);
            }
            T::NumericLiteral
            | T::StringLiteral
            | T::NoSubstitutionTemplate
            | T::TemplateHead
            | T::TemplateMiddle
            | T::TemplateTail
            | T::Arrow => self.shift_special(token)?,
            _ => {}
        }
        self.stack.push(Entry {
            start,
            span: token.span,
            tok: token.kind,
            tflags: token.flags,
            flags: 0,
        });
        Ok(())
    }

    #[inline]
    fn reduce(&mut self, production: u16, span: Span) -> Result<(), SyntaxError> {
        // Unit chain productions (AssignmentExpression : ConditionalExpression,
        // ...) are most reductions and change nothing: keep this path small
        // enough to inline into the driver.
        match self.prods.get(production as usize) {
            Some(&(A::Pass, 1)) if !self.stack.is_empty() => Ok(()),
            Some(&(action, n)) => self.reduce_with(action, n as usize, span),
            None => Err(err("internal error: unknown production", span)),
        }
    }
}

impl Processor<'_> {
    /// The work of [`EventSink::shift`] for literals, template parts and
    /// `=>` (before the token's entry is pushed).
    #[inline(never)]
    fn shift_special(&mut self, token: &Token) -> Result<(), SyntaxError> {
        match token.kind {
            T::NumericLiteral if token.flags.contains(TokenFlags::LEGACY_OCTAL) => {
                self.ctx
                    .strict(token.span.start, StrictError::LegacyOctalLiteral)?;
            }
            T::StringLiteral if token.flags.contains(TokenFlags::LEGACY_ESCAPE) => {
                self.ctx
                    .strict(token.span.start, StrictError::LegacyOctalEscape)?;
            }
            T::NoSubstitutionTemplate | T::TemplateHead | T::TemplateMiddle | T::TemplateTail => {
                // A template part precedes the substitution after it, so its
                // node is made now.
                let text = self.text(token.span);
                let cooked = lexer::template_cooked(text);
                let raw = lexer::template_raw(text);
                let flags = if cooked.is_none() {
                    nf::INVALID_ESCAPE
                } else {
                    0
                };
                let cooked = cooked.map(|c| self.add_string(&c));
                let raw = self.add_string(&raw);
                let id = self.templates.len() as u32;
                self.templates.push(TemplatePart { cooked, raw });
                self.leaf(K::TemplateElement, flags, token.span, id);
            }
            T::Arrow => {
                // 15.9: `async (...) =>`: the cover call becomes the async
                // arrow's parameters before the body is parsed.
                if let Some(top) = self.stack.last() {
                    if top.flags & ef::COVER_CALL != 0 {
                        self.refine_async_arrow_head()?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    #[inline(never)]
    fn reduce_with(&mut self, action: A, n: usize, span: Span) -> Result<(), SyntaxError> {
        let Some(base) = self.stack.len().checked_sub(n) else {
            return Err(err("internal error: value stack underflow", span));
        };
        let (first, flags) = match self.stack[base..].split_first() {
            Some((first, rest)) => {
                let mut flags = first.flags & ef::PROPAGATE;
                for e in rest {
                    flags |= e.flags & ef::PROPAGATE;
                }
                // The entries' spans, not the driver's, so that a phrase
                // built on the entry below it (optional chains) covers that
                // entry too.
                let mut first = *first;
                first.span = first.span.to(span);
                (first, flags)
            }
            None => (
                Entry {
                    start: self.len(),
                    span,
                    tok: T::Eof,
                    tflags: TokenFlags::empty(),
                    flags: 0,
                },
                0,
            ),
        };
        let out = if action == A::Pass {
            Out {
                flags: if n == 1 { first.flags } else { flags },
                start: first.start,
                span: first.span,
            }
        } else {
            if flags != 0 && !lets_cover_through(action) {
                return Err(cover_error(flags, first.span));
            }
            self.act(action, base, n, first.start, first.span, flags)?
        };
        self.stack.truncate(base + 1);
        let e = Entry {
            start: out.start,
            span: out.span,
            tok: first.tok,
            tflags: first.tflags,
            flags: out.flags,
        };
        match self.stack.get_mut(base) {
            Some(slot) => *slot = e,
            None => self.stack.push(e),
        }
        Ok(())
    }
}

pub(super) fn cover_error(flags: u8, span: Span) -> SyntaxError {
    if flags & ef::COVER_INITIALIZED_NAME != 0 {
        err(
            "invalid shorthand property initializer (only valid in a destructuring pattern)",
            span,
        )
    } else {
        err("duplicate __proto__ property in object literal", span)
    }
}

/// What a reduction leaves on the value stack besides span and first token.
struct Out {
    flags: u8,
    start: u32,
    span: Span,
}

impl Processor<'_> {
    #[allow(clippy::too_many_lines)]
    fn act(
        &mut self,
        action: A,
        base: usize,
        n: usize,
        start: u32,
        span: Span,
        flags: u8,
    ) -> Result<Out, SyntaxError> {
        let mut out = Out {
            flags: 0,
            start,
            span,
        };
        match action {
            // Handled by the caller (no node, entries merged).
            A::Pass => {}

            // ----- 13.1 Identifiers --------------------------------------
            A::IdentifierReference => {
                let (id, f) = self.identifier(self.entry(base), K::IdentifierReference)?;
                self.leaf(K::IdentifierReference, f, span, id);
            }
            A::BindingIdentifier => {
                let (id, f) = self.identifier(self.entry(base), K::BindingIdentifier)?;
                self.leaf(K::BindingIdentifier, f, span, id);
            }
            A::LabelIdentifier => {
                let (id, f) = self.identifier(self.entry(base), K::LabelIdentifier)?;
                self.leaf(K::LabelIdentifier, f, span, id);
            }
            A::PropertyIdentifierName | A::ModuleExportIdentifierName => {
                let e = self.entry(base);
                let id = self.name_of(e);
                let mut f = 0;
                if e.tok.is_reserved_word() || e.tflags.contains(TokenFlags::ESCAPED_KEYWORD) {
                    f |= nf::RESERVED_WORD;
                }
                if e.tflags.contains(TokenFlags::HAS_ESCAPE) {
                    f |= nf::ESCAPED;
                }
                self.leaf(K::IdentifierName, f, span, id);
            }
            A::PrivateName => {
                let id = self.name_of(self.entry(base));
                self.leaf(K::PrivateName, 0, span, id);
            }

            // ----- 13.2 Primary expressions ------------------------------
            A::This => {
                self.leaf(K::This, 0, span, 0);
            }
            A::NullLiteral => {
                self.leaf(K::NullLiteral, 0, span, 0);
            }
            A::TrueLiteral => {
                self.leaf(K::TrueLiteral, 0, span, 0);
            }
            A::FalseLiteral => {
                self.leaf(K::FalseLiteral, 0, span, 0);
            }
            A::NumericLiteral => {
                let v = lexer::numeric_value(self.text(span));
                let id = self.numbers.len() as u32;
                self.numbers.push(v);
                self.leaf(K::NumericLiteral, 0, span, id);
            }
            A::BigIntLiteral => {
                let (radix, digits) = lexer::bigint_literal(self.text(span));
                let id = self.bigints.len() as u32;
                self.bigints.push(BigIntLiteral { radix, digits });
                self.leaf(K::BigIntLiteral, 0, span, id);
            }
            A::StringLiteral => {
                let v = lexer::string_value(self.text(span));
                let id = self.add_string(&v);
                self.leaf(K::StringLiteral, 0, span, id);
            }
            A::ModuleExportString => {
                let v = lexer::string_value(self.text(span));
                // 16.2.1.1: IsStringWellFormedUnicode.
                if char::decode_utf16(v.iter().copied()).any(|c| c.is_err()) {
                    return Err(err(
                        "module export names must be well-formed Unicode strings",
                        span,
                    ));
                }
                let id = self.add_string(&v);
                self.leaf(K::StringLiteral, 0, span, id);
            }
            A::ModuleSpecifier => {
                let v = lexer::string_value(self.text(span));
                let id = self.add_string(&v);
                self.leaf(K::ModuleSpecifier, 0, span, id);
            }
            A::RegExpLiteral => {
                let text = self.text(span);
                let slash = text.rfind('/').unwrap_or(0);
                let body = text.get(1..slash).unwrap_or("");
                let fl = text.get(slash + 1..).unwrap_or("");
                // 13.2.7.2 Static Semantics: Early Errors.
                lexer::validate_regexp(body, fl).map_err(|m| err(m, span))?;
                let id = self.regexps.len() as u32;
                self.regexps.push(RegExpLiteral {
                    pattern: body.to_string(),
                    flags: fl.to_string(),
                });
                self.leaf(K::RegExpLiteral, 0, span, id);
            }
            A::TemplateLiteral => {
                let t = self.make(K::Template, 0, span, start);
                // 13.2.8.1: a NotEscapeSequence only in tagged templates.
                // Only the direct parts (a nested untagged template was
                // checked when it was reduced).
                let stop = t + 1 - self.nodes[t as usize].size;
                let mut c = t;
                while c > stop {
                    let part = self.nodes[c as usize - 1];
                    if part.kind == K::TemplateElement && part.has(nf::INVALID_ESCAPE) {
                        return Err(err(
                            "invalid escape sequence in template literal",
                            part.span,
                        ));
                    }
                    c -= part.size.clamp(1, c);
                }
            }
            A::TaggedTemplateLiteral => {
                self.make(K::Template, 0, span, start);
            }

            // ----- Covers ------------------------------------------------
            A::Parenthesized => {
                // `( Expression )`: the expression's node (a Sequence when
                // it has commas, closed when `)` was shifted).
                let top = self.top() as usize;
                if let Some(node) = self.nodes.get_mut(top) {
                    if node.flags & nf::PARENTHESIZED != 0 {
                        out.flags |= ef::NESTED_PARENS;
                    }
                    node.flags |= nf::PARENTHESIZED;
                }
                out.flags |= flags;
            }
            A::CoverParameters => {
                self.make(K::CoverParameters, 0, span, start);
                out.flags |= flags;
            }
            A::CoverParametersRest => {
                // The binding after `...` is the second-to-last entry.
                let b = self.entry(base + n - 2);
                let r = self.make(K::BindingRest, 0, b.span, b.start);
                self.nodes[r as usize].span = self.entry(base + n - 3).span.to(b.span);
                self.make(K::CoverParameters, 0, span, start);
                out.flags |= flags;
            }
            A::CoverToExpression => {
                if self.kind(self.top()) == K::CoverParameters {
                    return Err(err("invalid parenthesized expression", span));
                }
                out.flags = self.entry(base).flags & ef::PROPAGATE;
            }
            A::CoverToArrowParameters => {
                self.refine_arrow_parameters(self.entry(base), span)?;
            }
            A::ArrowIdentifierParameter => {
                self.make(K::FormalParameters, nf::SIMPLE_PARAMETERS, span, start);
            }
            A::CoverCall => {
                let args = self.entry(base + 1);
                let mut f = if args.tflags.contains(TokenFlags::NEWLINE_BEFORE) {
                    nf::NEWLINE_BEFORE_ARGUMENTS
                } else {
                    0
                };
                if args.flags & ef::TRAILING_COMMA != 0 {
                    f |= nf::TRAILING_COMMA;
                }
                self.make(K::Call, f, span, start);
                out.flags = flags | ef::COVER_CALL;
            }
            A::ArgumentsTrailingComma => {
                out.flags = flags | ef::TRAILING_COMMA;
            }
            A::CoverToCall => {
                let e = self.entry(base);
                if e.flags & ef::PROPAGATE != 0 {
                    return Err(cover_error(e.flags, span));
                }
            }

            // ----- 13.2.4 / 13.2.5 Literals ------------------------------
            A::Hole | A::MoreHole => {
                let tok_span = self.entry(base + n - 1).span;
                self.leaf(K::Hole, 0, tok_span, 0);
            }
            A::ArrayLiteral => {
                self.make(K::ArrayLiteral, 0, span, start);
                out.flags = flags;
            }
            A::ArrayLiteralTrailingComma => {
                self.make(K::ArrayLiteral, nf::TRAILING_COMMA, span, start);
                out.flags = flags;
            }
            A::SpreadElement => {
                self.make(K::SpreadElement, 0, span, start);
                out.flags = flags;
            }
            A::ObjectLiteral | A::ObjectLiteralTrailingComma => {
                let f = if action == A::ObjectLiteralTrailingComma {
                    nf::TRAILING_COMMA
                } else {
                    0
                };
                let o = self.make(K::ObjectLiteral, f, span, start);
                out.flags = flags;
                if self.has_duplicate_proto(o) {
                    out.flags |= ef::DUPLICATE_PROTO;
                }
            }
            A::ShorthandProperty => {
                out.flags = flags;
            }
            A::Property => {
                self.make(K::Property, 0, span, start);
                out.flags = flags;
            }
            A::CoverInitializedName => {
                self.make(K::CoverInitializedName, 0, span, start);
                out.flags = flags | ef::COVER_INITIALIZED_NAME;
            }
            A::ComputedPropertyName => {
                self.make(K::ComputedPropertyName, 0, span, start);
            }
            A::ObjectMethod => {
                let m = self.top();
                // 13.2.5.1: no private names, no super() in object methods.
                if let Some(key) = self.child_rev(m, 2) {
                    if self.kind(key) == K::PrivateName {
                        return Err(err(
                            "private names are not allowed in object literals",
                            self.nodes[key as usize].span,
                        ));
                    }
                }
                self.ctx.resolve(
                    span,
                    Pending::SuperCallInConstructor,
                    true,
                    "'super()' is only valid in the constructor of a derived class",
                )?;
            }

            // ----- 13.3 Left-hand-side expressions -----------------------
            A::ComputedMember => {
                self.make(K::ComputedMember, 0, span, start);
            }
            A::StaticMember | A::PrivateMember => {
                let id = self.name_of(self.entry(base + 2));
                let kind = if action == A::StaticMember {
                    K::StaticMember
                } else {
                    K::PrivateMember
                };
                self.push(kind, 0, span, id, start);
            }
            A::TaggedTemplate => {
                self.make(K::TaggedTemplate, 0, span, start);
            }
            A::New => {
                self.make(K::New, 0, span, start);
            }
            A::SuperComputedMember => {
                self.make(K::SuperComputedMember, 0, span, start);
                self.ctx.add(span.start, Pending::SuperProperty)?;
            }
            A::SuperMember => {
                let id = self.name_of(self.entry(base + 2));
                self.leaf(K::SuperMember, 0, span, id);
                self.ctx.add(span.start, Pending::SuperProperty)?;
            }
            A::NewTarget => {
                self.leaf(K::NewTarget, 0, span, 0);
                self.ctx.add(span.start, Pending::NewTarget)?;
            }
            A::ImportMeta => {
                // 13.3.12.1: import.meta only in modules (goal symbol Module).
                if self.options.kind != SourceKind::Module {
                    return Err(err("'import.meta' is only valid in module code", span));
                }
                self.leaf(K::ImportMeta, 0, span, 0);
            }
            A::Call => {
                self.make(K::Call, 0, span, start);
            }
            A::SuperCall => {
                self.make(K::SuperCall, 0, span, start);
                self.ctx.add(span.start, Pending::SuperCall)?;
            }
            A::ImportCall => {
                self.make(K::ImportCall, 0, span, start);
            }

            // ----- 13.3.9 Optional chains --------------------------------
            A::OptionalCall
            | A::OptionalComputedMember
            | A::OptionalStaticMember
            | A::OptionalPrivateMember => {
                // The object is the entry below the chain.
                let obj = match base.checked_sub(1) {
                    Some(b) => self.entry(b),
                    None => return Err(err("internal error: optional chain", span)),
                };
                let full = obj.span.to(span);
                match action {
                    A::OptionalCall => {
                        self.make(K::Call, nf::OPTIONAL, full, obj.start);
                    }
                    A::OptionalComputedMember => {
                        self.make(K::ComputedMember, nf::OPTIONAL, full, obj.start);
                    }
                    _ => {
                        let id = self.name_of(self.entry(base + 1));
                        let kind = if action == A::OptionalStaticMember {
                            K::StaticMember
                        } else {
                            K::PrivateMember
                        };
                        self.push(kind, nf::OPTIONAL, full, id, obj.start);
                    }
                }
                out.start = obj.start;
                out.span = full;
            }
            A::OptionalChainTemplate => {
                // 13.3.1.1: tagged templates in optional chains.
                return Err(err(
                    "tagged template cannot be used in an optional chain",
                    span,
                ));
            }
            A::OptionalChain => {
                self.make(K::OptionalChain, 0, span, start);
            }

            // ----- 13.4 - 13.5 Update and unary --------------------------
            A::PostIncrement | A::PostDecrement => {
                self.check_simple_target(self.top(), true)?;
                let kind = if action == A::PostIncrement {
                    K::PostIncrement
                } else {
                    K::PostDecrement
                };
                self.make(kind, 0, span, start);
            }
            A::PreIncrement | A::PreDecrement => {
                self.check_simple_target(self.top(), true)?;
                let kind = if action == A::PreIncrement {
                    K::PreIncrement
                } else {
                    K::PreDecrement
                };
                self.make(kind, 0, span, start);
            }
            A::Delete => {
                // 13.5.1.1 Static Semantics: Early Errors.
                let mut operand = self.top();
                if self.kind(operand) == K::IdentifierReference {
                    self.ctx.strict(span.start, StrictError::DeleteIdentifier)?;
                }
                if self.kind(operand) == K::OptionalChain {
                    operand = self.child_rev(operand, 0).unwrap_or(operand);
                }
                if self.kind(operand) == K::PrivateMember {
                    return Err(err("private fields cannot be deleted", span));
                }
                self.make(K::Delete, 0, span, start);
            }
            A::Unary => {
                let kind = match self.entry(base).tok {
                    T::Void => K::Void,
                    T::Typeof => K::Typeof,
                    T::Plus => K::UnaryPlus,
                    T::Minus => K::UnaryMinus,
                    T::Tilde => K::BitNot,
                    _ => K::LogicalNot,
                };
                self.make(kind, 0, span, start);
            }
            A::Await => {
                self.make(K::Await, 0, span, start);
                self.ctx.add(span.start, Pending::Await)?;
            }

            // ----- 13.6 - 13.16 Operators --------------------------------
            A::Binary => {
                let op = self.entry(base + 1).tok;
                let kind = binary_kind(op)
                    .ok_or_else(|| err("internal error: unknown binary operator", span))?;
                self.make(kind, 0, span, start);
            }
            A::PrivateIn => {
                let id = self.name_of(self.entry(base));
                self.push(K::PrivateIn, 0, span, id, start);
            }
            A::Conditional => {
                self.make(K::Conditional, 0, span, start);
            }
            A::Assign => {
                let rhs = self.entry(base + 2);
                if rhs.flags & ef::PROPAGATE != 0 {
                    return Err(cover_error(rhs.flags, rhs.span));
                }
                let lhs = self.entry(base);
                // The LHS node is the last node before the RHS's nodes.
                let target = rhs.start.saturating_sub(1);
                self.refine_assignment_target(target, lhs)?;
                self.make(K::Assign, 0, span, start);
            }
            A::CompoundAssign => {
                let rhs = self.entry(base + 2);
                let target = rhs.start.saturating_sub(1);
                self.check_simple_target(target, true)?;
                let op = binary_kind(self.entry(base + 1).tok)
                    .ok_or_else(|| err("internal error: unknown assignment operator", span))?;
                self.push(K::CompoundAssign, 0, span, op as u32, start);
            }
            A::LogicalAssign => {
                let rhs = self.entry(base + 2);
                let target = rhs.start.saturating_sub(1);
                self.check_simple_target(target, false)?;
                let kind = match self.entry(base + 1).tok {
                    T::AmpAmpEq => K::AndAssign,
                    T::PipePipeEq => K::OrAssign,
                    _ => K::CoalesceAssign,
                };
                self.make(kind, 0, span, start);
            }
            A::Comma => {
                out.flags = flags | ef::OPEN_SEQUENCE;
            }
            A::Yield => {
                self.make(K::Yield, 0, span, start);
                self.ctx.add(span.start, Pending::Yield)?;
            }
            A::YieldDelegate => {
                self.make(K::YieldDelegate, 0, span, start);
                self.ctx.add(span.start, Pending::Yield)?;
            }

            // ----- 14 Statements -----------------------------------------
            A::Block => {
                self.make(K::Block, 0, span, start);
            }
            A::LexicalDeclaration => {
                let f = if self.entry(base).tok == T::Const {
                    nf::CONST
                } else {
                    0
                };
                let d = self.make(K::LexicalDeclaration, f, span, start);
                self.check_lexical_names(d, span)?;
                // 14.3.1.1: a const declaration needs initializers (except
                // in for-in/of heads, which are ForDeclarations).
                if f & nf::CONST != 0 && !self.all_children_have_two(d) {
                    return Err(err("missing initializer in const declaration", span));
                }
            }
            A::VariableDeclaration => {
                self.make(K::VariableDeclaration, 0, span, start);
            }
            A::VariableDeclarator => {
                self.make(K::VariableDeclarator, 0, span, start);
            }
            A::ObjectBindingPattern => {
                self.make(K::ObjectBindingPattern, 0, span, start);
            }
            A::ArrayBindingPattern => {
                self.make(K::ArrayBindingPattern, 0, span, start);
            }
            A::BindingRest => {
                self.make(K::BindingRest, 0, span, start);
            }
            A::BindingProperty => {
                self.make(K::BindingProperty, 0, span, start);
            }
            A::BindingDefault => {
                self.make(K::BindingDefault, 0, span, start);
            }
            A::EmptyStatement => {
                self.leaf(K::EmptyStatement, 0, span, 0);
            }
            A::Empty => {
                self.leaf(K::Empty, 0, span, 0);
            }
            A::ExpressionStatement => {
                // 14.5: `let [` cannot start an ExpressionStatement, also
                // when ASI would end a statement `let` before the `[`.
                let first = self.entry(base);
                if first.tok == T::Let
                    && self.kind(self.top()) == K::IdentifierReference
                    && self.entry(base + 1).span.is_empty()
                    && self.next_significant_byte(first.span.end) == Some(b'[')
                {
                    return Err(err(
                        "an expression statement cannot start with 'let ['",
                        span,
                    ));
                }
                self.make(K::ExpressionStatement, 0, span, start);
            }
            A::If | A::IfElse => {
                let s = self.make(K::If, 0, span, start);
                self.check_not_labelled_function(s, 2)?;
                // B.3.3: a FunctionDeclaration as a clause, sloppy mode only.
                for k in 0..2 {
                    if let Some(c) = self.child_rev(s, k) {
                        if self.kind(c) == K::FunctionDeclaration {
                            let pos = self.nodes[c as usize].span.start;
                            self.ctx.strict(pos, StrictError::FunctionInIf)?;
                        }
                    }
                }
            }
            A::DoWhile => {
                // The body is the first child.
                let s = self.make(K::DoWhile, 0, span, start);
                if let Some(b) = self.first_child(s) {
                    self.check_labelled_function(b)?;
                }
            }
            A::While => {
                let s = self.make(K::While, 0, span, start);
                self.check_not_labelled_function(s, 1)?;
            }
            A::For => {
                let s = self.make(K::For, 0, span, start);
                self.check_not_labelled_function(s, 1)?;
            }
            A::ForIn => {
                let s = self.make(K::ForIn, 0, span, start);
                self.check_not_labelled_function(s, 1)?;
            }
            A::ForOf => {
                let s = self.make(K::ForOf, 0, span, start);
                self.check_not_labelled_function(s, 1)?;
            }
            A::ForAwaitOf => {
                let s = self.make(K::ForOf, nf::AWAIT, span, start);
                self.check_not_labelled_function(s, 1)?;
            }
            A::ForInTarget | A::ForOfTarget | A::ForAwaitOfTarget => {
                // `for ( LeftHandSideExpression in/of ...`: the target is
                // the first entry after `for (` (or `for await (`).
                let at = if action == A::ForAwaitOfTarget { 3 } else { 2 };
                let lhs = self.entry(base + at);
                if action == A::ForOfTarget && lhs.tok == T::Let {
                    // 14.7.5: [lookahead ∉ { let, async of }] (see the grammar).
                    return Err(err(
                        "the left-hand side of a for-of loop may not start with 'let'",
                        lhs.span,
                    ));
                }
                let rhs = self.entry(base + at + 2);
                if rhs.flags & ef::PROPAGATE != 0 {
                    return Err(cover_error(rhs.flags, rhs.span));
                }
                let target = rhs.start.saturating_sub(1);
                self.refine_assignment_target(target, lhs)?;
                let (kind, f) = match action {
                    A::ForInTarget => (K::ForIn, 0),
                    A::ForOfTarget => (K::ForOf, 0),
                    _ => (K::ForOf, nf::AWAIT),
                };
                let s = self.make(kind, f, span, start);
                self.check_not_labelled_function(s, 1)?;
            }
            A::ForVarBinding => {
                self.make(K::VariableDeclarator, 0, self.entry(base + 1).span, start);
                self.make(K::VariableDeclaration, 0, span, start);
            }
            A::ForVarBindingInitializer => {
                // B.3.5: sloppy mode only.
                self.ctx.strict(span.start, StrictError::ForInInitializer)?;
                let s = self.entry(base + 1).span.to(span);
                self.make(K::VariableDeclarator, 0, s, start);
                self.make(K::VariableDeclaration, 0, span, start);
            }
            A::ForDeclaration => {
                let f = if self.entry(base).tok == T::Const {
                    nf::CONST
                } else {
                    0
                };
                self.make(K::VariableDeclarator, 0, self.entry(base + 1).span, start);
                let d = self.make(K::LexicalDeclaration, f, span, start);
                self.check_lexical_names(d, span)?;
            }
            A::Continue => {
                self.make(K::Continue, 0, span, start);
            }
            A::Break => {
                self.make(K::Break, 0, span, start);
            }
            A::Return => {
                self.make(K::Return, 0, span, start);
            }
            A::With => {
                self.ctx.strict(span.start, StrictError::With)?;
                let s = self.make(K::With, 0, span, start);
                self.check_not_labelled_function(s, 1)?;
            }
            A::Switch => {
                self.make(K::Switch, 0, span, start);
            }
            A::Case => {
                self.make(K::Case, 0, span, start);
            }
            A::DefaultCase => {
                self.make(K::DefaultCase, 0, span, start);
            }
            A::Labelled => {
                // B.3.2 / 14.13.1: labelled function declarations.
                if self.kind(self.top()) == K::FunctionDeclaration {
                    let pos = self.nodes[self.top() as usize].span.start;
                    self.ctx.strict(pos, StrictError::LabelledFunction)?;
                }
                self.make(K::Labelled, 0, span, start);
            }
            A::Throw => {
                self.make(K::Throw, 0, span, start);
            }
            A::Try => {
                self.make(K::Try, 0, span, start);
            }
            A::Catch => {
                let c = self.make(K::Catch, 0, span, start);
                // 14.15.1: the parameter's bound names are unique.
                if let Some(p) = self.child_rev(c, 1) {
                    if matches!(
                        self.kind(p),
                        K::ObjectBindingPattern | K::ArrayBindingPattern
                    ) && self.duplicate_bound_names(p).0
                    {
                        return Err(err("duplicate binding in catch parameter", span));
                    }
                }
            }
            A::Finally => {
                self.make(K::Finally, 0, span, start);
            }
            A::Debugger => {
                self.leaf(K::Debugger, 0, span, 0);
            }

            // ----- 15 Functions and classes ------------------------------
            A::FormalParameters => {
                // 15.1.3 IsSimpleParameterList, recorded once.
                let p = self.make(K::FormalParameters, 0, span, start);
                if is_simple_parameter_list(&self.nodes, p as usize) {
                    self.nodes[p as usize].flags |= nf::SIMPLE_PARAMETERS;
                }
            }
            A::FunctionBody => {
                let strict = self.directive_prologue(start);
                self.make(
                    K::FunctionBody,
                    if strict { nf::STRICT } else { 0 },
                    span,
                    start,
                );
            }
            A::FunctionDeclaration
            | A::GeneratorDeclaration
            | A::AsyncFunctionDeclaration
            | A::AsyncGeneratorDeclaration
            | A::FunctionExpression
            | A::GeneratorExpression
            | A::AsyncFunctionExpression
            | A::AsyncGeneratorExpression => {
                let (kind, f) = match action {
                    A::FunctionDeclaration => (K::FunctionDeclaration, 0),
                    A::GeneratorDeclaration => (K::FunctionDeclaration, nf::GENERATOR),
                    A::AsyncFunctionDeclaration => (K::FunctionDeclaration, nf::ASYNC),
                    A::AsyncGeneratorDeclaration => {
                        (K::FunctionDeclaration, nf::ASYNC | nf::GENERATOR)
                    }
                    A::FunctionExpression => (K::FunctionExpression, 0),
                    A::GeneratorExpression => (K::FunctionExpression, nf::GENERATOR),
                    A::AsyncFunctionExpression => (K::FunctionExpression, nf::ASYNC),
                    _ => (K::FunctionExpression, nf::ASYNC | nf::GENERATOR),
                };
                self.finish_function(kind, f, base, n, start, span)?;
            }
            A::Method
            | A::Getter
            | A::Setter
            | A::GeneratorMethod
            | A::AsyncMethod
            | A::AsyncGeneratorMethod => {
                let f = match action {
                    A::Getter => nf::GETTER,
                    A::Setter => nf::SETTER,
                    A::GeneratorMethod => nf::GENERATOR,
                    A::AsyncMethod => nf::ASYNC,
                    A::AsyncGeneratorMethod => nf::ASYNC | nf::GENERATOR,
                    _ => 0,
                };
                self.finish_function(K::Method, f, base, n, start, span)?;
            }
            A::ArrowFunction => {
                let params = self.entry(base).span;
                self.finish_arrow(0, params, start, span)?;
            }
            A::AsyncArrowFunction => {
                let params = self.entry(base + 1).span;
                self.finish_arrow(nf::ASYNC, params, start, span)?;
            }
            A::CoverToAsyncArrowFunction => {
                let params = self.entry(base).span;
                self.finish_arrow(nf::ASYNC, params, start, span)?;
            }
            A::ClassDeclaration | A::ClassExpression => {
                let kind = if action == A::ClassDeclaration {
                    K::ClassDeclaration
                } else {
                    K::ClassExpression
                };
                self.make(kind, 0, span, start);
                // 11.2.2: all parts of a class are strict mode code.
                self.ctx.close_strict(span)?;
            }
            A::ClassHeritage => {
                self.make(K::ClassHeritage, 0, span, start);
            }
            A::ClassTail => self.finish_class_tail(base, n, span)?,
            A::ClassMethod | A::StaticClassMethod => {
                self.check_class_method(action == A::StaticClassMethod, span)?;
            }
            A::Field => {
                let fld = self.make(K::Field, 0, span, start);
                if n == 2 {
                    let init = self.entry(base + 1).span;
                    self.ctx.close(
                        init,
                        Boundary {
                            initializer: true,
                            ..Boundary::default()
                        },
                    )?;
                }
                if let Some(key) = self.first_child(fld) {
                    self.check_field_key(key, false)?;
                }
            }
            A::StaticField => {
                let fld = self.top();
                self.nodes[fld as usize].flags |= nf::STATIC;
                if let Some(key) = self.first_child(fld) {
                    self.check_field_key(key, true)?;
                }
            }
            A::StaticBlock => {
                self.make(K::StaticBlock, 0, span, start);
                self.ctx.close(
                    span,
                    Boundary {
                        initializer: true,
                        static_block: true,
                        ..Boundary::default()
                    },
                )?;
            }

            // ----- 16 Scripts and modules --------------------------------
            A::Script => {
                let strict = self.directive_prologue(start) || self.options.strict;
                self.make(K::Script, if strict { nf::STRICT } else { 0 }, span, start);
                self.ctx.finish(strict)?;
                self.finished = true;
            }
            A::Module => {
                self.directive_prologue(start);
                self.make(K::Module, 0, span, start);
                self.ctx.finish(true)?;
                self.finished = true;
            }
            A::ImportDeclaration => {
                self.make(K::ImportDeclaration, 0, span, start);
            }
            A::ImportDefault => {
                self.make(K::ImportDefault, 0, span, start);
            }
            A::ImportNamespace => {
                self.make(K::ImportNamespace, 0, span, start);
            }
            A::ImportSpecifier => {
                self.make(K::ImportSpecifier, 0, span, start);
            }
            A::ImportAttribute => {
                // The value string has no node yet: it is the last entry.
                let v = self.entry(base + n - 1);
                let s = lexer::string_value(self.text(v.span));
                let id = self.add_string(&s);
                self.leaf(K::StringLiteral, 0, v.span, id);
                self.make(K::ImportAttribute, 0, span, start);
            }
            A::ExportFrom => {
                self.make(K::ExportFrom, 0, span, start);
            }
            A::ExportNamed => {
                let e = self.make(K::ExportNamed, 0, span, start);
                self.check_local_exports(e)?;
            }
            A::ExportDeclaration => {
                self.make(K::ExportDeclaration, 0, span, start);
            }
            A::ExportDefault => {
                self.make(K::ExportDefault, 0, span, start);
            }
            A::ExportDefaultExpression => {
                self.make(K::ExportDefaultExpression, 0, span, start);
            }
            A::ExportAll => {
                self.leaf(K::ExportAll, 0, span, 0);
            }
            A::ExportAllAs => {
                self.make(K::ExportAllAs, 0, span, start);
            }
            A::ExportSpecifier => {
                self.make(K::ExportSpecifier, 0, span, start);
            }
        }
        Ok(out)
    }
}
