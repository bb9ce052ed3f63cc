//! 12.7 Names and Keywords: IdentifierName with `\u` escapes, keyword
//! recognition (only when written without escapes, 12.7.2).

use super::chars::{is_ascii_id_part, is_ascii_id_start, is_id_part, is_id_start};
use super::escape::read_unicode_escape_body;
use super::keywords::{is_escaped_keyword_name, keyword_kind};
use super::scan::Lexer;
use super::token::{TokenFlags, TokenKind};
use super::value::identifier_name;
use crate::SyntaxError;

impl<'a> Lexer<'a> {
    /// Scans an IdentifierName at `self.pos` and classifies it: a keyword
    /// kind when unescaped and reserved/contextual, else `Identifier`
    /// (with `HAS_ESCAPE`, and `ESCAPED_KEYWORD` when the escaped name is a
    /// reserved word or `let` / `static`).
    pub(super) fn scan_identifier_name(
        &mut self,
        flags: &mut TokenFlags,
    ) -> Result<TokenKind, SyntaxError> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        let mut has_escape = false;
        // IdentifierStart.
        match bytes.get(i) {
            Some(&b) if b < 0x80 && is_ascii_id_start(b) => i += 1,
            Some(b'\\') => {
                i = self.scan_identifier_escape(i, true)?;
                has_escape = true;
            }
            _ => match self.char_at(i) {
                Some(c) if is_id_start(c) => i += c.len_utf8(),
                // Not an IdentifierStart (e.g. a stray non-ASCII symbol).
                c => {
                    let len = c.map_or(1, char::len_utf8);
                    return Err(self.error("Invalid or unexpected token", start, start + len));
                }
            },
        }
        // IdentifierPart*, with a tight loop for ASCII.
        loop {
            while i < bytes.len() && is_ascii_id_part(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                Some(b'\\') => {
                    i = self.scan_identifier_escape(i, false)?;
                    has_escape = true;
                }
                Some(&b) if b >= 0x80 => match self.char_at(i) {
                    Some(c) if is_id_part(c) => i += c.len_utf8(),
                    _ => break,
                },
                _ => break,
            }
        }
        self.pos = i;
        let text = &bytes[start..i];
        if !has_escape {
            return Ok(keyword_kind(text).unwrap_or(TokenKind::Identifier));
        }
        flags.insert(TokenFlags::HAS_ESCAPE);
        let name = identifier_name(&self.source[start..i]);
        if is_escaped_keyword_name(&name) {
            flags.insert(TokenFlags::ESCAPED_KEYWORD);
        }
        Ok(TokenKind::Identifier)
    }

    /// Validates the `\uXXXX` / `\u{...}` escape whose backslash is at `at`:
    /// it must denote an IdentifierStartChar (first) or IdentifierPartChar
    /// (12.7.1 static semantics). Returns the offset after it.
    fn scan_identifier_escape(&self, at: usize, first: bool) -> Result<usize, SyntaxError> {
        if self.bytes.get(at + 1) != Some(&b'u') {
            return Err(self.error("Invalid or unexpected token", at, at + 1));
        }
        let Some((cp, end)) = read_unicode_escape_body(self.bytes, at + 2) else {
            return Err(self.error("Invalid Unicode escape sequence", at, at + 2));
        };
        let ok =
            char::from_u32(cp).is_some_and(|c| if first { is_id_start(c) } else { is_id_part(c) });
        if !ok {
            return Err(self.error("Invalid Unicode escape sequence in identifier", at, end));
        }
        Ok(end)
    }
}
