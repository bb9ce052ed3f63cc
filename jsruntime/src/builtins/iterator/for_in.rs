//! The records behind `for-in` (14.7.5.9 EnumerateObjectProperties).

use std::cell::Cell;
use std::collections::HashSet;

use super::{host, new_host};
use crate::gc::{RootedList, Trace, Tracer};
use crate::object::proxy::is_proxy;
use crate::object::PropertyKey;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// The state of a for-in enumeration (14.7.5.9 EnumerateObjectProperties):
/// the object and the keys collected when the loop started.
/// The keys are kept as property keys (atoms and indices): no string is
/// allocated, so no unrooted value exists while they are collected.
struct ForInRecord {
    object: Value,
    // GC: a field of the ForInRecord host cell, which traces it
    keys: Vec<PropertyKey>,
    index: Cell<usize>,
    /// Whether each step checks that the key is still a property (skips
    /// properties deleted before they are visited). Off when a proxy is on
    /// the chain: its keys were already checked with [[GetOwnProperty]]
    /// when collected, and a [[HasProperty]] per step would run its `has`
    /// trap again (V8 does not either).
    check_deleted: bool,
}

// SAFETY: reports the object and every key's cell.
unsafe impl Trace for ForInRecord {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.object);
        for k in &self.keys {
            match k {
                PropertyKey::String(s) => tracer.mark_cell(s.addr()),
                PropertyKey::Symbol(s) => tracer.mark_cell(s.addr()),
                PropertyKey::Index(_) => {}
            }
        }
    }
}
host_data!(ForInRecord, "For-In Iterator");

/// The for-in state of a value: its enumerable string keys and those of its
/// prototypes, each once, in the order of OrdinaryOwnPropertyKeys per
/// object; a key shadowed by an own property (enumerable or not) of an
/// object earlier on the chain is skipped. Undefined and null enumerate
/// nothing (14.7.5.6 step 6.a).
pub fn for_in_iterator(rt: &mut Runtime, v: Value) -> JsResult<Value> {
    // Rooted: proxies' traps run user code while the keys are collected.
    let mut keys: RootedList<PropertyKey> = rt.rooted_list();
    let mut object = Value::UNDEFINED;
    let mut check_deleted = true;
    if !v.is_nullish() {
        let o = rt.to_object(v)?;
        object = Value::object(o);
        // GC: keys only, each also in `keys` or `own`, which are rooted.
        let mut visited: HashSet<PropertyKey> = HashSet::new();
        let mut current = Some(o);
        let mut guard = 0u32;
        while let Some(c) = current {
            check_deleted &= !is_proxy(c);
            guard += 1;
            if guard > 100_000 {
                break;
            }
            let own = rt.own_property_keys(c)?;
            let own: RootedList<PropertyKey> = rt.rooted_list_from(&own);
            for &key in own.iter() {
                // A typed array's million keys read a million elements (a
                // BigInt each for BigInt64Array): long enough to poll.
                rt.poll_interrupt()?;
                if matches!(key, PropertyKey::Symbol(_)) || !visited.insert(key) {
                    continue;
                }
                if let Some(desc) = rt.get_own_property(c, key)? {
                    if desc.enumerable == Some(true) {
                        keys.push(key);
                    }
                }
            }
            current = rt.get_prototype_of(c)?.as_object();
        }
    }
    // GC: moved into the ForInRecord, traced by the alloc slow path.
    let keys = keys.to_vec();
    new_host(
        rt,
        Value::NULL,
        Box::new(ForInRecord {
            object,
            keys,
            index: Cell::new(0),
            check_deleted,
        }),
    )
}

/// The next key of a for-in enumeration that is still a property of the
/// object (properties deleted before they are visited are skipped), or
/// HOLE.
pub fn for_in_step(rt: &mut Runtime, rec: Value) -> JsResult<Value> {
    loop {
        let Some(r) = host::<ForInRecord>(rec) else {
            return Err(rt.type_error("internal error: not a for-in record"));
        };
        let i = r.index.get();
        let (Some(&key), Some(o)) = (r.keys.get(i), r.object.as_object()) else {
            return Ok(Value::HOLE);
        };
        r.index.set(i + 1);
        if !r.check_deleted || rt.has_property(o, key)? {
            return rt.property_key_to_value(key);
        }
    }
}
