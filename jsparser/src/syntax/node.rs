//! The nodes of the flattened AST.
//!
//! A [`Node`] is 20 bytes: kind, flags, source span, one `arg` word and the
//! size of its subtree. Nodes are stored in post-order (children before their
//! parent, in source order), so the children of node `i` are the subtrees
//! ending at `i - 1`, `i - 1 - size(i - 1)`, ... down to `i - size(i) + 1`.
//! See `NODES.md` beside this file for the layout of every kind.

use crate::lexer::Span;

macro_rules! node_kinds {
    ($( $(#[$doc:meta])* $name:ident, )*) => {
        /// What a node is. The doc comment of each kind lists its children
        /// (in order) and the meaning of `arg`; "name" means an index into
        /// [`super::Ast::names`], "string" into [`super::Ast::strings`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum NodeKind {
            $( $(#[$doc])* $name, )*
        }

        impl NodeKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [NodeKind] = &[$(NodeKind::$name,)*];

            /// The kind's name, as printed by [`super::Ast::dump`].
            pub fn name(self) -> &'static str {
                match self { $(NodeKind::$name => stringify!($name),)* }
            }
        }
    };
}

node_kinds! {
    // ----- Names and leaves -------------------------------------------------
    /// A placeholder for an omitted part with a fixed position (the parts of
    /// a `for (;;)` header). Leaf.
    Empty,
    /// A hole of an array literal or array pattern (`[, a]`). Leaf.
    Hole,
    /// 13.1 IdentifierReference. Leaf; arg = name. Flags: `ESCAPED`.
    IdentifierReference,
    /// 13.1 BindingIdentifier. Leaf; arg = name. Flags: `ESCAPED`.
    BindingIdentifier,
    /// 13.1 LabelIdentifier. Leaf; arg = name.
    LabelIdentifier,
    /// An IdentifierName used as a property key, import attribute key or
    /// module export name. Leaf; arg = name. Flags: `RESERVED_WORD` when the
    /// token was a reserved word (or an escaped one).
    IdentifierName,
    /// A PrivateIdentifier used as a class element name (`#x`). Leaf;
    /// arg = name (without `#`).
    PrivateName,
    /// `this`. Leaf.
    This,
    /// `null`. Leaf.
    NullLiteral,
    /// `true`. Leaf.
    TrueLiteral,
    /// `false`. Leaf.
    FalseLiteral,
    /// A Number literal. Leaf; arg = index into `Ast::numbers`.
    NumericLiteral,
    /// A BigInt literal. Leaf; arg = index into `Ast::bigints`.
    BigIntLiteral,
    /// A string literal. Leaf; arg = string (UTF-16 code units).
    StringLiteral,
    /// A regular expression literal. Leaf; arg = index into `Ast::regexps`.
    RegExpLiteral,
    /// One literal part of a template. Leaf; arg = index into
    /// `Ast::templates`. Flags: `INVALID_ESCAPE` (the cooked value is
    /// undefined; only legal in tagged templates).
    TemplateElement,
    /// `new.target`. Leaf.
    NewTarget,
    /// `import.meta`. Leaf.
    ImportMeta,

    // ----- Expressions ------------------------------------------------------
    /// Array literal: elements (expression, `SpreadElement` or `Hole`).
    /// arg = element count. Flags: `TRAILING_COMMA` (after the last element).
    ArrayLiteral,
    /// Object literal: `Property`, `IdentifierReference` (shorthand `{a}`),
    /// `CoverInitializedName`, `Method` or `SpreadElement` children.
    /// Flags: `TRAILING_COMMA`.
    ObjectLiteral,
    /// `key: value` in an object literal: key, value. The key is an
    /// `IdentifierName`, `StringLiteral`, `NumericLiteral`, `BigIntLiteral`
    /// or `ComputedPropertyName`.
    Property,
    /// `[expr]` as a property key: expr.
    ComputedPropertyName,
    /// `{a = 1}` in an object literal (only valid once refined to an
    /// assignment pattern): IdentifierReference, initializer.
    CoverInitializedName,
    /// `...expr` in an array literal, object literal or argument list: expr.
    SpreadElement,
    /// Template literal: TemplateElement, expr, TemplateElement, ...,
    /// TemplateElement (2n+1 children).
    Template,
    /// Tagged template: tag, Template.
    TaggedTemplate,
    /// `object.name`: object. arg = name. Flags: `OPTIONAL` (`?.name`).
    StaticMember,
    /// `object[key]`: object, key. Flags: `OPTIONAL`.
    ComputedMember,
    /// `object.#name`: object. arg = name (without `#`). Flags: `OPTIONAL`.
    PrivateMember,
    /// `super.name`. Leaf; arg = name.
    SuperMember,
    /// `super[key]`: key.
    SuperComputedMember,
    /// `callee(args)`: callee, arguments (expressions or SpreadElement).
    /// arg = child count. Flags: `OPTIONAL` (`?.()`), `TRAILING_COMMA`,
    /// `NEWLINE_BEFORE_ARGUMENTS`.
    Call,
    /// `super(args)`: arguments. arg = argument count.
    SuperCall,
    /// `new callee(args)` or `new callee`: callee, arguments.
    /// arg = child count.
    New,
    /// `import(specifier)` or `import(specifier, options)`.
    ImportCall,
    /// An optional chain (`a?.b.c`): the last step of the chain. Every `?.`
    /// short-circuits to the end of its enclosing OptionalChain node.
    OptionalChain,
    /// `x++`: target.
    PostIncrement,
    /// `x--`: target.
    PostDecrement,
    /// `++x`: target.
    PreIncrement,
    /// `--x`: target.
    PreDecrement,
    /// `delete x`: operand.
    Delete,
    /// `void x`: operand.
    Void,
    /// `typeof x`: operand.
    Typeof,
    /// `+x`: operand.
    UnaryPlus,
    /// `-x`: operand.
    UnaryMinus,
    /// `~x`: operand.
    BitNot,
    /// `!x`: operand.
    LogicalNot,
    /// `await x`: operand.
    Await,
    /// `a ** b`: left, right.
    Exponent,
    /// `a * b`
    Multiply,
    /// `a / b`
    Divide,
    /// `a % b`
    Remainder,
    /// `a + b`
    Add,
    /// `a - b`
    Subtract,
    /// `a << b`
    ShiftLeft,
    /// `a >> b`
    ShiftRight,
    /// `a >>> b`
    ShiftRightUnsigned,
    /// `a < b`
    Less,
    /// `a > b`
    Greater,
    /// `a <= b`
    LessEqual,
    /// `a >= b`
    GreaterEqual,
    /// `a instanceof b`
    Instanceof,
    /// `a in b`
    In,
    /// `#x in obj`: obj. arg = name (without `#`).
    PrivateIn,
    /// `a == b`
    Equal,
    /// `a != b`
    NotEqual,
    /// `a === b`
    StrictEqual,
    /// `a !== b`
    StrictNotEqual,
    /// `a & b`
    BitAnd,
    /// `a ^ b`
    BitXor,
    /// `a | b`
    BitOr,
    /// `a && b`
    LogicalAnd,
    /// `a || b`
    LogicalOr,
    /// `a ?? b`
    Coalesce,
    /// `test ? consequent : alternate`.
    Conditional,
    /// `target = value`: target (simple target or assignment pattern), value.
    Assign,
    /// `target op= value` (compound assignment): target, value.
    /// arg = the operator's binary kind (`NodeKind::Add as u32` for `+=`).
    CompoundAssign,
    /// `target &&= value`: target, value.
    AndAssign,
    /// `target ||= value`: target, value.
    OrAssign,
    /// `target ??= value`: target, value.
    CoalesceAssign,
    /// `a, b, c`: the operands (two or more). arg = operand count.
    Sequence,
    /// `yield` or `yield value`: optional value.
    Yield,
    /// `yield* value`: value.
    YieldDelegate,
    /// A parenthesized list that is not an expression (`()`, `(a,)`,
    /// `(...a)`): only valid as arrow parameters. Never in a finished Ast.
    CoverParameters,

    // ----- Patterns ---------------------------------------------------------
    /// `{...}` binding pattern: `BindingProperty`, `BindingIdentifier`
    /// (shorthand), `BindingDefault` (shorthand with initializer) or, last,
    /// `BindingRest`.
    ObjectBindingPattern,
    /// `[...]` binding pattern: `Hole`, binding elements, `BindingRest` last.
    ArrayBindingPattern,
    /// `key: element` in an object binding pattern: key, element.
    BindingProperty,
    /// `element = initializer` in a pattern or parameter list: target,
    /// initializer.
    BindingDefault,
    /// `...target` in a pattern or parameter list: target.
    BindingRest,
    /// `{...}` assignment pattern (refined from an object literal):
    /// `AssignmentProperty`, `IdentifierReference` (shorthand),
    /// `AssignmentDefault` (shorthand with initializer) or, last,
    /// `AssignmentRest`.
    ObjectAssignmentPattern,
    /// `[...]` assignment pattern: `Hole`, targets, `AssignmentDefault`,
    /// `AssignmentRest` last.
    ArrayAssignmentPattern,
    /// `key: target` in an object assignment pattern: key, target.
    AssignmentProperty,
    /// `target = initializer` in an assignment pattern: target, initializer.
    AssignmentDefault,
    /// `...target` in an assignment pattern: target.
    AssignmentRest,

    // ----- Functions and classes --------------------------------------------
    /// Function, generator, async function or async generator declaration:
    /// BindingIdentifier (absent only in `export default`), FormalParameters,
    /// FunctionBody. Flags: `ASYNC`, `GENERATOR`.
    FunctionDeclaration,
    /// Function expression: optional BindingIdentifier, FormalParameters,
    /// FunctionBody. Flags: `ASYNC`, `GENERATOR`.
    FunctionExpression,
    /// Arrow function: FormalParameters, FunctionBody or expression.
    /// Flags: `ASYNC`, `EXPRESSION_BODY`.
    ArrowFunction,
    /// Method of an object literal or class: key (property key or
    /// `PrivateName`), FormalParameters, FunctionBody. Flags: `GETTER`,
    /// `SETTER`, `ASYNC`, `GENERATOR`, `STATIC`, `CONSTRUCTOR`.
    Method,
    /// Parameters: `BindingIdentifier`, patterns, `BindingDefault`,
    /// `BindingRest` (last). arg = parameter count. Flags: `SIMPLE_PARAMETERS`
    /// (only BindingIdentifiers).
    FormalParameters,
    /// A function's statements. Flags: `STRICT` when its directive prologue
    /// contains "use strict".
    FunctionBody,
    /// Class declaration: BindingIdentifier (absent only in
    /// `export default`), optional ClassHeritage, ClassBody.
    ClassDeclaration,
    /// Class expression: optional BindingIdentifier, optional ClassHeritage,
    /// ClassBody.
    ClassExpression,
    /// `extends expr`: expr.
    ClassHeritage,
    /// The elements of a class: `Method`, `Field` or `StaticBlock`.
    ClassBody,
    /// Class field: key, optional initializer. Flags: `STATIC`.
    Field,
    /// `static { ... }`: statements.
    StaticBlock,

    // ----- Statements -------------------------------------------------------
    /// A Script: statements. Flags: `STRICT`.
    Script,
    /// A Module: module items.
    Module,
    /// `{ ... }`: statements.
    Block,
    /// `var` declaration: VariableDeclarators.
    VariableDeclaration,
    /// `let` / `const` declaration: VariableDeclarators. Flags: `CONST`.
    LexicalDeclaration,
    /// One declarator: target (BindingIdentifier or pattern), optional
    /// initializer.
    VariableDeclarator,
    /// `;`. Leaf.
    EmptyStatement,
    /// `expr;`: expr. Flags: `DIRECTIVE` (a string literal statement of a
    /// directive prologue).
    ExpressionStatement,
    /// `if (test) consequent else alternate`: test, consequent, optional
    /// alternate.
    If,
    /// `do body while (test)`: body, test.
    DoWhile,
    /// `while (test) body`: test, body.
    While,
    /// `for (init; test; update) body`: init (Empty, expression,
    /// VariableDeclaration or LexicalDeclaration), test (Empty or
    /// expression), update (Empty or expression), body.
    For,
    /// `for (left in right) body`: left (VariableDeclaration or
    /// LexicalDeclaration of one declarator, or an assignment target),
    /// right, body.
    ForIn,
    /// `for (left of right) body`: like ForIn. Flags: `AWAIT`.
    ForOf,
    /// `continue` with an optional LabelIdentifier.
    Continue,
    /// `break` with an optional LabelIdentifier.
    Break,
    /// `return` with an optional expression.
    Return,
    /// `with (object) body`: object, body.
    With,
    /// `switch (discriminant) { ... }`: discriminant, Case / DefaultCase.
    Switch,
    /// `case test: ...`: test, statements.
    Case,
    /// `default: ...`: statements.
    DefaultCase,
    /// `label: body`: LabelIdentifier, body.
    Labelled,
    /// `throw expr`: expr.
    Throw,
    /// `try`: Block, optional Catch, optional Finally.
    Try,
    /// `catch (param) block` or `catch block`: optional parameter
    /// (BindingIdentifier or pattern), Block.
    Catch,
    /// `finally block`: Block.
    Finally,
    /// `debugger;`. Leaf.
    Debugger,

    // ----- Modules ----------------------------------------------------------
    /// `import ...`: optional ImportDefault, optional ImportNamespace,
    /// ImportSpecifiers, ModuleSpecifier, ImportAttributes.
    ImportDeclaration,
    /// `import x from`: BindingIdentifier.
    ImportDefault,
    /// `import * as ns from`: BindingIdentifier.
    ImportNamespace,
    /// `import { a as b }`: optional imported name (IdentifierName or
    /// StringLiteral), BindingIdentifier.
    ImportSpecifier,
    /// The module specifier string. Leaf; arg = string.
    ModuleSpecifier,
    /// `key: "value"` of a `with { ... }` clause: key (IdentifierName or
    /// StringLiteral), StringLiteral.
    ImportAttribute,
    /// `export ... from "m"`: ExportAll, ExportAllAs or ExportSpecifiers,
    /// then ModuleSpecifier, ImportAttributes.
    ExportFrom,
    /// `*` of `export * from`. Leaf.
    ExportAll,
    /// `* as name` of `export * as name from`: name (IdentifierName or
    /// StringLiteral).
    ExportAllAs,
    /// `export { a, b as c };`: ExportSpecifiers.
    ExportNamed,
    /// `a` or `a as b` in an export list: local name, optional exported
    /// name (IdentifierName or StringLiteral).
    ExportSpecifier,
    /// `export var|let|const|function|class ...`: the declaration.
    ExportDeclaration,
    /// `export default function|class ...`: the declaration.
    ExportDefault,
    /// `export default expr;`: expr.
    ExportDefaultExpression,
}

/// Bits of [`Node::flags`]. Their meaning depends on the kind (see
/// [`NodeKind`]); bits with different meanings never apply to one kind.
pub mod flags {
    /// Identifier nodes: written with a `\u` escape.
    pub const ESCAPED: u16 = 1 << 0;
    /// IdentifierName: the word is a reserved word.
    pub const RESERVED_WORD: u16 = 1 << 1;
    /// Any expression: written in parentheses (`(a)`).
    pub const PARENTHESIZED: u16 = 1 << 15;
    /// Any node: its subtree (the node itself excluded) contains a node of a
    /// kind the early-error pass acts on ([`super::NodeKind::is_checked`]);
    /// the pass skips the subtrees without one.
    pub const HAS_CHECKED_DESCENDANT: u16 = 1 << 14;
    /// Member and call nodes: the step follows `?.`.
    pub const OPTIONAL: u16 = 1 << 2;
    /// TemplateElement: contains a NotEscapeSequence.
    pub const INVALID_ESCAPE: u16 = 1 << 2;
    /// Array/object literals and patterns: a comma after the last element.
    pub const TRAILING_COMMA: u16 = 1 << 3;
    /// Call: a LineTerminator precedes its `(` (so it cannot be an async arrow
    /// head, 15.9).
    pub const NEWLINE_BEFORE_ARGUMENTS: u16 = 1 << 4;
    /// Functions, arrows, methods: async.
    pub const ASYNC: u16 = 1 << 5;
    /// Functions and methods: generator.
    pub const GENERATOR: u16 = 1 << 6;
    /// ArrowFunction: the body is an expression.
    pub const EXPRESSION_BODY: u16 = 1 << 7;
    /// Method: `get`.
    pub const GETTER: u16 = 1 << 8;
    /// Method: `set`.
    pub const SETTER: u16 = 1 << 9;
    /// Method, Field: `static`.
    pub const STATIC: u16 = 1 << 10;
    /// Method: the constructor of a class.
    pub const CONSTRUCTOR: u16 = 1 << 11;
    /// FormalParameters: only plain BindingIdentifiers (IsSimpleParameterList).
    pub const SIMPLE_PARAMETERS: u16 = 1 << 4;
    /// FunctionBody, Script: the directive prologue contains "use strict"
    /// (Script: or the options asked for strict code).
    pub const STRICT: u16 = 1 << 4;
    /// LexicalDeclaration: `const` (otherwise `let`).
    pub const CONST: u16 = 1 << 4;
    /// ExpressionStatement: a directive of a directive prologue.
    pub const DIRECTIVE: u16 = 1 << 4;
    /// ForOf: `for await`.
    pub const AWAIT: u16 = 1 << 4;
}

/// One node of the flattened AST.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    /// What the node is; its children are documented on the variant.
    pub kind: NodeKind,
    /// Kind-specific bits, see [`flags`].
    pub flags: u16,
    /// The source range (byte offsets).
    pub span: Span,
    /// Kind-specific value: an index into a side table, or a count.
    pub arg: u32,
    /// Number of nodes in this subtree, this node included (a leaf has 1).
    pub size: u32,
}

