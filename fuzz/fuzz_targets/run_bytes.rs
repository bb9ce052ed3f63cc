//! (a) Raw bytes as a script: anything the parser accepts is analyzed,
//! compiled and run with a time and heap limit. Any panic, abort or crash
//! is a bug; JavaScript exceptions and SyntaxErrors are expected.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    jsruntime_fuzz::run(&source, jsruntime_fuzz::Mode::Normal);
});
