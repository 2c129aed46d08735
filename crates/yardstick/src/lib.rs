//! Yardstick: versioned inspection standards as code that can be checked, evaluated and explained.
//!
//! This crate is the only stable Rust API. Parse and check documents into a [`Library`], compile a
//! [`Standard`] once, evaluate any number of assessments against it from many threads.
//!
//! ```
//! use yardstick::{Library, Options, Outcome};
//! let mut lib = Library::new();
//! lib.add("demo.yard", r#"standard demo {
//!   version "1"
//!   input satisfaction: percent label zh "满意率" en "satisfaction"
//!   basic { item b10 "满意率" { satisfaction >= 90% } }
//! }"#).unwrap();
//! let std = lib.compile("demo", Some("1")).unwrap();
//! let assessment = std.assessment(r#"{"standard": "demo", "inputs": {"satisfaction": 88}}"#).unwrap();
//! let result = std.evaluate(&assessment, &Options::explained()).unwrap();
//! assert_eq!(result.outcome, Outcome::Fail);
//! assert_eq!(result.vetoed_by, ["b10"]);
//! // Every result explains itself, in Chinese and English.
//! let b10 = result.item("b10").and_then(|i| i.explanation.as_ref()).unwrap();
//! assert_eq!(b10.checks[0].value.to_string(), "88");
//! // The JSON contract (docs/json.md) is the same result, serialized.
//! assert!(result.to_json().contains(r#""outcome":"fail""#));
//! ```
//!
//! To explain only what is read, keep the evaluation as a [`Record`] ([`Standard::record`]: as fast as
//! a result without explanation) and build an item's explanation from it when it is asked for
//! ([`Record::explain`]); [`Record::evaluation`] gives any result without evaluating again.
//!
//! Errors say what is wrong, with a stable code, in both languages:
//!
//! ```
//! # use yardstick::{Library, Options, Error};
//! # let mut lib = Library::new();
//! # lib.add("demo.yard", r#"standard demo { version "1" input satisfaction: percent basic { item b10 { satisfaction >= 90% } } }"#).unwrap();
//! # let std = lib.compile("demo", None).unwrap();
//! let err = std.assessment(r#"{"satisfaction": "88%"}"#).unwrap_err();
//! assert_eq!(err.code(), "Y0705");
//! assert!(err.to_string().contains("`satisfaction`: must be a number of percent"));
//! assert!(err.report().zh.contains("应为百分数的数值"));
//! ```

pub mod api;
pub mod bindings;
pub mod catalogue;
pub mod diff;
pub mod doc;
pub mod encoding;
pub mod json;
pub mod lossless;
pub mod outline;
pub mod rank;
pub mod record;
pub mod report;
pub mod review;
#[cfg(feature = "schema")]
pub mod schema;
pub mod testing;

use report::{place, Problem, RelatedPlace, SourceText};
use std::path::Path;
use std::sync::Arc;
use yardstick_core::ir::Program;
use yardstick_syntax::ast::{Date, Document};

pub use api::{Evaluation, Options, Outcome};
pub use catalogue::{Lang, Msg};
pub use json::{Assessment, AssessmentBuilder, InputSlot};
pub use lossless::Json;
pub use record::Record;
pub use yardstick_syntax::ast::Date as CalendarDate;
pub use yardstick_syntax::{format, parse_date};

/// The largest document read, in bytes (4 MiB): a longer text is refused before it is parsed (a host
/// that receives documents, such as the server's `/v1/check`, refuses a larger body at its door).
pub const MAX_DOCUMENT_BYTES: usize = yardstick_syntax::limits::MAX_DOCUMENT_BYTES;

/// Problems that stop a document from being used (errors, and any warnings found beside them).
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", problems_summary(.problems))]
pub struct Problems {
    pub problems: Vec<Problem>,
    pub sources: Vec<SourceText>,
}

fn problems_summary(problems: &[Problem]) -> String {
    let head = catalogue::problems_in_standard(problems.len()).en;
    match problems.iter().find(|p| p.is_error()).or(problems.first()) {
        Some(p) => format!(
            "{head}; first: {}:{}:{}: {} [{}]: {}",
            p.place.file, p.place.line, p.place.column, p.severity, p.code, p.message
        ),
        None => head,
    }
}

/// A failure with a stable code and its message in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub code: String,
    pub en: String,
    pub zh: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}]", self.en, self.code)
    }
}

impl Failure {
    /// A message without its code yet.
    pub(crate) fn from_msg(m: Msg) -> Failure {
        Failure::new("", m)
    }
    pub(crate) fn new(code: &str, m: Msg) -> Failure {
        Failure {
            code: code.to_string(),
            en: m.en,
            zh: m.zh,
        }
    }
}

/// Anything that can go wrong between a file and a result. `Display` says what is wrong (every problem of
/// an assessment, the first problem of a standard); [`Error::code`] is stable; [`Error::report`] gives the
/// typed form with both languages, as `--format json` and the WASM build print it.
#[derive(Clone, Debug, thiserror::Error)]
pub enum Error {
    /// The standard has errors.
    #[error(transparent)]
    Problems(#[from] Problems),
    /// A file or folder that cannot be read (Y0090).
    #[error("cannot read {path}: {reason}")]
    Io { path: String, reason: String },
    /// No standard, version or document matches (Y08xx).
    #[error("{} [{}]", .0.en, .0.code)]
    NotFound(Failure),
    /// The assessment has problems (Y07xx), every one listed.
    #[error("{}", assessment_text(.0))]
    Assessment(Vec<api::InputError>),
    /// The evaluation could not run (Y06xx).
    #[error("{} [{}]", .0.en, .0.code)]
    Eval(Failure),
    /// A bad argument from the host program (Y0901): see [`bindings`].
    #[error("{} [{}]", .0.en, .0.code)]
    Argument(Failure),
}

fn assessment_text(errors: &[api::InputError]) -> String {
    let mut out = format!("{}:", catalogue::assessment_invalid().en);
    for e in errors {
        out.push_str(&format!("\n  - {e}"));
    }
    out
}

impl Error {
    /// The stable code: the first error's of a standard's problems, Y07xx for an assessment (the first
    /// problem's), Y08xx for finding a standard, Y06xx for evaluation, Y0090 for reading.
    pub fn code(&self) -> &str {
        match self {
            Error::Problems(p) => p
                .problems
                .iter()
                .find(|p| p.is_error())
                .or(p.problems.first())
                .map(|p| p.code.as_str())
                .unwrap_or("Y0000"),
            Error::Io { .. } => "Y0090",
            Error::NotFound(f) | Error::Eval(f) | Error::Argument(f) => &f.code,
            Error::Assessment(errs) => errs.first().map(|e| e.code.as_str()).unwrap_or("Y0703"),
        }
    }

