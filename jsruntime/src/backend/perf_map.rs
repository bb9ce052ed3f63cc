//! Symbols of JIT code for `perf` (`JSRUNTIME_PERF_MAP=1`).
//!
//! `perf report` names samples in anonymous executable memory from
//! `/tmp/perf-PID.map`, one `START SIZE NAME` line (hex) per function, the
//! convention V8's `--perf-basic-prof` and LuaJIT follow. With
//! `JSRUNTIME_PERF_MAP=code` the machine code of each function is also
//! written to `/tmp/perf-PID-code/START.bin`, to read the hot instructions
//! with `objdump -D -b binary -m i386:x86-64 --adjust-vma=0xSTART FILE`
//! beside `perf script -F ip,sym`. Off by default: a profiling aid for
//! engine engineers, never used by the engine itself.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

/// The open map file, and whether code bytes are dumped too.
struct PerfMap {
    file: Mutex<std::fs::File>,
    dump_code: bool,
}

/// The map of this process (`None` unless `JSRUNTIME_PERF_MAP` is set and the
/// file could be created).
fn map() -> Option<&'static PerfMap> {
    static MAP: OnceLock<Option<PerfMap>> = OnceLock::new();
    MAP.get_or_init(|| {
        let setting = std::env::var("JSRUNTIME_PERF_MAP").ok()?;
        let pid = std::process::id();
        let file = std::fs::File::create(format!("/tmp/perf-{pid}.map")).ok()?;
        let dump_code = setting == "code";
        if dump_code {
            std::fs::create_dir_all(format!("/tmp/perf-{pid}-code")).ok()?;
        }
        Some(PerfMap {
            file: Mutex::new(file),
            dump_code,
        })
    })
    .as_ref()
}

/// Whether functions are noted (to skip building their names otherwise).
pub(crate) fn enabled() -> bool {
    map().is_some()
}

/// Notes the `size` bytes of code at `address` as function `name`. Write
/// errors are ignored: the map is a diagnostic, never worth failing a
/// compilation for.
pub(crate) fn note(address: *const u8, size: usize, name: &str) {
    let Some(map) = map() else { return };
    let start = address as usize;
    if let Ok(mut file) = map.file.lock() {
        let _ = writeln!(file, "{start:x} {size:x} {name}");
    }
    if map.dump_code && size > 0 {
        // SAFETY: `address` is the start of `size` bytes of code just
        // placed by the JIT (`Jit::place`), readable and not freed while
        // its function is being registered.
        let bytes = unsafe { std::slice::from_raw_parts(address, size) };
        let path = format!("/tmp/perf-{}-code/{start:x}.bin", std::process::id());
        let _ = std::fs::write(path, bytes);
    }
}
