//! Byte offsets ↔ LSP positions (0-based line, column in UTF-16 code units), as the protocol counts.

/// A position as the Language Server Protocol gives it: 0-based line and UTF-16 column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Where each line of a text starts, to convert between byte offsets and [`LineCol`].
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// The number of lines (a text ending with a line break has an empty last line).
    pub fn lines(&self) -> usize {
        self.line_starts.len()
    }

    /// The position of byte `offset` (clamped to the text; an offset inside a character counts as its
    /// start).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_boundary(text, offset.min(self.len));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col: usize = text
            .get(start..offset)
            .map(|s| s.chars().map(char::len_utf16).sum())
            .unwrap_or(0);
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a position: a column past the line's end is its end (before the line break),
    /// a line past the last is the end of the text, a column inside a character (between the halves
    /// of a surrogate pair) is that character's start.
    pub fn offset(&self, text: &str, at: LineCol) -> usize {
        let Some(&start) = self.line_starts.get(at.line as usize) else {
            return self.len;
        };
        let end = self
            .line_starts
            .get(at.line as usize + 1)
            .map(|&e| e - 1)
            .unwrap_or(self.len);
        let line = text.get(start..end).unwrap_or("");
        let mut units = 0u32;
        for (i, c) in line.char_indices() {
            let next = units + c.len_utf16() as u32;
            if next > at.col {
                return start + i;
            }
            units = next;
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        start + line.len()
    }
}

/// The largest character boundary at or before `offset`.
pub(crate) fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_chinese_as_one_and_astral_as_two() {
        let text = "ab\n满意率 x\n😀y\r\nz";
        let ix = LineIndex::new(text);
        assert_eq!(ix.lines(), 4);
        let x = text.find('x').unwrap();
        assert_eq!(ix.line_col(text, x), LineCol { line: 1, col: 4 });
        assert_eq!(ix.offset(text, LineCol { line: 1, col: 4 }), x);
        let y = text.find('y').unwrap();
        assert_eq!(ix.line_col(text, y), LineCol { line: 2, col: 2 });
        assert_eq!(ix.offset(text, LineCol { line: 2, col: 2 }), y);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(ix.offset(text, LineCol { line: 2, col: 1 }), y - 4);
        // Past the end of a line: before its line break (and before a `\r`).
        assert_eq!(ix.offset(text, LineCol { line: 2, col: 99 }), y + 1);
        assert_eq!(ix.offset(text, LineCol { line: 9, col: 0 }), text.len());
        // Inside a character: its start.
        assert_eq!(ix.line_col(text, 4), LineCol { line: 1, col: 0 });
        // Every character's start maps back to itself (but the `\n` of a `\r\n`, which no position
        // can name: a column there is the end of the line, before the `\r`).
        for (i, _) in text
            .char_indices()
            .filter(|&(i, _)| !text[..i].ends_with('\r'))
        {
            assert_eq!(ix.offset(text, ix.line_col(text, i)), i);
        }
    }
}
