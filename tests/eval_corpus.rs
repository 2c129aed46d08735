//! The evaluation corpus: documents and assessments with their expected results.
//!
//! `conformance/cases/<construct>/<doc>.yard` is a document; every `conformance/cases/<construct>/<doc>.<case>.json`
//! beside it is an assessment of it (the JSON of docs/json.md). Each case is evaluated with the explanation
//! on (`Standard::evaluate_text(text, &Options::explained())`) and:
//!
//! * its key facts are asserted from the document's header, one or more lines per case, before `standard`:
//!
//!   ```text
//!   // expect equal: outcome = pass; items.ge.outcome = pass; items.ge.checks.0.margin = 0
//!   // expect zero: error ~ "division by zero in `share`"
//!   ```
//!
//!   A path walks the result JSON: object keys, array indexes, or (in an array) the element whose `id` or
//!   `item` is the segment; a last segment `#` is the length of an array. `=` compares (numbers as exact
//!   decimals, `[a, b]` a list, a bare word a string, `null`), `==` compares as written (`90.000` is not
//!   `90`), `~` asks a string to contain the text.
//!   `error` is the message of an evaluation error (the case must then fail with `Error::Eval`).
//! * every fix is verified: the assessment with the fix applied is evaluated again and the named item
//!   passes (or the named grade reaches the band);
//! * the summary form (explain off) agrees with the explanation; the result keeps its invariants (vetoes
//!   are failing and come first, `missing` is exactly the unanswered inputs, `partial` is coherent);
//! * a trimmed, readable view of the result is kept as an insta snapshot (`snapshots/eval_corpus__*`).
//!
//! Documents are in the canonical layout and check without errors; intended warnings are listed in the
//! header as `// warning: CODE`. A `// FIXME:` line in a header marks today's behaviour that looks wrong.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use yardstick::Json as Value;
use yardstick::{Error, Options, Standard};

// ---------------------------------------------------------------------------------------------- the corpus

/// One document with its cases.
struct Doc {
    /// `compare/percent.yard`: the path under `conformance/cases/`, also the file name given to the engine.
    name: String,
    text: String,
    /// Case name → assessment text, sorted by name.
    cases: BTreeMap<String, String>,
    /// Case name → the expectations of its header lines.
    expects: BTreeMap<String, Vec<Expect>>,
    /// `// warning: CODE` lines.
    warnings: Vec<String>,
}

/// How an expectation compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    /// `=`: equal, numbers as exact decimals (`90` equals `90.00`).
    Equal,
    /// `==`: equal as written (`90.000` is not `90`): numbers keep their decimals.
    Exact,
    /// `~`: a string that contains the text.
    Contains,
}

/// One expectation: `path = value`, `path == value` or `path ~ text`.
#[derive(Clone, Debug)]
struct Expect {
    path: String,
    op: Op,
    value: Value,
}

/// The evaluation corpus is the conformance corpus (`conformance/cases`), with the expectations of each
/// document in its header.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("conformance")
        .join("cases")
}

fn corpus() -> Vec<Doc> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut docs = Vec::new();
    for dir in dirs {
        let construct = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for yard in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yard"))
        {
            let stem = yard.file_stem().unwrap().to_string_lossy().into_owned();
            let name = format!("{construct}/{stem}.yard");
            let text = std::fs::read_to_string(yard).unwrap();
            let mut cases = BTreeMap::new();
            for f in &files {
                let file = f.file_name().unwrap().to_string_lossy().into_owned();
                let Some(rest) = file.strip_prefix(&format!("{stem}.")) else {
                    continue;
                };
                if let Some(case) = rest.strip_suffix(".json") {
                    assert!(
                        !case.contains('.'),
                        "{construct}/{file}: a case name has no dots"
                    );
                    cases.insert(case.to_string(), std::fs::read_to_string(f).unwrap());
                }
            }
            let (expects, warnings) = parse_header(&name, &text);
            docs.push(Doc {
                name,
                text,
                cases,
                expects,
                warnings,
            });
        }
    }
    docs
}

