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
fn appending_long_parts_makes_ropes() {
    let mut rt = Runtime::new();
    let piece = rt
        .new_string(&"0123456789abcdefghijklmnopqrstuvwxyz".repeat(8))
        .unwrap();
    let mut s = rt.empty_string();
    for _ in 0..20_000 {
        s = rt.concat_strings(s, piece).unwrap();
    }
    assert_eq!(s.len(), 288 * 20_000);
    assert!(s.is_rope());
    assert_eq!(s.code_unit_at(288 * 19_999 + 10), Some(b'a' as u16));
    assert!(!s.is_rope());
    let wide = rt.new_string("é€").unwrap();
    let mixed = rt.concat_strings(s, wide).unwrap();
    assert_eq!(mixed.code_unit_at(mixed.len() - 1), Some(0x20AC));
}

#[test]
fn appending_short_parts_fills_a_shared_buffer() {
    let mut rt = Runtime::new();
    let piece = rt
        .new_string("0123456789abcdefghijklmnopqrstuvwxyz")
        .unwrap();
    let mut s = rt.empty_string();
    let mut kept = Vec::new();
    for i in 0..200_000 {
        s = rt.concat_strings(s, piece).unwrap();
        if i % 50_000 == 0 {
            kept.push(rt.persistent(Value::string(s)));
        }
    }
    assert_eq!(s.len(), 36 * 200_000);
    assert!(!s.is_rope());
    assert_eq!(s.code_unit_at(36 * 199_999 + 10), Some(b'a' as u16));
    // Earlier strings sharing the buffer still read their own prefix.
    for (k, t) in kept.iter().enumerate() {
        let t = t.get().as_string().unwrap();
        assert_eq!(t.len(), 36 * (k * 50_000 + 1));
        assert_eq!(t.code_unit_at(t.len() - 1), Some(b'z' as u16));
    }
    // A wide part moves the string to a UTF-16 buffer.
    let wide = rt.new_string("é€").unwrap();
    let mixed = rt.concat_strings(s, wide).unwrap();
    assert_eq!(mixed.code_unit_at(mixed.len() - 1), Some(0x20AC));
    let more = rt.concat_strings(mixed, piece).unwrap();
    assert_eq!(more.code_unit_at(more.len() - 36), Some(b'0' as u16));
    assert_eq!(more.code_unit_at(mixed.len() - 1), Some(0x20AC));
}

#[test]
fn branching_appends_do_not_overwrite_each_other() {
    let mut rt = Runtime::new();
    let base = rt
        .new_string("a fairly long base string, 40 units....")
        .unwrap();
    let x = rt.new_string("x").unwrap();
    let y = rt.new_string("y").unwrap();
    let s = rt.concat_strings(base, x).unwrap();
    let sx = rt.concat_strings(s, x).unwrap();
    // `s` no longer ends its buffer: this copies.
    let sy = rt.concat_strings(s, y).unwrap();
    assert!(sx.to_rust_string().ends_with("xx"));
    assert!(sy.to_rust_string().ends_with("xy"));
    assert!(s.to_rust_string().ends_with(".x"));
    // `s + s`: the appended part is the buffer's own prefix.
    let ss = rt.concat_strings(sy, sy).unwrap();
    let text = sy.to_rust_string();
    assert_eq!(ss.to_rust_string(), format!("{text}{text}"));
}

