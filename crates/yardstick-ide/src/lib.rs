//! Editor support for Yardstick documents: one [`Analysis`] over a library of standards and the
//! documents open in an editor, answering diagnostics (the checker's, with codes, in Chinese or
//! English, with quick fixes for its "did you mean"), hover, go to definition, find references,
//! completion, document symbols, formatting, rename, semantic tokens and code actions.
//!
//! No IO: the caller (`yardstick lsp`, a browser) gives the texts. Positions are byte offsets
//! ([`TextRange`]); [`LineIndex`] converts them to the protocol's lines and UTF-16 columns. Built on the
//! facade `yardstick` alone: its [`yardstick::outline`] for what the text says, its [`Library`] for
//! checking, compiling and resolving `use` and `extends`.
//!
//! ```
//! use yardstick_ide::{Analysis, Lang};
//! let mut a = Analysis::new(yardstick::Library::new(), Lang::En);
//! a.open("d.yard", "standard d {\n  version \"1\"\n  input rate: percent\n  item i { rat <= 3% }\n}\n").unwrap();
//! let d = a.diagnostics("d.yard").unwrap();
//! let typo = d.iter().find(|d| d.code == "Y0101").unwrap();
//! assert_eq!(typo.replacement.as_deref(), Some("rate"));
//! let fix = &a.code_actions("d.yard", typo.range).unwrap()[0];
//! assert_eq!(fix.edit.new_text, "rate");
//! assert_eq!(fix.title, "replace `rat` with `rate`");
//! ```
//!
//! Bounded ([`Limits`]): the size of a document, how many are open, how many results an answer holds.

mod complete;
mod hover;
mod line_index;
mod resolve;
pub mod tokens;

pub use line_index::{LineCol, LineIndex};
pub use yardstick::outline::{SymbolKind, TextRange};
pub use yardstick::Lang;

use std::collections::{BTreeSet, HashMap};
use yardstick::catalogue::{ide as m, Msg};
use yardstick::outline::{Outline, RefKind};
use yardstick::{Library, Standard};

/// The largest document an editor may open or grow by typing (the facade's
/// [`yardstick::MAX_DOCUMENT_BYTES`], 4 MiB).
pub const MAX_DOCUMENT_BYTES: usize = yardstick::MAX_DOCUMENT_BYTES;
/// The most documents open at once.
pub const MAX_OPEN_DOCUMENTS: usize = 256;
/// The most entries in one answer: references, symbols, completions, rename edits, diagnostics.
pub const MAX_RESULTS: usize = 2_000;
/// The most semantic tokens in one answer (a 1 MB document has about 150,000).
pub const MAX_TOKENS: usize = 500_000;
/// How deep `use` and `extends` are followed when resolving a name (a cycle is the checker's Y04xx;
/// this only stops the editor from following it).
pub const MAX_CHAIN: usize = 16;
/// The most places a hover lists where a name is read or what an item's thresholds are.
pub const MAX_HOVER_LIST: usize = 12;

/// The limits of one [`Analysis`] (the constants above by default; smaller ones in tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub document_bytes: usize,
    pub open_documents: usize,
    pub results: usize,
    pub tokens: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            document_bytes: MAX_DOCUMENT_BYTES,
            open_documents: MAX_OPEN_DOCUMENTS,
            results: MAX_RESULTS,
            tokens: MAX_TOKENS,
        }
    }
}

/// What an editor's request cannot do, with a stable code and both languages.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} [{code}]", .msg.en)]
pub struct IdeError {
    /// `Y1001` … `Y1008` (docs/editors.md).
    pub code: &'static str,
    pub msg: Msg,
}

impl IdeError {
    fn new(code: &'static str, msg: Msg) -> IdeError {
        IdeError { code, msg }
    }
}

/// Every code of an editor's request, with what it means.
pub const CODES: &[(&str, &str)] = &[
    ("Y1001", "too many documents open"),
    ("Y1002", "the document is not open"),
    (
        "Y1003",
        "a change outside the document or inside a character",
    ),
    (
        "Y1004",
        "a change that makes the document larger than the limit",
    ),
    (
        "Y1005",
        "nothing here can be renamed (or it is declared in another document)",
    ),
    ("Y1006", "the new name is not a name"),
    ("Y1007", "the new name is already declared"),
    (
        "Y1008",
        "a rename that would change more places than the limit",
    ),
];

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary place of a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: String,
    pub range: TextRange,
    pub message: String,
}

