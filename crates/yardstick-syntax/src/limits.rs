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
    let mut depth = 0usize;
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            // `"…"`: a backslash escapes the next character, a newline included (as `string_inner`
            // does); an unescaped newline ends an unterminated string (`bad_unterminated`).
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
            // `“…”`, `「…」`, `『…』` (`bad_cjk_string`): up to any closing quote or the end of the line.
            '\u{201C}' | '\u{300C}' | '\u{300E}' => {
                for (_, d) in chars.by_ref() {
                    if matches!(d, '\u{201D}' | '\u{300D}' | '\u{300F}' | '\n') {
                        break;
                    }
                }
            }
            // `//` comments and `///` doc comments run to the end of the line.
            '/' if chars.peek().map(|(_, d)| *d) == Some('/') => {
                for (_, d) in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
            }
            '{' | '[' | '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(SyntaxError::TooDeep {
                        limit: MAX_NESTING,
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
