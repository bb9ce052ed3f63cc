//! node's command line: `jstb FILE [ARGS...]` (short for `jstb run`),
//! `jstb -e CODE`, `jstb -p CODE`, `jstb -` and a program piped to
//! standard input, the REPL (no arguments on a terminal, or `-i`).
//! Anything else goes to the subcommands (`jstb run`,
//! `jstb parse`, ...).

use std::ffi::OsString;
use std::io::IsTerminal as _;
use std::process::ExitCode;

use super::Invocation;
use crate::{diag, run_cmd};

/// Exit code for usage errors (as node's and clap's).
const EXIT_USAGE: u8 = 2;

/// The subcommands: a first argument naming one is not a script.
const SUBCOMMANDS: &[&str] = &[
    "parse",
    "run",
    "compile",
    "test262",
    "test262-worker",
    "help",
];

/// What a node-style command line asks for.
enum Program {
    File(String),
    Eval(String),
    Stdin,
}

/// Handles `argv` if it is a node-style command line; `None` lets the
/// subcommand parser have it.
pub fn main(argv: &[OsString]) -> Option<ExitCode> {
    let args: Vec<String> = argv
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let (program, print, rest) = match args.first().map(String::as_str) {
        None => {
            if std::io::stdin().is_terminal() {
                crate::install_panic_hook();
                return Some(super::repl::main());
            }
            (Program::Stdin, false, Vec::new())
        }
        Some("-i" | "--interactive") => {
            crate::install_panic_hook();
            return Some(super::repl::main());
        }
        Some(flag @ ("-e" | "--eval" | "-p" | "--print")) => {
            let Some(code) = args.get(1) else {
                eprintln!("jstb: {flag} requires an argument");
                return Some(ExitCode::from(EXIT_USAGE));
            };
            let print = matches!(flag, "-p" | "--print");
            (Program::Eval(code.clone()), print, args[2..].to_vec())
        }
        Some("-") => (Program::Stdin, false, args[1..].to_vec()),
        Some(first) if first.starts_with('-') || SUBCOMMANDS.contains(&first) => return None,
        Some(file) => (Program::File(file.to_string()), false, args[1..].to_vec()),
    };
    crate::install_panic_hook();
    Some(run(program, print, rest))
}

fn run(program: Program, print: bool, args: Vec<String>) -> ExitCode {
    let (name, source, script) = match program {
        Program::File(f) => {
            let read = diag::read_source(std::path::Path::new(&f));
            (f.clone(), read, Some(f))
        }
        Program::Eval(code) => ("[eval]".to_string(), Ok(code), None),
        Program::Stdin => ("[stdin]".to_string(), diag::read_stdin(), None),
    };
    let source = match source {
        Ok(s) => s,
        Err(err) => {
            eprintln!("{name}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let invocation = Invocation {
        script,
        args,
        print_result: print,
    };
    let result = run_cmd::on_big_stack(move || {
        let Some(loaded) = run_cmd::load_source(name, source) else {
            return Ok(ExitCode::FAILURE);
        };
        run_cmd::run_loaded(loaded, invocation, false, None)
    });
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("jstb: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