    /// The error as the JSON contract gives it.
    pub fn report(&self) -> api::ErrorReport {
        let (kind, msg) = match self {
            Error::Problems(p) => (
                "problems",
                Msg {
                    en: problems_summary(&p.problems),
                    zh: catalogue::problems_in_standard(p.problems.len()).zh,
                },
            ),
            Error::Io { path, reason } => (
                "io",
                Msg {
                    en: format!("cannot read {path}: {reason}"),
                    zh: format!("{path}：{}", catalogue::cannot_read(reason).zh),
                },
            ),
            Error::NotFound(f) => (
                "not_found",
                Msg {
                    en: f.en.clone(),
                    zh: f.zh.clone(),
                },
            ),
            Error::Assessment(errs) => ("assessment", json::summary(errs)),
            Error::Eval(f) => (
                "evaluation",
                Msg {
                    en: f.en.clone(),
                    zh: f.zh.clone(),
                },
            ),
            Error::Argument(f) => (
                "argument",
                Msg {
                    en: f.en.clone(),
                    zh: f.zh.clone(),
                },
            ),
        };
        api::ErrorReport {
            contract: api::CONTRACT_VERSION,
            kind: kind.into(),
            code: self.code().to_string(),
            en: msg.en,
            zh: msg.zh,
            problems: match self {
                Error::Problems(p) => p.problems.clone(),
                _ => Vec::new(),
            },
            inputs: match self {
                Error::Assessment(e) => e.clone(),
                _ => Vec::new(),
            },
        }
    }
}

#[derive(Clone)]
struct Entry {
    source: SourceText,
    doc: Option<Document>,
}

/// A set of documents: every (id, version) once; `use` and `extends` resolve among them. A clone is a
/// copy of the documents (a host that keeps its own, such as the SQL functions of
/// `crates/yardstick-datafusion`, clones the library it is given).
#[derive(Clone, Default)]
pub struct Library {
    entries: Vec<Entry>,
}

/// Summary of one document in a library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocInfo {
    pub id: String,
    pub version: String,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub status: Option<String>,
    pub file: String,
    /// The document's own `title` (read without compiling); `None` when it has none of its own (an
    /// overlay takes its base's title when compiled).
    pub title: Option<api::Labels>,
}

/// What reading one file gave ([`Library::add_file`], [`Library::add_bytes`]).
#[derive(Clone, Debug)]
pub struct FileRead {
    pub file: String,
    /// The encoding it was read as; `None`: it could not be read (a Y0090 problem says why).
    pub encoding: Option<encoding::Encoding>,
    /// Its problems: Y0090, Y0091 (a warning: read as something other than UTF-8), syntax errors.
    pub problems: Vec<Problem>,
    /// The sources the problems point into.
    pub sources: Vec<SourceText>,
}

impl FileRead {
    /// Read, and parsed (warnings allowed).
    pub fn is_ok(&self) -> bool {
        !self.problems.iter().any(Problem::is_error)
    }
}

/// Y0090: a file that could not be read (`reason` from the operating system).
fn unreadable_problem(name: &str, reason: &str) -> Problems {
    let src = SourceText {
        name: name.to_string(),
        text: Arc::from(""),
    };
    Problems {
        problems: vec![Problem {
            code: "Y0090".into(),
            severity: "error".into(),
            message: catalogue::cannot_read(reason).en,
            message_zh: catalogue::cannot_read(reason).zh,
            label: catalogue::this_file().en,
            label_zh: catalogue::this_file().zh,
            help: None,
            help_zh: None,
            place: place(&src, 0, 0),
            related: Vec::new(),
        }],
        sources: vec![src],
    }
}

/// Y0090: bytes that are no text in UTF-8, UTF-16 or GB18030, pointed at where the first bad byte is
/// (the text before it is shown as it is, the rest with replacement characters).
fn not_text_problem(name: &str, bytes: &[u8], e: &encoding::NotText) -> Problems {
    let shown = String::from_utf8_lossy(bytes);
    let prefix_ok = bytes
        .get(..e.offset)
        .is_some_and(|b| std::str::from_utf8(b).is_ok())
        && shown
            .get(e.offset..)
            .is_some_and(|r| r.starts_with('\u{FFFD}'));
    let src = SourceText {
        name: name.to_string(),
        text: if prefix_ok {
            Arc::from(shown.as_ref())
        } else {
            Arc::from("")
        },
    };
    let mut at = place(&src, e.offset, e.offset + '\u{FFFD}'.len_utf8());
    if !prefix_ok {
        (at.line, at.column) = (e.line, e.column);
    }
    Problems {
        problems: vec![Problem {
            code: "Y0090".into(),
            severity: "error".into(),
            message: e.en.clone(),
            message_zh: e.zh.clone(),
            label: catalogue::not_text_label().en,
            label_zh: catalogue::not_text_label().zh,
            help: Some(catalogue::not_text_help().en),
            help_zh: Some(catalogue::not_text_help().zh),
            place: at,
            related: Vec::new(),
        }],
        sources: vec![src],
    }
}

/// Y0091: a document read as something other than UTF-8 (it is read correctly; the warning says how to
/// silence it).
fn encoding_warning(src: &SourceText, enc: encoding::Encoding) -> Option<Problem> {
    if enc.is_utf8() {
        return None;
    }
    let name = enc.name();
    Some(Problem {
        code: "Y0091".into(),
        severity: "warning".into(),
        message: catalogue::read_as(name).en,
        message_zh: catalogue::read_as(name).zh,
        label: catalogue::read_as_label(name).en,
        label_zh: catalogue::read_as_label(name).zh,
        help: Some(catalogue::save_as_utf8(name).en),
        help_zh: Some(catalogue::save_as_utf8(name).zh),
        place: place(src, 0, 0),
        related: Vec::new(),
    })
}

impl Library {
    /// An empty library.
    pub fn new() -> Self {
        Library::default()
    }

