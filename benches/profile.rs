//! A plain loop for profilers (perf, callgrind): `cargo run --release -p yardstick-benches --example profile -- [explain|full|default] [scaled=K [bare] | national [file=F | check | text]] [json] [N]`
//! (`full`: the whole result with explanations, fixes and partial answers; `default`: what the CLI and
//! the calculator ask for by default, `Options::default()`: summary items, fixes and partial answers;
//! `scaled=K`: the generated document of K items of `benches/growth.rs` instead of the 40-item standard,
//! with summary items, as the growth table measures it; `bare`: without the items; `json`: each result
//! also written as JSON text, as the comparison harness's full result is; `file=F`: with `national`,
//! the harness's assessments, written by `yardstick-compare --write-assessments F`, each in turn;
//! `check`: with `national`, parse and check its two documents, as the harness's parse + check does;
//! `text`: with `national`, the vetoed city from its JSON text to the result's JSON text, as the
//! browser's calculator evaluates).
fn main() {
    let default = std::env::args().any(|a| a == "default");
    let full = std::env::args().any(|a| a == "full");
    let scaled: Option<usize> =
        std::env::args().find_map(|a| a.strip_prefix("scaled=").and_then(|k| k.parse().ok()));
    let explain = full || std::env::args().any(|a| a == "explain");
    let n: usize = std::env::args()
        .filter_map(|a| a.parse().ok())
        .next()
        .unwrap_or(200_000);
    // `national`: the comparison harness's case, the pre-2014 national standard with the 2001
    // four-pest criteria, and the vetoed city of examples/assessments.
    if std::env::args().any(|a| a == "national") {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut lib = yardstick::Library::new();
        let files = [
            "standards/cn/phc/four-pests-2001.yard",
            "standards/cn/sanitary-city/national-pre2014.yard",
        ];
        for f in files {
            let Ok(t) = std::fs::read_to_string(root.join(f)) else {
                return;
            };
            if lib.add(f, &t).is_err() {
                return;
            }
        }
        // `check`: parse and check the two documents N times, as the harness's parse + check does.
        if std::env::args().any(|a| a == "check") {
            let texts: Vec<(&str, String)> = files
                .iter()
                .filter_map(|f| Some((*f, std::fs::read_to_string(root.join(f)).ok()?)))
                .collect();
            let t = std::time::Instant::now();
            let mut problems = 0usize;
            for _ in 0..n {
                let mut lib = yardstick::Library::new();
                for (name, text) in &texts {
                    let _ = lib.add(name, text);
                }
                problems += lib.check_file(files[1]).len();
            }
            let per = t.elapsed().as_nanos() as f64 / n as f64;
            println!("{n} parse + check of both documents, {per:.0} ns each [{problems}]");
            return;
        }
        let Ok(std) = lib.compile("cn.sanitary_city.national", Some("pre-2014")) else {
            return;
        };
        let options = if default {
            yardstick::Options::default()
        } else {
            yardstick::Options::outcome_only()
        };
        // `file=F`: the comparison harness's assessments (`yardstick-compare --write-assessments F`),
        // one per line, each in turn.
        if let Some(f) = std::env::args().find_map(|a| a.strip_prefix("file=").map(String::from)) {
            let Ok(t) = std::fs::read_to_string(&f) else {
                return;
            };
            let all: Vec<yardstick::Assessment> =
                t.lines().filter_map(|l| std.assessment(l).ok()).collect();
            return run_many(&std, &all, &options, n);
        }
        let Ok(t) =
            std::fs::read_to_string(root.join("examples/assessments/city-vetoed-pre2014.json"))
        else {
            return;
        };
        // `text`: from the assessment's JSON text to the result's JSON text each time, as the
        // browser's calculator does (its warm evaluation in scripts/web-test.sh).
        if std::env::args().any(|a| a == "text") {
            let start = std::time::Instant::now();
            let mut k = 0usize;
            for _ in 0..n {
                if let Ok(r) = std.evaluate_text(&t, &options) {
                    k += r.to_json().len();
                }
            }
            let per = start.elapsed().as_nanos() as f64 / n as f64;
            println!(
                "{n} evaluations from JSON text to JSON text, {per:.0} ns each ({options:?}) [{k}]"
            );
            return;
        }
        let Ok(a) = std.assessment(&t) else { return };
        return run(&std, &a, &options, n);
    }
    let (text, answers) = match scaled {
        Some(k) => {
            let c = yardstick_benches::scaled(k);
            (c.doc, c.assessment)
        }
        None => (
            yardstick_benches::standard_40(),
            yardstick_benches::assessment_40(),
        ),
    };
    let Ok(std) = yardstick::Standard::from_text("profiled.yard", &text) else {
        return;
    };
    let Ok(a) = std.assessment(&answers) else {
        return;
    };
    let options = if default {
        yardstick::Options::default()
    } else {
        yardstick::Options {
            explain,
            items: explain || (scaled.is_some() && !std::env::args().any(|a| a == "bare")),
            fixes: full,
            partial: full,
        }
    };
    run(&std, &a, &options, n);
}

fn run(
    std: &yardstick::Standard,
    a: &yardstick::Assessment,
    options: &yardstick::Options,
    n: usize,
) {
    run_many(std, std::slice::from_ref(a), options, n);
}

fn run_many(
    std: &yardstick::Standard,
    all: &[yardstick::Assessment],
    options: &yardstick::Options,
    n: usize,
) {
    let json = std::env::args().any(|a| a == "json");
    let t = std::time::Instant::now();
    let mut k = 0usize;
    for a in all.iter().cycle().take(n) {
        if let Ok(r) = std.evaluate(a, options) {
            k += r.failing.len() + r.items.len();
            if json {
                k += r.to_json().len();
            }
        }
    }
    let per = t.elapsed().as_nanos() as f64 / n as f64;
    println!("{n} evaluations, {per:.0} ns each ({options:?}) [{k}]");
}
