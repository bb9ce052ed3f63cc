//! `lalrgen` turns a grammar written in ECMA-262 notation into LALR(1) tables.
//!
//! It runs at build time from `jsparser/build.rs` (and as a CLI for reports:
//! `cargo run -p lalrgen --release -- jsparser/grammar/es2025.grammar
//! [--report FILE] [--out DIR]`).
//!
//! # Pipeline
//!
//! 1. [`grammar`] reads the text format: `%start` lines, rule headers
//!    `Name[Params] :`, indented alternatives with quoted terminals, terminal
//!    names, `Nonterminal[+P, ~Q, ?R]`, `Sym?`, `[+P]`/`[~P]` guards,
//!    `[empty]`, `[lookahead != 'x']`, `[lookahead not in { 'a', 'b' 'c' }]`,
//!    `[no LineTerminator here]`, `[no ASI]` and `=> Action` labels. Errors
//!    carry line numbers.
//! 2. [`expand`] instantiates parameterised rules for the parameter values
//!    reachable from the start symbols only, expands `?` and drops guarded
//!    alternatives (ECMA-262 5.1.5).
//! 3. [`lookahead`] implements lookahead restrictions exactly, by intersecting
//!    the grammar with a small automaton over the first tokens: a nonterminal
//!    that a restriction reaches is split into variants by *signature* (the
//!    automaton's outcome from each state the nonterminal is read from), so
//!    `let [` at the start of an ExpressionStatement excludes exactly the
//!    derivations that begin with those two tokens, and a nonterminal is split
//!    only as far as the restrictions that reach it need. A restriction left
//!    over at the end of a production filters the lookahead of its reduction
//!    (the dangling `else`).
//! 4. [`lr`] builds the LR(0) automaton and computes LALR(1) lookaheads with
//!    DeRemer and Pennello's relations (reads, includes, lookback) and their
//!    SCC-based DIGRAPH, then fills ACTION and reports every shift/reduce and
//!    reduce/reduce conflict. There are no precedence declarations and no
//!    default resolutions: a conflict is an error, reported with the state's
//!    items, the productions involved, the lookahead and a sample input that
//!    reaches the state. `[no LineTerminator here]` / `[no ASI]` become flags on
//!    shift entries (through the closure, so an annotation in front of a
//!    nonterminal flags the shifts of its first tokens); a terminal shifted
//!    both with and without a flag in one state is reported too.
//! 5. [`units`] (when [`Config::unit_elimination`] is set) removes the
//!    reductions by unit productions without an action label: transitions
//!    go to merged states that act as the end of each chain of unit
//!    reductions would.
//! 6. [`tables`] packs the shifts and GOTO by row displacement, the
//!    reductions as per-state lists of (production, lookahead bit set), adds
//!    per-state information (a default reduction for states whose only action
//!    is one reduction, so the driver reduces without reading a token; the
//!    lexical goal bits: "this state accepts a RegularExpressionLiteral"; the
//!    do-while ASI flag) and serialises everything into one little-endian blob
//!    (each array in the narrowest of 8, 16 or 32 bits) that the generated
//!    Rust file `include_bytes!`s.

pub mod expand;
pub mod grammar;
pub mod lookahead;
pub mod lr;
pub mod tables;
pub mod units;

use std::fmt::Write as _;

/// What the generator needs to know about the parser's terminals.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Grammar names of the terminals; terminal `i` is the column `i` of
    /// ACTION (the parser passes its token kinds in declaration order).
    pub terminals: Vec<String>,
    /// The end-of-input terminal.
    pub eof: String,
    /// Lexical goal classes: (terminals of the default goal, terminals of the
    /// alternative goal). Bit `i` of a state's info word says the state has an
    /// action on an alternative terminal of class `i`; a state with actions on
    /// both sides is a conflict (the lexer could not be told what to produce).
    pub goal_classes: Vec<(Vec<String>, Vec<String>)>,
    /// `['do', ')', ';']`: flags states that shift the `;` ending a do-while
    /// statement after `)` (12.10, first rule, third condition).
    pub do_while: Option<[String; 3]>,
    /// `Some(k)`: eliminate reductions by unit productions without an action
    /// label ([`units`]), walking only through states entered by at least `k`
    /// transitions (which bounds the number of merged states); the driver
    /// does not report the unit reductions that remain either.
    pub unit_elimination: Option<u32>,
}

