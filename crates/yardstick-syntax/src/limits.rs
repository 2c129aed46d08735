//! Bounds on what a document's author controls, checked before pest runs so that no input can exhaust
//! the stack or the memory of the parser. Each limit has a named error and a test at the limit.

use crate::ast::Span;
use crate::error::SyntaxError;

/// Largest document accepted, in bytes (4 MiB; the biggest real standard is a few dozen KB).
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;
/// Deepest nesting of `{`, `[` and `(` accepted. Real standards nest fewer than ten deep; the bound keeps
/// the parser's recursion within a small stack (a browser's WASM stack, a 2 MiB test thread).
pub const MAX_NESTING: usize = 32;
/// Longest name accepted, in characters.
pub const MAX_NAME_LEN: usize = 100;
/// Deepest expression accepted (operators, `not`, minus signs and brackets all count).
pub const MAX_EXPR_DEPTH: usize = 96;
/// Most syntax errors one document reports; past it, one more error (Y0024) says the rest are not listed
/// (a pasted text full of slips would otherwise cost a problem, and its memory, per character).
pub const MAX_SYNTAX_ERRORS: usize = 1000;

/// The quotes that open and close a curly-quoted label (`bad_cjk_string`).
const CJK_OPEN: [&str; 3] = ["\u{201C}", "\u{300C}", "\u{300E}"];
const CJK_CLOSE: [&str; 3] = ["\u{201D}", "\u{300D}", "\u{300F}"];

/// Check size and bracket nesting. Text the grammar reads as a string, a curly-quoted label or a comment
/// is skipped exactly as the grammar reads it, so brackets inside them do not count and no bracket the
/// parser will descend into is missed (a `"` or `//` inside `“…”` is text, not the start of a string or a
/// comment).
pub fn check_source(src: &str) -> Result<(), SyntaxError> {
    if src.len() > MAX_DOCUMENT_BYTES {
        // Underline the first line: the whole document is the problem, and its start is what people see.
        let first_line = src.find('\n').unwrap_or(src.len()).min(200);
        let end = (0..=first_line)
            .rev()
            .find(|i| src.is_char_boundary(*i))
            .unwrap_or(0);
        return Err(SyntaxError::TooLarge {
            size: src.len(),
            limit: MAX_DOCUMENT_BYTES,
            span: Span::new(0, end),
        });
    }
    scan(src, MAX_NESTING)
}

/// The bracket nesting of `src` against `limit` ([`check_source`]'s scan, with the limit a parameter
/// so that tests can reach it with short texts).
fn scan(src: &str, limit: usize) -> Result<(), SyntaxError> {
    // Byte by byte: every character that matters here is ASCII or starts with a byte no other
    // character's UTF-8 contains (a continuation byte is never ASCII), so no character is misread.
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            // `"…"`: a backslash escapes the next character, a newline included (as `string_inner`
            // does); an unescaped newline ends an unterminated string (`bad_unterminated`).
            b'"' => {
                i += 1;
                while let Some(&d) = b.get(i) {
                    match d {
                        // The escaped character's first byte; the rest of it is never ASCII.
                        b'\\' => i += 2,
                        b'"' | b'\n' => break,
                        _ => i += 1,
                    }
                }
            }
            // `“…”`, `「…」`, `『…』` (`bad_cjk_string`): up to any closing quote or the end of the line.
            0xE2 | 0xE3 if CJK_OPEN.iter().any(|q| b[i..].starts_with(q.as_bytes())) => {
                i += 3;
                while i < b.len() {
                    if b[i] == b'\n' || CJK_CLOSE.iter().any(|q| b[i..].starts_with(q.as_bytes())) {
                        break;
                    }
                    i += 1;
                }
            }
            // `//` comments and `///` doc comments run to the end of the line.
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = b[i..]
                    .iter()
                    .position(|d| *d == b'\n')
                    .map_or(b.len(), |n| i + n);
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > limit {
                    return Err(SyntaxError::TooDeep {
                        limit,
                        span: Span::new(i, i + 1),
                    });
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan character by character, as it was written first: the reference the byte scan is
    /// held to.
    fn reference(src: &str, limit: usize) -> Result<(), SyntaxError> {
        let mut depth = 0usize;
        let mut chars = src.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    while let Some((_, d)) = chars.next() {
                        match d {
                            '\\' => {
                                chars.next();
                            }
                            '"' | '\n' => break,
                            _ => {}
                        }
                    }
                }
                '\u{201C}' | '\u{300C}' | '\u{300E}' => {
                    for (_, d) in chars.by_ref() {
                        if matches!(d, '\u{201D}' | '\u{300D}' | '\u{300F}' | '\n') {
                            break;
                        }
                    }
                }
                '/' if chars.peek().map(|(_, d)| *d) == Some('/') => {
                    for (_, d) in chars.by_ref() {
                        if d == '\n' {
                            break;
                        }
                    }
                }
                '{' | '[' | '(' => {
                    depth += 1;
                    if depth > limit {
                        return Err(SyntaxError::TooDeep {
                            limit,
                            span: Span::new(i, i + 1),
                        });
                    }
                }
                '}' | ']' | ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        Ok(())
    }

    /// Texts made of what the scan tells apart, and characters that share its bytes' neighbours.
    fn text() -> impl Strategy<Value = String> {
        // Strings, escapes, quotes and line ends often, brackets seldom: a wrong turn in what is text
        // then shows at the next bracket outside it.
        let piece = prop_oneof![
            4 => Just("\""), 4 => Just("\\"), 2 => Just("\n"), 2 => Just("/"), 2 => Just("//"),
            2 => Just("a"), 1 => Just(" "), 2 => Just("\u{201C}"), 2 => Just("\u{201D}"),
            1 => Just("\u{300C}"), 1 => Just("\u{300D}"), 1 => Just("\u{300E}"),
            1 => Just("\u{300F}"), 1 => Just("\u{2018}"), 1 => Just("\u{3001}"), 1 => Just("卫"),
            1 => Just("{"), 1 => Just("}"), 1 => Just("["), 1 => Just("]"), 1 => Just("("),
            1 => Just(")"), 1 => Just("\u{201C}{"), 1 => Just("{{{{"),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        #[test]
        fn the_byte_scan_answers_as_the_character_scan(src in text(), limit in 0usize..6) {
            prop_assert_eq!(
                format!("{:?}", scan(&src, limit)),
                format!("{:?}", reference(&src, limit))
            );
        }
    }
}
