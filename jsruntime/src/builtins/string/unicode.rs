//! String.prototype methods about Unicode text: `isWellFormed`,
//! `toWellFormed` (lone surrogates), `normalize` (UAX #15, with the
//! `unicode-normalization` crate) and `localeCompare`.

use super::units::{is_lead, is_trail, this_to_string, Units};
use crate::builtins::arg;
use crate::runtime::Runtime;
use crate::string::StrView;
use crate::value::Value;
use crate::JsResult;
use std::cmp::Ordering;
use unicode_normalization::{is_nfc_quick, is_nfd_quick, IsNormalized, UnicodeNormalization};

/// Index of the first lone surrogate of a UTF-16 sequence, if any.
fn first_lone_surrogate(u: &[u16]) -> Option<usize> {
    let mut i = 0;
    while i < u.len() {
        if is_lead(u[i]) && i + 1 < u.len() && is_trail(u[i + 1]) {
            i += 2;
            continue;
        }
        if is_lead(u[i]) || is_trail(u[i]) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// 22.1.3.10 String.prototype.isWellFormed ( )
/// (#sec-string.prototype.iswellformed), with 6.1.4.3
/// IsStringWellFormedUnicode.
pub(super) fn is_well_formed(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "isWellFormed")?;
    let well_formed = match s.view() {
        StrView::Latin1(_) => true,
        StrView::Utf16(u) => first_lone_surrogate(u).is_none(),
    };
    Ok(Value::from_bool(well_formed))
}

/// 22.1.3.31 String.prototype.toWellFormed ( )
/// (#sec-string.prototype.towellformed): lone surrogates become U+FFFD.
pub(super) fn to_well_formed(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "toWellFormed")?;
    let StrView::Utf16(u) = s.view() else {
        return Ok(Value::string(s));
    };
    if first_lone_surrogate(u).is_none() {
        return Ok(Value::string(s));
    }
    let mut out: Vec<u16> = char::decode_utf16(u.iter().copied())
        .flat_map(|r| {
            let mut buf = [0u16; 2];
            let n = r
                .unwrap_or(char::REPLACEMENT_CHARACTER)
                .encode_utf16(&mut buf)
                .len();
            buf.into_iter().take(n)
        })
        .collect();
    out.shrink_to_fit();
    Ok(Value::string(rt.new_string_utf16(&out)?))
}

/// A normalization form of 22.1.3.15 step 5.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

/// Normalizes the code units `v` to `form`. Lone surrogates (not Unicode
/// scalar values) are kept as they are; they have canonical combining class
/// 0 and compose with nothing, so normalizing the runs between them
/// separately gives the same result as normalizing the whole.
fn normalize_units(v: StrView<'_>, form: Form) -> Units {
    let mut out = Units::with_capacity(v.len());
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut Units| {
        let chars = run.drain(..);
        let mut push = |c: char| out.push_code_point(c as u32);
        match form {
            Form::Nfc => chars.nfc().for_each(&mut push),
            Form::Nfd => chars.nfd().for_each(&mut push),
            Form::Nfkc => chars.nfkc().for_each(&mut push),
            Form::Nfkd => chars.nfkd().for_each(&mut push),
        }
    };
    let units: Vec<u16> = v.units().collect();
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => run.push(c),
            Err(e) => {
                flush(&mut run, &mut out);
                out.push(e.unpaired_surrogate());
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Whether `v` is certainly already in `form` (ASCII always is; NFC and NFD
/// have a quick check).
fn quick_normalized(v: StrView<'_>, form: Form) -> bool {
    if let StrView::Latin1(b) = v {
        if b.is_ascii() {
            return true;
        }
    }
    let chars = || char::decode_utf16(v.units()).map(|r| r.unwrap_or('\u{FFFD}'));
    match form {
        Form::Nfc => is_nfc_quick(chars()) == IsNormalized::Yes,
        Form::Nfd => is_nfd_quick(chars()) == IsNormalized::Yes,
        Form::Nfkc | Form::Nfkd => false,
    }
}

/// 22.1.3.15 String.prototype.normalize ( [ form ] )
/// (#sec-string.prototype.normalize).
pub(super) fn normalize(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "normalize")?;
    // Steps 3-5.
    let form = arg(args, 0);
    let f = if form.is_undefined() {
        Form::Nfc
    } else {
        let name = rt.to_string(form)?;
        match () {
            _ if name.eq_str("NFC") => Form::Nfc,
            _ if name.eq_str("NFD") => Form::Nfd,
            _ if name.eq_str("NFKC") => Form::Nfkc,
            _ if name.eq_str("NFKD") => Form::Nfkd,
            _ => {
                return Err(
                    rt.range_error("The normalization form should be one of NFC, NFD, NFKC, NFKD")
                )
            }
        }
    };
    // Step 6.
    let v = s.view();
    if quick_normalized(v, f) {
        return Ok(Value::string(s));
    }
    let out = normalize_units(v, f);
    Ok(Value::string(out.finish(rt)?))
}

/// 22.1.3.12 String.prototype.localeCompare ( that )
/// (#sec-string.prototype.localecompare). Without ECMA-402 there is no
/// collation: this compares by code units, after canonical decomposition
/// (NFD) so that canonically equivalent strings compare equal, as the
/// specification recommends (step 5's note).
pub(super) fn locale_compare(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "localeCompare")?;
    let that = rt.to_string(arg(args, 0))?;
    let (a, b) = (s.view(), that.view());
    let decomposed = |v: StrView<'_>| -> Vec<u16> {
        if quick_normalized(v, Form::Nfd) {
            v.units().collect()
        } else {
            match normalize_units(v, Form::Nfd) {
                Units::Latin1(b) => b.into_iter().map(u16::from).collect(),
                Units::Utf16(u) => u,
            }
        }
    };
    let ordering = decomposed(a).cmp(&decomposed(b));
    Ok(Value::from_i32(match ordering {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }))
}
