//! Well-known atoms: property names and strings the runtime uses often,
//! created once and rooted for the runtime's lifetime (`rt.names.length`).

use crate::gc::{Gc, Heap, Tracer};
use crate::string::atoms::AtomTable;
use crate::string::JsString;

macro_rules! names {
    ($($field:ident => $text:literal,)*) => {
        /// Rooted atoms; see the module docs.
        pub struct Names {
            $(#[doc = concat!("`\"", $text, "\"`")] pub $field: Gc<JsString>,)*
        }

        impl Names {
            pub(crate) fn new(heap: &mut Heap, atoms: &mut AtomTable) -> Names {
                Names {
                    $($field: make_atom(heap, atoms, $text),)*
                }
            }

            pub(crate) fn trace(&self, tracer: &mut Tracer) {
                $(tracer.mark_cell(self.$field.addr());)*
            }
        }
    };
}

fn make_atom(heap: &mut Heap, atoms: &mut AtomTable, text: &str) -> Gc<JsString> {
    debug_assert!(text.is_ascii());
    // Startup allocations are small; failure here means the process is out
    // of memory before running any JavaScript.
    let s = heap
        .alloc(JsString::new_latin1(text.as_bytes()))
        .expect("out of memory while creating the runtime");
    atoms.intern(s)
}

names! {
    empty => "",
    length => "length",
    prototype => "prototype",
    constructor => "constructor",
    name => "name",
    message => "message",
    cause => "cause",
    errors => "errors",
    stack => "stack",
    stack_trace_limit => "stackTraceLimit",
    to_string => "toString",
    value_of => "valueOf",
    value => "value",
    writable => "writable",
    get => "get",
    set => "set",
    enumerable => "enumerable",
    configurable => "configurable",
    proto => "__proto__",
    undefined => "undefined",
    null => "null",
    true_ => "true",
    false_ => "false",
    nan => "NaN",
    infinity => "Infinity",
    negative_infinity => "-Infinity",
    number => "number",
    string => "string",
    boolean => "boolean",
    symbol => "symbol",
    object => "object",
    function => "function",
    bigint => "bigint",
    default => "default",
    next => "next",
    done => "done",
    then => "then",
    callee => "callee",
    caller => "caller",
    arguments => "arguments",
    global_this => "globalThis",
    last_index => "lastIndex",
    index => "index",
    input => "input",
    groups => "groups",
    indices => "indices",
    exec => "exec",
    flags => "flags",
    has_indices => "hasIndices",
    global => "global",
    ignore_case => "ignoreCase",
    multiline => "multiline",
    dot_all => "dotAll",
    unicode => "unicode",
    unicode_sets => "unicodeSets",
    sticky => "sticky",
    join => "join",
    this_ => "this",
}
