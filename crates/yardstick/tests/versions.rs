#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Versions over time, overlays, diffs and review cycles.

mod common;
use common::EvalJson;
use serde_json::json;
use std::path::Path;
use yardstick::review::{review, State};
use yardstick::{Error, Library};

fn shipped() -> Library {
    let mut lib = Library::new();
    lib.load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../standards"))
        .unwrap();
    lib
}

fn lib_of(docs: &[(&str, &str)]) -> Library {
    let mut lib = Library::new();
    for (n, t) in docs {
        lib.add(n, t).unwrap();
    }
    lib
}

fn codes(lib: &Library, file: &str) -> Vec<String> {
    lib.check_file(file).into_iter().map(|p| p.code).collect()
}

const V1: &str = r#"standard s { version "1" effective 2010-01-01 until 2015-01-01 input x: percent item i { x >= 90% } }"#;
const V2: &str =
    r#"standard s { version "2" effective 2015-01-01 input x: percent item i { x > 90% } }"#;

#[test]
fn as_of_boundaries_between_consecutive_versions() {
    let lib = lib_of(&[("v1.yard", V1), ("v2.yard", V2)]);
    let d = |s: &str| yardstick::parse_date(s).unwrap();
    assert_eq!(
        lib.compile_as_of("s", d("2014-12-31")).unwrap().version(),
        "1"
    );
    assert_eq!(
        lib.compile_as_of("s", d("2015-01-01")).unwrap().version(),
        "2"
    );
    assert_eq!(
        lib.compile_as_of("s", d("2010-01-01")).unwrap().version(),
        "1"
    );
    let Err(Error::NotFound(msg)) = lib.compile_as_of("s", d("2009-12-31")) else {
        panic!()
    };
    assert!(
        msg.en.contains("\"1\" (from 2010-01-01 until 2015-01-01)")
            && msg.en.contains("\"2\" (from 2015-01-01)"),
        "{msg}"
    );
    assert!(codes(&lib, "v1.yard").is_empty());
}

#[test]
fn overlapping_windows_and_duplicate_versions_are_errors() {
    let v2_early = V2.replace("2015-01-01", "2014-06-01");
    let lib = lib_of(&[("v1.yard", V1), ("v2.yard", &v2_early)]);
    assert!(codes(&lib, "v1.yard").contains(&"Y0406".to_string()));
    let lib = lib_of(&[("a.yard", V1), ("b.yard", V1)]);
    assert!(codes(&lib, "a.yard").contains(&"Y0102".to_string()));
}

#[test]
fn a_window_that_ends_before_it_starts_is_an_error() {
    let lib = lib_of(&[(
        "x.yard",
        r#"standard s { version "1" effective 2015-01-01 until 2014-01-01 input x: bool item i { x } }"#,
    )]);
    assert_eq!(codes(&lib, "x.yard"), vec!["Y0404"]);
}

#[test]
fn use_of_a_version_not_in_force_for_the_whole_window() {
    let base = r#"standard b { version "1" effective 2012-01-01 input x: bool item i { x } }"#;
    let user = r#"standard u { version "1" effective 2010-01-01 use b version "1" as base item j { base.i } }"#;
    let lib = lib_of(&[("b.yard", base), ("u.yard", user)]);
    assert_eq!(codes(&lib, "u.yard"), vec!["Y0407"]);
    let ok_user = user.replace("2010-01-01", "2012-01-01");
    let lib = lib_of(&[("b.yard", base), ("u.yard", &ok_user)]);
    assert!(codes(&lib, "u.yard").is_empty());
}

#[test]
fn use_and_extends_cycles_and_missing_targets() {
    let a = r#"standard a { version "1" use b version "1" as b input x: bool item i { x } }"#;
    let b = r#"standard b { version "1" use a version "1" as a input y: bool item j { y } }"#;
    let lib = lib_of(&[("a.yard", a), ("b.yard", b)]);
    assert!(codes(&lib, "a.yard").contains(&"Y0402".to_string()));
    let lib = lib_of(&[(
        "a.yard",
        r#"standard a extends z version "9" { version "1" }"#,
    )]);
    assert_eq!(codes(&lib, "a.yard"), vec!["Y0401"]);
}

