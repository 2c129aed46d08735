//! The editor's analysis in the browser (author engine only): `yardstick_ide::Analysis` as the class
//! `Analysis`, for author mode's code editor. The same answers `yardstick lsp` gives, with positions as
//! JavaScript counts them: offsets from the start of the text in UTF-16 code units (a CodeMirror
//! position), converted with the analysis' [`LineIndex`]. Answers are JSON text, like the rest of the
//! crate:
//!
//! - diagnostics: `[{from, to, severity: "error"|"warning", code, message, line, column, related:
//!   [{file, from, to, line, column, message}], replacement}]` (`line` and `column` from 1, the column
//!   in UTF-16 code units; `replacement`: the "did you mean" text, or null);
//! - hover: `{from, to, markdown}` or `null`;
//! - completion: `[{label, kind, detail, from, to}]` (`kind`: keyword, type, function, input, …);
//! - code actions: `[{title, code, from, to, insert}]` (the quick fixes of the diagnostics touching a
//!   range: put `insert` in place of `from..to`);
//! - tokens: a flat array `[from, to, kind, …]` (`kind` an index into `tokenKinds()`).
//!
//! An editor's request it cannot do (a document not open, one too large: `Y1001`…`Y1008`,
//! docs/editors.md) is thrown as a `YardstickError` with `kind: "editor"`, its `code`, `en` and `zh`.

use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use yardstick_ide::{Analysis, CompletionKind, IdeError, Lang, LineCol, LineIndex, Severity};
use yardstick_ide::{SymbolKind, TextRange};

use serde_json::{json, Value};

/// A request the analysis refused, as a thrown `YardstickError` (`kind: "editor"`).
fn refused(e: &IdeError) -> JsValue {
    let err = js_sys::Error::new(&e.msg.en);
    err.set_name("YardstickError");
    let obj: &JsValue = err.as_ref();
    let data = json!({
        "kind": "editor", "code": e.code, "en": e.msg.en, "zh": e.msg.zh,
        "problems": [], "inputs": [],
    });
    for (k, v) in [
        ("kind", "editor"),
        ("code", e.code),
        ("en", &e.msg.en),
        ("zh", &e.msg.zh),
    ] {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    for k in ["problems", "inputs"] {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &js_sys::Array::new());
    }
    let _ = js_sys::Reflect::set(
        obj,
        &JsValue::from_str("data"),
        &JsValue::from_str(&data.to_string()),
    );
    err.into()
}

fn lang_of(name: &str) -> Lang {
    Lang::from_name(name).unwrap_or(Lang::Zh)
}

/// Byte offsets ↔ UTF-16 offsets of one text: the analysis' line index, and where each line starts
/// in UTF-16 code units.
struct Units {
    index: LineIndex,
    line_starts: Vec<usize>,
}

impl Units {
    fn new(text: &str) -> Units {
        let mut line_starts = vec![0];
        let mut u = 0;
        for c in text.chars() {
            u += c.len_utf16();
            if c == '\n' {
                line_starts.push(u);
            }
        }
        Units {
            index: LineIndex::new(text),
            line_starts,
        }
    }

    /// The position of byte `offset`: (UTF-16 offset, line from 0, UTF-16 column).
    fn at(&self, text: &str, offset: usize) -> (usize, u32, u32) {
        let lc = self.index.line_col(text, offset);
        let start = self.line_starts.get(lc.line as usize).copied().unwrap_or(0);
        (start + lc.col as usize, lc.line, lc.col)
    }

    fn unit(&self, text: &str, offset: usize) -> usize {
        self.at(text, offset).0
    }

    /// The byte offset of a UTF-16 offset (inside a surrogate pair: the character's start).
    fn byte(&self, text: &str, unit: usize) -> usize {
        let line = self
            .line_starts
            .partition_point(|&s| s <= unit)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let at = LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(unit - start).unwrap_or(u32::MAX),
        };
        self.index.offset(text, at)
    }
}

