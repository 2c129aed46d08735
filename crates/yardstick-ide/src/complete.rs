//! Completion: read from the line before the cursor (so it works while the document does not parse):
//! standard ids after `use` / `extends` / `supersedes`, their versions inside `version "…"`, types
//! after `input NAME:`, units inside `unit "…"`, an enum's values after `==`, `!=` or `in [` (and in
//! an example, a given enum's values, a ladder's levels and a grade's bands after `NAME =`), and
//! otherwise keywords with the names the document can read (its own, its base's, and its used
//! standards' through their aliases).

use crate::tokens::{lex, Lexeme, Token, FUNCTIONS, TYPES};
use crate::{Analysis, Completion, CompletionKind, SymbolKind, TextRange};
use yardstick::catalogue::ide as m;
use yardstick::outline::StandardRefKind;

/// The words that start a declaration.
const DECLARATION_WORDS: &[&str] = &[
    "title",
    "version",
    "effective",
    "status",
    "source",
    "supersedes",
    "use",
    "review",
    "input",
    "group",
    "let",
    "output",
    "section",
    "basic",
    "item",
    "levels",
    "score",
    "grade",
    "rank",
    "require",
    "example",
    "change",
    "remove",
    "label",
    "help",
    "clause",
    "applies",
    "given",
    "expect",
    "as_of",
];

/// The words of conditions.
const EXPRESSION_WORDS: &[&str] = &[
    "and", "or", "not", "true", "false", "in", "if", "then", "else", "each", "at_least", "all_of",
    "any_of", "none_of", "unknown", "of",
];

impl Analysis {
    /// What may be written at `offset` in `file`; at most [`crate::Limits::results`].
    pub fn completion(&self, file: &str, offset: usize) -> Vec<Completion> {
        let Some(text) = self.text(file) else {
            return Vec::new();
        };
        let offset = crate::line_index::floor_boundary(text, offset);
        let line_start = text[..offset].rfind('\n').map(|k| k + 1).unwrap_or(0);
        let line = &text[line_start..offset];
        let toks: Vec<Token> = lex(line)
            .into_iter()
            .map(|t| Token {
                kind: t.kind,
                range: TextRange {
                    start: t.range.start + line_start,
                    end: t.range.end + line_start,
                },
            })
            .collect();
        let word_of = |t: &Token| &text[t.range.start..t.range.end];
        let here = TextRange {
            start: offset,
            end: offset,
        };
        // The token being typed (a word or an open string ending at the cursor).
        let (typing, before) = match toks.split_last() {
            Some((last, rest)) if last.range.end == offset && last.kind != Lexeme::Operator => {
                (Some(*last), rest)
            }
            _ => (None, &toks[..]),
        };
        let mut out = Vec::new();
        let limit = self.limits.results;
        let push = |out: &mut Vec<Completion>, label: &str, kind, detail: String, replace| {
            if out.len() < limit {
                out.push(Completion {
                    label: label.to_string(),
                    kind,
                    detail,
                    replace,
                });
            }
        };
        let prev = |k: usize| before.len().checked_sub(k).map(|i| word_of(&before[i]));

        // Inside a string: a version or a unit.
        if let Some(t) = typing.filter(|t| t.kind == Lexeme::String) {
            let inner = TextRange {
                start: t.range.start + 1,
                end: offset,
            };
            if prev(1) == Some("version")
                && matches!(prev(3), Some("use" | "extends" | "supersedes"))
            {
                if let Some(id) = prev(2) {
                    for d in self.docs.iter().filter(|d| d.id == id) {
                        push(
                            &mut out,
                            &d.version,
                            CompletionKind::Version,
                            self.say(&m::kind_version(id)),
                            inner,
                        );
                    }
                }
            } else if prev(1) == Some("unit") {
                for u in self.units() {
                    push(
                        &mut out,
                        &u,
                        CompletionKind::Unit,
                        self.say(&m::kind_unit()),
                        inner,
                    );
                }
            }
            return out;
        }
        let replace = typing.map(|t| t.range).unwrap_or(here);
        // A standard's id.
        if matches!(prev(1), Some("use" | "extends" | "supersedes")) {
            let mut seen = std::collections::BTreeSet::new();
            for d in &self.docs {
                if seen.insert(d.id.clone()) {
                    let detail = d
                        .title
                        .as_ref()
                        .and_then(|t| t.zh.clone().or_else(|| t.en.clone()))
                        .unwrap_or_else(|| self.say(&m::kind_standard()));
                    push(&mut out, &d.id, CompletionKind::Standard, detail, replace);
                }
            }
            return out;
        }
        // A type.
        let after_colon =
            before.last().is_some_and(|t| word_of(t) == ":") && prev(3) == Some("input");
        if after_colon || prev(1) == Some("of") && prev(3) == Some("series") {
            for t in TYPES {
                push(
                    &mut out,
                    t,
                    CompletionKind::Type,
                    self.say(&m::kind_type()),
                    replace,
                );
            }
            return out;
        }
        // An enum's values.
        if let Some(subject) = compared(before, &word_of) {
            let values = self.values_of(file, subject, offset);
            if !values.is_empty() {
                for (v, detail) in values {
                    push(&mut out, &v, CompletionKind::Value, detail, replace);
                }
                return out;
            }
        }
        let typed = typing.as_ref().map(word_of).unwrap_or("");
        // A dotted name being typed: only the names under what is written before its last dot.
        if let Some((head, _)) = typed.rsplit_once('.') {
            let under = format!("{head}.");
            for (name, kind, detail) in self.readable_names(file, typed) {
                if name.starts_with(&under) {
                    push(&mut out, &name, CompletionKind::Name(kind), detail, replace);
                }
            }
            return out;
        }
        // Keywords and names.
        let at_line_start = before.is_empty();
        let words = if at_line_start {
            DECLARATION_WORDS
        } else {
            EXPRESSION_WORDS
        };
        for w in words {
            push(
                &mut out,
                w,
                CompletionKind::Keyword,
                self.say(&m::kind_keyword()),
                replace,
            );
        }
        if !at_line_start {
            for f in FUNCTIONS {
                push(
                    &mut out,
                    f,
                    CompletionKind::Function,
                    String::new(),
                    replace,
                );
            }
        }
        for (name, kind, detail) in self.readable_names(file, typed) {
            push(&mut out, &name, CompletionKind::Name(kind), detail, replace);
        }
        out
    }

