//! Every program in `fuzz/regressions/` (crash reproducers found by the
//! fuzz targets, fuzz/README.md) runs through `jstb run`, normally and under
//! GC stress, with a time limit: it may throw (exit status 1) but must never
//! crash, abort or hit an internal error.

use std::path::Path;
use std::process::Command;

#[test]
fn fuzz_regressions_do_not_crash() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fuzz/regressions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        for stress in ["0", "1"] {
            let out = Command::new(env!("CARGO_BIN_EXE_jstb"))
                .args([
                    "run",
                    "--timeout",
                    "10",
                    "--max-heap",
                    "512M",
                    "--gc-stress",
                    stress,
                ])
                .arg(file)
                .output()
                .expect("runs jstb");
            let stderr = String::from_utf8_lossy(&out.stderr);
            let clean =
                matches!(out.status.code(), Some(0 | 1)) && !stderr.contains("internal error");
            if !clean {
                failures.push(format!(
                    "{} (gc-stress {stress}): status {:?}\n{stderr}",
                    file.display(),
                    out.status
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
