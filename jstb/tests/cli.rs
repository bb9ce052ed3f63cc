//! End-to-end tests of the `jstb` binary: `jstb parse` and `jstb test262` on
//! a small test262-shaped tree made here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const JSTB: &str = env!("CARGO_BIN_EXE_jstb");

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("jstb-cli-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn jstb(args: &[&str]) -> Output {
    Command::new(JSTB).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn parse_a_valid_file() {
    let dir = TempDir::new("parse-ok");
    let file = dir.write("ok.js", "var a = 1;\nfunction f(x) { return x + a; }\n");
    let file = file.to_str().unwrap();
    let out = jstb(&["parse", file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("goal:       script"), "{stdout}");
    assert!(stdout.contains("bytes:      43"), "{stdout}");
    assert!(stdout.contains("nodes:"), "{stdout}");

    for view in ["nodes", "events", "tokens"] {
        let out = jstb(&["parse", file, "--print", view]);
        assert_eq!(out.status.code(), Some(0), "{view}: {}", text(&out.stderr));
        assert!(!out.stdout.is_empty(), "{view}");
    }
    let tokens = text(&jstb(&["parse", file, "--print", "tokens"]).stdout);
    assert!(tokens.starts_with("1:1 "), "{tokens}");
    assert!(tokens.contains("'function'"), "{tokens}");
}

#[test]
fn parse_reports_a_syntax_error_with_a_caret() {
    let dir = TempDir::new("parse-err");
    let file = dir.write("bad.js", "var a;\nvar 1 = 2;\n");
    let name = file.to_str().unwrap();
    let out = jstb(&["parse", name]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{name}:2:5: SyntaxError: ")),
        "{stderr}"
    );
    assert_eq!(lines[1], "var 1 = 2;");
    assert_eq!(lines[2], "    ^");
}

#[test]
fn parse_module_goal_from_extension_and_flag() {
    let dir = TempDir::new("parse-goal");
    let module = dir.write("m.mjs", "export default 1;\n");
    let out = jstb(&["parse", module.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("goal:       module"));
    // `export` is a SyntaxError in a script.
    let out = jstb(&["parse", module.to_str().unwrap(), "--as", "script"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn parse_rejects_invalid_utf8_cleanly() {
    let dir = TempDir::new("parse-utf8");
    let file = dir.write("bin.js", b"var a = '\xff';");
    let name = file.to_str().unwrap();
    let out = jstb(&["parse", name]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!("{name}: invalid UTF-8 at byte 9\n")
    );

    // Standard input too.
    use std::io::Write;
    let mut child = Command::new(JSTB)
        .args(["parse", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"a\n\xc3(").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "<stdin>: invalid UTF-8 at byte 2\n");

    let out = jstb(&["parse", "/nonexistent/x.js"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("/nonexistent/x.js: "));
}

#[test]
fn parse_reads_stdin() {
    use std::io::Write;
    let mut child = Command::new(JSTB)
        .args(["parse", "-", "--print", "tokens"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"x = /re/g / 2")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("RegularExpressionLiteral"));
}

/// A tiny test262 tree.
fn suite() -> TempDir {
    let dir = TempDir::new("suite");
    dir.write("harness/assert.js", "var assert = {};\n");
    dir.write("harness/sta.js", "function Test262Error() {}\n");
    dir.write("harness/doneprintHandle.js", "function $DONE() {}\n");
    dir.write(
        "test/a/pass.js",
        "/*---\ndescription: ok\n---*/\nvar x = 1;\n",
    );
    dir.write(
        "test/a/neg.js",
        "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n$DONOTEVALUATE();\nvar 1;\n",
    );
    // `with` is a SyntaxError only in strict code: checks the strict option.
    dir.write(
        "test/a/strict-neg.js",
        "/*---\nflags: [onlyStrict]\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\nwith ({}) {}\n",
    );
    dir.write(
        "test/a/sloppy.js",
        "/*---\nflags: [noStrict]\n---*/\nwith ({}) {}\n",
    );
    dir.write(
        "test/b/mod.js",
        "/*---\nflags: [module]\n---*/\nimport './dep_FIXTURE.js';\nexport var x;\n",
    );
    dir.write("test/b/dep_FIXTURE.js", "this is not a test\n");
    dir.write(
        "test/b/feature.js",
        "/*---\nfeatures: [decorators]\n---*/\n@dec class C {}\n",
    );
    dir.write("test/b/binary.js", b"/*---\n---*/\nvar s = '\xff';\n");
    dir.write("test/b/crash.js", "/*---\nflags: [raw]\n---*/\n1;\n");
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn test262_parse_only_end_to_end() {
    let dir = suite();
    let root = dir.0.to_str().unwrap();
    let json = dir.0.join("out.json");
    let baseline = dir.0.join("baseline.txt");
    let out = Command::new(JSTB)
        .args([
            "test262",
            "--test262-dir",
            root,
            "--parse-only",
            "-j",
            "2",
            "test/a",
            "test/b",
            "--json",
            json.to_str().unwrap(),
            "--write-baseline",
            baseline.to_str().unwrap(),
        ])
        .env("JSTB_TEST262_FAULT", "abort:crash.js")
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));

    let report: serde_json::Value = serde_json::from_str(&read(&json)).unwrap();
    let outcome = |id: &str| -> (String, String) {
        let results = report["results"].as_array().unwrap();
        let r = results
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no result for {id}: {report}"));
        (
            r["outcome"].as_str().unwrap().to_string(),
            r["message"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(outcome("test/a/pass.js [sloppy]").0, "pass");
    assert_eq!(outcome("test/a/pass.js [strict]").0, "pass");
    assert_eq!(outcome("test/a/neg.js [sloppy]").0, "pass");
    assert_eq!(outcome("test/a/neg.js [strict]").0, "pass");
    assert_eq!(outcome("test/a/strict-neg.js [strict]").0, "pass");
    assert_eq!(outcome("test/a/sloppy.js [sloppy]").0, "pass");
    assert_eq!(outcome("test/b/mod.js [module]").0, "pass");
    let (status, message) = outcome("test/b/feature.js [sloppy]");
    assert_eq!(
        (status.as_str(), message.as_str()),
        ("skip", "unsupported feature decorators")
    );
    let (status, message) = outcome("test/b/binary.js [sloppy]");
    assert_eq!(status, "fail");
    assert!(message.contains("invalid UTF-8 at byte"), "{message}");
    let (status, message) = outcome("test/b/crash.js [sloppy]");
    assert_eq!(status, "fail");
    assert!(message.starts_with("crashed: signal 6"), "{message}");
    // Fixtures are not tests; modes follow the flags.
    let ids: Vec<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // A file whose front matter cannot be read runs once, as sloppy.
    assert_eq!(ids.len(), 11, "{ids:?}");
    assert!(!ids.iter().any(|id| id.contains("FIXTURE")));
    assert_eq!(report["totals"]["skip"], 2);
    assert_eq!(report["totals"]["fail"], 2);

    // The table and the baseline.
    assert!(stdout.contains("| **test/a** "), "{stdout}");
    assert!(stdout.contains("| **total** "), "{stdout}");
    let base = read(&baseline);
    let ids: Vec<&str> = base.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(ids.len(), 7, "{base}");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted: {base}");
    assert!(ids.contains(&"test/a/neg.js [strict]"));

    // Same results against that baseline: exit 0. A baseline that lists a
    // failing test: exit 1 and the regression listed.
    let check = |baseline: &Path| {
        Command::new(JSTB)
            .args(["test262", "--test262-dir", root, "--parse-only", "test/a"])
            .args(["test/b", "--baseline", baseline.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let out = check(&baseline);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let bad = dir.write(
        "bad-baseline.txt",
        format!("{base}test/b/binary.js [sloppy]\n"),
    );
    let out = check(&bad);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("REGRESSIONS: in the baseline, now failing (1):"),
        "{stdout}"
    );
}

#[test]
fn test262_timeout_and_panic_isolation() {
    let dir = suite();
    let root = dir.0.to_str().unwrap();
    for (fault, expected) in [
        ("hang:pass.js", "crashed: timeout after 3 s"),
        ("panic:pass.js", "crashed: panic: injected fault"),
        ("overflow:pass.js", "crashed: signal"),
    ] {
        let out = Command::new(JSTB)
            .args(["test262", "--test262-dir", root, "--parse-only"])
            // 3 s, not 1: the healthy tests must not time out on a loaded
            // machine (debug build, cold worker start).
            .args(["--timeout", "3", "-j", "1", "test/a"])
            .env("JSTB_TEST262_FAULT", fault)
            .output()
            .unwrap();
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        let line = stdout
            .lines()
            .find(|l| l.contains("FAIL test/a/pass.js [sloppy]"))
            .unwrap_or_else(|| panic!("{fault}: {stdout}"));
        assert!(line.contains(expected), "{fault}: {line}");
        // The other tests still ran in a fresh worker and passed.
        assert!(
            stdout.contains("totals: pass 4, fail 2, skip 0"),
            "{fault}: {stdout}"
        );
    }
}

#[test]
fn test262_execution_end_to_end() {
    let dir = suite();
    let root = dir.0.to_str().unwrap();
    let out = jstb(&["test262", "--test262-dir", root, "test/a"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    // pass.js (2 modes) runs, neg.js (2) and strict-neg.js fail to parse as
    // expected, sloppy.js (a `with` statement) runs in sloppy mode only.
    assert!(!stdout.contains("FAIL"), "{stdout}");
    assert!(
        stdout.contains("totals: pass 6, fail 0, skip 0"),
        "{stdout}"
    );
}

#[test]
fn test262_usage_errors() {
    let out = jstb(&["test262", "--test262-dir", "/nonexistent"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a test262 checkout"));
    let out = jstb(&["test262", "--timeout", "-1"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Runs `source` as a file with `jstb run`; returns the file name, the exit
/// code and the stderr lines.
fn run_uncaught(tag: &str, source: &str) -> (String, Option<i32>, Vec<String>) {
    let dir = TempDir::new(tag);
    let file = dir.write("main.js", source);
    let name = file.to_str().unwrap().to_owned();
    let out = jstb(&["run", &name]);
    let lines = text(&out.stderr).lines().map(str::to_owned).collect();
    (name, out.status.code(), lines)
}

#[test]
fn run_uncaught_throw_statement_has_its_position() {
    let (name, code, lines) =
        run_uncaught("throw", "var x = 1;\n  throw new RangeError('too big');\n");
    assert_eq!(code, Some(1));
    assert_eq!(
        lines[0],
        format!("{name}:2:3: Uncaught RangeError: too big")
    );
    assert_eq!(lines[1], "  throw new RangeError('too big');");
    assert_eq!(lines[2], "  ^");
    assert_eq!(lines[3], format!("    at {name}:2:3"));
    assert_eq!(lines.len(), 4, "{lines:?}");
}

#[test]
fn run_uncaught_runtime_type_error_in_a_function() {
    let source = "function call(f) {\n  return f();\n}\ncall(undefined);\n";
    let (name, code, lines) = run_uncaught("typeerror", source);
    assert_eq!(code, Some(1));
    assert!(
        lines[0].starts_with(&format!("{name}:2:10: Uncaught TypeError: ")),
        "{lines:?}"
    );
    assert_eq!(lines[1], "  return f();");
    assert_eq!(lines[2], "         ^");
    assert_eq!(lines[3], format!("    at call ({name}:2:10)"));
    assert_eq!(lines[4], format!("    at {name}:4:1"));
}

#[test]
fn run_uncaught_from_nested_calls_lists_every_frame() {
    let source = "\
function inner(n) {
  if (n === 0) throw new Error('bottom');
  return inner(n - 1);
}
function outer() { return inner(2); }
var r = outer();
";
    let (name, code, lines) = run_uncaught("nested", source);
    assert_eq!(code, Some(1));
    assert_eq!(lines[0], format!("{name}:2:16: Uncaught Error: bottom"));
    let frames: Vec<&str> = lines[3..].iter().map(String::as_str).collect();
    assert_eq!(
        frames,
        [
            format!("    at inner ({name}:2:16)"),
            format!("    at inner ({name}:3:10)"),
            format!("    at inner ({name}:3:10)"),
            format!("    at outer ({name}:5:27)"),
            format!("    at {name}:6:9"),
        ]
    );
}

#[test]
fn run_uncaught_rethrown_from_catch_points_at_the_rethrow() {
    let source = "\
function f() {
  try {
    null.x;
  } catch (e) {
    print(e.stack);
    throw e;
  }
}
f();
";
    let dir = TempDir::new("rethrow");
    let file = dir.write("main.js", source);
    let name = file.to_str().unwrap();
    let out = jstb(&["run", name]);
    assert_eq!(out.status.code(), Some(1));
    // The caught error got a V8-style stack (from the throw to the catch).
    let stdout = text(&out.stdout);
    let stack: Vec<&str> = stdout.lines().collect();
    assert!(stack[0].starts_with("TypeError: "), "{stdout}");
    assert_eq!(stack[1], format!("    at f ({name}:3:5)"));
    // Uncaught: the position is the rethrow, the frames start there.
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{name}:6:5: Uncaught TypeError: ")),
        "{stderr}"
    );
    assert_eq!(lines[1], "    throw e;");
    assert_eq!(lines[2], "    ^");
    assert_eq!(lines[3], format!("    at f ({name}:6:5)"));
    assert_eq!(lines[4], format!("    at {name}:9:1"));
}

#[test]
fn run_uncaught_through_finally_keeps_the_throw_site() {
    let source = "function f() {\n  try { throw 42; } finally { print('cleanup'); }\n}\nf();\n";
    let (name, code, lines) = run_uncaught("finally", source);
    assert_eq!(code, Some(1));
    assert_eq!(lines[0], format!("{name}:2:9: Uncaught 42"));
    assert_eq!(lines[3], format!("    at f ({name}:2:9)"));
    assert_eq!(lines[4], format!("    at {name}:4:1"));
}

#[test]
fn run_reports_unhandled_rejections_after_the_jobs() {
    let source = "\
Promise.reject(new RangeError('no handler'));
var late = Promise.reject(1);
Promise.resolve().then(function () { late.catch(function () { print('late'); }); });
Promise.resolve().then(function h() {
  throw new TypeError('in a job');
});
Promise.reject('plain');
print('end');
";
    let dir = TempDir::new("rejection");
    let file = dir.write("main.js", source);
    let name = file.to_str().unwrap();
    let out = jstb(&["run", name]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "end\nlate\n");
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    // Oldest rejection first; a thrown reason has its throw site and frames.
    assert_eq!(
        lines,
        [
            format!("{name}: Uncaught (in promise) RangeError: no handler"),
            format!("{name}: Uncaught (in promise) plain"),
            format!("{name}:5:3: Uncaught (in promise) TypeError: in a job"),
            "  throw new TypeError('in a job');".to_owned(),
            "  ^".to_owned(),
            format!("    at h ({name}:5:3)"),
        ]
    );
    // Handled rejections leave the exit status alone.
    let file = dir.write("ok.js", "Promise.reject(1).catch(function () {});\n");
    let out = jstb(&["run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// Uncaught values print as node prints them (`util.inspect` for
/// non-errors), and the printer runs no user getter or `toString`: a value
/// whose accessors loop forever still prints (issue 17).
#[test]
fn uncaught_values_print_as_node_without_running_user_code() {
    let cases = [
        ("throw -0;", "Uncaught -0"),
        ("throw 123n;", "Uncaught 123n"),
        ("throw Object.create(null);", "Uncaught [Object: null prototype] {}"),
        (
            "var a = [1, 2]; a.push(a); throw a;",
            "Uncaught <ref *1> [ 1, 2, [Circular *1] ]",
        ),
        (
            "throw { get message() { for (;;) {} }, name: 'X' };",
            "Uncaught { message: [Getter], name: 'X' }",
        ),
        (
            "throw { toString() { for (;;) {} } };",
            "Uncaught { toString: [Function: toString] }",
        ),
        (
            "var e = new Error('m'); Object.defineProperty(e, 'message', { get() { for (;;) {} } }); throw e;",
            "Uncaught Error",
        ),
        ("throw 'plain';", "Uncaught plain"),
        ("throw new RangeError('r');", "Uncaught RangeError: r"),
    ];
    let dir = TempDir::new("uncaught-values");
    for (i, (source, expected)) in cases.iter().enumerate() {
        let file = dir.write(&format!("u{i}.js"), source);
        let out = jstb(&["run", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{source}");
        let stderr = text(&out.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(first.ends_with(expected), "{source}: {stderr}");
    }
}

/// Errors thrown in eval and `Function` code carry their position in that
/// code (`<anonymous>:LINE:COL`, as V8 shows eval code).
#[test]
fn errors_in_eval_and_function_code_have_positions() {
    let source = "
try { eval('\\n  null.x'); } catch (e) { console.log(e.stack.split('\\n')[1]); }
try { Function('a', '\\n  return a.b')(); } catch (e) { console.log(e.stack.split('\\n')[1]); }
eval('1;\\nthrow new TypeError(\"deep\")');
";
    let dir = TempDir::new("eval-positions");
    let file = dir.write("main.js", source);
    let name = file.to_str().unwrap();
    let out = jstb(&["run", name]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "    at <anonymous>:2:3\n    at <anonymous>:4:10\n"
    );
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], format!("{name}: Uncaught TypeError: deep"));
    assert_eq!(lines[1], "    at <anonymous>:2:1");
}
