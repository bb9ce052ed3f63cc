//! Golden tests of the compile commands: for every `tests/compile/NAME.js`,
//! the output of `jstb compile NAME.js --print commands` must equal the
//! checked-in `NAME.commands`, and `--print clif` must succeed (in debug
//! builds the backend then checks every command's declared stack effect).
//!
//! After an intended change of the analyzer's output, regenerate the files
//! with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test -p jstb --test compile_golden
//! ```
//!
//! and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn jstb_compile(script: &Path, print: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jstb"))
        .arg("compile")
        .arg(script)
        .arg("--print")
        .arg(print)
        .output()
        .expect("runs jstb")
}

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/compile");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/compile exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    entries
}

#[test]
fn compile_golden() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for script in corpus() {
        let name = script.file_name().unwrap_or_default().to_string_lossy();
        let output = jstb_compile(&script, "commands");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            failures.push(format!(
                "{name}: --print commands failed ({:?}):\n{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
            continue;
        }
        let golden_path = script.with_extension("commands");
        if update {
            std::fs::write(&golden_path, stdout.as_bytes()).expect("writes the golden file");
        } else {
            let golden = std::fs::read_to_string(&golden_path).unwrap_or_default();
            if stdout != golden {
                failures.push(format!(
                    "{name}: commands differ from {} (UPDATE_GOLDEN=1 regenerates it)\n\
                     --- expected\n{golden}--- got\n{stdout}",
                    golden_path.display()
                ));
            }
        }
        let clif = jstb_compile(&script, "clif");
        if !clif.status.success() {
            failures.push(format!(
                "{name}: --print clif failed ({:?}):\n{}",
                clif.status.code(),
                String::from_utf8_lossy(&clif.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
