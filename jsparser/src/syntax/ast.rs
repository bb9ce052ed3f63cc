//! The result of a parse: the node stream and its side tables.

use std::fmt::Write as _;
use std::hash::Hasher;

use super::node::{flags, Node, NodeKind};

/// A BigInt literal's digits (no prefix, no separators) and radix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigIntLiteral {
    /// 2, 8, 10 or 16.
    pub radix: u32,
    /// The digits in `radix`, without prefix or numeric separators.
    pub digits: String,
}

/// A regular expression literal: pattern and flags as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegExpLiteral {
    /// The body between the slashes, as written.
    pub pattern: String,
    /// The flags after the closing slash, as written.
    pub flags: String,
}

/// One literal part of a template: its cooked value (a string index, `None`
/// when it contains a NotEscapeSequence) and raw value (a string index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TemplatePart {
    /// Index in [`Ast::strings`] of the cooked value (13.2.8.3 TV), `None`
    /// for a NotEscapeSequence.
    pub cooked: Option<u32>,
    /// Index in [`Ast::strings`] of the raw value (TRV).
    pub raw: u32,
}

/// The flattened AST of one Script or Module.
///
/// `nodes` is in post-order; the last node is the root (`Script` or
/// `Module`). See `NODES.md` for how to walk it.
#[derive(Debug, Default)]
pub struct Ast {
    /// The nodes in post-order; the root is last.
    pub nodes: Vec<Node>,
    /// Interned identifier names (escapes resolved), each once.
    pub names: Vec<Box<str>>,
    /// String values (UTF-16 code units): `strings_data[strings[i].0 ..
    /// strings[i].1]`.
    pub strings: Vec<(u32, u32)>,
    /// The code units of every string value, back to back.
    pub strings_data: Vec<u16>,
    /// Numeric literal values (`NumericLiteral` nodes index them).
    pub numbers: Vec<f64>,
    /// BigInt literals (`BigIntLiteral` nodes index them).
    pub bigints: Vec<BigIntLiteral>,
    /// Regular expression literals (`RegExpLiteral` nodes index them).
    pub regexps: Vec<RegExpLiteral>,
    /// The literal parts of templates (template nodes index the first).
    pub templates: Vec<TemplatePart>,
}

impl Ast {
    /// The root node's index (`Script` or `Module`).
    pub fn root(&self) -> usize {
        self.nodes.len().saturating_sub(1)
    }

