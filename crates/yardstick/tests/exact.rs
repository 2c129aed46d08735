#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Exact or refused: an assessment number the engine cannot hold exactly is an error naming the input,
//! in English and Chinese, never a rounded value; error output stays bounded whatever the input.

mod common;
use common::EvalJson;
use yardstick::api::InputError;
use yardstick::json::{exact_decimal, NumberRefusal, MAX_REPORTED_ERRORS};
use yardstick::{Error, Standard};

const DOC: &str = r#"standard demo {
  version "1"
  input r: percent range 0%..100%
  input n: number unit "rooms"
  input c: count
  item rate { r >= 90% }
  item limit { n <= 3 }
  item many { c <= 5 }
}
"#;

fn demo() -> Standard {
    Standard::from_text("demo.yard", DOC).unwrap()
}

/// The input errors of evaluating `inputs` (a JSON object's text).
fn errors(inputs: &str) -> Vec<InputError> {
    let text = format!(r#"{{"standard": "demo", "inputs": {inputs}}}"#);
    match demo().evaluate_json(&text, false) {
        Err(Error::Assessment(errs)) => errs,
        other => panic!("expected input errors for {inputs}, got {other:?}"),
    }
}

fn refused(inputs: &str, input: &str, words: &str, words_zh: &str) {
    let errs = errors(inputs);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].input, input);
    assert!(errs[0].reason.contains(words), "{}", errs[0].reason);
    let zh = &errs[0].reason_zh;
    assert!(zh.contains(words_zh), "{zh}");
}

#[test]
fn numbers_past_28_significant_digits_are_refused_not_rounded() {
    // Rounded, this would pass `r >= 90%`.
    refused(
        r#"{"r": 89.999999999999999999999999999}"#,
        "r",
        "more than 28 significant digits",
        "有效数字超过 28 位",
    );
    // Rounded, this would meet `n <= 3`.
    refused(
        r#"{"n": 3.00000000000000000000000000001}"#,
        "n",
        "more than 28 significant digits",
        "有效数字超过 28 位",
    );
}

#[test]
fn huge_tiny_and_long_numbers_say_why() {
    refused(r#"{"n": 1e400}"#, "n", "too large", "太大");
    refused(
        r#"{"n": 1e-30}"#,
        "n",
        "more than 28 digits after the decimal point",
        "小数位超过 28 位",
    );
    refused(
        r#"{"n": 123456789012345678901234567890123456789}"#,
        "n",
        "too large",
        "太大",
    );
    refused(r#"{"c": 1e40}"#, "c", "too large", "太大");
}

#[test]
fn exact_numbers_in_any_notation_are_accepted() {
    for (text, value) in [
        ("90.000000000000000000000000000000000000", "90"),
        ("1.5e1", "15"),
        ("25E-1", "2.5"),
        (
            "0.0000000000000000000000000001",
            "0.0000000000000000000000000001",
        ),
        (
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
        ("-0.5", "-0.5"),
        ("0e999999999", "0"),
        ("1000000000000000000000000000e-27", "1"),
    ] {
        let d = exact_decimal(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(d.normalize().to_string(), value, "{text}");
    }
    assert_eq!(
        exact_decimal("79228162514264337593543950336"),
        Err(NumberRefusal::TooLarge)
    );
    assert_eq!(
        exact_decimal("1e99999999999999"),
        Err(NumberRefusal::TooLarge)
    );
    // Accepted end to end: 90.000…0 meets `r >= 90%` exactly.
    let text = r#"{"standard": "demo", "inputs": {"r": 90.00000000000000000000000000000000, "n": 3, "c": 5}}"#;
    let result = demo().evaluate_json(text, false).unwrap();
    assert_eq!(result["outcome"], "pass");
}

#[test]
fn a_byte_order_mark_is_read_like_in_a_yard_file() {
    let text = "\u{FEFF}{\"standard\": \"demo\", \"inputs\": {\"r\": 95, \"n\": 1, \"c\": 1}}";
    let result = demo().evaluate_json(text, false).unwrap();
    assert_eq!(result["outcome"], "pass");
}

#[test]
fn error_lists_are_capped_and_say_how_many_more() {
    // 100,000 unknown keys: the first 50 problems and one line counting the rest.
    let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\": 1")).collect();
    let errs = errors(&format!("{{{}}}", keys.join(",")));
    assert_eq!(errs.len(), MAX_REPORTED_ERRORS + 1);
    let last = errs.last().unwrap();
    assert!(last.reason.contains("99950 more"), "{}", last.reason);
    assert!(last.reason_zh.contains("99950"));
}

#[test]
fn a_huge_unknown_key_is_quoted_briefly_and_skips_the_did_you_mean_search() {
    // 10 MB: comparing it with every input id by edit distance once took 32 s and 230 MB.
    let key = "x".repeat(10 * 1024 * 1024);
    let errs = errors(&format!("{{\"{key}\": 1}}"));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].input.chars().count() <= 101,
        "input id quoted whole"
    );
    assert!(
        errs[0].reason.chars().count() < 300,
        "reason quotes the key whole"
    );
    assert!(!errs[0].reason.contains("did you mean"));
    // A near miss still gets its hint.
    let errs = errors(r#"{"rr": 95}"#);
    assert!(
        errs[0].reason.contains("did you mean `r`"),
        "{}",
        errs[0].reason
    );
}

#[test]
fn a_huge_bad_value_is_quoted_briefly() {
    let value = "y".repeat(1_000_000);
    let errs = errors(&format!("{{\"n\": \"{value}\"}}"));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].reason.chars().count() < 300,
        "{}",
        errs[0].reason.len()
    );
    assert!(errs[0].reason.contains('…'));
}

