//! The lalrgen command line: statistics, conflict reports and table files.
//!
//! `cargo run -p lalrgen --release -- GRAMMAR [--tokens TOKEN_RS] [--report FILE]
//! [--conflicts FILE] [--out DIR]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut grammar: Option<PathBuf> = None;
    let mut tokens: Option<PathBuf> = None;
    let mut report: Option<PathBuf> = None;
    let mut conflicts_md: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut i = 0;
    while i < args.len() {
        let take = |i: &mut usize| -> Option<PathBuf> {
            *i += 1;
            args.get(*i).map(PathBuf::from)
        };
        match args[i].as_str() {
            "--tokens" => tokens = take(&mut i),
            "--report" => report = take(&mut i),
            "--conflicts" => conflicts_md = take(&mut i),
            "--out" => out = take(&mut i),
            "-h" | "--help" => {
                println!("usage: lalrgen GRAMMAR [--tokens TOKEN_RS] [--report FILE] [--conflicts FILE.md] [--out DIR]");
                return ExitCode::SUCCESS;
            }
            a if grammar.is_none() && !a.starts_with("--") => grammar = Some(PathBuf::from(a)),
            a => {
                eprintln!("lalrgen: unexpected argument `{a}`");
                return ExitCode::from(2);
            }
        }
        i += 1;
    }
    let Some(grammar) = grammar else {
        eprintln!("usage: lalrgen GRAMMAR [--tokens TOKEN_RS] [--report FILE] [--conflicts FILE.md] [--out DIR]");
        return ExitCode::from(2);
    };
    let tokens = tokens.unwrap_or_else(|| {
        grammar
            .parent()
            .unwrap_or(Path::new("."))
            .join("../src/lexer/token.rs")
    });
    let read = |p: &Path| match std::fs::read_to_string(p) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("lalrgen: {}: {e}", p.display());
            None
        }
    };
    let (Some(text), Some(tok)) = (read(&grammar), read(&tokens)) else {
        return ExitCode::from(2);
    };
    let terminals = lalrgen::terminals_from_token_rs(&tok);
    let config = lalrgen::Config::ecmascript(terminals);
    let t0 = std::time::Instant::now();
    let output = match lalrgen::generate(&text, &config) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}:{e}", grammar.display());
            return ExitCode::from(1);
        }
    };
    println!("{}", output.summary());
    println!("generated in {:.2?}", t0.elapsed());
    let command = format!(
        "cargo run -p lalrgen --release -- {} --conflicts {}",
        grammar.display(),
        conflicts_md
            .as_deref()
            .unwrap_or(Path::new("CONFLICTS.md"))
            .display()
    );
    for w in &output.warnings {
        eprintln!("warning: {w}");
    }
    for c in &output.conflicts {
        eprintln!("{c}");
    }
    if let Some(p) = &conflicts_md {
        if let Err(e) = std::fs::write(
            p,
            output.conflict_report(&grammar.display().to_string(), &command),
        ) {
            eprintln!("lalrgen: {}: {e}", p.display());
        }
    }
    if let Some(p) = &report {
        let mut r = output.conflict_report(&grammar.display().to_string(), &command);
        r.push_str("\n# States\n\n```\n");
        r.push_str(&output.state_report());
        r.push_str("```\n");
        if let Err(e) = std::fs::write(p, r) {
            eprintln!("lalrgen: {}: {e}", p.display());
        }
    }
    if let Some(dir) = &out {
        let cmd = format!(
            "cargo run -p lalrgen --release -- {} --out {}",
            grammar.display(),
            dir.display()
        );
        let ok = std::fs::create_dir_all(dir).is_ok()
            && std::fs::write(dir.join("parser_tables.bin"), &output.blob).is_ok()
            && std::fs::write(
                dir.join("parser_tables.rs"),
                output.rust_source("\"parser_tables.bin\"", &cmd),
            )
            .is_ok();
        if !ok {
            eprintln!("lalrgen: cannot write to {}", dir.display());
            return ExitCode::from(2);
        }
    }
    if output.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
