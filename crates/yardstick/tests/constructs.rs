#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The constructs authors asked for: a veto's effect on grades and rankings, conditional values,
//! consistency rules that reject an assessment, and one rule for each input of a group.

mod common;
use common::EvalJson;
use serde_json::json;
use yardstick::{Error, Standard};

const VILLAGES: &str = r#"standard villages {
  version "1"

  input satisfaction: percent
  input score: number unit "points" range 0..100
  input spots_sampled: count
  input failing_spots: count

  group eight_nos "八无" {
    input exposed_garbage: bool
    input graffiti: bool
  }

  basic "基本条件" {
    item b10 "满意率" { satisfaction >= 90% }
  }

  let failing_share = if spots_sampled > 0 then failing_spots / spots_sampled * 100 else 0

  item clean "八无" { each x in eight_nos { not x } }
  item spots "点位" { failing_share <= 10 }

  require consistent "不合格点位不能多于抽查点位" label en "failing spots cannot exceed spots sampled" {
    failing_spots <= spots_sampled
  }

  grade rating from score {
    excellent "优秀" when >= 90
    pass "合格" when >= 60 and < 90
    fail "不合格" otherwise
    vetoed fail
  }

  rank by score desc, vetoed last
}
"#;

fn std() -> Standard {
    Standard::from_text("villages.yard", VILLAGES).unwrap()
}

fn village(satisfaction: f64, score: f64) -> serde_json::Value {
    json!({"satisfaction": satisfaction, "score": score, "spots_sampled": 0, "failing_spots": 0,
           "eight_nos.exposed_garbage": false, "eight_nos.graffiti": false})
}

fn eval(v: &serde_json::Value) -> serde_json::Value {
    std().evaluate_json(&v.to_string(), true).unwrap()
}

#[test]
fn a_vetoed_subject_gets_the_declared_band_and_ranks_after_the_rest() {
    // Once: `outcome: FAIL grade: excellent`, ranked among the passing villages.
    let vetoed = eval(&village(80.0, 95.0));
    assert_eq!(vetoed["outcome"], "fail");
    assert_eq!(vetoed["grade"], "fail");
    assert_eq!(eval(&village(95.0, 95.0))["grade"], "excellent");
    // An undecided veto leaves the grade undecided.
    let mut v = village(80.0, 95.0);
    v["satisfaction"] = serde_json::Value::Null;
    assert_eq!(eval(&v)["grade"], serde_json::Value::Null);

    let s = std();
    let subjects: Vec<(String, yardstick::json::Assessment)> =
        [("a", 80.0, 99.0), ("b", 95.0, 70.0), ("c", 92.0, 85.0)]
            .iter()
            .map(|(n, sat, score)| {
                let a = yardstick::json::parse_assessment(&s, &village(*sat, *score).to_string())
                    .unwrap();
                (n.to_string(), a)
            })
            .collect();
    let ranked = yardstick::rank::rank(&s, &subjects).unwrap();
    let order: Vec<(&str, Option<usize>)> =
        ranked.iter().map(|r| (r.name.as_str(), r.rank)).collect();
    assert_eq!(order, [("c", Some(1)), ("b", Some(2)), ("a", Some(3))]);
}

#[test]
fn a_conditional_value_guards_a_division() {
    let r = eval(&village(95.0, 80.0));
    assert_eq!(r["outputs"], json!({"rating": "pass"}));
    let spots = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "spots")
        .unwrap();
    assert_eq!(spots["outcome"], "pass");
    let mut v = village(95.0, 80.0);
    v["spots_sampled"] = json!(10);
    v["failing_spots"] = json!(2);
    let r = eval(&v);
    let spots = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "spots")
        .unwrap();
    assert_eq!(spots["outcome"], "fail");
}

#[test]
fn each_input_of_a_group_is_checked_and_explained() {
    let mut v = village(95.0, 80.0);
    v["eight_nos.graffiti"] = json!(true);
    let r = eval(&v);
    let clean = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "clean")
        .unwrap();
    assert_eq!(clean["outcome"], "fail");
    assert!(r["failing"].as_array().unwrap().contains(&json!("clean")));
}

#[test]
fn answers_that_break_a_require_rule_reject_the_assessment_with_y0701() {
    let mut v = village(95.0, 80.0);
    v["spots_sampled"] = json!(3);
    v["failing_spots"] = json!(5);
    match std().evaluate_json(&v.to_string(), false) {
        Err(Error::Assessment(errs)) => {
            assert_eq!(errs.len(), 1, "{errs:?}");
            assert_eq!(errs[0].code, "Y0701");
            assert_eq!(errs[0].input, "consistent");
            assert!(
                errs[0]
                    .reason
                    .contains("failing spots cannot exceed spots sampled"),
                "{}",
                errs[0].reason
            );
            assert!(
                errs[0].reason.contains("spots_sampled = 3"),
                "{}",
                errs[0].reason
            );
            assert!(errs[0].reason_zh.contains("相互矛盾"));
        }
        other => panic!("expected Y0701, got {other:?}"),
    }
    // Missing answers break nothing.
    let mut v = village(95.0, 80.0);
    v["spots_sampled"] = serde_json::Value::Null;
    v["failing_spots"] = json!(5);
    assert!(std().evaluate_json(&v.to_string(), false).is_ok());
}

#[test]
fn the_constructs_are_checked() {
    let bad = VILLAGES.replace("vetoed fail", "vetoed terrible");
    match Standard::from_text("bad.yard", &bad) {
        Err(Error::Problems(p)) => {
            assert_eq!(p.problems[0].code, "Y0106");
            assert!(p.problems[0]
                .help
                .as_deref()
                .unwrap()
                .contains("excellent, pass, fail"));
        }
        other => panic!("{other:?}"),
    }
    let bad = VILLAGES.replace("each x in eight_nos", "each x in nine_nos");
    match Standard::from_text("bad.yard", &bad) {
        Err(Error::Problems(p)) => assert!(p.problems.iter().any(|x| x.code == "Y0101")),
        other => panic!("{other:?}"),
    }
    let bad = VILLAGES.replace(
        "then failing_spots / spots_sampled * 100 else 0",
        "then failing_spots else true",
    );
    match Standard::from_text("bad.yard", &bad) {
        Err(Error::Problems(p)) => assert!(
            p.problems.iter().any(|x| x.code == "Y0201"),
            "{:?}",
            p.problems
        ),
        other => panic!("{other:?}"),
    }
    // A formatted document keeps every construct.
    let formatted = yardstick::format(VILLAGES).unwrap();
    assert_eq!(yardstick::format(&formatted).unwrap(), formatted);
    assert!(Standard::from_text("f.yard", &formatted).is_ok());
}
