//! Runs every `tests/gc/*.js` (programs that once crashed with a use after
//! free) with `jstb run --gc-stress 1`, which collects at every allocation
//! and poisons freed cells, and compares the output with `NAME.expected`.
//! Programs named in `tests/gc/known-failures.txt` are skipped (bugs whose
//! fix waits for code being moved; the file says where and how).

use std::path::Path;
use std::process::Command;

fn known_failures(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("known-failures.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn gc_programs_pass_under_stress() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/gc");
    let skipped = known_failures(&dir);
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/gc exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    scripts.sort();
    for name in &skipped {
        assert!(
            dir.join(name).is_file(),
            "known-failures.txt names {name}, which is not in tests/gc"
        );
    }
    let mut failures = Vec::new();
    let mut ran = 0;
    for script in scripts {
        let name = script
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if skipped.contains(&name) {
            continue;
        }
        ran += 1;
        let expected =
            std::fs::read_to_string(script.with_extension("expected")).unwrap_or_default();
        let output = Command::new(env!("CARGO_BIN_EXE_jstb"))
            .args(["run", "--gc-stress", "1"])
            .arg(&script)
            .output()
            .expect("runs jstb");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() || stdout != expected {
            failures.push(format!(
                "{name}: status {:?}\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(ran > 0, "no program ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
