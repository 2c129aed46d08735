#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The facade's behaviour: resolution by version and date, the JSON contract's validation, sharing.

mod common;
use common::EvalJson;
use std::path::Path;
use yardstick::{Error, Library, Standard};

fn shipped() -> Library {
    let mut lib = Library::new();
    lib.load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../standards"))
        .unwrap();
    lib
}

fn date(s: &str) -> yardstick::CalendarDate {
    yardstick::parse_date(s).unwrap()
}

#[test]
fn standard_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Standard>();
}

#[test]
fn as_of_picks_the_version_in_force_including_boundary_days() {
    let lib = shipped();
    // Effective 2012-04-01 until 2025-11-01 (until is exclusive).
    assert!(lib
        .compile_as_of("cn.vector.fly", date("2012-04-01"))
        .is_ok());
    assert!(lib
        .compile_as_of("cn.vector.fly", date("2025-10-31"))
        .is_ok());
    for day in ["2012-03-31", "2025-11-01"] {
        match lib.compile_as_of("cn.vector.fly", date(day)) {
            Err(Error::NotFound(msg)) => {
                assert!(msg.en.contains("GB/T 27772-2011"), "{msg}");
                assert!(msg.en.contains("from 2012-04-01 until 2025-11-01"), "{msg}");
            }
            other => panic!("{day}: expected no version in force, got {other:?}"),
        }
    }
}

#[test]
fn unknown_standard_names_what_exists() {
    let lib = shipped();
    let Err(Error::NotFound(msg)) = lib.compile("cn.vector.flies", None) else {
        panic!()
    };
    assert!(msg.en.contains("cn.vector.fly"), "{msg}");
    let Err(Error::NotFound(msg)) = lib.compile("cn.vector.fly", Some("2099")) else {
        panic!()
    };
    assert!(msg.en.contains("GB/T 27772-2011"), "{msg}");
}

fn fly() -> Standard {
    shipped().compile("cn.vector.fly", None).unwrap()
}

fn input_errors(std: &Standard, inputs: &str) -> Vec<(String, String)> {
    let text = format!(r#"{{"standard": "cn.vector.fly", "inputs": {inputs}}}"#);
    match std.evaluate_json(&text, false) {
        Err(Error::Assessment(errs)) => errs.into_iter().map(|e| (e.input, e.reason)).collect(),
        other => panic!("expected input errors, got {other:?}"),
    }
}

#[test]
fn bad_inputs_are_all_reported_never_clamped_or_ignored() {
    let std = fly();
    let errs = input_errors(
        &std,
        r#"{"room_positive_rate": 120, "ready_to_eat_sites_with_flies": -1, "room_postive_rate": 3, "flies_per_positive_room": "many"}"#,
    );
    assert_eq!(errs.len(), 4, "{errs:?}");
    let find = |k: &str| {
        errs.iter()
            .find(|e| e.0 == k)
            .map(|e| e.1.clone())
            .unwrap_or_default()
    };
    assert!(find("room_positive_rate").contains("above the largest allowed value 100%"));
    assert!(find("ready_to_eat_sites_with_flies").contains("whole number of 0 or more"));
    assert!(find("room_postive_rate").contains("did you mean `room_positive_rate`"));
    assert!(find("flies_per_positive_room").contains("must be a number"));
}

#[test]
fn missing_inputs_are_unknown_not_zero() {
    let std = fly();
    let r = std
        .evaluate_json(
            r#"{"standard": "cn.vector.fly", "inputs": {"room_positive_rate": 2}}"#,
            false,
        )
        .unwrap();
    assert_eq!(r["outcome"], "unknown");
    assert_eq!(r["outputs"]["level"], serde_json::Value::Null);
    assert_eq!(r["missing"].as_array().unwrap().len(), 4);
    assert_eq!(r["partial"]["best"], "pass");
    assert_eq!(r["partial"]["worst"], "fail");
}

#[test]
fn exact_decimals_in_results() {
    let std = fly();
    let r = std
        .evaluate_json(
            r#"{"standard": "cn.vector.fly", "inputs": {"room_positive_rate": 17.60, "flies_per_positive_room": 2,
            "breeding_site_positive_rate": 1, "proofing_compliance_rate": 99, "ready_to_eat_sites_with_flies": 0}}"#,
            true,
        )
        .unwrap();
    assert_eq!(r["outputs"]["level"], "D");
    assert_eq!(r["outputs"]["exceedance"].to_string(), "1.9555555556");
    let ladder = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "level")
        .unwrap();
    assert_eq!(ladder["multiple_text"], "1.96");
    let row = &ladder["checks"][0];
    assert_eq!(row["subject"], "room_positive_rate");
    assert_eq!(
        row["en"],
        "rooms with flies 17.60% exceeds the limit ≤ 9% by 8.60 points (1.96×) (level D)"
    );
}

