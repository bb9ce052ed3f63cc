//! `toLowerCase`, `toUpperCase` and their locale variants (22.1.3.26-30):
//! the full default case mappings of the Unicode Character Database
//! (UnicodeData.txt plus the unconditional, language-insensitive mappings of
//! SpecialCasing.txt, as `char::to_lowercase`/`to_uppercase` give them), and
//! the one language-insensitive conditional mapping, Final_Sigma. Latin-1
//! strings take byte-wise fast paths.

use super::units::{is_lead, is_trail, this_to_string, Units};
use crate::gc::Gc;
use crate::runtime::Runtime;
use crate::string::{JsString, StrView};
use crate::value::Value;
use crate::JsResult;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// 22.1.3.28 String.prototype.toLowerCase ( ) (#sec-string.prototype.tolowercase).
pub(super) fn to_lower_case(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "toLowerCase")?;
    Ok(Value::string(lower(rt, s)?))
}

/// 22.1.3.26 String.prototype.toLocaleLowerCase ( [ reserved1 [ , reserved2 ] ] ):
/// without ECMA-402 the host locale is the root locale, so this is
/// `toLowerCase` (no Turkish or Lithuanian tailoring).
pub(super) fn to_locale_lower_case(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "toLocaleLowerCase")?;
    Ok(Value::string(lower(rt, s)?))
}

/// 22.1.3.30 String.prototype.toUpperCase ( ) (#sec-string.prototype.touppercase).
pub(super) fn to_upper_case(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "toUpperCase")?;
    Ok(Value::string(upper(rt, s)?))
}

/// 22.1.3.27 String.prototype.toLocaleUpperCase: `toUpperCase` without
/// ECMA-402 (see `toLocaleLowerCase`).
pub(super) fn to_locale_upper_case(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let s = this_to_string(rt, this, "toLocaleUpperCase")?;
    Ok(Value::string(upper(rt, s)?))
}

/// The code points of a UTF-16 sequence (11.1.5 StringToCodePoints); a lone
/// surrogate is its own code point.
fn code_points(u: &[u16]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(u.len());
    let mut i = 0;
    while i < u.len() {
        let first = u[i];
        if is_lead(first) && i + 1 < u.len() && is_trail(u[i + 1]) {
            out.push(
                0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(u[i + 1]) - 0xDC00),
            );
            i += 2;
        } else {
            out.push(u32::from(first));
            i += 1;
        }
    }
    out
}

fn lower(rt: &mut Runtime, s: Gc<JsString>) -> JsResult<Gc<JsString>> {
    let out = match s.view() {
        StrView::Latin1(b) => {
            // Lowercase stays within Latin-1: A-Z and U+00C0-U+00DE but U+00D7.
            let is_upper =
                |c: u8| c.is_ascii_uppercase() || ((0xC0..=0xDE).contains(&c) && c != 0xD7);
            if !b.iter().any(|&c| is_upper(c)) {
                return Ok(s);
            }
            Units::Latin1(
                b.iter()
                    .map(|&c| if is_upper(c) { c + 0x20 } else { c })
                    .collect(),
            )
        }
        StrView::Utf16(u) => {
            let cps = code_points(u);
            let mut out = Units::with_capacity(u.len());
            for (i, &cp) in cps.iter().enumerate() {
                match char::from_u32(cp) {
                    None => out.push(cp as u16),
                    Some('\u{03A3}') if is_final_sigma(&cps, i) => out.push(0x03C2),
                    Some(c) => {
                        for l in c.to_lowercase() {
                            out.push_code_point(l as u32);
                        }
                    }
                }
            }
            out
        }
    };
    out.finish(rt)
}

fn upper(rt: &mut Runtime, s: Gc<JsString>) -> JsResult<Gc<JsString>> {
    let v = s.view();
    if let StrView::Latin1(b) = v {
        // U+00B5, U+00DF and U+00FF uppercase outside Latin-1 (or to two
        // letters); every other Latin-1 letter maps within it.
        let is_lower = |c: u8| c.is_ascii_lowercase() || ((0xE0..=0xFE).contains(&c) && c != 0xF7);
        if !b.iter().any(|&c| matches!(c, 0xB5 | 0xDF | 0xFF)) {
            if !b.iter().any(|&c| is_lower(c)) {
                return Ok(s);
            }
            let bytes: Vec<u8> = b
                .iter()
                .map(|&c| if is_lower(c) { c - 0x20 } else { c })
                .collect();
            return Units::Latin1(bytes).finish(rt);
        }
    }
    let units: Vec<u16> = v.units().collect();
    let mut out = Units::with_capacity(units.len());
    for cp in code_points(&units) {
        match char::from_u32(cp) {
            None => out.push(cp as u16),
            Some(c) => {
                for l in c.to_uppercase() {
                    out.push_code_point(l as u32);
                }
            }
        }
    }
    out.finish(rt)
}

/// The Final_Sigma condition of SpecialCasing.txt (Unicode 3.13, table
/// 3-17) for the sigma at `i`: before it, skipping case-ignorable code
/// points, a cased letter; after it, skipping case-ignorable ones, no cased
/// letter. (Case-ignorable is tested first, as ICU does, so U+0345, both
/// cased and case-ignorable, is skipped.)
fn is_final_sigma(cps: &[u32], i: usize) -> bool {
    let before = cps[..i].iter().rev().find(|&&c| !is_case_ignorable(c));
    if !before.is_some_and(|&c| is_cased(c)) {
        return false;
    }
    let after = cps[i + 1..].iter().find(|&&c| !is_case_ignorable(c));
    !after.is_some_and(|&c| is_cased(c))
}

/// The derived property Cased: Lowercase, Uppercase or General_Category Lt.
fn is_cased(cp: u32) -> bool {
    char::from_u32(cp).is_some_and(|c| {
        c.is_lowercase()
            || c.is_uppercase()
            || c.general_category() == GeneralCategory::TitlecaseLetter
    })
}

/// The derived property Case_Ignorable: General_Category Mn, Me, Cf, Lm or
/// Sk, or Word_Break MidLetter, MidNumLet or Single_Quote (listed here).
fn is_case_ignorable(cp: u32) -> bool {
    const WORD_BREAK_MID: &[u32] = &[
        0x0027, 0x002E, 0x003A, 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2018, 0x2019, 0x2024, 0x2027,
        0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A,
    ];
    if WORD_BREAK_MID.contains(&cp) {
        return true;
    }
    char::from_u32(cp).is_some_and(|c| {
        matches!(
            c.general_category(),
            GeneralCategory::NonspacingMark
                | GeneralCategory::EnclosingMark
                | GeneralCategory::Format
                | GeneralCategory::ModifierLetter
                | GeneralCategory::ModifierSymbol
        )
    })
}
