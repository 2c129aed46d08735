#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A host program links the facade and keeps its own serde types working (issue 12). Cargo unifies the
//! features of shared crates, so a facade that turned on serde_json's `arbitrary_precision` would change
//! how this program reads numbers: an untagged enum or a flattened struct with an `f64` stops accepting
//! `3.5`. The facade reads numbers exactly with its own reader instead; these are the host's types.

use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum NumOrText {
    Num(f64),
    Text(String),
}

#[derive(Debug, PartialEq, Deserialize)]
struct Reading {
    site: String,
    #[serde(flatten)]
    measures: Measures,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Measures {
    rate: f64,
    count: u32,
}

#[derive(Debug, Deserialize)]
struct Tagged {
    #[serde(flatten)]
    extra: HashMap<String, serde_json::Value>,
}

const DEMO: &str = r#"standard demo {
  version "1"
  input satisfaction: percent
  basic { item b10 "满意率" { satisfaction >= 90% } }
}"#;

/// The facade is linked and used in the same program.
fn facade_result(rate: &str) -> yardstick::Outcome {
    let std = yardstick::Standard::from_text("demo.yard", DEMO).unwrap_or_else(|e| panic!("{e}"));
    let a = std
        .assessment(&format!(r#"{{"satisfaction": {rate}}}"#))
        .unwrap_or_else(|e| panic!("{e}"));
    std.evaluate(&a, &yardstick::Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .outcome
}

#[test]
fn the_hosts_untagged_enum_reads_a_number() {
    assert_eq!(facade_result("89.5"), yardstick::Outcome::Fail);
    let v: NumOrText = serde_json::from_str("3.5").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v, NumOrText::Num(3.5));
    let v: Vec<NumOrText> =
        serde_json::from_str(r#"[1, "a", 2.25]"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        v,
        [
            NumOrText::Num(1.0),
            NumOrText::Text("a".into()),
            NumOrText::Num(2.25)
        ]
    );
}

#[test]
fn the_hosts_flattened_struct_reads_a_float() {
    assert_eq!(facade_result("95"), yardstick::Outcome::Pass);
    let r: Reading = serde_json::from_str(r#"{"site": "east", "rate": 3.5, "count": 2}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        r.measures,
        Measures {
            rate: 3.5,
            count: 2
        }
    );
    let t: Tagged = serde_json::from_str(r#"{"a": 1.5}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.extra["a"].as_f64(), Some(1.5));
}

#[test]
fn the_hosts_values_keep_their_float_numbers() {
    let v: serde_json::Value = serde_json::from_str("3.5").unwrap_or_else(|e| panic!("{e}"));
    assert!(v.is_f64());
    // The facade reads the same kind of text exactly on its side: 28 nines after the point are not
    // rounded up to 90.
    let std = yardstick::Standard::from_text("demo.yard", DEMO).unwrap_or_else(|e| panic!("{e}"));
    let tight = std.assessment(r#"{"satisfaction": 89.99999999999999999999999999}"#);
    let r = tight
        .and_then(|a| std.evaluate(&a, &yardstick::Options::default()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        r.outcome,
        yardstick::Outcome::Fail,
        "read exactly, not rounded to 90"
    );
}
