#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Guards guard: explanations follow the evaluator's short-circuits, and a division by zero no condition
//! guards is reported on its definition, not by aborting the whole assessment.

mod common;
use common::EvalJson;
use yardstick::Standard;

const DOC: &str = r#"standard guard {
  version "1"
  input a: count
  input b: count
  input c: count
  item scoped applies when b > 0 { a / b <= 1 }
  item or_guard { b == 0 or a / b <= 1 }
  item and_guard { b > 0 and a / b <= 1 }
  item unguarded { a / b <= 1 }
  item other { c <= 5 }
}
"#;

fn item<'a>(r: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

#[test]
fn a_rate_with_zero_rooms_explains_without_dividing() {
    let std = Standard::from_text("guard.yard", DOC).unwrap();
    // Once: Y0601 from the explanation although the JSON result was fine.
    let r = std
        .evaluate_json(r#"{"a": 3, "b": 0, "c": 1}"#, true)
        .unwrap();
    assert_eq!(item(&r, "scoped")["outcome"], "not_applicable");
    assert_eq!(item(&r, "scoped")["checks"].as_array().unwrap().len(), 0);
    assert_eq!(item(&r, "or_guard")["outcome"], "pass");
    let checks = item(&r, "or_guard")["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 1, "{checks:?}");
    assert_eq!(checks[0]["subject"], "b");
    assert_eq!(item(&r, "and_guard")["outcome"], "fail");
    // The unguarded division is the unguarded item's error: the rest is evaluated and explained.
    let u = item(&r, "unguarded");
    assert_eq!(u["outcome"], "unknown");
    assert_eq!(u["error"]["code"], "Y0601");
    assert!(
        u["en"].as_str().unwrap().contains("could not be computed"),
        "{}",
        u["en"]
    );
    assert!(
        u["zh"].as_str().unwrap().contains("无法计算"),
        "{}",
        u["zh"]
    );
    assert_eq!(item(&r, "other")["outcome"], "pass");
    let errors = r["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["def"], "unguarded");
    assert_eq!(errors[0]["code"], "Y0601");
    assert_eq!(errors[0]["span"]["line"], 9);
    // `and_guard` fails (b is 0), so the standard fails whatever `unguarded` would have been.
    assert_eq!(r["outcome"], "fail");
    // With b > 0 every item is judged and there is no error.
    let r = std
        .evaluate_json(r#"{"a": 3, "b": 4, "c": 9}"#, true)
        .unwrap();
    assert!(r["errors"].as_array().unwrap().is_empty());
    assert_eq!(r["outcome"], "fail");
    assert_eq!(item(&r, "other")["outcome"], "fail");
}

#[test]
fn evaluation_errors_are_listed_up_to_50_and_counted() {
    let mut doc =
        String::from("standard many {\n  version \"1\"\n  input a: count\n  input b: count\n");
    for k in 0..120 {
        doc.push_str(&format!("  item i{k} {{ a / b <= {k} }}\n"));
    }
    doc.push_str("}\n");
    let std = Standard::from_text("many.yard", &doc).unwrap();
    let r = std.evaluate_json(r#"{"a": 1, "b": 0}"#, false).unwrap();
    assert_eq!(r["errors"].as_array().unwrap().len(), 50);
    assert_eq!(r["errors_more"], 70);
    assert_eq!(r["outcome"], "unknown");
}
