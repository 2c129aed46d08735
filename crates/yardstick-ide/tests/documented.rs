#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! docs/editors.md states the limits and the codes the crate has.

use yardstick_ide::*;

fn doc() -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/editors.md");
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn every_limit_is_documented_with_its_value() {
    let d = doc();
    let rows = [
        ("`MAX_OPEN_DOCUMENTS`", MAX_OPEN_DOCUMENTS.to_string()),
        ("`MAX_RESULTS`", MAX_RESULTS.to_string()),
        ("`MAX_TOKENS`", MAX_TOKENS.to_string()),
        ("`MAX_HOVER_LIST`", MAX_HOVER_LIST.to_string()),
        ("`MAX_CHAIN`", MAX_CHAIN.to_string()),
        (
            "`MAX_DOCUMENT_BYTES`",
            format!("{} MiB", MAX_DOCUMENT_BYTES >> 20),
        ),
    ];
    for (name, value) in rows {
        let line = d
            .lines()
            .find(|l| l.starts_with('|') && l.contains(name))
            .unwrap_or_else(|| panic!("docs/editors.md has no row for {name}"));
        assert!(line.contains(&format!("| {value} |")), "{name}: {line}");
    }
}

#[test]
fn every_code_is_documented() {
    let d = doc();
    for (code, _) in CODES {
        assert!(
            d.contains(&format!("| {code} |")),
            "docs/editors.md lacks {code}"
        );
    }
    let documented = d.matches("| Y10").count();
    assert_eq!(
        documented,
        CODES.len(),
        "a code documented that the crate lacks"
    );
}
