//! How the searches grow: eval with fixes and partial answers for ladders N×N, N missing inputs, N failing
//! items, `at_least N`, and diff of N changes, at N = 10, 100, 1,000, with the exponent fitted between
//! the last two sizes (time ∝ N^k). `cargo bench -p yardstick-benches --bench growth` prints the table in
//! BENCHMARKS.md ("Growth"); `-- --quick` runs N = 10 and 100 only. First, evaluation alone against
//! document size (N = 10 to 10,000 items, explanation off and on), which stays linear.
#![allow(clippy::expect_used, reason = "a benchmark of fixed, known-good cases")]

use std::time::{Duration, Instant};
use yardstick::Standard;
use yardstick_benches::hostile;

fn time(mut f: impl FnMut()) -> Duration {
    // Repeat small cases so each figure covers at least ~50 ms.
    let start = Instant::now();
    f();
    let once = start.elapsed();
    let reps = (Duration::from_millis(50).as_nanos() / once.as_nanos().max(1)).clamp(1, 200) as u32;
    if reps == 1 {
        return once;
    }
    let start = Instant::now();
    for _ in 0..reps {
        f();
    }
    start.elapsed() / reps
}

fn eval_case(c: &hostile::Case) -> (Duration, String) {
    let std = match Standard::from_text("hostile.yard", &c.doc) {
        Ok(s) => s,
        Err(e) => {
            let msg = e.to_string();
            return (Duration::ZERO, msg.chars().take(80).collect());
        }
    };
    let mut note = String::new();
    let d = time(|| {
        let r = std
            .evaluate_text(&c.assessment, &yardstick::Options::default())
            .expect("the case evaluates");
        note = if !r.fixes_complete {
            "fixes stopped at budget".into()
        } else if r.partial.as_ref().is_some_and(|p| !p.complete) {
            "partial stopped at budget".into()
        } else {
            "complete".into()
        };
    });
    (d, note)
}

fn diff_case(n: usize) -> (Duration, String) {
    let (old, new) = hostile::diff(n);
    let mut lib = yardstick::Library::new();
    lib.add(
        "old.yard",
        &old.replace(
            "version \"1\"",
            "version \"1\"\n  effective from 2020-01-01 until 2021-01-01",
        ),
    )
    .expect("old adds");
    lib.add(
        "new.yard",
        &new.replace(
            "version \"1\"",
            "version \"2\"\n  effective from 2021-01-01",
        ),
    )
    .expect("new adds");
    let o = lib.compile("hostile", Some("1")).expect("old compiles");
    let nw = lib.compile("hostile", Some("2")).expect("new compiles");
    let mut note = String::new();
    let d = time(|| {
        let r = yardstick::diff::diff(&o, &nw, &[]);
        note = if r.complete {
            format!("complete, {} cases", r.differences.len())
        } else {
            format!("stopped at budget, {} cases", r.differences.len())
        };
    });
    (d, note)
}

/// Evaluation alone (the assessment read once, before timing) of [`yardstick_benches::scaled`] documents
/// of N items: explanation off (outcome, items) and on.
fn evaluation_growth() {
    println!("| evaluation of N items (assessment read before timing) | N = 10 | N = 100 | N = 1,000 | N = 10,000 | per item at 10,000 | exponent (1,000→10,000) |");
    println!("|---|---|---|---|---|---|---|");
    let off = yardstick::Options {
        explain: false,
        items: true,
        fixes: false,
        partial: false,
    };
    let on = yardstick::Options {
        explain: true,
        ..off
    };
    for (name, opts) in [("explanation off", off), ("explanation on", on)] {
        let mut cells = Vec::new();
        for n in [10usize, 100, 1000, 10_000] {
            let c = yardstick_benches::scaled(n);
            let std =
                Standard::from_text("scaled.yard", &c.doc).expect("the scaled document compiles");
            let a = std
                .assessment(&c.assessment)
                .expect("the scaled assessment reads");
            cells.push(time(|| {
                std::hint::black_box(std.evaluate(&a, &opts).expect("evaluates"));
            }));
        }
        let f = |d: &Duration| {
            let us = d.as_secs_f64() * 1e6;
            if us < 1000.0 {
                format!("{us:.1} µs")
            } else {
                format!("{:.2} ms", us / 1000.0)
            }
        };
        let per = cells[3].as_secs_f64() * 1e9 / 10_000.0;
        let exp = (cells[3].as_secs_f64() / cells[2].as_secs_f64()).log10();
        println!(
            "| {name} | {} | {} | {} | {} | {per:.0} ns | {exp:.2} |",
            f(&cells[0]),
            f(&cells[1]),
            f(&cells[2]),
            f(&cells[3])
        );
    }
    println!();
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    evaluation_growth();
    let sizes: &[usize] = if quick { &[10, 100] } else { &[10, 100, 1000] };
    println!("| case | N = 10 | N = 100 | N = 1,000 | exponent (100→1,000) | at the largest N |");
    println!("|---|---|---|---|---|---|");
    type Gen = fn(usize) -> hostile::Case;
    let gens: [(&str, Gen); 4] = [
        ("ladder N×N", hostile::ladder),
        ("N missing inputs", hostile::missing),
        ("N failing items", hostile::failing),
        ("at_least N", hostile::at_least),
    ];
    for (name, g) in gens {
        // A 1,000 × 1,000 ladder is 5 MB, past the 4 MiB document limit: the largest that fits is ~890.
        let runs: Vec<(Duration, String)> = sizes
            .iter()
            .map(|&n| {
                if name.starts_with("ladder") {
                    n.min(800)
                } else {
                    n
                }
            })
            .map(|n| eval_case(&g(n)))
            .collect();
        row(name, &runs);
    }
    let runs: Vec<(Duration, String)> = sizes.iter().map(|&n| diff_case(n)).collect();
    row("diff of N changes", &runs);
    if quick {
        return;
    }
    println!();
    println!("| largest hostile document within the 4 MiB limit | size | eval with fixes and partial | search |");
    println!("|---|---|---|---|");
    let largest: [(&str, hostile::Case); 4] = [
        ("ladder 880 × 880", hostile::ladder(880)),
        ("40,000 missing inputs", hostile::missing(40_000)),
        ("40,000 failing items", hostile::failing(40_000)),
        ("at_least 35,000", hostile::at_least(35_000)),
    ];
    for (name, c) in largest {
        let (d, note) = eval_case(&c);
        println!(
            "| {name} | {:.2} MB | {:.1} ms | {note} |",
            c.doc.len() as f64 / 1e6,
            d.as_secs_f64() * 1e3
        );
    }
}

fn row(name: &str, runs: &[(Duration, String)]) {
    let cell = |k: usize| {
        runs.get(k)
            .map(|(d, _)| format!("{:.3} ms", d.as_secs_f64() * 1e3))
            .unwrap_or_else(|| "-".into())
    };
    let k = runs.len();
    let exp = if k >= 2 {
        let (a, b) = (runs[k - 2].0.as_secs_f64(), runs[k - 1].0.as_secs_f64());
        format!("{:.2}", (b / a).log10())
    } else {
        "-".into()
    };
    let last = runs.last().map(|r| r.1.as_str()).unwrap_or("");
    println!(
        "| {name} | {} | {} | {} | {exp} | {last} |",
        cell(0),
        cell(1),
        cell(2)
    );
}
