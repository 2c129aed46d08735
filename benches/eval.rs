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

/// The engine alone, compiled form against the tree evaluator (the reference), on the comparison
/// harness's rules (the pre-2014 national standard using the 2001 four-pest criteria) and on the
/// 40-item standard.
fn compiled_vs_tree(c: &mut Criterion) {
    use yardstick_core::compiled::{empty, Compiled};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_default();
    let national = vec![
        (
            "national-pre2014.yard".to_string(),
            read("standards/cn/sanitary-city/national-pre2014.yard"),
        ),
        (
            "four-pests-2001.yard".to_string(),
            read("standards/cn/phc/four-pests-2001.yard"),
        ),
    ];
    let forty = vec![("forty.yard".to_string(), standard_40())];
    let cases = [
        (
            "pre-2014 vetoed city",
            national,
            read("examples/assessments/city-vetoed-pre2014.json"),
        ),
        ("40 items", forty, assessment()),
    ];
    for (name, texts, a) in cases {
        let Some(p) = yardstick_benches::core::program(&texts, 0) else {
            eprintln!("{name}: does not compile");
            continue;
        };
        let inputs = yardstick_benches::core::inputs(&p, &a);
        let compiled = Compiled::new(&p);
        c.bench_function(&format!("core {name}: tree evaluate"), |b| {
            b.iter(|| yardstick_core::eval::evaluate(&p, black_box(&inputs)).is_ok())
        });
        c.bench_function(&format!("core {name}: compiled, every definition"), |b| {
            b.iter(|| compiled.evaluate(&p, black_box(&inputs)).is_ok())
        });
        let mut out = empty();
        c.bench_function(
            &format!("core {name}: compiled, reported definitions, reused buffers"),
            |b| {
                b.iter(|| {
                    compiled
                        .evaluate_into(&p, black_box(&inputs), false, &mut out)
                        .is_ok()
                })
            },
        );
    }
}

criterion_group!(eval, benches, shipped, compiled_vs_tree);
criterion_main!(eval);
