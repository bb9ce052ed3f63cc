//! Runs every `tests/inspect/*.js` with `jstb run` and compares its
//! standard output with `NAME.expected`, which node produced
//! (`node NAME.js > NAME.expected` in tests/inspect/): `console` and the
//! inspector print values as node's `util.inspect` does, and the event loop
//! runs callbacks in node's order. `NAME.color.expected`, where present, is
//! node's output with `FORCE_COLOR=1` (ANSI colours, as on a terminal).

use std::path::Path;
use std::process::Command;

#[test]
fn inspect_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/inspect");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/inspect exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    let mut failures = Vec::new();
    for script in &entries {
        // `NAME.color.expected`: node's output with FORCE_COLOR=1.
        let color = script.with_extension("color.expected");
        let Ok(expected) = std::fs::read_to_string(&color) else {
            continue;
        };
        let output = Command::new(env!("CARGO_BIN_EXE_jstb"))
            .arg(script)
            .env("FORCE_COLOR", "1")
            .output()
            .expect("runs jstb");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if stdout != expected {
            failures.push(format!(
                "{} (colours):\n--- expected\n{expected}--- got\n{stdout}",
                script.display()
            ));
        }
    }
    for script in entries {
        let expected =
            std::fs::read_to_string(script.with_extension("expected")).unwrap_or_default();
        let output = Command::new(env!("CARGO_BIN_EXE_jstb"))
            .arg("run")
            .arg(&script)
            .env_remove("FORCE_COLOR")
            .output()
            .expect("runs jstb");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() || stdout != expected {
            let name = script.file_name().unwrap_or_default().to_string_lossy();
            failures.push(format!(
                "{name}: status {:?}\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
