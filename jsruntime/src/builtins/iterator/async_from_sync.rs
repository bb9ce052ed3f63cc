//! 27.1.6 %AsyncFromSyncIteratorPrototype% (#sec-%asyncfromsynciteratorprototype%-object):
//! a sync iterator seen as an async one (`for await` over an array,
//! `yield*` of a sync iterable in an async generator).

use std::cell::Cell;

use super::protocol::{new_record, IteratorRecord};
use super::{host, iter_result, new_host};
use crate::builtins::promise::{
    new_intrinsic_promise, perform_promise_then, promise_resolve, reject_intrinsic_promise,
    resolve_intrinsic_promise, Handler, PromiseCapability,
};
use crate::conversions::to_boolean;
use crate::gc::{Trace, Tracer};
use crate::object::PropertyKey;
use crate::runtime::builtins::{BuiltinObject, Make, Prop};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::{JsResult, Thrown};

/// 27.1.6.2 Properties of %AsyncFromSyncIteratorPrototype%.
pub(crate) static ASYNC_FROM_SYNC_ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%AsyncFromSyncIteratorPrototype%",
    intrinsic: Some(Intrinsic::AsyncFromSyncIteratorPrototype),
    proto: Some(Intrinsic::AsyncIteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("next", 1, next),
        Prop::method("return", 1, return_),
        Prop::method("throw", 1, throw),
    ],
};

/// [[SyncIteratorRecord]]: the iterator and its `next`.
struct AsyncFromSync {
    iterator: Cell<Value>,
    next: Cell<Value>,
}

// SAFETY: reports both values.
unsafe impl Trace for AsyncFromSync {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.iterator.get());
        tracer.mark_value(self.next.get());
    }
}
host_data!(AsyncFromSync, "Async-from-Sync Iterator");

/// 27.1.6.1 CreateAsyncFromSyncIterator ( syncIteratorRecord ): the async
/// iterator record over the sync record `sync`.
pub(crate) fn create_async_from_sync_iterator(rt: &mut Runtime, sync: Value) -> JsResult<Value> {
    let (iterator, next) = super::protocol::record_iterator(rt, sync)?;
    let proto = rt.intrinsic(Intrinsic::AsyncFromSyncIteratorPrototype);
    let object = new_host(
        rt,
        proto,
        Box::new(AsyncFromSync {
            iterator: Cell::new(iterator),
            next: Cell::new(next),
        }),
    )?;
    let next_key = PropertyKey::String(rt.names.next);
    let next_method = rt.get_v(object, next_key)?;
    new_record(
        rt,
        IteratorRecord {
            iterator: Cell::new(object),
            next: Cell::new(next_method),
            done: Cell::new(false),
            fast: Cell::new(false),
            index: Cell::new(0),
        },
    )
}

/// The sync iterator of `this` (always one of ours: the prototype is not
/// reachable from JavaScript).
fn sync_record(rt: &mut Runtime, this: Value) -> JsResult<(Value, Value)> {
    match host::<AsyncFromSync>(this) {
        Some(d) => Ok((d.iterator.get(), d.next.get())),
        None => Err(rt.type_error("not an Async-from-Sync Iterator")),
    }
}

/// The capability of `%Promise%` these methods settle (27.1.6.2.x step 3).
fn capability(rt: &mut Runtime) -> JsResult<PromiseCapability> {
    let promise = new_intrinsic_promise(rt)?;
    Ok(PromiseCapability {
        promise,
        resolve: Value::UNDEFINED,
        reject: Value::UNDEFINED,
    })
}

/// IfAbruptRejectPromise with an intrinsic capability.
fn reject(rt: &mut Runtime, cap: PromiseCapability, e: Value) -> JsResult<Value> {
    reject_intrinsic_promise(rt, cap.promise, e);
    Ok(cap.promise)
}

/// 27.1.6.2.1 %AsyncFromSyncIteratorPrototype%.next ( [ value ] ).
fn next(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let cap = capability(rt)?;
    let (iterator, next) = sync_record(rt, this)?;
    // Step 5: 7.4.4 IteratorNext, with the value only if present.
    let result = rt.call(next, iterator, &args[..args.len().min(1)]);
    let result = match result {
        Ok(r) if r.is_object() => r,
        Ok(_) => {
            let e = rt.type_error("iterator result is not an object");
            return reject(rt, cap, e.0);
        }
        Err(Thrown(e)) => return reject(rt, cap, e),
    };
    continuation(rt, result, cap, iterator, true)
}

