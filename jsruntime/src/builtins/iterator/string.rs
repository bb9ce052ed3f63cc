//! String Iterator objects (22.1.5): 22.1.5.1 CreateStringIterator (for
//! `String.prototype[@@iterator]`) and %StringIteratorPrototype%.next.

use std::cell::Cell;

use super::{host, iter_result, new_host};
use crate::builtins::string::units::code_point_at;
use crate::gc::{Gc, Trace, Tracer};
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::value::Value;
use crate::JsResult;

/// [[IteratedString]] (undefined once exhausted) and the next position.
struct StringIterator {
    iterated: Cell<Value>,
    position: Cell<usize>,
}

// SAFETY: reports the only value the iterator holds.
unsafe impl Trace for StringIterator {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.iterated.get());
    }
}
host_data!(StringIterator, "String Iterator");

/// A new String Iterator over `s` (22.1.3.36 steps 3-6).
pub(crate) fn create_string_iterator(rt: &mut Runtime, s: Gc<JsString>) -> JsResult<Value> {
    let proto = rt.intrinsic(Intrinsic::StringIteratorPrototype);
    new_host(
        rt,
        proto,
        Box::new(StringIterator {
            iterated: Cell::new(Value::string(s)),
            position: Cell::new(0),
        }),
    )
}

/// 22.1.5.2.1 %StringIteratorPrototype%.next ( ): the next code point
/// (11.1.4 CodePointAt).
pub(super) fn string_iterator_next(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(it) = host::<StringIterator>(this) else {
        return Err(rt.type_error("next called on an object that is not a String Iterator"));
    };
    let (iterated, position) = (it.iterated.get(), it.position.get());
    let Some(s) = iterated.as_string() else {
        return iter_result(rt, Value::UNDEFINED, true);
    };
    let len = s.len();
    if position >= len {
        it.iterated.set(Value::UNDEFINED);
        return iter_result(rt, Value::UNDEFINED, true);
    }
    let (_, size) = code_point_at(s.view(), position);
    it.position.set(position + size);
    let part = rt.substring(s, position, position + size)?;
    iter_result(rt, Value::string(part), false)
}
