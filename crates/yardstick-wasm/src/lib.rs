//! Yardstick in the browser and in Node: a thin [wasm-bindgen] layer over the facade's JSON layer.
//!
//! It has no logic of its own. Every export wraps one facade call — [`yardstick::Library`],
//! [`yardstick::Standard::evaluate_json`], [`yardstick::json::schema`], [`yardstick::check_text`],
//! [`yardstick::format`], [`yardstick::testing::run_examples`] — and moves text across the boundary:
//! JSON strings in, JSON strings out, the same JSON contract as `yardstick eval --format json`
//! (`docs/json.md`).
//!
//! Errors cross as data: a thrown `Error` named `YardstickError` whose properties `kind`, `code`,
//! `message`, `help`, `problems` (with line, column and byte spans) and `inputs` (rejected answers)
//! say what went wrong; `data` holds the same as JSON text. Nothing panics on user input (the
//! facade guarantees it) and the release build aborts rather than unwinds.
//!
//! An abort (a panic, an exhausted stack or memory) is a trap that leaves the instance unusable. The
//! browser calculator therefore calls the module only through `web/src/engine.js`, which instantiates the
//! compiled module afresh after a trap, compiles its standards again and throws a `YardstickError` with
//! `kind` and `code` `"trap"` (docs/json.md §9); `scripts/web-test.sh` adds the one export it needs to
//! the generated glue (`__yardstick_forget_instance`).
//!
//! No threads, no `SharedArrayBuffer`, no WASI: `wasm-bindgen --target web` gives one ES module.
//!
//! ```js
//! import init, { compileLibrary } from './pkg/yardstick_wasm.js';
//! await init();
//! const library = await (await fetch('library.json')).json();   // [{name, text}, …]
//! const std = compileLibrary(JSON.stringify(library), 'cn.sanitary_city.national', 'pre-2014', null);
//! const result = JSON.parse(std.evaluate(JSON.stringify({ inputs: { satisfaction: 88 } }), true));
//! ```
//!
//! [wasm-bindgen]: https://rustwasm.github.io/docs/wasm-bindgen/

use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use yardstick::{Error, Library};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** One document of a library: its name (used in spans, e.g. `standards/cn/x.yard`) and its text. */
export interface LibraryDocument { name: string; text: string; }

/** Where a problem is: 1-based line and column (characters), byte range `[start, end)`, and the text there. */
export interface Place { file: string; line: number; column: number; start: number; end: number; text: string; }

/** One problem in a document: a syntax error or a checker finding (codes in docs/language.md). */
export interface Problem extends Place {
  code: string;
  severity: "error" | "warning";
  message: string;
  label: string;
  help: string | null;
  related: Array<Place & { message: string }>;
}

/** One rejected answer of an assessment (`input` is empty for problems with the whole document). */
export interface InputError { input: string; reason: string; }

/** What a thrown `YardstickError` carries (also as JSON text in its `data` property). `"trap"` comes only
 * from web/src/engine.js: the engine itself failed and was restarted (docs/json.md §9). */
export interface YardstickErrorData {
  kind: "problems" | "assessment" | "not_found" | "eval" | "io" | "argument" | "trap";
  /** The first error's code (`Y0203`, …) for `problems`; otherwise the kind. */
  code: string;
  message: string;
  help: string | null;
  problems: Problem[];
  inputs: InputError[];
}

/** What every export throws: a JavaScript `Error` carrying the data as properties. */
export interface YardstickError extends Error, YardstickErrorData {
  name: "YardstickError";
  /** The same data as JSON text. */
  data: string;
}

/** A document of a library (`documents()`). Dates are `YYYY-MM-DD`. */
export interface DocumentInfo {
  id: string; version: string; from: string | null; until: string | null;
  status: string | null; file: string;
}

/** zh/en labels; either may be null. */
export interface Labels { zh: string | null; en: string | null; }
export interface Cite { source: string; tier: string | null; note: string | null; }

