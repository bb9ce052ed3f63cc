//! RegExp String Iterator objects (22.2.9): 22.2.9.1
//! CreateRegExpStringIterator (for `RegExp.prototype[@@matchAll]`) and
//! %RegExpStringIteratorPrototype%.next.

use std::cell::Cell;

use super::iter_result;
use crate::builtins::regexp::regexp_exec_generic;
use crate::builtins::regexp::symbols::{advance_after_empty_match, match_string};
use crate::gc::Gc;
use crate::gc::{Trace, Tracer};
use crate::object::ObjectKind;
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::value::Value;
use crate::JsResult;

/// [[IteratingRegExp]], [[IteratedString]], [[Global]], [[Unicode]],
/// [[Done]] of a RegExp String Iterator (22.2.9.1).
struct RegExpStringIterator {
    regexp: Value,
    string: Value,
    global: bool,
    unicode: bool,
    done: Cell<bool>,
}

// SAFETY: reports the two values the iterator holds.
unsafe impl Trace for RegExpStringIterator {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.regexp);
        tracer.mark_value(self.string);
    }
}

host_data!(RegExpStringIterator, "RegExp String Iterator");

/// 22.2.9.1 CreateRegExpStringIterator ( R, S, global, fullUnicode ).
pub(crate) fn create_regexp_string_iterator(
    rt: &mut Runtime,
    regexp: Value,
    s: Gc<JsString>,
    global: bool,
    unicode: bool,
) -> JsResult<Value> {
    let proto = rt.intrinsic(Intrinsic::RegExpStringIteratorPrototype);
    let data = Box::new(RegExpStringIterator {
        regexp,
        string: Value::string(s),
        global,
        unicode,
        done: Cell::new(false),
    });
    let it = rt.new_object_with(proto, ObjectKind::Host(data), 0)?;
    Ok(Value::object(it))
}

/// 22.2.9.2.1 %RegExpStringIteratorPrototype%.next ( ).
pub(super) fn regexp_string_iterator_next(
    rt: &mut Runtime,
    this: Value,
    _: &[Value],
) -> JsResult<Value> {
    let fields = this.as_object().and_then(|o| match o.kind() {
        ObjectKind::Host(h) => h
            .as_any()
            .downcast_ref::<RegExpStringIterator>()
            .map(|d| (d.regexp, d.string, d.global, d.unicode, d.done.get())),
        _ => None,
    });
    let Some((regexp, string, global, unicode, done)) = fields else {
        return Err(rt.type_error(
            "%RegExpStringIteratorPrototype%.next called on an incompatible receiver",
        ));
    };
    let finish = || {
        if let Some(o) = this.as_object() {
            if let ObjectKind::Host(h) = o.kind() {
                if let Some(d) = h.as_any().downcast_ref::<RegExpStringIterator>() {
                    d.done.set(true);
                }
            }
        }
    };
    if done {
        return iter_result(rt, Value::UNDEFINED, true);
    }
    let (Some(r), Some(s)) = (regexp.as_object(), string.as_string()) else {
        return iter_result(rt, Value::UNDEFINED, true);
    };
    let m = regexp_exec_generic(rt, r, s)?;
    let Some(mo) = m.as_object() else {
        finish();
        return iter_result(rt, Value::UNDEFINED, true);
    };
    if !global {
        finish();
        return iter_result(rt, m, false);
    }
    let match_str = match_string(rt, mo)?;
    if match_str.is_empty() {
        advance_after_empty_match(rt, r, s, unicode)?;
    }
    iter_result(rt, m, false)
}