    /// Add a document's text. A document that does not parse is kept (so its errors can be reported) and
    /// its syntax problems are returned.
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), Problems> {
        let source = SourceText {
            name: name.to_string(),
            text: Arc::from(text),
        };
        match yardstick_syntax::parse(text) {
            Ok(doc) => {
                self.entries.push(Entry {
                    source,
                    doc: Some(doc),
                });
                Ok(())
            }
            Err(errs) => {
                let problems = errs
                    .errors
                    .iter()
                    .map(|e| syntax_problem(e, &source))
                    .collect();
                let sources = vec![source.clone()];
                self.entries.push(Entry { source, doc: None });
                Err(Problems { problems, sources })
            }
        }
    }

    /// Add a document from the bytes of its file, decoded as [`encoding::decode`] tells (UTF-8 with or
    /// without a byte-order mark, UTF-16, GB18030), and say what was read. A text that was not UTF-8 is
    /// added with a warning (Y0091, naming the encoding); bytes that are not text are a Y0090 error and
    /// nothing is added; a document that does not parse is kept with its syntax problems, as
    /// [`Library::add`] does.
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8]) -> FileRead {
        let mut read = FileRead {
            file: name.to_string(),
            encoding: None,
            problems: Vec::new(),
            sources: Vec::new(),
        };
        let decoded = match encoding::decode(bytes) {
            Ok(d) => d,
            Err(e) => {
                let p = not_text_problem(name, bytes, &e);
                read.problems = p.problems;
                read.sources = p.sources;
                return read;
            }
        };
        read.encoding = Some(decoded.encoding);
        let source = SourceText {
            name: name.to_string(),
            text: Arc::from(decoded.text.as_str()),
        };
        if let Some(w) = encoding_warning(&source, decoded.encoding) {
            read.problems.push(w);
            read.sources.push(source);
        }
        if let Err(p) = self.add(name, &decoded.text) {
            read.problems.extend(p.problems);
            if read.sources.is_empty() {
                read.sources = p.sources;
            }
        }
        read
    }

    /// Read and add one file (see [`Library::add_bytes`]); a file that cannot be read is a Y0090 error.
    pub fn add_file(&mut self, path: &Path) -> FileRead {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => self.add_bytes(&name, &bytes),
            Err(e) => {
                let p = unreadable_problem(&name, &e.to_string());
                FileRead {
                    file: name,
                    encoding: None,
                    problems: p.problems,
                    sources: p.sources,
                }
            }
        }
    }

    /// Load every `.yard` file under `dir` (recursively, in sorted order) and say what was read: each file
    /// with its encoding (none when it could not be read) and its problems: Y0090 for a file that cannot
    /// be read, Y0091 for one read as something other than UTF-8, syntax errors. Files that parsed are
    /// added either way. Only a folder that cannot be listed is an `Err`.
    pub fn load_dir_report(&mut self, dir: &Path) -> Result<Vec<FileRead>, Error> {
        let mut files = Vec::new();
        collect_yard(dir, &mut files)?;
        files.sort();
        Ok(files.iter().map(|f| self.add_file(f)).collect())
    }

    /// Load every `.yard` file under `dir` (recursively, in sorted order). The errors of all files (syntax
    /// errors, files that cannot be read as text) are collected and returned together, with the warnings
    /// beside them; files that parsed are added either way. [`Library::load_dir_report`] says what was read.
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), Error> {
        let read = self.load_dir_report(dir)?;
        if read.iter().any(|r| !r.is_ok()) {
            let mut all = Problems {
                problems: Vec::new(),
                sources: Vec::new(),
            };
            for r in read {
                all.problems.extend(r.problems);
                all.sources.extend(r.sources);
            }
            Err(Error::Problems(all))
        } else {
            Ok(())
        }
    }

    /// Put `text` in place of the document stored under `name` (where it was, so the order a folder was
    /// read in is kept), or add it when there is none: an editor's open document, as it is typed. The
    /// syntax problems are returned as [`Library::add`] returns them.
    pub fn replace(&mut self, name: &str, text: &str) -> Result<(), Problems> {
        let Some(at) = self.entries.iter().position(|e| e.source.name == name) else {
            return self.add(name, text);
        };
        let old = self.entries.remove(at);
        let result = self.add(name, text);
        match self.entries.pop() {
            Some(new) => self.entries.insert(at, new),
            None => self.entries.insert(at, old),
        }
        result
    }

    /// Remove the document stored under `name`; whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.source.name != name);
        self.entries.len() != before
    }

    /// The names of the documents, in the order added (those that do not parse included).
    pub fn files(&self) -> Vec<&str> {
        self.entries
            .iter()
            .map(|e| e.source.name.as_str())
            .collect()
    }

    /// The [`outline::Outline`] of the document stored under `file`, when it parsed.
    pub fn outline(&self, file: &str) -> Option<outline::Outline> {
        let e = self.entries.iter().find(|e| e.source.name == file)?;
        Some(outline::of_document(e.doc.as_ref()?, &e.source.text))
    }

    /// [`Library::check_file`], each problem with the replacement its "did you mean" names (for an
    /// editor's quick fix: the text to put in place of the problem's span), when it names one.
    pub fn check_file_suggesting(&self, file: &str) -> Vec<report::Suggested> {
        self.check_file_inner(file)
    }

    /// The text stored under `file` (its name when added; decoded, when it was added from bytes).
    pub fn source(&self, file: &str) -> Option<&SourceText> {
        self.entries
            .iter()
            .find(|e| e.source.name == file)
            .map(|e| &e.source)
    }

    /// The documents, in the order added.
    pub fn documents(&self) -> Vec<DocInfo> {
        self.entries
            .iter()
            .filter_map(|e| {
                let d = e.doc.as_ref()?;
                let (version, from, until, status) = header_of(d);
                Some(DocInfo {
                    id: d.standard.id.text.clone(),
                    version,
                    from,
                    until,
                    status,
                    file: e.source.name.clone(),
                    title: title_of(d),
                })
            })
            .collect()
    }

    fn units(&self) -> (Vec<yardstick_core::Unit<'_>>, Vec<usize>) {
        let mut units = Vec::new();
        let mut map = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(doc) = &e.doc {
                units.push(yardstick_core::Unit {
                    name: &e.source.name,
                    text: &e.source.text,
                    doc,
                });
                map.push(i);
            }
        }
        (units, map)
    }

    fn sources(&self) -> Vec<SourceText> {
        self.entries
            .iter()
            .filter(|e| e.doc.is_some())
            .map(|e| e.source.clone())
            .collect()
    }

    /// Check the document stored under `file` (its name when added); returns every problem found
    /// (warnings included). An empty list means clean.
    pub fn check_file(&self, file: &str) -> Vec<Problem> {
        self.check_file_inner(file)
            .into_iter()
            .map(|s| s.problem)
            .collect()
    }

    fn check_file_inner(&self, file: &str) -> Vec<report::Suggested> {
        let plain = |problem| report::Suggested {
            problem,
            replacement: None,
        };
        if let Some(e) = self.entries.iter().find(|e| e.source.name == file) {
            if e.doc.is_none() {
                return match yardstick_syntax::parse(&e.source.text) {
                    Err(errs) => errs
                        .errors
                        .iter()
                        .map(|x| report::Suggested {
                            problem: syntax_problem(x, &e.source),
                            replacement: x.suggestion(),
                        })
                        .collect(),
                    Ok(_) => Vec::new(),
                };
            }
        }
        let (units, _) = self.units();
        let Some(root) = units.iter().position(|u| u.name == file) else {
            return Vec::new();
        };
        let (_, diags) = yardstick_core::compile(&units, root);
        let sources = self.sources();
        let mut problems: Vec<report::Suggested> = diags
            .iter()
            .map(|d| report::Suggested {
                problem: check_problem(d, &sources),
                replacement: d.suggestion.clone(),
            })
            .collect();
        problems.extend(self.time_problems(file).into_iter().map(plain));
        problems
    }

    /// Checks over time for the document `file`: windows of one id that overlap.
    fn time_problems(&self, file: &str) -> Vec<Problem> {
        let docs = self.documents();
        let Some(me) = docs.iter().find(|d| d.file == file) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        // `use` and `extends` targets must be in force for the whole window of this document (where this
        // document states a bound; an open start or end is not checked).
        if let Some(doc) = self
            .entries
            .iter()
            .find(|e| e.source.name == file)
            .and_then(|e| e.doc.as_ref())
        {
            use yardstick_syntax::ast::MemberKind;
            let mut targets: Vec<(&str, &str, &str)> = Vec::new();
            if let Some(b) = &doc.standard.extends {
                targets.push(("extends", &b.id.text, &b.version.value));
            }
            for m in &doc.standard.members {
                if let MemberKind::Use(u) = &m.kind {
                    targets.push(("use", &u.target.id.text, &u.target.version.value));
                }
            }
            for (how, id, version) in targets {
                let Some(t) = docs.iter().find(|d| d.id == id && d.version == version) else {
                    continue;
                };
                if how == "extends" && id == me.id && version != me.version {
                    // A revision: this version is its predecessor plus changes, and takes over from it.
                    // The windows follow one another instead of nesting.
                    if let Some(p) = revision_problem(me, t) {
                        out.push(self.header_problem(file, "Y0408", p.0, p.1));
                    }
                    continue;
                }
                let starts_late = matches!((me.from, t.from), (Some(a), Some(b)) if b > a);
                let ends_early = matches!((me.until, t.until), (Some(a), Some(b)) if b < a)
                    || (me.until.is_none() && t.until.is_some() && me.from.is_some());
                if starts_late || ends_early {
                    out.push(self.header_problem(
                        file,
                        "Y0407",
                        {
                            let (mine, theirs) = (window_msg(me), window_msg(t));
                            catalogue::not_in_force_whole_window(
                                how,
                                id,
                                version,
                                &format!("{}@{}", me.id, me.version),
                                &mine.en,
                                &mine.zh,
                                &theirs.en,
                                &theirs.zh,
                            )
                        },
                        catalogue::narrow_the_window(),
                    ));
                }
            }
        }
        for other in docs.iter().filter(|d| d.id == me.id && d.file != me.file) {
            if other.version == me.version {
                out.push(self.header_problem(
                    file,
                    "Y0102",
                    catalogue::version_defined_twice(&me.id, &me.version, &other.file),
                    catalogue::change_a_version(),
                ));
                continue;
            }
            let start = [me.from, other.from].into_iter().flatten().max();
            let end = [me.until, other.until].into_iter().flatten().min();
            let overlap = match (start, end) {
                (Some(s), Some(e)) => s < e,
                _ => true,
            };
            let both_in_force = !matches!(me.status.as_deref(), Some("draft"))
                && !matches!(other.status.as_deref(), Some("draft"));
            if overlap && both_in_force && me.from.is_some() && other.from.is_some() {
                out.push(self.header_problem(
                    file,
                    "Y0406",
                    catalogue::both_in_force(&me.id, &me.version, &other.version),
                    catalogue::give_an_until(),
                ));
            }
        }
        out
    }

    fn header_problem(&self, file: &str, code: &str, message: Msg, help: Msg) -> Problem {
        let e = self.entries.iter().find(|e| e.source.name == file);
        let (start, end) = e
            .and_then(|e| e.doc.as_ref())
            .map(|d| (d.standard.id.span.start, d.standard.id.span.end))
            .unwrap_or((0, 0));
        let src = e.map(|e| e.source.clone()).unwrap_or(SourceText {
            name: file.into(),
            text: Arc::from(""),
        });
        Problem {
            code: code.into(),
            severity: "error".into(),
            message: message.en,
            message_zh: message.zh,
            label: catalogue::this_standard().en,
            label_zh: catalogue::this_standard().zh,
            help: Some(help.en),
            help_zh: Some(help.zh),
            place: place(&src, start, end),
            related: Vec::new(),
        }
    }

    /// Compile standard `id` (a given version, or the only one). Errors name the versions that exist.
    pub fn compile(&self, id: &str, version: Option<&str>) -> Result<Standard, Error> {
        let doc = self.pick(id, version)?;
        self.compile_file(&doc.file)
    }

    /// The document [`Library::compile`] would compile, without compiling it.
    fn pick(&self, id: &str, version: Option<&str>) -> Result<DocInfo, Error> {
        let docs = self.documents();
        let matches: Vec<&DocInfo> = docs
            .iter()
            .filter(|d| d.id == id && version.map(|v| v == d.version).unwrap_or(true))
            .collect();
        let doc = match matches.as_slice() {
            [one] => *one,
            [] => return Err(not_found(&docs, id, version)),
            _ => {
                let versions = matches
                    .iter()
                    .map(|d| format!("\"{}\"", d.version))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(Error::NotFound(Failure::new(
                    codes::WHICH_VERSION,
                    catalogue::name_a_version(id, &versions),
                )));
            }
        };
        Ok(doc.clone())
    }

    /// Compile the version of `id` in force on `as_of`: `from <= as_of < until`, drafts excluded.
    pub fn compile_as_of(&self, id: &str, as_of: Date) -> Result<Standard, Error> {
        self.compile_as_of_with(id, as_of, Drafts::Skip)
    }

    /// Compile the version of `id` in force on `as_of`; with [`Drafts::Include`], a draft whose window
    /// contains the date is used in preference to the version in force (to try a draft on real dates).
    /// When nothing applies the error names every version, its window, and which are drafts.
    pub fn compile_as_of_with(
        &self,
        id: &str,
        as_of: Date,
        drafts: Drafts,
    ) -> Result<Standard, Error> {
        let doc = self.pick_as_of(id, as_of, drafts)?;
        self.compile_file(&doc.file)
    }

    /// The document [`Library::compile_as_of_with`] would compile, without compiling it.
    fn pick_as_of(&self, id: &str, as_of: Date, drafts: Drafts) -> Result<DocInfo, Error> {
        let docs = self.documents();
        let all: Vec<&DocInfo> = docs.iter().filter(|d| d.id == id).collect();
        let in_force: Vec<&DocInfo> = all
            .iter()
            .copied()
            .filter(|d| !is_draft(d) && in_window(d, as_of))
            .collect();
        let drafts_in_window: Vec<&DocInfo> = all
            .iter()
            .copied()
            .filter(|d| is_draft(d) && in_window(d, as_of))
            .collect();
        let listed = |ds: &[&DocInfo]| -> Msg {
            let texts: Vec<Msg> = ds.iter().map(|d| version_text(d)).collect();
            Msg {
                en: texts
                    .iter()
                    .map(|m| m.en.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                zh: texts
                    .iter()
                    .map(|m| m.zh.as_str())
                    .collect::<Vec<_>>()
                    .join("，"),
            }
        };
        let candidates = match drafts {
            Drafts::Include if !drafts_in_window.is_empty() => &drafts_in_window,
            _ => &in_force,
        };
        let day = as_of.to_string();
        match candidates.as_slice() {
            [one] => Ok((*one).clone()),
            [] if all.is_empty() => Err(not_found(&docs, id, None)),
            [] => {
                let l = listed(&all);
                let mut msg = catalogue::none_in_force(id, &day, &l.en, &l.zh);
                let hint = match drafts_in_window.as_slice() {
                    [] => None,
                    [d] => Some(catalogue::draft_applies(&d.version)),
                    many => Some(catalogue::drafts_apply(
                        &many
                            .iter()
                            .map(|d| format!("\"{}\"", d.version))
                            .collect::<Vec<_>>()
                            .join(", "),
                    )),
                };
                if let Some(h) = hint {
                    msg.en.push_str(&h.en);
                    msg.zh.push_str(&h.zh);
                }
                Err(Error::NotFound(Failure::new(codes::NONE_IN_FORCE, msg)))
            }
            many if drafts == Drafts::Include && !drafts_in_window.is_empty() => {
                let l = listed(many);
                Err(Error::NotFound(Failure::new(
                    codes::SEVERAL_APPLY,
                    catalogue::several_drafts(id, &day, &l.en, &l.zh),
                )))
            }
            many => {
                let l = listed(many);
                Err(Error::NotFound(Failure::new(
                    codes::SEVERAL_APPLY,
                    catalogue::several_in_force(id, &day, &l.en, &l.zh),
                )))
            }
        }
    }

    /// Compile the document stored under `file`.
    pub fn compile_file(&self, file: &str) -> Result<Standard, Error> {
        let (units, _) = self.units();
        let Some(root) = units.iter().position(|u| u.name == file) else {
            return Err(Error::NotFound(Failure::new(
                codes::NO_DOCUMENT,
                catalogue::no_document(file),
            )));
        };
        let (program, diags) = yardstick_core::compile(&units, root);
        let sources = self.sources();
        match program {
            Some(p) => Ok(Standard {
                info: Arc::new(info_of(&p)),
                def_ids: p
                    .defs
                    .iter()
                    .map(|d| api::Id::from(d.id.as_str()))
                    .collect(),
                outputs: output_defs(&p),
                grade: grade_def(&p),
                #[cfg(feature = "compiled")]
                compiled: Arc::new(yardstick_core::compiled::Compiled::new(&p)),
                search_plan: Arc::new(std::sync::OnceLock::new()),
                program: Arc::new(p),
                lines: Arc::new(sources.iter().map(|s| line_starts(&s.text)).collect()),
                sources: Arc::new(sources),
                warnings: diags
                    .iter()
                    .map(|d| check_problem(d, &self.sources()))
                    .collect(),
                budget: SearchBudget::default(),
            }),
            None => Err(Error::Problems(Problems {
                problems: diags.iter().map(|d| check_problem(d, &sources)).collect(),
                sources,
            })),
        }
    }

    /// Resolve the standard an assessment names (`standard`, optional `version`, optional `as_of`).
    pub fn resolve(
        &self,
        id: &str,
        version: Option<&str>,
        as_of: Option<Date>,
    ) -> Result<Standard, Error> {
        self.resolve_with(id, version, as_of, Drafts::Skip)
    }

    /// The document [`Library::resolve_with`] would compile, found without compiling anything (the
    /// same rules and the same Y08xx errors): a host that compiled every document once (a server) looks
    /// its `Standard` up by [`DocInfo::file`].
    pub fn resolve_document(
        &self,
        id: &str,
        version: Option<&str>,
        as_of: Option<Date>,
        drafts: Drafts,
    ) -> Result<DocInfo, Error> {
        match (version, as_of) {
            (Some(v), _) => self.pick(id, Some(v)),
            (None, Some(d)) => self.pick_as_of(id, d, drafts),
            (None, None) => self.pick(id, None),
        }
    }

    /// As [`Library::resolve`], choosing whether an as-of date may pick a draft (a named version is
    /// used whatever its status).
    pub fn resolve_with(
        &self,
        id: &str,
        version: Option<&str>,
        as_of: Option<Date>,
        drafts: Drafts,
    ) -> Result<Standard, Error> {
        let doc = self.resolve_document(id, version, as_of, drafts)?;
        self.compile_file(&doc.file)
    }
}

