#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The conformance corpus (conformance/README.md) through the Rust facade. `YARDSTICK_UPDATE=1` writes
//! the expected results (review the diff: they are the contract).

#[path = "../conformance/runner.rs"]
mod runner;

use std::path::Path;
use yardstick::{Options, Standard};

#[test]
fn the_facade_gives_every_expected_result() {
    let conformance = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance");
    let update = std::env::var_os("YARDSTICK_UPDATE").is_some();
    let (n, failures) = runner::run(&conformance, update, &|c| {
        let text = std::fs::read_to_string(&c.document).map_err(|e| e.to_string())?;
        let name = c.document.file_name().unwrap().to_string_lossy();
        let std = Standard::from_text(&name, &text).map_err(|e| e.to_string())?;
        let a = std::fs::read_to_string(&c.assessment).map_err(|e| e.to_string())?;
        std.evaluate_text(&a, &Options::default())
            .map(|r| r.to_json())
            .map_err(|e| e.to_string())
    });
    assert!(n >= 130, "{n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // No expected result without its case.
    let mut expected = Vec::new();
    for g in std::fs::read_dir(conformance.join("expected"))
        .unwrap()
        .flatten()
    {
        for f in std::fs::read_dir(g.path()).unwrap().flatten() {
            expected.push(f.path());
        }
    }
    let cases: Vec<_> = runner::cases(&conformance)
        .into_iter()
        .map(|c| c.expected)
        .collect();
    for e in &expected {
        assert!(cases.contains(e), "{} has no case", e.display());
    }
}

#[test]
fn the_comparison_can_fail() {
    let a = yardstick::Json::parse(r#"{"outcome": "pass", "outputs": {"x": 90.00}}"#).unwrap();
    let b = yardstick::Json::parse(r#"{"outcome": "pass", "outputs": {"x": 90}}"#).unwrap();
    let c = yardstick::Json::parse(r#"{"outcome": "pass", "outputs": {"x": 90.01}}"#).unwrap();
    assert!(runner::same(&a, &b));
    assert!(!runner::same(&a, &c));
    assert!(runner::difference("", &a, &c)
        .unwrap()
        .contains(".outputs.x"));
}