#[test]
fn the_overlay_changes_b10_and_adds_eight_nos() {
    let lib = shipped();
    let prov = lib
        .compile("cn.sanitary_city.provincial", Some("seed"))
        .unwrap();
    let r = prov
        .evaluate_json(
            r#"{"standard": "cn.sanitary_city.provincial", "inputs": {"satisfaction": 90}}"#,
            false,
        )
        .unwrap();
    let b10 = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "b10")
        .unwrap();
    assert_eq!(b10["outcome"], "fail");
    assert_eq!(
        r["standard"]["lineage"],
        json!([
            "cn.sanitary_city.provincial@seed",
            "cn.sanitary_city.national@pre-2014",
            "cn.phc.four_pests@2001"
        ])
    );
    let nat = lib
        .compile("cn.sanitary_city.national", Some("pre-2014"))
        .unwrap();
    let r = nat
        .evaluate_json(
            r#"{"standard": "cn.sanitary_city.national", "inputs": {"satisfaction": 90}}"#,
            false,
        )
        .unwrap();
    let b10 = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "b10")
        .unwrap();
    assert_eq!(b10["outcome"], "pass");
}

#[test]
fn diff_national_to_provincial_names_b10_and_eight_nos() {
    let lib = shipped();
    let old = lib
        .compile("cn.sanitary_city.national", Some("pre-2014"))
        .unwrap();
    let new = lib
        .compile("cn.sanitary_city.provincial", Some("seed"))
        .unwrap();
    let d = yardstick::diff::diff(&old, &new, &[]);
    let kinds: Vec<(&str, &str)> = d
        .changes
        .iter()
        .map(|c| (c.kind.as_str(), c.target.as_str()))
        .collect();
    assert!(kinds.contains(&("comparator_changed", "b10")), "{kinds:?}");
    assert!(kinds.contains(&("item_added", "eight_nos")), "{kinds:?}");
    assert!(kinds.contains(&("review_changed", "review")), "{kinds:?}");
    let text = yardstick::diff::render(&d);
    assert!(
        text.contains("item `b10`: comparator on `satisfaction` tightened: ≥ 90% → > 90%"),
        "{text}"
    );
    // Probing finds the boundary case.
    assert!(
        d.differences.iter().any(|x| x.name == "satisfaction = 90%"
            && x.items
                .contains(&("b10".into(), "pass".into(), "fail".into()))),
        "{:?}",
        d.differences
    );
    // With assessments: the passing city (93.5%) does not change on b10; a 90% city does.
    let a90 = json!({"inputs": {"satisfaction": 90}});
    let a95 = json!({"inputs": {"satisfaction": 95}});
    let d = yardstick::diff::diff(
        &old,
        &new,
        &[("city90".into(), a90.into()), ("city95".into(), a95.into())],
    );
    assert_eq!(d.semantic_from, "assessments");
    assert_eq!(d.differences.len(), 1);
    assert_eq!(d.differences[0].name, "city90");
}

