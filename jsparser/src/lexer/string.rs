//! 12.9.4 StringLiteral and 12.9.6 Template literal tokens (validation and
//! flags only; values come from `string_value` / `template_cooked`).

use super::escape::{read_escape, Escape};
use super::scan::Lexer;
use super::token::{TokenFlags, TokenKind};
use crate::SyntaxError;

impl<'a> Lexer<'a> {
    /// A string literal delimited by `quote` at `self.pos`. Raw LF/CR end it
    /// with an error; U+2028/U+2029 are allowed (ES2019). Legacy octal and
    /// `\8` `\9` escapes set `LEGACY_ESCAPE` (strict-mode errors, B.1.2).
    pub(super) fn scan_string(
        &mut self,
        quote: u8,
        flags: &mut TokenFlags,
    ) -> Result<TokenKind, SyntaxError> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start + 1;
        loop {
            let Some(&b) = bytes.get(i) else {
                return Err(self.error("Unterminated string literal", start, i));
            };
            if b == quote {
                self.pos = i + 1;
                return Ok(TokenKind::StringLiteral);
            }
            match b {
                b'\\' => {
                    let (escape, end) = read_escape(self.source, i + 1);
                    match escape {
                        Escape::CodePoint(_) | Escape::LineContinuation => {}
                        Escape::LegacyOctal(_) | Escape::NonOctalDecimal(_) => {
                            flags.insert(TokenFlags::LEGACY_ESCAPE)
                        }
                        Escape::BadHex => {
                            return Err(self.error("Invalid hexadecimal escape sequence", i, end))
                        }
                        Escape::BadUnicode => {
                            return Err(self.error("Invalid Unicode escape sequence", i, end))
                        }
                        Escape::Eof => {
                            return Err(self.error("Unterminated string literal", start, end))
                        }
                    }
                    i = end;
                }
                b'\n' | b'\r' => {
                    return Err(self.error("Unterminated string literal", start, i));
                }
                _ => i += 1,
            }
        }
    }

    /// A template token: from `` ` `` when `head`, else from the `}` that
    /// ends a substitution. Ends at `` ` `` (NoSubstitutionTemplate /
    /// TemplateTail) or `${` (TemplateHead / TemplateMiddle). Invalid escapes
    /// (NotEscapeSequence) are not lexing errors: they set `LEGACY_ESCAPE`,
    /// and the parser rejects them unless the template is tagged.
    pub(super) fn scan_template(
        &mut self,
        head: bool,
        flags: &mut TokenFlags,
    ) -> Result<TokenKind, SyntaxError> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start + 1;
        loop {
            let Some(&b) = bytes.get(i) else {
                return Err(self.error("Unterminated template literal", start, i));
            };
            match b {
                b'`' => {
                    self.pos = i + 1;
                    return Ok(if head {
                        TokenKind::NoSubstitutionTemplate
                    } else {
                        TokenKind::TemplateTail
                    });
                }
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    self.pos = i + 2;
                    return Ok(if head {
                        TokenKind::TemplateHead
                    } else {
                        TokenKind::TemplateMiddle
                    });
                }
                b'\\' => {
                    let (escape, end) = read_escape(self.source, i + 1);
                    match escape {
                        Escape::CodePoint(_) | Escape::LineContinuation => {}
                        Escape::Eof => {
                            return Err(self.error("Unterminated template literal", start, end))
                        }
                        // 12.9.6 NotEscapeSequence: `\1`, `\01`, bad `\x`/`\u`.
                        _ => flags.insert(TokenFlags::LEGACY_ESCAPE),
                    }
                    // A NotEscapeSequence never swallows a `` ` `` or `${`:
                    // its remaining characters are ordinary template text.
                    i = end.max(i + 2);
                }
                _ => i += 1,
            }
        }
    }
}
