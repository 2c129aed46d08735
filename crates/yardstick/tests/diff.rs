#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The semantic diff: probes at and beside every changed threshold (items, ladder rows, scopes, score
//! weights, grade bands) with the other inputs set so the change decides, what the probes cannot decide,
//! and assessments reported one by one.

mod common;

/// Lossless JSON as a `serde_json::Value`, to index.
fn v(j: &yardstick::Json) -> serde_json::Value {
    serde_json::from_str(&j.to_string()).unwrap()
}
use serde_json::json;
use std::path::Path;
use yardstick::diff::{diff, render, Diff, Difference};
use yardstick::{Library, SearchBudget, Standard};

fn shipped() -> Library {
    let mut lib = Library::new();
    lib.load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../standards"))
        .unwrap();
    lib
}

/// A local revision of the 2011 fly levels: the C limit of the room rate tightened from 9% to 8%, in
/// force from the day the 2011 levels end.
const FLY_LOCAL: &str = r#"standard cn.vector.fly {
  title zh "病媒生物密度控制水平 蝇类（本地修订）" en "Vector density control level: flies (local revision)"
  version "local-2025"
  effective 2025-11-01
  status draft
  input room_positive_rate: percent range 0%..100% label zh "有蝇房间阳性率" en "rooms with flies"
  input flies_per_positive_room: number unit "flies/room" range 0.. label zh "阳性间蝇密度" en "flies per positive room"
  input breeding_site_positive_rate: percent range 0%..100% label zh "室外蝇类孳生地阳性率" en "outdoor breeding sites positive"
  input proofing_compliance_rate: percent range 0%..100% label zh "防蝇设施合格率" en "fly-proofing compliance"
  input ready_to_eat_sites_with_flies: count label zh "有蝇的直接入口食品场所数" en "ready-to-eat food shops with flies"
  levels level: A > B > C, below D label zh "蝇类密度控制水平" en "fly control level" {
    indoor "室内" {
      room_positive_rate <= [3%, 6%, 8%] source "local revision" tier C
      flies_per_positive_room <= [3, 3, 3] source "S15" tier B
      proofing_compliance_rate >= [98%, > 95%, 90%] source "S35 (B), S16" tier C
      ready_to_eat_sites_with_flies <= [0, 0, 0] source "S15" tier B
    }
    outdoor "室外" {
      breeding_site_positive_rate <= [1%, 3%, 5%] source "S16 (A, B); S15 (C)" tier C
    }
  }
  output exceedance = exceedance(level) label zh "超标倍数" en "exceedance multiple of the C limits"
}"#;

fn pair(a: &str, b: &str) -> (Standard, Standard) {
    (
        Standard::from_text("a.yard", a).unwrap(),
        Standard::from_text("b.yard", b).unwrap(),
    )
}

fn named<'a>(d: &'a Diff, name: &str) -> &'a Difference {
    d.differences
        .iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| panic!("no case `{name}` in\n{}", render(d)))
}

fn row(id: &str, a: &str, b: &str) -> (String, String, String) {
    (id.into(), a.into(), b.into())
}

