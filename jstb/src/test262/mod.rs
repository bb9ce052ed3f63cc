//! `jstb test262`: run (part of) the test262 suite, parse-only or executing,
//! in isolated worker processes, and report per directory, as JSON, and
//! against a baseline. See docs/conformance.md.

pub mod agent;
pub mod cases;
pub mod engine;
pub mod judge;
pub mod meta;
pub mod pool;
pub mod report;
pub mod worker;

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use clap::Args;

use cases::{FeatureSet, Mode};
use judge::Status;
use meta::Metadata;
use report::TestResult;

/// Prints a line on stdout; a closed stdout (`| head`) is not an error.
macro_rules! say {
    () => {
        say!("")
    };
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Features whose syntax is beyond ES2025: skipped in every mode.
const UNSUPPORTED_PARSE: &str =
    include_str!("../../../tests/test262/unsupported-features-parse.txt");
/// Features the engine cannot run: also skipped in execution mode.
const UNSUPPORTED_EXEC: &str = include_str!("../../../tests/test262/unsupported-features.txt");

/// The directories run when no PATHS are given (test/intl402 needs ECMA-402;
/// test/staging holds unfinished tests).
const DEFAULT_PATHS: &[&str] = &["test/language", "test/built-ins", "test/annexB"];

#[derive(Args, Debug)]
pub struct Test262Args {
    /// Test files or directories, relative to the test262 directory
    /// [default: test/language test/built-ins test/annexB].
    pub paths: Vec<String>,
    /// The test262 checkout (unpack it with shared/test262/unpack.sh).
    #[arg(long, default_value = "target/test262")]
    pub test262_dir: PathBuf,
    /// Only parse each test file (no harness, no execution).
    #[arg(long)]
    pub parse_only: bool,
    /// Number of worker processes [default: number of cores].
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    /// Write every result to this file as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Compare with this list of passing test ids; exit 1 if any now fails.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the ids of the passing tests to this file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Table rows: directories N levels deep, a PATHS argument being level 1.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub depth: usize,
    /// Seconds one test may take before its worker is killed.
    #[arg(long, default_value_t = 10.0, value_name = "SECS", value_parser = parse_timeout)]
    pub timeout: f64,
    /// How many failures to list.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub failures: usize,
    /// Read the unsupported features from these files instead of the
    /// built-in tests/test262/unsupported-features*.txt.
    #[arg(long, value_name = "FILE")]
    pub unsupported_features: Vec<PathBuf>,
}

fn parse_timeout(text: &str) -> Result<f64, String> {
    let secs: f64 = text.parse().map_err(|e| format!("{e}"))?;
    if secs.is_finite() && secs > 0.0 && secs <= 86_400.0 {
        Ok(secs)
    } else {
        Err("must be a number of seconds between 0 and 86400".into())
    }
}

/// One test file and its metadata (or why it has none).
struct TestFile {
    rel: String,
    abs: PathBuf,
    meta: Result<Metadata, String>,
}

/// One run of a test file.
struct Case {
    file: usize,
    mode: Mode,
}

pub fn run(args: &Test262Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let dir = &args.test262_dir;
    if !dir.join("test").is_dir() || !dir.join("harness").is_dir() {
        bail!(
            "{}: not a test262 checkout (no test/ and harness/); unpack it first, e.g. \
             `../shared/test262/unpack.sh target/test262`, or pass --test262-dir",
            dir.display()
        );
    }
    let dir = dir
        .canonicalize()
        .with_context(|| format!("resolving {}", dir.display()))?;
    let paths: Vec<String> = if args.paths.is_empty() {
        DEFAULT_PATHS.iter().map(|p| p.to_string()).collect()
    } else {
        args.paths.clone()
    };
    let unsupported = unsupported_features(args)?;

    let files = cases::collect(&dir, &paths)?;
    if files.is_empty() {
        bail!("no tests under {}", paths.join(" "));
    }
    let workers = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |n| n as usize,
    );
    let files = read_metadata(&dir, files, workers);

    // Expand files into runs; skips and broken front matter are judged here.
    let mut cases = Vec::new();
    let mut results: Vec<Option<TestResult>> = Vec::new();
    let mut jobs = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let meta = match &file.meta {
            Ok(meta) => meta,
            Err(message) => {
                results.push(Some(result(
                    file,
                    Mode::Sloppy,
                    Status::Fail,
                    message.clone(),
                    0,
                )));
                cases.push(Case {
                    file: index,
                    mode: Mode::Sloppy,
                });
                continue;
            }
        };
        let skip = cases::skip_reason(meta, &unsupported, args.parse_only);
        for &mode in cases::modes(&meta.flags) {
            match &skip {
                Some(reason) => {
                    results.push(Some(result(file, mode, Status::Skip, reason.clone(), 0)))
                }
                None => {
                    jobs.push(worker::Job {
                        id: cases.len() as u64,
                        path: file.abs.clone(),
                        mode,
                        parse_only: args.parse_only,
                        raw: meta.flags.raw,
                        is_async: meta.flags.is_async,
                        includes: meta.includes.clone(),
                    });
                    results.push(None);
                }
            }
            cases.push(Case { file: index, mode });
        }
    }

    let total = cases.len() as u64;
    let mut progress = Progress::new(total, jobs.len() as u64);
    for r in results.iter().flatten() {
        progress.record(r.outcome);
    }
    let config = pool::PoolConfig {
        exe: std::env::current_exe().context("locating the jstb executable")?,
        args: vec![
            "test262-worker".into(),
            "--test262-dir".into(),
            dir.clone().into_os_string(),
        ],
        workers,
        timeout: Duration::from_secs_f64(args.timeout),
    };
    pool::run(&config, jobs, |response| {
        let index = response.id as usize;
        let Some(case) = cases.get(index) else { return };
        let file = &files[case.file];
        let Ok(meta) = &file.meta else { return };
        let (status, message) = judge::judge(meta, &response.observation);
        progress.record(status);
        if let Some(slot) = results.get_mut(index) {
            *slot = Some(result(file, case.mode, status, message, response.micros));
        }
    });
    progress.finish();

    // Every run has a result; one without is a bug in the pool, and fails.
    let mut results: Vec<TestResult> = results
        .into_iter()
        .zip(&cases)
        .map(|(r, case)| {
            r.unwrap_or_else(|| {
                result(
                    &files[case.file],
                    case.mode,
                    Status::Fail,
                    "no result".into(),
                    0,
                )
            })
        })
        .collect();
    results.sort_by(|a, b| a.id.cmp(&b.id));
    let elapsed = started.elapsed();
    print_report(args, &paths, &results, elapsed, &dir)
}

