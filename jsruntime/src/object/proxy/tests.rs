//! Proxy tests at the Rust level: what compiled code and the runtime rely on.

use crate::object::{PropertyKey, FLAG_CALLABLE};
use crate::runtime::inline_cache::PropertyCache;
use crate::runtime::Runtime;
use crate::value::Value;

/// A proxy is never served by an inline cache: filling a cache for it,
/// even for a key its target stores, leaves the cache empty.
#[test]
fn inline_caches_never_hold_a_proxy() {
    let mut rt = Runtime::new();
    let x = rt.key("x").unwrap();
    let target = rt.new_object().unwrap();
    rt.set(target, x, Value::from_i32(1), Value::object(target))
        .unwrap();
    let handler = rt.new_object().unwrap();
    let p = rt
        .proxy_create(Value::object(target), Value::object(handler))
        .unwrap();
    assert_eq!(
        rt.get(p, x, Value::object(p)).unwrap().as_i32(),
        Some(1),
        "no trap: forwards to the target"
    );
    for for_set in [false, true] {
        let cache = PropertyCache::default();
        cache.fill(p, x, for_set);
        assert!(cache.is_empty());
    }
    // Its own storage stays empty and it reports no stored [[Extensible]].
    assert!(p.stored_property(x).is_none());
    assert!(!p.is_extensible_flag());
    assert!(
        rt.is_extensible(p).unwrap(),
        "[[IsExtensible]] asks the target"
    );
    assert_eq!(p.flags() & FLAG_CALLABLE, 0);
}

/// Revoking makes every internal method throw, IsArray included.
#[test]
fn revoked_proxies_throw() {
    let mut rt = Runtime::new();
    let target = rt.new_array(0).unwrap();
    let handler = rt.new_object().unwrap();
    let p = rt
        .proxy_create(Value::object(target), Value::object(handler))
        .unwrap();
    assert!(rt.is_array(Value::object(p)).unwrap());
    rt.proxy_revoke(p);
    assert!(rt.is_array(Value::object(p)).is_err());
    assert!(rt.get_prototype_of(p).is_err());
    assert!(rt.own_property_keys(p).is_err());
    assert!(rt.has_property(p, PropertyKey::Index(0)).is_err());
}

/// A deep chain of proxies ends (a value or the guard's RangeError), never
/// in a native stack overflow.
#[test]
fn deep_chains_are_bounded() {
    let mut rt = Runtime::new();
    let x = rt.key("x").unwrap();
    let handler = rt.new_object().unwrap();
    let mut o = rt.new_object().unwrap();
    for _ in 0..200_000 {
        o = rt
            .proxy_create(Value::object(o), Value::object(handler))
            .unwrap();
    }
    let _ = rt.has_property(o, x);
    let _ = rt.own_property_keys(o);
    let _ = rt.get_prototype_of(o);
}