/// 27.1.6.2.2 %AsyncFromSyncIteratorPrototype%.return ( [ value ] ).
fn return_(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let cap = capability(rt)?;
    let (iterator, _) = sync_record(rt, this)?;
    let key = PropertyKey::String(rt.atom("return")?);
    let method = match rt.get_method(iterator, key) {
        Ok(m) => m,
        Err(Thrown(e)) => return reject(rt, cap, e),
    };
    let Some(method) = method else {
        // Step 7.
        let value = args.first().copied().unwrap_or(Value::UNDEFINED);
        let result = iter_result(rt, value, true)?;
        resolve_intrinsic_promise(rt, cap.promise, result)?;
        return Ok(cap.promise);
    };
    let result = match rt.call(method, iterator, &args[..args.len().min(1)]) {
        Ok(r) => r,
        Err(Thrown(e)) => return reject(rt, cap, e),
    };
    if !result.is_object() {
        let e = rt.type_error("iterator result is not an object");
        return reject(rt, cap, e.0);
    }
    continuation(rt, result, cap, iterator, false)
}

/// 27.1.6.2.3 %AsyncFromSyncIteratorPrototype%.throw ( [ value ] ).
fn throw(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let cap = capability(rt)?;
    let (iterator, _) = sync_record(rt, this)?;
    let key = PropertyKey::String(rt.atom("throw")?);
    let method = match rt.get_method(iterator, key) {
        Ok(m) => m,
        Err(Thrown(e)) => return reject(rt, cap, e),
    };
    let Some(method) = method else {
        // Step 7: close the sync iterator (7.4.11 IteratorClose with a
        // normal completion), then reject with a TypeError.
        let closed = (|| {
            let key = PropertyKey::String(rt.atom("return")?);
            if let Some(ret) = rt.get_method(iterator, key)? {
                let r = rt.call(ret, iterator, &[])?;
                if !r.is_object() {
                    return Err(rt.type_error("iterator result is not an object"));
                }
            }
            Ok(())
        })();
        if let Err(Thrown(e)) = closed {
            return reject(rt, cap, e);
        }
        let e = rt.type_error("The iterator does not provide a 'throw' method");
        return reject(rt, cap, e.0);
    };
    let result = match rt.call(method, iterator, &args[..args.len().min(1)]) {
        Ok(r) => r,
        Err(Thrown(e)) => return reject(rt, cap, e),
    };
    if !result.is_object() {
        let e = rt.type_error("iterator result is not an object");
        return reject(rt, cap, e.0);
    }
    continuation(rt, result, cap, iterator, true)
}

/// 27.1.6.4 AsyncFromSyncIteratorContinuation ( result, promiseCapability,
/// syncIteratorRecord, closeOnRejection ).
fn continuation(
    rt: &mut Runtime,
    result: Value,
    cap: PromiseCapability,
    iterator: Value,
    close_on_rejection: bool,
) -> JsResult<Value> {
    let Some(o) = result.as_object() else {
        let e = rt.type_error("iterator result is not an object");
        return reject(rt, cap, e.0);
    };
    // Steps 2-5.
    let done_key = PropertyKey::String(rt.names.done);
    let done = match rt.get(o, done_key, result) {
        Ok(d) => to_boolean(d),
        Err(Thrown(e)) => return reject(rt, cap, e),
    };
    let value_key = PropertyKey::String(rt.names.value);
    let value = match rt.get(o, value_key, result) {
        Ok(v) => v,
        Err(Thrown(e)) => return reject(rt, cap, e),
    };
    // Steps 6-8.
    let constructor = rt.intrinsic(Intrinsic::Promise);
    let wrapper = match promise_resolve(rt, constructor, value) {
        Ok(w) => w,
        Err(Thrown(e)) => {
            if !done && close_on_rejection {
                close_quietly(rt, iterator);
            }
            return reject(rt, cap, e);
        }
    };
    // Steps 9-15.
    let on_fulfilled = Handler::Native {
        func: if done { unwrap_done } else { unwrap_not_done },
        data: Value::UNDEFINED,
    };
    let on_rejected = if done || !close_on_rejection {
        Handler::Callable(Value::UNDEFINED)
    } else {
        Handler::Native {
            func: close_and_rethrow,
            data: iterator,
        }
    };
    perform_promise_then(rt, wrapper, on_fulfilled, on_rejected, Some(cap));
    Ok(cap.promise)
}

/// Step 9 with done true: `v => CreateIteratorResultObject(v, true)`.
fn unwrap_done(rt: &mut Runtime, _: Value, v: Value) -> JsResult<Value> {
    iter_result(rt, v, true)
}

/// Step 9 with done false.
fn unwrap_not_done(rt: &mut Runtime, _: Value, v: Value) -> JsResult<Value> {
    iter_result(rt, v, false)
}

/// Step 13.a: IteratorClose of the sync iterator with a throw completion.
fn close_and_rethrow(rt: &mut Runtime, iterator: Value, error: Value) -> JsResult<Value> {
    close_quietly(rt, iterator);
    Err(Thrown(error))
}

/// 7.4.11 IteratorClose with a throw completion: `return` is called, its
/// errors ignored.
fn close_quietly(rt: &mut Runtime, iterator: Value) {
    let _ = (|| -> JsResult<()> {
        let key = PropertyKey::String(rt.atom("return")?);
        if let Some(ret) = rt.get_method(iterator, key)? {
            rt.call(ret, iterator, &[])?;
        }
        Ok(())
    })();
}
