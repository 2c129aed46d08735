//! The editor's wait: how long `yardstick-ide` takes to give the diagnostics after a change, on the
//! largest shipped standard (with the library it resolves `use`/`extends` in) and on a generated 1 MB
//! document; with, beside them, the other answers an editor asks for after typing (hover, completion,
//! semantic tokens). `cargo bench -p yardstick-benches --bench ide` prints the table in BENCHMARKS.md
//! ("Editor"); `-- --quick` does fewer rounds. A benchmark, not a timed test: it asserts nothing about
//! time.
#![allow(clippy::expect_used, reason = "a benchmark of fixed, known-good cases")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use yardstick_ide::{Analysis, Lang, TextRange};

fn yard_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir)
        .expect("the standards folder")
        .flatten()
    {
        let p = e.path();
        if p.is_dir() {
            yard_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yard") {
            out.push(p);
        }
    }
}

/// A generated document of about `bytes` bytes: inputs with labels and items reading them, all clean.
fn generated(bytes: usize) -> String {
    let mut t = String::from("standard bench.big {\n  version \"1\"\n");
    let mut k = 0;
    while t.len() < bytes {
        t.push_str(&format!(
            "  input rate_{k}: percent range 0%..100%\n    label zh \"指标{k}\" en \"indicator {k}\" source \"S{k}\" tier B\n  item item_{k} \"条目{k}\" clause \"{k}\" {{ rate_{k} >= 90% and rate_{k} <= 100% }}\n"
        ));
        k += 1;
    }
    t.push_str("}\n");
    t
}

struct Stats {
    median: Duration,
    max: Duration,
}

fn stats(mut v: Vec<Duration>) -> Stats {
    v.sort();
    Stats {
        median: v[v.len() / 2],
        max: v[v.len() - 1],
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Rounds of: one keystroke (a digit of a threshold changed, then changed back), then the diagnostics.
fn after_change(a: &mut Analysis, file: &str, rounds: usize) -> (Stats, usize) {
    let text = a.text(file).expect("open").to_string();
    let at = text
        .find("90%")
        .or_else(|| text.find(">= "))
        .expect("a threshold to edit");
    let mut times = Vec::new();
    let mut count = 0;
    for r in 0..rounds {
        let digit = if r % 2 == 0 { "8" } else { "9" };
        let start = Instant::now();
        a.change(
            file,
            &[(
                Some(TextRange {
                    start: at,
                    end: at + 1,
                }),
                digit.into(),
            )],
        )
        .expect("the change applies");
        count = a.diagnostics(file).expect("diagnostics").len();
        times.push(start.elapsed());
    }
    (stats(times), count)
}

fn other(a: &mut Analysis, file: &str, rounds: usize) -> [Stats; 3] {
    let text = a.text(file).expect("open").to_string();
    let at = text.rfind(">= ").expect("a comparison") - 2;
    let mut hover = Vec::new();
    let mut complete = Vec::new();
    let mut tokens = Vec::new();
    for _ in 0..rounds {
        let s = Instant::now();
        let _ = a.hover(file, at);
        hover.push(s.elapsed());
        let s = Instant::now();
        let _ = a.completion(file, at);
        complete.push(s.elapsed());
        let s = Instant::now();
        let _ = a.semantic_tokens(file);
        tokens.push(s.elapsed());
    }
    [stats(hover), stats(complete), stats(tokens)]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 5 } else { 21 };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    yard_files(&repo.join("standards"), &mut files);
    files.sort();
    let mut lib = yardstick::Library::new();
    for f in &files {
        lib.add_file(f);
    }
    let largest = files
        .iter()
        .max_by_key(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .expect("a shipped standard");
    let name = largest.display().to_string();
    let text = std::fs::read_to_string(largest).expect("readable");
    let mut a = Analysis::new(lib, Lang::En);
    a.open(&name, &text).expect("opens");

    println!("| document | bytes | diagnostics after a change (median / max of {rounds}) | problems | hover | completion | semantic tokens |");
    println!("|---|---|---|---|---|---|---|");
    let (d, n) = after_change(&mut a, &name, rounds);
    let [h, c, t] = other(&mut a, &name, rounds);
    let short = largest
        .strip_prefix(&repo)
        .unwrap_or(largest)
        .display()
        .to_string();
    println!(
        "| `{short}` (largest shipped) | {} | {} / {} | {n} | {} | {} | {} |",
        text.len(),
        ms(d.median),
        ms(d.max),
        ms(h.median),
        ms(c.median),
        ms(t.median)
    );

    let big = generated(1_000_000);
    let mut a = Analysis::new(yardstick::Library::new(), Lang::En);
    a.open("big.yard", &big).expect("opens");
    let big_rounds = if quick { 3 } else { 7 };
    let (d, n) = after_change(&mut a, "big.yard", big_rounds);
    let [h, c, t] = other(&mut a, "big.yard", big_rounds);
    println!(
        "| generated (inputs and items) | {} | {} / {} | {n} | {} | {} | {} |",
        big.len(),
        ms(d.median),
        ms(d.max),
        ms(h.median),
        ms(c.median),
        ms(t.median)
    );
}
