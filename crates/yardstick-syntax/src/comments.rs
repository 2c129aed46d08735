//! Ordinary `//` comments, which pest skips: the formatter finds them in the text itself.
//!
//! The scan follows the lexer: a `"` opens a string that runs to the next unescaped `"` (a `\` escapes the
//! next byte, whatever it is), `///` starts a doc comment (kept in the syntax tree, so skipped here) and `//`
//! starts an ordinary comment; both run to the end of the line.

/// One ordinary comment: `//` up to the end of its line, trailing whitespace (a `\r`) removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    /// Byte offset of the first `/`.
    pub start: usize,
    /// The text from `//` on, without trailing whitespace.
    pub text: String,
}

/// Every ordinary comment in `src`, in order.
pub(crate) fn scan(src: &str) -> Vec<Comment> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = line_end(bytes, i);
                if bytes.get(i + 2) != Some(&b'/') {
                    let text = src.get(i..end).unwrap_or("").trim_end().to_string();
                    out.push(Comment { start: i, text });
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The first `{` in `src[start..end]` that is not inside a string or a comment.
pub(crate) fn find_open_brace(src: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let end = end.min(bytes.len());
    let mut i = start;
    while i < end {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(bytes, i),
            b'{' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The offset just past the string that opens at `i`: its closing `"`, or the end of the line.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
        if bytes[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    i + 1
}

/// The offset of the `\n` ending the line that holds `i` (or the end of the text).
fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| i + p)
}

/// Line numbers of byte offsets.
pub(crate) struct Lines {
    newlines: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(src: &str) -> Self {
        Lines {
            newlines: src
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// The 0-based line holding byte `pos` (a `\n` belongs to the line it ends).
    pub(crate) fn line(&self, pos: usize) -> usize {
        self.newlines.partition_point(|&n| n < pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_strings_and_docs() {
        let src = "/// doc\n// a\nx \"// not\" // b\r\n\"esc \\\" // no\" //c\n////d\n";
        let cs: Vec<String> = scan(src).into_iter().map(|c| c.text).collect();
        assert_eq!(cs, vec!["// a", "// b", "//c"]);
    }

    #[test]
    fn escaped_newline_stays_in_the_string() {
        let src = "\"a\\\n// no\" // yes";
        let cs: Vec<String> = scan(src).into_iter().map(|c| c.text).collect();
        assert_eq!(cs, vec!["// yes"]);
    }

    #[test]
    fn braces_skip_strings_and_comments() {
        let src = "item x \"{\" // {\n {";
        assert_eq!(find_open_brace(src, 0, src.len()), Some(src.len() - 1));
        assert_eq!(find_open_brace(src, 0, 5), None);
    }

    #[test]
    fn line_numbers() {
        let l = Lines::new("ab\ncd\n");
        assert_eq!((l.line(0), l.line(2), l.line(3), l.line(6)), (0, 0, 1, 2));
    }
}