    /// The name with index `id`.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map(|s| &**s).unwrap_or("")
    }

    /// The string with index `id` (UTF-16 code units).
    pub fn string(&self, id: u32) -> &[u16] {
        match self.strings.get(id as usize) {
            Some(&(a, b)) => self.strings_data.get(a as usize..b as usize).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Index of the first node of the subtree rooted at `i`.
    pub fn first_descendant(&self, i: usize) -> usize {
        (i + 1).saturating_sub(self.nodes[i].size as usize)
    }

    /// The children of node `i`, last first (cheap: follows subtree sizes).
    pub fn children_rev(&self, i: usize) -> ChildrenRev<'_> {
        ChildrenRev::new(&self.nodes, i)
    }

    /// The children of node `i` in source order.
    pub fn children(&self, i: usize) -> Vec<usize> {
        let mut v: Vec<usize> = self.children_rev(i).collect();
        v.reverse();
        v
    }

    /// Prints the node stream, one node per line in source (pre-)order,
    /// indented by depth: `Kind start..end [value] (flags)`.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        if self.nodes.is_empty() {
            return out;
        }
        // Iterative pre-order walk: (node, depth).
        let mut stack = vec![(self.root(), 0usize)];
        // Walk every root left in the buffer (normally one).
        let mut roots = Vec::new();
        let mut i = self.nodes.len();
        while i > 0 {
            let r = i - 1;
            roots.push(r);
            i = self.first_descendant(r);
        }
        stack.clear();
        for r in roots {
            stack.push((r, 0));
        }
        while let Some((i, depth)) = stack.pop() {
            self.dump_node(&mut out, i, depth);
            for c in self.children_rev(i) {
                stack.push((c, depth + 1));
            }
        }
        out
    }

    fn dump_node(&self, out: &mut String, i: usize, depth: usize) {
        let n = &self.nodes[i];
        for _ in 0..depth {
            out.push_str("  ");
        }
        let _ = write!(out, "{} {}..{}", n.kind.name(), n.span.start, n.span.end);
        match n.kind {
            NodeKind::IdentifierReference
            | NodeKind::BindingIdentifier
            | NodeKind::LabelIdentifier
            | NodeKind::IdentifierName
            | NodeKind::StaticMember
            | NodeKind::SuperMember => {
                let _ = write!(out, " {}", self.name(n.arg));
            }
            NodeKind::PrivateName | NodeKind::PrivateMember | NodeKind::PrivateIn => {
                let _ = write!(out, " #{}", self.name(n.arg));
            }
            NodeKind::StringLiteral | NodeKind::ModuleSpecifier => {
                let _ = write!(out, " {:?}", String::from_utf16_lossy(self.string(n.arg)));
            }
            NodeKind::NumericLiteral => {
                if let Some(v) = self.numbers.get(n.arg as usize) {
                    let _ = write!(out, " {v}");
                }
            }
            NodeKind::BigIntLiteral => {
                if let Some(b) = self.bigints.get(n.arg as usize) {
                    let _ = write!(out, " {}n (radix {})", b.digits, b.radix);
                }
            }
            NodeKind::RegExpLiteral => {
                if let Some(r) = self.regexps.get(n.arg as usize) {
                    let _ = write!(out, " /{}/{}", r.pattern, r.flags);
                }
            }
            NodeKind::TemplateElement => {
                if let Some(t) = self.templates.get(n.arg as usize) {
                    if let Some(c) = t.cooked {
                        let _ = write!(out, " {:?}", String::from_utf16_lossy(self.string(c)));
                    }
                }
            }
            NodeKind::CompoundAssign => {
                if let Some(k) = NodeKind::ALL.get(n.arg as usize) {
                    let _ = write!(out, " {}", k.name());
                }
            }
            _ => {}
        }
        let f = flag_names(n.kind, n.flags);
        if !f.is_empty() {
            let _ = write!(out, " ({f})");
        }
        out.push('\n');
    }
}

impl std::fmt::Display for Ast {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.dump())
    }
}

/// The names of the flags set on a node of kind `kind`.
fn flag_names(kind: NodeKind, bits: u16) -> String {
    use NodeKind as K;
    let mut v: Vec<&str> = Vec::new();
    let mut add = |flag: u16, name: &'static str| {
        if bits & flag != 0 {
            v.push(name);
        }
    };
    add(flags::PARENTHESIZED, "parenthesized");
    match kind {
        K::IdentifierReference | K::BindingIdentifier | K::LabelIdentifier => {
            add(flags::ESCAPED, "escaped")
        }
        K::IdentifierName => {
            add(flags::ESCAPED, "escaped");
            add(flags::RESERVED_WORD, "reserved");
        }
        K::StaticMember | K::ComputedMember | K::PrivateMember => add(flags::OPTIONAL, "optional"),
        K::Call => {
            add(flags::OPTIONAL, "optional");
            add(flags::TRAILING_COMMA, "trailing-comma");
            add(flags::NEWLINE_BEFORE_ARGUMENTS, "newline-before-arguments");
        }
        K::TemplateElement => add(flags::INVALID_ESCAPE, "invalid-escape"),
        K::ArrayLiteral
        | K::ObjectLiteral
        | K::ArrayAssignmentPattern
        | K::ObjectAssignmentPattern
        | K::ArrayBindingPattern
        | K::ObjectBindingPattern => add(flags::TRAILING_COMMA, "trailing-comma"),
        K::FunctionDeclaration | K::FunctionExpression | K::ArrowFunction | K::Method => {
            add(flags::ASYNC, "async");
            add(flags::GENERATOR, "generator");
            add(flags::EXPRESSION_BODY, "expression-body");
            add(flags::GETTER, "get");
            add(flags::SETTER, "set");
            add(flags::STATIC, "static");
            add(flags::CONSTRUCTOR, "constructor");
        }
        K::Field => add(flags::STATIC, "static"),
        K::FormalParameters => add(flags::SIMPLE_PARAMETERS, "simple"),
        K::FunctionBody | K::Script => add(flags::STRICT, "strict"),
        K::LexicalDeclaration => add(flags::CONST, "const"),
        K::ExpressionStatement => add(flags::DIRECTIVE, "directive"),
        K::ForOf => add(flags::AWAIT, "await"),
        _ => {}
    }
    v.join(", ")
}