#[test]
fn fly_c_limit_9_to_8_finds_room_rate_8_5_going_from_c_to_d() {
    let mut lib = shipped();
    lib.add("fly-local.yard", FLY_LOCAL).unwrap();
    let old = lib
        .compile("cn.vector.fly", Some("GB/T 27772-2011"))
        .unwrap();
    let new = lib.compile("cn.vector.fly", Some("local-2025")).unwrap();
    let d = diff(&old, &new, &[]);
    let text = render(&d);
    assert!(d.complete, "{text}");
    assert!(d.undecided.is_empty(), "{text}");
    let c = named(&d, "room_positive_rate = 8.5%");
    assert_eq!(c.levels, vec![row("level", "C", "D")], "{text}");
    assert_eq!(
        (c.old_outcome.as_str(), c.new_outcome.as_str()),
        ("pass", "fail")
    );
    // The other rows at their best level, so the room rate alone decides.
    assert_eq!(v(&c.inputs)["flies_per_positive_room"], json!(3));
    assert_eq!(v(&c.inputs)["proofing_compliance_rate"], json!(98));
    assert_eq!(v(&c.inputs)["breeding_site_positive_rate"], json!(1));
    assert_eq!(v(&c.inputs)["ready_to_eat_sites_with_flies"], json!(0));
    let p = c.probe.as_ref().unwrap();
    assert_eq!((p.target.as_str(), p.value.as_str()), ("level", "8.5%"));
    assert!(p.en.contains("between 8% and 9%"), "{}", p.en);
    assert!(p.zh.contains("介于 8% 与 9% 之间"), "{}", p.zh);
    // Every changing case, and only those: just above the new limit up to the old one.
    let mut names: Vec<&str> = d.differences.iter().map(|x| x.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "room_positive_rate = 8.1%",
            "room_positive_rate = 8.5%",
            "room_positive_rate = 8.9%",
            "room_positive_rate = 9%"
        ],
        "{text}"
    );
    assert!(
        text.contains("level level: C → D  等级 level：C → D"),
        "{text}"
    );
    // As JSON: the level change, the probe note in both languages.
    let j = serde_json::to_value(&d).unwrap();
    let case = j["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "room_positive_rate = 8.5%")
        .unwrap();
    assert_eq!(case["levels"], json!([["level", "C", "D"]]));
    assert!(case["probe"]["zh"].as_str().unwrap().contains("探查"));
    assert_eq!(j["undecided"], json!([]));
}

#[test]
fn a_changed_item_inside_all_of_is_probed_with_the_other_conditions_passing() {
    let a = r#"standard s { version "1"
      input x: percent input y: percent input ok: bool
      basic vetoes "否决" { item v "v" { ok } }
      item i { all_of [x <= 5%, y >= 90%] } }"#;
    let b = a
        .replace("version \"1\"", "version \"2\"")
        .replace("x <= 5%", "x <= 4%");
    let (a, b) = pair(a, &b);
    let d = diff(&a, &b, &[]);
    let c = named(&d, "x = 4.5%");
    assert_eq!(c.items, vec![row("i", "pass", "fail")], "{}", render(&d));
    assert_eq!(
        (c.old_outcome.as_str(), c.new_outcome.as_str()),
        ("pass", "fail")
    );
    assert_eq!(v(&c.inputs)["y"], json!(90));
    assert_eq!(v(&c.inputs)["ok"], json!(true));
    // At the new limit itself nothing changes; at the old one it does.
    assert!(d.differences.iter().all(|x| x.name != "x = 4%"));
    named(&d, "x = 5%");
}

#[test]
fn a_veto_threshold_is_probed_with_the_rest_passing() {
    let a = r#"standard s { version "1"
      input z: percent input w: percent
      basic vetoes "否决" { item v "v" { z >= 80% } }
      item i { w <= 10% } }"#;
    let b = a
        .replace("version \"1\"", "version \"2\"")
        .replace("z >= 80%", "z >= 85%");
    let (a, b) = pair(a, &b);
    let d = diff(&a, &b, &[]);
    let c = named(&d, "z = 82.5%");
    assert_eq!(c.items, vec![row("v", "pass", "fail")]);
    assert_eq!(
        (c.old_outcome.as_str(), c.new_outcome.as_str()),
        ("pass", "fail")
    );
    assert_eq!(v(&c.inputs)["w"], json!(10));
}

#[test]
fn under_or_the_other_branch_is_set_failing_so_the_change_decides() {
    let a = r#"standard s { version "1"
      input a: number unit "p" range 0..100 input flag: bool
      item k { a <= 10 or flag } }"#;
    let b = a
        .replace("version \"1\"", "version \"2\"")
        .replace("a <= 10", "a <= 8");
    let (a, b) = pair(a, &b);
    let d = diff(&a, &b, &[]);
    let c = named(&d, "a = 9");
    assert_eq!(c.items, vec![row("k", "pass", "fail")], "{}", render(&d));
    assert_eq!(v(&c.inputs)["flag"], json!(false));
    assert!(c.probe.as_ref().unwrap().en.contains("`flag` failing"));
}

