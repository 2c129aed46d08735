#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every limit the docs state is the constant in the code: each number written in the docs at a known
//! phrase is read back and compared (docs/language.md once said 48 and 200 where the code had 32 and 64).
//! The CLI's own limits (batch) are held the same way in `crates/yardstick-cli/src/documented_limits.rs`.

use std::path::PathBuf;

fn doc(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Sentences wrap anywhere: compare with every run of white space as one space.
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every number written where `pattern` has `{}` (digits, with `,` or `_` between them), in `text`.
fn documented(text: &str, pattern: &str) -> Vec<u64> {
    let pattern = pattern.split_whitespace().collect::<Vec<_>>().join(" ");
    let (before, after) = pattern.split_once("{}").unwrap();
    assert!(
        !before.is_empty(),
        "a pattern needs words before its number: `{pattern}`"
    );
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(before) {
        let start = from + i + before.len();
        from = start;
        let digits: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '_')
            .collect();
        let digits = digits.trim_end_matches([',', '_']);
        let inside_a_number = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '_');
        if digits.is_empty() || inside_a_number || !text[start + digits.len()..].starts_with(after)
        {
            continue;
        }
        found.push(digits.replace([',', '_'], "").parse().unwrap());
    }
    found
}

/// Each (document, phrase with `{}` where the number is, the constant).
fn limits() -> Vec<(&'static str, &'static str, u64)> {
    use yardstick_core::{fix, lower};
    use yardstick_syntax::limits as syn;
    const MIB: usize = 1024 * 1024;
    let lang = "docs/language.md";
    let json = "docs/json.md";
    let arch = "ARCHITECTURE.md";
    let budget = yardstick::SearchBudget::DEFAULT.steps;
    vec![
        // docs/language.md, §17 Limits and §18 codes, and the text that states them.
        (
            lang,
            "| document size | {} MiB",
            (syn::MAX_DOCUMENT_BYTES / MIB) as u64,
        ),
        (
            lang,
            "| document size | 4 MiB ({} bytes) |",
            syn::MAX_DOCUMENT_BYTES as u64,
        ),
        (
            lang,
            "| Y0010 | a document larger than {} MiB |",
            (syn::MAX_DOCUMENT_BYTES / MIB) as u64,
        ),
        (
            lang,
            "| nesting of `{`, `[`, `(` (outside text and comments) | {} |",
            syn::MAX_NESTING as u64,
        ),
        (
            lang,
            "| Y0009 | brackets nested more than {} deep |",
            syn::MAX_NESTING as u64,
        ),
        (
            lang,
            "| name length (a whole dotted name) | {} characters |",
            syn::MAX_NAME_LEN as u64,
        ),
        (
            lang,
            "| Y0011 | a name longer than {} characters |",
            syn::MAX_NAME_LEN as u64,
        ),
        (
            lang,
            "Names are at most {} characters (Y0011)",
            syn::MAX_NAME_LEN as u64,
        ),
        (
            lang,
            "`a and b and c` is one level) | {} | Y0012 |",
            syn::MAX_EXPR_DEPTH as u64,
        ),
        (
            lang,
            "| Y0012 | an expression more than {} levels deep |",
            syn::MAX_EXPR_DEPTH as u64,
        ),
        (
            lang,
            "| chain of definitions referring to each other | {} | Y0104 |",
            lower::MAX_DEF_CHAIN as u64,
        ),
        (
            lang,
            "depends on itself (or a chain deeper than {})",
            lower::MAX_DEF_CHAIN as u64,
        ),
        (
            lang,
            "| nesting of `use` / `extends` | {} levels below the document |",
            lower::MAX_COMPOSITION_DEPTH as u64,
        ),
        (
            lang,
            "or nests more than {} levels",
            lower::MAX_COMPOSITION_DEPTH as u64,
        ),
        (
            lang,
            "a cycle of `use` / `extends` (or a chain deeper than {})",
            lower::MAX_COMPOSITION_DEPTH as u64,
        ),
        (
            lang,
            "| combinations tried for best/worst (§16.9) | {}, then one input at a time |",
            fix::MAX_PARTIAL_COMBINATIONS as u64,
        ),
        (
            lang,
            "combinations when there are at most {} of them",
            fix::MAX_PARTIAL_COMBINATIONS as u64,
        ),
        // docs/json.md: the facade's bounds on what it reads and reports, and the search budget.
        (
            json,
            "at most `MAX_REPORTED_ERRORS` ({}) problems",
            yardstick::json::MAX_REPORTED_ERRORS as u64,
        ),
        (
            json,
            "`MAX_QUOTED_CHARS` ({}) characters",
            yardstick::json::MAX_QUOTED_CHARS as u64,
        ),
        (
            json,
            "trailing zeros past {} decimals",
            yardstick::json::MAX_DECIMAL_PLACES as u64,
        ),
        (
            json,
            "more than {} digits after the point",
            yardstick::json::MAX_DECIMAL_PLACES as u64,
        ),
        (json, "`SearchBudget::DEFAULT` ({} steps)", budget),
        (
            json,
            "against a constant, in definition order, at most {} per input",
            yardstick::api::MAX_REQUIREMENTS_PER_INPUT as u64,
        ),
        (
            json,
            "Nesting deeper than {} arrays and objects is refused",
            yardstick::lossless::MAX_JSON_DEPTH as u64,
        ),
        // ARCHITECTURE.md and BENCHMARKS.md repeat some of them.
        (
            arch,
            "`limits::MAX_NESTING` ({}) brackets",
            syn::MAX_NESTING as u64,
        ),
        (
            arch,
            "`MAX_EXPR_DEPTH` ({}) is refused",
            syn::MAX_EXPR_DEPTH as u64,
        ),
        (
            arch,
            "`lower::MAX_DEF_CHAIN` ({}) definitions",
            lower::MAX_DEF_CHAIN as u64,
        ),
        (
            arch,
            "candidate values up to {} combinations",
            fix::MAX_PARTIAL_COMBINATIONS as u64,
        ),
        (
            arch,
            "at most {} problems, quotes",
            yardstick::json::MAX_REPORTED_ERRORS as u64,
        ),
        (
            arch,
            "quotes of at most {} characters",
            yardstick::json::MAX_QUOTED_CHARS as u64,
        ),
        (
            "BENCHMARKS.md",
            "(`SearchBudget::DEFAULT`, {} steps)",
            budget,
        ),
    ]
}

#[test]
fn every_documented_limit_is_the_constant_in_the_code() {
    assert_eq!(
        yardstick::SearchBudget::DEFAULT.steps,
        yardstick_core::fix::Budget::DEFAULT.steps
    );
    let mut wrong = Vec::new();
    for (file, pattern, value) in limits() {
        let found = documented(&doc(file), pattern);
        if found.is_empty() {
            wrong.push(format!(
                "{file}: no longer says `{pattern}` (the constant is {value}): fix the doc or this test"
            ));
        }
        for n in found.into_iter().filter(|n| *n != value) {
            wrong.push(format!(
                "{file}: `{pattern}` says {n}, the code has {value}"
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_reader_of_numbers_in_the_docs_reads_them() {
    let text = "a 4 MiB (4,194,304 bytes) b; at most 50 problems, at most 7 things; 1_000 steps";
    assert_eq!(documented(text, "MiB ({} bytes)"), vec![4_194_304]);
    assert_eq!(documented(text, "at most {} problems"), vec![50]);
    assert_eq!(documented(text, "; {} steps"), vec![1000]);
    assert!(documented(text, "at most {} widgets").is_empty());
}