#[test]
fn the_error_says_what_is_wrong_when_shown_with_question_mark() {
    let text = r#"{"standard": "demo", "inputs": {"n": 1e400, "zz": 1}}"#;
    let e = demo().evaluate_json(text, false).unwrap_err();
    let shown = e.to_string();
    assert!(shown.contains("too large"), "{shown}");
    // Every problem is named, each with its code, not just the first.
    assert!(
        shown.contains("`zz`: the standard has no input `zz`"),
        "{shown}"
    );
    assert!(
        shown.contains("[Y0707]") && shown.contains("[Y0704]"),
        "{shown}"
    );
    assert_eq!(e.code(), "Y0707");
    assert!(e.report().zh.contains("（另有 1 个）"), "{}", e.report().zh);
}

const INFINITE: &str = r#"standard inf {
  version "1"
  input n: number unit "rooms"
  item zero_limit { n <= 0 }
  output e = exceedance(zero_limit)
  output plus_one = exceedance(zero_limit) + 1
  output doubled = exceedance(zero_limit) * 2
  output negated = -exceedance(zero_limit)
  output inverse = 1 / exceedance(zero_limit)
  output smaller = min(exceedance(zero_limit), 5)
  item within_3x { exceedance(zero_limit) <= 3 }
  item beyond_1000x { exceedance(zero_limit) > 1000 }
  grade g from exceedance(zero_limit) {
    low when < 1
    high when >= 1
  }
}
"#;