#[test]
fn a_changed_scope_is_probed_with_the_item_failing() {
    let a = r#"standard s { version "1"
      input n: count input x: percent
      item i applies when n > 10 { x <= 5% } }"#;
    let b = a
        .replace("version \"1\"", "version \"2\"")
        .replace("n > 10", "n > 20");
    let (a, b) = pair(a, &b);
    let d = diff(&a, &b, &[]);
    let c = named(&d, "n = 15");
    assert_eq!(
        c.items,
        vec![row("i", "fail", "not_applicable")],
        "{}",
        render(&d)
    );
    assert_eq!(
        (c.old_outcome.as_str(), c.new_outcome.as_str()),
        ("fail", "not_applicable")
    );
}

const SCORED: &str = r#"standard s { version "1"
  input a: number unit "points" range 0..100
  input b: number unit "points" range 0..100
  score total out_of 100 = 50% a + 50% b
  grade rating from total { good when >= 80  fair otherwise } }"#;

#[test]
fn changed_weights_find_a_case_at_the_band_they_feed() {
    let b = SCORED
        .replace("version \"1\"", "version \"2\"")
        .replace("50% a + 50% b", "40% a + 60% b");
    let (a, b) = pair(SCORED, &b);
    let d = diff(&a, &b, &[]);
    let text = render(&d);
    assert!(d.complete && d.undecided.is_empty(), "{text}");
    // A case exactly at the band bound 80, under the new weights, whose grade moves.
    let c = d
        .differences
        .iter()
        .find(|x| {
            x.probe
                .as_ref()
                .is_some_and(|p| p.target == "rating" && p.value == "80")
                && !x.grades.is_empty()
        })
        .unwrap_or_else(|| panic!("{text}"));
    let (_, o, n) = &c.grades[0];
    assert_ne!(o, n);
    assert_eq!(c.scores.len(), 1, "{text}");
    assert!(c
        .probe
        .as_ref()
        .unwrap()
        .en
        .contains("weight of `a` 50% → 40%"));
}

#[test]
fn moved_grade_bands_find_a_case_at_the_old_and_the_new_bound() {
    let b = SCORED
        .replace("version \"1\"", "version \"2\"")
        .replace(">= 80", ">= 85");
    let (a, b) = pair(SCORED, &b);
    let d = diff(&a, &b, &[]);
    let text = render(&d);
    let at = |v: &str| {
        d.differences
            .iter()
            .find(|x| x.probe.as_ref().is_some_and(|p| p.value == v))
            .unwrap_or_else(|| panic!("no case at total = {v}\n{text}"))
    };
    assert_eq!(at("80").grades, vec![row("rating", "good", "fair")]);
    assert_eq!(at("84.9").grades, vec![row("rating", "good", "fair")]);
    assert_eq!(at("82.5").grades, vec![row("rating", "good", "fair")]);
    assert!(d
        .differences
        .iter()
        .all(|x| x.probe.as_ref().map_or(true, |p| p.value != "85")));
    assert!(
        text.contains("grade rating: good → fair  评级 rating：good → fair"),
        "{text}"
    );
}

#[test]
fn a_computed_subject_is_solved_for_through_its_inputs() {
    let a = r#"standard s { version "1"
      input a: number unit "p" range 0..100
      input b: number unit "p" range 0..100
      item i { a - b <= 5 } }"#;
    let b = a
        .replace("version \"1\"", "version \"2\"")
        .replace("<= 5", "<= 3");
    let (a, b) = pair(a, &b);
    let d = diff(&a, &b, &[]);
    let c = d
        .differences
        .iter()
        .find(|x| x.probe.as_ref().is_some_and(|p| p.value == "4"))
        .unwrap_or_else(|| panic!("{}", render(&d)));
    assert_eq!(c.items, vec![row("i", "pass", "fail")]);
}

#[test]
fn probes_say_plainly_what_they_cannot_decide() {
    let a = r#"standard s { version "1"
      input a: number unit "p" range 0..100
      input b: number unit "p" range 0..100
      item i { a <= b } }"#;
    let b = a
        .replace("version \"1\"", "version \"2\"")
        .replace("a <= b", "a < b");
    let (a, b) = pair(a, &b);
    let d = diff(&a, &b, &[]);
    assert_eq!(d.undecided.len(), 1, "{}", render(&d));
    let u = &d.undecided[0];
    assert_eq!(
        (u.target.as_str(), u.reason.as_str()),
        ("i", "not_constant")
    );
    assert!(u.zh.contains("不是常数"));
    let text = render(&d);
    assert!(text.contains("What the probes cannot decide:"), "{text}");
    assert!(text.contains("探查无法判定的："), "{text}");
}

