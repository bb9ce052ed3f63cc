//! Results of a test262 run: the per-directory table, the JSON report, and
//! baselines (checked-in lists of passing test ids).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;

use super::cases::{parse_id, Mode};
use super::judge::Status;

/// The verdict on one run of one test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TestResult {
    pub id: String,
    /// Relative to the test262 directory, `/`-separated.
    pub path: String,
    pub mode: Mode,
    pub outcome: Status,
    pub message: String,
    /// Time in the worker (0 for skips and crashes).
    pub micros: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub pass: u64,
    pub fail: u64,
    pub skip: u64,
}

impl Counts {
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Skip => self.skip += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.pass + self.fail + self.skip
    }

    /// Passed runs out of runs that were not skipped.
    pub fn percent(&self) -> String {
        let run = self.pass + self.fail;
        if run == 0 {
            "-".into()
        } else {
            format!("{:.2}", self.pass as f64 * 100.0 / run as f64)
        }
    }
}

pub fn totals(results: &[TestResult]) -> Counts {
    let mut counts = Counts::default();
    for r in results {
        counts.add(r.outcome);
    }
    counts
}

/// Normalizes a PATHS argument for matching: `/` separators, no `./`, no
/// trailing `/`.
pub fn normalize_root(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.last().is_some_and(|p| p.ends_with(".js")) {
        // A file: its directory is the root of its rows.
        parts.pop();
    }
    parts.join("/")
}

/// The table row a result belongs to: the directory `depth` levels deep,
/// counting the root (the PATHS argument it came from) as level 1.
pub fn row_key(path: &str, root: &str, depth: usize) -> String {
    let root_len = if root.is_empty() {
        0
    } else {
        root.split('/').count()
    };
    let dirs: Vec<&str> = path.split('/').collect();
    let dirs = &dirs[..dirs.len().saturating_sub(1)];
    let keep = (root_len + depth.saturating_sub(1)).min(dirs.len());
    dirs[..keep].join("/")
}

/// The root among `roots` that `path` is under (the longest).
fn root_of<'r>(path: &str, roots: &'r [String]) -> &'r str {
    roots
        .iter()
        .filter(|r| r.is_empty() || path == r.as_str() || path.starts_with(&format!("{r}/")))
        .max_by_key(|r| r.len())
        .map_or("", String::as_str)
}

/// A Markdown table of pass / fail / skip / percent per directory, each
/// root's total row first, then the rows below it, then the total.
pub fn table(results: &[TestResult], roots: &[String], depth: usize) -> String {
    let roots: Vec<String> = {
        let set: BTreeSet<String> = roots.iter().map(|r| normalize_root(r)).collect();
        set.into_iter().collect()
    };
    let mut per_root: BTreeMap<&str, (Counts, BTreeMap<String, Counts>)> = BTreeMap::new();
    for r in results {
        let root = root_of(&r.path, &roots);
        let entry = per_root.entry(root).or_default();
        entry.0.add(r.outcome);
        entry
            .1
            .entry(row_key(&r.path, root, depth))
            .or_default()
            .add(r.outcome);
    }
    let mut rows: Vec<(String, Counts)> = Vec::new();
    for (root, (total, sub)) in &per_root {
        let name = if root.is_empty() { "." } else { root };
        rows.push((format!("**{name}**"), *total));
        for (key, counts) in sub {
            if key != root {
                rows.push((key.clone(), *counts));
            }
        }
    }
    rows.push(("**total**".into(), totals(results)));
    let width = rows.iter().map(|(n, _)| n.len()).max().unwrap_or(9).max(9);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| {:<width$} | {:>7} | {:>7} | {:>6} | {:>7} |",
        "directory", "pass", "fail", "skip", "pass %"
    );
    let _ = writeln!(
        out,
        "|{}|{}:|{}:|{}:|{}:|",
        "-".repeat(width + 2),
        "-".repeat(8),
        "-".repeat(8),
        "-".repeat(7),
        "-".repeat(8)
    );
    for (name, c) in rows {
        let _ = writeln!(
            out,
            "| {:<width$} | {:>7} | {:>7} | {:>6} | {:>7} |",
            name,
            c.pass,
            c.fail,
            c.skip,
            c.percent()
        );
    }
    out
}

