//! Array Iterator objects (23.1.5): 23.1.5.1 CreateArrayIterator (for
//! `Array.prototype.entries`, `keys` and `values`) and
//! %ArrayIteratorPrototype%.next.

use std::cell::Cell;

use super::{host, iter_result, new_host};
use crate::gc::{Gc, Trace, Tracer};
use crate::object::JsObject;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// Which values an array iterator produces (23.1.5.1 CreateArrayIterator).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArrayIterKind {
    Keys,
    Values,
    Entries,
}

/// [[IteratedArrayLike]] (undefined once exhausted), [[ArrayLikeNextIndex]]
/// and [[ArrayLikeIterationKind]].
struct ArrayIterator {
    iterated: Cell<Value>,
    index: Cell<f64>,
    kind: ArrayIterKind,
}

// SAFETY: reports the only value the iterator holds.
unsafe impl Trace for ArrayIterator {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.iterated.get());
    }
}
host_data!(ArrayIterator, "Array Iterator");

/// 23.1.5.1 CreateArrayIterator ( array, kind ).
pub(crate) fn create_array_iterator(
    rt: &mut Runtime,
    this: Value,
    kind: ArrayIterKind,
) -> JsResult<Value> {
    let o = rt.to_object(this)?;
    let proto = rt.intrinsic(Intrinsic::ArrayIteratorPrototype);
    new_host(
        rt,
        proto,
        Box::new(ArrayIterator {
            iterated: Cell::new(Value::object(o)),
            index: Cell::new(0.0),
            kind,
        }),
    )
}

/// The length of an array-like for iteration (arrays without a call).
fn array_like_length(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<f64> {
    // 23.1.5.1 step 2.b.ii: a typed array's length, a TypeError when it is
    // detached or out of bounds.
    if let Some(ta) = crate::builtins::typed_array::typed_array_data(Value::object(o)) {
        return match ta.length() {
            Some(len) => Ok(len as f64),
            None => Err(rt.type_error("the typed array is detached or out of bounds")),
        };
    }
    if o.is_array() {
        Ok(o.array_length() as f64)
    } else {
        rt.length_of_array_like(o)
    }
}

/// 23.1.5.2.1 %ArrayIteratorPrototype%.next ( ).
pub(super) fn array_iterator_next(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(it) = host::<ArrayIterator>(this) else {
        return Err(rt.type_error("next called on an object that is not an Array Iterator"));
    };
    let (iterated, index, kind) = (it.iterated.get(), it.index.get(), it.kind);
    let Some(a) = iterated.as_object() else {
        return iter_result(rt, Value::UNDEFINED, true);
    };
    let len = array_like_length(rt, a)?;
    if index >= len {
        if let Some(it) = host::<ArrayIterator>(this) {
            it.iterated.set(Value::UNDEFINED);
        }
        return iter_result(rt, Value::UNDEFINED, true);
    }
    if let Some(it) = host::<ArrayIterator>(this) {
        it.index.set(index + 1.0);
    }
    let key = rt.index_key(index)?;
    let result = match kind {
        ArrayIterKind::Keys => Value::number(index),
        ArrayIterKind::Values => rt.get(a, key, Value::object(a))?,
        ArrayIterKind::Entries => {
            let v = rt.get(a, key, Value::object(a))?;
            let pair = rt.create_array_from_list(&[Value::number(index), v])?;
            Value::object(pair)
        }
    };
    iter_result(rt, result, false)
}
