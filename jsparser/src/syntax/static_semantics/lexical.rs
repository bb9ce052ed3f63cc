//! Lexically scoped declarations: 8.2.3 IsConstantDeclaration, 8.2.4
//! LexicallyDeclaredNames, 8.2.5 LexicallyScopedDeclarations and their
//! TopLevel forms (8.2.8, 8.2.9).

use super::{bound_names, kind, labelled_item, last_child, Level, Scratch};
use crate::syntax::node::{flags, Node, NodeKind};

/// 8.2.5 LexicallyScopedDeclarations
/// (#sec-static-semantics-lexicallyscopeddeclarations) of one statement
/// list item, or 8.2.9 TopLevelLexicallyScopedDeclarations
/// (#sec-static-semantics-toplevellexicallyscopeddeclarations) at
/// [`Level::TopLevel`]: an item declares at most one.
///
/// The declaration is the item itself for a `LexicalDeclaration`,
/// `ClassDeclaration` or (at [`Level::Block`]) `FunctionDeclaration`; the
/// function under the labels of a labelled function declaration (Block
/// level only); the declaration of an `ExportDeclaration` (unless a `var`)
/// or `ExportDefault`; the `ExportDefaultExpression` itself (it binds
/// `"*default*"`). An `ImportDeclaration` has none (its bindings are in
/// [`lexically_declared_names`]).
pub fn lexically_scoped_declaration(nodes: &[Node], item: usize, level: Level) -> Option<usize> {
    use NodeKind as K;
    match kind(nodes, item) {
        K::LexicalDeclaration | K::ClassDeclaration | K::ExportDefaultExpression => Some(item),
        K::FunctionDeclaration => (level == Level::Block).then_some(item),
        K::Labelled if level == Level::Block => {
            let f = labelled_item(nodes, item);
            (kind(nodes, f) == K::FunctionDeclaration).then_some(f)
        }
        K::ExportDeclaration => last_child(nodes, item).filter(|&d| {
            matches!(
                kind(nodes, d),
                K::LexicalDeclaration | K::ClassDeclaration | K::FunctionDeclaration
            )
        }),
        K::ExportDefault => last_child(nodes, item),
        _ => None,
    }
}

/// 8.2.4 LexicallyDeclaredNames
/// (#sec-static-semantics-lexicallydeclarednames) of one statement list
/// item, or 8.2.8 TopLevelLexicallyDeclaredNames
/// (#sec-static-semantics-toplevellexicallydeclarednames) at
/// [`Level::TopLevel`]: calls `f` with each `BindingIdentifier` node, in
/// source order. These are the BoundNames of
/// [`lexically_scoped_declaration`], and an `ImportDeclaration`'s local
/// bindings (16.2.1.2). `"*default*"` is not reported.
pub fn lexically_declared_names(
    nodes: &[Node],
    item: usize,
    level: Level,
    scratch: &mut Scratch,
    f: impl FnMut(usize),
) {
    let declaration = if kind(nodes, item) == NodeKind::ImportDeclaration {
        Some(item)
    } else {
        lexically_scoped_declaration(nodes, item, level)
    };
    if let Some(d) = declaration {
        bound_names(nodes, d, scratch, f);
    }
}

/// 8.2.3 IsConstantDeclaration (#sec-static-semantics-isconstantdeclaration)
/// of a declaration (as returned by [`lexically_scoped_declaration`]): a
/// `const` declaration.
pub fn is_constant_declaration(nodes: &[Node], declaration: usize) -> bool {
    nodes
        .get(declaration)
        .is_some_and(|n| n.kind == NodeKind::LexicalDeclaration && n.has(flags::CONST))
}
