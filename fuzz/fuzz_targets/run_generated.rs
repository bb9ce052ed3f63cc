//! (b) Generated valid programs (`jsruntime_fuzz::gen`: statements and
//! expressions over the built-ins, getters, proxies, callbacks that mutate
//! their receivers), run with a time and heap limit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = jsruntime_fuzz::gen::program(data);
    jsruntime_fuzz::run(&source, jsruntime_fuzz::Mode::Normal);
});