/// A grammar that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    Grammar { line: usize, message: String },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Grammar { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Sizes of the result.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub rules: usize,
    pub nonterminals_expanded: usize,
    pub nonterminals: usize,
    pub productions: usize,
    /// Driver states (after unit elimination, when enabled).
    pub states: usize,
    /// LALR(1) states before unit elimination.
    pub lalr_states: usize,
    /// States made by unit elimination (included in `states`).
    pub merged_states: usize,
    pub table_bytes: usize,
    pub actions: usize,
}

/// The generator's result. Tables are produced even when there are conflicts
/// (the first action wins) so that callers can decide what to do.
pub struct Output {
    pub stats: Stats,
    pub conflicts: Vec<String>,
    pub warnings: Vec<String>,
    pub lalr: lr::Lalr,
    pub packed: tables::Packed,
    pub blob: Vec<u8>,
}

/// Runs the whole pipeline on grammar text.
pub fn generate(text: &str, config: &Config) -> Result<Output, Error> {
    let raw = grammar::parse(text)?;
    let flat = expand::expand(&raw, &config.terminals)?;
    let nonterminals_expanded = flat.nonterms.len();
    let cfg = lookahead::transform(&flat, &config.terminals);
    let warnings = cfg.warnings.clone();
    let eof = config
        .terminals
        .iter()
        .position(|t| *t == config.eof)
        .ok_or_else(|| Error::Grammar {
            line: 0,
            message: format!("end-of-input terminal `{}` is not a terminal", config.eof),
        })? as u16;
    let mut lalr = lr::build(cfg, &config.terminals, eof);
    let lalr_states = lalr.states.len();
    let merged_states = match config.unit_elimination {
        Some(k) => units::eliminate(&mut lalr, k),
        None => 0,
    };
    let mut conflicts = lalr.conflicts.clone();
    let packed = tables::build(&lalr, config, &mut conflicts);
    let blob = tables::serialize(&packed);
    let stats = Stats {
        rules: raw.rules.len(),
        nonterminals_expanded,
        nonterminals: lalr.cfg.nonterms.len(),
        productions: lalr.cfg.prods.len(),
        states: lalr.states.len(),
        lalr_states,
        merged_states,
        table_bytes: blob.len(),
        actions: lalr.cfg.actions.len(),
    };
    Ok(Output {
        stats,
        conflicts,
        warnings,
        lalr,
        packed,
        blob,
    })
}

impl Output {
    /// One paragraph of statistics.
    pub fn summary(&self) -> String {
        let s = &self.stats;
        format!(
            "{} rules, {} nonterminals after parameter expansion, {} after lookahead restrictions, {} productions, {} LALR(1) states, {} driver states ({} merged by unit elimination), {} action labels, {} table bytes, {} conflicts",
            s.rules,
            s.nonterminals_expanded,
            s.nonterminals,
            s.productions,
            s.lalr_states,
            s.states,
            s.merged_states,
            s.actions,
            s.table_bytes,
            self.conflicts.len()
        )
    }

    /// The conflict report (Markdown), with a regeneration command.
    pub fn conflict_report(&self, grammar_path: &str, command: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# LALR(1) conflicts in `{grammar_path}`\n");
        let _ = writeln!(
            out,
            "Generated by lalrgen; regenerate with:\n\n    {command}\n"
        );
        let _ = writeln!(out, "{}\n", self.summary());
        if self.conflicts.is_empty() {
            let _ = writeln!(out, "No conflicts.");
        }
        for w in &self.warnings {
            let _ = writeln!(out, "warning: {w}\n");
        }
        for (i, c) in self.conflicts.iter().enumerate() {
            let _ = writeln!(out, "## Conflict {}\n\n```\n{}```\n", i + 1, c);
        }
        out
    }

    /// A full listing of the states (for `--report`).
    pub fn state_report(&self) -> String {
        let mut out = String::new();
        for (s, st) in self.lalr.states.iter().enumerate() {
            let _ = writeln!(out, "state {s}");
            for &it in &st.items {
                let _ = writeln!(out, "    {}", self.lalr.item_string(it));
            }
            for &(t, a) in &st.actions {
                let _ = writeln!(
                    out,
                    "  {:>12}  {:?}",
                    self.lalr.terminal_names[t as usize], a
                );
            }
            for &(x, t) in &st.trans {
                if x as usize >= self.lalr.cfg.nterms {
                    let _ = writeln!(out, "  goto {} -> {t}", self.lalr.sym_name(x));
                }
            }
            out.push('\n');
        }
        out
    }