/// One problem of an open document, in the analysis' language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: TextRange,
    pub severity: Severity,
    pub code: String,
    /// The message, then the help on the next line when there is one.
    pub message: String,
    pub related: Vec<Related>,
    /// The text the "did you mean" names, to put in place of `range` ([`Analysis::code_actions`]).
    pub replacement: Option<String>,
}

/// A place in a document: where a name is declared or read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    pub range: TextRange,
}

/// What a hover shows: Markdown, for the name under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub range: TextRange,
    pub markdown: String,
}

/// What a completion offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    Keyword,
    Type,
    Function,
    /// A declared name (its kind).
    Name(SymbolKind),
    /// A value of an enum input.
    Value,
    Unit,
    /// A standard's id.
    Standard,
    /// A version of a standard.
    Version,
}

/// One completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// What it is, with its labels.
    pub detail: String,
    /// The text it replaces (the word being typed; empty at the cursor when none).
    pub replace: TextRange,
}

/// A declaration in the outline of a document, with those inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: String,
    pub kind: SymbolKind,
    pub range: TextRange,
    pub selection: TextRange,
    pub children: Vec<DocumentSymbol>,
}

/// A change to a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// A quick fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    /// The code of the diagnostic it fixes.
    pub code: String,
    pub diagnostic_range: TextRange,
    pub edit: TextEdit,
}

/// What a piece of text is, for highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Keyword,
    Type,
    Function,
    String,
    Number,
    Comment,
    Operator,
    /// A standard's id or a `use` alias.
    Namespace,
    /// An input or a group of inputs.
    Input,
    /// A `let`, `output` or the variable of `each`.
    Derived,
    /// An item, section or consistency rule.
    Item,
    /// A ladder, score or grade.
    Measure,
    /// A value of an enum, a level or a band.
    Value,
}

impl TokenKind {
    /// Every kind, in the order of [`TokenKind::index`] (the legend a server announces).
    pub const ALL: &'static [TokenKind] = &[
        TokenKind::Keyword,
        TokenKind::Type,
        TokenKind::Function,
        TokenKind::String,
        TokenKind::Number,
        TokenKind::Comment,
        TokenKind::Operator,
        TokenKind::Namespace,
        TokenKind::Input,
        TokenKind::Derived,
        TokenKind::Item,
        TokenKind::Measure,
        TokenKind::Value,
    ];
    /// The position in [`TokenKind::ALL`].
    pub fn index(self) -> u32 {
        TokenKind::ALL
            .iter()
            .position(|k| *k == self)
            .and_then(|i| u32::try_from(i).ok())
            .unwrap_or(0)
    }
    /// The Language Server Protocol's standard token type for it.
    pub fn lsp_name(self) -> &'static str {
        match self {
            TokenKind::Keyword => "keyword",
            TokenKind::Type => "type",
            TokenKind::Function => "function",
            TokenKind::String => "string",
            TokenKind::Number => "number",
            TokenKind::Comment => "comment",
            TokenKind::Operator => "operator",
            TokenKind::Namespace => "namespace",
            TokenKind::Input => "variable",
            TokenKind::Derived => "property",
            TokenKind::Item => "method",
            TokenKind::Measure => "class",
            TokenKind::Value => "enumMember",
        }
    }
}

/// One highlighted piece of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: TextRange,
    pub kind: TokenKind,
    /// Where the name is declared (not read).
    pub declaration: bool,
}

/// A document's outline with its names indexed.
pub(crate) struct FileData {
    pub(crate) outline: Outline,
    pub(crate) by_id: HashMap<String, Vec<usize>>,
    /// Whether the outline is of the current text (else it is the last text that parsed).
    pub(crate) fresh: bool,
}

impl FileData {
    fn new(outline: Outline) -> FileData {
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in outline.symbols.iter().enumerate() {
            by_id.entry(s.id.clone()).or_default().push(i);
        }
        FileData {
            outline,
            by_id,
            fresh: true,
        }
    }
}

