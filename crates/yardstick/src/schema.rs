//! JSON Schemas of the contract, generated from the types of [`crate::api`] (`yardstick schema`), and the
//! schema of one standard's assessments, generated from its inputs.

use crate::api::{ErrorReport, Evaluation, Form, CONTRACT_VERSION};
use crate::Standard;
use serde_json::{json, Map, Value};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Schemas of what Yardstick writes: a field that is always written is required (`null` when empty).
fn generator() -> schemars::SchemaGenerator {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
}

/// The schema of everything `yardstick eval --format json` and the WASM build print: an [`Evaluation`]
/// or an [`ErrorReport`], with every type they use under `$defs`.
pub fn result_schema() -> Value {
    let mut g = generator();
    let evaluation = g.subschema_for::<Evaluation>();
    let error = g.subschema_for::<ErrorReport>();
    let form = g.subschema_for::<Form>();
    let defs = g.take_definitions(true);
    json!({
        "$schema": DRAFT,
        "$id": format!("https://yardstick.invalid/schema/result/{CONTRACT_VERSION}"),
        "title": "Yardstick result",
        "description": format!("Contract version {CONTRACT_VERSION}: a result (Evaluation) or an error (ErrorReport); Form is what `yardstick schema --form` prints. docs/json.md describes every field."),
        "oneOf": [evaluation.to_value(), error.to_value()],
        "$defs": Value::Object(defs),
        "x-form": form.to_value(),
    })
}

/// [`result_schema`] as pretty JSON text.
pub fn result_schema_json() -> String {
    serde_json::to_string_pretty(&result_schema()).unwrap_or_default()
}

/// The schema of assessments of `std`: the document form and the bare object of inputs, each input with
/// its type, range, unit, allowed names and labels. Unknown inputs and fields are refused.
pub fn assessment_schema(std: &Standard) -> Value {
    let form = std.form();
    let mut props = Map::new();
    for i in &form.inputs {
        let mut s = input_schema(&i.kind, i.values.as_deref(), i.length);
        if let Value::Object(m) = &mut s {
            if let Some(min) = i.min {
                put_bound(m, "minimum", &min.to_string());
            }
            if let Some(max) = i.max {
                put_bound(m, "maximum", &max.to_string());
            }
            let title = [i.labels.zh.as_deref(), i.labels.en.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" / ");
            if !title.is_empty() {
                m.insert("title".into(), Value::String(title));
            }
            if let Some(u) = &i.unit {
                m.insert("x-unit".into(), Value::String(u.clone()));
            }
        }
        // Every answer may be null: missing.
        props.insert(
            i.id.clone(),
            json!({"anyOf": [s, {"type": "null", "description": "missing"}]}),
        );
    }
    let inputs = json!({
        "type": "object",
        "properties": Value::Object(props),
        "additionalProperties": false,
    });
    json!({
        "$schema": DRAFT,
        "title": format!("Assessment for {}@{}", form.id, form.version),
        "description": "docs/json.md §1. Numbers are read exactly; one that cannot be held exactly (more than 28 significant digits) is refused. `require` rules of the standard are checked beyond this schema.",
        "anyOf": [
            {
                "type": "object",
                "properties": {
                    "standard": {"const": form.id},
                    "version": {"type": "string"},
                    "as_of": {"type": ["string", "null"], "format": "date"},
                    "name": {},
                    "note": {},
                    "inputs": inputs.clone(),
                },
                "required": ["inputs"],
                "additionalProperties": false,
            },
            inputs,
        ],
    })
}

/// [`assessment_schema`] as pretty JSON text.
pub fn assessment_schema_json(std: &Standard) -> String {
    serde_json::to_string_pretty(&assessment_schema(std)).unwrap_or_default()
}

/// A bound as a JSON number where it is one exactly as a float, else as `x-…-exact` text beside it.
fn put_bound(m: &mut Map<String, Value>, key: &str, text: &str) {
    match text.parse::<f64>().ok().filter(|f| f.to_string() == text) {
        Some(f) => {
            m.insert(key.into(), json!(f));
        }
        None => {
            if let Ok(f) = text.parse::<f64>() {
                m.insert(key.into(), json!(f));
            }
            m.insert(format!("x-{key}-exact"), Value::String(text.to_string()));
        }
    }
}

