//! Yardstick in the browser and in Node: a thin [wasm-bindgen] layer over `yardstick::bindings`.
//!
//! Every export moves text across the boundary and calls one facade function: JSON strings in, JSON
//! strings out, the contract of `yardstick eval --format json` (docs/json.md). Errors are thrown as a
//! JavaScript `Error` named `YardstickError` carrying the facade's `ErrorReport` (`kind`, `code`, `en`,
//! `zh`, `problems`, `inputs`) as properties, and as JSON text in `data`. The TypeScript types
//! (`yardstick.d.ts`) are generated from the facade's types (`yardstick schema --typescript`), and a test
//! keeps them equal.
//!
//! Two builds of this crate: the **calculator's engine** (default features: compile, evaluate, the form;
//! what the public page loads, under the size budget of scripts/web-test.sh) and the **author engine**
//! (feature `author`: also `check`, `checkInLibrary`, `format` and `Standard.examples`, for author mode,
//! which loads it only when opened, and for the npm package).
//!
//! An abort (a panic, an exhausted stack or memory) is a trap that leaves the instance unusable: the
//! calculator calls the module only through `web/src/engine.js`, which starts it afresh (docs/json.md §9).
//!
//! [wasm-bindgen]: https://rustwasm.github.io/docs/wasm-bindgen/

use wasm_bindgen::prelude::*;

/// Talc, not dlmalloc: a few KB smaller (the engine's size budget, scripts/web-test.sh) and faster. The
/// module is single-threaded (no `atomics`), which is what this allocator is for.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
use yardstick::api::ErrorReport;
use yardstick::bindings as b;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../yardstick.d.ts");

/// An error report as a thrown `YardstickError` (its message is the English sentence).
fn throw(r: ErrorReport) -> JsValue {
    let data = b::report_text(&r);
    let err = js_sys::Error::new(&r.en);
    err.set_name("YardstickError");
    let obj: &JsValue = err.as_ref();
    let fields = js_sys::JSON::parse(&data).unwrap_or(JsValue::NULL);
    for k in ["kind", "code", "en", "zh", "problems", "inputs"] {
        let v = js_sys::Reflect::get(&fields, &JsValue::from_str(k)).unwrap_or(JsValue::NULL);
        let v = if v.is_undefined() {
            js_sys::Array::new().into()
        } else {
            v
        };
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &v);
    }
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str("data"), &JsValue::from_str(&data));
    err.into()
}

/// A compiled standard: compile once, evaluate any number of assessments; only the assessment and the
/// result cross the boundary.
#[wasm_bindgen(js_name = Standard)]
pub struct Handle(yardstick::Standard);

#[wasm_bindgen(js_class = Standard)]
impl Handle {
    /// The standard's id, e.g. `cn.sanitary_city.national`.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id().to_string()
    }
    /// The document's version, e.g. `pre-2014`.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.0.version().to_string()
    }
    /// SHA-256 (hex) of the texts of every document that went into this standard.
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.0.hash().to_string()
    }
    /// Evaluate an assessment (JSON text); the result as JSON text (`Evaluation`). `explain` adds every
    /// definition's explanation. Throws a `YardstickError` (`kind: "assessment"`, every rejected answer in
    /// `inputs`).
    pub fn evaluate(&self, assessment: &str, explain: bool) -> Result<String, JsValue> {
        b::evaluate(&self.0, assessment, explain).map_err(throw)
    }
    /// The form of the standard's inputs, as JSON text (`Form`).
    pub fn schema(&self) -> String {
        b::form(&self.0)
    }
    /// Run the standard's `example` blocks; JSON text of `ExampleResult[]`. Author engine only.
    #[cfg(feature = "author")]
    pub fn examples(&self) -> String {
        b::examples(&self.0)
    }
    /// Warnings found while compiling; JSON text of `Problem[]`.
    pub fn warnings(&self) -> String {
        b::problems(self.0.warnings())
    }
}

/// Compile one self-contained document; `name` (default `document.yard`) is shown in problems.
#[wasm_bindgen]
pub fn compile(text: &str, name: Option<String>) -> Result<Handle, JsValue> {
    b::compile(text, name.as_deref()).map(Handle).map_err(throw)
}

/// Compile standard `id` from a library (JSON text of `LibraryDocument[]`): `version` if given, else the
/// non-draft version in force on `asOf` (`YYYY-MM-DD`), else the only version.
#[wasm_bindgen(js_name = compileLibrary)]
pub fn compile_library(
    library: &str,
    id: &str,
    version: Option<String>,
    #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
) -> Result<Handle, JsValue> {
    b::compile_in_library(library, id, version.as_deref(), as_of.as_deref())
        .map(Handle)
        .map_err(throw)
}

/// Compile the document named `file` in a library (for an editor); other documents' syntax problems are
/// ignored.
#[wasm_bindgen(js_name = compileFile)]
pub fn compile_file(library: &str, file: &str) -> Result<Handle, JsValue> {
    b::compile_file_in_library(library, file)
        .map(Handle)
        .map_err(throw)
}

/// The documents of a library; JSON text of `DocumentInfo[]`.
#[wasm_bindgen]
pub fn documents(library: &str) -> Result<String, JsValue> {
    b::documents(library).map_err(throw)
}

/// Check one document alone; JSON text of `Problem[]` (`[]`: clean). Author engine only.
#[cfg(feature = "author")]
#[wasm_bindgen]
pub fn check(text: &str, name: Option<String>) -> String {
    b::check(text, name.as_deref())
}

/// Check the document `file` of a library, so `use` and `extends` resolve; JSON text of `Problem[]`.
/// Author engine only.
#[cfg(feature = "author")]
#[wasm_bindgen(js_name = checkInLibrary)]
pub fn check_in_library(library: &str, file: &str) -> Result<String, JsValue> {
    b::check_in_library(library, file).map_err(throw)
}

/// Rewrite a document in the canonical layout; JSON text of `FormatResult`. Author engine only.
#[cfg(feature = "author")]
#[wasm_bindgen]
pub fn format(text: &str) -> String {
    b::format(text)
}

#[cfg(feature = "author")]
mod analysis;
#[cfg(feature = "author")]
pub use analysis::Editor;