/// A library of standards and the documents open in an editor, with everything an editor asks of them.
pub struct Analysis {
    lib: Library,
    lang: Lang,
    limits: Limits,
    open: BTreeSet<String>,
    pub(crate) files: HashMap<String, FileData>,
    pub(crate) docs: Vec<yardstick::DocInfo>,
    compiled: HashMap<String, Option<Standard>>,
    forms: HashMap<String, Option<yardstick::api::Form>>,
    diagnostics: HashMap<String, Vec<Diagnostic>>,
}

impl Analysis {
    /// An analysis over `lib` (the workspace's standards), speaking `lang`.
    pub fn new(lib: Library, lang: Lang) -> Analysis {
        Analysis::with_limits(lib, lang, Limits::default())
    }

    /// The same, with other limits.
    pub fn with_limits(lib: Library, lang: Lang, limits: Limits) -> Analysis {
        let mut a = Analysis {
            lib,
            lang,
            limits,
            open: BTreeSet::new(),
            files: HashMap::new(),
            docs: Vec::new(),
            compiled: HashMap::new(),
            forms: HashMap::new(),
            diagnostics: HashMap::new(),
        };
        let names: Vec<String> = a.lib.files().iter().map(|s| s.to_string()).collect();
        for n in names {
            a.refresh(&n);
        }
        a
    }

    /// The language messages are given in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Speak `lang` from now on (an editor's language switch): the next diagnostics, hovers and
    /// completions are in it.
    pub fn set_lang(&mut self, lang: Lang) {
        if self.lang != lang {
            self.lang = lang;
            self.diagnostics.clear();
        }
    }

    /// The library (the workspace's standards and the open documents as they are now).
    pub fn library(&self) -> &Library {
        &self.lib
    }

    /// The current text of a document (open or in the library).
    pub fn text(&self, file: &str) -> Option<&str> {
        self.lib.source(file).map(|s| &*s.text)
    }

    /// The open documents.
    pub fn open_documents(&self) -> impl Iterator<Item = &str> {
        self.open.iter().map(String::as_str)
    }

    /// Open a document with its text (it takes the place of the library's copy of the same name).
    pub fn open(&mut self, file: &str, text: &str) -> Result<(), IdeError> {
        if !self.open.contains(file) && self.open.len() >= self.limits.open_documents {
            return Err(IdeError::new(
                "Y1001",
                m::too_many_documents(self.limits.open_documents),
            ));
        }
        self.size_ok(text.len())?;
        self.open.insert(file.to_string());
        self.set_text(file, text);
        Ok(())
    }

    /// Apply changes to an open document, each to the text the one before left: a range and its new
    /// text, or the whole text (`None`).
    pub fn change(
        &mut self,
        file: &str,
        changes: &[(Option<TextRange>, String)],
    ) -> Result<(), IdeError> {
        if !self.open.contains(file) {
            return Err(IdeError::new("Y1002", m::not_open(file)));
        }
        let mut text = self.text(file).unwrap_or("").to_string();
        for (range, new) in changes {
            match range {
                None => text.clone_from(new),
                Some(r) => {
                    let ok = r.start <= r.end
                        && r.end <= text.len()
                        && text.is_char_boundary(r.start)
                        && text.is_char_boundary(r.end);
                    if !ok {
                        return Err(IdeError::new(
                            "Y1003",
                            m::edit_outside(r.start, r.end, text.len()),
                        ));
                    }
                    self.size_ok(text.len() - (r.end - r.start) + new.len())?;
                    text.replace_range(r.start..r.end, new);
                }
            }
            self.size_ok(text.len())?;
        }
        self.set_text(file, &text);
        Ok(())
    }

    /// Close a document: the library goes back to `saved` (the file's text on disk, when it is one of
    /// the workspace's), or forgets it.
    pub fn close(&mut self, file: &str, saved: Option<&str>) {
        self.open.remove(file);
        match saved {
            Some(t) if t.len() <= self.limits.document_bytes => self.set_text(file, t),
            _ => {
                self.lib.remove(file);
                self.files.remove(file);
                self.invalidate();
            }
        }
    }

    fn size_ok(&self, size: usize) -> Result<(), IdeError> {
        if size > self.limits.document_bytes {
            return Err(IdeError::new(
                "Y1004",
                m::document_too_large(size, self.limits.document_bytes),
            ));
        }
        Ok(())
    }

    fn set_text(&mut self, file: &str, text: &str) {
        let _ = self.lib.replace(file, text);
        self.refresh(file);
        self.invalidate();
    }

