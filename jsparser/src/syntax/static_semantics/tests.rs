//! The operations of this module on parsed snippets.

use super::*;
use crate::syntax::Ast;
use crate::{parse, ParseOptions};

fn script(src: &str) -> Ast {
    match parse(src, ParseOptions::script()) {
        Ok(ast) => ast,
        Err(e) => panic!("{src:?}: {}", e.message),
    }
}

fn module(src: &str) -> Ast {
    match parse(src, ParseOptions::module()) {
        Ok(ast) => ast,
        Err(e) => panic!("{src:?}: {}", e.message),
    }
}

/// The root's children (the statement list items).
fn items(ast: &Ast) -> Vec<usize> {
    ast.children(ast.root())
}

/// The first node of `kind` in source order (post-order: its subtree
/// comes first, so the first such index is the outermost leftmost only
/// when they do not nest; fine for these tests).
fn find(ast: &Ast, kind: NodeKind) -> usize {
    match ast.nodes.iter().position(|n| n.kind == kind) {
        Some(i) => i,
        None => panic!("no {kind:?}"),
    }
}

fn names_of(ast: &Ast, nodes: &[usize]) -> Vec<String> {
    nodes
        .iter()
        .map(|&b| {
            assert_eq!(ast.nodes[b].kind, NodeKind::BindingIdentifier);
            ast.name(ast.nodes[b].arg).to_owned()
        })
        .collect()
}

fn bound(ast: &Ast, root: usize) -> Vec<String> {
    let mut out = Vec::new();
    bound_names(&ast.nodes, root, &mut Scratch::new(), |b| out.push(b));
    names_of(ast, &out)
}

/// The declared names of every item of the root, at `level`.
fn lexical(ast: &Ast, level: Level) -> Vec<String> {
    let mut out = Vec::new();
    let mut scratch = Scratch::new();
    for s in items(ast) {
        lexically_declared_names(&ast.nodes, s, level, &mut scratch, |b| out.push(b));
    }
    names_of(ast, &out)
}

fn var(ast: &Ast, level: Level) -> Vec<String> {
    let mut out = Vec::new();
    let mut scratch = Scratch::new();
    for s in items(ast) {
        var_declared_names(&ast.nodes, s, level, &mut scratch, |b| out.push(b));
    }
    names_of(ast, &out)
}

#[test]
fn bound_names_of_patterns_in_source_order() {
    let ast = script("let [a, {b, c: [d], ...e} = f(x => { var g; }), , ...h] = i, [j = k] = l;");
    let decl = find(&ast, NodeKind::LexicalDeclaration);
    assert_eq!(bound(&ast, decl), ["a", "b", "d", "e", "h", "j"]);
    let ast = script("var {[k]: a, b = function c() {}} = o;");
    let d = find(&ast, NodeKind::VariableDeclarator);
    assert_eq!(bound(&ast, d), ["a", "b"]);
}

#[test]
fn bound_names_of_parameters_and_declarations() {
    let ast = script("function f(a, [b, e], {c = 1}, ...d) {}");
    assert_eq!(
        bound(&ast, find(&ast, NodeKind::FormalParameters)),
        ["a", "b", "e", "c", "d"]
    );
    // Duplicates are reported (sloppy simple parameters may repeat).
    let ast = script("function f(a, b, a) {}");
    assert_eq!(
        bound(&ast, find(&ast, NodeKind::FormalParameters)),
        ["a", "b", "a"]
    );
    assert_eq!(
        bound(&ast, find(&ast, NodeKind::FunctionDeclaration)),
        ["f"]
    );
    let ast = script("class C extends D {}");
    assert_eq!(bound(&ast, find(&ast, NodeKind::ClassDeclaration)), ["C"]);
    let ast = module("import d, * as ns from 'm'; import {x, y as z, 'w' as v} from 'n';");
    let imports = items(&ast);
    assert_eq!(bound(&ast, imports[0]), ["d", "ns"]);
    assert_eq!(bound(&ast, imports[1]), ["x", "z", "v"]);
    let ast =
        module("export const a = 1, [b] = c; export default function () {} export class K {}");
    let exports = items(&ast);
    assert_eq!(bound(&ast, exports[0]), ["a", "b"]);
    assert!(bound(&ast, exports[1]).is_empty());
    assert_eq!(bound(&ast, exports[2]), ["K"]);
}

#[test]
fn lexically_declared_names_by_level() {
    let src = "let a; const b = 1; class C {} function f() {} l: m: function g() {} var v; { let inner; }";
    let ast = script(src);
    assert_eq!(lexical(&ast, Level::Block), ["a", "b", "C", "f", "g"]);
    assert_eq!(lexical(&ast, Level::TopLevel), ["a", "b", "C"]);
    let ast = module("import x from 'm'; export let y; export var z; export default class {} export function h() {}");
    assert_eq!(lexical(&ast, Level::Block), ["x", "y", "h"]);
}