#[test]
fn probing_stops_at_the_search_budget_and_says_so() {
    let mut lib = shipped();
    lib.add("fly-local.yard", FLY_LOCAL).unwrap();
    let old = lib
        .compile("cn.vector.fly", Some("GB/T 27772-2011"))
        .unwrap();
    let new = lib
        .compile("cn.vector.fly", Some("local-2025"))
        .unwrap()
        .with_search_budget(SearchBudget { steps: 200 });
    let d = diff(&old, &new, &[]);
    assert!(!d.complete);
    assert!(render(&d).contains("探查达到搜索上限"));
}

#[test]
fn assessments_are_reported_one_by_one() {
    let mut lib = shipped();
    lib.add("fly-local.yard", FLY_LOCAL).unwrap();
    let old = lib
        .compile("cn.vector.fly", Some("GB/T 27772-2011"))
        .unwrap();
    let new = lib.compile("cn.vector.fly", Some("local-2025")).unwrap();
    let city = |room: f64| {
        json!({"standard": "cn.vector.fly", "inputs": {"room_positive_rate": room,
          "flies_per_positive_room": 1, "breeding_site_positive_rate": 1,
          "proofing_compliance_rate": 99, "ready_to_eat_sites_with_flies": 0, "typo_input": 1}})
    };
    let list = vec![
        ("a-85.json".to_string(), city(8.5)),
        ("b-20.json".to_string(), city(2.0)),
        ("c-bad.json".to_string(), json!([1, 2])),
    ];
    let list: Vec<(String, yardstick::Json)> = list
        .into_iter()
        .map(|(n, x)| (n, yardstick::Json::parse(&x.to_string()).unwrap()))
        .collect();
    let d = diff(&old, &new, &list);
    assert_eq!(d.semantic_from, "assessments");
    assert_eq!(d.subjects, vec!["a-85.json", "b-20.json", "c-bad.json"]);
    assert_eq!(d.differences.len(), 1);
    assert_eq!(d.differences[0].name, "a-85.json");
    assert_eq!(d.differences[0].levels, vec![row("level", "C", "D")]);
    let reasons: Vec<(&str, &str)> = d
        .undecided
        .iter()
        .map(|u| (u.target.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("a-85.json", "ignored_inputs"),
            ("b-20.json", "ignored_inputs"),
            ("c-bad.json", "unreadable")
        ]
    );
    let text = render(&d);
    assert!(
        text.contains("  • a-85.json: outcome pass → fail"),
        "{text}"
    );
    assert!(text.contains("level level: C → D"), "{text}");
    assert!(text.contains("  • b-20.json: no change  无变化"), "{text}");
    assert!(
        text.contains("  • c-bad.json: undecided  无法判定"),
        "{text}"
    );
    assert!(text.contains("`typo_input`"), "{text}");
}

/// A limit once written `unknown` and now known (the rodent A limit found): the structural diff says so.
#[test]
fn a_limit_that_becomes_known_is_a_change() {
    let ladder = |a: &str, version: &str| {
        format!(
            "standard demo.rodent {{\n  version \"{version}\"\n  input rate: percent\n  levels level: A > B > C, below D {{\n    rate <= [{a}, unknown, 5%]\n  }}\n}}\n"
        )
    };
    let mut lib = Library::new();
    lib.add("old.yard", &ladder("unknown", "1")).unwrap();
    lib.add("new.yard", &ladder("2%", "2")).unwrap();
    let old = lib.compile("demo.rodent", Some("1")).unwrap();
    let new = lib.compile("demo.rodent", Some("2")).unwrap();
    let d = diff(&old, &new, &[]);
    let text = render(&d);
    let c = d
        .changes
        .iter()
        .find(|c| c.kind == "level_changed")
        .unwrap_or_else(|| panic!("no level_changed in\n{text}"));
    assert_eq!(
        c.en, "ladder `level`, level A, `rate`: unknown → ≤ 2%",
        "{text}"
    );
    assert_eq!(c.zh, "等级 `level` A 级 `rate`：未知 → ≤ 2%", "{text}");
}
