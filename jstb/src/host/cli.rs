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
    let all: Vec<String> = argv
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let (options, args) = match leading_options(&all) {
        Ok(split) => split,
        Err(message) => {
            eprintln!("jstb: {message}");
            return Some(ExitCode::from(EXIT_USAGE));
        }
    };
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
    Some(run(program, print, rest, options))
}

/// The options accepted before the script (as `jstb run` takes them):
/// `--timeout SECONDS`, `--max-heap SIZE`, `--stack-size SIZE`,
/// `--gc-stress N`, each also as `--NAME=VALUE`.
#[derive(Default)]
struct Options {
    limits: run_cmd::Limits,
    gc_stress: Option<u32>,
}

/// Splits the leading limit options off `args` (node's `node --stack-size=N
/// FILE`); the rest is read as without them. The REPL ignores them.
fn leading_options(args: &[String]) -> Result<(Options, Vec<String>), String> {
    let mut options = Options::default();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        if !matches!(
            name,
            "--timeout" | "--max-heap" | "--stack-size" | "--gc-stress"
        ) {
            break;
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                args.get(i)
                    .cloned()
                    .ok_or_else(|| format!("{name} requires a value"))?
            }
        };
        match name {
            "--timeout" => {
                let seconds: f64 = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("--timeout: not a number of seconds: {value:?}"))?;
                options.limits.timeout = Some(seconds);
            }
            "--max-heap" => {
                options.limits.max_heap =
                    Some(run_cmd::parse_max_heap(&value).map_err(|e| format!("--max-heap: {e}"))?);
            }
            "--stack-size" => {
                options.limits.stack_size = Some(
                    run_cmd::parse_stack_size(&value).map_err(|e| format!("--stack-size: {e}"))?,
                );
            }
            _ => {
                let n: u32 = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("--gc-stress: not a count: {value:?}"))?;
                options.gc_stress = Some(n);
            }
        }
        i += 1;
    }
    let rest = args[i..].to_vec();
    if i > 0
        && rest
            .first()
            .is_some_and(|a| SUBCOMMANDS.contains(&a.as_str()))
    {
        return Err("options go after the subcommand (jstb run --timeout 1 FILE)".to_owned());
    }
    Ok((options, rest))
}

fn run(program: Program, print: bool, args: Vec<String>, options: Options) -> ExitCode {
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
        run_cmd::run_loaded_with(
            loaded,
            invocation,
            false,
            options.gc_stress,
            &options.limits,
        )
    });
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("jstb: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