    /// The generated Rust source. `blob_expr` is the argument of
    /// `include_bytes!` that names the blob; `command` regenerates the file.
    pub fn rust_source(&self, blob_expr: &str, command: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// @generated by lalrgen. Do not edit: regenerate with"
        );
        let _ = writeln!(out, "//     {command}\n");
        let _ = writeln!(out, "/// Semantic action labels of the grammar (`=> Name`); `Pass` for alternatives without one.");
        let _ = writeln!(
            out,
            "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n#[repr(u16)]\npub enum Action {{"
        );
        for (i, a) in self.lalr.cfg.actions.iter().enumerate() {
            let _ = writeln!(out, "    {a} = {i},");
        }
        let _ = writeln!(out, "}}\n");
        let _ = writeln!(out, "impl Action {{");
        let _ = writeln!(out, "    /// Every label, by discriminant.");
        let _ = write!(out, "    pub const ALL: &'static [Action] = &[");
        for a in &self.lalr.cfg.actions {
            let _ = write!(out, "Action::{a}, ");
        }
        let _ = writeln!(out, "];\n");
        let _ = writeln!(out, "    /// The label as written in the grammar.");
        let _ = writeln!(
            out,
            "    pub fn name(self) -> &'static str {{\n        match self {{"
        );
        for a in &self.lalr.cfg.actions {
            let _ = writeln!(out, "            Action::{a} => \"{a}\",");
        }
        let _ = writeln!(out, "        }}\n    }}\n}}\n");
        let _ = writeln!(
            out,
            "/// The serialised tables (see `lalrgen::tables::serialize`)."
        );
        let _ = writeln!(
            out,
            "pub static BLOB: &[u8] = include_bytes!({blob_expr});\n"
        );
        let _ = writeln!(out, "/// Start state per start symbol.");
        let _ = write!(out, "pub const START_STATES: &[(&str, u32)] = &[");
        for ((name, _), s) in self.lalr.cfg.starts.iter().zip(&self.lalr.start_states) {
            let _ = write!(out, "({name:?}, {s}), ");
        }
        let _ = writeln!(out, "];");
        let _ = writeln!(out, "pub const STATE_COUNT: usize = {};", self.stats.states);
        let _ = writeln!(
            out,
            "pub const PRODUCTION_COUNT: usize = {};",
            self.stats.productions
        );
        let _ = writeln!(
            out,
            "pub const TERMINAL_COUNT: usize = {};",
            self.lalr.cfg.nterms
        );
        out
    }
}

#[cfg(test)]
mod tests;

impl Config {
    /// The configuration for ECMAScript: `EOF` ends the input, `/` and `/=`
    /// versus RegularExpressionLiteral is lexical goal class 0 (12 ECMAScript
    /// Language: Lexical Grammar, InputElementDiv / InputElementRegExp), and
    /// the do-while rule of 12.10.
    pub fn ecmascript(terminals: Vec<String>) -> Config {
        Config {
            terminals,
            eof: "EOF".into(),
            goal_classes: vec![(
                vec!["'/'".into(), "'/='".into()],
                vec!["RegularExpressionLiteral".into()],
            )],
            do_while: Some(["'do'".into(), "')'".into(), "';'".into()]),
            // 8,110 LALR(1) states become 13,902 (the driver's limit is
            // 16,383; 8 gives 12,110 states but leaves more unit reductions,
            // 1 would give about 86,000).
            unit_elimination: Some(2),
        }
    }
}

/// Extracts the terminal names from the `token_kinds!` list of
/// `jsparser/src/lexer/token.rs` (lines `Name = "grammar name",`), in order.
pub fn terminals_from_token_rs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with("token_kinds! {") {
            inside = true;
            continue;
        }
        if inside {
            if l == "}" {
                break;
            }
            if let Some((name, rest)) = l.split_once(" = \"") {
                if name.chars().all(|c| c.is_ascii_alphanumeric()) {
                    if let Some(text) = rest.strip_suffix("\",") {
                        out.push(text.replace("\\'", "'"));
                    }
                }
            }
        }
    }
    out
}
