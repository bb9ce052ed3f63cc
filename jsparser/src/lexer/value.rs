//! Values of name, string, template and BigInt tokens, computed on demand
//! from a token's source text (which the lexer has validated). Every
//! function tolerates any input without panicking; on text the lexer would
//! have rejected the result is unspecified but well-formed.

use std::borrow::Cow;

use super::escape::{push_utf16, read_escape, read_unicode_escape_body, Escape};

/// 12.7.1 StringValue of an IdentifierName (or PrivateIdentifier text minus
/// `#`): `\uXXXX` and `\u{...}` escapes resolved. Borrows when there are none.
pub fn identifier_name(text: &str) -> Cow<'_, str> {
    if !text.as_bytes().contains(&b'\\') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'u') {
            if let Some((cp, end)) = read_unicode_escape_body(bytes, i + 2) {
                out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                i = end;
                continue;
            }
        }
        // Copy one whole character.
        match text.get(i..).and_then(|s| s.chars().next()) {
            Some(c) => {
                out.push(c);
                i += c.len_utf8();
            }
            None => break,
        }
    }
    Cow::Owned(out)
}

/// The radix and the digits (no prefix, no separators, no `n`) of a
/// BigIntLiteral, e.g. `0x1_Fn` -> `(16, "1F")`. A legacy-looking text
/// cannot be a BigInt, so a leading `0` followed by digits is decimal.
pub fn bigint_literal(text: &str) -> (u32, String) {
    let body = text.strip_suffix('n').unwrap_or(text);
    let (radix, digits) = split_radix_prefix(body);
    let mut out: String = digits.chars().filter(|&c| c != '_').collect();
    if out.is_empty() {
        out.push('0');
    }
    (radix, out)
}

/// Splits a `0x` / `0o` / `0b` prefix (any case) off `text`.
pub(crate) fn split_radix_prefix(text: &str) -> (u32, &str) {
    let b = text.as_bytes();
    if b.len() >= 2 && b[0] == b'0' {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => return (10, text),
        };
        return (radix, &text[2..]);
    }
    (10, text)
}

/// 12.9.4.2 SV of a StringLiteral (`text` includes the quotes), as UTF-16
/// code units; legacy octal and `\8` `\9` escapes are decoded (B.1.2).
pub fn string_value(text: &str) -> Vec<u16> {
    let inner = strip_delimiters(text, 1, 1);
    cook(inner, true).unwrap_or_default()
}

/// 13.2.8.6 TV (cooked value) of any template token text; `None` when the
/// token contains a NotEscapeSequence (then only tagged templates are legal
/// and their cooked string is `undefined`).
pub fn template_cooked(text: &str) -> Option<Vec<u16>> {
    cook(template_body(text), false)
}

/// 13.2.8.6 TRV (raw value) of any template token text: the text itself,
/// with CR and CRLF normalised to LF (also inside line continuations).
pub fn template_raw(text: &str) -> Vec<u16> {
    let body = template_body(text);
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push(b'\n' as u16);
        } else {
            push_utf16(&mut out, c as u32);
        }
    }
    out
}

/// The characters of a template token between its delimiters: `` ` `` or `}`
/// at the start, `` ` `` or `${` at the end.
fn template_body(text: &str) -> &str {
    let end = if text.len() >= 3 && text.ends_with("${") {
        2
    } else {
        1
    };
    strip_delimiters(text, 1, end)
}

/// `text` without `start` leading and `end` trailing bytes (which are ASCII
/// delimiters in valid tokens); empty when that does not make sense.
fn strip_delimiters(text: &str, start: usize, end: usize) -> &str {
    if text.len() < start + end {
        return "";
    }
    text.get(start..text.len() - end).unwrap_or("")
}

