//! The worker side of `jstb test262`: a process (`jstb test262-worker`) that
//! reads jobs from stdin, one JSON object a line, and answers each with one
//! line on stdout: `@@t262 ` and a JSON [`Response`]. Other output on
//! stdout (an engine printing by mistake) is not mistaken for an answer.
//!
//! A panic while running a test is answered as a crash, after which the
//! worker exits (its state may be broken) and the pool starts a new one.
//! Stack overflows, signals and hangs kill the process; the pool notices.

use std::io::{BufRead, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use jsparser::lexer::LineIndex;
use jsparser::ParseOptions;
use serde::{Deserialize, Serialize};

use super::cases::Mode;
use super::engine::{self, Engine, Harness, Program};
use super::judge::{Observation, SyntaxErrorInfo};

/// The prefix of answer lines.
pub const ANSWER_PREFIX: &str = "@@t262 ";

/// One run of one test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: u64,
    /// Absolute path of the test file.
    pub path: PathBuf,
    pub mode: Mode,
    pub parse_only: bool,
    /// Execution only: the harness prelude.
    pub raw: bool,
    pub is_async: bool,
    pub includes: Vec<String>,
}

/// The answer to a [`Job`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub id: u64,
    pub observation: Observation,
    /// Wall time of the run in the worker.
    pub micros: u64,
    /// The worker exits after this answer (an agent thread of the test
    /// could not be stopped: `agent::TAINTED`); the pool starts a new one.
    #[serde(default)]
    pub retiring: bool,
}

/// The last panic message of this process (the hook stores it, the job
/// loop reports it).
static PANIC_MESSAGE: Mutex<Option<String>> = Mutex::new(None);

/// Entry point of `jstb test262-worker`.
pub fn main(test262_dir: &Path) -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let message = match info.location() {
            Some(at) => format!("{payload} (at {at})"),
            None => payload,
        };
        if let Ok(mut slot) = PANIC_MESSAGE.lock() {
            *slot = Some(message);
        }
    }));
    let dir = test262_dir.to_path_buf();
    let thread = std::thread::Builder::new()
        .name("test262-worker".into())
        .stack_size(crate::BIG_STACK)
        .spawn(move || serve(&dir));
    match thread {
        Ok(handle) => handle.join().unwrap_or(ExitCode::from(70)),
        Err(err) => {
            eprintln!("jstb test262-worker: cannot start the worker thread: {err}");
            ExitCode::from(70)
        }
    }
}

fn serve(test262_dir: &Path) -> ExitCode {
    let engine = engine::default_engine();
    let mut harness = Harness::new(test262_dir);
    let fault = Fault::from_env();
    let stdin = std::io::stdin().lock();
    for line in stdin.lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let job: Job = match serde_json::from_str(&line) {
            Ok(job) => job,
            Err(err) => {
                eprintln!("jstb test262-worker: bad job: {err}");
                return ExitCode::from(2);
            }
        };
        let start = Instant::now();
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
            fault.inject(&job.path);
            run_job(&job, &mut harness, engine.as_ref())
        }));
        let panicked = result.is_err();
        let observation = result.unwrap_or_else(|_| {
            let message = PANIC_MESSAGE
                .lock()
                .ok()
                .and_then(|mut m| m.take())
                .unwrap_or_else(|| "unknown".into());
            Observation::Crashed {
                message: format!("panic: {message}"),
            }
        });
        let retiring = super::agent::TAINTED.load(std::sync::atomic::Ordering::Relaxed);
        let response = Response {
            id: job.id,
            observation,
            micros: start.elapsed().as_micros().try_into().unwrap_or(u64::MAX),
            retiring,
        };
        if answer(&response).is_err() {
            return ExitCode::FAILURE;
        }
        if panicked {
            return ExitCode::from(70);
        }
        if retiring {
            // A stuck agent thread does not keep the process alive: returning
            // from `main` ends every thread.
            return ExitCode::SUCCESS;
        }
    }
    ExitCode::SUCCESS
}

fn answer(response: &Response) -> std::io::Result<()> {
    let text = serde_json::to_string(response).map_err(std::io::Error::other)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{ANSWER_PREFIX}{text}")?;
    out.flush()
}

/// Runs one job and says what happened.
pub fn run_job(job: &Job, harness: &mut Harness, engine: &dyn Engine) -> Observation {
    let source = match crate::diag::read_source(&job.path) {
        Ok(source) => source,
        Err(err) => {
            return Observation::SetupError {
                message: format!("{}: {err}", job.path.display()),
            }
        }
    };
    let (kind, strict) = engine::mode_kind(job.mode);
    if job.parse_only {
        // Strict mode through the option, not a prepended directive, so
        // positions are those of the file.
        let options = ParseOptions { kind, strict };
        let error = jsparser::parse(&source, options).err().map(|err| {
            let (line, col) = LineIndex::new(&source).line_col(err.span.start);
            SyntaxErrorInfo {
                message: err.message,
                line,
                col,
            }
        });
        return Observation::Parsed { error };
    }
    let prelude = match harness.prelude(job.raw, job.is_async, &job.includes) {
        Ok(prelude) => prelude,
        Err(message) => return Observation::SetupError { message },
    };
    let source = engine::test_source(&source, job.mode);
    let output = engine.run(&Program {
        path: &job.path,
        prelude: &prelude,
        source: &source,
        kind,
        strict,
    });
    Observation::Ran { output }
}

/// Fault injection for testing the pool's isolation: the environment
/// variable `JSTB_TEST262_FAULT=KIND:TEXT` makes the worker misbehave on
/// tests whose path contains TEXT; KIND is `panic`, `abort`, `hang`,
/// `overflow` or `exit`.
struct Fault {
    kind: String,
    needle: String,
}

impl Fault {
    fn from_env() -> Option<Fault> {
        let spec = std::env::var("JSTB_TEST262_FAULT").ok()?;
        let (kind, needle) = spec.split_once(':')?;
        Some(Fault {
            kind: kind.to_string(),
            needle: needle.to_string(),
        })
    }
}

trait Inject {
    fn inject(&self, path: &Path);
}

impl Inject for Option<Fault> {
    fn inject(&self, path: &Path) {
        let Some(fault) = self else { return };
        if fault.needle.is_empty() || !path.to_string_lossy().contains(&fault.needle) {
            return;
        }
        match fault.kind.as_str() {
            "panic" => panic!("injected fault"),
            "abort" => std::process::abort(),
            "exit" => std::process::exit(3),
            "hang" => loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            },
            "overflow" => {
                std::hint::black_box(recurse(0));
            }
            _ => {}
        }
    }
}

/// Unbounded recursion (for the `overflow` fault).
fn recurse(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 32]);
    if std::hint::black_box(true) {
        recurse(depth + 1).wrapping_add(frame[0])
    } else {
        frame[1]
    }
}