fn kind_name(k: CompletionKind) -> &'static str {
    match k {
        CompletionKind::Keyword => "keyword",
        CompletionKind::Type => "type",
        CompletionKind::Function => "function",
        CompletionKind::Name(SymbolKind::Input | SymbolKind::Group) => "input",
        CompletionKind::Name(
            SymbolKind::Item | SymbolKind::Section | SymbolKind::Basic | SymbolKind::Require,
        ) => "item",
        CompletionKind::Name(
            SymbolKind::Levels | SymbolKind::LevelGroup | SymbolKind::Score | SymbolKind::Grade,
        ) => "measure",
        CompletionKind::Name(SymbolKind::Variant | SymbolKind::Level | SymbolKind::Band) => "value",
        CompletionKind::Name(SymbolKind::Use | SymbolKind::Standard) => "standard",
        CompletionKind::Name(_) => "derived",
        CompletionKind::Value => "value",
        CompletionKind::Unit => "unit",
        CompletionKind::Standard => "standard",
        CompletionKind::Version => "version",
    }
}

/// The analysis of a library and the documents open in author mode.
#[wasm_bindgen(js_name = Analysis)]
pub struct Editor {
    analysis: Analysis,
    units: HashMap<String, Units>,
}

/// The text of `file` and its offsets (made once per text).
fn text_units<'a>(
    analysis: &Analysis,
    units: &'a mut HashMap<String, Units>,
    file: &str,
) -> Result<(String, &'a Units), JsValue> {
    let Some(text) = analysis.text(file) else {
        return Err(refused(&IdeError {
            code: "Y1002",
            msg: yardstick::catalogue::ide::not_open(file),
        }));
    };
    let text = text.to_string();
    let u = units
        .entry(file.to_string())
        .or_insert_with(|| Units::new(&text));
    Ok((text, u))
}

impl Editor {
    fn range(u: &Units, text: &str, r: TextRange) -> (usize, usize) {
        (u.unit(text, r.start), u.unit(text, r.end))
    }
}

#[wasm_bindgen(js_class = Analysis)]
impl Editor {
    /// An analysis over a library (JSON text of `LibraryDocument[]`; documents that do not parse are
    /// kept), speaking `lang` (`zh` or `en`).
    #[wasm_bindgen(constructor)]
    pub fn new(library: &str, lang: &str) -> Result<Editor, JsValue> {
        let (lib, _) = yardstick::bindings::library(library).map_err(crate::throw)?;
        Ok(Editor {
            analysis: Analysis::new(lib, lang_of(lang)),
            units: HashMap::new(),
        })
    }

