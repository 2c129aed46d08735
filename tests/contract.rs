#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The typed contract (issue 12): the results of every example assessment are valid against the JSON
//! Schema generated from the types, read back into the same typed values, every field of the schema is
//! named in docs/json.md, and the TypeScript declarations the WASM package ships are the generated ones.

use serde_json::Value;
use std::path::{Path, PathBuf};
use yardstick::api::{ErrorReport, Evaluation};
use yardstick::{Library, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn library() -> Library {
    let mut lib = Library::new();
    lib.load_dir(&root().join("standards")).unwrap();
    lib
}

/// The example assessments with their texts.
fn examples() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples/assessments"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            (
                f.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(f).unwrap(),
            )
        })
        .collect()
}

/// The schema subset the generated schema uses: `$ref`, `type` (one or a list), `properties`,
/// `required`, `additionalProperties`, `items`, `enum`, `const`, `anyOf`, `oneOf`. Returns every
/// violation with its path.
fn validate(schema: &Value, defs: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        return validate(&defs[name], defs, v, at, out);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = schema.get(key).and_then(Value::as_array) {
            let ok = alts
                .iter()
                .filter(|s| {
                    let mut e = Vec::new();
                    validate(s, defs, v, at, &mut e);
                    e.is_empty()
                })
                .count();
            if (key == "anyOf" && ok == 0) || (key == "oneOf" && ok != 1) {
                out.push(format!("{at}: {ok} of the {key} alternatives match {v}"));
            }
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            out.push(format!("{at}: {v} is not one of {e:?}"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            out.push(format!("{at}: {v} is not {c}"));
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() {
        let fits = |t: &str| match t {
            "null" => v.is_null(),
            "boolean" => v.is_boolean(),
            "string" => v.is_string(),
            "number" => v.is_number(),
            "integer" => v.is_u64() || v.is_i64(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            _ => false,
        };
        if !types.iter().any(|t| fits(t)) {
            out.push(format!("{at}: {v} is not {types:?}"));
            return;
        }
    }
    if let Some(o) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !o.contains_key(r) {
                out.push(format!("{at}: `{r}` is required"));
            }
        }
        for (k, x) in o {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, defs, x, &format!("{at}.{k}"), out),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        out.push(format!("{at}: `{k}` is not in the schema"))
                    }
                    Some(s @ Value::Object(_)) => validate(s, defs, x, &format!("{at}.{k}"), out),
                    _ if props.is_some() => out.push(format!("{at}: `{k}` is not in the schema")),
                    _ => {}
                },
            }
        }
    }
    if let (Some(a), Some(items)) = (v.as_array(), schema.get("items")) {
        for (i, x) in a.iter().enumerate() {
            validate(items, defs, x, &format!("{at}[{i}]"), out);
        }
    }
}

#[test]
fn every_result_and_error_is_valid_against_the_generated_schema() {
    let schema = yardstick::schema::result_schema();
    let defs = &schema["$defs"];
    let lib = library();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, text) in examples() {
        let h = yardstick::json::assessment_header(&text).unwrap();
        let std = lib
            .resolve(&h.standard, h.version.as_deref(), h.as_of)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for options in [Options::default(), Options::explained()] {
            let r = std.evaluate_text(&text, &options).unwrap();
            let v: Value = serde_json::from_str(&r.to_json()).unwrap();
            validate(&schema, defs, &v, &name, &mut problems);
            checked += 1;
        }
        // The same assessment with a bad answer: an error report.
        let e = std
            .evaluate_text(r#"{"no_such_input": 1}"#, &Options::default())
            .unwrap_err();
        let v = serde_json::to_value(e.report()).unwrap();
        validate(&schema, defs, &v, &format!("{name} (error)"), &mut problems);
    }
    assert!(checked >= 60, "{checked} results");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The validator can fail: a result with a wrong outcome and an unknown field.
    let mut bad: Value = serde_json::from_str(
        &library()
            .compile("cn.sanitary_city.national", Some("pre-2014"))
            .unwrap()
            .evaluate_text(&examples()[0].1, &Options::default())
            .map(|r| r.to_json())
            .unwrap_or_else(|_| "{}".into()),
    )
    .unwrap_or_default();
    bad["outcome"] = Value::String("maybe".into());
    let mut found = Vec::new();
    validate(
        &schema["$defs"]["Evaluation"],
        defs,
        &bad,
        "bad",
        &mut found,
    );
    assert!(!found.is_empty());
}

#[test]
fn results_read_back_into_the_same_typed_values() {
    let lib = library();
    for (name, text) in examples() {
        let h = yardstick::json::assessment_header(&text).unwrap();
        let std = lib
            .resolve(&h.standard, h.version.as_deref(), h.as_of)
            .unwrap();
        let r = std.evaluate_text(&text, &Options::explained()).unwrap();
        let back: Evaluation =
            serde_json::from_str(&r.to_json()).unwrap_or_else(|e| panic!("{name}: {e}"));
        if back != r {
            let (a, b) = (r.to_json(), back.to_json());
            let at = a
                .bytes()
                .zip(b.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!(
                "{name}: reads back differently at byte {at}:\n{}\n{}",
                &a[at.saturating_sub(200)..(at + 80).min(a.len())],
                &b[at.saturating_sub(200)..(at + 80).min(b.len())]
            );
        }
        let e = std
            .evaluate_text("[]", &Options::default())
            .unwrap_err()
            .report();
        let back: ErrorReport = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }
}

#[test]
fn every_field_of_the_schema_is_named_in_docs_json_md() {
    let doc = std::fs::read_to_string(root().join("docs/json.md")).unwrap();
    let schema = yardstick::schema::result_schema();
    let mut missing = Vec::new();
    for (ty, def) in schema["$defs"].as_object().unwrap() {
        for field in def["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            if !doc.contains(&format!("`{field}`")) && !doc.contains(&format!("\"{field}\"")) {
                missing.push(format!("{ty}.{field}"));
            }
        }
    }
    assert!(missing.is_empty(), "not in docs/json.md: {missing:?}");
}

#[test]
fn the_wasm_packages_typescript_is_the_generated_one() {
    let path = root().join("crates/yardstick-wasm/yardstick.d.ts");
    let generated = yardstick::schema::typescript();
    if std::env::var_os("YARDSTICK_UPDATE").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap();
    assert!(
        shipped == generated,
        "crates/yardstick-wasm/yardstick.d.ts is not the generated declarations: run \
         `cargo run -p yardstick-cli -- schema --typescript > crates/yardstick-wasm/yardstick.d.ts` \
         (or this test with YARDSTICK_UPDATE=1)"
    );
    for ty in [
        "Evaluation",
        "Item",
        "Check",
        "Fix",
        "ErrorReport",
        "Form",
        "Problem",
    ] {
        assert!(
            generated.contains(&format!("export interface {ty} {{")),
            "{ty} is not declared"
        );
    }
}
