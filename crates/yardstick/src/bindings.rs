//! The contract as text, for bindings to other languages (the WASM build, and later Python and the
//! server): JSON strings in, JSON strings out, errors as [`ErrorReport`]s. A binding only moves these
//! strings across its boundary; every rule lives here and in the rest of the facade.

#![expect(
    clippy::result_large_err,
    reason = "an error report crosses the binding once, as text; boxing it would only add an allocation"
)]

use crate::api::ErrorReport;
use crate::catalogue::Msg;
use crate::report::Problem;
use crate::{Error, Failure, Library, Options, Problems, Standard};
use serde::{Deserialize, Serialize};

/// The code of a bad argument from the host program: library JSON that is not `[{name, text}, …]`, a
/// date that is not `YYYY-MM-DD`.
pub const BAD_ARGUMENT: &str = "Y0901";

/// One document of a library as a binding passes it: its name (shown in spans) and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LibraryDocument {
    pub name: String,
    pub text: String,
}

/// A document of a library (`documents`). Dates are `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentInfo {
    pub id: String,
    pub version: String,
    pub from: Option<String>,
    pub until: Option<String>,
    pub status: Option<String>,
    pub file: String,
    /// The document's own title, read without compiling; `null` for an overlay without one.
    pub title: Option<crate::api::Labels>,
}

/// `format`: the canonical text, or the syntax problems that stop formatting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FormatResult {
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<Problem>>,
}

fn bad_argument(en: String, zh: String) -> ErrorReport {
    Error::Argument(Failure::new(BAD_ARGUMENT, Msg { en, zh })).report()
}

