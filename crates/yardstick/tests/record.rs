#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Explanation by replay: a [`yardstick::Record`] gives, item by item and as a whole, exactly what
//! `Standard::evaluate` gives, for every shipped standard and every example assessment.

use std::path::Path;
use yardstick::{Library, Options, Standard};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn shipped() -> Library {
    let mut lib = Library::new();
    lib.load_dir(&root().join("standards")).unwrap();
    lib
}

/// Every (standard, assessment text) pair: each example assessment against the version it names, and
/// an assessment with no answers against every shipped document.
fn cases(lib: &Library) -> Vec<(String, Standard, String)> {
    let mut out = Vec::new();
    for d in lib.documents() {
        let std = lib.compile(&d.id, Some(&d.version)).unwrap();
        out.push((
            format!("{} {} with no answers", d.id, d.version),
            std,
            r#"{"inputs": {}}"#.to_string(),
        ));
    }
    let mut files: Vec<_> = std::fs::read_dir(root().join("examples/assessments"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let Some(id) = v["standard"].as_str() else {
            continue;
        };
        let Ok(std) = lib.compile(id, v["version"].as_str()) else {
            continue;
        };
        out.push((f.display().to_string(), std, text));
    }
    assert!(out.len() > 40, "only {} cases", out.len());
    out
}

fn all_options() -> Vec<Options> {
    let mut v = Vec::new();
    for explain in [false, true] {
        for items in [false, true] {
            for fixes in [false, true] {
                for partial in [false, true] {
                    v.push(Options {
                        explain,
                        items,
                        fixes,
                        partial,
                    });
                }
            }
        }
    }
    v
}

#[test]
fn a_record_gives_what_evaluate_gives_for_every_option() {
    let lib = shipped();
    let mut checked = 0;
    for (name, std, text) in cases(&lib) {
        let Ok(a) = std.assessment(&text) else {
            continue; // an example of refused answers: nothing to record
        };
        for opts in all_options() {
            // A fresh record each time: completing it must not depend on what was asked before.
            let fresh = std.record(&a).unwrap();
            assert_eq!(
                fresh.evaluation(&opts).unwrap(),
                std.evaluate(&a, &opts).unwrap(),
                "{name} {opts:?}"
            );
        }
        // One record asked everything in turn.
        let record = std.record(&a).unwrap();
        for opts in all_options().into_iter().rev() {
            assert_eq!(
                record.evaluation(&opts).unwrap(),
                std.evaluate(&a, &opts).unwrap(),
                "{name} {opts:?} (reused record)"
            );
        }
        checked += 1;
    }
    assert!(checked > 40, "{checked}");
}

#[test]
fn explaining_one_item_gives_the_item_of_the_explained_result() {
    let lib = shipped();
    for (name, std, text) in cases(&lib) {
        let Ok(a) = std.assessment(&text) else {
            continue;
        };
        let whole = std.evaluate(&a, &Options::explained()).unwrap();
        let record = std.record(&a).unwrap();
        assert_eq!(record.outcome(), whole.outcome, "{name}");
        assert_eq!(record.vetoed_by(), whole.vetoed_by, "{name}");
        assert_eq!(record.failing(), whole.failing, "{name}");
        assert_eq!(record.grade(), whole.grade.as_deref(), "{name}");
        // Item by item, on a record nothing else was asked of, in reverse order.
        for item in whole.items.iter().rev() {
            let one = std.record(&a).unwrap().explain(&item.id).unwrap();
            assert_eq!(one.as_ref(), Some(item), "{name}: {}", item.id);
            assert_eq!(
                record.explain(&item.id).unwrap().as_ref(),
                Some(item),
                "{name}: {}",
                item.id
            );
        }
        assert_eq!(record.explanations().unwrap(), whole.items, "{name}");
    }
}

#[test]
fn an_id_the_standard_does_not_define_has_no_explanation() {
    let lib = shipped();
    let std = lib.compile("cn.vector.fly", None).unwrap();
    let a = std.assessment(r#"{"inputs": {}}"#).unwrap();
    let record = std.record(&a).unwrap();
    for id in ["", "nope", "room_positive_rate", "b1 ", "B1"] {
        assert_eq!(record.explain(id).unwrap(), None, "{id:?}");
    }
}

/// A `let` that nothing reported reads (and that cannot raise an error: no arithmetic) is skipped by
/// the first evaluation; explaining it, or anything asking for every definition, completes the
/// record first.
#[test]
fn what_the_first_evaluation_skipped_is_evaluated_when_explained() {
    let std = Standard::from_text(
        "spare.yard",
        r#"standard spare { version "1"
          input rooms: count label zh "房间数" en "rooms"
          input positive: count label zh "阳性房间数" en "positive rooms"
          let spare = rooms >= 8
          let doubled = spare and positive <= 4
          basic { item b1 "阳性房间" { positive <= 3 } } }"#,
    )
    .unwrap();
    let a = std
        .assessment(r#"{"inputs": {"rooms": 10, "positive": 5}}"#)
        .unwrap();
    let whole = std.evaluate(&a, &Options::explained()).unwrap();
    let doubled = whole.item("doubled").unwrap();
    // The values themselves (`evaluate` runs through a record too, so equality alone would not show
    // a record left incomplete): rooms 10 ≥ 8, and positive 5 is not ≤ 4.
    let text = |id: &str| {
        let e = whole.item(id).unwrap().explanation.as_ref().unwrap();
        (e.value_text.clone(), e.value.is_missing())
    };
    assert_eq!(text("spare"), ("yes".to_string(), false));
    assert_eq!(text("doubled"), ("no".to_string(), false));
    assert_eq!(
        std.record(&a).unwrap().explain("doubled").unwrap().as_ref(),
        Some(doubled)
    );
    assert_eq!(
        std.record(&a).unwrap().explain("spare").unwrap().as_ref(),
        whole.item("spare")
    );
    assert_eq!(std.record(&a).unwrap().explanations().unwrap(), whole.items);
    for opts in all_options() {
        assert_eq!(
            std.record(&a).unwrap().evaluation(&opts).unwrap(),
            std.evaluate(&a, &opts).unwrap(),
            "{opts:?}"
        );
    }
}
