#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The form and the results in both languages: units, enum values, groups, used sections and the
//! requirements beside each input (docs/json.md §3.2, §4, §5).

use std::path::Path;
use yardstick::api::{Labels, MAX_REQUIREMENTS_PER_INPUT};
use yardstick::{Library, Options, Standard};

fn shipped() -> Library {
    let mut lib = Library::new();
    lib.load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../standards"))
        .unwrap();
    lib
}

fn labels(zh: Option<&str>, en: Option<&str>) -> Labels {
    Labels {
        zh: zh.map(str::to_string),
        en: en.map(str::to_string),
    }
}

#[test]
fn a_unit_has_its_chinese_form_in_the_form_checks_and_sentences() {
    let fly = shipped()
        .compile("cn.vector.fly", Some("GB/T 27772-2011"))
        .unwrap();
    let form = fly.form();
    let input = form
        .inputs
        .iter()
        .find(|i| i.id == "flies_per_positive_room")
        .unwrap();
    assert_eq!(
        input.unit_labels,
        Some(labels(Some("只/间"), Some("flies/room")))
    );
    let pct = form
        .inputs
        .iter()
        .find(|i| i.id == "room_positive_rate")
        .unwrap();
    assert_eq!(pct.unit_labels, Some(labels(Some("%"), Some("%"))));
    let text = r#"{"standard": "cn.vector.fly", "inputs": {"room_positive_rate": 2, "flies_per_positive_room": 2,
        "breeding_site_positive_rate": 1, "proofing_compliance_rate": 99, "ready_to_eat_sites_with_flies": 0}}"#;
    let a = yardstick::json::parse_assessment(&fly, text).unwrap();
    let r = fly.evaluate(&a, &Options::explained()).unwrap();
    let level = r.item("level").unwrap().explanation.as_ref().unwrap();
    let check = level
        .checks
        .iter()
        .find(|c| c.subject.as_deref() == Some("flies_per_positive_room"))
        .unwrap();
    assert_eq!(check.unit_labels, input.unit_labels);
    assert_eq!(check.zh, "阳性间蝇密度 2 只/间 符合 ≤ 3 只/间（A 级）");
    assert_eq!(
        check.en,
        "flies per positive room 2 flies/room is within ≤ 3 flies/room (level A)"
    );
    // A source note of the fixed phrases has a Chinese form; the author's other notes do not.
    let proofing = level
        .checks
        .iter()
        .find(|c| c.subject.as_deref() == Some("proofing_compliance_rate"))
        .unwrap();
    let source = proofing.source.as_ref().unwrap();
    assert!(source.note.as_deref().unwrap_or("").contains("S35"));
    assert_eq!(
        source.note_zh, None,
        "the author's free text has no Chinese form"
    );
    let cockroach = shipped()
        .compile("cn.vector.cockroach", None)
        .unwrap()
        .form();
    let ootheca = cockroach
        .inputs
        .iter()
        .find(|i| i.id == "ootheca_rate")
        .unwrap();
    let source = ootheca.requirements[0].source.as_ref().unwrap();
    assert_eq!(source.note.as_deref(), Some("unverified"));
    assert_eq!(source.note_zh.as_deref(), Some("未经核实"));
}

#[test]
fn enum_values_groups_and_used_sections_carry_their_labels() {
    let lib = shipped();
    let form = lib
        .compile("cn.sanitary_city.national", Some("2021"))
        .unwrap()
        .form();
    let tier = form.inputs.iter().find(|i| i.id == "city_tier").unwrap();
    let choices = tier.choices.as_ref().unwrap();
    assert_eq!(choices.len(), 2);
    assert_eq!(choices[0].value, "prefecture_or_above");
    assert_eq!(choices[0].labels, labels(Some("地级及以上城市"), None));
    assert_eq!(choices[1].labels, labels(Some("县级"), None));

    let four = lib
        .compile("cn.phc.four_pests", Some("2001"))
        .unwrap()
        .form();
    let rodent = four
        .inputs
        .iter()
        .find(|i| i.id == "rodent.room_sign_rate")
        .unwrap();
    assert_eq!(rodent.group.as_deref(), Some("rodent"));
    assert_eq!(
        rodent.group_labels,
        Some(labels(Some("鼠"), Some("rodents")))
    );
    assert!(four.used_sections.is_empty());
    assert!(rodent.choices.is_none());

    // A standard that uses the four-pest criteria lists their section under its full id.
    let pre = lib
        .compile("cn.sanitary_city.national", Some("pre-2014"))
        .unwrap()
        .form();
    assert!(
        pre.used_sections
            .iter()
            .any(|s| s.id == "pests.criteria"
                && s.labels == labels(Some("考核标准"), Some("criteria"))),
        "{:?}",
        pre.used_sections
    );
    assert!(pre.sections.iter().all(|s| !s.id.starts_with("pests.")));
}

#[test]
fn requirements_beside_an_input_come_from_its_comparisons_with_constants() {
    let std = Standard::from_text(
        "q.yard",
        r#"standard q {
  version "1"
  input rate: percent label zh "满意率" en "satisfaction"
  input flies: number unit "flies/room"
  input other: percent
  input tier: enum [big "大", small "小"]
  item a "甲" clause "3.1" {
    rate >= 90%
    not (other >= 5%)
    rate >= other
    tier == big
  }
  levels level: A > B, below C {
    flies <= [1, 3]
  }
}"#,
    )
    .unwrap();
    let form = std.form();
    let get = |id: &str| form.inputs.iter().find(|i| i.id == id).unwrap();
    let rate = &get("rate").requirements;
    assert_eq!(rate.len(), 1, "{rate:?}");
    assert_eq!(rate[0].item, "a");
    assert_eq!(rate[0].item_labels, labels(Some("甲"), None));
    assert_eq!(rate[0].clause.as_deref(), Some("3.1"));
    assert_eq!(rate[0].op, ">=");
    assert_eq!(rate[0].threshold.to_string(), "90");
    assert!(rate[0].percent);
    assert_eq!(
        (rate[0].zh.as_str(), rate[0].en.as_str()),
        ("≥ 90%", "≥ 90%")
    );
    // Under `not`: the opposite is asked, so it is not listed.
    assert!(get("other").requirements.is_empty());
    let flies = &get("flies").requirements;
    assert_eq!(flies.len(), 2);
    assert_eq!(flies[1].level.as_deref(), Some("B"));
    assert_eq!(flies[1].zh, "≤ 3 只/间（B 级）");
    assert_eq!(flies[1].en, "≤ 3 flies/room (level B)");
    assert_eq!(
        flies[1].unit_labels,
        Some(labels(Some("只/间"), Some("flies/room")))
    );
    let tier = &get("tier").requirements;
    assert_eq!(
        (tier[0].zh.as_str(), tier[0].en.as_str()),
        ("= 大", "= big")
    );
}

#[test]
fn requirements_per_input_stop_at_the_limit() {
    let at = MAX_REQUIREMENTS_PER_INPUT;
    for n in [at, at + 1] {
        let conditions: String = (0..n).map(|k| format!("    x <= {}\n", k + 1)).collect();
        let text = format!(
            "standard q {{\n  version \"1\"\n  input x: count\n  item a {{\n{conditions}  }}\n}}"
        );
        let std = Standard::from_text("q.yard", &text).unwrap();
        let form = std.form();
        let reqs = &form.inputs[0].requirements;
        assert_eq!(reqs.len(), n.min(at), "{n} comparisons");
        assert_eq!(reqs[0].zh, "≤ 1");
        assert_eq!(reqs[at - 1].en, format!("≤ {at}"));
    }
}