fn text<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Parse `[{name, text}, …]` into a library. Documents that do not parse are kept (so their problems
/// can be reported); their syntax problems are returned beside the library.
pub fn library(docs_json: &str) -> Result<(Library, Problems), ErrorReport> {
    let docs = library_documents(docs_json).map_err(|(en, zh)| {
        bad_argument(
            format!("the library must be a JSON array of {{\"name\", \"text\"}}: {en}"),
            format!("文档库应为 {{\"name\", \"text\"}} 的 JSON 数组：{zh}"),
        )
    })?;
    let mut lib = Library::new();
    let mut all = Problems {
        problems: Vec::new(),
        sources: Vec::new(),
    };
    for d in &docs {
        if let Err(p) = lib.add(&d.name, &d.text) {
            all.problems.extend(p.problems);
            all.sources.extend(p.sources);
        }
    }
    Ok((lib, all))
}

/// The documents of a library's JSON text, read with the crate's own JSON reader (`lossless`) rather
/// than serde_json's deserializer, which the browser engine would otherwise carry only for this (with the
/// standard library's float formatting for its error messages). Keys other than `name` and `text` are
/// ignored, as a derived `Deserialize` ignores them. The error: why, in English and Chinese.
fn library_documents(docs_json: &str) -> Result<Vec<LibraryDocument>, (String, String)> {
    let json = crate::lossless::Json::parse(docs_json).map_err(|e| {
        (
            format!("{} at line {} column {}", e.en, e.line, e.column),
            format!("{}（第 {} 行第 {} 列）", e.zh, e.line, e.column),
        )
    })?;
    let Some(items) = json.as_array() else {
        return Err((format!("it is {}", json.kind()), "它不是数组".to_string()));
    };
    let mut docs = Vec::with_capacity(items.len());
    for (i, d) in items.iter().enumerate() {
        let field = |key: &str| d.get(key).and_then(crate::lossless::Json::as_str);
        match (field("name"), field("text")) {
            (Some(name), Some(text)) => docs.push(LibraryDocument {
                name: name.to_string(),
                text: text.to_string(),
            }),
            _ => {
                return Err((
                    format!("document {i} (counting from 0) lacks a string \"name\" or \"text\""),
                    format!("第 {i} 个文档（从 0 起数）缺少字符串 \"name\" 或 \"text\""),
                ))
            }
        }
    }
    Ok(docs)
}

/// Compile one self-contained document (`name` defaults to `document.yard`).
pub fn compile(text: &str, name: Option<&str>) -> Result<Standard, ErrorReport> {
    Standard::from_text(name.unwrap_or("document.yard"), text).map_err(|e| e.report())
}

/// Compile standard `id` of a library: `version` if given, else the version in force on `as_of`, else the
/// only one. A syntax problem anywhere in the library stops it, as `yardstick eval` does.
pub fn compile_in_library(
    docs_json: &str,
    id: &str,
    version: Option<&str>,
    as_of: Option<&str>,
) -> Result<Standard, ErrorReport> {
    let (lib, syntax) = library(docs_json)?;
    if !syntax.problems.is_empty() {
        return Err(Error::Problems(syntax).report());
    }
    let as_of = match as_of {
        None | Some("") => None,
        Some(s) => Some(crate::parse_date(s).ok_or_else(|| {
            let s = crate::json::quote(s);
            bad_argument(
                format!("`{s}` is not a date (YYYY-MM-DD)"),
                format!("`{s}` 不是日期（YYYY-MM-DD）"),
            )
        })?),
    };
    lib.resolve(id, version, as_of).map_err(|e| e.report())
}

/// Compile the document named `file` of a library; only its own syntax problems stop it.
pub fn compile_file_in_library(docs_json: &str, file: &str) -> Result<Standard, ErrorReport> {
    let (lib, mut syntax) = library(docs_json)?;
    syntax.problems.retain(|p| p.place.file == file);
    if !syntax.problems.is_empty() {
        return Err(Error::Problems(syntax).report());
    }
    lib.compile_file(file).map_err(|e| e.report())
}

/// The documents of a library, as JSON text of `DocumentInfo[]` (documents with syntax problems left
/// out).
pub fn documents(docs_json: &str) -> Result<String, ErrorReport> {
    let (lib, _) = library(docs_json)?;
    let docs: Vec<DocumentInfo> = lib
        .documents()
        .into_iter()
        .map(|d| DocumentInfo {
            id: d.id,
            version: d.version,
            from: d.from.map(|x| x.to_string()),
            until: d.until.map(|x| x.to_string()),
            status: d.status,
            file: d.file,
            title: d.title,
        })
        .collect();
    Ok(text(&docs))
}

/// Evaluate an assessment (JSON text) and return the result as compact JSON text: the contract of
/// `yardstick eval --format json`, byte for byte.
pub fn evaluate(std: &Standard, assessment: &str, explain: bool) -> Result<String, ErrorReport> {
    let options = if explain {
        Options::explained()
    } else {
        Options::default()
    };
    std.evaluate_text(assessment, &options)
        .map(|r| r.to_json())
        .map_err(|e| e.report())
}

/// The standard's form as JSON text ([`crate::api::Form`]).
pub fn form(std: &Standard) -> String {
    text(&std.form())
}

/// The standard's `example` blocks run, as JSON text of `ExampleResult[]`.
pub fn examples(std: &Standard) -> String {
    text(&crate::testing::run_examples(std))
}

/// Problems as JSON text of `Problem[]`, as `yardstick check --format json` prints them.
pub fn problems(problems: &[Problem]) -> String {
    text(&problems)
}

/// Check one document alone: JSON text of `Problem[]` (`[]`: clean).
pub fn check(text_: &str, name: Option<&str>) -> String {
    problems(&crate::check_text(name.unwrap_or("document.yard"), text_))
}

/// Check the document `file` of a library (so `use` and `extends` resolve): JSON text of `Problem[]`.
pub fn check_in_library(docs_json: &str, file: &str) -> Result<String, ErrorReport> {
    let (lib, _) = library(docs_json)?;
    Ok(problems(&lib.check_file(file)))
}

/// Rewrite a document in the canonical layout: JSON text of [`FormatResult`].
pub fn format(text_: &str) -> String {
    let r = match crate::format(text_) {
        Ok(out) => FormatResult {
            ok: true,
            text: Some(out),
            problems: None,
        },
        Err(_) => FormatResult {
            ok: false,
            text: None,
            problems: Some(crate::syntax_problems("document.yard", text_)),
        },
    };
    text(&r)
}

/// An error report as JSON text.
pub fn report_text(r: &ErrorReport) -> String {
    text(r)
}
