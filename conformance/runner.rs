//! The conformance corpus, read and compared (included by the facade's runner, `tests/conformance.rs`,
//! and the CLI's, `crates/yardstick-cli/tests/conformance.rs`; `web/tests/conformance.mjs` is the same in
//! JavaScript for the WASM build). README.md beside this file says what is compared and why.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use yardstick::api::Number;
use yardstick::Json;

/// One case: a document, an assessment, the expected result.
pub struct Case {
    /// `levels/ladder.all_at_a_limits`
    pub name: String,
    pub document: PathBuf,
    pub assessment: PathBuf,
    pub expected: PathBuf,
}

/// Every case under `conformance/cases`, in name order. An assessment is `GROUP/DOC.CASE.json` beside
/// `GROUP/DOC.yard`; its expected result is `conformance/expected/GROUP/DOC.CASE.json`.
pub fn cases(conformance: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    let mut groups: Vec<PathBuf> = std::fs::read_dir(conformance.join("cases"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    groups.sort();
    for g in groups {
        let group = g
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&g)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in &files {
            let file = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(stem) = file.strip_suffix(".json") else {
                continue;
            };
            let Some((doc, case)) = stem.split_once('.') else {
                continue;
            };
            out.push(Case {
                name: format!("{group}/{doc}.{case}"),
                document: g.join(format!("{doc}.yard")),
                assessment: f.clone(),
                expected: conformance.join("expected").join(&group).join(&file),
            });
        }
    }
    out
}

fn pick(result: &Json, keys: &[&str]) -> Json {
    Json::Object(
        keys.iter()
            .map(|k| (k.to_string(), result[*k].clone()))
            .collect(),
    )
}

fn each(list: &Json, keys: &[&str], optional: &[&str]) -> Json {
    Json::Array(
        list.as_array()
            .unwrap_or_default()
            .iter()
            .map(|x| {
                let mut o = pick(x, keys);
                for k in optional {
                    if let Some(v) = x.get(k) {
                        o.set(k, v.clone());
                    }
                }
                o
            })
            .collect(),
    )
}

/// The normative part of a result (the summary form, contract version 1): decisions and values, not
/// sentences, spans or hashes.
pub fn project(result: &Json) -> Json {
    let mut p = pick(
        result,
        &[
            "contract",
            "outcome",
            "grade",
            "vetoed_by",
            "failing",
            "outputs",
            "missing",
        ],
    );
    p.set(
        "items",
        each(&result["items"], &["id", "kind", "outcome"], &["path"]),
    );
    let partial = &result["partial"];
    p.set(
        "partial",
        if partial.is_null() {
            Json::Null
        } else {
            pick(
                partial,
                &["best", "worst", "complete", "outputs", "ask_next"],
            )
        },
    );
    p.set(
        "fixes",
        each(
            &result["fixes"],
            &["item", "input", "from", "to", "reaches"],
            &[],
        ),
    );
    p.set("fixes_complete", result["fixes_complete"].clone());
    p.set("errors", each(&result["errors"], &["def", "code"], &[]));
    p
}

/// Equality of two projections: numbers as exact decimals (`90` equals `90.00`), objects by keys.
pub fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => match (x.parse::<Number>(), y.parse::<Number>()) {
            (Ok(x), Ok(y)) => x.as_decimal() == y.as_decimal(),
            _ => x == y,
        },
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
                && y.iter().all(|(k, _)| a.get(k).is_some())
        }
        _ => a == b,
    }
}

/// Where two projections first differ, for a failure message.
pub fn difference(path: &str, a: &Json, b: &Json) -> Option<String> {
    match (a, b) {
        (Json::Object(x), Json::Object(_)) => {
            for (k, v) in x {
                match b.get(k) {
                    Some(w) => {
                        if let Some(d) = difference(&format!("{path}.{k}"), v, w) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{path}.{k}: missing")),
                }
            }
            (!same(a, b)).then(|| format!("{path}: {a} vs {b}"))
        }
        (Json::Array(x), Json::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| difference(&format!("{path}[{i}]"), v, w)),
        _ => (!same(a, b)).then(|| format!("{path}: expected {a}, found {b}")),
    }
}

/// Compare every case's result (from `evaluate`: document path, assessment path → result JSON text, or
/// an error) with its expected projection; with `update`, write the expected files instead. Returns the
/// failures.
pub fn run(
    conformance: &Path,
    update: bool,
    evaluate: &dyn Fn(&Case) -> Result<String, String>,
) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let all = cases(conformance);
    for c in &all {
        let got = match evaluate(c).and_then(|t| Json::parse(&t).map_err(|e| e.to_string())) {
            Ok(r) => project(&r),
            Err(e) => {
                failures.push(format!("{}: {e}", c.name));
                continue;
            }
        };
        if update {
            if let Some(dir) = c.expected.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let text = serde_json::to_string_pretty(&got).unwrap_or_default() + "\n";
            if let Err(e) = std::fs::write(&c.expected, text) {
                failures.push(format!(
                    "{}: cannot write {}: {e}",
                    c.name,
                    c.expected.display()
                ));
            }
            continue;
        }
        let expected = match std::fs::read_to_string(&c.expected)
            .map_err(|e| e.to_string())
            .and_then(|t| Json::parse(&t).map_err(|e| e.to_string()))
        {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{}: no expected result ({e})", c.name));
                continue;
            }
        };
        if !same(&expected, &got) {
            failures.push(format!(
                "{}: {}",
                c.name,
                difference("", &expected, &got).unwrap_or_else(|| "differs".into())
            ));
        }
    }
    (all.len(), failures)
}
