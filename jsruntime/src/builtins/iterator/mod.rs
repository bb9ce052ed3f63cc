//! Iteration: the Iterator constructor and %Iterator.prototype% (27.1.3,
//! 27.1.4) with the iterator helpers ([`constructor`], [`helpers`],
//! [`consumers`]), and the iterator prototypes of
//! the built-ins, with their iterator objects: array iterators (23.1.5,
//! [`array`]), string iterators (22.1.5, by code points, [`string`]), RegExp
//! string iterators (22.2.9, [`regexp_string`]); and the internal records
//! the compiled code uses for `for-of`, spread and array patterns (the
//! iterator protocol, 7.4, [`protocol`]) and for `for-in` ([`for_in`]) (see
//! [`crate::semantics::Helper`]).

/// Implements [`HostData`] for the state of an iterator or record.
macro_rules! host_data {
    ($t:ty, $name:literal) => {
        impl crate::object::HostData for $t {
            fn class_name(&self) -> &'static str {
                $name
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
            fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
                self
            }
        }
    };
}

pub(crate) mod array;
pub(crate) mod async_from_sync;
pub mod async_protocol;
mod constructor;
mod consumers;
mod for_in;
mod helpers;
mod protocol;
pub(crate) mod regexp_string;
pub(crate) mod string;

use crate::object::{HostData, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
use constructor::{
    call_iterator, construct_iterator, get_constructor, get_to_string_tag, set_constructor,
    set_to_string_tag,
};

pub use for_in::{for_in_iterator, for_in_step};
pub(crate) use protocol::record_iterator;
pub use protocol::{
    append_spread, get_iterator, get_iterator_from_method, iterator_close, pattern_iterator,
    pattern_rest, pattern_step, step_value, IteratorRecord,
};

/// 27.1.3 The Iterator Constructor (#sec-iterator-constructor) and 27.1.3.2
/// its properties.
pub(crate) static ITERATOR: BuiltinObject = BuiltinObject {
    name: "Iterator",
    intrinsic: Some(Intrinsic::Iterator),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor("Iterator", 0, call_iterator, construct_iterator),
    props: &[
        Prop::method("from", 1, constructor::from),
        Prop::prototype(Intrinsic::IteratorPrototype),
    ],
};

/// 27.1.4 The %Iterator.prototype% Object (#sec-%iterator.prototype%-object),
/// the spec's %IteratorPrototype%. `Symbol.dispose` (explicit resource
/// management, ES2026) is not part of ES2025.
pub(crate) static ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%IteratorPrototype%",
    intrinsic: Some(Intrinsic::IteratorPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[
        // 27.1.4.1: an accessor, so that assigning `constructor` on objects
        // inheriting from it works (SetterThatIgnoresPrototypeProperties).
        Prop::accessor("constructor", Some(get_constructor), Some(set_constructor)),
        Prop::method("drop", 1, helpers::drop),
        Prop::method("every", 1, consumers::every),
        Prop::method("filter", 1, helpers::filter),
        Prop::method("find", 1, consumers::find),
        Prop::method("flatMap", 1, helpers::flat_map),
        Prop::method("forEach", 1, consumers::for_each),
        Prop::method("map", 1, helpers::map),
        Prop::method("reduce", 1, consumers::reduce),
        Prop::method("some", 1, consumers::some),
        Prop::method("take", 1, helpers::take),
        Prop::method("toArray", 0, consumers::to_array),
        Prop::method("@@iterator", 0, return_this),
        // 27.1.4.14: an accessor too, for the same reason.
        Prop::accessor(
            "@@toStringTag",
            Some(get_to_string_tag),
            Some(set_to_string_tag),
        ),
    ],
};

/// 27.1.3.2.1.1 The %WrapForValidIteratorPrototype% Object
/// (#sec-%wrapforvaliditeratorprototype%-object).
pub(crate) static WRAP_FOR_VALID_ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%WrapForValidIteratorPrototype%",
    intrinsic: Some(Intrinsic::WrapForValidIteratorPrototype),
    proto: Some(Intrinsic::IteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("next", 0, constructor::wrap_next),
        Prop::method("return", 0, constructor::wrap_return),
    ],
};