fn result(
    file: &TestFile,
    mode: Mode,
    outcome: Status,
    message: String,
    micros: u64,
) -> TestResult {
    TestResult {
        id: cases::test_id(&file.rel, mode),
        path: file.rel.clone(),
        mode,
        outcome,
        // One line per result in every report.
        message: message.replace(['\n', '\r'], " "),
        micros,
    }
}

fn unsupported_features(args: &Test262Args) -> anyhow::Result<FeatureSet> {
    let mut set = FeatureSet::default();
    if args.unsupported_features.is_empty() {
        set.add(UNSUPPORTED_PARSE);
        if !args.parse_only {
            set.add(UNSUPPORTED_EXEC);
        }
    } else {
        for path in &args.unsupported_features {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            set.add(&text);
        }
    }
    Ok(set)
}

/// Reads every file's front matter, on `threads` threads.
fn read_metadata(dir: &Path, files: Vec<PathBuf>, threads: usize) -> Vec<TestFile> {
    let next = AtomicUsize::new(0);
    let files = &files;
    let mut out: Vec<Option<TestFile>> =
        std::iter::repeat_with(|| None).take(files.len()).collect();
    let parts: Vec<Vec<(usize, TestFile)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(abs) = files.get(i) else { break };
                        let meta = crate::diag::read_source(abs)
                            .map_err(|e| format!("{}: {e}", abs.display()))
                            .and_then(|source| meta::parse(&source));
                        done.push((
                            i,
                            TestFile {
                                rel: cases::rel_path(dir, abs),
                                abs: abs.clone(),
                                meta,
                            },
                        ));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for (i, file) in parts.into_iter().flatten() {
        out[i] = Some(file);
    }
    // A slot left empty (a reader thread died) still yields a failing file.
    out.into_iter()
        .zip(files)
        .map(|(file, abs)| {
            file.unwrap_or_else(|| TestFile {
                rel: cases::rel_path(dir, abs),
                abs: abs.clone(),
                meta: Err("could not read the front matter".into()),
            })
        })
        .collect()
}

