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
    let rust = rust + &static_tables(packed, &output.lalr.cfg.actions);
    std::fs::write(out_dir.join("parser_tables.rs"), rust).expect("write parser_tables.rs");
    println!(
        "cargo:rustc-env=JSPARSER_TABLES_SUMMARY={} (generated in {:.2?})",
        output.summary(),
        elapsed
    );
}

/// The driver's small tables as Rust `static` data (appended to
/// `parser_tables.rs`), in the form `src/parser/tables.rs` uses them: the
/// per-state rows, reductions, lookahead sets, GOTO defaults and production
/// information. Being in the binary's read-only data, they cost nothing at
/// startup and only the pages a parse touches are faulted in (decoding them
/// from the blob into heap arrays was most of a hello world's parser
/// startup). The large comb vectors stay in the blob, read in place. The
/// same `lalrgen` output as the blob, so the two cannot disagree; a unit
/// test in `tables.rs` compares them anyway.
fn static_tables(p: &lalrgen::tables::Packed, actions: &[String]) -> String {
    use std::fmt::Write;
    let u16_of = |x: u32, what: &str| -> u16 {
        u16::try_from(x).unwrap_or_else(|_| panic!("{what} {x} does not fit the driver's 16 bits"))
    };
    let mut out = String::new();
    let states = p.state_info.len();
    let _ = writeln!(
        out,
        "\n/// Per state: `row(shift_base, goto_base, red_start, shift_key, goto_key, red_len, info)`."
    );
    let _ = writeln!(
        out,
        "pub(super) static STATE_ROWS: [super::StateRow; {states}] = ["
    );
    for s in 0..states {
        let rs = p.red_start[s];
        let re = p.red_start[s + 1];
        let _ = writeln!(
            out,
            "    super::row({}, {}, {rs}, {}, {}, {}, {}),",
            p.shift_base[s],
            p.goto_base[s],
            u16_of(p.shift_key[s], "shift key"),
            u16_of(p.goto_key[s], "goto key"),
            u16_of(re - rs, "reduction count"),
            u16_of(
                lalrgen::tables::serial_state_info(p.state_info[s]),
                "state info"
            ),
        );
    }
    let _ = writeln!(out, "];");
    let reds = p.red_prod.len();
    let _ = writeln!(out, "/// Reductions: (production, lookahead set).");
    let _ = write!(
        out,
        "pub(super) static REDUCTIONS: [(u16, u16); {reds}] = ["
    );
    for (i, (&prod, &la)) in p.red_prod.iter().zip(&p.red_la).enumerate() {
        if i % 8 == 0 {
            out.push_str("\n   ");
        }
        let _ = write!(
            out,
            " ({}, {}),",
            u16_of(prod, "production"),
            u16_of(la, "lookahead set")
        );
    }
    let _ = writeln!(out, "\n];");
    let words = |out: &mut String, name: &str, ty: &str, v: &[u32], doc: &str| {
        let _ = writeln!(out, "/// {doc}");
        let _ = write!(out, "pub(super) static {name}: [{ty}; {}] = [", v.len());
        for (i, x) in v.iter().enumerate() {
            if i % 12 == 0 {
                out.push_str("\n   ");
            }
            let _ = write!(out, " {x},");
        }
        let _ = writeln!(out, "\n];");
    };
    words(&mut out, "LA_BITS", "u32", &p.la_bits, "Lookahead sets.");
    for &d in &p.goto_default {
        u16_of(d, "goto default");
    }
    words(
        &mut out,
        "GOTO_DEFAULT",
        "u16",
        &p.goto_default,
        "Default GOTO target per nonterminal.",
    );
    words(
        &mut out,
        "NT_BASE",
        "u32",
        &p.nt_base,
        "Rule name (string index) per nonterminal.",
    );
    words(
        &mut out,
        "NT_PARAMS",
        "u32",
        &p.nt_params,
        "Parameters (string index) per nonterminal.",
    );
    let prods = p.prod_lhs.len();
    let _ = writeln!(out, "/// Per production: `prod(lhs, len, action)`.");
    let _ = write!(
        out,
        "pub(super) static PRODS: [super::ProdInfo; {prods}] = ["
    );
    for i in 0..prods {
        if i % 6 == 0 {
            out.push_str("\n   ");
        }
        let _ = write!(
            out,
            " super::prod({}, {}, {}),",
            u16_of(p.prod_lhs[i], "production lhs"),
            u16_of(p.prod_len[i], "production length"),
            u16_of(p.prod_action[i], "production action"),
        );
    }
    let _ = writeln!(out, "\n];");
    // Per production for the driver's reduce: (lhs, length), the length
    // flagged silent for a unit production without an action label
    // (`REDUCE_SILENT` in src/parser/tables.rs).
    const REDUCE_SILENT: u16 = 1 << 15;
    let _ = writeln!(out, "/// Per production: (lhs, length | silent flag).");
    let _ = write!(
        out,
        "pub(super) static REDUCE_INFO: [(u16, u16); {prods}] = ["
    );
    for i in 0..prods {
        if i % 8 == 0 {
            out.push_str("\n   ");
        }
        let len = u16_of(p.prod_len[i], "production length");
        assert!(len < REDUCE_SILENT, "production length {len} too large");
        let silent = if p.prod_action[i] == 0 && len == 1 {
            REDUCE_SILENT
        } else {
            0
        };
        let _ = write!(
            out,
            " ({}, {}),",
            u16_of(p.prod_lhs[i], "production lhs"),
            len | silent
        );
    }
    let _ = writeln!(out, "\n];");
    // The syntax processor's per-production table (`ef::production_table`):
    // the action label and the right-hand side length (at most 255).
    let _ = writeln!(out, "/// Per production: (action label, length up to 255).");
    let _ = write!(
        out,
        "pub static PRODUCTION_TABLE: [(Action, u8); {prods}] = ["
    );
    for i in 0..prods {
        if i % 4 == 0 {
            out.push_str("\n   ");
        }
        let action = actions
            .get(p.prod_action[i] as usize)
            .map_or("Pass", String::as_str);
        let _ = write!(out, " (Action::{action}, {}),", p.prod_len[i].min(255));
    }
    let _ = writeln!(out, "\n];");
    out
}
