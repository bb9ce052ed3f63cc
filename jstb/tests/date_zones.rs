//! Runs every `tests/date-tz/*.js` with `jstb run` in the time zone its
//! first line names (`// TZ=America/New_York. ...`) and compares its
//! standard output with `NAME.expected` (produced with node in that zone).
//! `tests/run` programs run in whatever zone the machine has, so the ones
//! that print local time live here.

use std::path::Path;
use std::process::Command;

#[test]
fn date_programs_in_their_time_zones() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/date-tz");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/date-tz exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    let mut failures = Vec::new();
    for script in entries {
        let source = std::fs::read_to_string(&script).expect("readable script");
        let zone = source
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// TZ="))
            .and_then(|l| l.split(['.', ' ']).next())
            .expect("a first line `// TZ=Zone/Name.`");
        let expected =
            std::fs::read_to_string(script.with_extension("expected")).unwrap_or_default();
        let output = Command::new(env!("CARGO_BIN_EXE_jstb"))
            .arg("run")
            .arg(&script)
            .env("TZ", zone)
            .output()
            .expect("runs jstb");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() || stdout != expected {
            failures.push(format!(
                "{} (TZ={zone}): status {:?}\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{}",
                script.display(),
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