/// Iterator over the children of a node, last first.
pub struct ChildrenRev<'a> {
    nodes: &'a [Node],
    /// One past the next child to yield.
    next: usize,
    stop: usize,
}

impl<'a> ChildrenRev<'a> {
    /// The children of node `i` of a node slice (for code that has no
    /// [`Ast`] yet, like the processor); none when `i` is out of range.
    pub fn new(nodes: &'a [Node], i: usize) -> Self {
        let size = nodes.get(i).map_or(1, |n| n.size as usize);
        ChildrenRev {
            nodes,
            next: i,
            stop: (i + 1).saturating_sub(size),
        }
    }
}

impl Iterator for ChildrenRev<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next <= self.stop {
            return None;
        }
        let c = self.next - 1;
        let size = self.nodes.get(c).map_or(1, |n| n.size.max(1) as usize);
        self.next = c + 1 - size.min(c + 1);
        Some(c)
    }
}

/// FxHash: a fast, non-cryptographic hash for the name interner.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Interns identifier names: each distinct name is stored once.
///
/// Open addressing with linear probing over a power-of-two table. A slot
/// holds the name's 32-bit hash, its id and where its bytes are, and the
/// names' bytes are contiguous, so a lookup reads one slot and the bytes it
/// compares (most identifiers of a program are repeats: this is on the path
/// of nearly every identifier token, and with tens of thousands of names
/// the table does not stay in the cache).
pub(crate) struct Interner {
    table: Vec<Slot>,
    /// Every name, one after the other.
    data: String,
    /// Byte range of each name in `data`, by id.
    spans: Vec<(u32, u32)>,
}

/// A table slot; `id == 0` marks an empty one, otherwise it is the name's
/// id + 1.
#[derive(Clone, Copy, Default)]
struct Slot {
    hash: u32,
    id: u32,
    start: u32,
    end: u32,
}

impl Default for Interner {
    fn default() -> Self {
        Interner {
            table: vec![Slot::default(); 1024],
            data: String::new(),
            spans: Vec::new(),
        }
    }
}

#[inline]
fn name_hash(bytes: &[u8]) -> u32 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    let x = h.finish();
    (x ^ (x >> 32)) as u32
}