#[test]
fn lexically_scoped_declarations_and_constants() {
    let ast = script("let a; const b = 1; l: function f() {} x;");
    let s = items(&ast);
    let d: Vec<Option<usize>> = s
        .iter()
        .map(|&i| lexically_scoped_declaration(&ast.nodes, i, Level::Block))
        .collect();
    assert_eq!(d[0], Some(s[0]));
    assert_eq!(d[1], Some(s[1]));
    assert_eq!(
        d[2].map(|f| ast.nodes[f].kind),
        Some(NodeKind::FunctionDeclaration)
    );
    assert_eq!(d[3], None);
    assert_eq!(
        lexically_scoped_declaration(&ast.nodes, s[2], Level::TopLevel),
        None
    );
    assert!(!is_constant_declaration(&ast.nodes, s[0]));
    assert!(is_constant_declaration(&ast.nodes, s[1]));
    let ast = module("export default 1 + 1;");
    let s = items(&ast);
    assert_eq!(
        lexically_scoped_declaration(&ast.nodes, s[0], Level::Block),
        Some(s[0])
    );
}

#[test]
fn var_declared_names_by_level() {
    let src = "var a, [b] = c; function f() { var no; } l: function g() {} \
        if (x) { var d; } else var e; for (var i = 0;;) { let no2; var j; } \
        for (var k in o) ; for (var [m] of o) ; try { var t; } catch ({n}) { var u; } finally { var w; } \
        switch (x) { case 1: var s1; default: var s2; } lab: { var q; function h() {} } \
        while (0) var r; do var y; while (0); with (o) var z; let no3; x = function () { var no4; };";
    let ast = script(src);
    let all = [
        "a", "b", "d", "e", "i", "j", "k", "m", "t", "u", "w", "s1", "s2", "q", "r", "y", "z",
    ];
    assert_eq!(var(&ast, Level::Block), all);
    let mut top = vec!["a", "b", "f", "g"];
    top.extend_from_slice(&all[2..]);
    assert_eq!(var(&ast, Level::TopLevel), top);
}

#[test]
fn var_scoped_declarations_are_declarators_and_functions() {
    let ast = script("var a, b; function f() {}");
    let mut decls = Vec::new();
    let mut scratch = Scratch::new();
    for s in items(&ast) {
        var_scoped_declarations(&ast.nodes, s, Level::TopLevel, &mut scratch, |d| {
            decls.push(d)
        });
    }
    let kinds: Vec<NodeKind> = decls.iter().map(|&d| ast.nodes[d].kind).collect();
    assert_eq!(
        kinds,
        [
            NodeKind::VariableDeclarator,
            NodeKind::VariableDeclarator,
            NodeKind::FunctionDeclaration
        ]
    );
}

#[test]
fn parameter_lists() {
    let cases = [
        ("function f() {}", false, true, 0),
        ("function f(a, b) {}", false, true, 2),
        ("function f(a, [b]) {}", false, false, 2),
        ("function f(a, {[k]: b}) {}", true, false, 2),
        ("function f(a, b = 1, c) {}", true, false, 1),
        ("function f(a, {b = 1}, c) {}", true, false, 3),
        ("function f(a, ...b) {}", false, false, 1),
        ("(a, b) => a", false, true, 2),
        ("(a, [b] = []) => a", true, false, 1),
    ];
    for (src, expression, simple, count) in cases {
        let ast = script(src);
        let p = find(&ast, NodeKind::FormalParameters);
        assert_eq!(contains_expression(&ast.nodes, p), expression, "{src}");
        assert_eq!(is_simple_parameter_list(&ast.nodes, p), simple, "{src}");
        assert_eq!(
            ast.nodes[p].has(crate::syntax::flags::SIMPLE_PARAMETERS),
            simple,
            "{src}"
        );
        assert_eq!(expected_argument_count(&ast.nodes, p), count, "{src}");
    }
}

#[test]
fn labelled_functions() {
    let ast = script("a: b: function f() {} c: d: x; function g() {}");
    let s = items(&ast);
    assert!(is_labelled_function(&ast.nodes, s[0]));
    assert_eq!(
        ast.nodes[labelled_item(&ast.nodes, s[0])].kind,
        NodeKind::FunctionDeclaration
    );
    assert!(!is_labelled_function(&ast.nodes, s[1]));
    assert!(!is_labelled_function(&ast.nodes, s[2]));
    assert_eq!(labelled_item(&ast.nodes, s[2]), s[2]);
}

#[test]
fn anonymous_function_definitions() {
    let ast = script("x = [function () {}, function f() {}, () => 1, class {}, class C {}, (function () {}), 1];");
    let array = find(&ast, NodeKind::ArrayLiteral);
    let elements = ast.children(array);
    let got: Vec<(bool, bool)> = elements
        .iter()
        .map(|&e| {
            (
                is_function_definition(&ast.nodes, e),
                is_anonymous_function_definition(&ast.nodes, e),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (true, true),
            (true, false),
            (true, true),
            (true, true),
            (true, false),
            (true, true),
            (false, false)
        ]
    );
}