/// The kinds of [`NodeKind::is_checked`].
const CHECKED_KINDS: [NodeKind; 29] = {
    use NodeKind as K;
    [
        K::Script,
        K::Module,
        K::FunctionDeclaration,
        K::FunctionExpression,
        K::ArrowFunction,
        K::Method,
        K::ClassDeclaration,
        K::ClassExpression,
        K::ClassBody,
        K::Field,
        K::StaticBlock,
        K::PrivateMember,
        K::PrivateIn,
        K::Block,
        K::Catch,
        K::VariableDeclaration,
        K::LexicalDeclaration,
        K::For,
        K::ForIn,
        K::ForOf,
        K::While,
        K::DoWhile,
        K::If,
        K::With,
        K::Switch,
        K::Labelled,
        K::Break,
        K::Continue,
        K::ImportDeclaration,
    ]
};

/// [`CHECKED_KINDS`] as a table indexed by kind (one load per test: the
/// processor asks for every node it makes).
static IS_CHECKED: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < CHECKED_KINDS.len() {
        table[CHECKED_KINDS[i] as usize] = true;
        i += 1;
    }
    table
};

impl NodeKind {
    /// Whether the early-error pass (`syntax::early_errors`) does more for
    /// a node of this kind than visit its children: scopes and
    /// declarations, functions and classes, labels and jumps, private
    /// names.
    #[inline]
    pub fn is_checked(self) -> bool {
        IS_CHECKED[self as usize]
    }
}

impl Node {
    /// Whether `flag` (one of [`flags`]) is set.
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_is_small() {
        assert_eq!(std::mem::size_of::<Node>(), 20);
        assert!(NodeKind::ALL.len() < 256);
        for (i, k) in NodeKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
        }
    }
}
