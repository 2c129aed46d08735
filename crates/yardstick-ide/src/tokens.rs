//! A lexer for highlighting and completion: words, strings, numbers, comments and operators, by byte
//! range. It never fails: a text that does not parse is still split into tokens.

use crate::TextRange;

/// What a piece of text is, lexically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lexeme {
    /// A name or a dotted path (`pests.fly`), or a keyword.
    Word,
    /// `"…"` (or a text in curly quotes, which the checker names as a mistake).
    String,
    /// A number, percentage, date or multiple (`90%`, `2015-01-01`, `3x`).
    Number,
    /// `// …` and `/// …`.
    Comment,
    /// `>=`, `==`, `+`, `..`, `:` …
    Operator,
    /// Brackets, commas and anything else.
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Lexeme,
    pub range: TextRange,
}

/// Every keyword of the language (including the reserved words and the types).
pub const KEYWORDS: &[&str] = &[
    "standard",
    "extends",
    "version",
    "title",
    "effective",
    "from",
    "until",
    "note",
    "status",
    "draft",
    "accepted",
    "superseded",
    "obsolete",
    "source",
    "tier",
    "supersedes",
    "use",
    "as",
    "review",
    "every",
    "year",
    "years",
    "rectify",
    "within",
    "input",
    "group",
    "let",
    "output",
    "section",
    "basic",
    "item",
    "label",
    "clause",
    "applies",
    "when",
    "levels",
    "below",
    "score",
    "out_of",
    "start",
    "cap",
    "floor",
    "deduct",
    "per",
    "at_most",
    "grade",
    "vetoed",
    "otherwise",
    "rank",
    "by",
    "then",
    "asc",
    "desc",
    "last",
    "require",
    "example",
    "given",
    "expect",
    "as_of",
    "rounded",
    "change",
    "remove",
    "weights",
    "and",
    "or",
    "not",
    "true",
    "false",
    "in",
    "of",
    "if",
    "else",
    "each",
    "at_least",
    "all_of",
    "any_of",
    "none_of",
    "the",
    "rest",
    "pass",
    "unknown",
    "zh",
    "en",
    "range",
    "help",
    "unit",
    "series",
    "bool",
    "count",
    "percent",
    "number",
    "enum",
    "date",
];

/// The type keywords.
pub const TYPES: &[&str] = &[
    "bool", "count", "percent", "number", "enum", "date", "series",
];

/// The functions.
pub const FUNCTIONS: &[&str] = &[
    "latest",
    "mean",
    "min",
    "max",
    "rising",
    "non_decreasing",
    "round",
    "abs",
    "exceedance",
];

fn is_word_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Split `text` into tokens (whitespace and characters the language does not know are left out).
pub fn lex(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    let tok = |kind, start, end| Token {
        kind,
        range: TextRange { start, end },
    };
    while i < b.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map(|k| i + k).unwrap_or(b.len());
            let end = if end > i && b.get(end - 1) == Some(&b'\r') {
                end - 1
            } else {
                end
            };
            out.push(tok(Lexeme::Comment, i, end));
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                j += if b[j] == b'\\' && j + 1 < b.len() && b[j + 1] != b'\n' {
                    2
                } else {
                    1
                };
            }
            let end = if j < b.len() && b[j] == b'"' {
                j + 1
            } else {
                j
            };
            let end = end.min(b.len());
            let end = crate::line_index::floor_boundary(text, end);
            out.push(tok(Lexeme::String, i, end));
            i = end;
        } else if let Some(close) = match c {
            '“' => Some('”'),
            '「' => Some('」'),
            '『' => Some('』'),
            _ => None,
        } {
            let line_end = rest.find('\n').unwrap_or(rest.len());
            let end = rest[..line_end]
                .find(close)
                .map(|k| k + close.len_utf8())
                .unwrap_or(line_end);
            out.push(tok(Lexeme::String, i, i + end));
            i += end.max(c.len_utf8());
        } else if c.is_ascii_digit() {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'-' && is_date_dash(b, j)) {
                j += 1;
            }
            if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
            }
            if j < b.len() && (b[j] == b'%' || b[j] == b'x') {
                if b[j] == b'%' || !b.get(j + 1).is_some_and(|&n| is_word(n as char)) {
                    j += 1;
                }
            } else if text[j..].starts_with('×') {
                j += '×'.len_utf8();
            }
            out.push(tok(Lexeme::Number, i, j));
            i = j;
        } else if is_word_start(c) {
            let mut j = i;
            loop {
                while j < b.len() && is_word(b[j] as char) {
                    j += 1;
                }
                if j + 1 < b.len() && b[j] == b'.' && is_word_start(b[j + 1] as char) {
                    j += 1;
                } else {
                    break;
                }
            }
            out.push(tok(Lexeme::Word, i, j));
            i = j;
        } else if let Some(op) = [
            ">=", "<=", "==", "!=", "..", ">", "<", "=", "+", "-", "*", "/", ":",
        ]
        .iter()
        .find(|op| rest.starts_with(**op))
        {
            out.push(tok(Lexeme::Operator, i, i + op.len()));
            i += op.len();
        } else {
            if !c.is_whitespace() {
                out.push(tok(Lexeme::Punct, i, i + c.len_utf8()));
            }
            i += c.len_utf8();
        }
    }
    out
}

/// A `-` inside a date `YYYY-MM-DD` (four digits before the first, two before the second).
fn is_date_dash(b: &[u8], j: usize) -> bool {
    let digits_before = b[..j]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let digits_after = b[j + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    let second = digits_before == 2 && j >= 3 && b[j - 3] == b'-';
    (digits_before == 4 || second) && digits_after == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_token() {
        let text = "input a: percent // note\n  item b \"x \\\" y\" { a.b >= 90% and d < 2015-01-01 } 3x “满意”";
        let got: Vec<(Lexeme, &str)> = lex(text)
            .iter()
            .map(|t| (t.kind, &text[t.range.start..t.range.end]))
            .collect();
        assert_eq!(
            got,
            [
                (Lexeme::Word, "input"),
                (Lexeme::Word, "a"),
                (Lexeme::Operator, ":"),
                (Lexeme::Word, "percent"),
                (Lexeme::Comment, "// note"),
                (Lexeme::Word, "item"),
                (Lexeme::Word, "b"),
                (Lexeme::String, "\"x \\\" y\""),
                (Lexeme::Punct, "{"),
                (Lexeme::Word, "a.b"),
                (Lexeme::Operator, ">="),
                (Lexeme::Number, "90%"),
                (Lexeme::Word, "and"),
                (Lexeme::Word, "d"),
                (Lexeme::Operator, "<"),
                (Lexeme::Number, "2015-01-01"),
                (Lexeme::Punct, "}"),
                (Lexeme::Number, "3x"),
                (Lexeme::String, "“满意”"),
            ]
        );
    }

    #[test]
    fn an_open_string_stops_at_its_line_end() {
        let text = "a \"open\nb";
        let got: Vec<&str> = lex(text)
            .iter()
            .map(|t| &text[t.range.start..t.range.end])
            .collect();
        assert_eq!(got, ["a", "\"open", "b"]);
    }
}