/// The header: the leading run of `//` lines.
fn parse_header(name: &str, text: &str) -> (BTreeMap<String, Vec<Expect>>, Vec<String>) {
    let mut expects: BTreeMap<String, Vec<Expect>> = BTreeMap::new();
    let mut warnings = Vec::new();
    for line in text.lines().take_while(|l| l.starts_with("//")) {
        if let Some(code) = line.strip_prefix("// warning:") {
            warnings.push(code.trim().to_string());
            continue;
        }
        let Some(rest) = line.strip_prefix("// expect ") else {
            continue;
        };
        let (case, list) = rest
            .split_once(':')
            .unwrap_or_else(|| panic!("{name}: `{line}` has no `:`"));
        let entry = expects.entry(case.trim().to_string()).or_default();
        for part in split_outside_quotes(list, ';') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            entry.push(parse_expect(name, part));
        }
    }
    (expects, warnings)
}

fn split_outside_quotes(s: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut escaped = false;
    for c in s.chars() {
        if c == sep && !quoted {
            out.push(String::new());
            continue;
        }
        if c == '"' && !escaped {
            quoted = !quoted;
        }
        escaped = c == '\\' && !escaped;
        out.last_mut().unwrap().push(c);
    }
    out
}

fn parse_expect(name: &str, part: &str) -> Expect {
    let at = part
        .find([' ', '=', '~'])
        .unwrap_or_else(|| panic!("{name}: `{part}` is not `path = value`"));
    let path = part[..at].trim().to_string();
    let rest = part[at..].trim_start();
    let (op, value) = if let Some(v) = rest.strip_prefix('~') {
        (Op::Contains, v.trim())
    } else if let Some(v) = rest.strip_prefix("==") {
        (Op::Exact, v.trim())
    } else if let Some(v) = rest.strip_prefix('=') {
        (Op::Equal, v.trim())
    } else {
        panic!("{name}: `{part}` is not `path = value`, `path == value` or `path ~ text`")
    };
    Expect {
        path,
        op,
        value: parse_value(value),
    }
}

/// JSON when it is JSON (numbers keep their digits), else a list of bare words `[a, b]`, else a bare word.
fn parse_value(s: &str) -> Value {
    if let Ok(v) = Value::parse(s) {
        return v;
    }
    if let Some(inner) = s.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
        return Value::Array(
            split_outside_quotes(inner, ',')
                .iter()
                .map(|x| x.trim())
                .filter(|x| !x.is_empty())
                .map(parse_value)
                .collect(),
        );
    }
    Value::String(s.to_string())
}

// ---------------------------------------------------------------------------------------------- paths

/// Follow `path` in `v`: keys, indexes, `id`/`item` lookups in arrays, `#` for a length.
fn lookup(v: &Value, path: &str) -> Result<Value, String> {
    let mut cur = v.clone();
    for seg in path.split('.') {
        cur = match (&cur, seg) {
            (Value::Array(a), "#") => Value::from(a.len()),
            (Value::Object(_), _) => cur
                .get(seg)
                .cloned()
                .ok_or_else(|| format!("no key `{seg}` in {}", short(&cur)))?,
            (Value::Array(a), _) => {
                if let Ok(i) = seg.parse::<usize>() {
                    a.get(i)
                        .cloned()
                        .ok_or_else(|| format!("no element {i} in a list of {}", a.len()))?
                } else {
                    a.iter()
                        .find(|x| {
                            x.get("id").and_then(Value::as_str) == Some(seg)
                                || x.get("item").and_then(Value::as_str) == Some(seg)
                        })
                        .cloned()
                        .ok_or_else(|| format!("no element `{seg}` in {}", short(&cur)))?
                }
            }
            _ => return Err(format!("cannot take `{seg}` of {}", short(&cur))),
        };
    }
    Ok(cur)
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 200 {
        format!("{}…", s.chars().take(200).collect::<String>())
    } else {
        s
    }
}