/// Whether an as-of date may pick a draft (`status draft`). By default it never does: a draft is not in
/// force. [`Drafts::Include`] lets a draft whose window contains the date take precedence, to see what it
/// would give (`yardstick eval --include-drafts`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Drafts {
    #[default]
    Skip,
    Include,
}

fn is_draft(d: &DocInfo) -> bool {
    matches!(d.status.as_deref(), Some("draft"))
}

/// `"V" (from … until …)`, with `draft, ` before the window of a draft.
fn version_text(d: &DocInfo) -> Msg {
    let w = window_msg(d);
    if is_draft(d) {
        catalogue::draft_window(&d.version, &w.en, &w.zh)
    } else {
        catalogue::version_window(&d.version, &w.en, &w.zh)
    }
}

/// Whether `as_of` falls in the document's effective window (whatever its status).
fn in_window(d: &DocInfo, as_of: Date) -> bool {
    d.from.map(|f| f <= as_of).unwrap_or(true) && d.until.map(|u| as_of < u).unwrap_or(true)
}

/// Why `me`, a revision of `base` (the same id, `extends` its version), cannot take over from it: the
/// predecessor must end, and the revision start on or after that day. `None` when the windows follow.
fn revision_problem(me: &DocInfo, base: &DocInfo) -> Option<(Msg, Msg)> {
    let me_name = format!("{}@{}", me.id, me.version);
    let b = base.version.as_str();
    match (base.until, me.from) {
        (Some(end), Some(start)) if start >= end => None,
        (Some(end), Some(start)) => Some((
            catalogue::revision_starts_early(&me_name, b, &start.to_string(), &end.to_string()),
            catalogue::revision_starts_early_help(b, &end.to_string()),
        )),
        (None, Some(start)) => Some((
            catalogue::revision_base_open(&me_name, b),
            catalogue::revision_base_open_help(b, &start.to_string()),
        )),
        (_, None) => Some((
            catalogue::revision_no_start(&me_name, b),
            match base.until {
                Some(end) => catalogue::revision_no_start_help(&end.to_string()),
                None => catalogue::revision_no_dates_help(b),
            },
        )),
    }
}

