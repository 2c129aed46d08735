//! Problems found in documents, in one shape for syntax errors and checker findings, with line and column,
//! and three renderings: graphical (miette), plain (narratable, for screen readers) and JSON.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where a problem is, in a named source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Place {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range `[start, end)`.
    pub start: usize,
    pub end: usize,
    /// The text under the span.
    pub text: String,
}

/// A secondary place with its own message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RelatedPlace {
    pub message: String,
    /// The message in Chinese.
    pub message_zh: String,
    #[serde(flatten)]
    pub place: Place,
}

/// One problem in a document: a syntax error or a checker finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Problem {
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    pub message: String,
    /// The message in Chinese.
    pub message_zh: String,
    pub label: String,
    /// The label in Chinese.
    pub label_zh: String,
    pub help: Option<String>,
    /// The help in Chinese (present exactly when `help` is).
    pub help_zh: Option<String>,
    #[serde(flatten)]
    pub place: Place,
    pub related: Vec<RelatedPlace>,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }

    /// The problem as a person reading `lang` sees it: `message`, `help` and the related messages in that
    /// language (`Both`: English, then Chinese on the next line; the label `{en} / {zh}` on its one line).
    /// The JSON form keeps both fields.
    pub fn in_lang(&self, lang: crate::Lang) -> Problem {
        let pick = |en: &str, zh: &str| lang.pick(en, if zh.is_empty() { en } else { zh });
        let mut p = self.clone();
        p.message = pick(&self.message, &self.message_zh);
        // The label stays on one line under the span: `Both` shows `{en} / {zh}`.
        let zh_label = if self.label_zh.is_empty() {
            &self.label
        } else {
            &self.label_zh
        };
        p.label = match lang {
            crate::Lang::Both if zh_label != &self.label => format!("{} / {zh_label}", self.label),
            _ => lang.pick(&self.label, zh_label),
        };
        p.help = match (&self.help, &self.help_zh) {
            (Some(en), Some(zh)) => Some(pick(en, zh)),
            (h, _) => h.clone(),
        };
        for r in &mut p.related {
            r.message = pick(&r.message, &r.message_zh);
        }
        p
    }
}

/// A problem with the replacement its "did you mean" names ([`crate::Library::check_file_suggesting`]):
/// the text to put in place of `problem.place`'s byte range, for an editor's quick fix. Not part of the
/// JSON contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggested {
    pub problem: Problem,
    pub replacement: Option<String>,
}

/// A source text with its name, shared by problems that point into it.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub name: String,
    pub text: Arc<str>,
}

/// Line starts and character counts of one text, so that a place costs a binary search and at most
/// [`CHAR_STEP`] bytes of counting, however many problems a document has (a document full of slips once
/// took a minute: every place rescanned the text up to it).
struct TextIndex {
    /// Which text. Holding it keeps its allocation alive, so another text can never take its address.
    text: Arc<str>,
    line_starts: Vec<usize>,
    /// Characters before byte `k * CHAR_STEP`.
    chars_before: Vec<usize>,
}

const CHAR_STEP: usize = 1024;

impl TextIndex {
    fn new(shared: &Arc<str>) -> TextIndex {
        let text: &str = shared;
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars_before = Vec::with_capacity(text.len() / CHAR_STEP + 1);
        let mut count = 0usize;
        let mut next = 0usize;
        for (i, _) in text.char_indices() {
            while next * CHAR_STEP <= i {
                chars_before.push(count);
                next += 1;
            }
            count += 1;
        }
        while next * CHAR_STEP <= text.len() {
            chars_before.push(count);
            next += 1;
        }
        TextIndex {
            text: shared.clone(),
            line_starts,
            chars_before,
        }
    }
    /// Characters in `text[..at]` (`at` on a character boundary).
    fn chars_to(&self, text: &str, at: usize) -> usize {
        let k = at / CHAR_STEP;
        let from = (k * CHAR_STEP..=at)
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(at);
        let base = self.chars_before.get(k).copied().unwrap_or(0);
        // A character that starts before the checkpoint and ends after it is counted before it.
        base + text.get(from..at).map(|t| t.chars().count()).unwrap_or(0)
    }
}

thread_local! {
    static INDEX: std::cell::RefCell<Option<TextIndex>> = const { std::cell::RefCell::new(None) };
}

pub(crate) fn place(src: &SourceText, start: usize, end: usize) -> Place {
    let text = &src.text;
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let start = floor_char(text, start);
    let end = floor_char(text, end);
    let (line, column) = INDEX.with(|cell| {
        let mut slot = cell.borrow_mut();
        if !slot
            .as_ref()
            .is_some_and(|x| Arc::ptr_eq(&x.text, &src.text))
        {
            *slot = Some(TextIndex::new(&src.text));
        }
        match slot.as_ref() {
            Some(ix) => {
                let line = ix.line_starts.partition_point(|&s| s <= start).max(1);
                let line_start = ix.line_starts.get(line - 1).copied().unwrap_or(0);
                let column = ix.chars_to(text, start) - ix.chars_to(text, line_start) + 1;
                (line, column)
            }
            None => (1, 1),
        }
    });
    Place {
        file: src.name.clone(),
        line,
        column,
        start,
        end,
        text: shown_text(&text[start..end]),
    }
}

