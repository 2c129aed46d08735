//! A plain loop for profilers (perf, callgrind): `cargo run --release -p yardstick-benches --example profile -- [explain|full] [N]`
//! (`full`: the whole result the CLI and the calculator ask for, explanations, fixes and partial answers).
fn main() {
    let full = std::env::args().any(|a| a == "full");
    let explain = full || std::env::args().any(|a| a == "explain");
    let n: usize = std::env::args()
        .filter_map(|a| a.parse().ok())
        .next()
        .unwrap_or(200_000);
    let text = yardstick_benches::standard_40();
    let Ok(std) = yardstick::Standard::from_text("forty.yard", &text) else {
        return;
    };
    let Ok(a) = std.assessment(&yardstick_benches::assessment_40()) else {
        return;
    };
    let options = yardstick::Options {
        explain,
        items: explain,
        fixes: full,
        partial: full,
    };
    let t = std::time::Instant::now();
    let mut k = 0usize;
    for _ in 0..n {
        if let Ok(r) = std.evaluate(&a, &options) {
            k += r.failing.len() + r.items.len();
        }
    }
    let per = t.elapsed().as_nanos() as f64 / n as f64;
    println!(
        "{n} evaluations, {per:.0} ns each (explain: {explain}, fixes and partial: {full}) [{k}]"
    );
}
