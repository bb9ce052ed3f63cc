//! `jstb`, the command-line toolbox of the engine: inspect each stage of the
//! pipeline (`parse`, later `compile`), run programs (`run`), run test262.
//!
//! Exit codes: 0 success, 1 failure (a SyntaxError, an unreadable file, a
//! test262 baseline regression), 2 usage error, 70 internal error (a panic:
//! always a bug, reported cleanly instead of with a backtrace).
//!
//! The binary has its own C `main` (`#![no_main]`): Rust's runtime set-up
//! probes the main thread's stack guard with `pthread_getattr_np`, which
//! parses `/proc/self/maps`, and that was about 5% of a hello world's
//! instructions (docs/performance.md, "Startup, session 11"). Everything
//! the set-up did that `jstb` relies on is done in [`main`].
#![cfg_attr(not(test), no_main)]

mod compile_cmd;
mod diag;
mod host;
mod parse_cmd;
mod run_cmd;
mod run_module;
mod test262;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Counts the process's memory for `--max-heap` (`gc::accounting`).
#[global_allocator]
static ALLOCATOR: jsruntime::gc::accounting::CountingAllocator =
    jsruntime::gc::accounting::CountingAllocator;

/// Exit code for internal errors (BSD `EX_SOFTWARE`).
const EXIT_INTERNAL: i32 = 70;

/// Stack size of the threads that parse (and later run) JavaScript: any
/// recursion left in the front end (the processor, dropping deep trees)
/// must not overflow the default 8 MB main-thread stack.
pub const BIG_STACK: usize = 256 << 20;

/// Examples shown by `jstb --help`.
const EXAMPLES: &str = "\
Run JavaScript as node does:
  jstb app.js one two        run a script; process.argv holds one, two
  jstb -e 'console.log(1+1)' evaluate code
  jstb -p '[1, 2].map(x => x * 2)'
                             evaluate code and print the result
  echo 'console.log(42)' | jstb
                             run the program on standard input (also: jstb -)
  jstb                       start the REPL (on a terminal; jstb -i forces it)

Exit codes: 0 success, 1 uncaught error or unhandled rejection (or a
syntax error), 2 usage error; process.exitCode and process.exit(n) are
respected.";

#[derive(Parser)]
#[command(
    name = "jstb",
    version,
    about = "The jsruntime toolbox",
    override_usage = "jstb [FILE [ARGS...] | -e CODE | -p CODE | -]\n       jstb <COMMAND>",
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a JavaScript file and print a view of the result.
    Parse(parse_cmd::ParseArgs),
    /// Run a script.
    Run(run_cmd::RunArgs),
    /// Print a script's compile commands and/or Cranelift IR.
    Compile(compile_cmd::CompileArgs),
    /// Run the test262 conformance suite (or part of it).
    Test262(test262::Test262Args),
    /// Internal: a test262 worker process, fed jobs on stdin (JSON lines).
    #[command(name = "test262-worker", hide = true)]
    Test262Worker {
        /// The test262 checkout (for harness files).
        #[arg(long)]
        test262_dir: PathBuf,
    },
}

/// The process entry point, called by the C runtime. Rust's own set-up
/// (skipped, see the crate docs) would have ignored SIGPIPE, so that a
/// write to a closed pipe is an error and not a silent death, and flushed
/// standard output on the way out: both are done here, the flush by
/// `process::exit`. Arguments come from `std::env::args_os`, which glibc
/// feeds to every program.
#[cfg(not(test))]
#[no_mangle]
pub extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler
    // code; no other thread exists yet.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    // A panic must not unwind into the C runtime (that aborts); the hook
    // installed by the subcommands exits with EXIT_INTERNAL before this.
    let code = std::panic::catch_unwind(jstb_main).unwrap_or(ExitCode::from(EXIT_INTERNAL as u8));
    std::process::exit(exit_status(code))
}

/// The number behind an `ExitCode` (std keeps it private): one of the 256
/// values `ExitCode::from(u8)` makes.
#[cfg_attr(test, allow(dead_code))]
fn exit_status(code: ExitCode) -> i32 {
    (0..=u8::MAX)
        .find(|&n| ExitCode::from(n) == code)
        .map_or(1, i32::from)
}

#[cfg_attr(test, allow(dead_code))]
fn jstb_main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(code) = host::cli::main(&argv) {
        return code;
    }
    let cli = Cli::parse();
    match cli.command {
        Command::Test262Worker { test262_dir } => test262::worker::main(&test262_dir),
        command => {
            install_panic_hook();
            let result = match command {
                Command::Parse(args) => parse_cmd::run(&args),
                Command::Run(args) => run_cmd::run(&args),
                Command::Compile(args) => compile_cmd::run(&args),
                Command::Test262(args) => test262::run(&args),
                Command::Test262Worker { .. } => unreachable_worker(),
            };
            match result {
                Ok(code) => code,
                Err(err) => {
                    eprintln!("jstb: error: {err:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The worker is dispatched before this match; keeps the match total without
/// a panic.
fn unreachable_worker() -> anyhow::Result<ExitCode> {
    anyhow::bail!("internal: worker dispatched twice")
}

/// A panic anywhere is a bug; still, the user gets one clean line and exit
/// code 70, not a backtrace and an abort.
pub(crate) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("jstb: internal error: {info}");
        eprintln!("jstb: this is a bug in jstb or the engine; please report it");
        std::process::exit(EXIT_INTERNAL);
    }));
}