/** One input of a standard, enough to build a form field (docs/json.md §5). */
export interface SchemaInput {
  id: string;
  type: string;
  unit: string | null;
  values: string[] | null;
  length: number | null;
  min: number | null;
  max: number | null;
  labels: Labels;
  help: Labels;
  group: string | null;
  section: string | null;
  source: Cite | null;
}

/** `Standard.schema()`: the header and the inputs grouped by section. */
export interface Schema {
  id: string; version: string; title: Labels;
  effective: { from: string | null; until: string | null; note: string | null };
  status: string | null; source: Cite | null; lineage: string[]; hash: string;
  sections: Array<{ id: string; labels: Labels; veto: boolean }>;
  inputs: SchemaInput[];
}

/** `Standard.evaluate()`: the result contract of docs/json.md §2–§4 (items are explanation nodes with `explain`). */
export interface EvaluationResult {
  standard: { id: string; version: string; hash: string; lineage: string[] };
  as_of: string | null;
  outcome: "pass" | "fail" | "unknown" | "not_applicable";
  grade: string | null;
  vetoed_by: string[];
  failing: string[];
  outputs: Record<string, unknown>;
  items: Array<Record<string, unknown>>;
  missing: string[];
  partial: null | { best: string; worst: string; outputs: Record<string, { best: string | null; worst: string | null }>; ask_next: string[] };
  fixes: Array<{ item: string; input: string; from: unknown; to: unknown; reaches: string; zh: string; en: string }>;
}

/** One `example` block of a standard and the expectations that did not hold. */
export interface ExampleResult {
  name: string;
  passed: boolean;
  failures: Array<{ what: string; expected: string; actual: string; at: string }>;
}

/** `format()`: the canonical text, or the syntax problems that stop formatting. */
export type FormatResult = { ok: true; text: string } | { ok: false; problems: Problem[] };
"#;

/// Problems as JSON text, fields in the order `yardstick check --format json` prints them.
pub fn problems_text(problems: &[yardstick::report::Problem]) -> String {
    serde_json::to_string(problems).unwrap_or_else(|_| "[]".into())
}

/// An error as data: `{kind, code, message, help, problems, inputs}` (see `YardstickErrorData`).
pub fn error_data(e: &Error) -> Value {
    let (kind, problems, inputs) = match e {
        Error::Problems(p) => ("problems", json!(p.problems), json!([])),
        Error::Assessment(errs) => ("assessment", json!([]), json!(errs)),
        Error::NotFound(_) => ("not_found", json!([]), json!([])),
        Error::Eval(_) => ("eval", json!([]), json!([])),
        Error::Io { .. } => ("io", json!([]), json!([])),
    };
    let first = match e {
        Error::Problems(p) => p.problems.iter().find(|x| x.is_error()),
        _ => None,
    };
    json!({
        "kind": kind,
        "code": first.map(|p| p.code.as_str()).unwrap_or(kind),
        "message": e.to_string(),
        "help": first.and_then(|p| p.help.clone()),
        "problems": problems,
        "inputs": inputs,
    })
}

/// A bad argument from JavaScript (for example library JSON that does not parse) as error data.
fn argument_error(message: String) -> Value {
    json!({"kind": "argument", "code": "argument", "message": message, "help": null, "problems": [], "inputs": []})
}

/// Error data as a thrown JavaScript `Error` named `YardstickError`, with the data as properties.
fn throw(data: Value) -> JsValue {
    let text = data.to_string();
    let message = data["message"].as_str().unwrap_or("yardstick error");
    let err = js_sys::Error::new(message);
    err.set_name("YardstickError");
    let obj: &JsValue = err.as_ref();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &v);
    };
    for k in ["kind", "code"] {
        set(k, JsValue::from_str(data[k].as_str().unwrap_or_default()));
    }
    set(
        "help",
        data["help"]
            .as_str()
            .map(JsValue::from_str)
            .unwrap_or(JsValue::NULL),
    );
    for k in ["problems", "inputs"] {
        let v = js_sys::JSON::parse(&data[k].to_string()).unwrap_or(JsValue::NULL);
        set(k, v);
    }
    set("data", JsValue::from_str(&text));
    err.into()
}

