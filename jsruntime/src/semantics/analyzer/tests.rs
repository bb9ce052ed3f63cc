//! Tests of the analyzer's declare pass on real parses (the scope and
//! capture tests are in `semantics/tests.rs`).

use super::*;
use jsparser::{parse, ParseOptions};

fn analyze_source(source: &str) -> Program {
    let ast = parse(source, ParseOptions::script()).expect("parses");
    analyze(&ast).expect("analyzes")
}

/// The `(name, kind)` of every variable of function `f` declared in a scope
/// other than its first.
fn inner_vars(p: &Program, f: usize) -> Vec<(String, VariableKind)> {
    p.functions[f].scopes[1..]
        .iter()
        .flat_map(|s| s.variables.iter())
        .map(|v| (p.symbol_name(v.symbol).to_owned(), v.kind))
        .collect()
}

#[test]
fn labelled_function_in_a_block_is_block_scoped() {
    // 8.2.5 LexicallyScopedDeclarations of a LabelledStatement: the
    // function under the label is a declaration of the block (sloppy code).
    for source in [
        "{ l: function f() {} }",
        "{ l: m: function f() {} }",
        "switch (0) { case 0: l: function f() {} }",
        "function g() { { l: function f() {} } }",
    ] {
        let p = analyze_source(source);
        let f = p.functions.len() - 2;
        assert!(
            inner_vars(&p, f).contains(&("f".to_owned(), VariableKind::Function)),
            "{source}"
        );
    }
    // At the top level it is var-scoped (8.2.11).
    let p = analyze_source("function g() { l: function f() {} }");
    assert!(p.functions[1].scopes[0]
        .variables
        .iter()
        .any(|v| p.symbol_name(v.symbol) == "f" && v.kind == VariableKind::Var));
}

#[test]
fn function_length_is_the_expected_argument_count() {
    let p = analyze_source(
        "(function (a, b, c = 1, d) {}); ((a, ...b) => 0); (function ([a], {b}) {});",
    );
    let lengths: Vec<_> = p.functions[1..].iter().map(|f| f.length).collect();
    assert_eq!(lengths, [Some(2), Some(1), Some(2)]);
}