#[test]
fn appending_stays_linear_in_time_and_memory() {
    // 4 million appends of 25 units (100 MB): amortised O(1) each, and the
    // garbage strings and outgrown buffers are reclaimed.
    let mut rt = Runtime::new();
    let piece = rt.new_string("abcdefghijklmnopqrstuvwxy").unwrap();
    let mut s = rt.empty_string();
    let start = std::time::Instant::now();
    for _ in 0..4_000_000 {
        s = rt.concat_strings(s, piece).unwrap();
    }
    assert_eq!(s.len(), 100_000_000);
    assert!(start.elapsed().as_secs() < 60);
    rt.collect_garbage();
    // The live string's buffer is at most 1.5 times its length; cells are
    // all collected but the last.
    assert!(rt.heap_stats().live_bytes < 1 << 20);
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

#[test]
fn short_latin1_strings_live_in_the_cell() {
    let mut rt = Runtime::new();
    let text = "abcdefghijklmnopqrstuvwxyz";
    for n in [1, INLINE_CAPACITY - 1, INLINE_CAPACITY, INLINE_CAPACITY + 1] {
        let from_str = rt.new_string(&text[..n]).unwrap();
        let units: Vec<u16> = text[..n].encode_utf16().collect();
        let from_units = rt.new_string_utf16(&units).unwrap();
        let from_bytes = rt.new_string_latin1(&text.as_bytes()[..n]).unwrap();
        for s in [from_str, from_units, from_bytes] {
            assert!(s.eq_str(&text[..n]));
            assert_eq!(s.len(), n);
            let inline = matches!(s.repr(), Repr::Latin1Inline(_));
            assert_eq!(inline, n <= INLINE_CAPACITY, "length {n}");
            assert_eq!(s.buffer_bytes(), if inline { 0 } else { n });
        }
    }
    // A short concatenation of two Latin-1 strings is built inline too.
    let a = rt.new_string("abc").unwrap();
    let b = rt.new_string("déf").unwrap();
    let ab = rt.concat_strings(a, b).unwrap();
    assert!(matches!(ab.repr(), Repr::Latin1Inline(_)));
    assert!(ab.eq_str("abcdéf"));
    assert_eq!(ab.hash(), rt.new_string("abcdéf").unwrap().hash());
}

#[test]
fn long_parts_are_slices_of_the_root_buffer() {
    let mut rt = Runtime::new();
    let text = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(4);
    let s = rt.new_string(&text).unwrap();
    // Short Latin-1 parts are copied into the cell, long ones are slices.
    let short = rt.substring(s, 3, 3 + INLINE_CAPACITY).unwrap();
    assert!(matches!(short.repr(), Repr::Latin1Inline(_)));
    let long = rt.substring(s, 3, 100).unwrap();
    assert!(long.is_slice());
    assert!(long.eq_str(&text[3..100]));
    assert_eq!(long.buffer_bytes(), 0);
    // A slice of a slice refers to the root, at the summed offset.
    let inner = rt.substring(long, 10, 60).unwrap();
    match inner.repr() {
        Repr::Slice(base, start) => {
            assert_eq!(*base, s);
            assert_eq!(*start, 13);
        }
        _ => panic!("not a slice"),
    }
    assert!(inner.eq_str(&text[13..63]));
    // Hashing, equality, comparison and interning read the slice's units.
    let copy = rt.new_string(&text[13..63]).unwrap();
    assert_eq!(inner.hash(), copy.hash());
    assert!(inner.equals(&copy));
    assert_eq!(inner.compare(&copy), Ordering::Equal);
    assert_eq!(rt.intern(copy), copy);
    assert_eq!(rt.intern(inner), copy);
    // UTF-16 parts are slices from MIN_SLICE_LENGTH on.
    let wide = rt.new_string(&"é€x".repeat(10)).unwrap();
    let w = rt.substring(wide, 1, 1 + MIN_SLICE_LENGTH).unwrap();
    assert!(w.is_slice());
    assert_eq!(w.code_unit_at(0), Some(0x20AC));
    let w2 = rt.substring(wide, 1, MIN_SLICE_LENGTH).unwrap();
    assert!(!w2.is_slice());
    // Slices in a rope (parts longer than the append limit) flatten with
    // the right units, widened when one is UTF-16.
    let big = rt.new_string(&text.repeat(3)).unwrap();
    let long2 = rt.substring(big, 1, 301).unwrap();
    assert!(long2.is_slice());
    let rope = rt.concat_strings(w, long2).unwrap();
    assert!(rope.is_rope());
    let expected: Vec<u16> = "€xé€xé€xé€xé€"
        .encode_utf16()
        .chain(text.repeat(3)[1..301].encode_utf16())
        .collect();
    assert_eq!(rope.to_utf16(), expected);
}

#[test]
fn a_slice_keeps_its_base_alive() {
    let mut rt = Runtime::new();
    let piece = rt
        .new_string("0123456789abcdefghijklmnopqrstuvwxyz")
        .unwrap();
    // `piece + piece` (an append buffer): the slice's base is that cell.
    let both = rt.concat_strings(piece, piece).unwrap();
    let slice = rt.substring(both, 30, 70).unwrap();
    let kept = rt.persistent(Value::string(slice));
    for _ in 0..3 {
        rt.collect_garbage();
        let mut junk = rt.empty_string();
        for i in 0..1000 {
            let t = rt
                .new_string(&format!("junk junk junk junk junk junk {i}"))
                .unwrap();
            junk = rt.concat_strings(junk, t).unwrap();
        }
    }
    let s = kept.get().as_string().unwrap();
    assert!(s.eq_str("uvwxyz0123456789abcdefghijklmnopqrstuvwx"));
}

#[test]
fn eq_str_and_hash_str_agree_with_the_units() {
    let mut rt = Runtime::new();
    let latin = rt.new_string("lastIndex").unwrap();
    let wide = rt.new_string_utf16(&[0x3a9, 0x61]).unwrap();
    let base = rt.new_string(&"Ωab".repeat(10)).unwrap();
    let wide_ascii = rt.substring(base, 1, 20).unwrap();
    assert!(latin.eq_str("lastIndex"));
    assert!(!latin.eq_str("lastIndeX") && !latin.eq_str("lastInde") && !latin.eq_str("lastIndexx"));
    assert!(wide.eq_str("Ωa") && !wide.eq_str("Ωb") && !wide.eq_str("a"));
    assert!(matches!(wide_ascii.view(), StrView::Utf16(_)));
    assert!(wide_ascii.eq_str("abΩabΩabΩabΩabΩabΩa"));
    assert!(!wide_ascii.eq_str("abΩabΩabΩabΩabΩabΩb"));
    assert!(wide_ascii.eq_str(
        &"Ωab"
            .repeat(10)
            .chars()
            .skip(1)
            .take(19)
            .collect::<String>()
    ));
    for s in ["", "lastIndex", "é", "Ωa", "🎉"] {
        assert_eq!(hash_str(s), hash_units(s.encode_utf16()));
    }
}