#[test]
fn diff_of_thresholds_says_tightened_or_loosened() {
    let a = r#"standard s { version "1" input x: percent input y: count item i { x <= 5% } item j { y >= 3 } }"#;
    let b = r#"standard s { version "2" input x: percent input y: count item i { x <= 3% } item j { y >= 2 } }"#;
    let (a, b) = (
        yardstick::Standard::from_text("a.yard", a).unwrap(),
        yardstick::Standard::from_text("b.yard", b).unwrap(),
    );
    let d = yardstick::diff::diff(&a, &b, &[]);
    let kinds: Vec<(&str, &str)> = d
        .changes
        .iter()
        .map(|c| (c.kind.as_str(), c.target.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![("threshold_tightened", "i"), ("threshold_loosened", "j")]
    );
    assert!(d.changes[0].en.contains("≤ 5% → ≤ 3%"));
}

fn prov() -> yardstick::Standard {
    shipped()
        .compile("cn.sanitary_city.provincial", Some("seed"))
        .unwrap()
}

#[test]
fn review_pass_reconfirms_and_sets_the_next_review() {
    let s = review(
        &prov(),
        &json!({"designated": "2011-12-20", "reviews": [{"date": "2015-12-01", "result": "pass"}]})
            .into(),
    )
    .unwrap();
    assert_eq!(s.state, State::Reconfirmed);
    assert_eq!(s.next_review.as_deref(), Some("2019-12-01"));
}

#[test]
fn review_first_failure_defers_second_revokes() {
    let s = review(
        &prov(),
        &json!({"designated": "2011-12-20", "reviews": [{"date": "2015-12-01", "result": "fail"}]})
            .into(),
    )
    .unwrap();
    assert_eq!(s.state, State::Deferred);
    assert_eq!(s.rectify_by.as_deref(), Some("2016-12-01"));
    let s = review(&prov(), &json!({"designated": "2011-12-20", "reviews": [{"date": "2015-12-01", "result": "fail"}, {"date": "2016-11-30", "result": "fail"}]}).into()).unwrap();
    assert_eq!(s.state, State::Revoked);
    assert_eq!(s.next_review, None);
    let e = review(
        &prov(),
        &json!({"designated": "2011-12-20", "reviews": [{"date": "2015-12-01", "result": "fail"}, {"date": "2016-11-30", "result": "fail"}, {"date": "2017-01-01", "result": "pass"}]}).into(),
    );
    assert!(matches!(e, Err(Error::Assessment(_))));
}

#[test]
fn review_overdue_and_leap_day() {
    let s = review(
        &prov(),
        &json!({"designated": "2012-02-29", "reviews": [], "as_of": "2016-02-29"}).into(),
    )
    .unwrap();
    assert_eq!(s.next_review.as_deref(), Some("2016-02-29"));
    assert!(!s.overdue);
    let s = review(
        &prov(),
        &json!({"designated": "2012-02-29", "reviews": [], "as_of": "2016-03-01"}).into(),
    )
    .unwrap();
    assert!(s.overdue);
    assert_eq!(
        yardstick::review::add_years(yardstick::parse_date("2012-02-29").unwrap(), 1).to_string(),
        "2013-02-28"
    );
}

#[test]
fn review_rejects_bad_histories_with_every_reason() {
    let e = review(
        &prov(),
        &json!({"designated": "2011-13-01", "reviews": [{"date": "x", "result": "maybe"}]}).into(),
    );
    let Err(Error::Assessment(errs)) = e else {
        panic!()
    };
    assert_eq!(errs.len(), 3, "{errs:?}");
    let e = review(
        &prov(),
        &json!({"designated": "2011-01-01", "reviews": [{"date": "2010-01-01", "result": "pass"}]})
            .into(),
    );
    assert!(matches!(e, Err(Error::Assessment(_))));
}

#[test]
fn overlays_change_weights_and_bands_and_diff_names_them() {
    let base = r#"standard b { version "1"
      input covert: number unit "points" range 0..1000
      input overt: number unit "points" range 0..1000
      score total out_of 1000 = 40% covert + 60% overt
      grade rating from total { good when >= 850  fair otherwise } }"#;
    let overlay = r#"standard o extends b version "1" { version "2"
      change score total out_of 1000 = 30% covert + 70% overt
      change grade rating from total { good when >= 900  fair otherwise } }"#;
    let lib = lib_of(&[("b.yard", base), ("o.yard", overlay)]);
    assert!(
        codes(&lib, "o.yard").is_empty(),
        "{:?}",
        lib.check_file("o.yard")
    );
    let o = lib.compile("o", None).unwrap();
    let r = o
        .evaluate_text(
            r#"{"standard": "o", "inputs": {"covert": 1000, "overt": 800}}"#,
            &yardstick::Options::default(),
        )
        .unwrap();
    assert_eq!(r.outputs["total"].to_string(), "860.00");
    assert_eq!(r.outputs["rating"].as_text(), Some("fair"));
    let b = lib.compile("b", None).unwrap();
    let d = yardstick::diff::diff(&b, &o, &[]);
    let kinds: Vec<&str> = d.changes.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["weight_changed", "weight_changed", "band_changed"],
        "{:?}",
        d.changes
    );
    assert!(
        d.changes[0].en.contains("weight of `covert` 40% → 30%"),
        "{}",
        d.changes[0].en
    );
    assert!(
        !d.differences.is_empty(),
        "probing found no assessment whose grade changes"
    );
}

#[test]
fn changing_a_definition_the_base_lacks_or_outside_an_overlay_is_an_error() {
    let base =
        r#"standard b { version "1" input x: number unit "p" range 0..10 score s = 100% x }"#;
    let missing = r#"standard o extends b version "1" { version "2" change score t = 100% x }"#;
    let lib = lib_of(&[("b.yard", base), ("o.yard", missing)]);
    assert_eq!(codes(&lib, "o.yard"), vec!["Y0403"]);
    let alone = r#"standard a { version "1" input x: number unit "p" change score s = 100% x }"#;
    let lib = lib_of(&[("a.yard", alone)]);
    // The skipped `change` leaves x unused: a warning beside the error.
    assert_eq!(codes(&lib, "a.yard"), vec!["Y0501", "Y0405"]);
}
