//! Every diagnostic the checker and the parser give speaks Chinese too.
//!
//! The documents of `corpus/invalid/` (the `y*` cases, the `multi_*` documents and the `tour_*` mistakes of
//! docs/authoring-mistakes.md), the shipped standards, and generated documents (limits, an overlay with its
//! base) are parsed and checked; for each syntax error and each check diagnostic:
//!
//! - the Chinese message is not empty and has Chinese characters;
//! - the Chinese help is there exactly when the English help is (and is Chinese);
//! - each related note and each label has its Chinese (a check diagnostic's label may keep its English
//!   text only when it has no words, just names, signs and numbers: `B: <= 3%`);
//! - every number (`\d+(\.\d+)?`) and every backticked span of the English is in the Chinese too (the
//!   Chinese may hold more).
//!
//! The test also counts the distinct codes reached against [`Code::ALL`].

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use yardstick_core::{Code, Diagnostic, Unit};
use yardstick_syntax::SyntaxError;

// ---------------------------------------------------------------------------------------------- text checks

/// The numbers `\d+(\.\d+)?` written in `text`.
fn numbers(text: &str) -> Vec<String> {
    let cs: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in cs.iter().enumerate() {
        let point = c == '.'
            && !cur.is_empty()
            && !cur.contains('.')
            && cs.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_ascii_digit() || point {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The `…` spans of `text`.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Problems with `zh` as the Chinese of `en` (`what` names the text in the report).
fn compare(what: &str, en: &str, zh: &str) -> Vec<String> {
    let mut out = Vec::new();
    if zh.trim().is_empty() || !has_chinese(zh) {
        out.push(format!(
            "{what}: the Chinese `{zh}` of `{en}` has no Chinese"
        ));
        return out;
    }
    for n in numbers(en) {
        if !numbers(zh).contains(&n) {
            out.push(format!("{what}: {n} of `{en}` is missing from `{zh}`"));
        }
    }
    let spans = backticked(zh);
    for s in backticked(en) {
        if !spans.contains(&s) {
            out.push(format!("{what}: `{s}` of `{en}` is missing from `{zh}`"));
        }
    }
    out
}

/// Whether `label` says nothing to translate: outside its backticked spans, no word of three or more
/// letters (`B: <= 3%`, `40% + 60% = 100%`), so its Chinese may be the same text.
fn wordless(label: &str) -> bool {
    label
        .split('`')
        .step_by(2)
        .flat_map(str::split_whitespace)
        .all(|w| w.len() < 3 || !w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Problems with `zh` as the Chinese of the label `en` of a check diagnostic: Chinese (with its numbers
/// and backticked spans), or the English unchanged when it is [`wordless`].
fn compare_label(what: &str, en: &str, zh: &str) -> Vec<String> {
    if zh.trim().is_empty() {
        return vec![format!("{what}: the label `{en}` has no Chinese")];
    }
    if !has_chinese(zh) && zh == en && wordless(en) {
        return Vec::new();
    }
    compare(what, en, zh)
}

/// Problems with the Chinese of one check diagnostic.
fn check_diagnostic(doc: &str, d: &Diagnostic) -> Vec<String> {
    let at = format!("{doc} {}", d.code);
    let mut out = compare(&format!("{at} message"), &d.message, &d.message_zh);
    match (&d.help, &d.help_zh) {
        (Some(en), Some(zh)) => out.extend(compare(&format!("{at} help"), en, zh)),
        (None, None) => {}
        (en, zh) => out.push(format!("{at}: help {en:?} but Chinese help {zh:?}")),
    }
    out.extend(compare_label(&format!("{at} label"), &d.label, &d.label_zh));
    for r in &d.related {
        out.extend(compare(&format!("{at} related"), &r.message, &r.message_zh));
    }
    out
}

/// Problems with the Chinese of one syntax error (message, help, labels).
fn check_syntax_error(doc: &str, e: &SyntaxError) -> Vec<String> {
    use miette::Diagnostic as _;
    let code = e.code().map(|c| c.to_string()).unwrap_or_default();
    let at = format!("{doc} {code}");
    let mut out = compare(&format!("{at} message"), &e.to_string(), &e.message_zh());
    match (e.help().map(|h| h.to_string()), e.help_zh()) {
        (Some(en), Some(zh)) => out.extend(compare(&format!("{at} help"), &en, &zh)),
        (None, None) => {}
        (en, zh) => out.push(format!("{at}: help {en:?} but Chinese help {zh:?}")),
    }
    let labels: Vec<String> = e
        .labels()
        .map(|ls| ls.map(|l| l.label().unwrap_or("").to_string()).collect())
        .unwrap_or_default();
    match labels.split_first() {
        Some((first, rest)) => {
            out.extend(compare(&format!("{at} label"), first, &e.label_zh()));
            let rest_zh = e.related_labels_zh();
            if rest.len() != rest_zh.len() {
                out.push(format!(
                    "{at}: {} secondary labels but {} in Chinese",
                    rest.len(),
                    rest_zh.len()
                ));
            }
            for (en, zh) in rest.iter().zip(&rest_zh) {
                out.extend(compare(&format!("{at} secondary label"), en, zh));
            }
        }
        None => out.push(format!("{at}: no label")),
    }
    out
}

// ---------------------------------------------------------------------------------------------- documents

/// What checking a set of documents gave: codes seen, problems with the Chinese, diagnostics seen.
#[derive(Default)]
struct Seen {
    codes: BTreeSet<String>,
    failures: Vec<String>,
    diagnostics: usize,
}

impl Seen {
    /// Parse every document of `docs` (name, text); when all parse, check `docs[root]` among them as the
    /// facade's library does. Syntax errors of each document are checked too.
    fn check(&mut self, docs: &[(String, String)], root: usize) {
        let mut parsed = Vec::new();
        for (name, text) in docs {
            match yardstick_syntax::parse(text) {
                Ok(doc) => parsed.push(doc),
                Err(errs) => {
                    for e in &errs.errors {
                        use miette::Diagnostic as _;
                        self.codes
                            .insert(e.code().map(|c| c.to_string()).unwrap_or_default());
                        self.failures.extend(check_syntax_error(name, e));
                        self.diagnostics += 1;
                    }
                }
            }
        }
        if parsed.len() != docs.len() {
            return;
        }
        let units: Vec<Unit<'_>> = docs
            .iter()
            .zip(&parsed)
            .map(|((name, text), doc)| Unit { name, text, doc })
            .collect();
        let (_, diags) = yardstick_core::compile(&units, root);
        for d in &diags {
            self.codes.insert(d.code.to_string());
            self.failures.extend(check_diagnostic(&docs[root].0, d));
            self.diagnostics += 1;
        }
    }

    fn check_one(&mut self, name: &str, text: &str) {
        self.check(&[(name.to_string(), text.to_string())], 0);
    }
}

fn yard_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            yard_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yard") {
            out.push(p);
        }
    }
}

/// Every `.yard` file under `dir` (relative to the workspace), sorted, with its text.
fn documents(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let mut files = Vec::new();
    yard_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(&root).unwrap().display().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Generated documents for the limits and for codes that need a library (an overlay and its base).
fn generated(seen: &mut Seen) {
    let doc_with_body = |body: &str| {
        format!("standard demo {{\n  version \"1\"\n  input ok: bool\n  input n: count\n  item i {{ {body} }}\n  item j {{ ok or n >= 0 }}\n}}\n")
    };
    // Y0009: brackets nested too deep.
    seen.check_one(
        "deep.yard",
        &doc_with_body(&format!("{}ok{}", "(".repeat(200), ")".repeat(200))),
    );
    // Y0010: a document over 4 MiB.
    let head = doc_with_body("ok");
    let huge = format!("{head}// {}\n", "x".repeat(4 * 1024 * 1024));
    seen.check_one("huge.yard", &huge);
    // Y0011: a name of 101 characters.
    let long = "n".repeat(101);
    seen.check_one(
        "name101.yard",
        &format!(
            "standard demo {{\n  version \"1\"\n  input {long}: bool\n  item i {{ {long} }}\n}}\n"
        ),
    );
    // Y0012: an expression too deep.
    seen.check_one(
        "not96.yard",
        &doc_with_body(&format!("{}ok", "not ".repeat(96))),
    );
    // Y0018 many times, then Y0024.
    let mut colons = String::from("standard s {\n  version \"1\"\n");
    for i in 0..=yardstick_syntax::limits::MAX_SYNTAX_ERRORS {
        colons.push_str(&format!("  input a{i}： count\n"));
    }
    colons.push_str("}\n");
    seen.check_one("colons.yard", &colons);
    // Y0104: a chain of derived values one past the limit.
    let max = yardstick_core::lower::MAX_DEF_CHAIN;
    let mut lets: Vec<String> = (0..max)
        .map(|i| format!("  let v{i} = v{} + 1\n", i + 1))
        .collect();
    lets.push(format!("  let v{max} = n\n"));
    lets.reverse();
    seen.check_one(
        "chain.yard",
        &format!(
            "standard demo {{\n  version \"1\"\n  input n: count\n{}  item i {{ v0 <= 3 }}\n}}\n",
            lets.concat()
        ),
    );
    // Y0313: `each` over a group one past the copy limit.
    let mut each = String::from("standard e {\n  version \"1\"\n  group g {\n");
    for i in 0..=yardstick_core::lower::MAX_EACH_COPIES {
        each.push_str(&format!("    input x{i}: bool\n"));
    }
    each.push_str("  }\n  item all { each a in g { a } }\n}\n");
    seen.check_one("each.yard", &each);
    // Y0505 (and Y0403): an overlay restating a ladder without a base row, with its base in the library.
    let base = "standard g {\n  version \"1\"\n  effective 2020-01-01 until 2024-01-01\n  input s: number unit \"points\" range 0..100\n  input r: percent\n  input q: percent\n  levels lv: A > B, below C {\n    r <= [1%, 2%]\n    q <= [5%, 10%]\n  }\n  grade rating from s {\n    good when >= 85\n    fair when >= 60 and < 85\n    poor otherwise\n  }\n}\n";
    let overlay = "standard g extends g version \"1\" {\n  version \"2\"\n  effective 2024-01-01\n  change levels lv: A > B, below C {\n    r <= [1%, 3%]\n  }\n  change grade rating {\n    great when >= 95\n  }\n  change item nothing { s >= 1 }\n  remove item gone\n  remove section gone\n}\n";
    seen.check(
        &[
            ("g1.yard".to_string(), base.to_string()),
            ("g2.yard".to_string(), overlay.to_string()),
        ],
        1,
    );
}

// ---------------------------------------------------------------------------------------------- the tests

#[test]
fn the_text_checks_can_fail() {
    assert_eq!(numbers("2% of 100.5 points, `v12`."), ["2", "100.5", "12"]);
    assert_eq!(backticked("`a` and `b c`"), ["a", "b c"]);
    assert!(compare("t", "`x` is 28", "`x` 是 28").is_empty());
    assert_eq!(compare("t", "`x` is 28", "x 是 2").len(), 2);
    assert_eq!(compare("t", "`x` is 28", "`x` is 28").len(), 1);
    assert_eq!(compare("t", "`x`", "").len(), 1);
    assert!(compare_label("t", "B: <= 3%", "B: <= 3%").is_empty());
    assert!(compare_label("t", "B: <= 3%", "B 级：<= 3%").is_empty());
    assert!(compare_label("t", "`ab_cd` is written first", "`ab_cd` 写在了最前面").is_empty());
    assert_eq!(compare_label("t", "not a number", "not a number").len(), 1);
    assert_eq!(compare_label("t", "B: <= 3%", "").len(), 1);
    assert_eq!(compare_label("t", "B: <= 3%", "B 级：<= 5%").len(), 1);
}

/// Codes the corpus cannot reach here: Y0406–Y0408 are found by the facade's library checks, Y0504 by
/// nothing yet, and Y06xx are evaluation errors (the evaluator's, not the checker's).
const UNREACHABLE: &[&str] = &[
    "Y0406", "Y0407", "Y0408", "Y0504", "Y0601", "Y0602", "Y0603",
];

#[test]
fn every_diagnostic_of_the_corpus_speaks_chinese() {
    let mut seen = Seen::default();
    let invalid = documents("tests/corpus/invalid");
    assert!(
        invalid.len() >= 70,
        "only {} invalid documents",
        invalid.len()
    );
    assert!(
        invalid
            .iter()
            .filter(|(n, _)| n.starts_with("tour_"))
            .count()
            >= 30,
        "the tour_* documents of docs/authoring-mistakes.md are missing"
    );
    for (name, text) in &invalid {
        seen.check_one(name, text);
    }
    for (name, text) in documents("standards") {
        seen.check_one(&name, &text);
    }
    generated(&mut seen);
    assert!(
        seen.failures.is_empty(),
        "{} problems with the Chinese of {} diagnostics:\n{}",
        seen.failures.len(),
        seen.diagnostics,
        seen.failures.join("\n")
    );
    // Every check code the checker can produce, and every syntax code, was seen.
    let check: BTreeSet<String> = seen
        .codes
        .iter()
        .filter(|c| Code::ALL.iter().any(|k| *k == c.as_str()))
        .cloned()
        .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !check.contains(*c) && !UNREACHABLE.contains(c))
        .collect();
    assert!(missing.is_empty(), "no document reaches {missing:?}");
    let syntax: Vec<String> = (1..=24).map(|i| format!("Y{i:04}")).collect();
    let syntax_missing: Vec<&String> = syntax.iter().filter(|c| !seen.codes.contains(*c)).collect();
    assert!(
        syntax_missing.is_empty(),
        "no document reaches {syntax_missing:?}"
    );
    println!(
        "{} diagnostics; {} of the {} codes of Code::ALL reached, and {} syntax codes",
        seen.diagnostics,
        check.len(),
        Code::ALL.len(),
        seen.codes.len() - check.len()
    );
}
