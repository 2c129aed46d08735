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

/// Check size and bracket nesting. Strings and comments are skipped so brackets inside them do not count.
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
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(SyntaxError::TooDeep {
                        limit: MAX_NESTING,
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
