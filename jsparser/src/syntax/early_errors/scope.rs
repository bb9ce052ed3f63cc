//! Scopes of declared names: 8.2.4 LexicallyDeclaredNames
//! (#sec-static-semantics-lexicallydeclarednames) and 8.2.6 VarDeclaredNames
//! (#sec-static-semantics-vardeclarednames), built incrementally as the walk
//! meets each declaration (its names from `static_semantics::bound_names`).

use super::FxMap;
use crate::lexer::Span;

/// How a scope treats var names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    /// A function body, script or class static block: var names stop here.
    Var,
    /// A module body: var names stop here.
    Module,
    /// A block, case block, catch clause or for head: var names pass
    /// through to the parent when it closes.
    Block,
}

/// What declared a lexical name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LexKind {
    Let,
    Const,
    Class,
    /// A plain function declaration in a block of sloppy mode code: may be
    /// redeclared by another one (B.3.2.4).
    SloppyFunction,
    Function,
    Import,
    /// A function parameter: lexical declarations of the body clash with
    /// it (15.2.1), var declarations do not.
    Param,
    /// A catch parameter that is a plain identifier: var declarations of
    /// the same name are allowed (B.3.4).
    CatchSimple,
    /// A name bound by a catch parameter pattern (14.15.1).
    CatchPattern,
}

impl LexKind {
    /// Whether a var declaration of the same name is an error.
    pub(crate) fn clashes_with_var(self) -> bool {
        !matches!(self, LexKind::Param | LexKind::CatchSimple)
    }
}

/// One scope: its lexically declared names and the var names declared in
/// its subtree so far (with the span of the first declaration).
pub(crate) struct Scope {
    pub(crate) kind: ScopeKind,
    pub(crate) lex: FxMap<u32, (LexKind, Span)>,
    pub(crate) vars: FxMap<u32, Span>,
}

impl Scope {
    pub(crate) fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            lex: FxMap::default(),
            vars: FxMap::default(),
        }
    }
}
