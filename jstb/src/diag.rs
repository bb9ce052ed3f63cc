//! Reading source files and rendering diagnostics.

use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use jsparser::lexer::LineIndex;
use jsparser::{Span, SyntaxError};

/// Why a source text could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not UTF-8: the byte offset of the first invalid sequence.
    InvalidUtf8(usize),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::InvalidUtf8(at) => write!(f, "invalid UTF-8 at byte {at}"),
        }
    }
}

/// Decodes bytes as UTF-8 (source text must be UTF-8; no replacement).
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| ReadError::InvalidUtf8(e.utf8_error().valid_up_to()))
}

/// Reads a file as UTF-8 source text.
pub fn read_source(path: &Path) -> Result<String, ReadError> {
    decode(std::fs::read(path).map_err(ReadError::Io)?)
}

/// Reads standard input as UTF-8 source text.
pub fn read_stdin() -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    decode(bytes)
}

/// `FILE:LINE:COL: SyntaxError: MESSAGE`, the source line and a caret under
/// the error (as wide as the error's span on that line).
pub fn render_syntax_error(name: &str, source: &str, err: &SyntaxError) -> String {
    let index = LineIndex::new(source);
    let (line, col) = index.line_col(err.span.start);
    let mut out = format!("{name}:{line}:{col}: SyntaxError: {}\n", err.message);
    out.push_str(&render_excerpt(source, &index, err.span));
    out
}

/// The source line of `span.start` and a caret line under the span (as wide
/// as the span on that line, at least one column), without a final newline.
pub fn render_excerpt(source: &str, index: &LineIndex, span: Span) -> String {
    let mut out = String::new();
    let (line, col) = index.line_col(span.start);
    let text = index.line_text(source, line);
    // Very long lines (minified code) are cut around the column.
    let (shown, col_in_shown) = window(text, col as usize - 1, 160);
    let _ = writeln!(out, "{}", printable(shown));
    // The caret spans the error on this line (at least one column).
    let (end_line, end_col) = index.line_col(span.end);
    let width = if end_line == line && end_col > col {
        (end_col - col) as usize
    } else {
        1
    };
    let width = width.min(shown.chars().count().saturating_sub(col_in_shown).max(1));
    let mut caret = String::new();
    for c in shown.chars().take(col_in_shown) {
        // Keep tabs so the caret lines up with the line above.
        caret.push(if c == '\t' { '\t' } else { ' ' });
    }
    caret.push('^');
    for _ in 1..width {
        caret.push('~');
    }
    out.push_str(&caret);
    out
}

/// At most `max` characters of `text` around character `col`; returns the
/// slice and the column within it.
fn window(text: &str, col: usize, max: usize) -> (&str, usize) {
    let count = text.chars().count();
    if count <= max {
        return (text, col.min(count));
    }
    let start = col.saturating_sub(max / 2).min(count - max);
    let byte = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let (from, to) = (byte(start), byte(start + max));
    (&text[from..to], col.saturating_sub(start).min(max))
}

/// Replaces control characters (other than tab) so the terminal shows the
/// line as it is laid out; one character for one, so the caret stays aligned.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_the_column() {
        let src = "var a;\nvar 1 = 2;\n";
        let err = SyntaxError::new("unexpected token", Span::new(11, 12));
        let out = render_syntax_error("x.js", src, &err);
        assert_eq!(
            out,
            "x.js:2:5: SyntaxError: unexpected token\nvar 1 = 2;\n    ^"
        );
    }

    #[test]
    fn caret_spans_the_error_and_keeps_tabs() {
        let src = "\tlet let = 1;";
        let err = SyntaxError::new("bad", Span::new(5, 8));
        let out = render_syntax_error("-", src, &err);
        assert_eq!(out, "-:1:6: SyntaxError: bad\n\tlet let = 1;\n\t    ^~~");
    }

    #[test]
    fn error_at_end_of_input() {
        let src = "f(";
        let err = SyntaxError::new("unexpected end of input", Span::new(2, 2));
        let out = render_syntax_error("a.js", src, &err);
        assert_eq!(
            out,
            "a.js:1:3: SyntaxError: unexpected end of input\nf(\n  ^"
        );
    }

    #[test]
    fn out_of_range_span_does_not_panic() {
        let err = SyntaxError::new("x", Span::new(100, 50));
        let out = render_syntax_error("a.js", "é\r\n", &err);
        assert!(out.starts_with("a.js:2:1: SyntaxError: x"));
    }

    #[test]
    fn long_lines_are_windowed() {
        let src = "x".repeat(1000) + "@";
        let err = SyntaxError::new("bad", Span::new(1000, 1001));
        let out = render_syntax_error("a.js", &src, &err);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[1].len() <= 160);
        assert_eq!(lines[1].find('@'), Some(lines[2].len() - 1));
    }

    #[test]
    fn invalid_utf8_offset() {
        match decode(b"ok\xff".to_vec()) {
            Err(ReadError::InvalidUtf8(2)) => {}
            other => panic!("{other:?}"),
        }
    }
}