/// Writes every result as one JSON document, one result a line:
/// `{"test262_dir", "mode", "totals", "results": [{"id", "path", "mode",
/// "outcome", "message", "micros"}, ...]}`.
pub fn write_json(
    path: &Path,
    test262_dir: &Path,
    parse_only: bool,
    results: &[TestResult],
) -> anyhow::Result<()> {
    let write = || -> anyhow::Result<()> {
        let file = std::fs::File::create(path)?;
        let mut out = std::io::BufWriter::new(file);
        write!(
            out,
            "{{\"test262_dir\": {},\n\"mode\": {},\n\"totals\": {},\n\"results\": [",
            serde_json::to_string(&test262_dir.display().to_string())?,
            serde_json::to_string(if parse_only { "parse-only" } else { "execute" })?,
            serde_json::to_string(&totals(results))?,
        )?;
        for (i, r) in results.iter().enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut out, r)?;
        }
        out.write_all(b"\n]}\n")?;
        out.flush()?;
        Ok(())
    };
    write().with_context(|| format!("writing {}", path.display()))
}

/// Reads a baseline: test ids, one a line; blank lines and `#` comments are
/// ignored.
pub fn read_baseline(path: &Path) -> anyhow::Result<BTreeSet<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    parse_baseline(&text).with_context(|| format!("in {}", path.display()))
}

pub fn parse_baseline(text: &str) -> anyhow::Result<BTreeSet<String>> {
    let mut ids = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if parse_id(line).is_none() {
            anyhow::bail!("line {}: not a test id: {line:?}", n + 1);
        }
        ids.insert(line.to_string());
    }
    Ok(ids)
}

/// The baseline text of a run: the ids of the passing runs, sorted.
pub fn baseline_text(results: &[TestResult], header: &str) -> String {
    let ids: BTreeSet<&str> = results
        .iter()
        .filter(|r| r.outcome == Status::Pass)
        .map(|r| r.id.as_str())
        .collect();
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    for id in ids {
        out.push_str(id);
        out.push('\n');
    }
    out
}

/// A run compared with a baseline.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BaselineDiff {
    /// In the baseline, run, and failed: regressions.
    pub now_failing: Vec<String>,
    /// Passed, not in the baseline.
    pub newly_passing: Vec<String>,
    /// In the baseline, run, and skipped (a feature was marked unsupported).
    pub now_skipped: Vec<String>,
    /// In the baseline, under the paths run, but not run at all (the file
    /// went away or its modes changed).
    pub missing: Vec<String>,
}

impl BaselineDiff {
    pub fn regressed(&self) -> bool {
        !self.now_failing.is_empty()
    }
}

/// Compares results with a baseline. Baseline ids outside `roots` are
/// ignored, so a partial run can be checked against the full baseline.
pub fn compare(
    baseline: &BTreeSet<String>,
    results: &[TestResult],
    roots: &[String],
) -> BaselineDiff {
    let mut diff = BaselineDiff::default();
    let mut seen = BTreeSet::new();
    for r in results {
        seen.insert(r.id.as_str());
        let expected = baseline.contains(&r.id);
        match (r.outcome, expected) {
            (Status::Pass, false) => diff.newly_passing.push(r.id.clone()),
            (Status::Fail, true) => diff.now_failing.push(r.id.clone()),
            (Status::Skip, true) => diff.now_skipped.push(r.id.clone()),
            _ => {}
        }
    }
    for id in baseline {
        if seen.contains(id.as_str()) {
            continue;
        }
        if let Some((path, _)) = parse_id(id) {
            if roots.iter().any(|root| in_scope(path, root)) {
                diff.missing.push(id.clone());
            }
        }
    }
    diff.newly_passing.sort();
    diff.now_failing.sort();
    diff.now_skipped.sort();
    diff
}