#[derive(Deserialize)]
struct Doc {
    name: String,
    text: String,
}

/// Parse `[{name, text}, …]` into a library. Documents that do not parse are kept (so their problems
/// can be reported); their syntax problems are returned beside the library.
pub fn library(docs_json: &str) -> Result<(Library, yardstick::Problems), Value> {
    let docs: Vec<Doc> = serde_json::from_str(docs_json).map_err(|e| {
        argument_error(format!(
            "the library must be a JSON array of {{\"name\", \"text\"}}: {e}"
        ))
    })?;
    let mut lib = Library::new();
    let mut all = yardstick::Problems {
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

/// A compiled standard. Compile once, then evaluate any number of assessments against it: the
/// standard stays inside the module and only the assessment and the result cross the boundary.
#[wasm_bindgen(js_name = Standard)]
pub struct Handle {
    std: yardstick::Standard,
}

impl Handle {
    /// As `evaluate`, with the error as data (host-testable).
    pub fn evaluate_text(&self, assessment: &str, explain: bool) -> Result<String, Value> {
        self.std
            .evaluate_json(assessment, explain)
            .map(|v| v.to_string())
            .map_err(|e| error_data(&e))
    }

    /// As `examples`, as a JSON value.
    pub fn examples_value(&self) -> Value {
        yardstick::testing::run_examples(&self.std)
            .iter()
            .map(|r| {
                json!({
                    "name": r.name,
                    "passed": r.passed(),
                    "failures": r.failures.iter().map(|m| json!({
                        "what": m.what, "expected": m.expected, "actual": m.actual, "at": m.at,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect()
    }
}

#[wasm_bindgen(js_class = Standard)]
impl Handle {
    /// The standard's id, e.g. `cn.sanitary_city.national`.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.std.id().to_string()
    }

    /// The document's version, e.g. `pre-2014`.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.std.version().to_string()
    }

    /// SHA-256 (hex) of the texts of every document that went into this standard.
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.std.hash().to_string()
    }

    /// Evaluate an assessment and return the result as JSON text (`EvaluationResult`, the contract of
    /// `yardstick eval --format json`, byte for byte in compact form).
    ///
    /// `assessment` is JSON text: `{"standard", "version"?, "as_of"?, "inputs": {…}}` or a bare object of
    /// inputs. `explain` adds the full explanation tree (each item's checks, sentences in zh and en).
    /// Throws a `YardstickError` with `kind: "assessment"` and every rejected answer in `inputs`.
    pub fn evaluate(&self, assessment: &str, explain: bool) -> Result<String, JsValue> {
        self.evaluate_text(assessment, explain).map_err(throw)
    }

    /// The inputs as JSON text (`Schema`): types, units, ranges, zh/en labels and help, grouped by
    /// section; and the header: title, version, effective window, status, source, lineage.
    pub fn schema(&self) -> String {
        yardstick::json::schema(&self.std).to_string()
    }

    /// Run the standard's `example` blocks; JSON text of `ExampleResult[]`.
    pub fn examples(&self) -> String {
        self.examples_value().to_string()
    }

    /// Warnings found while compiling; JSON text of `Problem[]`.
    pub fn warnings(&self) -> String {
        problems_text(self.std.warnings())
    }
}

/// As `compile`, with the error as data.
pub fn compile_text(text: &str, name: Option<String>) -> Result<Handle, Value> {
    let name = name.unwrap_or_else(|| "document.yard".into());
    yardstick::Standard::from_text(&name, text)
        .map(|std| Handle { std })
        .map_err(|e| error_data(&e))
}

/// As `compileLibrary`, with the error as data.
pub fn compile_in_library(
    docs_json: &str,
    id: &str,
    version: Option<String>,
    as_of: Option<String>,
) -> Result<Handle, Value> {
    // Syntax problems anywhere stop it, as `Library::load_dir` does for `yardstick eval`.
    let (lib, syntax) = library(docs_json)?;
    if !syntax.problems.is_empty() {
        return Err(error_data(&Error::Problems(syntax)));
    }
    let as_of = match as_of.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            yardstick::parse_date(s)
                .ok_or_else(|| argument_error(format!("`{s}` is not a date (YYYY-MM-DD)")))?,
        ),
    };
    lib.resolve(id, version.as_deref(), as_of)
        .map(|std| Handle { std })
        .map_err(|e| error_data(&e))
}

/// As `compileFile`, with the error as data.
pub fn compile_file_in_library(docs_json: &str, file: &str) -> Result<Handle, Value> {
    let (lib, mut syntax) = library(docs_json)?;
    // Only the syntax problems of `file` itself stop it.
    syntax.problems.retain(|p| p.place.file == file);
    if !syntax.problems.is_empty() {
        return Err(error_data(&Error::Problems(syntax)));
    }
    lib.compile_file(file)
        .map(|std| Handle { std })
        .map_err(|e| error_data(&e))
}

/// As `documents`, as a JSON value.
pub fn documents_value(docs_json: &str) -> Result<Value, Value> {
    let (lib, _) = library(docs_json)?;
    Ok(lib
        .documents()
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "version": d.version,
                "from": d.from.map(|x| x.to_string()), "until": d.until.map(|x| x.to_string()),
                "status": d.status, "file": d.file,
            })
        })
        .collect())
}