fn input_schema(kind: &str, values: Option<&[String]>, length: Option<u32>) -> Value {
    match kind {
        "bool" => json!({"type": "boolean"}),
        "count" => json!({"type": "integer", "minimum": 0}),
        "percent" => json!({"type": "number", "description": "in percent: 90.5 means 90.5%"}),
        "number" => json!({"type": "number"}),
        "enum" => json!({"enum": values.unwrap_or_default()}),
        "date" => json!({"type": "string", "format": "date"}),
        k if k.starts_with("series of ") => {
            let inner = input_schema(k.trim_start_matches("series of "), values, None);
            let n = length.unwrap_or(0);
            json!({"type": "array", "items": inner, "minItems": n, "maxItems": n, "description": "oldest first"})
        }
        _ => json!({}),
    }
}

/// TypeScript declarations of the contract, generated from the same types as [`result_schema`], plus
/// the bindings' own (`LibraryDocument`, `DocumentInfo`, `ExampleResult`, `FormatResult`) and the thrown
/// `YardstickError`. `crates/yardstick-wasm/yardstick.d.ts` is this text; a test keeps them equal.
pub fn typescript() -> String {
    use crate::bindings::{DocumentInfo, FormatResult, LibraryDocument};
    use crate::testing::ExampleResult;
    let mut g = generator();
    g.subschema_for::<Evaluation>();
    g.subschema_for::<ErrorReport>();
    g.subschema_for::<Form>();
    g.subschema_for::<LibraryDocument>();
    g.subschema_for::<DocumentInfo>();
    g.subschema_for::<ExampleResult>();
    g.subschema_for::<FormatResult>();
    let defs = g.take_definitions(true);
    let mut out = String::from(
        "// The JSON contract of Yardstick (docs/json.md), generated from the facade's types by\n\
         // `yardstick schema --typescript`. Do not edit: a test compares this file with the generator.\n",
    );
    for (name, def) in &defs {
        out.push('\n');
        if let Some(d) = def.get("description").and_then(Value::as_str) {
            out.push_str(&doc_comment(d, ""));
        }
        match def.get("properties").and_then(Value::as_object) {
            Some(props) => {
                let required: Vec<&str> = def
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                out.push_str(&format!("export interface {name} {{\n"));
                for (k, v) in props {
                    if let Some(d) = v.get("description").and_then(Value::as_str) {
                        out.push_str(&doc_comment(d, "  "));
                    }
                    let opt = if required.contains(&k.as_str()) {
                        ""
                    } else {
                        "?"
                    };
                    out.push_str(&format!("  {k}{opt}: {};\n", ts_type(v)));
                }
                out.push_str("}\n");
            }
            None => out.push_str(&format!("export type {name} = {};\n", ts_type(def))),
        }
    }
    out.push_str(
        "\n/** What every export throws: a JavaScript `Error` carrying an `ErrorReport` as properties, and as JSON\n\
         * text in `data`. `kind` `\"trap\"` comes only from web/src/engine.js: the engine itself failed and was\n\
         * restarted (docs/json.md §9). */\n\
         export interface YardstickError extends Error, Omit<ErrorReport, \"kind\"> {\n  \
         name: \"YardstickError\";\n  kind: ErrorReport[\"kind\"] | \"trap\";\n  data: string;\n}\n",
    );
    out
}

fn doc_comment(text: &str, indent: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    match lines.as_slice() {
        [one] => format!("{indent}/** {} */\n", one.replace("*/", "* /")),
        many => {
            let mut s = format!("{indent}/**\n");
            for l in many {
                s.push_str(&format!("{indent} * {}\n", l.replace("*/", "* /")));
            }
            s.push_str(&format!("{indent} */\n"));
            s
        }
    }
}

fn ts_type(s: &Value) -> String {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().unwrap_or("unknown").to_string();
    }
    if let Some(c) = s.get("const") {
        return c.to_string();
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        return e
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(" | ");
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = s.get(key).and_then(Value::as_array) {
            return alts.iter().map(ts_type).collect::<Vec<_>>().join(" | ");
        }
    }
    let one = |t: &str| -> String {
        match t {
            "string" => "string".into(),
            "integer" | "number" => "number".into(),
            "boolean" => "boolean".into(),
            "null" => "null".into(),
            "array" => {
                let inner = s
                    .get("items")
                    .map(ts_type)
                    .unwrap_or_else(|| "unknown".into());
                if inner.contains(' ') {
                    format!("Array<{inner}>")
                } else {
                    format!("{inner}[]")
                }
            }
            "object" => match s.get("additionalProperties") {
                Some(v @ Value::Object(_)) => format!("Record<string, {}>", ts_type(v)),
                _ => "Record<string, unknown>".into(),
            },
            _ => "unknown".into(),
        }
    };
    match s.get("type") {
        Some(Value::String(t)) => one(t),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(one)
            .collect::<Vec<_>>()
            .join(" | "),
        _ => "unknown".into(),
    }
}