/// 27.1.2.1 The %IteratorHelperPrototype% Object
/// (#sec-%iteratorhelperprototype%-object).
pub(crate) static ITERATOR_HELPER_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%IteratorHelperPrototype%",
    intrinsic: Some(Intrinsic::IteratorHelperPrototype),
    proto: Some(Intrinsic::IteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("next", 0, helpers::helper_next),
        Prop::method("return", 0, helpers::helper_return),
        Prop::value("@@toStringTag", Constant::Str("Iterator Helper"), ATTR_C),
    ],
};

/// 23.1.5.2 The %ArrayIteratorPrototype% Object
/// (#sec-%arrayiteratorprototype%-object).
pub(crate) static ARRAY_ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%ArrayIteratorPrototype%",
    intrinsic: Some(Intrinsic::ArrayIteratorPrototype),
    proto: Some(Intrinsic::IteratorPrototype),
    make: Make::Ordinary,
    props: &[
        // The iteration fast paths check that `next` is still the original.
        Prop::method("next", 0, array::array_iterator_next).records(Intrinsic::ArrayIteratorNext),
        Prop::value("@@toStringTag", Constant::Str("Array Iterator"), ATTR_C),
    ],
};

/// 22.1.5.2 The %StringIteratorPrototype% Object
/// (#sec-%stringiteratorprototype%-object).
pub(crate) static STRING_ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%StringIteratorPrototype%",
    intrinsic: Some(Intrinsic::StringIteratorPrototype),
    proto: Some(Intrinsic::IteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("next", 0, string::string_iterator_next)
            .records(Intrinsic::StringIteratorNext),
        Prop::value("@@toStringTag", Constant::Str("String Iterator"), ATTR_C),
    ],
};

/// 22.2.9.2 The %RegExpStringIteratorPrototype% Object
/// (#sec-%regexpstringiteratorprototype%-object).
pub(crate) static REGEXP_STRING_ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%RegExpStringIteratorPrototype%",
    intrinsic: Some(Intrinsic::RegExpStringIteratorPrototype),
    proto: Some(Intrinsic::IteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("next", 0, regexp_string::regexp_string_iterator_next),
        Prop::value(
            "@@toStringTag",
            Constant::Str("RegExp String Iterator"),
            ATTR_C,
        ),
    ],
};

/// 27.1.4.13 %Iterator.prototype% [ %Symbol.iterator% ] ( ).
fn return_this(_: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(this)
}

/// The host data of type `T` of an object value. The reference is only
/// read (its fields are `Cell`s). It must not be held across calls that can
/// run JavaScript code when JavaScript can reach the object (iterator
/// objects: a property store would take `&mut` of the object); internal
/// records are unreachable from JavaScript. The caller keeps `v` alive.
fn host<T: 'static>(v: Value) -> Option<&'static T> {
    let o = v.as_object()?;
    // SAFETY: the object is live (the caller holds `v` on its stack) and
    // the data is only read through shared references; the `'static` is a
    // promise of the callers to drop it before the object can die.
    let kind = unsafe { &*(o.kind() as *const ObjectKind) };
    match kind {
        ObjectKind::Host(h) => h.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

fn new_host(rt: &mut Runtime, proto: Value, data: Box<dyn HostData>) -> JsResult<Value> {
    let o = rt.new_object_with(proto, ObjectKind::Host(data), 0)?;
    Ok(Value::object(o))
}

/// 7.4.14 CreateIteratorResultObject ( value, done ).
/// The object is created with its final shape at once (the shape
/// `value`, `done` is shared by every result).
pub(crate) fn iter_result(rt: &mut Runtime, value: Value, done: bool) -> JsResult<Value> {
    let proto = rt.intrinsic(Intrinsic::ObjectPrototype);
    let shape = rt.iter_result_shape;
    let o = rt.new_object_with_shape(
        proto,
        ObjectKind::Ordinary,
        0,
        shape,
        &[value, Value::from_bool(done)],
    )?;
    Ok(Value::object(o))
}
