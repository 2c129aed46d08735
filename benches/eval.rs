//! Evaluation speed on a realistic 40-item standard: explanation off and on, and compile time.
//!
//! Run: `cargo bench -p yardstick-benches --bench eval`

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// A 40-item standard: 40 percentage inputs, 30 plain items in two sections, 10 vetoes, a weighted score
/// and a grade.
fn standard_40() -> String {
    let mut s = String::from("standard bench.forty {\n  version \"1\"\n");
    for i in 0..40 {
        s.push_str(&format!(
            "  input x{i}: percent label zh \"指标{i}\" en \"indicator {i}\"\n"
        ));
    }
    s.push_str("  basic vetoes \"基本条件\" {\n");
    for i in 0..10 {
        s.push_str(&format!("    item v{i} \"否决{i}\" {{ x{i} >= 90% }}\n"));
    }
    s.push_str("  }\n  section a \"甲\" {\n");
    for i in 10..25 {
        s.push_str(&format!("    item i{i} \"项{i}\" {{ x{i} <= 5% }}\n"));
    }
    s.push_str("  }\n  section b \"乙\" {\n");
    for i in 25..40 {
        s.push_str(&format!(
            "    item i{i} \"项{i}\" {{ x{i} >= 60% and x{i} <= 99% }}\n"
        ));
    }
    s.push_str("  }\n  score total out_of 100 = 25% x0 + 25% x1 + 25% x2 + 25% x3\n");
    s.push_str("  grade rating from total {\n    good when >= 90\n    fair when >= 60 and < 90\n    poor otherwise\n  }\n}\n");
    s
}

fn assessment() -> String {
    let inputs: Vec<String> = (0..40)
        .map(|i| {
            format!(
                "\"x{i}\": {}",
                if i < 10 {
                    95
                } else if i < 25 {
                    3
                } else {
                    80
                }
            )
        })
        .collect();
    format!(
        "{{\"standard\": \"bench.forty\", \"inputs\": {{{}}}}}",
        inputs.join(", ")
    )
}

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
    let a = match yardstick::json::parse_assessment(&std, &a_text) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bad bench assessment: {e:?}");
            return;
        }
    };
    let p = std.program();
    c.bench_function("compile 40-item standard", |b| {
        b.iter(|| yardstick::Standard::from_text("forty.yard", black_box(&text)).is_ok())
    });
    c.bench_function("evaluate 40 items, explanation off", |b| {
        b.iter(|| yardstick_bench_eval(p, black_box(&a.values)))
    });
    c.bench_function("evaluate 40 items, explanation on", |b| {
        b.iter(|| {
            let e = yardstick_bench_eval(p, black_box(&a.values));
            e.and_then(|e| yardstick::bench_support::explain(p, &a.values, &e).ok())
        })
    });
    c.bench_function(
        "evaluate 40 items, full JSON result with explanation",
        |b| b.iter(|| yardstick::json::evaluate(&std, black_box(&a), true).is_ok()),
    );
}

fn yardstick_bench_eval(
    p: &yardstick::bench_support::Program,
    v: &[yardstick::bench_support::Val],
) -> Option<yardstick::bench_support::Evaluation> {
    yardstick::bench_support::evaluate(p, v).ok()
}

criterion_group!(eval, benches);
criterion_main!(eval);