/// Is the test file `path` selected by the PATHS argument `root`?
pub fn in_scope(path: &str, root: &str) -> bool {
    let root = root.replace('\\', "/");
    let root = root
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/");
    root.is_empty() || path == root || path.starts_with(&format!("{root}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(path: &str, mode: Mode, outcome: Status) -> TestResult {
        TestResult {
            id: super::super::cases::test_id(path, mode),
            path: path.into(),
            mode,
            outcome,
            message: String::new(),
            micros: 0,
        }
    }

    #[test]
    fn rows_by_depth() {
        let p = "test/language/expressions/class/a.js";
        assert_eq!(row_key(p, "test/language", 1), "test/language");
        assert_eq!(row_key(p, "test/language", 2), "test/language/expressions");
        assert_eq!(
            row_key(p, "test/language", 3),
            "test/language/expressions/class"
        );
        assert_eq!(
            row_key(p, "test/language", 9),
            "test/language/expressions/class"
        );
        assert_eq!(row_key(p, "test", 2), "test/language");
        assert_eq!(
            row_key("test/language/a.js", "test/language", 2),
            "test/language"
        );
        assert_eq!(normalize_root("./test/language/"), "test/language");
        assert_eq!(normalize_root("test/language/x/a.js"), "test/language/x");
    }

    #[test]
    fn table_counts() {
        let results = vec![
            result("test/language/expressions/a.js", Mode::Sloppy, Status::Pass),
            result("test/language/expressions/a.js", Mode::Strict, Status::Fail),
            result("test/language/statements/b.js", Mode::Module, Status::Skip),
            result("test/annexB/c.js", Mode::Sloppy, Status::Pass),
        ];
        let t = table(
            &results,
            &["test/language".into(), "test/annexB/".into()],
            2,
        );
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[2].starts_with("| **test/annexB**"), "{t}");
        assert!(lines[3].starts_with("| **test/language**"), "{t}");
        assert!(
            lines[3].contains("|       1 |       1 |      1 |   50.00 |"),
            "{t}"
        );
        assert!(lines[4].starts_with("| test/language/expressions "), "{t}");
        assert!(lines[5].starts_with("| test/language/statements "), "{t}");
        assert!(lines[5].ends_with("|       - |"), "{t}");
        assert!(lines[6].starts_with("| **total**"), "{t}");
        assert!(
            lines[6].contains("|       2 |       1 |      1 |   66.67 |"),
            "{t}"
        );
    }

    #[test]
    fn baseline_round_trip_and_diff() {
        let results = vec![
            result("test/a/x.js", Mode::Sloppy, Status::Pass),
            result("test/a/x.js", Mode::Strict, Status::Fail),
            result("test/a/y.js", Mode::Module, Status::Pass),
            result("test/a/z.js", Mode::Sloppy, Status::Skip),
        ];
        let text = baseline_text(&results, "header");
        assert_eq!(
            text,
            "# header\ntest/a/x.js [sloppy]\ntest/a/y.js [module]\n"
        );
        let baseline = parse_baseline(&text).unwrap();
        assert_eq!(
            compare(&baseline, &results, &["test/a".into()]),
            BaselineDiff::default()
        );

        let old = parse_baseline(
            "test/a/x.js [strict]\ntest/a/z.js [sloppy]\ntest/a/gone.js [sloppy]\ntest/b/other.js [sloppy]\n",
        )
        .unwrap();
        let diff = compare(&old, &results, &["test/a".into()]);
        assert!(diff.regressed());
        assert_eq!(diff.now_failing, ["test/a/x.js [strict]"]);
        assert_eq!(
            diff.newly_passing,
            ["test/a/x.js [sloppy]", "test/a/y.js [module]"]
        );
        assert_eq!(diff.now_skipped, ["test/a/z.js [sloppy]"]);
        assert_eq!(diff.missing, ["test/a/gone.js [sloppy]"]);
        // A single file run: other baseline files are not missing.
        let diff = compare(&old, &results[..2], &["test/a/x.js".into()]);
        assert!(diff.missing.is_empty());
        assert!(in_scope("test/a/x.js", "./test/a/"));
        assert!(!in_scope("test/ab/x.js", "test/a"));
    }

    #[test]
    fn json_report_is_valid_json() {
        let dir = std::env::temp_dir().join(format!("jstb-json-{}", std::process::id()));
        let results = vec![
            result("test/a/\"q\".js", Mode::Sloppy, Status::Pass),
            result("test/a/y.js", Mode::Module, Status::Fail),
        ];
        write_json(&dir, Path::new("/t"), true, &results).unwrap();
        let text = std::fs::read_to_string(&dir).unwrap();
        let _ = std::fs::remove_file(&dir);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["mode"], "parse-only");
        assert_eq!(v["totals"]["fail"], 1);
        assert_eq!(v["results"][0]["id"], "test/a/\"q\".js [sloppy]");
        assert_eq!(v["results"][1]["outcome"], "fail");
        assert_eq!(v["results"][1]["mode"], "module");
        assert_eq!(text.lines().count(), 7);
        write_json(&dir, Path::new("/t"), false, &[]).unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&dir).unwrap()).unwrap();
        let _ = std::fs::remove_file(&dir);
        assert_eq!(v["results"].as_array().map(Vec::len), Some(0));
    }

    #[test]
    fn bad_baseline_lines_are_errors() {
        assert!(parse_baseline("test/x.js\n").is_err());
        assert!(parse_baseline("# only comments\n\n").unwrap().is_empty());
    }
}