/// Most characters of the underlined source a problem quotes (a whole 4 MiB expression is no help).
pub const MAX_SHOWN_SOURCE_CHARS: usize = 120;

fn shown_text(s: &str) -> String {
    match s.char_indices().nth(MAX_SHOWN_SOURCE_CHARS) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Plain rendering: one paragraph per problem, no colours or drawings, easy to read aloud.
///
/// ```text
/// error Y0203 in fly.yard, line 12, column 30: `satisfaction` is a percentage but is compared with a plain number.
///   At: "90" (missing `%`).
///   Help: write `90%`: percentages are compared with percentages.
/// ```
pub fn render_plain(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        // Each line a sentence: `.` after English, `。` after Chinese (a message may hold both).
        let message: Vec<String> = p
            .message
            .lines()
            .map(|l| {
                let l = l.trim_end_matches(['.', '。']);
                let chinese = l
                    .chars()
                    .last()
                    .is_some_and(|c| c as u32 >= 0x2E80 && !c.is_ascii());
                format!("{l}{}", if chinese { "。" } else { "." })
            })
            .collect();
        out.push_str(&format!(
            "{} {} in {}, line {}, column {}: {}\n",
            p.severity,
            p.code,
            p.place.file,
            p.place.line,
            p.place.column,
            message.join("\n  ")
        ));
        let shown = if p.place.text.is_empty() && p.place.start == 0 {
            "the start of the file".to_string()
        } else if p.place.text.is_empty() {
            "the end of the text".to_string()
        } else {
            format!("\"{}\"", p.place.text.replace('\n', " "))
        };
        out.push_str(&format!("  At: {shown} ({}).\n", p.label));
        for r in &p.related {
            out.push_str(&format!(
                "  See line {}, column {}: \"{}\" ({}).\n",
                r.place.line,
                r.place.column,
                r.place.text.replace('\n', " "),
                r.message
            ));
        }
        if let Some(h) = &p.help {
            out.push_str(&format!("  Help: {}\n", h.replace('\n', "\n        ")));
        }
    }
    out
}

/// A problem as a miette diagnostic, for the graphical report. Its `[file:line:column]` counts columns in
/// characters, as the plain and JSON reports do.
#[derive(Debug)]
pub struct MietteProblem {
    problem: Problem,
    source: CharColumns,
}

impl MietteProblem {
    pub fn new(problem: Problem, source: &SourceText) -> Self {
        MietteProblem {
            problem,
            source: CharColumns {
                name: source.name.clone(),
                text: source.text.to_string(),
            },
        }
    }

    /// Whether the problem's span lies in its source text (a file that could not be read may have none).
    fn has_source(&self) -> bool {
        let unread = self.problem.code == "Y0090" && self.source.text.is_empty();
        !unread && self.problem.place.end <= self.source.text.len()
    }
}

impl std::fmt::Display for MietteProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.has_source() {
            // No snippet, so no `[file:line:column]` header: say where in the message.
            let p = &self.problem.place;
            write!(f, "{}:{}:{}: ", p.file, p.line, p.column)?;
        }
        f.write_str(&self.problem.message)
    }
}

/// A named source whose line and column are counted in characters. miette counts the column in bytes
/// from the line start, so on a line with Chinese before the problem its column would be two or three
/// times too far right (9:53 for the 9:37 the plain report gives).
#[derive(Debug)]
struct CharColumns {
    name: String,
    text: String,
}

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        let start = inner.span().offset();
        let before = self.text.get(..start).unwrap_or_default();
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = before
            .get(line_start..)
            .map(|t| t.chars().count())
            .unwrap_or_else(|| inner.column());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}
impl std::error::Error for MietteProblem {}

impl miette::Diagnostic for MietteProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.problem.code.clone()))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.problem.is_error() {
            miette::Severity::Error
        } else {
            miette::Severity::Warning
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.problem
            .help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        if self.has_source() {
            Some(&self.source)
        } else {
            None
        }
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if !self.has_source() {
            return None;
        }
        let p = &self.problem;
        let mut v = vec![miette::LabeledSpan::new_primary_with_span(
            Some(p.label.clone()),
            (p.place.start, p.place.end - p.place.start),
        )];
        for r in p.related.iter().filter(|r| r.place.file == p.place.file) {
            v.push(miette::LabeledSpan::new_with_span(
                Some(r.message.clone()),
                (r.place.start, r.place.end - r.place.start),
            ));
        }
        Some(Box::new(v.into_iter()))
    }
}
