//! End-to-end tests of node's command line in `jstb`: `jstb FILE ARGS`,
//! `-e`, `-p`, standard input, exit codes and what goes to stderr.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const JSTB: &str = env!("CARGO_BIN_EXE_jstb");

fn jstb(args: &[&str]) -> Output {
    Command::new(JSTB)
        .args(args)
        .env_remove("FORCE_COLOR")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn jstb_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(JSTB)
        .args(args)
        .env_remove("FORCE_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_script(tag: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("jstb-host-{tag}-{}.js", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn file_shorthand_passes_arguments() {
    let path = temp_script(
        "argv",
        "console.log(process.argv.slice(2), process.argv.length);\n",
    );
    let p = path.to_str().unwrap();
    let o = jstb(&[p, "one", "--two"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), "[ 'one', '--two' ] 4\n");
    let o = jstb(&["run", p, "x"]);
    assert_eq!(out(&o), "[ 'x' ] 3\n");
    let _ = std::fs::remove_file(path);
}

#[test]
fn eval_and_print() {
    let o = jstb(&["-e", "console.log({ a: [1, 'b'] })"]);
    assert_eq!(out(&o), "{ a: [ 1, 'b' ] }\n");
    let o = jstb(&["-p", "[1, 2].map(x => x * 2)"]);
    assert_eq!(out(&o), "[ 2, 4 ]\n");
    let o = jstb(&["-p", "'text'"]);
    assert_eq!(out(&o), "text\n");
    let o = jstb(&["-e", "console.log(process.argv.slice(1))", "a"]);
    assert_eq!(out(&o), "[ 'a' ]\n");
}

#[test]
fn program_from_standard_input() {
    let o = jstb_stdin(&[], "console.log('piped', 6 * 7)");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), "piped 42\n");
    let o = jstb_stdin(&["-"], "console.log('dash')");
    assert_eq!(out(&o), "dash\n");
}

#[test]
fn exit_codes() {
    // An uncaught error: 1, reported on stderr with the source line.
    let o = jstb(&["-e", "null.x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("Uncaught TypeError"), "{}", err(&o));
    // An unhandled rejection: 1.
    let o = jstb(&["-e", "Promise.reject(new Error('no'))"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("Uncaught (in promise) Error: no"),
        "{}",
        err(&o)
    );
    // An error in a timer stops the program.
    let o = jstb(&[
        "-e",
        "setTimeout(() => { throw new RangeError('t') }); setTimeout(() => console.log('no'), 5)",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(out(&o), "");
    assert!(err(&o).contains("RangeError: t"), "{}", err(&o));
    // process.exitCode and process.exit.
    let o = jstb(&["-e", "process.exitCode = 3"]);
    assert_eq!(o.status.code(), Some(3));
    let o = jstb(&["-e", "console.log('a'); process.exit(4); console.log('b')"]);
    assert_eq!(o.status.code(), Some(4));
    assert_eq!(out(&o), "a\n");
    // A syntax error: 1.
    let o = jstb(&["-e", "var = 1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("SyntaxError"), "{}", err(&o));
    // Usage errors: 2.
    assert_eq!(jstb(&["-e"]).status.code(), Some(2));
    assert_eq!(jstb(&["--no-such-flag"]).status.code(), Some(2));
    // A missing file: 1.
    assert_eq!(jstb(&["/nonexistent/x.js"]).status.code(), Some(1));
}

#[test]
fn console_streams() {
    let o = jstb(&[
        "-e",
        "console.log('out'); console.error('err', {a: 1}); console.warn('warn'); console.info('info'); console.assert(false, 'x %d', 5)",
    ]);
    assert_eq!(out(&o), "out\ninfo\n");
    assert_eq!(err(&o), "err { a: 1 }\nwarn\nAssertion failed: x 5\n");
}

#[test]
fn help_shows_examples() {
    let o = jstb(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    assert!(text.contains("jstb -e"), "{text}");
    assert!(text.contains("Exit codes"), "{text}");
}

#[test]
fn type_errors_name_the_callee() {
    for (code, message) in [
        ("var a = {}; a.foo()", "TypeError: a.foo is not a function"),
        (
            "var a = {b: {}}; a.b.c(1)",
            "TypeError: a.b.c is not a function",
        ),
        ("var f = 1; f()", "TypeError: f is not a function"),
        (
            "var a = {}; new a.B()",
            "TypeError: a.B is not a constructor",
        ),
        (
            "var u; u.x",
            "TypeError: Cannot read properties of undefined (reading 'x')",
        ),
        // A chain of calls starting at one place: the generic message.
        (
            "function g() { return 1 } g()()",
            "TypeError: number is not a function",
        ),
    ] {
        let o = jstb(&["-e", code]);
        assert_eq!(o.status.code(), Some(1));
        assert!(err(&o).contains(message), "{code}: {}", err(&o));
    }
    let o = jstb(&[
        "-e",
        "var o = {}; try { o.m() } catch (e) { console.log(e.message) }",
    ]);
    assert_eq!(out(&o), "o.m is not a function\n");
}

#[test]
fn console_trace_prints_the_frames() {
    // As node prints it, but for two details: node gives the column of
    // `trace` (2:11) and names the top-level frame `Object.<anonymous>`.
    let path = temp_script(
        "trace",
        "function t(x) {\n  console.trace('here', x);\n}\nt(1);\n",
    );
    let p = path.to_str().unwrap();
    let o = jstb(&[p]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), "");
    assert_eq!(
        err(&o),
        format!("Trace: here 1\n    at t ({p}:2:3)\n    at {p}:4:1\n")
    );
}