/// As `format`, as a JSON value.
pub fn format_value(text: &str) -> Value {
    match yardstick::format(text) {
        Ok(out) => json!({"ok": true, "text": out}),
        Err(_) => {
            json!({"ok": false, "problems": yardstick::syntax_problems("document.yard", text)})
        }
    }
}

/// Compile one self-contained document (a standard that neither `use`s nor `extends` another).
///
/// `name` (default `document.yard`) is the file name shown in problems and spans. Throws a
/// `YardstickError` (`kind: "problems"`, with every problem and its span) when the text has errors.
#[wasm_bindgen]
pub fn compile(text: &str, name: Option<String>) -> Result<Handle, JsValue> {
    compile_text(text, name).map_err(throw)
}

/// Compile standard `id` from a library of documents, given as JSON text of `LibraryDocument[]`.
///
/// Picks `version` if given; else the non-draft version in force on `asOf` (`YYYY-MM-DD`); else the only
/// version — as `yardstick eval` resolves an assessment. Any syntax problem in the library, an unknown id
/// or version, or errors in the standard are thrown as a `YardstickError`.
#[wasm_bindgen(js_name = compileLibrary)]
pub fn compile_library(
    #[wasm_bindgen(js_name = library)] library_json: &str,
    id: &str,
    version: Option<String>,
    #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
) -> Result<Handle, JsValue> {
    compile_in_library(library_json, id, version, as_of).map_err(throw)
}

/// Compile the document named `file` in a library (JSON text of `LibraryDocument[]`): for an editor,
/// which knows the file it edits but not yet its id. Syntax problems in other documents are ignored.
#[wasm_bindgen(js_name = compileFile)]
pub fn compile_file(
    #[wasm_bindgen(js_name = library)] library_json: &str,
    file: &str,
) -> Result<Handle, JsValue> {
    compile_file_in_library(library_json, file).map_err(throw)
}

/// The documents of a library (JSON text of `LibraryDocument[]`); JSON text of `DocumentInfo[]`, in the
/// order given. Documents with syntax problems are left out.
#[wasm_bindgen]
pub fn documents(#[wasm_bindgen(js_name = library)] library_json: &str) -> Result<String, JsValue> {
    documents_value(library_json)
        .map(|v| v.to_string())
        .map_err(throw)
}