    /// Speak `lang` (`zh` or `en`) from now on.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: &str) {
        self.analysis.set_lang(lang_of(lang));
    }

    /// Open a document (it takes the place of the library's copy of the same name) with its text.
    pub fn open(&mut self, file: &str, text: &str) -> Result<(), JsValue> {
        self.analysis.open(file, text).map_err(|e| refused(&e))?;
        self.units.remove(file);
        Ok(())
    }

    /// The whole new text of an open document.
    pub fn update(&mut self, file: &str, text: &str) -> Result<(), JsValue> {
        self.analysis
            .change(file, &[(None, text.to_string())])
            .map_err(|e| refused(&e))?;
        self.units.remove(file);
        Ok(())
    }

    /// Every problem of a document, in the analysis' language, with the "did you mean" replacement.
    pub fn diagnostics(&mut self, file: &str) -> Result<String, JsValue> {
        let diags = self.analysis.diagnostics(file).map_err(|e| refused(&e))?;
        let (text, u) = text_units(&self.analysis, &mut self.units, file)?;
        let out: Vec<Value> = diags
            .iter()
            .map(|d| {
                let (from, line, col) = u.at(&text, d.range.start);
                let to = u.unit(&text, d.range.end);
                let related: Vec<Value> = d
                    .related
                    .iter()
                    .filter(|r| r.file == file)
                    .map(|r| {
                        let (from, line, col) = u.at(&text, r.range.start);
                        json!({
                            "file": r.file, "from": from, "to": u.unit(&text, r.range.end),
                            "line": line + 1, "column": col + 1, "message": r.message,
                        })
                    })
                    .collect();
                json!({
                    "from": from, "to": to,
                    "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "code": d.code, "message": d.message, "line": line + 1, "column": col + 1,
                    "related": related, "replacement": d.replacement,
                })
            })
            .collect();
        Ok(Value::Array(out).to_string())
    }

    /// The quick fixes for the diagnostics touching `from..to` (UTF-16 offsets).
    #[wasm_bindgen(js_name = codeActions)]
    pub fn code_actions(&mut self, file: &str, from: usize, to: usize) -> Result<String, JsValue> {
        let (text, u) = text_units(&self.analysis, &mut self.units, file)?;
        let range = TextRange {
            start: u.byte(&text, from),
            end: u.byte(&text, to.max(from)),
        };
        let actions = self
            .analysis
            .code_actions(file, range)
            .map_err(|e| refused(&e))?;
        let (text, u) = text_units(&self.analysis, &mut self.units, file)?;
        let out: Vec<Value> = actions
            .iter()
            .map(|a| {
                let (from, to) = Editor::range(u, &text, a.edit.range);
                json!({ "title": a.title, "code": a.code, "from": from, "to": to, "insert": a.edit.new_text })
            })
            .collect();
        Ok(Value::Array(out).to_string())
    }

    /// What the name at `offset` (UTF-16) is: `{from, to, markdown}`, or `null`.
    pub fn hover(&mut self, file: &str, offset: usize) -> Result<String, JsValue> {
        let (text, u) = text_units(&self.analysis, &mut self.units, file)?;
        let at = u.byte(&text, offset);
        let Some(h) = self.analysis.hover(file, at) else {
            return Ok("null".to_string());
        };
        let (text, u) = text_units(&self.analysis, &mut self.units, file)?;
        let (from, to) = Editor::range(u, &text, h.range);
        Ok(json!({ "from": from, "to": to, "markdown": h.markdown }).to_string())
    }

    /// What may be written at `offset` (UTF-16).
    pub fn completion(&mut self, file: &str, offset: usize) -> Result<String, JsValue> {
        let (text, u) = text_units(&self.analysis, &mut self.units, file)?;
        let at = u.byte(&text, offset);
        let items = self.analysis.completion(file, at);
        let out: Vec<Value> = items
            .iter()
            .map(|c| {
                let (from, to) = Editor::range(u, &text, c.replace);
                json!({ "label": c.label, "kind": kind_name(c.kind), "detail": c.detail, "from": from, "to": to })
            })
            .collect();
        Ok(Value::Array(out).to_string())
    }

    /// Highlighting: `[from, to, kind, …]` (UTF-16 offsets; `kind` an index into `tokenKinds()`).
    pub fn tokens(&mut self, file: &str) -> Result<String, JsValue> {
        let tokens = self.analysis.semantic_tokens(file);
        let (text, u) = text_units(&self.analysis, &mut self.units, file)?;
        let mut out = Vec::with_capacity(tokens.len() * 3);
        for t in &tokens {
            let (from, to) = Editor::range(u, &text, t.range);
            out.extend([
                Value::from(from),
                Value::from(to),
                Value::from(t.kind.index()),
            ]);
        }
        Ok(Value::Array(out).to_string())
    }

    /// The names of the token kinds, in the order `tokens` numbers them (`keyword`, `type`, …, as the
    /// Language Server Protocol names them).
    #[wasm_bindgen(js_name = tokenKinds)]
    pub fn token_kinds() -> Vec<String> {
        yardstick_ide::TokenKind::ALL
            .iter()
            .map(|k| k.lsp_name().to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Units;

    #[test]
    fn utf16_offsets_round_trip_over_chinese_and_astral_text() {
        let text = "ab\n满意率 x\n😀y\nz";
        let u = Units::new(text);
        // JavaScript's view of the same text: UTF-16 offsets of each character.
        let mut unit = 0;
        for (byte, c) in text.char_indices() {
            assert_eq!(u.unit(text, byte), unit, "{c:?}");
            assert_eq!(u.byte(text, unit), byte, "{c:?}");
            unit += c.len_utf16();
        }
        assert_eq!(u.unit(text, text.len()), unit);
        assert_eq!(u.byte(text, unit), text.len());
        // Line and column (from 0) of `x`, and of `y` after the surrogate pair.
        assert_eq!(u.at(text, text.find('x').unwrap()), (7, 1, 4));
        assert_eq!(u.at(text, text.find('y').unwrap()), (11, 2, 2));
        // Inside the surrogate pair: the emoji's start; past the end: the end.
        assert_eq!(u.byte(text, 10), text.find('😀').unwrap());
        assert_eq!(u.byte(text, 999), text.len());
    }
}
