//! `padEnd`, `padStart` (22.1.3.16-17 with StringPad) and `trim`,
//! `trimEnd`, `trimStart` (22.1.3.32-34 with TrimString); Annex B's
//! `trimLeft`/`trimRight` are the `trimStart`/`trimEnd` function objects.

use super::units::{this_to_string, Units};
use crate::builtins::arg;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

#[derive(PartialEq)]
enum Placement {
    Start,
    End,
}

/// 22.1.3.17.1 StringPaddingBuiltinsImpl ( O, maxLength, fillString,
/// placement ) (#sec-stringpaddingbuiltinsimpl) with 22.1.3.17.2 StringPad.
fn string_padding(
    rt: &mut Runtime,
    this: Value,
    args: &[Value],
    placement: Placement,
) -> JsResult<Value> {
    let method = if placement == Placement::Start {
        "padStart"
    } else {
        "padEnd"
    };
    let s = this_to_string(rt, this, method)?;
    let int_max_length = rt.to_length(arg(args, 0))?;
    let string_length = s.len();
    if int_max_length <= string_length as f64 {
        return Ok(Value::string(s));
    }
    let fill_string = arg(args, 1);
    let filler = if fill_string.is_undefined() {
        None
    } else {
        Some(rt.to_string(fill_string)?)
    };
    if filler.is_some_and(|f| f.is_empty()) {
        return Ok(Value::string(s));
    }
    Units::check_length(rt, int_max_length)?;
    // StringPad steps 2-6.
    let max_length = int_max_length as usize;
    let fill_len = max_length - string_length;
    let mut out = Units::with_capacity(max_length);
    let sv = s.view();
    if placement == Placement::End {
        out.push_all(sv);
    }
    match filler {
        None => (0..fill_len).for_each(|_| out.push(0x20)),
        Some(f) => {
            let fv = f.view();
            let mut left = fill_len;
            while left > 0 {
                let n = left.min(fv.len());
                out.push_view(fv, 0, n);
                left -= n;
            }
        }
    }
    if placement == Placement::Start {
        out.push_all(sv);
    }
    Ok(Value::string(out.finish(rt)?))
}

/// 22.1.3.16 String.prototype.padEnd ( maxLength [ , fillString ] )
/// (#sec-string.prototype.padend).
pub(super) fn pad_end(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    string_padding(rt, this, args, Placement::End)
}

/// 22.1.3.17 String.prototype.padStart ( maxLength [ , fillString ] )
/// (#sec-string.prototype.padstart).
pub(super) fn pad_start(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
    string_padding(rt, this, args, Placement::Start)
}

/// WhiteSpace (12.2) or LineTerminator (12.3): TAB, VT, FF, ZWNBSP, the
/// Space_Separator (Zs) code points, LF, CR, LS and PS. All are single code
/// units, so trimming can work on code units.
pub(crate) fn is_white_space_or_line_terminator(u: u16) -> bool {
    matches!(
        u,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000
            ..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

/// 22.1.3.32.1 TrimString ( string, where ) (#sec-trimstring).
fn trim_string(
    rt: &mut Runtime,
    this: Value,
    method: &str,
    start: bool,
    end: bool,
) -> JsResult<Value> {
    let s = this_to_string(rt, this, method)?;
    let v = s.view();
    let mut from = 0;
    let mut to = v.len();
    if start {
        while from < to && is_white_space_or_line_terminator(v.at(from)) {
            from += 1;
        }
    }
    if end {
        while to > from && is_white_space_or_line_terminator(v.at(to - 1)) {
            to -= 1;
        }
    }
    Ok(Value::string(rt.substring(s, from, to)?))
}

/// 22.1.3.32 String.prototype.trim ( ) (#sec-string.prototype.trim).
pub(super) fn trim(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    trim_string(rt, this, "trim", true, true)
}

/// 22.1.3.33 String.prototype.trimEnd ( ) (#sec-string.prototype.trimend).
pub(super) fn trim_end(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    trim_string(rt, this, "trimEnd", false, true)
}

/// 22.1.3.34 String.prototype.trimStart ( ) (#sec-string.prototype.trimstart).
pub(super) fn trim_start(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    trim_string(rt, this, "trimStart", true, false)
}
