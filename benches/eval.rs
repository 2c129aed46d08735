//! Evaluation speed on a realistic 40-item standard: explanation off and on, and compile time.
//!
//! Run: `cargo bench -p yardstick-benches --bench eval`

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

use yardstick::Options;
use yardstick_benches::{assessment_40 as assessment, standard_40};

fn benches(c: &mut Criterion) {
    let text = standard_40();
    let std = match yardstick::Standard::from_text("forty.yard", &text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("the bench standard does not compile: {e:?}");
            return;
        }
    };
    let a_text = assessment();
    let a = match std.assessment(&a_text) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bad bench assessment: {e}");
            return;
        }
    };
    // Through the facade, as an embedder calls it: the typed result.
    let outcome_only = Options::outcome_only();
    let explained_only = Options {
        explain: true,
        items: true,
        fixes: false,
        partial: false,
    };
    c.bench_function("compile 40-item standard", |b| {
        b.iter(|| yardstick::Standard::from_text("forty.yard", black_box(&text)).is_ok())
    });
    c.bench_function("evaluate 40 items, explanation off", |b| {
        b.iter(|| std.evaluate(black_box(&a), &outcome_only).is_ok())
    });
    c.bench_function("evaluate 40 items, explanation on", |b| {
        b.iter(|| std.evaluate(black_box(&a), &explained_only).is_ok())
    });
    c.bench_function(
        "evaluate 40 items, full JSON result with explanation",
        |b| {
            b.iter(|| {
                std.evaluate(black_box(&a), &Options::explained())
                    .map(|r| r.to_json())
                    .is_ok()
            })
        },
    );
}

/// The browser calculator's benchmark case, natively: the vetoed pre-2014 city, full JSON result (with the
/// fixes and the explanation), from the shipped standards.
fn shipped(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut lib = yardstick::Library::new();
    if lib.load_dir(&root.join("standards")).is_err() {
        return;
    }
    let Ok(std) = lib.compile("cn.sanitary_city.national", Some("pre-2014")) else {
        return;
    };
    let Ok(text) =
        std::fs::read_to_string(root.join("examples/assessments/city-vetoed-pre2014.json"))
    else {
        return;
    };
    c.bench_function(
        "pre-2014 vetoed city, JSON result without explanation",
        |b| {
            b.iter(|| {
                std.evaluate_text(black_box(&text), &Options::default())
                    .map(|r| r.to_json())
                    .is_ok()
            })
        },
    );
    c.bench_function("pre-2014 vetoed city, JSON result with explanation", |b| {
        b.iter(|| {
            std.evaluate_text(black_box(&text), &Options::explained())
                .map(|r| r.to_json())
                .is_ok()
        })
    });
}

criterion_group!(eval, benches, shipped);
criterion_main!(eval);