/// Check one document alone and return every problem (warnings included) as JSON text of `Problem[]`;
/// `[]` means clean. A document that `use`s or `extends` another needs `checkInLibrary`.
#[wasm_bindgen]
pub fn check(text: &str, name: Option<String>) -> String {
    let name = name.unwrap_or_else(|| "document.yard".into());
    problems_text(&yardstick::check_text(&name, text))
}

/// Check the document named `file` of a library (JSON text of `LibraryDocument[]`, with the edited text
/// in it), so `use` and `extends` resolve; JSON text of `Problem[]`, as `yardstick check` finds them.
#[wasm_bindgen(js_name = checkInLibrary)]
pub fn check_in_library(
    #[wasm_bindgen(js_name = library)] library_json: &str,
    file: &str,
) -> Result<String, JsValue> {
    let (lib, _) = library(library_json).map_err(throw)?;
    Ok(problems_text(&lib.check_file(file)))
}

/// Rewrite a document in the canonical layout (comments kept). JSON text of `FormatResult`:
/// `{"ok": true, "text"}`, or `{"ok": false, "problems"}` with the syntax problems that stop it.
#[wasm_bindgen]
pub fn format(text: &str) -> String {
    format_value(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn shipped() -> String {
        fn walk(d: &Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out)
                } else if p.extension().is_some_and(|x| x == "yard") {
                    out.push(p)
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        walk(&root.join("standards"), &mut files);
        files.sort();
        let docs: Vec<Value> = files
            .iter()
            .map(|f| {
                let name = f.strip_prefix(&root).unwrap().display().to_string();
                json!({"name": name, "text": std::fs::read_to_string(f).unwrap()})
            })
            .collect();
        json!(docs).to_string()
    }

    #[test]
    fn evaluates_like_the_facade() {
        let lib = shipped();
        let h = compile_in_library(
            &lib,
            "cn.sanitary_city.national",
            Some("pre-2014".into()),
            None,
        )
        .map_err(|e| e.to_string())
        .unwrap();
        let r: Value =
            serde_json::from_str(&h.evaluate_text(r#"{"satisfaction": 88}"#, true).unwrap())
                .unwrap();
        assert_eq!(r["outcome"], "fail");
        assert_eq!(r["vetoed_by"][0], "b10");
        assert!(h
            .examples_value()
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["passed"] == true));
    }

    #[test]
    fn errors_are_data() {
        let lib = shipped();
        let e = compile_in_library(&lib, "no.such", None, None)
            .err()
            .unwrap();
        assert_eq!(e["kind"], "not_found");
        let h = compile_in_library(
            &lib,
            "cn.sanitary_city.national",
            None,
            Some("2010-01-01".into()),
        )
        .map_err(|e| e.to_string())
        .unwrap();
        let e = h
            .evaluate_text(r#"{"satisfaction": "88%"}"#, false)
            .unwrap_err();
        assert_eq!(e["kind"], "assessment");
        assert_eq!(e["inputs"][0]["input"], "satisfaction");
        let e = compile_text(
            "standard x { version \"1\" input s: percent item i { s >= 90 } }",
            None,
        )
        .err()
        .unwrap();
        assert_eq!(e["kind"], "problems");
        assert_eq!(e["code"], "Y0203");
        assert_eq!(e["problems"][0]["line"], 1);
        let e = library("not json").err().unwrap();
        assert_eq!(e["kind"], "argument");
    }

    #[test]
    fn format_and_documents() {
        assert_eq!(format_value("standard x {")["ok"], false);
        let docs = documents_value(&shipped()).unwrap();
        assert!(docs
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == "cn.sanitary_city.national" && d["version"] == "pre-2014"));
    }
}
