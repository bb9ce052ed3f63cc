//! 12.9.3 NumericLiteral scanning (validation only; the value is computed
//! on demand by `numeric_value` / `bigint_literal`).
//!
//! Forms: DecimalLiteral (`1`, `1.5`, `.5`, `1e3`, `1.`), NonDecimalIntegerLiteral
//! (`0x`, `0o`, `0b`), BigInt (`n` suffix), and Annex B.1 legacy forms
//! (LegacyOctalIntegerLiteral `017`, NonOctalDecimalIntegerLiteral `08`).
//! NumericLiteralSeparator `_` may only sit between two digits, never in a
//! legacy form nor right after a leading `0`.

use super::chars::{is_ascii_id_start, is_id_start, BYTE_CLASS, DIGIT, HEX};
use super::scan::Lexer;
use super::token::{TokenFlags, TokenKind};
use crate::SyntaxError;

const SEPARATOR_MSG: &str = "Numeric separators are not allowed here";

impl<'a> Lexer<'a> {
    /// Scans a numeric literal at `self.pos` (a digit, or `.` + digit).
    pub(super) fn scan_number(&mut self, flags: &mut TokenFlags) -> Result<TokenKind, SyntaxError> {
        let start = self.pos;
        let first = self.peek(0);
        let mut kind = TokenKind::NumericLiteral;
        if first == b'.' {
            self.pos += 1;
            self.scan_digits(DIGIT)?;
            self.scan_exponent()?;
        } else if first == b'0' {
            match self.peek(1) {
                b'x' | b'X' => kind = self.scan_radix(HEX)?,
                b'o' | b'O' => kind = self.scan_radix(OCTAL)?,
                b'b' | b'B' => kind = self.scan_radix(BINARY)?,
                b'0'..=b'9' => self.scan_legacy(flags)?,
                b'_' => return Err(self.error(SEPARATOR_MSG, start + 1, start + 2)),
                _ => {
                    self.pos += 1;
                    kind = self.scan_decimal_tail()?;
                }
            }
        } else {
            self.scan_digits(DIGIT)?;
            kind = self.scan_decimal_tail()?;
        }
        self.check_after_number()?;
        Ok(kind)
    }

