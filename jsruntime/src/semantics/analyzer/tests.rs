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

#[test]
fn huge_top_level_is_chunked() {
    // Small: function 0 only.
    let p = analyze_source("var a = 1; a + 1;");
    assert_eq!(p.functions.len(), 1);
    // 4 nodes per statement: over CHUNKED_TOP_LEVEL_NODES, so chunks of
    // about CHUNK_COMMANDS commands, each called by function 0 at the
    // hidden position and capturing its completion value.
    let n = chunks::CHUNKED_TOP_LEVEL_NODES / 2;
    let source: String = (0..n).map(|i| format!("var a{i} = {i};\n")).collect();
    let mut p = analyze_source(&source);
    let completion = p.symbol("%completion");
    let top = &p.functions[0];
    let calls: Vec<usize> = (0..top.commands.len())
        .filter(|&i| top.commands[i] == CompileCommand::Call(0))
        .collect();
    assert!(calls.len() >= 2, "{} chunk calls", calls.len());
    assert_eq!(p.functions.len(), 1 + calls.len());
    for &i in &calls {
        assert_eq!(top.position(i), Some(HIDDEN_CALL_POSITION));
    }
    for chunk in &p.functions[1..] {
        assert!(chunk.flags.arrow);
        assert!(chunk.commands.len() < chunks::CHUNK_COMMANDS + 16);
        assert_eq!(chunk.captures, [completion]);
    }
    // Many strict eval locals: not chunked.
    let strict = format!("'use strict';\n{source}");
    let ast = parse(&strict, ParseOptions::script()).expect("parses");
    let p = analyze_indirect_eval(&ast).expect("analyzes");
    assert_eq!(p.functions.len(), 1);
}
