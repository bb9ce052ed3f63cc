//! `jstb run` of an ES module: load, link and evaluate the module graph
//! (jsruntime's `backend::module` with the filesystem loader), then run the
//! host's event loop as node does. A rejected evaluation is an uncaught
//! error (exit code 1); a top-level await still pending once nothing is
//! left to run ends with exit code 13.

use std::process::ExitCode;
use std::rc::Rc;

use jsruntime::backend::module::{mark_promise_handled, promise_outcome};
use jsruntime::backend::{Executor, FileLoader, ModuleLoader};
use jsruntime::value::Value;

use crate::run_cmd::{describe_exception, render_uncaught};

/// node's exit code for an unsettled top-level await.
const EXIT_UNSETTLED_TLA: u8 = 13;

/// The filesystem loader, plus the entry module's text as the CLI read it
/// (a file, `-e` code or standard input).
struct EntryLoader {
    key: String,
    source: String,
    files: FileLoader,
}

impl EntryLoader {
    /// The key of the entry: its canonical path for files, else its name.
    fn new(name: &str, source: &str) -> EntryLoader {
        let files = FileLoader;
        let key = files
            .resolve(name, None)
            .unwrap_or_else(|_| name.to_owned());
        EntryLoader {
            key,
            source: source.to_owned(),
            files,
        }
    }
}

impl ModuleLoader for EntryLoader {
    fn resolve(&self, specifier: &str, referrer: Option<&str>) -> Result<String, String> {
        if referrer.is_none() && specifier == self.key {
            return Ok(self.key.clone());
        }
        // `-e` and stdin modules import relative to the working directory.
        let referrer = match referrer {
            Some(r) if r == self.key && !r.starts_with('/') => None,
            r => r,
        };
        self.files.resolve(specifier, referrer)
    }

    fn load(&self, key: &str) -> Result<String, String> {
        if key == self.key {
            return Ok(self.source.clone());
        }
        self.files.load(key)
    }

    fn url(&self, key: &str) -> String {
        self.files.url(key)
    }
}

/// Runs the main module `name` (whose text is `source`); returns the
/// process's exit code.
pub fn run_main_module(exec: &mut Executor, name: &str, source: &str) -> ExitCode {
    let loader = EntryLoader::new(name, source);
    let key = loader.key.clone();
    exec.set_module_loader(Rc::new(loader));
    let promise = match exec.run_module(&key) {
        Ok(p) => p,
        Err(thrown) => {
            report(exec, name, thrown.0, "");
            return ExitCode::FAILURE;
        }
    };
    // The evaluation promise is watched here, not reported as an
    // unhandled rejection.
    mark_promise_handled(promise);
    let main = exec.runtime.persistent(promise);
    exec.runtime.clear_kept_objects();
    let mut reporter = |exec: &mut Executor, thrown: Value, what: &str| {
        report(exec, name, thrown, what);
    };
    if !crate::host::event_loop::run(exec, &mut reporter) {
        return ExitCode::FAILURE;
    }
    match promise_outcome(main.get()) {
        Some(Ok(_)) => {}
        Some(Err(reason)) => {
            report(exec, name, reason, "");
            return ExitCode::FAILURE;
        }
        None => {
            eprintln!("Warning: Detected unsettled top-level await in {name}");
            return ExitCode::from(EXIT_UNSETTLED_TLA);
        }
    }
    match crate::host::process::exit_code(&mut exec.runtime) {
        Some(code) => ExitCode::from(code as u8),
        None => ExitCode::SUCCESS,
    }
}

/// Prints an uncaught exception at its throw site, in whichever module it
/// was thrown.
fn report(exec: &mut Executor, file: &str, thrown: Value, what: &str) {
    let text = format!("{what}{}", describe_exception(exec, thrown));
    let trace = exec.exception_trace(thrown);
    let program = trace
        .as_ref()
        .and_then(|t| t.frames.first())
        .map(|f| f.program);
    let (name, source) = match program {
        Some(p) => (
            exec.source_name(p).unwrap_or(file).to_owned(),
            exec.source_text(p).unwrap_or("").to_owned(),
        ),
        None => (file.to_owned(), String::new()),
    };
    let id = program.unwrap_or(usize::MAX);
    eprintln!(
        "{}",
        render_uncaught(&name, &source, id, &text, trace.as_ref())
    );
}
