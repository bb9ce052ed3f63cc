//! String tests: representations, ropes, atoms, conversions.

use super::*;
use crate::value::Value;

#[test]
fn latin1_and_utf16() {
    let mut rt = Runtime::new();
    let a = rt.new_string("héllo").unwrap();
    assert!(matches!(a.view(), StrView::Latin1(_)));
    assert_eq!(a.len(), 5);
    let b = rt.new_string("日本🎉").unwrap();
    assert!(matches!(b.view(), StrView::Utf16(_)));
    assert_eq!(b.len(), 4, "the emoji is a surrogate pair");
    assert_eq!(b.code_unit_at(2), Some(0xD83C));
    assert_eq!(b.to_rust_string(), "日本🎉");
    let lone = rt.new_string_utf16(&[0x61, 0xD800]).unwrap();
    assert_eq!(lone.len(), 2);
    assert_eq!(lone.to_rust_string(), "a\u{FFFD}");
    let narrow = rt.new_string_utf16(&[0x61, 0xE9]).unwrap();
    assert!(matches!(narrow.view(), StrView::Latin1(_)));
    assert!(narrow.eq_str("aé"));
}

#[test]
fn ropes_make_appending_linear() {
    let mut rt = Runtime::new();
    let piece = rt
        .new_string("0123456789abcdefghijklmnopqrstuvwxyz")
        .unwrap();
    let mut s = rt.empty_string();
    for _ in 0..200_000 {
        s = rt.concat_strings(s, piece).unwrap();
    }
    assert_eq!(s.len(), 36 * 200_000);
    assert!(s.is_rope());
    assert_eq!(s.code_unit_at(36 * 199_999 + 10), Some(b'a' as u16));
    assert!(!s.is_rope());
    let wide = rt.new_string("é€").unwrap();
    let mixed = rt.concat_strings(s, wide).unwrap();
    assert_eq!(mixed.code_unit_at(mixed.len() - 1), Some(0x20AC));
}

#[test]
fn rope_survives_collection() {
    let mut rt = Runtime::new();
    let piece = rt.new_string("abcdefghijklmnopqrstuvwxyz").unwrap();
    let mut s = rt.empty_string();
    for _ in 0..1000 {
        s = rt.concat_strings(s, piece).unwrap();
    }
    rt.collect_garbage();
    for _ in 0..50_000 {
        rt.new_object().unwrap();
    }
    rt.collect_garbage();
    assert_eq!(s.len(), 26_000);
    assert_eq!(s.code_unit_at(25_999), Some(b'z' as u16));
}

#[test]
fn atoms_are_unique() {
    let mut rt = Runtime::new();
    let a = rt.atom("hello").unwrap();
    let b = rt.atom("hello").unwrap();
    assert_eq!(a, b);
    let c = rt.new_string("hel").unwrap();
    let d = rt.new_string("lo").unwrap();
    let cd = rt.concat_strings(c, d).unwrap();
    assert_eq!(rt.intern(cd), a);
    assert!(a.is_atom());
    let e = rt.atom("日本").unwrap();
    let units: Vec<u16> = "日本".encode_utf16().collect();
    let f = rt.new_string_utf16(&units).unwrap();
    assert_eq!(rt.intern(f), e);
}

#[test]
fn compare_and_substring() {
    let mut rt = Runtime::new();
    let a = rt.new_string("abc").unwrap();
    let b = rt.new_string("abd").unwrap();
    let ab = rt.new_string("ab").unwrap();
    assert_eq!(a.compare(&b), Ordering::Less);
    assert_eq!(ab.compare(&a), Ordering::Less);
    let sub = rt.substring(a, 1, 3).unwrap();
    assert!(sub.eq_str("bc"));
    assert!(Value::string(sub).is_string());
}

#[test]
fn too_long_strings_throw() {
    let mut rt = Runtime::new();
    let piece = rt.new_string(&"x".repeat(1 << 20)).unwrap();
    let mut s = piece;
    let mut failed = false;
    for _ in 0..2000 {
        match rt.concat_strings(s, piece) {
            Ok(n) => s = n,
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    assert!(failed, "length limit enforced with a RangeError");
}