    /// Every unit written in the library's documents (`number unit "…"`), sorted.
    fn units(&self) -> Vec<String> {
        let mut units = std::collections::BTreeSet::new();
        for d in self.files.values() {
            for s in &d.outline.symbols {
                let Some(detail) = s.detail.as_deref().filter(|_| s.kind == SymbolKind::Input)
                else {
                    continue;
                };
                if let Some(rest) = detail.split("unit \"").nth(1) {
                    if let Some(u) = rest.split('"').next() {
                        units.insert(u.to_string());
                    }
                }
            }
        }
        units.into_iter().collect()
    }

    /// The values of what `subject` names, with their labels: an enum input's values, a ladder's
    /// levels, a grade's bands.
    fn values_of(&self, file: &str, subject: &str, at: usize) -> Vec<(String, String)> {
        let Some(t) = self.resolve_name(file, subject, Some(at), 0) else {
            return Vec::new();
        };
        let Some(d) = self.files.get(&t.file) else {
            return Vec::new();
        };
        d.outline
            .symbols
            .iter()
            .filter(|s| {
                s.parent == Some(t.sym)
                    && matches!(
                        s.kind,
                        SymbolKind::Variant | SymbolKind::Level | SymbolKind::Band
                    )
            })
            .map(|s| {
                let label = s
                    .labels
                    .zh
                    .clone()
                    .unwrap_or_else(|| self.say(&crate::hover::kind_word(s.kind)));
                (s.id.clone(), label)
            })
            .collect()
    }

    /// The names `file` can read: its own declarations, its base's, and (prefixed with the alias)
    /// its used standards', each with its kind and labels. Used standards' names are listed only once
    /// the alias is being typed (`pests.`), so a long list stays short.
    fn readable_names(&self, file: &str, typed: &str) -> Vec<(String, SymbolKind, String)> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut files = vec![(file.to_string(), String::new())];
        let mut k = 0;
        while k < files.len() && k <= crate::MAX_CHAIN {
            let (f, prefix) = files[k].clone();
            k += 1;
            let Some(d) = self.files.get(&f) else {
                continue;
            };
            for s in &d.outline.symbols {
                let readable = matches!(
                    s.kind,
                    SymbolKind::Input
                        | SymbolKind::Group
                        | SymbolKind::Let
                        | SymbolKind::Output
                        | SymbolKind::Item
                        | SymbolKind::Levels
                        | SymbolKind::Score
                        | SymbolKind::Grade
                        | SymbolKind::Use
                ) && (s.kind != SymbolKind::Use || prefix.is_empty());
                if !readable {
                    continue;
                }
                let name = format!("{prefix}{}", s.id);
                if seen.insert(name.clone()) {
                    let label = [s.labels.zh.as_deref(), s.labels.en.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" / ");
                    let kind = self.say(&crate::hover::kind_word(s.kind));
                    let detail = if label.is_empty() {
                        kind
                    } else {
                        format!("{kind}: {label}")
                    };
                    out.push((name, s.kind, detail));
                }
            }
            for r in &d.outline.standards {
                let Some(g) = self.file_of(&r.id, &r.version) else {
                    continue;
                };
                match (r.kind, &r.alias) {
                    (StandardRefKind::Extends, _) => files.push((g.to_string(), prefix.clone())),
                    (StandardRefKind::Use, Some(a)) if prefix.is_empty() => {
                        let p = format!("{a}.");
                        if typed.starts_with(&p) {
                            files.push((g.to_string(), p));
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

/// The name a value is being written for: `NAME ==`, `NAME !=`, `NAME =` (in an example),
/// `NAME in [ a, `.
fn compared<'t>(before: &[Token], word_of: &impl Fn(&Token) -> &'t str) -> Option<&'t str> {
    let n = before.len();
    let last = before.last()?;
    if matches!(word_of(last), "==" | "!=" | "=") {
        let subject = before.get(n.checked_sub(2)?)?;
        return (subject.kind == Lexeme::Word).then(|| word_of(subject));
    }
    // Back over `a, b,` to `[` and `in`.
    let mut i = n;
    while i > 0 {
        i -= 1;
        let w = word_of(&before[i]);
        match w {
            "[" => {
                let inw = before.get(i.checked_sub(1)?)?;
                let subject = before.get(i.checked_sub(2)?)?;
                return (word_of(inw) == "in" && subject.kind == Lexeme::Word)
                    .then(|| word_of(subject));
            }
            "," => continue,
            _ if before[i].kind == Lexeme::Word => continue,
            _ => return None,
        }
    }
    None
}