impl Interner {
    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        self.intern_hashed(name, name_hash(name.as_bytes()))
    }

    /// The hash [`Interner::intern_hashed`] takes.
    #[inline]
    pub(crate) fn hash(name: &str) -> u32 {
        name_hash(name.as_bytes())
    }

    /// Interns `name`, whose [`Interner::hash`] is `h`.
    pub(crate) fn intern_hashed(&mut self, name: &str, h: u32) -> u32 {
        let mask = self.table.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let slot = self.table[i];
            if slot.id == 0 {
                break;
            }
            if slot.hash == h
                && self
                    .data
                    .as_bytes()
                    .get(slot.start as usize..slot.end as usize)
                    == Some(name.as_bytes())
            {
                return slot.id - 1;
            }
            i = (i + 1) & mask;
        }
        let id = self.spans.len() as u32;
        let start = self.data.len() as u32;
        self.data.push_str(name);
        let end = self.data.len() as u32;
        self.spans.push((start, end));
        self.table[i] = Slot {
            hash: h,
            id: id + 1,
            start,
            end,
        };
        // Keep the load factor under 1/2.
        if self.spans.len() * 2 > self.table.len() {
            self.grow();
        }
        id
    }

    /// Starts loading the slot where a lookup of a name with hash `h`
    /// begins, so that the lookup, made when the identifier is reduced after
    /// the next token has been scanned, does not wait for memory.
    #[inline]
    pub(crate) fn prefetch(&self, h: u32) {
        let i = h as usize & (self.table.len() - 1);
        #[cfg(target_arch = "x86_64")]
        if let Some(slot) = self.table.get(i) {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            // SAFETY: a prefetch is only a hint; it never faults and reads
            // nothing visible to the program (SSE is part of x86_64).
            unsafe { _mm_prefetch::<_MM_HINT_T0>((slot as *const Slot).cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = i;
    }

    /// The name with id `id` ("" if there is none).
    pub(crate) fn name(&self, id: u32) -> &str {
        match self.spans.get(id as usize) {
            Some(&(a, b)) => self.data.get(a as usize..b as usize).unwrap_or(""),
            None => "",
        }
    }

    /// Every name, by id.
    pub(crate) fn into_names(self) -> Vec<Box<str>> {
        (0..self.spans.len() as u32)
            .map(|id| Box::from(self.name(id)))
            .collect()
    }

    fn grow(&mut self) {
        let size = self.table.len() * 2;
        let mask = size - 1;
        let mut table = vec![Slot::default(); size];
        for &slot in self.table.iter().filter(|s| s.id != 0) {
            let mut i = slot.hash as usize & mask;
            while table[i].id != 0 {
                i = (i + 1) & mask;
            }
            table[i] = slot;
        }
        self.table = table;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interner_dedups() {
        let mut i = Interner::default();
        let a = i.intern("foo");
        let b = i.intern("bar");
        assert_ne!(a, b);
        assert_eq!(i.intern("foo"), a);
        assert_eq!(i.name(b), "bar");
        // Growing keeps every name findable.
        let ids: Vec<u32> = (0..5000).map(|k| i.intern(&format!("n{k}"))).collect();
        for (k, id) in ids.iter().enumerate() {
            assert_eq!(i.intern(&format!("n{k}")), *id);
        }
        assert_eq!(i.intern("foo"), a);
        let names = i.into_names();
        assert_eq!(&*names[a as usize], "foo");
        assert_eq!(&*names[ids[4999] as usize], "n4999");
    }

    #[test]
    fn children_follow_sizes() {
        use crate::lexer::Span;
        let leaf = |kind| Node {
            kind,
            flags: 0,
            span: Span::default(),
            arg: 0,
            size: 1,
        };
        // Add(IdentifierReference, Multiply(NumericLiteral, NumericLiteral))
        let mut ast = Ast::default();
        ast.nodes.push(leaf(NodeKind::IdentifierReference));
        ast.nodes.push(leaf(NodeKind::NumericLiteral));
        ast.nodes.push(leaf(NodeKind::NumericLiteral));
        ast.nodes.push(Node {
            size: 3,
            ..leaf(NodeKind::Multiply)
        });
        ast.nodes.push(Node {
            size: 5,
            ..leaf(NodeKind::Add)
        });
        assert_eq!(ast.children(4), vec![0, 3]);
        assert_eq!(ast.children(3), vec![1, 2]);
        assert_eq!(ast.children(0), Vec::<usize>::new());
        assert_eq!(ast.first_descendant(3), 1);
        let dump = ast.dump();
        assert!(
            dump.starts_with("Add 0..0\n  IdentifierReference"),
            "{dump}"
        );
    }
}
