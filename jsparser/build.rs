//! Generates the LALR(1) parser tables from `grammar/es2025.grammar` with
//! `lalrgen` (see `lalrgen/src/lib.rs` and `src/parser/mod.rs`).
//!
//! Output, in `OUT_DIR`: `parser_tables.bin` (the packed tables) and
//! `parser_tables.rs` (the `Action` enum and constants; it `include_bytes!`s
//! the blob). A grammar conflict fails the build with the full report; for
//! grammar work, `JSPARSER_ALLOW_CONFLICTS=1` downgrades it to a warning (the
//! first action of each conflict wins) and
//! `cargo run -p lalrgen --release -- jsparser/grammar/es2025.grammar --conflicts jsparser/grammar/CONFLICTS.md`
//! writes the report for the grammar author.

use std::path::PathBuf;

// The terminals are exactly the lexer's token kinds: compile the token list
// itself into the build script, so the two cannot drift apart.
#[allow(dead_code)]
#[path = "src/lexer/token.rs"]
mod token;

const GRAMMAR: &str = "grammar/es2025.grammar";

/// Used only while the grammar file does not exist yet.
const PLACEHOLDER: &str =
    "%start Script\n%start Module\nScript :\n    [empty]\nModule :\n    [empty]\n";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={GRAMMAR}");
    println!("cargo:rerun-if-changed=src/lexer/token.rs");
    println!("cargo:rerun-if-env-changed=JSPARSER_ALLOW_CONFLICTS");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let terminals: Vec<String> = token::TokenKind::ALL
        .iter()
        .map(|k| k.grammar_name().to_string())
        .collect();
    let text = std::fs::read_to_string(GRAMMAR).unwrap_or_else(|_| {
        println!("cargo:warning={GRAMMAR} not found: generating tables for an empty grammar");
        PLACEHOLDER.to_string()
    });
    let config = lalrgen::Config::ecmascript(terminals);
    let started = std::time::Instant::now();
    let output = match lalrgen::generate(&text, &config) {
        Ok(o) => o,
        Err(e) => panic!("{GRAMMAR}:{e}"),
    };
    let elapsed = started.elapsed();
    for w in &output.warnings {
        println!("cargo:warning={w}");
    }
    if !output.conflicts.is_empty() {
        let report = output.conflicts.join("\n");
        if std::env::var_os("JSPARSER_ALLOW_CONFLICTS").is_some_and(|v| v == "1") {
            println!(
                "cargo:warning={} LALR(1) conflicts in {GRAMMAR} (allowed by JSPARSER_ALLOW_CONFLICTS=1)",
                output.conflicts.len()
            );
        } else {
            panic!(
                "{} LALR(1) conflicts in {GRAMMAR}:\n\n{report}\n{}",
                output.conflicts.len(),
                output.summary()
            );
        }
    }
    assert!(
        output.stats.productions < u16::MAX as usize,
        "too many productions for the u16 production numbers of EventSink::reduce"
    );
    // The driver keeps its comb vectors in 16-bit slots (src/parser/tables.rs):
    // shift values are `state << 2 | flags`, row keys leave u16::MAX free.
    let packed = &output.packed;
    let max = |v: &[u32]| v.iter().copied().max().unwrap_or(0);
    assert!(
        output.stats.states < 1 << 14,
        "{} LALR(1) states: the driver's 16-bit shift entries hold at most 16383",
        output.stats.states
    );
    assert!(
        max(&packed.shift_key) < u16::MAX as u32 && max(&packed.goto_key) < u16::MAX as u32,
        "too many distinct table rows for the driver's 16-bit row keys"
    );
    let command = "cargo build -p jsparser (jsparser/build.rs runs lalrgen on jsparser/grammar/es2025.grammar)";
    let rust = output.rust_source(
        "concat!(env!(\"OUT_DIR\"), \"/parser_tables.bin\")",
        command,
    );
    std::fs::write(out_dir.join("parser_tables.bin"), &output.blob)
        .expect("write parser_tables.bin");
    std::fs::write(out_dir.join("parser_tables.rs"), rust).expect("write parser_tables.rs");
    println!(
        "cargo:rustc-env=JSPARSER_TABLES_SUMMARY={} (generated in {:.2?})",
        output.summary(),
        elapsed
    );
}
