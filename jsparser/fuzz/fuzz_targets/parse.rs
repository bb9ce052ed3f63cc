//! Feeds arbitrary input to the whole front end (lexer, parser, syntax
//! processor) as a script, a strict script and a module. Any panic, abort or
//! stack overflow is a bug; SyntaxErrors are expected.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for options in [
        jsparser::ParseOptions::script(),
        jsparser::ParseOptions {
            strict: true,
            ..jsparser::ParseOptions::script()
        },
        jsparser::ParseOptions::module(),
    ] {
        let _ = jsparser::parse(source, options);
    }
});
