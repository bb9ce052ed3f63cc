//! Hooks: console output to Rust.

use std::cell::RefCell;
use std::rc::Rc;

use jsruntime::api::{ConsoleLevel, Runtime};

#[test]
fn console_goes_to_a_rust_callback() {
    let mut rt = Runtime::new().unwrap();
    let lines = Rc::new(RefCell::new(Vec::new()));
    let l = lines.clone();
    rt.set_console(move |level, text| l.borrow_mut().push((level, text.to_owned())))
        .unwrap();
    rt.eval::<()>(
        "console.log('hello', 42, { a: [1, 'x'] });
         console.warn('careful');
         console.error(new TypeError('bad'));
         console.info(null, undefined, true);
         console.debug([1, 2]);
         print('printed');",
    )
    .unwrap();
    let lines = lines.borrow();
    assert_eq!(
        *lines,
        [
            (ConsoleLevel::Log, "hello 42 {\"a\":[1,\"x\"]}".to_owned()),
            (ConsoleLevel::Warn, "careful".to_owned()),
            (ConsoleLevel::Error, "TypeError: bad".to_owned()),
            (ConsoleLevel::Info, "null undefined true".to_owned()),
            (ConsoleLevel::Debug, "[1,2]".to_owned()),
            (ConsoleLevel::Log, "printed".to_owned()),
        ]
    );
}
