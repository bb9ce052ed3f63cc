//! The REPL: driven through a pipe with `jstb -i`, and through a
//! pseudo-terminal (util-linux `script`, skipped where it is missing) as a
//! person would use it.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::Duration;

const JSTB: &str = env!("CARGO_BIN_EXE_jstb");

/// Feeds `lines` one by one (a pause after each, as typed) to `cmd`.
fn drive(mut cmd: Command, lines: &[&str]) -> String {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for line in lines {
        std::thread::sleep(Duration::from_millis(150));
        stdin.write_all(line.as_bytes()).unwrap();
        stdin.write_all(b"\n").unwrap();
        stdin.flush().unwrap();
    }
    drop(stdin);
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let _ = child.wait();
    // Without the terminal's escape sequences and carriage returns.
    let mut clean = String::new();
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                while let Some(&n) = chars.peek() {
                    chars.next();
                    if n.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else if c != '\r' {
            clean.push(c);
        }
    }
    clean
}

const SESSION: &[&str] = &[
    "let x = 20",
    "function f() {",
    "  return x + 1;",
    "}",
    "f() * 2",
    "_ + 1",
    "({ a: [1, 'two'], m: new Map([[1, 2]]) })",
    "nope",
    "var o = {}; o.m()",
    "var = 1",
    "`multi",
    "line`",
    "setTimeout(() => console.log('timer ran'), 1); 'sync'",
    // Top-level await; declarations persist.
    "const t = await Promise.resolve(100)",
    "t + 1",
    "let {p, q: [r]} = await {p: 'P', q: ['R']}",
    "p + r",
    "class Q { m() { return 'qm' } }; await null; new Q().m().toUpperCase()",
    "new Q().m()",
    "await new Promise(res => setTimeout(() => res('late'), 5))",
    "await Promise.reject(new Error('boom'))",
    ".exit",
];

fn check(out: &str) {
    for expected in [
        "42\n",
        "43\n",
        "{ a: [ 1, 'two' ], m: Map(1) { 1 => 2 } }\n",
        "Uncaught ReferenceError: nope is not defined\n",
        "Uncaught TypeError: o.m is not a function\n",
        "Uncaught SyntaxError: ",
        "'multi\\nline'\n",
        "'sync'\ntimer ran\n",
        "101\n",
        "'PR'\n",
        "'QM'\n",
        "'qm'\n",
        "'late'\n",
        "Uncaught Error: boom\n",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
}

#[test]
fn repl_through_a_pipe() {
    let mut cmd = Command::new(JSTB);
    cmd.arg("-i").env("JSTB_REPL_HISTORY", "");
    let out = drive(cmd, SESSION);
    check(&out);
}

#[test]
fn repl_on_a_pseudo_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let history = std::env::temp_dir().join(format!("jstb-repl-history-{}", std::process::id()));
    let mut cmd = Command::new("script");
    cmd.args(["-qec", JSTB, "/dev/null"])
        .env("JSTB_REPL_HISTORY", &history);
    let out = drive(cmd, SESSION);
    check(&out);
    assert!(out.contains("> f() * 2"), "{out}");
    assert!(out.contains("... }"), "{out}");
    // The history keeps the inputs, a multi-line one as one entry.
    let saved = std::fs::read_to_string(&history).unwrap_or_default();
    let _ = std::fs::remove_file(&history);
    assert!(saved.contains("f() * 2"), "{saved}");
    assert!(saved.contains("function f() {"), "{saved}");
}