    #[inline]
    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.pos + ahead).copied().unwrap_or(0)
    }

    /// DecimalDigits[+Sep] (or hex/octal/binary digits) at `self.pos`;
    /// a separator must have a digit on each side. Returns the digit count.
    fn scan_digits(&mut self, class: u8) -> Result<usize, SyntaxError> {
        let mut count = 0;
        loop {
            let b = self.peek(0);
            if is_digit_of(b, class) {
                self.pos += 1;
                count += 1;
            } else if b == b'_' {
                if count == 0 || !is_digit_of(self.peek(1), class) {
                    return Err(self.error(SEPARATOR_MSG, self.pos, self.pos + 1));
                }
                self.pos += 1;
            } else {
                return Ok(count);
            }
        }
    }

    /// After the integer part of a decimal literal: optional `.` fraction,
    /// optional exponent, or the BigInt suffix on a plain integer.
    fn scan_decimal_tail(&mut self) -> Result<TokenKind, SyntaxError> {
        if self.peek(0) == b'n' {
            self.pos += 1;
            return Ok(TokenKind::BigIntLiteral);
        }
        let mut plain_integer = true;
        if self.peek(0) == b'.' {
            plain_integer = false;
            self.pos += 1;
            if self.peek(0) == b'_' {
                return Err(self.error(SEPARATOR_MSG, self.pos, self.pos + 1));
            }
            self.scan_digits(DIGIT)?;
        }
        if self.scan_exponent()? {
            plain_integer = false;
        }
        if !plain_integer && self.peek(0) == b'n' {
            return Err(self.error(
                "A BigInt literal cannot have a fraction or an exponent",
                self.pos,
                self.pos + 1,
            ));
        }
        Ok(TokenKind::NumericLiteral)
    }

    /// ExponentPart :: ExponentIndicator SignedInteger; returns whether
    /// there was one.
    fn scan_exponent(&mut self) -> Result<bool, SyntaxError> {
        if !matches!(self.peek(0), b'e' | b'E') {
            return Ok(false);
        }
        let e = self.pos;
        self.pos += 1;
        if matches!(self.peek(0), b'+' | b'-') {
            self.pos += 1;
        }
        if self.peek(0) == b'_' {
            return Err(self.error(SEPARATOR_MSG, self.pos, self.pos + 1));
        }
        if self.scan_digits(DIGIT)? == 0 {
            return Err(self.error("Invalid or unexpected token: missing exponent", e, self.pos));
        }
        Ok(true)
    }

    /// `0x` / `0o` / `0b` followed by at least one digit; optional `n`.
    fn scan_radix(&mut self, class: u8) -> Result<TokenKind, SyntaxError> {
        let prefix = self.pos;
        self.pos += 2;
        if self.peek(0) == b'_' {
            return Err(self.error(SEPARATOR_MSG, self.pos, self.pos + 1));
        }
        if self.scan_digits(class)? == 0 {
            return Err(self.error(
                "Invalid or unexpected token: missing digits after the radix prefix",
                prefix,
                self.pos,
            ));
        }
        if self.peek(0) == b'n' {
            self.pos += 1;
            return Ok(TokenKind::BigIntLiteral);
        }
        Ok(TokenKind::NumericLiteral)
    }

    /// B.1 LegacyOctalIntegerLiteral (`017`: no fraction, exponent, `n` or
    /// separator) or NonOctalDecimalIntegerLiteral (`08`, `0789`: may take a
    /// fraction and exponent, no `n` or separator in the integer part).
    fn scan_legacy(&mut self, flags: &mut TokenFlags) -> Result<(), SyntaxError> {
        flags.insert(TokenFlags::LEGACY_OCTAL);
        let start = self.pos;
        let mut octal = true;
        self.pos += 1;
        while self.peek(0).is_ascii_digit() {
            octal &= self.peek(0) <= b'7';
            self.pos += 1;
        }
        match self.peek(0) {
            b'_' => return Err(self.error(SEPARATOR_MSG, self.pos, self.pos + 1)),
            b'n' => {
                return Err(self.error(
                    "A BigInt literal cannot have a leading zero",
                    start,
                    self.pos + 1,
                ))
            }
            _ => {}
        }
        if !octal {
            if self.peek(0) == b'.' {
                self.pos += 1;
                if self.peek(0) == b'_' {
                    return Err(self.error(SEPARATOR_MSG, self.pos, self.pos + 1));
                }
                self.scan_digits(DIGIT)?;
            }
            self.scan_exponent()?;
            if self.peek(0) == b'n' {
                return Err(self.error(
                    "A BigInt literal cannot have a fraction or an exponent",
                    self.pos,
                    self.pos + 1,
                ));
            }
        }
        Ok(())
    }

    /// 12.9.3: "The SourceCharacter immediately following a NumericLiteral
    /// must not be an IdentifierStart or DecimalDigit" (`3in`, `0b12`).
    fn check_after_number(&self) -> Result<(), SyntaxError> {
        let at = self.pos;
        let bad = match self.bytes.get(at) {
            None => false,
            Some(&b) if b < 0x80 => is_ascii_id_start(b) || b.is_ascii_digit() || b == b'\\',
            Some(_) => self.char_at(at).is_some_and(is_id_start),
        };
        if bad {
            let len = self.char_at(at).map_or(1, char::len_utf8);
            return Err(self.error(
                "Invalid or unexpected token: an identifier or digit cannot immediately follow a numeric literal",
                at,
                at + len,
            ));
        }
        Ok(())
    }
}

/// Pseudo byte classes for octal and binary digits (tested arithmetically).
const OCTAL: u8 = 0x40;
const BINARY: u8 = 0x80;

#[inline]
fn is_digit_of(b: u8, class: u8) -> bool {
    match class {
        OCTAL => matches!(b, b'0'..=b'7'),
        BINARY => matches!(b, b'0' | b'1'),
        _ => BYTE_CLASS[b as usize] & class != 0,
    }
}