    fn refresh(&mut self, file: &str) {
        match self.lib.outline(file) {
            Some(o) => {
                self.files.insert(file.to_string(), FileData::new(o));
            }
            None => {
                if let Some(d) = self.files.get_mut(file) {
                    d.fresh = false;
                }
            }
        }
    }

    fn invalidate(&mut self) {
        self.compiled.clear();
        self.forms.clear();
        self.diagnostics.clear();
        self.docs = self.lib.documents();
    }

    /// The document's outline, only when it is of the current text.
    pub(crate) fn fresh(&self, file: &str) -> Option<&FileData> {
        self.files.get(file).filter(|d| d.fresh)
    }

    /// The standard compiled from `file` (cached until the next change), when it compiles.
    pub(crate) fn compiled(&mut self, file: &str) -> Option<&Standard> {
        if !self.compiled.contains_key(file) {
            let s = self.lib.compile_file(file).ok();
            self.compiled.insert(file.to_string(), s);
        }
        self.compiled.get(file).and_then(Option::as_ref)
    }

    /// The form of the standard compiled from `file` (cached with it).
    pub(crate) fn form(&mut self, file: &str) -> Option<&yardstick::api::Form> {
        if !self.forms.contains_key(file) {
            let f = self.compiled(file).map(Standard::form);
            self.forms.insert(file.to_string(), f);
        }
        self.forms.get(file).and_then(Option::as_ref)
    }

    /// A message in the analysis' language (`Both`: English, then Chinese after ` / `).
    pub(crate) fn say(&self, msg: &Msg) -> String {
        match self.lang {
            Lang::En => msg.en.clone(),
            Lang::Zh => msg.zh.clone(),
            Lang::Both if msg.en == msg.zh => msg.en.clone(),
            Lang::Both => format!("{} / {}", msg.en, msg.zh),
        }
    }