fn window_msg(d: &DocInfo) -> Msg {
    match (d.from, d.until) {
        (Some(f), Some(u)) => catalogue::window_from_until(&f.to_string(), &u.to_string()),
        (Some(f), None) => catalogue::window_from(&f.to_string()),
        (None, Some(u)) => catalogue::window_until(&u.to_string()),
        (None, None) => catalogue::window_none(),
    }
}

/// Y0801 or Y0802: no such standard, or no such version of it; the message names what the library has.
fn not_found(docs: &[DocInfo], id: &str, version: Option<&str>) -> Error {
    let versions: Vec<Msg> = docs
        .iter()
        .filter(|d| d.id == id)
        .map(version_text)
        .collect();
    let joined = Msg {
        en: versions
            .iter()
            .map(|m| m.en.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        zh: versions
            .iter()
            .map(|m| m.zh.as_str())
            .collect::<Vec<_>>()
            .join("，"),
    };
    let (code, m) = match (versions.is_empty(), version) {
        (true, _) => {
            let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
            yardstick_syntax::sort::sort(&mut ids);
            ids.dedup();
            let ids = ids.join(", ");
            (codes::NO_STANDARD, catalogue::no_standard(id, &ids))
        }
        (false, v) => match v {
            Some(v) => (
                codes::NO_VERSION,
                catalogue::no_version(id, v, &joined.en, &joined.zh),
            ),
            None => (
                codes::WHICH_VERSION,
                catalogue::name_a_version(id, &joined.en),
            ),
        },
    };
    Error::NotFound(Failure::new(code, m))
}

/// The stable codes of finding a standard (Y08xx).
pub mod codes {
    /// No standard with that id.
    pub const NO_STANDARD: &str = "Y0801";
    /// No such version of it.
    pub const NO_VERSION: &str = "Y0802";
    /// Several versions, and none named.
    pub const WHICH_VERSION: &str = "Y0803";
    /// No version in force on the day.
    pub const NONE_IN_FORCE: &str = "Y0804";
    /// Several versions or drafts apply on the day.
    pub const SEVERAL_APPLY: &str = "Y0805";
    /// No document under that file name.
    pub const NO_DOCUMENT: &str = "Y0806";
    /// The assessment names no standard.
    pub const NOT_NAMED: &str = "Y0807";
    /// The standard lacks what was asked of it (a review cycle, a ranking rule).
    pub const LACKS_RULE: &str = "Y0808";
    /// The standards folder named (the CLI's `--standards`, `YARDSTICK_STANDARDS`) does not exist.
    pub const NO_FOLDER: &str = "Y0809";
    /// Every code.
    pub const ALL: &[&str] = &[
        NO_STANDARD,
        NO_VERSION,
        WHICH_VERSION,
        NONE_IN_FORCE,
        SEVERAL_APPLY,
        NO_DOCUMENT,
        NOT_NAMED,
        LACKS_RULE,
        NO_FOLDER,
    ];
}

fn header_of(d: &Document) -> (String, Option<Date>, Option<Date>, Option<String>) {
    use yardstick_syntax::ast::MemberKind;
    let mut v = (String::new(), None, None, None);
    for m in &d.standard.members {
        match &m.kind {
            MemberKind::Version(t) => v.0 = t.value.clone(),
            MemberKind::Effective(e) => {
                v.1 = e.from.as_ref().map(|x| x.date);
                v.2 = e.until.as_ref().map(|x| x.date);
            }
            MemberKind::Status(s) => v.3 = Some(s.as_str().to_string()),
            _ => {}
        }
    }
    v
}

fn title_of(d: &Document) -> Option<api::Labels> {
    use yardstick_syntax::ast::MemberKind;
    d.standard.members.iter().find_map(|m| match &m.kind {
        MemberKind::Title(t) => Some(api::Labels {
            zh: t.zh.as_ref().map(|x| x.value.clone()),
            en: t.en.as_ref().map(|x| x.value.clone()),
        }),
        _ => None,
    })
}

fn collect_yard(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::Io {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect_yard(&p, out)?;
        } else if p.extension().map(|e| e == "yard").unwrap_or(false) {
            out.push(p);
        }
    }
    Ok(())
}