#[test]
fn the_vetoed_city_explains_and_fixes() {
    let lib = shipped();
    let std = lib
        .compile("cn.sanitary_city.national", Some("pre-2014"))
        .unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/assessments/city-vetoed-pre2014.json"),
    )
    .unwrap();
    let r = std.evaluate_json(&text, true).unwrap();
    assert_eq!(r["outcome"], "fail");
    assert_eq!(r["vetoed_by"], serde_json::json!(["b5", "b10"]));
    let b10 = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "b10")
        .unwrap();
    assert_eq!(
        b10["checks"][0]["zh"],
        "群众对卫生状况满意率 88% 未达到 ≥ 90%，差 2 个百分点"
    );
    assert_eq!(
        b10["checks"][0]["en"],
        "residents satisfied with sanitation 88% is below the required ≥ 90% by 2 points"
    );
    let fixes = r["fixes"].as_array().unwrap();
    assert!(fixes.iter().any(|f| f["item"] == "b10"
        && f["input"] == "satisfaction"
        && f["to"].as_number().map(|n| n.to_string()).as_deref() == Some("90")));
    assert!(fixes.iter().any(|f| f["item"] == "b5"
        && f["input"] == "pests.cockroach.infestation_rate"
        && f["to"].as_number().map(|n| n.to_string()).as_deref() == Some("9")));
}

#[test]
fn shipped_examples_pass() {
    let lib = shipped();
    for d in lib.documents() {
        let std = lib.compile_file(&d.file).unwrap();
        for r in yardstick::testing::run_examples(&std) {
            assert!(r.passed(), "{} {}: {:?}", d.id, r.name, r.failures);
        }
    }
}

#[test]
fn ranking_uses_keys_in_order_with_shared_ranks_for_ties() {
    let std = Standard::from_text(
        "r.yard",
        r#"standard r { version "1" input total: number unit "points" input sat: percent rank by total desc, then sat asc }"#,
    )
    .unwrap();
    let a = |t: &str, s: &str| {
        let text = format!(r#"{{"standard": "r", "inputs": {{"total": {t}, "sat": {s}}}}}"#);
        yardstick::json::parse_assessment(&std, &text).unwrap()
    };
    let list = vec![
        ("a".to_string(), a("90", "80")),
        ("b".to_string(), a("95", "70")),
        ("c".to_string(), a("90", "70")),
        ("d".to_string(), a("90", "80")),
        (
            "e".to_string(),
            yardstick::json::parse_assessment(&std, r#"{"standard": "r", "inputs": {"sat": 10}}"#)
                .unwrap(),
        ),
    ];
    let r = yardstick::rank::rank(&std, &list).unwrap();
    let got: Vec<(&str, Option<usize>)> = r.iter().map(|x| (x.name.as_str(), x.rank)).collect();
    assert_eq!(
        got,
        vec![
            ("b", Some(1)),
            ("c", Some(2)),
            ("a", Some(3)),
            ("d", Some(3)),
            ("e", None)
        ]
    );
}

#[test]
fn outputs_say_the_kind_of_value_each_holds() {
    use yardstick::api::ValueKind;
    let lib = shipped();
    let fly = lib.compile("cn.vector.fly", None).unwrap();
    let outs = fly.outputs();
    let ids: Vec<&str> = outs.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, fly.output_ids().collect::<Vec<_>>());
    assert_eq!(ids, ["level", "exceedance"]);
    assert_eq!(outs[0].def_kind, "levels");
    assert_eq!(outs[0].kind, ValueKind::Name);
    assert_eq!(outs[0].names, ["A", "B", "C", "D"]);
    assert_eq!(outs[1].def_kind, "value");
    assert_eq!(outs[1].kind, ValueKind::Number);
    assert!(outs[1].names.is_empty());

    let std = Standard::from_text(
        "kinds.yard",
        r#"standard demo.kinds {
  version "1"
  input covert: number unit "points" range 0..100
  input overt: number unit "points" range 0..100
  input share: percent
  input coverage: series 3 of percent
  input day: date
  input open: bool
  score total out_of 100 = 40% covert + 60% overt
  grade rating from total {
    excellent when >= 90
    poor otherwise
  }
  output last = latest(coverage)
  output rising_cover = rising(coverage)
  output all = coverage
  output same_share = share
  output seen_on = day
  output is_open = open
}"#,
    )
    .unwrap();
    type Row = (String, String, ValueKind, Vec<String>, bool, Option<u32>);
    let got: Vec<Row> = std
        .outputs()
        .into_iter()
        .map(|o| (o.id, o.def_kind, o.kind, o.names, o.percent, o.length))
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        got,
        [
            (
                s("total"),
                s("score"),
                ValueKind::Number,
                vec![],
                false,
                None
            ),
            (s("last"), s("value"), ValueKind::Number, vec![], true, None),
            (
                s("rising_cover"),
                s("value"),
                ValueKind::Bool,
                vec![],
                false,
                None
            ),
            (
                s("all"),
                s("value"),
                ValueKind::Series,
                vec![],
                true,
                Some(3)
            ),
            (
                s("same_share"),
                s("value"),
                ValueKind::Number,
                vec![],
                true,
                None
            ),
            (
                s("seen_on"),
                s("value"),
                ValueKind::Date,
                vec![],
                false,
                None
            ),
            (
                s("is_open"),
                s("value"),
                ValueKind::Bool,
                vec![],
                false,
                None
            ),
            // Definitions come in dependency order: the grade after everything, as `outputs` has it.
            (
                s("rating"),
                s("grade"),
                ValueKind::Name,
                vec![s("excellent"), s("poor")],
                false,
                None
            ),
        ]
    );
}
