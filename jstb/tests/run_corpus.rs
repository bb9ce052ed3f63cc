//! Runs every `tests/run/*.js` and `*.mjs` (modules; their imports live in
//! `tests/run/modules/`) with `jstb run` and compares its standard
//! output with `NAME.expected`. A script whose name starts with `uncaught`
//! must exit with status 1 and print `Uncaught` to stderr.

use std::path::Path;
use std::process::Command;

#[test]
fn run_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/run");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/run exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "js" || e == "mjs"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    let mut failures = Vec::new();
    for script in entries {
        let expected_path = script.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        let output = Command::new(env!("CARGO_BIN_EXE_jstb"))
            .arg("run")
            .arg(&script)
            .env_remove("FORCE_COLOR")
            .output()
            .expect("runs jstb");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let name = script.file_name().unwrap_or_default().to_string_lossy();
        let uncaught = name.starts_with("uncaught");
        let status_ok = if uncaught {
            output.status.code() == Some(1) && stderr.contains("Uncaught")
        } else {
            output.status.success()
        };
        if !status_ok || stdout != expected {
            failures.push(format!(
                "{name}: status {:?}\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{stderr}",
                output.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