fn syntax_problem(e: &yardstick_syntax::SyntaxError, src: &SourceText) -> Problem {
    use miette::Diagnostic;
    let span = e.span();
    let label = e
        .labels()
        .and_then(|mut l| l.next())
        .and_then(|l| l.label().map(str::to_string))
        .unwrap_or_default();
    let related_zh = e.related_labels_zh();
    let related = e
        .labels()
        .map(|ls| {
            ls.skip(1)
                .enumerate()
                .map(|(k, l)| RelatedPlace {
                    message: l.label().unwrap_or("").to_string(),
                    message_zh: related_zh.get(k).cloned().unwrap_or_default(),
                    place: place(src, l.offset(), l.offset() + l.len()),
                })
                .collect()
        })
        .unwrap_or_default();
    let help = e.help().map(|h| h.to_string());
    Problem {
        code: e.code().map(|c| c.to_string()).unwrap_or_default(),
        severity: "error".into(),
        message: e.to_string(),
        message_zh: e.message_zh(),
        label,
        label_zh: e.label_zh(),
        help_zh: help.as_ref().and(e.help_zh()),
        help,
        place: place(src, span.start, span.end),
        related,
    }
}

fn check_problem(d: &yardstick_core::Diagnostic, sources: &[SourceText]) -> Problem {
    let empty = SourceText {
        name: String::new(),
        text: Arc::from(""),
    };
    let src = sources.get(d.loc.file).unwrap_or(&empty);
    Problem {
        code: d.code.to_string(),
        severity: d.severity.as_str().into(),
        message: d.message.clone(),
        message_zh: d.message_zh.clone(),
        label: d.label.clone(),
        label_zh: d.label_zh.clone(),
        help: d.help.clone(),
        help_zh: d.help_zh.clone(),
        place: place(src, d.loc.span.start, d.loc.span.end),
        related: d
            .related
            .iter()
            .map(|r| RelatedPlace {
                message: r.message.clone(),
                message_zh: r.message_zh.clone(),
                place: place(
                    sources.get(r.loc.file).unwrap_or(&empty),
                    r.loc.span.start,
                    r.loc.span.end,
                ),
            })
            .collect(),
    }
}

