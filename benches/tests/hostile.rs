#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The hang cases of issue 10 answer, or report a search stopped at its budget. No timing here (speed
//! lives in `cargo bench -p yardstick-benches --bench growth`): each case asserts the answer and whether
//! the search finished, so a search that stops being bounded shows up as a test that never ends.

use yardstick::{Evaluation, Library, Options, Outcome, SearchBudget, Standard};
use yardstick_benches::hostile;

fn eval(c: &hostile::Case) -> Evaluation {
    Standard::from_text("hostile.yard", &c.doc)
        .unwrap()
        .evaluate_text(&c.assessment, &Options::default())
        .unwrap()
}

#[test]
fn a_100_by_100_ladder_answers_and_says_its_fix_search_stopped() {
    let r = eval(&hostile::ladder(100));
    assert_eq!(r.outcome, Outcome::Fail);
    assert!(!r.fixes_complete);
    let note = &r.notes[0];
    assert_eq!(note.code, "fixes_incomplete");
    assert!(note.zh.contains("上限"));
}

#[test]
fn three_thousand_missing_answers_finish_the_best_and_worst_search() {
    let r = eval(&hostile::missing(3000));
    assert_eq!(r.outcome, Outcome::Unknown);
    let p = r.partial.unwrap();
    assert_eq!(p.best, Outcome::Pass);
    assert_eq!(p.worst, Outcome::Fail);
    assert!(p.complete);
    assert_eq!(p.ask_next.len(), 3000);
}

#[test]
fn three_thousand_failing_items_each_get_their_fix() {
    let r = eval(&hostile::failing(3000));
    assert!(r.fixes_complete);
    assert_eq!(r.fixes.len(), 3000);
    assert_eq!(r.fixes[0].to.to_string(), "90");
}

#[test]
fn at_least_3000_answers_and_says_its_fix_search_stopped() {
    let r = eval(&hostile::at_least(3000));
    assert_eq!(r.outcome, Outcome::Fail);
    assert!(!r.fixes_complete);
}

#[test]
fn a_bigger_budget_finishes_what_a_small_one_stops() {
    let c = hostile::failing(200);
    let std = Standard::from_text("hostile.yard", &c.doc).unwrap();
    let tight = std
        .clone()
        .with_search_budget(SearchBudget { steps: 100 })
        .evaluate_text(&c.assessment, &Options::default())
        .unwrap();
    assert!(!tight.fixes_complete);
    let some = tight.fixes.len();
    assert!(some < 200, "{some}");
    let ample = std
        .with_search_budget(SearchBudget { steps: 100_000_000 })
        .evaluate_text(&c.assessment, &Options::default())
        .unwrap();
    assert!(ample.fixes_complete);
    assert_eq!(ample.fixes.len(), 200);
    // The ladder with every row failing has no single-input fix, but the search finishes.
    let c = hostile::ladder(20);
    let r = Standard::from_text("hostile.yard", &c.doc)
        .unwrap()
        .with_search_budget(SearchBudget { steps: 100_000_000 })
        .evaluate_text(&c.assessment, &Options::default())
        .unwrap();
    assert!(r.fixes_complete);
}

/// The old and new versions of `hostile::diff(n)` in one library, compiled.
fn versions(n: usize) -> (Standard, Standard) {
    let (old, new) = hostile::diff(n);
    let mut lib = Library::new();
    let window = |text: &str, v: &str, w: &str| {
        text.replace("version \"1\"", &format!("version \"{v}\"\n  {w}"))
    };
    lib.add(
        "old.yard",
        &window(&old, "1", "effective from 2020-01-01 until 2021-01-01"),
    )
    .unwrap();
    lib.add("new.yard", &window(&new, "2", "effective from 2021-01-01"))
        .unwrap();
    (
        lib.compile("hostile", Some("1")).unwrap(),
        lib.compile("hostile", Some("2")).unwrap(),
    )
}

#[test]
fn diff_of_1000_changed_items_stops_probing_at_the_budget() {
    let (o, n) = versions(1000);
    let d = yardstick::diff::diff(&o, &n, &[]);
    assert!(!d.complete);
    assert!(!d.differences.is_empty());
    assert!(yardstick::diff::render(&d).contains("探查达到搜索上限"));
    // Ten changes fit the budget: every changed limit shows a case.
    let (o, n) = versions(10);
    let d = yardstick::diff::diff(&o, &n, &[]);
    assert!(d.complete);
    assert!(d.differences.len() >= 10, "{}", d.differences.len());
}
