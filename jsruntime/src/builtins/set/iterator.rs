//! Set Iterator objects (24.2.6): 24.2.6.1 CreateSetIterator and
//! %SetIteratorPrototype% (#sec-%setiteratorprototype%-object), with a
//! cursor into the Set's table like the Map iterators.

use std::cell::Cell;

use super::SetData;
use crate::builtins::iterator::iter_result;
use crate::builtins::map::host_ref;
use crate::builtins::map::table::Cursor;
use crate::gc::{Trace, Tracer};
use crate::object::{HostData, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 24.2.6.2 The %SetIteratorPrototype% Object.
pub(crate) static SET_ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%SetIteratorPrototype%",
    intrinsic: Some(Intrinsic::SetIteratorPrototype),
    proto: Some(Intrinsic::IteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("next", 0, set_iterator_next),
        Prop::value("@@toStringTag", Constant::Str("Set Iterator"), ATTR_C),
    ],
};

/// What a Set iterator produces (`kind` of CreateSetIterator).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetIterKind {
    Values,
    Entries,
}

/// The state of the closure of CreateSetIterator: the Set (undefined once
/// the iterator is done) and the position in its entries.
struct SetIterator {
    set: Cell<Value>,
    cursor: Cursor,
    kind: SetIterKind,
}

// SAFETY: reports the only value the iterator holds.
unsafe impl Trace for SetIterator {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.set.get());
    }
}

impl HostData for SetIterator {
    fn class_name(&self) -> &'static str {
        "Set Iterator"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// 24.2.6.1 CreateSetIterator ( set, kind ) (#sec-createsetiterator).
pub(crate) fn create_set_iterator(
    rt: &mut Runtime,
    set: Value,
    kind: SetIterKind,
) -> JsResult<Value> {
    // 1. Perform ? RequireInternalSlot(set, [[SetData]]).
    let Some(s) = host_ref::<SetData>(set) else {
        return Err(rt.type_error("Set iterator method called on incompatible receiver"));
    };
    let cursor = s.table.borrow_mut().new_cursor();
    let proto = rt.intrinsic(Intrinsic::SetIteratorPrototype);
    let it = SetIterator {
        set: Cell::new(set),
        cursor,
        kind,
    };
    let o = rt.new_object_with(proto, ObjectKind::Host(Box::new(it)), 0)?;
    Ok(Value::object(o))
}

/// 24.2.6.2.1 %SetIteratorPrototype%.next ( ).
fn set_iterator_next(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(it) = host_ref::<SetIterator>(this) else {
        return Err(rt.type_error("next called on an object that is not a Set Iterator"));
    };
    let set = it.set.get();
    let next = host_ref::<SetData>(set).and_then(|s| s.table.borrow().next_from(&it.cursor));
    let Some((value, _)) = next else {
        it.set.set(Value::UNDEFINED);
        return iter_result(rt, Value::UNDEFINED, true);
    };
    let result = match it.kind {
        SetIterKind::Values => value,
        SetIterKind::Entries => Value::object(rt.create_array_from_list(&[value, value])?),
    };
    iter_result(rt, result, false)
}