/// Check one document given as text, alone (no library): every problem, warnings included.
///
/// ```
/// let problems = yardstick::check_text("x.yard", "standard x { version \"1\" input s: percent item i { s >= 90 } }");
/// assert_eq!(problems[0].code, "Y0203");
/// ```
pub fn check_text(name: &str, text: &str) -> Vec<Problem> {
    let mut lib = Library::new();
    match lib.add(name, text) {
        Err(p) => p.problems,
        Ok(()) => lib.check_file(name),
    }
}

/// A compiled standard: cheap to clone and share across threads.
#[derive(Clone)]
pub struct Standard {
    program: Arc<Program>,
    /// Id, version, hash and lineage, made once and shared by every result (`Evaluation::standard`).
    info: Arc<api::StandardInfo>,
    /// Every definition's id (by `DefId`), made once and shared by every result's `failing` and
    /// `vetoed_by`.
    def_ids: Arc<[api::Id]>,
    /// The definitions results report as outputs, and the standard's own grade: found once, not on
    /// every result.
    outputs: Arc<[yardstick_core::ir::DefId]>,
    grade: Option<yardstick_core::ir::DefId>,
    /// The program's flat compiled form, built once: what evaluations run ([`yardstick_core::compiled`]).
    /// Without the `compiled` feature (the browser engine) they run the reference evaluator instead.
    #[cfg(feature = "compiled")]
    compiled: Arc<yardstick_core::compiled::Compiled>,
    /// What the fix and partial-answer searches know of the program, made by the first result that
    /// asks for them and shared by every later one (and every clone).
    search_plan: Arc<std::sync::OnceLock<yardstick_core::fix::Plan>>,
    sources: Arc<Vec<SourceText>>,
    /// Byte offset of each line start, per source: line and column of a span without rescanning.
    lines: Arc<Vec<Vec<usize>>>,
    warnings: Vec<Problem>,
    budget: SearchBudget,
}

/// The definitions results report as outputs ([`Standard::output_defs`]).
fn output_defs(p: &Program) -> Arc<[yardstick_core::ir::DefId]> {
    p.def_ids()
        .zip(&p.defs)
        .filter(|(_, d)| d.output)
        .map(|(i, _)| i)
        .collect()
}

/// The standard's own grade ([`Standard::grade_def`]).
fn grade_def(p: &Program) -> Option<yardstick_core::ir::DefId> {
    p.def_ids().zip(&p.defs).find_map(|(i, d)| {
        (d.own && matches!(d.kind, yardstick_core::ir::DefKind::Grade { .. })).then_some(i)
    })
}

fn info_of(p: &Program) -> api::StandardInfo {
    api::StandardInfo {
        id: p.header.id.clone(),
        version: p.header.version.clone(),
        hash: p.hash.clone(),
        lineage: p.lineage.clone(),
    }
}

/// How much work the searches behind a result may do (fixes, best and worst with answers missing, and
/// `diff`'s probes), in evaluation steps: evaluating a definition costs one step per expression node and
/// ladder threshold in it. A search that reaches its budget stops, and the result says so
/// (`fixes_complete: false`, `partial.complete: false`, a note in zh and en); what it found is verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchBudget {
    pub steps: u64,
}

impl SearchBudget {
    /// Under it any document within the size limits answers in well under a second on a 2-core machine
    /// (BENCHMARKS.md, "Growth"). Each search (fixes, partial answers, a diff) has a budget of its own.
    pub const DEFAULT: SearchBudget = SearchBudget {
        steps: yardstick_core::fix::Budget::DEFAULT.steps,
    };
    pub(crate) fn core(self) -> yardstick_core::fix::Budget {
        yardstick_core::fix::Budget { steps: self.steps }
    }
}

impl Default for SearchBudget {
    fn default() -> Self {
        SearchBudget::DEFAULT
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

impl std::fmt::Debug for Standard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Standard({}@{})",
            self.program.header.id, self.program.header.version
        )
    }
}

impl Standard {
    /// Compile a single self-contained document.
    pub fn from_text(name: &str, text: &str) -> Result<Standard, Error> {
        let mut lib = Library::new();
        lib.add(name, text)?;
        lib.compile_file(name)
    }

