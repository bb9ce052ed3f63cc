//! The `Lexer`: white space, comments and punctuators (ECMA-262 12.2-12.8,
//! Annex B.1.1), and dispatch to the scanners for names, numbers, strings,
//! templates and regular expressions (the other `scan_*`-style modules add
//! `impl Lexer` blocks).

use super::chars::{is_ascii_id_part, is_ascii_id_start, is_id_part, is_non_ascii_whitespace};
use super::token::{Span, Token, TokenFlags, TokenKind};
use crate::{SourceKind, SyntaxError};

/// Which lexical goal applies to the next token (ECMA-262 12: InputElementDiv,
/// InputElementRegExp, InputElementRegExpOrTemplateTail, InputElementTemplateTail).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LexGoal {
    /// A `/` starts a RegularExpressionLiteral (not `/` or `/=`).
    pub regexp: bool,
    /// A `}` continues a template (TemplateMiddle or TemplateTail).
    pub template_tail: bool,
}

impl LexGoal {
    /// InputElementDiv.
    pub const DIV: LexGoal = LexGoal {
        regexp: false,
        template_tail: false,
    };
    /// InputElementRegExp.
    pub const REGEXP: LexGoal = LexGoal {
        regexp: true,
        template_tail: false,
    };
    /// InputElementTemplateTail.
    pub const TEMPLATE_TAIL: LexGoal = LexGoal {
        regexp: false,
        template_tail: true,
    };
}

