//! The Iterator constructor (27.1.3), `Iterator.from` with
//! %WrapForValidIteratorPrototype% (27.1.3.2.1), the accessors
//! `Iterator.prototype.constructor` and `[@@toStringTag]` (27.1.4.1,
//! 27.1.4.14), and the operations on iterator values the helpers share
//! (GetIteratorDirect, GetIteratorFlattenable, IteratorStep(Value) and
//! IteratorClose on an ([[Iterator]], [[NextMethod]]) pair).

use super::{host, iter_result, new_host};
use crate::builtins::arg;
use crate::gc::{Gc, Trace, Tracer};
use crate::object::{JsObject, ObjectKind, PropertyKey};
use crate::runtime::{Intrinsic, Runtime};
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// An iterator record held by value (7.4.1): [[Iterator]] and
/// [[NextMethod]]. Its values live in Rust locals (the stack scan sees
/// them) or in traced host data.
#[derive(Clone, Copy)]
pub(super) struct Direct {
    pub iterator: Value,
    pub next: Value,
}

/// GetIteratorDirect ( obj ) (#sec-getiteratordirect).
pub(super) fn get_iterator_direct(rt: &mut Runtime, obj: Value) -> JsResult<Direct> {
    // 1. Let nextMethod be ? Get(obj, "next").
    let key = PropertyKey::String(rt.names.next);
    let next = rt.get_v(obj, key)?;
    Ok(Direct {
        iterator: obj,
        next,
    })
}

/// GetIteratorFlattenable ( obj, primitiveHandling )
/// (#sec-getiteratorflattenable). `strings`: iterate-string-primitives
/// (else reject-primitives).
pub(super) fn get_iterator_flattenable(
    rt: &mut Runtime,
    obj: Value,
    strings: bool,
) -> JsResult<Direct> {
    // 1. If obj is not an Object, then a string (when allowed) or a TypeError.
    if !(obj.is_object() || (strings && obj.is_string())) {
        return Err(rt.type_error("value is not an iterator or iterable object"));
    }
    // 2. Let method be ? GetMethod(obj, %Symbol.iterator%).
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::Iterator));
    let iterator = match rt.get_method(obj, key)? {
        // 3. If method is undefined, let iterator be obj.
        None => obj,
        // 4. Else, let iterator be ? Call(method, obj).
        Some(method) => rt.call(method, obj, &[])?,
    };
    // 5. If iterator is not an Object, throw a TypeError exception.
    if !iterator.is_object() {
        return Err(rt.type_error("Symbol.iterator method returned a non-object"));
    }
    // 6. Return ? GetIteratorDirect(iterator).
    get_iterator_direct(rt, iterator)
}

/// IteratorStep (#sec-iteratorstep: IteratorNext, then IteratorComplete):
/// the result object, or `None` when it says done.
pub(super) fn iterator_step(rt: &mut Runtime, r: Direct) -> JsResult<Option<Gc<JsObject>>> {
    let result = rt.call(r.next, r.iterator, &[])?;
    let Some(o) = result.as_object() else {
        return Err(rt.type_error("iterator result is not an object"));
    };
    let key = PropertyKey::String(rt.names.done);
    let done = rt.get(o, key, result)?;
    Ok(if crate::conversions::to_boolean(done) {
        None
    } else {
        Some(o)
    })
}

/// IteratorStepValue (#sec-iteratorstepvalue): the next value, or `None` when done.
pub(super) fn iterator_step_value(rt: &mut Runtime, r: Direct) -> JsResult<Option<Value>> {
    // A generator with its original `next`: no result object (not observable).
    if r.next == rt.intrinsic(Intrinsic::GeneratorNext) {
        if let Some(o) = r.iterator.as_object() {
            if let Some(step) = crate::builtins::generator::step_value(rt, o) {
                return step;
            }
        }
    }
    let Some(o) = iterator_step(rt, r)? else {
        return Ok(None);
    };
    let key = PropertyKey::String(rt.names.value);
    rt.get(o, key, Value::object(o)).map(Some)
}

/// 7.4.11 IteratorClose ( iteratorRecord, completion ) for a normal or
/// return completion: errors of `return` and a non-object result throw.
pub(super) fn close(rt: &mut Runtime, iterator: Value) -> JsResult<()> {
    // 3. Let innerResult be Completion(GetMethod(iterator, "return")).
    let key = PropertyKey::String(rt.atom("return")?);
    let Some(method) = rt.get_method(iterator, key)? else {
        // 4.b. If return is undefined, return ? completion.
        return Ok(());
    };
    // 4.c. Set innerResult to Completion(Call(return, iterator)).
    let inner = rt.call(method, iterator, &[])?;
    // 7. If innerResult.[[Value]] is not an Object, throw a TypeError exception.
    if !inner.is_object() {
        return Err(rt.type_error("iterator return() result is not an object"));
    }
    Ok(())
}

/// 7.4.11 IteratorClose for a throw completion: the completion wins (5.),
/// whatever `return` does.
pub(super) fn close_quietly(rt: &mut Runtime, iterator: Value) {
    let _ = close(rt, iterator);
}

/// IfAbruptCloseIterator ( value, iteratorRecord ) (#sec-ifabruptcloseiterator).
pub(super) fn close_if_abrupt<T>(
    rt: &mut Runtime,
    iterator: Value,
    step: JsResult<T>,
) -> JsResult<T> {
    if step.is_err() {
        close_quietly(rt, iterator);
    }
    step
}

/// 27.1.3.1 Iterator ( ) called without `new`.
pub(super) fn call_iterator(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Err(rt.type_error("Constructor Iterator requires 'new'"))
}