    /// Id, version and content hash.
    pub fn id(&self) -> &str {
        &self.program.header.id
    }
    pub fn version(&self) -> &str {
        &self.program.header.version
    }
    pub fn hash(&self) -> &str {
        &self.program.hash
    }
    /// Warnings found while compiling.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
    /// The same standard with another search budget (see [`SearchBudget`]).
    pub fn with_search_budget(mut self, budget: SearchBudget) -> Standard {
        self.budget = budget;
        self
    }
    /// The search budget of evaluations of this standard.
    pub fn search_budget(&self) -> SearchBudget {
        self.budget
    }
    #[cfg(feature = "compiled")]
    pub(crate) fn compiled(&self) -> &yardstick_core::compiled::Compiled {
        &self.compiled
    }
    pub(crate) fn program(&self) -> &Program {
        &self.program
    }
    pub(crate) fn search_plan(&self) -> &yardstick_core::fix::Plan {
        self.search_plan.get_or_init(|| {
            let plan = yardstick_core::fix::Plan::new(&self.program);
            #[cfg(feature = "compiled")]
            let plan = plan.with_compiled(self.compiled.clone());
            plan
        })
    }
    /// The texts of the documents it was compiled from (this one first).
    pub fn sources(&self) -> &[SourceText] {
        &self.sources
    }
    /// Title, window, status, source and lineage (the header of [`Standard::form`]).
    pub fn info(&self) -> api::StandardInfo {
        self.info.as_ref().clone()
    }
    /// The id of a definition, as results share it.
    pub(crate) fn def_id(&self, d: yardstick_core::ir::DefId) -> api::Id {
        match self.def_ids.get(d.index()) {
            Some(id) => id.clone(),
            None => api::Id::from(self.program.def(d).id.as_str()),
        }
    }
    /// The definitions results report as outputs, in program order.
    pub(crate) fn output_defs(&self) -> &[yardstick_core::ir::DefId] {
        &self.outputs
    }
    /// The standard's own grade, if it has one.
    pub(crate) fn grade_def(&self) -> Option<yardstick_core::ir::DefId> {
        self.grade
    }
    /// [`Standard::info`] as every result shares it.
    pub(crate) fn shared_info(&self) -> Arc<api::StandardInfo> {
        Arc::clone(&self.info)
    }
    /// What a form needs to ask for this standard's inputs: sections, inputs with types, units, ranges,
    /// labels and help, and the header.
    pub fn form(&self) -> api::Form {
        json::form(self)
    }
    /// The input with this full dotted id.
    pub fn input(&self, id: &str) -> Option<InputSlot> {
        self.program.input_index(id).map(InputSlot)
    }
    /// The ids of the inputs, in order.
    pub fn input_ids(&self) -> impl Iterator<Item = &str> {
        self.program.inputs.iter().map(|i| i.id.as_str())
    }
    /// The ids of the outputs (`output` values, ladders, scores, grades of this document), in the order
    /// of [`Evaluation::outputs`]'s definition order.
    pub fn output_ids(&self) -> impl Iterator<Item = &str> {
        self.program
            .defs
            .iter()
            .filter(|d| d.output)
            .map(|d| d.id.as_str())
    }
    /// The outputs (the ids of [`Standard::output_ids`], in that order) with the kind of value each
    /// holds, from the standard's types: what a host that keeps results in typed columns (a SQL engine)
    /// needs before evaluating anything.
    pub fn outputs(&self) -> Vec<api::OutputInfo> {
        use yardstick_core::ir::{DefKind, Ty};
        let p = &self.program;
        p.defs
            .iter()
            .filter(|d| d.output)
            .map(|d| {
                let def_kind = match d.kind {
                    DefKind::Levels(_) => "levels",
                    DefKind::Score { .. } => "score",
                    DefKind::Grade { .. } => "grade",
                    DefKind::Value(_) | DefKind::Item { .. } => "value",
                };
                let (kind, names, percent, length) = match &d.ty {
                    Ty::Bool | Ty::Outcome => (api::ValueKind::Bool, Vec::new(), false, None),
                    Ty::Enum(syms) => (
                        api::ValueKind::Name,
                        syms.iter().map(|s| p.sym(*s).to_string()).collect(),
                        false,
                        None,
                    ),
                    Ty::Date => (api::ValueKind::Date, Vec::new(), false, None),
                    Ty::Series(n, inner) => (
                        api::ValueKind::Series,
                        Vec::new(),
                        **inner == Ty::Percent,
                        Some(*n),
                    ),
                    Ty::Percent => (api::ValueKind::Number, Vec::new(), true, None),
                    Ty::Count | Ty::Number(_) | Ty::Lit | Ty::Error => {
                        (api::ValueKind::Number, Vec::new(), false, None)
                    }
                };
                api::OutputInfo {
                    id: d.id.clone(),
                    def_kind: def_kind.to_string(),
                    kind,
                    names,
                    percent,
                    length,
                }
            })
            .collect()
    }
    /// `id@version` of the document this one extends or supersedes, if any.
    pub fn base(&self) -> Option<String> {
        let h = &self.program.header;
        h.extends
            .clone()
            .or_else(|| h.supersedes.clone())
            .map(|(i, v)| format!("{i}@{v}"))
    }
    /// The id of the document's first grade (the one results report as `grade`), if it has one.
    pub fn grade_id(&self) -> Option<&str> {
        self.program
            .defs
            .iter()
            .find(|d| d.own && matches!(d.kind, yardstick_core::ir::DefKind::Grade { .. }))
            .map(|d| d.id.as_str())
    }
    /// A builder of assessments for this standard, one answer at a time.
    pub fn assessment_builder(&self) -> AssessmentBuilder<'_> {
        AssessmentBuilder::new(self)
    }
    /// Read an assessment given as JSON text (docs/json.md §1): every problem is reported (Y07xx), none
    /// silently dropped, clamped or rounded.
    pub fn assessment(&self, json_text: &str) -> Result<Assessment, Error> {
        json::parse_assessment(self, json_text)
    }
    /// Read an assessment from already parsed (lossless) JSON.
    pub fn assessment_from_json(&self, value: &Json) -> Result<Assessment, Error> {
        json::assessment_from_json(self, value)
    }
    /// Evaluate an assessment: outcome, grade, vetoes, failing items, outputs, items (of used standards
    /// too), fixes, partial answers, and with [`Options::explain`] the explanation of every definition.
    pub fn evaluate(
        &self,
        assessment: &Assessment,
        options: &Options,
    ) -> Result<Evaluation, Error> {
        json::evaluate(self, assessment, options)
    }
    /// Evaluate an assessment and keep the record to explain from (explanation by replay): as fast as
    /// [`Options::outcome_only`], with each explanation, the fixes and the partial answers built from it
    /// only when asked for ([`Record::explain`], [`Record::evaluation`]).
    pub fn record<'a>(&'a self, assessment: &'a Assessment) -> Result<Record<'a>, Error> {
        Record::new(self, assessment)
    }

    /// File, 1-based line and column (in characters) of a location in one of the sources.
    pub(crate) fn line_col(&self, loc: yardstick_core::Loc) -> Option<(&str, usize, usize)> {
        let src = self.sources.get(loc.file)?;
        let starts = self.lines.get(loc.file)?;
        let line = starts.partition_point(|&s| s <= loc.span.start).max(1);
        let start = starts.get(line - 1).copied().unwrap_or(0);
        let col = src
            .text
            .get(start..loc.span.start)
            .map(|t| t.chars().count())
            .unwrap_or(0)
            + 1;
        Some((&src.name, line, col))
    }

    /// Read an assessment given as JSON text and evaluate it: [`Standard::assessment`] then
    /// [`Standard::evaluate`].
    pub fn evaluate_text(&self, assessment: &str, options: &Options) -> Result<Evaluation, Error> {
        self.evaluate(&self.assessment(assessment)?, options)
    }
}

/// Format errors of one document's text as problems.
pub fn syntax_problems(name: &str, text: &str) -> Vec<Problem> {
    let src = SourceText {
        name: name.into(),
        text: Arc::from(text),
    };
    match yardstick_syntax::parse(text) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors.iter().map(|x| syntax_problem(x, &src)).collect(),
    }
}