fn inf_result(n: &str) -> serde_json::Value {
    Standard::from_text("inf.yard", INFINITE)
        .unwrap()
        .evaluate_json(&format!(r#"{{"n": {n}}}"#), false)
        .unwrap()
}

#[test]
fn infinity_is_a_value_with_defined_arithmetic_and_comparisons() {
    // Once the largest decimal stood in for infinity and `exceedance(i) + 1` aborted with Y0602.
    let r = inf_result("2");
    let out = &r["outputs"];
    assert_eq!(out["e"], "infinite");
    assert_eq!(out["plus_one"], "infinite");
    assert_eq!(out["doubled"], "infinite");
    assert_eq!(out["negated"], "-infinite");
    assert_eq!(out["inverse"].to_string(), "0");
    assert_eq!(out["smaller"].to_string(), "5");
    assert_eq!(out["g"], "high");
    let outcome = |id: &str| {
        r["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .map(|i| i["outcome"].clone())
            .unwrap()
    };
    assert_eq!(outcome("within_3x"), "fail");
    assert_eq!(outcome("beyond_1000x"), "pass");
    // A zero value over a zero limit is a multiple of 0, finite: 1 ÷ 0 is then Y0601, as always.
    let std = Standard::from_text("inf.yard", INFINITE).unwrap();
    let r = std.evaluate_json(r#"{"n": 0}"#, false).unwrap();
    assert_eq!(r["errors"][0]["code"], "Y0601");
    assert_eq!(r["errors"][0]["def"], "inverse");
    assert_eq!(r["outputs"]["e"].to_string(), "0");
}

#[test]
fn forms_without_a_value_are_y0603_naming_the_definition() {
    let doc = r#"standard inf {
  version "1"
  input n: number unit "rooms"
  item zero_limit { n <= 0 }
  output nothing = exceedance(zero_limit) - exceedance(zero_limit)
}
"#;
    let std = Standard::from_text("inf.yard", doc).unwrap();
    let r = std.evaluate_json(r#"{"n": 2}"#, false).unwrap();
    let e = &r["errors"][0];
    assert_eq!(e["code"], "Y0603");
    assert_eq!(e["def"], "nothing");
    let msg = e["en"].as_str().unwrap();
    assert!(msg.contains("∞ − ∞"), "{msg}");
    assert!(e["zh"].as_str().unwrap().contains("没有确定的值"));
    assert_eq!(r["outputs"]["nothing"], serde_json::Value::Null);
    // Finite values never reach it.
    let r = std.evaluate_json(r#"{"n": 0}"#, false).unwrap();
    assert!(r["errors"].as_array().unwrap().is_empty());
}

/// The largest numbers a decimal holds are accepted, and the searches behind a result (fixes, partial
/// answers) stay within them: a fix from the far end of the range is found or left out, never a crash.
#[test]
fn fixes_from_the_edge_of_the_decimal_range_do_not_overflow() {
    let std = Standard::from_text(
        "edge.yard",
        r#"standard edge { version "1"
          input n: number label zh "数值" en "value"
          input m: number label zh "另一个数值" en "other value"
          input k: number label zh "缺失数值" en "missing value"
          let scaled = m * 1
          item low { n >= 5 }
          item high { n <= 5 }
          item derived { scaled >= 5 }
          item missing { k >= 5 } }"#,
    )
    .unwrap();
    for (n, m) in [
        (
            "-79228162514264337593543950335",
            "-79228162514264337593543950335",
        ),
        (
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
        (
            "-79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
    ] {
        let a = std
            .assessment(&format!(r#"{{"inputs": {{"n": {n}, "m": {m}}}}}"#))
            .unwrap();
        let r = std.evaluate(&a, &yardstick::Options::explained()).unwrap();
        assert_eq!(r.outcome, yardstick::Outcome::Fail, "{n} {m}");
        // Every fix listed is verified: applying it makes its item pass.
        for f in &r.fixes {
            let to = f.to.to_string();
            let (n2, m2) = match f.input.as_str() {
                "n" => (to.as_str(), m),
                "m" => (n, to.as_str()),
                other => panic!("fix of {other}"),
            };
            let b = std
                .assessment(&format!(r#"{{"inputs": {{"n": {n2}, "m": {m2}}}}}"#))
                .unwrap();
            let again = std.evaluate(&b, &yardstick::Options::default()).unwrap();
            assert_eq!(
                again.item(&f.item).and_then(|i| i.outcome),
                Some(yardstick::Outcome::Pass),
                "{f:?}"
            );
        }
    }
}