/// Turns source text into tokens, one at a time, on the parser's demand.
pub struct Lexer<'a> {
    pub(super) source: &'a str,
    pub(super) bytes: &'a [u8],
    /// Offset of the next unread byte; always on a char boundary.
    pub(super) pos: usize,
    /// Annex B.1.1 HTML-like comments are recognised (scripts only).
    html_comments: bool,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `source`. Module code has no HTML-like
    /// comments (B.1.1); a hashbang comment (12.5) is skipped in both goals.
    pub fn new(source: &'a str, kind: SourceKind) -> Self {
        let mut lexer = Lexer {
            source,
            bytes: source.as_bytes(),
            pos: 0,
            html_comments: kind == SourceKind::Script,
        };
        // 12.5 HashbangComment: only at the very start of the source.
        if source.starts_with("#!") {
            lexer.pos = lexer.line_end(2);
        }
        lexer
    }

    /// The source text being scanned.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The offset where the next call to `next_token` starts scanning (the
    /// end of the last token, before any white space or comments).
    pub fn offset(&self) -> u32 {
        self.pos as u32
    }

    /// Moves the lexer to `offset`, e.g. back to an earlier `offset()` to
    /// re-scan a token under another goal. An offset that is past the end or
    /// not on a character boundary moves to the end instead.
    pub fn reset(&mut self, offset: u32) {
        let offset = offset as usize;
        self.pos = if self.source.is_char_boundary(offset) {
            offset
        } else {
            self.bytes.len()
        };
    }

    /// The next token under `goal`, or the Eof token (repeatedly) at the end.
    pub fn next_token(&mut self, goal: LexGoal) -> Result<Token, SyntaxError> {
        if self.bytes.len() > u32::MAX as usize {
            return Err(SyntaxError::new(
                "Source text is too large (over 4 GiB)",
                Span::new(0, 0),
            ));
        }
        let mut flags = TokenFlags::empty();
        if self.skip_trivia()? {
            flags.insert(TokenFlags::NEWLINE_BEFORE);
        }
        let start = self.pos;
        let kind = match self.bytes.get(start) {
            None => TokenKind::Eof,
            Some(&b) => self.scan_token(b, goal, &mut flags)?,
        };
        Ok(Token {
            kind,
            flags,
            span: Span::new(start as u32, self.pos as u32),
        })
    }

    /// A SyntaxError spanning `start..end`.
    pub(super) fn error(&self, message: &str, start: usize, end: usize) -> SyntaxError {
        let end = end.min(self.bytes.len()).max(start);
        SyntaxError::new(message, Span::new(start as u32, end as u32))
    }

    /// The character at `at` (None at the end).
    #[inline]
    pub(super) fn char_at(&self, at: usize) -> Option<char> {
        self.source.get(at..).and_then(|s| s.chars().next())
    }

    /// The offset of the first line terminator at or after `from` (or the end).
    fn line_end(&self, from: usize) -> usize {
        let bytes = self.bytes;
        let mut i = from;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' | b'\r' => return i,
                0xE2 if is_ls_ps(bytes, i) => return i,
                _ => i += 1,
            }
        }
        bytes.len()
    }

    /// Skips white space, line terminators and comments (12.2-12.5, B.1.1).
    /// Returns whether a line terminator was crossed.
    fn skip_trivia(&mut self) -> Result<bool, SyntaxError> {
        let bytes = self.bytes;
        let mut newline = false;
        // B.1.1: `-->` opens a comment only at the start of a line (possibly
        // after white space and single-line `/* */` comments), after a
        // multi-line comment that contains a line terminator, or at the
        // start of the input.
        let at_input_start = self.pos == 0;
        loop {
            let Some(&b) = bytes.get(self.pos) else {
                return Ok(newline);
            };
            match b {
                b' ' | b'\t' | 0x0B | 0x0C => self.pos += 1,
                b'\n' | b'\r' => {
                    self.pos += 1;
                    newline = true;
                }
                b'/' => match bytes.get(self.pos + 1) {
                    Some(b'/') => self.pos = self.line_end(self.pos + 2),
                    Some(b'*') => {
                        if self.skip_block_comment()? {
                            newline = true;
                        }
                    }
                    _ => return Ok(newline),
                },
                // B.1.1 SingleLineHTMLOpenComment `<!--`.
                b'<' if self.html_comments && bytes[self.pos..].starts_with(b"<!--") => {
                    self.pos = self.line_end(self.pos + 4);
                }
                // B.1.1 SingleLineHTMLCloseComment / HTMLCloseComment `-->`.
                b'-' if self.html_comments
                    && (newline || at_input_start)
                    && bytes[self.pos..].starts_with(b"-->") =>
                {
                    self.pos = self.line_end(self.pos + 3);
                }
                0x80.. => {
                    let Some(c) = self.char_at(self.pos) else {
                        return Ok(newline);
                    };
                    if c == '\u{2028}' || c == '\u{2029}' {
                        newline = true;
                    } else if !is_non_ascii_whitespace(c) {
                        return Ok(newline);
                    }
                    self.pos += c.len_utf8();
                }
                _ => return Ok(newline),
            }
        }
    }

    /// Skips `/* ... */` at `self.pos`; returns whether it contains a line
    /// terminator. Unterminated comments are errors (12.4).
    fn skip_block_comment(&mut self) -> Result<bool, SyntaxError> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start + 2;
        let mut newline = false;
        while i < bytes.len() {
            match bytes[i] {
                b'*' if bytes.get(i + 1) == Some(&b'/') => {
                    self.pos = i + 2;
                    return Ok(newline);
                }
                b'\n' | b'\r' => newline = true,
                0xE2 if is_ls_ps(bytes, i) => newline = true,
                _ => {}
            }
            i += 1;
        }
        Err(self.error("Unterminated comment", start, bytes.len()))
    }

    /// Scans one token whose first byte is `b` at `self.pos`.
    fn scan_token(
        &mut self,
        b: u8,
        goal: LexGoal,
        flags: &mut TokenFlags,
    ) -> Result<TokenKind, SyntaxError> {
        use TokenKind::*;
        let start = self.pos;
        let at = |i: usize| self.bytes.get(start + i).copied().unwrap_or(0);
        // (kind, length) for punctuators.
        let (kind, len) = match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'$' | b'_' | b'\\' => {
                return self.scan_identifier_name(flags);
            }
            b'0'..=b'9' => return self.scan_number(flags),
            b'"' | b'\'' => return self.scan_string(b, flags),
            b'`' => return self.scan_template(true, flags),
            b'#' => return self.scan_private_name(flags),
            b'}' if goal.template_tail => return self.scan_template(false, flags),
            b'/' if goal.regexp => return self.scan_regexp(),
            0x80.. => return self.scan_identifier_name(flags),
            b'{' => (LBrace, 1),
            b'}' => (RBrace, 1),
            b'(' => (LParen, 1),
            b')' => (RParen, 1),
            b'[' => (LBracket, 1),
            b']' => (RBracket, 1),
            b';' => (Semicolon, 1),
            b',' => (Comma, 1),
            b':' => (Colon, 1),
            b'~' => (Tilde, 1),
            b'.' => match at(1) {
                b'0'..=b'9' => return self.scan_number(flags),
                b'.' if at(2) == b'.' => (Ellipsis, 3),
                _ => (Dot, 1),
            },
            b'<' => match (at(1), at(2)) {
                (b'<', b'=') => (ShiftLeftEq, 3),
                (b'<', _) => (ShiftLeft, 2),
                (b'=', _) => (LtEq, 2),
                _ => (Lt, 1),
            },
            b'>' => match (at(1), at(2), at(3)) {
                (b'>', b'>', b'=') => (ShiftRightUnsignedEq, 4),
                (b'>', b'>', _) => (ShiftRightUnsigned, 3),
                (b'>', b'=', _) => (ShiftRightEq, 3),
                (b'>', _, _) => (ShiftRight, 2),
                (b'=', _, _) => (GtEq, 2),
                _ => (Gt, 1),
            },
            b'=' => match (at(1), at(2)) {
                (b'=', b'=') => (EqEqEq, 3),
                (b'=', _) => (EqEq, 2),
                (b'>', _) => (Arrow, 2),
                _ => (Eq, 1),
            },
            b'!' => match (at(1), at(2)) {
                (b'=', b'=') => (NotEqEq, 3),
                (b'=', _) => (NotEq, 2),
                _ => (Bang, 1),
            },
            b'+' => match at(1) {
                b'+' => (PlusPlus, 2),
                b'=' => (PlusEq, 2),
                _ => (Plus, 1),
            },
            b'-' => match at(1) {
                b'-' => (MinusMinus, 2),
                b'=' => (MinusEq, 2),
                _ => (Minus, 1),
            },
            b'*' => match (at(1), at(2)) {
                (b'*', b'=') => (StarStarEq, 3),
                (b'*', _) => (StarStar, 2),
                (b'=', _) => (StarEq, 2),
                _ => (Star, 1),
            },
            b'%' => match at(1) {
                b'=' => (PercentEq, 2),
                _ => (Percent, 1),
            },
            b'&' => match (at(1), at(2)) {
                (b'&', b'=') => (AmpAmpEq, 3),
                (b'&', _) => (AmpAmp, 2),
                (b'=', _) => (AmpEq, 2),
                _ => (Amp, 1),
            },
            b'|' => match (at(1), at(2)) {
                (b'|', b'=') => (PipePipeEq, 3),
                (b'|', _) => (PipePipe, 2),
                (b'=', _) => (PipeEq, 2),
                _ => (Pipe, 1),
            },
            b'^' => match at(1) {
                b'=' => (CaretEq, 2),
                _ => (Caret, 1),
            },
            b'?' => match (at(1), at(2)) {
                (b'?', b'=') => (QuestionQuestionEq, 3),
                (b'?', _) => (QuestionQuestion, 2),
                // 12.8 OptionalChainingPunctuator :: ?. [lookahead ∉ DecimalDigit]
                (b'.', d) if !d.is_ascii_digit() => (QuestionDot, 2),
                _ => (Question, 1),
            },
            b'/' => match at(1) {
                b'=' => (SlashEq, 2),
                _ => (Slash, 1),
            },
            _ => {
                return Err(self.error("Invalid or unexpected token", start, start + 1));
            }
        };
        self.pos = start + len;
        Ok(kind)
    }

    /// 12.9.5 RegularExpressionLiteral at `self.pos` (a `/`). The pattern is
    /// not validated here (see `validate_regexp`).
    fn scan_regexp(&mut self) -> Result<TokenKind, SyntaxError> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start + 1;
        let mut in_class = false;
        let unterminated = |lexer: &Self, end: usize| {
            lexer.error("Unterminated regular expression literal", start, end)
        };
        loop {
            let Some(&b) = bytes.get(i) else {
                return Err(unterminated(self, i));
            };
            match b {
                b'\n' | b'\r' => return Err(unterminated(self, i)),
                0xE2 if is_ls_ps(bytes, i) => return Err(unterminated(self, i)),
                // RegularExpressionBackslashSequence :: \ RegularExpressionNonTerminator
                b'\\' => {
                    i += 1;
                    match bytes.get(i) {
                        None | Some(b'\n') | Some(b'\r') => return Err(unterminated(self, i)),
                        Some(0xE2) if is_ls_ps(bytes, i) => return Err(unterminated(self, i)),
                        // Continuation bytes of a multi-byte character are
                        // skipped by the default arm below.
                        Some(_) => i += 1,
                    }
                }
                b'[' => {
                    in_class = true;
                    i += 1;
                }
                b']' => {
                    in_class = false;
                    i += 1;
                }
                b'/' if !in_class => {
                    i += 1;
                    break;
                }
                _ => i += 1,
            }
        }
        // RegularExpressionFlags :: IdentifierPartChar*
        loop {
            match bytes.get(i) {
                Some(&b) if b < 0x80 => {
                    if is_ascii_id_part(b) {
                        i += 1;
                    } else if b == b'\\' {
                        return Err(self.error(
                            "Invalid regular expression flags: escapes are not allowed",
                            i,
                            i + 1,
                        ));
                    } else {
                        break;
                    }
                }
                Some(_) => match self.char_at(i) {
                    Some(c) if is_id_part(c) => i += c.len_utf8(),
                    _ => break,
                },
                None => break,
            }
        }
        self.pos = i;
        Ok(TokenKind::RegularExpressionLiteral)
    }

    /// `#` IdentifierName (12.7 PrivateIdentifier).
    fn scan_private_name(&mut self, flags: &mut TokenFlags) -> Result<TokenKind, SyntaxError> {
        let start = self.pos;
        let starts_name = match self.bytes.get(start + 1) {
            Some(&b) if b < 0x80 => is_ascii_id_start(b) || b == b'\\',
            Some(_) => self
                .char_at(start + 1)
                .is_some_and(super::chars::is_id_start),
            None => false,
        };
        if !starts_name {
            return Err(self.error("Invalid or unexpected token", start, start + 1));
        }
        self.pos = start + 1;
        // A private name is never a keyword: keep only HAS_ESCAPE.
        let mut name_flags = TokenFlags::empty();
        self.scan_identifier_name(&mut name_flags)?;
        if name_flags.contains(TokenFlags::HAS_ESCAPE) {
            flags.insert(TokenFlags::HAS_ESCAPE);
        }
        Ok(TokenKind::PrivateIdentifier)
    }
}

/// True when `bytes[i..]` starts with U+2028 or U+2029 (E2 80 A8/A9).
#[inline]
pub(super) fn is_ls_ps(bytes: &[u8], i: usize) -> bool {
    bytes.get(i) == Some(&0xE2)
        && bytes.get(i + 1) == Some(&0x80)
        && matches!(bytes.get(i + 2), Some(0xA8) | Some(0xA9))
}
