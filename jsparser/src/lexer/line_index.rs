//! Byte offset -> (line, column) mapping for error messages and tools.
//!
//! Lines are separated by the LineTerminatorSequences of ECMA-262 12.3:
//! LF, CR, CRLF (one terminator), U+2028 and U+2029. Columns count Unicode
//! scalar values, so the index remembers where multi-byte characters are
//! instead of keeping the source text alive (the struct has no lifetime).

/// Where lines start, and where non-ASCII characters sit, in one source text.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    /// Start offset of every multi-byte character, in order...
    wide_starts: Vec<u32>,
    /// ...and, at the same index, the extra bytes (UTF-8 length - 1) of that
    /// character and all wide characters before it.
    wide_extra_cumulative: Vec<u32>,
    /// Length of the source in bytes (offsets past it are clamped).
    len: u32,
}

impl LineIndex {
    /// Indexes the line starts and the multi-byte characters of `source`.
    pub fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0u32];
        let mut wide_starts = Vec::new();
        let mut wide_extra_cumulative = Vec::new();
        let mut extra = 0u32;
        let mut i = 0usize;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b == b'\n' {
                    line_starts.push(i as u32 + 1);
                } else if b == b'\r' {
                    // CRLF is one terminator: the line starts after the LF.
                    if bytes.get(i + 1) != Some(&b'\n') {
                        line_starts.push(i as u32 + 1);
                    }
                }
                i += 1;
                continue;
            }
            let width = utf8_width(b);
            extra += width as u32 - 1;
            wide_starts.push(i as u32);
            wide_extra_cumulative.push(extra);
            // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
            if b == 0xE2
                && bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8) | Some(0xA9))
            {
                line_starts.push((i + 3) as u32);
            }
            i += width;
        }
        LineIndex {
            line_starts,
            wide_starts,
            wide_extra_cumulative,
            len: bytes.len() as u32,
        }
    }

    /// Number of lines (at least 1, even for an empty source).
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// 1-based line and 1-based column (in Unicode scalar values) of the byte
    /// `offset`. An offset inside a multi-byte character maps to the column
    /// after that character; offsets past the end are clamped to the end.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let offset = offset.min(self.len);
        // Index of the last line start <= offset.
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.line_starts[line];
        let col = offset - line_start - self.extra_between(line_start, offset);
        (line as u32 + 1, col + 1)
    }

    /// The byte offset where 1-based `line` starts, if it exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        let idx = (line as usize).checked_sub(1)?;
        self.line_starts.get(idx).copied()
    }

    /// The text of 1-based `line` without its terminator ("" when out of range).
    pub fn line_text<'a>(&self, source: &'a str, line: u32) -> &'a str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.len);
        let Some(text) = source.get(start as usize..end as usize) else {
            return "";
        };
        for terminator in ["\r\n", "\n", "\r", "\u{2028}", "\u{2029}"] {
            if let Some(stripped) = text.strip_suffix(terminator) {
                return stripped;
            }
        }
        text
    }

    /// Bytes beyond one per character in `from..to`; a character that starts
    /// before `to` but ends after it counts as one whole character.
    fn extra_between(&self, from: u32, to: u32) -> u32 {
        let first = self.wide_starts.partition_point(|&s| s < from);
        let last = self.wide_starts.partition_point(|&s| s < to);
        if last <= first {
            return 0;
        }
        let before = if first == 0 {
            0
        } else {
            self.wide_extra_cumulative[first - 1]
        };
        let mut extra = self.wide_extra_cumulative[last - 1] - before;
        // The last wide character may straddle `to`.
        let start = self.wide_starts[last - 1];
        let own = self.wide_extra_cumulative[last - 1]
            - if last >= 2 {
                self.wide_extra_cumulative[last - 2]
            } else {
                0
            };
        let end = start + own + 1;
        if end > to {
            extra -= end - to;
        }
        extra
    }
}

/// Length of the UTF-8 sequence that starts with byte `b` (`b >= 0x80`).
fn utf8_width(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_source_has_one_line() {
        let idx = LineIndex::new("");
        assert_eq!(idx.line_count(), 1);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_text("", 1), "");
    }

    #[test]
    fn lf_lines() {
        let src = "ab\ncd\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(2), (1, 3));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(4), (2, 2));
        assert_eq!(idx.line_col(6), (3, 1));
        assert_eq!(idx.line_text(src, 1), "ab");
        assert_eq!(idx.line_text(src, 2), "cd");
        assert_eq!(idx.line_text(src, 3), "");
    }

    #[test]
    fn crlf_is_one_terminator() {
        let src = "a\r\nb\rc";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(5), (3, 1));
        assert_eq!(idx.line_text(src, 1), "a");
        assert_eq!(idx.line_text(src, 2), "b");
        assert_eq!(idx.line_text(src, 3), "c");
    }

    #[test]
    fn unicode_separators() {
        let src = "a\u{2028}b\u{2029}c";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_col(4), (2, 1));
        assert_eq!(idx.line_text(src, 1), "a");
        assert_eq!(idx.line_text(src, 2), "b");
        assert_eq!(idx.line_text(src, 3), "c");
    }

    #[test]
    fn columns_count_scalar_values() {
        let src = "x\néé𝒳z";
        let idx = LineIndex::new(src);
        // é is 2 bytes, 𝒳 is 4 bytes.
        assert_eq!(idx.line_col(2), (2, 1));
        assert_eq!(idx.line_col(4), (2, 2));
        assert_eq!(idx.line_col(6), (2, 3));
        assert_eq!(idx.line_col(10), (2, 4));
        assert_eq!(idx.line_col(11), (2, 5));
    }

    #[test]
    fn offset_inside_a_character() {
        let src = "é";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(1), (1, 2));
    }

    #[test]
    fn offsets_past_end_are_clamped() {
        let idx = LineIndex::new("ab");
        assert_eq!(idx.line_col(100), (1, 3));
    }

    #[test]
    fn out_of_range_lines_are_empty() {
        let src = "a\nb";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_text(src, 0), "");
        assert_eq!(idx.line_text(src, 3), "");
        assert_eq!(idx.line_start(2), Some(2));
    }

    #[test]
    fn wide_chars_on_earlier_lines_do_not_shift_columns() {
        let src = "ééé\nab";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(8), (2, 2));
    }
}