/// Decodes escapes and line terminators of a string (`legacy`: B.1.2 escapes
/// allowed) or template body (`!legacy`: CR/CRLF become LF, and any
/// NotEscapeSequence makes the value undefined).
fn cook(body: &str, legacy: bool) -> Option<Vec<u16>> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' {
            let (escape, end) = read_escape(body, i + 1);
            match escape {
                Escape::CodePoint(cp) => push_utf16(&mut out, cp),
                Escape::LineContinuation => {}
                Escape::LegacyOctal(v) | Escape::NonOctalDecimal(v) if legacy => out.push(v as u16),
                _ => {
                    if !legacy {
                        return None;
                    }
                    // Malformed escapes cannot reach here from a valid
                    // token; keep the text as is.
                    out.push(b'\\' as u16);
                }
            }
            i = end.max(i + 1);
            continue;
        }
        if b < 0x80 {
            if b == b'\r' && !legacy {
                // 12.9.6: TV of a LineTerminatorSequence CR / CRLF is LF.
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                out.push(b'\n' as u16);
            } else {
                out.push(b as u16);
            }
            i += 1;
            continue;
        }
        match body.get(i..).and_then(|s| s.chars().next()) {
            Some(c) => {
                push_utf16(&mut out, c as u32);
                i += c.len_utf8();
            }
            None => break,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16s(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn identifier_names() {
        assert!(matches!(identifier_name("abc"), Cow::Borrowed("abc")));
        assert_eq!(identifier_name("\\u0061bc"), "abc");
        assert_eq!(identifier_name("a\\u{62}c"), "abc");
        assert_eq!(identifier_name("\\u{1D4B3}"), "𝒳");
        assert_eq!(identifier_name("é\\u0065"), "ée");
        // Malformed input does not panic.
        assert_eq!(identifier_name("a\\"), "a\\");
        assert_eq!(identifier_name("\\u{D800}"), "\u{FFFD}");
    }

    #[test]
    fn bigints() {
        assert_eq!(bigint_literal("123n"), (10, "123".to_string()));
        assert_eq!(bigint_literal("1_000n"), (10, "1000".to_string()));
        assert_eq!(bigint_literal("0x1_Fn"), (16, "1F".to_string()));
        assert_eq!(bigint_literal("0O17n"), (8, "17".to_string()));
        assert_eq!(bigint_literal("0b101n"), (2, "101".to_string()));
        assert_eq!(bigint_literal("0n"), (10, "0".to_string()));
        assert_eq!(bigint_literal(""), (10, "0".to_string()));
    }

    #[test]
    fn string_values() {
        assert_eq!(string_value("'abc'"), u16s("abc"));
        assert_eq!(string_value("\"a\\nb\""), u16s("a\nb"));
        assert_eq!(string_value("'\\x41\\u0042\\u{43}'"), u16s("ABC"));
        assert_eq!(string_value("'\\u{1F600}'"), u16s("😀"));
        assert_eq!(string_value("'\\uD800'"), vec![0xD800]);
        assert_eq!(string_value("'a\\\nb'"), u16s("ab"));
        assert_eq!(string_value("'a\\\r\nb'"), u16s("ab"));
        assert_eq!(string_value("'a\\\u{2028}b'"), u16s("ab"));
        assert_eq!(string_value("'\u{2028}'"), vec![0x2028]);
        assert_eq!(string_value("'\\0'"), vec![0]);
        assert_eq!(string_value("'\\08'"), vec![0, b'8' as u16]);
        assert_eq!(string_value("'\\101'"), u16s("A"));
        assert_eq!(string_value("'\\8\\9'"), u16s("89"));
        assert_eq!(string_value("'\\q\\''"), u16s("q'"));
        assert_eq!(string_value("'é𝒳'"), u16s("é𝒳"));
        assert_eq!(string_value("''"), Vec::<u16>::new());
        assert_eq!(string_value("'"), Vec::<u16>::new());
        assert_eq!(string_value(""), Vec::<u16>::new());
    }

    #[test]
    fn template_cooked_values() {
        assert_eq!(template_cooked("`abc`"), Some(u16s("abc")));
        assert_eq!(template_cooked("`a${"), Some(u16s("a")));
        assert_eq!(template_cooked("}b${"), Some(u16s("b")));
        assert_eq!(template_cooked("}c`"), Some(u16s("c")));
        assert_eq!(template_cooked("}${"), Some(vec![]));
        assert_eq!(template_cooked("``"), Some(vec![]));
        assert_eq!(template_cooked("`a\r\nb\rc`"), Some(u16s("a\nb\nc")));
        assert_eq!(template_cooked("`\\n\\x41\\u{42}`"), Some(u16s("\nAB")));
        assert_eq!(template_cooked("`a\\\r\nb`"), Some(u16s("ab")));
        assert_eq!(template_cooked("`\\0`"), Some(vec![0]));
        assert_eq!(template_cooked("`\\01`"), None);
        assert_eq!(template_cooked("`\\1`"), None);
        assert_eq!(template_cooked("`\\8`"), None);
        assert_eq!(template_cooked("`\\xg`"), None);
        assert_eq!(template_cooked("`\\u{`"), None);
        assert_eq!(template_cooked("`\\`"), None);
        assert_eq!(template_cooked("`\\$\\``"), Some(u16s("$`")));
    }

    #[test]
    fn template_raw_values() {
        assert_eq!(template_raw("`a\\nb`"), u16s("a\\nb"));
        assert_eq!(template_raw("`a\r\nb\rc`"), u16s("a\nb\nc"));
        assert_eq!(template_raw("`a\\\r\nb`"), u16s("a\\\nb"));
        assert_eq!(template_raw("}x${"), u16s("x"));
        assert_eq!(template_raw("`\\u{`"), u16s("\\u{"));
        assert_eq!(template_raw("`𝒳`"), u16s("𝒳"));
        assert_eq!(template_raw("`"), Vec::<u16>::new());
    }
}
