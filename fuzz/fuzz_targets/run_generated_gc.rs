//! (b) under GC stress: the generated programs of `run_generated` with a
//! collection at every allocation and freed cells poisoned, so a value a
//! Rust frame holds without a root is caught at once.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = jsruntime_fuzz::gen::program(data);
    jsruntime_fuzz::run(&source, jsruntime_fuzz::Mode::GcStress);
});