    /// Every problem of a document (syntax errors, the checker's findings, checks over time), in the
    /// analysis' language, with the replacement a "did you mean" names. Problems the checker finds in
    /// another document (a used standard's) are not listed here. At most [`Limits::results`].
    pub fn diagnostics(&mut self, file: &str) -> Result<Vec<Diagnostic>, IdeError> {
        if self.text(file).is_none() {
            return Err(IdeError::new("Y1002", m::not_open(file)));
        }
        if let Some(d) = self.diagnostics.get(file) {
            return Ok(d.clone());
        }
        let lang = self.lang;
        let mut out = Vec::new();
        for s in self.lib.check_file_suggesting(file) {
            let p = s.problem;
            if !p.place.file.is_empty() && p.place.file != file {
                continue;
            }
            let mut message = lang.pick(&p.message, &p.message_zh);
            if let (Some(en), zh) = (&p.help, &p.help_zh) {
                message.push('\n');
                message.push_str(&lang.pick(en, zh.as_deref().unwrap_or(en)));
            }
            out.push(Diagnostic {
                range: TextRange {
                    start: p.place.start,
                    end: p.place.end,
                },
                severity: if p.is_error() {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                code: p.code.clone(),
                message,
                related: p
                    .related
                    .iter()
                    .map(|r| Related {
                        file: if r.place.file.is_empty() {
                            file.to_string()
                        } else {
                            r.place.file.clone()
                        },
                        range: TextRange {
                            start: r.place.start,
                            end: r.place.end,
                        },
                        message: lang.pick(&r.message, &r.message_zh),
                    })
                    .collect(),
                replacement: s.replacement,
            });
            if out.len() >= self.limits.results {
                break;
            }
        }
        self.diagnostics.insert(file.to_string(), out.clone());
        Ok(out)
    }

    /// The quick fixes for the diagnostics that touch `range`: each "did you mean" as an edit.
    pub fn code_actions(
        &mut self,
        file: &str,
        range: TextRange,
    ) -> Result<Vec<CodeAction>, IdeError> {
        let text = self.text(file).unwrap_or("").to_string();
        let diags = self.diagnostics(file)?;
        Ok(diags
            .iter()
            .filter(|d| d.range.start <= range.end && range.start <= d.range.end)
            .filter_map(|d| {
                let with = d.replacement.as_ref()?;
                let found = text.get(d.range.start..d.range.end)?;
                Some(CodeAction {
                    title: self.say(&m::replace_with(found, with)),
                    code: d.code.clone(),
                    diagnostic_range: d.range,
                    edit: TextEdit {
                        range: d.range,
                        new_text: with.clone(),
                    },
                })
            })
            .take(self.limits.results)
            .collect())
    }

    /// Where the name under `offset` is declared (a used or base standard's declaration is in its own
    /// file; a standard named by `use` or `extends` is its `standard` line).
    pub fn definition(&self, file: &str, offset: usize) -> Vec<Location> {
        let Some(found) = self.find(file, offset) else {
            return Vec::new();
        };
        let Some(t) = found.target else {
            return Vec::new();
        };
        self.files
            .get(&t.file)
            .and_then(|d| d.outline.symbols.get(t.sym))
            .map(|s| {
                vec![Location {
                    file: t.file.clone(),
                    range: s.name,
                }]
            })
            .unwrap_or_default()
    }

    /// Every place the name under `offset` is read, in every document of the library (and where it is
    /// declared, when `declaration`), sorted by file and place; at most [`Limits::results`].
    pub fn references(&self, file: &str, offset: usize, declaration: bool) -> Vec<Location> {
        let Some(t) = self.find(file, offset).and_then(|f| f.target) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if declaration {
            if let Some(s) = self.symbol(&t) {
                out.push(Location {
                    file: t.file.clone(),
                    range: s.name,
                });
            }
        }
        let mut names: Vec<&String> = self.files.keys().collect();
        names.sort();
        'files: for name in names {
            let Some(d) = self.fresh(name) else { continue };
            for r in &d.outline.references {
                if self.resolve_ref(name, r, 0).as_ref() == Some(&t) {
                    out.push(Location {
                        file: name.clone(),
                        range: r.range,
                    });
                    if out.len() >= self.limits.results {
                        break 'files;
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The outline of a document: its declarations, nested (sections hold items, groups inputs,
    /// ladders their levels, grades their bands); at most [`Limits::results`] in all.
    pub fn symbols(&self, file: &str) -> Vec<DocumentSymbol> {
        let Some(d) = self.fresh(file) else {
            return Vec::new();
        };
        let syms = &d.outline.symbols;
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); syms.len()];
        let mut roots = Vec::new();
        for (i, s) in syms.iter().enumerate().take(self.limits.results) {
            if s.kind == SymbolKind::Local {
                continue;
            }
            match s.parent {
                Some(p) if p < i => children[p].push(i),
                _ => roots.push(i),
            }
        }
        fn build(
            a: &Analysis,
            syms: &[yardstick::outline::Symbol],
            c: &[Vec<usize>],
            i: usize,
        ) -> DocumentSymbol {
            let s = &syms[i];
            let label = [s.labels.zh.as_deref(), s.labels.en.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" / ");
            DocumentSymbol {
                name: if s.kind == SymbolKind::Standard {
                    s.id.clone()
                } else {
                    s.id.rsplit('.').next().unwrap_or(&s.id).to_string()
                },
                detail: if label.is_empty() {
                    a.say(&hover::kind_word(s.kind))
                } else {
                    label
                },
                kind: s.kind,
                range: s.range,
                selection: s.name,
                children: c[i].iter().map(|&j| build(a, syms, c, j)).collect(),
            }
        }
        roots
            .iter()
            .map(|&i| build(self, syms, &children, i))
            .collect()
    }

    /// The canonical layout of a document as one edit of the whole text; empty when it is already
    /// formatted, `None` when it does not parse.
    pub fn format(&self, file: &str) -> Option<Vec<TextEdit>> {
        let text = self.text(file)?;
        let formatted = yardstick::format(text).ok()?;
        if formatted == text {
            return Some(Vec::new());
        }
        Some(vec![TextEdit {
            range: TextRange {
                start: 0,
                end: text.len(),
            },
            new_text: formatted,
        }])
    }

    /// The range of the name a rename at `offset` would change.
    pub fn prepare_rename(&self, file: &str, offset: usize) -> Result<TextRange, IdeError> {
        let (t, range) = self.rename_target(file, offset)?;
        let Some(sym) = self.symbol(&t) else {
            return Err(IdeError::new("Y1005", m::nothing_to_rename()));
        };
        if sym.name == range {
            return Ok(range);
        }
        // A name read: the part of the path that is the declared name (an alias is its first part,
        // anything else its last).
        Ok(if sym.kind == SymbolKind::Use {
            TextRange {
                start: range.start,
                end: range.start + sym.id.len(),
            }
        } else {
            let last = sym.id.rsplit('.').next().unwrap_or("").len();
            TextRange {
                start: range.end.saturating_sub(last),
                end: range.end,
            }
        })
    }

    /// Rename the name under `offset` across the document: its declaration and every place the document
    /// reads it, at most [`Limits::results`] places (more is refused whole, Y1008) (for a group, the group's part of its inputs' paths; for a `use` alias, the alias part
    /// of every name read through it). A name declared in another document is refused (Y1005), a new
    /// name that is not a name (Y1006) or is declared already (Y1007).
    pub fn rename(
        &self,
        file: &str,
        offset: usize,
        new_name: &str,
    ) -> Result<Vec<TextEdit>, IdeError> {
        let (t, _) = self.rename_target(file, offset)?;
        let Some(sym) = self.symbol(&t) else {
            return Err(IdeError::new("Y1005", m::nothing_to_rename()));
        };
        if !is_name(new_name) {
            return Err(IdeError::new("Y1006", m::not_a_name(new_name)));
        }
        let d = self
            .fresh(file)
            .ok_or_else(|| IdeError::new("Y1005", m::nothing_to_rename()))?;
        let prefix_len = sym.id.len() - sym.id.rsplit('.').next().unwrap_or("").len();
        let new_id = format!("{}{new_name}", &sym.id[..prefix_len]);
        let taken = d.by_id.get(&new_id).is_some_and(|v| {
            v.iter().any(|&i| {
                let o = &d.outline.symbols[i];
                if matches!(
                    sym.kind,
                    SymbolKind::Variant | SymbolKind::Level | SymbolKind::Band
                ) {
                    o.parent == sym.parent
                } else {
                    namespace(o.kind) && namespace(sym.kind)
                }
            })
        });
        if taken && new_id != sym.id {
            return Err(IdeError::new("Y1007", m::name_taken(new_name)));
        }
        let last = sym.id.len() - prefix_len;
        let mut edits = vec![TextEdit {
            range: sym.name,
            new_text: new_name.to_string(),
        }];
        let group_prefix = format!("{}.", sym.id);
        for r in &d.outline.references {
            let hit = if sym.kind == SymbolKind::Use {
                (r.name == sym.id || r.name.starts_with(&group_prefix)) && r.kind == RefKind::Name
            } else {
                match self.resolve_ref(file, r, 0) {
                    Some(s) if s == t => true,
                    Some(s) if sym.kind == SymbolKind::Group && s.file == t.file => self
                        .symbol(&s)
                        .is_some_and(|x| x.id.starts_with(&group_prefix)),
                    _ => false,
                }
            };
            if !hit {
                continue;
            }
            // The written name starts with the symbol's id (a name read here resolves to a symbol of
            // this document by its own id); the renamed part is its last part.
            let (start, len) = if sym.kind == SymbolKind::Use {
                (r.range.start, sym.id.len())
            } else {
                (r.range.start + prefix_len, last)
            };
            edits.push(TextEdit {
                range: TextRange {
                    start,
                    end: start + len,
                },
                new_text: new_name.to_string(),
            });
            // Half a rename would leave the document broken: refuse it whole.
            if edits.len() > self.limits.results {
                return Err(IdeError::new(
                    "Y1008",
                    m::too_many_renames(self.limits.results),
                ));
            }
        }
        edits.sort_by_key(|e| e.range.start);
        edits.dedup();
        Ok(edits)
    }

    fn rename_target(
        &self,
        file: &str,
        offset: usize,
    ) -> Result<(resolve::Target, TextRange), IdeError> {
        let found = self
            .find(file, offset)
            .ok_or_else(|| IdeError::new("Y1005", m::nothing_to_rename()))?;
        let t = found
            .target
            .filter(|_| !found.standard)
            .ok_or_else(|| IdeError::new("Y1005", m::nothing_to_rename()))?;
        if t.file != file {
            return Err(IdeError::new("Y1005", m::declared_elsewhere(&t.file)));
        }
        let kind = self.symbol(&t).map(|s| s.kind);
        if matches!(
            kind,
            None | Some(SymbolKind::Standard | SymbolKind::Example)
        ) {
            return Err(IdeError::new("Y1005", m::nothing_to_rename()));
        }
        Ok((t, found.range))
    }

    /// Highlighting: every token of the document with what it is; names classified by what they
    /// name when the document parses (else keywords, strings, numbers and comments only); at most
    /// [`Limits::tokens`].
    pub fn semantic_tokens(&self, file: &str) -> Vec<SemanticToken> {
        let Some(text) = self.text(file) else {
            return Vec::new();
        };
        let mut names: HashMap<usize, (TokenKind, bool, usize)> = HashMap::new();
        if let Some(d) = self.fresh(file) {
            for s in &d.outline.symbols {
                if let Some(k) = token_of(s.kind) {
                    names.insert(s.name.start, (k, true, s.name.end));
                }
            }
            for r in &d.outline.references {
                let kind = self
                    .resolve_ref(file, r, 0)
                    .and_then(|t| self.symbol(&t))
                    .and_then(|s| token_of(s.kind));
                if let Some(k) = kind {
                    names.insert(r.range.start, (k, false, r.range.end));
                }
            }
            for s in &d.outline.standards {
                names.insert(
                    s.id_range.start,
                    (TokenKind::Namespace, false, s.id_range.end),
                );
            }
        }
        let toks = tokens::lex(text);
        let mut out = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let word = &text[t.range.start..t.range.end];
            let kind = match t.kind {
                tokens::Lexeme::Comment => Some(TokenKind::Comment),
                tokens::Lexeme::String => Some(TokenKind::String),
                tokens::Lexeme::Number => Some(TokenKind::Number),
                tokens::Lexeme::Operator => Some(TokenKind::Operator),
                tokens::Lexeme::Punct => None,
                tokens::Lexeme::Word => match names.get(&t.range.start) {
                    Some(&(k, decl, end)) if end == t.range.end => {
                        out.push(SemanticToken {
                            range: t.range,
                            kind: k,
                            declaration: decl,
                        });
                        None
                    }
                    _ if tokens::FUNCTIONS.contains(&word)
                        && toks
                            .get(i + 1)
                            .is_some_and(|n| &text[n.range.start..n.range.end] == "(") =>
                    {
                        Some(TokenKind::Function)
                    }
                    _ if tokens::TYPES.contains(&word) => Some(TokenKind::Type),
                    _ if tokens::KEYWORDS.contains(&word) => Some(TokenKind::Keyword),
                    _ => None,
                },
            };
            if let Some(kind) = kind {
                out.push(SemanticToken {
                    range: t.range,
                    kind,
                    declaration: false,
                });
            }
            if out.len() >= self.limits.tokens {
                out.truncate(self.limits.tokens);
                break;
            }
        }
        out
    }
}

/// Whether two kinds of declaration share one namespace (names read in expressions).
fn namespace(k: SymbolKind) -> bool {
    !matches!(
        k,
        SymbolKind::Variant
            | SymbolKind::Level
            | SymbolKind::Band
            | SymbolKind::Example
            | SymbolKind::Local
            | SymbolKind::Standard
            | SymbolKind::LevelGroup
    )
}

fn token_of(k: SymbolKind) -> Option<TokenKind> {
    Some(match k {
        SymbolKind::Standard | SymbolKind::Use => TokenKind::Namespace,
        SymbolKind::Input | SymbolKind::Group => TokenKind::Input,
        SymbolKind::Let | SymbolKind::Output | SymbolKind::Local => TokenKind::Derived,
        SymbolKind::Item | SymbolKind::Section | SymbolKind::Basic | SymbolKind::Require => {
            TokenKind::Item
        }
        SymbolKind::Levels | SymbolKind::Score | SymbolKind::Grade | SymbolKind::LevelGroup => {
            TokenKind::Measure
        }
        SymbolKind::Variant | SymbolKind::Level | SymbolKind::Band => TokenKind::Value,
        SymbolKind::Example => return None,
    })
}

/// Whether `name` is a name the language accepts where an input is declared (ASCII, not reserved, not
/// too long): the grammar itself decides.
fn is_name(name: &str) -> bool {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return false;
    }
    let probe = format!("standard p {{ input {name}: bool }}");
    yardstick::outline::outline(&probe)
        .map(|o| {
            o.symbols
                .iter()
                .any(|s| s.kind == SymbolKind::Input && s.id == name)
        })
        .unwrap_or(false)
}