/// Equality with numbers compared as exact decimals (`90` equals `90.00`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (Decimal::from_str(x), Decimal::from_str(y)) {
                (Ok(x), Ok(y)) => x == y,
                _ => x == y,
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(_)) => {
            x.len() == b.as_object().map_or(0, <[_]>::len)
                && x.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

// ---------------------------------------------------------------------------------------------- checks

/// The document is in the canonical layout and checks with no error; its warnings are the listed ones.
fn check_document(doc: &Doc) -> Result<Standard, String> {
    let formatted =
        yardstick::format(&doc.text).map_err(|e| format!("{}: does not parse: {e:?}", doc.name))?;
    if formatted != doc.text {
        return Err(format!(
            "{}: not in the canonical layout; `yardstick fmt` gives:\n{formatted}",
            doc.name
        ));
    }
    let problems = yardstick::check_text(&doc.name, &doc.text);
    let codes: Vec<String> = problems.iter().map(|p| p.code.clone()).collect();
    if problems.iter().any(|p| p.is_error()) || codes != doc.warnings {
        return Err(format!(
            "{}: expected warnings {:?}, found:\n{}",
            doc.name,
            doc.warnings,
            yardstick::report::render_plain(&problems)
        ));
    }
    Standard::from_text(&doc.name, &doc.text).map_err(|e| format!("{}: {e}", doc.name))
}

/// Every expectation of the header holds for the result (or the evaluation error).
fn check_expectations(
    case: &str,
    expects: &[Expect],
    result: &Result<Value, String>,
) -> Result<(), String> {
    let mut wrong = Vec::new();
    for e in expects {
        let actual = match (e.path.as_str(), result) {
            ("error", Err(msg)) => Ok(Value::String(msg.clone())),
            // A definition that could not be computed is reported in the result, not by failing it.
            ("error", Ok(r)) => match r["errors"].as_array().and_then(|e| e.first()) {
                Some(e) => Ok(e["en"].clone()),
                None => Err("the evaluation reported no error".to_string()),
            },
            (_, Err(msg)) => Err(format!("the evaluation failed: {msg}")),
            (path, Ok(r)) => lookup(r, path),
        };
        let ok = match (&actual, e.op) {
            (Ok(Value::String(a)), Op::Contains) => e.value.as_str().is_some_and(|t| a.contains(t)),
            (Ok(a), Op::Equal) => same(a, &e.value),
            // Numbers keep their digits (the facade's lossless JSON), so `==` on values compares them as written.
            (Ok(a), Op::Exact) => *a == e.value,
            _ => false,
        };
        if !ok {
            let got = match actual {
                Ok(v) => v.to_string(),
                Err(m) => m,
            };
            let op = match e.op {
                Op::Equal => "=",
                Op::Exact => "==",
                Op::Contains => "~",
            };
            wrong.push(format!("  {} {op} {}: found {got}", e.path, e.value));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{case}:\n{}", wrong.join("\n")))
    }
}

/// The assessment with one input changed.
fn with_input(assessment: &str, input: &str, value: &Value) -> String {
    let mut a: Value = Value::parse(assessment).unwrap();
    let mut inputs = a["inputs"].clone();
    inputs.set(input, value.clone());
    a.set("inputs", inputs);
    a.to_string()
}

/// Each fix starts from the assessment's value and, applied alone, makes its item pass (or its grade reach
/// the band).
fn check_fixes(case: &str, std: &Standard, assessment: &str, result: &Value) -> Result<(), String> {
    let given: Value = Value::parse(assessment).unwrap();
    for f in result["fixes"].as_array().unwrap() {
        let (item, input) = (f["item"].as_str().unwrap(), f["input"].as_str().unwrap());
        let from = given["inputs"].get(input).cloned().unwrap_or(Value::Null);
        if !same(&from, &f["from"]) || same(&f["from"], &f["to"]) {
            return Err(format!(
                "{case}: fix {f} does not start from the given {from}"
            ));
        }
        let changed = with_input(assessment, input, &f["to"]);
        let after = std
            .evaluate_text(&changed, &Options::explained())
            .map(|r| Value::parse(&r.to_json()).unwrap())
            .map_err(|e| format!("{case}: fix {f} fails to evaluate: {e}"))?;
        let reached = match f["reaches"].as_str().unwrap() {
            "pass" => lookup(&after, &format!("items.{item}.outcome"))? == Value::from("pass"),
            band => after["outputs"][item] == Value::from(band),
        };
        if !reached {
            return Err(format!(
                "{case}: fix {f} does not work: after it, {item} is {} / {}",
                after["outputs"].get(item).unwrap_or(&Value::Null),
                lookup(&after, &format!("items.{item}.outcome")).unwrap_or(Value::Null)
            ));
        }
    }
    Ok(())
}

/// Without the explanation, the result is the same, and the summary items agree with the tree.
fn check_summary_agrees(
    case: &str,
    std: &Standard,
    assessment: &str,
    full: &Value,
) -> Result<(), String> {
    let summary = std
        .evaluate_text(assessment, &Options::default())
        .map(|r| Value::parse(&r.to_json()).unwrap())
        .map_err(|e| format!("{case}: fails without the explanation: {e}"))?;
    for key in [
        "outcome",
        "grade",
        "vetoed_by",
        "failing",
        "outputs",
        "missing",
        "partial",
        "fixes",
    ] {
        if summary[key] != full[key] {
            return Err(format!(
                "{case}: `{key}` differs without the explanation: {} vs {}",
                summary[key], full[key]
            ));
        }
    }
    for s in summary["items"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        let node = lookup(full, &format!("items.{id}"))?;
        if node["outcome"] != s["outcome"] {
            return Err(format!(
                "{case}: summary says {id} is {}, the explanation {}",
                s["outcome"], node["outcome"]
            ));
        }
    }
    Ok(())
}

/// Vetoes fail and come first; `failing` decides the outcome; `missing` is exactly the inputs without an
/// answer; `partial` is there exactly when something is undecided and is coherent.
fn check_invariants(case: &str, std: &Standard, assessment: &str, r: &Value) -> Result<(), String> {
    let err = |m: String| Err(format!("{case}: {m}"));
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    let (vetoed, failing) = (ids(&r["vetoed_by"]), ids(&r["failing"]));
    let items = r["items"].as_array().unwrap();
    for v in &vetoed {
        if !failing.contains(v) {
            return err(format!("veto {v} is not in failing"));
        }
        if lookup(r, &format!("items.{v}.veto"))? != Value::Bool(true) {
            return err(format!("{v} is in vetoed_by but is not a veto"));
        }
    }
    for f in &failing {
        if lookup(r, &format!("items.{f}.outcome"))? != Value::from("fail") {
            return err(format!("{f} is failing but its node does not fail"));
        }
    }
    let first_other = items
        .iter()
        .position(|n| n["veto"] != Value::Bool(true))
        .unwrap_or(items.len());
    if items[first_other..]
        .iter()
        .any(|n| n["veto"] == Value::Bool(true))
    {
        return err("the vetoes are not reported first".into());
    }
    let fails = r["outcome"] == Value::from("fail");
    if fails == failing.is_empty() {
        return err(format!("outcome {} with failing {failing:?}", r["outcome"]));
    }
    // `missing`: the inputs of the schema not answered (absent or null), in input order.
    let given: Value = Value::parse(assessment).unwrap();
    let expected_missing: Vec<String> = std
        .input_ids()
        .map(str::to_string)
        .filter(|id| given["inputs"].get(id).is_none_or(Value::is_null))
        .collect();
    if ids(&r["missing"]) != expected_missing {
        return err(format!(
            "missing is {}, the unanswered inputs are {expected_missing:?}",
            r["missing"]
        ));
    }
    let partial = &r["partial"];
    if expected_missing.is_empty() && !partial.is_null() {
        return err("partial without a missing input".into());
    }
    if !partial.is_null() {
        let rank = |o: &Value| {
            ["fail", "unknown", "not_applicable", "pass"]
                .iter()
                .position(|x| o == &Value::from(*x))
        };
        let (b, w) = (rank(&partial["best"]), rank(&partial["worst"]));
        if b.is_none() || w.is_none() || w > b {
            return err(format!(
                "best {} and worst {}",
                partial["best"], partial["worst"]
            ));
        }
        let ask = ids(&partial["ask_next"]);
        if ask.iter().any(|a| !expected_missing.contains(a)) {
            return err(format!("ask_next {ask:?} asks for answered inputs"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------- the view

/// A readable rendering of a result for the snapshot: the inputs, the verdict, then per definition its
/// outcome, value, multiple and sentences, with its comparisons (value, op, threshold, holds, margin,
/// multiple, level) and score contributions, then the partial view and the fixes. Each object is written as
/// one line of compact JSON (keys in alphabetical order; numbers as the engine wrote them).
fn view(assessment: &str, result: &Result<Value, String>) -> String {
    let given: Value = Value::parse(assessment).unwrap();
    let mut out = String::new();
    out.push_str(&format!("inputs: {}\n", given["inputs"]));
    let r = match result {
        Err(msg) => {
            out.push_str(&format!("error: {msg}\n"));
            return out;
        }
        Ok(r) => r,
    };
    for key in [
        "outcome",
        "grade",
        "vetoed_by",
        "failing",
        "outputs",
        "missing",
    ] {
        out.push_str(&format!("{key}: {}\n", r[key]));
    }
    for e in r["errors"].as_array().unwrap_or(&[]) {
        out.push_str(&format!(
            "error: {} ({})\n  zh: {}\n",
            e["en"].as_str().unwrap_or_default(),
            e["def"].as_str().unwrap_or_default(),
            e["zh"].as_str().unwrap_or_default()
        ));
    }
    out.push_str("items:\n");
    for n in r["items"].as_array().unwrap() {
        let mut head = Value::Object(Vec::new());
        for key in ["id", "kind", "outcome", "value", "multiple"] {
            if !n[key].is_null() || key == "value" {
                head.set(key, n[key].clone());
            }
        }
        if n["veto"] == Value::Bool(true) {
            head.set("veto", Value::Bool(true));
        }
        out.push_str(&format!("  - {head}\n"));
        out.push_str(&format!(
            "    en: {}\n    zh: {}\n",
            text(&n["en"]),
            text(&n["zh"])
        ));
        for c in n["checks"].as_array().unwrap() {
            let mut m = Value::Object(Vec::new());
            for key in [
                "subject",
                "value",
                "op",
                "threshold",
                "holds",
                "margin",
                "multiple",
                "level",
            ] {
                if !c[key].is_null() || matches!(key, "value" | "threshold" | "holds") {
                    m.set(key, c[key].clone());
                }
            }
            out.push_str(&format!("    check: {m}\n"));
            out.push_str(&format!(
                "      en: {}\n      zh: {}\n",
                text(&c["en"]),
                text(&c["zh"])
            ));
        }
        for c in n["contributions"].as_array().unwrap() {
            out.push_str(&format!("    contribution: {c}\n"));
        }
    }
    out.push_str(&format!("partial: {}\n", r["partial"]));
    out.push_str("fixes:\n");
    for f in r["fixes"].as_array().unwrap() {
        let mut m = f.clone();
        let (en, zh) = (m.remove("en").unwrap(), m.remove("zh").unwrap());
        out.push_str(&format!("  - {m}\n"));
        out.push_str(&format!("    en: {}\n    zh: {}\n", text(&en), text(&zh)));
    }
    out
}

fn text(v: &Value) -> String {
    v.as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string())
}

// ---------------------------------------------------------------------------------------------- tests

/// Evaluate one case: the result JSON, or the evaluation error's message. Any other error is a broken case.
fn evaluate(std: &Standard, case: &str, assessment: &str) -> Result<Value, String> {
    match std.evaluate_text(assessment, &Options::explained()) {
        Ok(v) => Ok(Value::parse(&v.to_json()).unwrap()),
        Err(Error::Eval(f)) => Err(f.en),
        Err(Error::Assessment(errs)) => panic!("{case}: the assessment is not valid: {errs:?}"),
        Err(e) => panic!("{case}: {e}"),
    }
}

#[test]
fn every_case_meets_its_expectations_and_snapshot() {
    let mut failures = Vec::new();
    let mut snapshots = Vec::new();
    for doc in corpus() {
        let std = match check_document(&doc) {
            Ok(s) => s,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        for (case, assessment) in &doc.cases {
            let label = format!("{} + {case}", doc.name);
            let result = evaluate(&std, &label, assessment);
            let expects = doc.expects.get(case).map(Vec::as_slice).unwrap_or(&[]);
            let mut checks = vec![check_expectations(&label, expects, &result)];
            if let Ok(r) = &result {
                checks.push(check_fixes(&label, &std, assessment, r));
                checks.push(check_summary_agrees(&label, &std, assessment, r));
                checks.push(check_invariants(&label, &std, assessment, r));
            }
            failures.extend(checks.into_iter().filter_map(Result::err));
            let stem = doc.name.trim_end_matches(".yard").replace('/', "__");
            snapshots.push((
                format!("{stem}__{case}"),
                format!(
                    "{} + {}.{case}.json",
                    doc.name,
                    doc.name.trim_end_matches(".yard")
                ),
                view(assessment, &result),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    for (name, description, rendered) in snapshots {
        insta::with_settings!({ description => description, omit_expression => true }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}

#[test]
fn every_case_has_expectations_and_every_expectation_a_case() {
    let mut problems = Vec::new();
    for doc in corpus() {
        if doc.cases.is_empty() {
            problems.push(format!("{}: no assessment", doc.name));
        }
        for case in doc.cases.keys() {
            let expects = doc.expects.get(case).map(Vec::as_slice).unwrap_or(&[]);
            if !expects
                .iter()
                .any(|e| e.path == "outcome" || e.path == "error")
            {
                problems.push(format!(
                    "{} + {case}: no `// expect {case}:` line with the outcome (or the error)",
                    doc.name
                ));
            }
        }
        for case in doc.expects.keys() {
            if !doc.cases.contains_key(case) {
                problems.push(format!(
                    "{}: `// expect {case}:` has no {case}.json",
                    doc.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corpus_is_large_enough() {
    let docs = corpus();
    let cases: usize = docs.iter().map(|d| d.cases.len()).sum();
    assert!(docs.len() >= 20, "only {} documents", docs.len());
    assert!(cases >= 60, "only {cases} cases");
}

/// Each construct of the language appears in some document, and each outcome, an error, a partial result
/// and a fix in some case.
#[test]
fn corpus_covers_every_construct_and_outcome() {
    let docs = corpus();
    let all: String = docs.iter().map(|d| d.text.as_str()).collect();
    let constructs = [
        " >= ",
        " > ",
        " <= ",
        " < ",
        " == ",
        " != ",
        "not ",
        " and ",
        " or ",
        "all_of [",
        "any_of [",
        "none_of [",
        " in [",
        "applies when",
        "basic ",
        "at_least ",
        "and the rest within",
        "levels ",
        "[< ",
        "exceedance(",
        "score ",
        "out_of",
        "grade ",
        "otherwise",
        "deduct ",
        "at_most",
        "cap ",
        "floor ",
        "start ",
        "latest(",
        "mean(",
        "min(",
        "max(",
        "rising(",
        "non_decreasing(",
        "round(",
        "abs(",
        "let ",
        "output ",
        ": bool",
        ": count",
        ": percent",
        ": number unit",
        ": enum",
        ": date",
        ": series",
        "section ",
    ];
    let absent: Vec<&str> = constructs
        .iter()
        .copied()
        .filter(|c| !all.contains(c))
        .collect();
    assert!(absent.is_empty(), "no document uses {absent:?}");
    let mut seen: Vec<String> = Vec::new();
    for doc in &docs {
        let std = Standard::from_text(&doc.name, &doc.text).unwrap();
        for (case, a) in &doc.cases {
            match evaluate(&std, case, a) {
                Err(_) => seen.push("error".into()),
                Ok(r) => {
                    seen.push(r["outcome"].as_str().unwrap().to_string());
                    if r["errors"].as_array().is_some_and(|e| !e.is_empty()) {
                        seen.push("error".into());
                    }
                    if !r["partial"].is_null() {
                        seen.push("partial".into());
                    }
                    if !r["fixes"].as_array().unwrap().is_empty() {
                        seen.push("fixes".into());
                    }
                    if !r["vetoed_by"].as_array().unwrap().is_empty() {
                        seen.push("veto".into());
                    }
                    if !r["grade"].is_null() {
                        seen.push("grade".into());
                    }
                }
            }
        }
    }
    for want in [
        "pass",
        "fail",
        "unknown",
        "not_applicable",
        "error",
        "partial",
        "fixes",
        "veto",
        "grade",
    ] {
        assert!(seen.iter().any(|s| s == want), "no case shows {want}");
    }
}