/// 27.1.3.1 Iterator ( ) (#sec-iterator-constructor).
pub(super) fn construct_iterator(
    rt: &mut Runtime,
    _: &[Value],
    nt: Gc<JsObject>,
) -> JsResult<Value> {
    // 1. If NewTarget is either undefined or the active function object,
    //    throw a TypeError exception (Iterator is abstract).
    if Value::object(nt) == rt.intrinsic(Intrinsic::Iterator) {
        return Err(rt.type_error("Abstract class Iterator not directly constructable"));
    }
    // 2. Return ? OrdinaryCreateFromConstructor(NewTarget, "%Iterator.prototype%").
    let o = rt.ordinary_create_from_constructor(
        nt,
        Intrinsic::IteratorPrototype,
        ObjectKind::Ordinary,
        0,
    )?;
    Ok(Value::object(o))
}

/// [[Iterated]] of a %WrapForValidIteratorPrototype% object.
struct Wrapped {
    iterated: Direct,
}

// SAFETY: reports both values of the record.
unsafe impl Trace for Wrapped {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.iterated.iterator);
        tracer.mark_value(self.iterated.next);
    }
}
host_data!(Wrapped, "Iterator");

/// 27.1.3.2.1 Iterator.from ( O ) (#sec-iterator.from).
pub(super) fn from(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    // 1. Let iteratorRecord be ? GetIteratorFlattenable(O, iterate-string-primitives).
    let record = get_iterator_flattenable(rt, arg(args, 0), true)?;
    // 2. Let hasInstance be ? OrdinaryHasInstance(%Iterator%, iteratorRecord.[[Iterator]]).
    let iterator_ctor = rt.intrinsic(Intrinsic::Iterator);
    // 3. If hasInstance is true, return iteratorRecord.[[Iterator]].
    if rt.ordinary_has_instance(iterator_ctor, record.iterator)? {
        return Ok(record.iterator);
    }
    // 4.-6. A wrapper whose [[Iterated]] is the record.
    let proto = rt.intrinsic(Intrinsic::WrapForValidIteratorPrototype);
    new_host(rt, proto, Box::new(Wrapped { iterated: record }))
}

/// RequireInternalSlot(O, [[Iterated]]).
fn this_wrapped(rt: &mut Runtime, this: Value) -> JsResult<Direct> {
    match host::<Wrapped>(this) {
        Some(w) => Ok(w.iterated),
        None => Err(rt.type_error("not an Iterator.from wrapper object")),
    }
}

/// 27.1.3.2.1.1.1 %WrapForValidIteratorPrototype%.next ( ).
pub(super) fn wrap_next(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let r = this_wrapped(rt, this)?;
    // 4. Return ? Call(iteratorRecord.[[NextMethod]], iteratorRecord.[[Iterator]]).
    rt.call(r.next, r.iterator, &[])
}

/// 27.1.3.2.1.1.2 %WrapForValidIteratorPrototype%.return ( ).
pub(super) fn wrap_return(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let iterator = this_wrapped(rt, this)?.iterator;
    // 5. Let returnMethod be ? GetMethod(iterator, "return").
    let key = PropertyKey::String(rt.atom("return")?);
    match rt.get_method(iterator, key)? {
        // 6. If returnMethod is undefined, return CreateIteratorResultObject(undefined, true).
        None => iter_result(rt, Value::UNDEFINED, true),
        // 7. Return ? Call(returnMethod, iterator).
        Some(method) => rt.call(method, iterator, &[]),
    }
}

/// SetterThatIgnoresPrototypeProperties ( thisValue, home, p, v )
/// (#sec-SetterThatIgnoresPrototypeProperties), home = %Iterator.prototype%.
fn setter_ignoring_prototype(
    rt: &mut Runtime,
    this: Value,
    key: PropertyKey,
    v: Value,
) -> JsResult<Value> {
    // 1. If thisValue is not an Object, throw a TypeError exception.
    let Some(o) = this.as_object() else {
        return Err(rt.type_error("setter called on a non-object"));
    };
    // 2. If SameValue(thisValue, home) is true, throw a TypeError exception.
    if this == rt.intrinsic(Intrinsic::IteratorPrototype) {
        return Err(rt.type_error("cannot set this property of Iterator.prototype"));
    }
    // 3. Let desc be ? thisValue.[[GetOwnProperty]](p).
    if rt.get_own_property(o, key)?.is_none() {
        // 4. If desc is undefined, perform ? CreateDataPropertyOrThrow(thisValue, p, v).
        rt.create_data_property_or_throw(o, key, v)?;
    } else if !rt.set(o, key, v, this)? {
        // 5. Else, perform ? Set(thisValue, p, v, true).
        return Err(rt.type_error("cannot assign to a read-only property"));
    }
    Ok(Value::UNDEFINED)
}

/// 27.1.4.1.1 get Iterator.prototype.constructor.
pub(super) fn get_constructor(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Ok(rt.intrinsic(Intrinsic::Iterator))
}

/// 27.1.4.1.2 set Iterator.prototype.constructor.
pub(super) fn set_constructor(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let key = PropertyKey::String(rt.names.constructor);
    setter_ignoring_prototype(rt, this, key, arg(args, 0))
}

/// 27.1.4.14.1 get Iterator.prototype [ %Symbol.toStringTag% ].
pub(super) fn get_to_string_tag(rt: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::string(rt.atom("Iterator")?))
}

/// 27.1.4.14.2 set Iterator.prototype [ %Symbol.toStringTag% ].
pub(super) fn set_to_string_tag(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let key = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::ToStringTag));
    setter_ignoring_prototype(rt, this, key, arg(args, 0))
}