/// Progress on stderr: a bar on a terminal, a line every few seconds
/// otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: u64,
    counts: report::Counts,
    last_line: Instant,
}

impl Progress {
    fn new(total: u64, to_run: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} {msg} (eta {eta})",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        if bar.is_none() {
            eprintln!("test262: {total} runs ({to_run} to run)");
        }
        Progress {
            bar,
            total,
            counts: report::Counts::default(),
            last_line: Instant::now(),
        }
    }

    fn record(&mut self, status: Status) {
        self.counts.add(status);
        let c = self.counts;
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                if c.total() & 63 == 0 || c.total() == self.total {
                    bar.set_message(format!("pass {} fail {} skip {}", c.pass, c.fail, c.skip));
                }
            }
            None => {
                if self.last_line.elapsed() >= Duration::from_secs(10) {
                    self.last_line = Instant::now();
                    eprintln!(
                        "test262: {}/{} done, pass {} fail {} skip {}",
                        c.total(),
                        self.total,
                        c.pass,
                        c.fail,
                        c.skip
                    );
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn print_report(
    args: &Test262Args,
    paths: &[String],
    results: &[TestResult],
    elapsed: Duration,
    dir: &Path,
) -> anyhow::Result<ExitCode> {
    let failures: Vec<&TestResult> = results
        .iter()
        .filter(|r| r.outcome == Status::Fail)
        .collect();
    if !failures.is_empty() && args.failures > 0 {
        say!(
            "Failures (first {} of {}):",
            args.failures.min(failures.len()),
            failures.len()
        );
        for r in failures.iter().take(args.failures) {
            say!("  FAIL {}: {}", r.id, r.message);
        }
        say!();
    }
    say!(
        "test262 {} (depth {}):",
        if args.parse_only {
            "parse-only"
        } else {
            "execution"
        },
        args.depth
    );
    say!("{}", report::table(results, paths, args.depth).trim_end());
    let t = report::totals(results);
    say!(
        "totals: pass {}, fail {}, skip {}; {}% of the runs that were not skipped pass; {:.1} s",
        t.pass,
        t.fail,
        t.skip,
        t.percent(),
        elapsed.as_secs_f64()
    );

    if let Some(path) = &args.json {
        report::write_json(path, dir, args.parse_only, results)?;
        say!("wrote {}", path.display());
    }
    if let Some(path) = &args.write_baseline {
        let header = format!(
            "Passing test262 runs ({}), one id a line: `PATH [sloppy|strict|module]`.\n\
             Written by `jstb test262 {}--write-baseline`; regenerate, do not edit by hand.",
            if args.parse_only {
                "parse-only"
            } else {
                "execution"
            },
            if args.parse_only { "--parse-only " } else { "" },
        );
        std::fs::write(path, report::baseline_text(results, &header))
            .with_context(|| format!("writing {}", path.display()))?;
        say!("wrote {} ({} passing)", path.display(), t.pass);
    }
    let mut code = ExitCode::SUCCESS;
    if let Some(path) = &args.baseline {
        let baseline = report::read_baseline(path)?;
        let diff = report::compare(&baseline, results, paths);
        let show = |title: &str, ids: &[String]| {
            if ids.is_empty() {
                return;
            }
            say!("{title} ({}):", ids.len());
            for id in ids.iter().take(100) {
                say!("  {id}");
            }
            if ids.len() > 100 {
                say!("  ... and {} more", ids.len() - 100);
            }
        };
        show("Newly passing (not in the baseline)", &diff.newly_passing);
        show("Now skipped (in the baseline)", &diff.now_skipped);
        show("Missing (in the baseline, not run)", &diff.missing);
        show(
            "REGRESSIONS: in the baseline, now failing",
            &diff.now_failing,
        );
        if diff.regressed() {
            let id_of = |id: &String| results.iter().find(|r| &r.id == id);
            for id in diff.now_failing.iter().take(20) {
                if let Some(r) = id_of(id) {
                    say!("  FAIL {}: {}", r.id, r.message);
                }
            }
            say!(
                "baseline {}: {} regressions",
                path.display(),
                diff.now_failing.len()
            );
            code = ExitCode::FAILURE;
        } else {
            say!(
                "baseline {}: no regressions ({} newly passing{})",
                path.display(),
                diff.newly_passing.len(),
                if diff.newly_passing.is_empty() {
                    ""
                } else {
                    "; update it with --write-baseline"
                }
            );
        }
    }
    Ok(code)
}
