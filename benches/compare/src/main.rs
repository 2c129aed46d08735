//! The comparison harness: Yardstick against regorus (Rego) and zen-engine (a JDM decision) on one rule
//! set, the pre-2014 national sanitary-city standard's ten basic conditions with the 2001 four-pest
//! criteria (b5: three of four pests pass and the fourth is within 3 times its criterion).
//!
//! Run `./scripts/bench-compare.sh` (it builds this package and the `yardstick` binary in release and
//! passes their paths). Steps, in one run:
//! 1. generate 10,000 random assessments (seeded; values at, just around and far from every limit and
//!    every 3x boundary) and check that all three engines agree on the outcome and on which of b1..b10
//!    fail (exit 1 on the first disagreement, with the assessment);
//! 2. time per-assessment evaluation (each engine on its own prepared input), compile time, parse + check
//!    per KB against serde_json, and `yardstick batch` on 1,000,000 JSONL rows (1 and 2 threads) against
//!    reading the same file line by line with serde_json;
//! 3. print a Markdown table of figures and ratios against the targets of issue 17 (first set by issue 7).
//!
//! Usage: `yardstick-compare --root REPO --yardstick BIN [--rows N] [--quick]`

use regorus::Engine;
use regorus::Rc;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;
use yardstick::Options;
use yardstick::{Library, Standard};

const STANDARD_ID: &str = "cn.sanitary_city.national";
const STANDARD_VERSION: &str = "pre-2014";
const REGO_RULE: &str = "data.yardstick.national.result";
const N_ASSESSMENTS: usize = 10_000;
/// Per-assessment times are taken over the first this many assessments (regorus needs ~1 ms each).
const TIMED: usize = 1_000;
const SEED: u64 = 0x5EED_2014;

// ---------------------------------------------------------------------------------------------------
// Random assessments

/// splitmix64: small, seeded, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// lo..=hi
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Percent,
    Number,
    Count,
}

/// The lower limits of b1, b2, b3, b4, b10: (input, limit, kind).
const AT_LEAST: [(&str, f64, Kind); 7] = [
    ("msw_harmless_rate", 80.0, Kind::Percent),
    ("sewage_treatment_rate", 50.0, Kind::Percent),
    ("green_coverage_rate", 36.0, Kind::Percent),
    ("green_space_ratio", 31.0, Kind::Percent),
    ("public_green_per_capita", 7.5, Kind::Number),
    ("good_air_day_share", 70.0, Kind::Percent),
    ("satisfaction", 90.0, Kind::Percent),
];

/// An indicator: (input, upper limit, kind).
type Indicator = (&'static str, i64, Kind);

/// The 2001 four-pest criteria: (pest, indicators).
const PESTS: [(&str, &[Indicator]); 4] = [
    (
        "rodent",
        &[
            ("powder_positive_rate", 3, Kind::Percent),
            ("room_sign_rate", 2, Kind::Percent),
            ("proofing_fault_rate", 5, Kind::Percent),
            ("outdoor_signs_per_2km", 5, Kind::Count),
        ],
    ),
    (
        "mosquito",
        &[
            ("small_water_positive_rate", 3, Kind::Percent),
            ("dip_positive_rate", 3, Kind::Percent),
            ("larvae_per_positive_dip", 5, Kind::Number),
            ("landing_index", 1, Kind::Number),
        ],
    ),
    (
        "fly",
        &[
            ("key_unit_room_rate", 1, Kind::Percent),
            ("other_unit_room_rate", 3, Kind::Percent),
            ("proofing_fault_rate", 5, Kind::Percent),
            ("breeding_site_rate", 3, Kind::Percent),
            ("flies_per_positive_room", 3, Kind::Number),
            ("ready_to_eat_sites_with_flies", 0, Kind::Count),
        ],
    ),
    (
        "cockroach",
        &[
            ("infestation_rate", 3, Kind::Percent),
            ("large_per_room", 5, Kind::Number),
            ("small_per_room", 10, Kind::Number),
            ("ootheca_rate", 2, Kind::Percent),
            ("oothecae_per_room", 4, Kind::Number),
            ("trace_rate", 5, Kind::Percent),
        ],
    ),
];

/// One assessment: (group, input, JSON value text); group is "" for the basic inputs, else the pest.
type Assessment = Vec<(&'static str, &'static str, String)>;

/// A value in hundredths as JSON text (counts as whole numbers).
fn text(hundredths: i64, kind: Kind) -> String {
    if kind == Kind::Count {
        format!("{}", hundredths / 100)
    } else {
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

/// A value around a lower limit (in hundredths): at it, one step either side, or anywhere near.
fn around_lower(rng: &mut Rng, limit: i64, max: i64, step: i64) -> i64 {
    let v = if rng.chance(88) {
        match rng.below(10) {
            0..=3 => limit,
            4..=5 => limit + step,
            _ => rng.between(limit, max),
        }
    } else if rng.chance(50) {
        limit - step
    } else {
        rng.between(0, limit)
    };
    v.clamp(0, max)
}

/// A pest's indicator values: meets every criterion, or one indicator near its limit or its 3x
/// boundary, or anything up to 4 times.
fn pest_values(rng: &mut Rng, indicators: &[Indicator]) -> Vec<i64> {
    let step = |k: Kind| if k == Kind::Count { 100 } else { 1 };
    let whole = |v: i64, k: Kind| if k == Kind::Count { v / 100 * 100 } else { v };
    let within = |rng: &mut Rng, l: i64, k: Kind| -> i64 {
        if rng.chance(30) {
            l
        } else {
            whole(rng.between(0, l), k)
        }
    };
    let mode = rng.below(100);
    let mut vals: Vec<i64> = indicators
        .iter()
        .map(|&(_, l, k)| within(rng, l * 100, k))
        .collect();
    if (70..95).contains(&mode) {
        // One (sometimes two) indicators around the limit or the 3x boundary.
        let picks = if rng.chance(20) { 2 } else { 1 };
        for _ in 0..picks {
            let i = rng.below(indicators.len() as u64) as usize;
            let (_, l, k) = indicators[i];
            let (l, s) = (l * 100, step(k));
            vals[i] = match rng.below(8) {
                0 => l + s,
                1 | 2 => 3 * l,
                3 => (3 * l - s).max(0),
                4 | 5 => 3 * l + s,
                _ => whole(rng.between(l, 4 * l + s), k),
            };
        }
    } else if mode >= 95 {
        for (v, &(_, l, k)) in vals.iter_mut().zip(indicators) {
            *v = whole(rng.between(0, 4 * l * 100 + step(k)), k);
        }
    }
    vals
}

fn generate(n: usize, seed: u64) -> Vec<Assessment> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let mut a: Assessment = Vec::new();
            for (id, limit, kind) in AT_LEAST {
                let l = (limit * 100.0).round() as i64;
                let max = if kind == Kind::Percent { 10_000 } else { 5_000 };
                let step = if rng.chance(50) { 1 } else { 10 };
                a.push(("", id, text(around_lower(&mut rng, l, max, step), kind)));
            }
            a.push(("", "regulation_in_place", rng.chance(92).to_string()));
            a.push(("", "tobacco_ads_present", rng.chance(8).to_string()));
            for id in ["major_food_incidents_2y", "ab_outbreaks_2y"] {
                let v = if rng.chance(92) { 0 } else { rng.between(1, 3) };
                a.push(("", id, v.to_string()));
            }
            for (pest, indicators) in PESTS {
                for (v, &(id, _, kind)) in pest_values(&mut rng, indicators).iter().zip(indicators)
                {
                    a.push((pest, id, text(*v, kind)));
                }
            }
            a
        })
        .collect()
}

/// Yardstick's form: a flat object of input ids (`pests.rodent.room_sign_rate`).
fn flat_json(a: &Assessment) -> String {
    let mut s = String::from("{");
    for (i, (g, id, v)) in a.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        if g.is_empty() {
            let _ = write!(s, "\"{id}\":{v}");
        } else {
            let _ = write!(s, "\"pests.{g}.{id}\":{v}");
        }
    }
    s.push('}');
    s
}

/// The Rego and JDM form: basic inputs at the top, pests nested (`pests.rodent.room_sign_rate`).
fn nested_json(a: &Assessment) -> String {
    let mut s = String::from("{");
    let mut first = true;
    for (g, id, v) in a.iter().filter(|x| x.0.is_empty()) {
        let _ = g;
        if !first {
            s.push(',');
        }
        first = false;
        let _ = write!(s, "\"{id}\":{v}");
    }
    s.push_str(",\"pests\":{");
    for (pi, (pest, _)) in PESTS.iter().enumerate() {
        if pi > 0 {
            s.push(',');
        }
        let _ = write!(s, "\"{pest}\":{{");
        for (i, (_, id, v)) in a.iter().filter(|x| x.0 == *pest).enumerate() {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(s, "\"{id}\":{v}");
        }
        s.push('}');
    }
    s.push_str("}}");
    s
}

// ---------------------------------------------------------------------------------------------------
// The three engines

/// An outcome and the failing basic conditions, as every engine must report them.
#[derive(Debug, PartialEq, Eq, Clone)]
struct Verdict {
    pass: bool,
    failing: BTreeSet<String>,
}

struct Engines {
    std: Standard,
    rego: Engine,
    rego_compiled: regorus::CompiledPolicy,
    zen: zen_engine::Decision,
}

fn load_yardstick(root: &Path) -> Result<(Standard, Vec<(String, String)>), String> {
    let files = [
        "standards/cn/phc/four-pests-2001.yard",
        "standards/cn/sanitary-city/national-pre2014.yard",
    ];
    let mut texts = Vec::new();
    for f in files {
        let t = std::fs::read_to_string(root.join(f)).map_err(|e| format!("{f}: {e}"))?;
        texts.push((f.to_string(), t));
    }
    let std = compile_yardstick(&texts)?;
    Ok((std, texts))
}

fn compile_yardstick(texts: &[(String, String)]) -> Result<Standard, String> {
    let mut lib = Library::new();
    for (name, t) in texts {
        lib.add(name, t).map_err(|e| format!("{name}: {e:?}"))?;
    }
    lib.compile(STANDARD_ID, Some(STANDARD_VERSION))
        .map_err(|e| format!("{e:?}"))
}

fn compile_rego(rego: &str) -> Result<(Engine, regorus::CompiledPolicy), String> {
    let mut engine = Engine::new();
    engine
        .add_policy("national.rego".into(), rego.into())
        .map_err(|e| e.to_string())?;
    let compiled = engine
        .compile_with_entrypoint(&Rc::from(REGO_RULE))
        .map_err(|e| e.to_string())?;
    Ok((engine, compiled))
}

fn compile_zen(jdm: &str) -> Result<zen_engine::Decision, String> {
    let content: zen_engine::model::DecisionContent =
        serde_json::from_str(jdm).map_err(|e| e.to_string())?;
    let graph = content
        .as_graph()
        .cloned()
        .ok_or("national.json is not a decision graph")?;
    let mut d = zen_engine::Decision::from(graph);
    d.compile();
    d.validate().map_err(|e| format!("{e:?}"))?;
    Ok(d)
}

/// Poll a future that never waits (a decision graph without IO) to completion.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::yield_now();
    }
}

fn yardstick_verdict(std: &Standard, a: &yardstick::Assessment) -> Result<Verdict, String> {
    let e = std
        .evaluate(a, &Options::outcome_only())
        .map_err(|e| e.to_string())?;
    Ok(Verdict {
        pass: e.outcome.as_str() == "pass",
        failing: e
            .failing
            .into_iter()
            .filter(|id| is_basic(id))
            .map(String::from)
            .collect(),
    })
}

fn is_basic(id: &str) -> bool {
    id.strip_prefix('b')
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| (1..=10).contains(&n))
}

fn rego_verdict(v: &regorus::Value) -> Result<Verdict, String> {
    let outcome = v["outcome"].as_string().map_err(|e| e.to_string())?;
    let failing = v["failing"]
        .as_set()
        .map_err(|e| e.to_string())?
        .iter()
        .filter_map(|x| x.as_string().ok().map(|s| s.to_string()))
        .collect();
    Ok(Verdict {
        pass: outcome.as_ref() == "pass",
        failing,
    })
}

fn zen_verdict(result: &Value) -> Result<Verdict, String> {
    let outcome = result["outcome"]
        .as_str()
        .ok_or_else(|| format!("no outcome in {result}"))?;
    let mut failing = BTreeSet::new();
    for i in 1..=10 {
        let id = format!("b{i}");
        match result[&id].as_bool() {
            Some(true) => {}
            Some(false) => {
                failing.insert(id);
            }
            None => return Err(format!("{id} is not a boolean in {result}")),
        }
    }
    Ok(Verdict {
        pass: outcome == "pass",
        failing,
    })
}

fn zen_eval(d: &zen_engine::Decision, input: &zen_engine::Variable) -> Result<Value, String> {
    block_on(d.evaluate(input.clone()))
        .map(|r| r.result.to_value())
        .map_err(|e| format!("{e:?}"))
}

// ---------------------------------------------------------------------------------------------------
// Timing

/// Measures taken in interleaved rounds.
#[derive(Default)]
struct Benches<'a> {
    list: Vec<Bench<'a>>,
}

struct Bench<'a> {
    name: &'static str,
    /// What one call does, in the unit reported (assessments, KB, or 1 for one compile).
    units: f64,
    f: Box<dyn FnMut() + 'a>,
    reps: u32,
    samples: Vec<f64>,
}

/// Each sample lasts at least this long (calls are repeated to reach it).
const SAMPLE_NS: f64 = 40e6;

impl<'a> Benches<'a> {
    fn add(&mut self, name: &'static str, units: f64, f: impl FnMut() + 'a) {
        self.list.push(Bench {
            name,
            units,
            f: Box::new(f),
            reps: 1,
            samples: Vec::new(),
        });
    }

    /// Warm up and calibrate each measure, then take `rounds` interleaved samples; the median of each,
    /// in nanoseconds per unit.
    fn run(mut self, rounds: usize) -> std::collections::BTreeMap<&'static str, f64> {
        for b in &mut self.list {
            let t = Instant::now();
            (b.f)();
            let once = t.elapsed().as_nanos() as f64;
            b.reps = (SAMPLE_NS / once.max(1.0)).ceil().clamp(1.0, 100_000.0) as u32;
        }
        for _ in 0..rounds {
            for b in &mut self.list {
                let t = Instant::now();
                for _ in 0..b.reps {
                    (b.f)();
                }
                let ns = t.elapsed().as_nanos() as f64;
                b.samples.push(ns / (f64::from(b.reps) * b.units));
            }
        }
        self.list
            .into_iter()
            .map(|mut b| (b.name, median(&mut b.samples)))
            .collect()
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        0.0
    } else {
        v[v.len() / 2]
    }
}

fn human_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

struct Table {
    rows: Vec<String>,
    misses: Vec<String>,
}

impl Table {
    fn figure(&mut self, what: &str, value: String) {
        self.rows.push(format!("| {what} | {value} | | | |"));
    }
    /// A ratio with its target; `higher` when the ratio must be at least `target`.
    fn ratio(&mut self, what: &str, ratio: f64, target: f64, higher: bool) {
        let holds = if higher {
            ratio >= target
        } else {
            ratio <= target
        };
        let t = if higher {
            format!("≥ {target}×")
        } else {
            format!("≤ {target}×")
        };
        if !holds {
            self.misses.push(what.to_string());
        }
        self.rows.push(format!(
            "| {what} | | {ratio:.2}× | {t} | {} |",
            if holds { "yes" } else { "**no**" }
        ));
    }
    fn info(&mut self, what: &str, ratio: f64) {
        self.rows.push(format!("| {what} | | {ratio:.2}× | | |"));
    }
}

// ---------------------------------------------------------------------------------------------------

struct Args {
    root: PathBuf,
    yardstick: Option<PathBuf>,
    rows: usize,
    runs: usize,
    /// `--write-assessments FILE`: write the timed assessments as JSON Lines (for
    /// `benches/profile.rs national file=FILE`) and stop.
    write_assessments: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        root: PathBuf::from("."),
        yardstick: None,
        rows: 1_000_000,
        runs: 9,
        write_assessments: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--root" => a.root = it.next().ok_or("--root needs a folder")?.into(),
            "--yardstick" => {
                a.yardstick = Some(it.next().ok_or("--yardstick needs a path")?.into())
            }
            "--rows" => {
                a.rows = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--rows needs a number")?
            }
            "--write-assessments" => {
                a.write_assessments =
                    Some(it.next().ok_or("--write-assessments needs a file")?.into())
            }
            "--quick" => {
                a.rows = 100_000;
                a.runs = 5;
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(3),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Ok(true) every target holds, Ok(false) some target missed; Err on disagreement or failure.
fn run() -> Result<bool, String> {
    let args = args()?;
    let root = &args.root;
    let here = root.join("benches/compare");
    let rego_text = std::fs::read_to_string(here.join("national.rego"))
        .map_err(|e| format!("national.rego: {e}"))?;
    let jdm_text = std::fs::read_to_string(here.join("national.json"))
        .map_err(|e| format!("national.json: {e}"))?;
    let (std, yard_texts) = load_yardstick(root)?;
    let (rego, rego_compiled) = compile_rego(&rego_text)?;
    let zen = compile_zen(&jdm_text)?;
    let mut eng = Engines {
        std,
        rego,
        rego_compiled,
        zen,
    };

    // 1. The same 10,000 assessments, each in every engine's own form.
    let set = generate(N_ASSESSMENTS, SEED);
    let flat: Vec<String> = set.iter().map(flat_json).collect();
    if let Some(out) = &args.write_assessments {
        let mut text = String::new();
        for f in flat.iter().take(TIMED) {
            text.push_str(f);
            text.push('\n');
        }
        std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!(
            "wrote {} assessments to {}",
            TIMED.min(flat.len()),
            out.display()
        );
        return Ok(true);
    }
    let nested: Vec<String> = set.iter().map(nested_json).collect();
    let mut ys = Vec::with_capacity(set.len());
    for (i, f) in flat.iter().enumerate() {
        let a = eng
            .std
            .assessment(f)
            .map_err(|e| format!("assessment {i} is not valid for Yardstick: {e:?}\n{f}"))?;
        ys.push(a);
    }
    let mut rs = Vec::with_capacity(set.len());
    let mut zs = Vec::with_capacity(set.len());
    for n in &nested {
        rs.push(regorus::Value::from_json_str(n).map_err(|e| e.to_string())?);
        let v: Value = serde_json::from_str(n).map_err(|e| e.to_string())?;
        zs.push(zen_engine::Variable::from(v));
    }

    eprintln!("checking that the three engines agree on {N_ASSESSMENTS} assessments…");
    let (mut passes, mut b5_fails, mut fail_counts) = (0usize, 0usize, [0usize; 11]);
    for i in 0..set.len() {
        let y = yardstick_verdict(&eng.std, &ys[i])?;
        eng.rego.set_input(rs[i].clone());
        let r = rego_verdict(
            &eng.rego
                .eval_rule(REGO_RULE.into())
                .map_err(|e| e.to_string())?,
        )?;
        let rc = rego_verdict(
            &eng.rego_compiled
                .eval_with_input(rs[i].clone())
                .map_err(|e| e.to_string())?,
        )?;
        let z = zen_verdict(&zen_eval(&eng.zen, &zs[i])?)?;
        if y != r || y != z || r != rc {
            return Err(format!(
                "the engines disagree on assessment {i}:\n  yardstick: {y:?}\n  regorus:   {r:?}\n  regorus (compiled): {rc:?}\n  zen:       {z:?}\n  input: {}",
                nested[i]
            ));
        }
        passes += usize::from(y.pass);
        b5_fails += usize::from(y.failing.contains("b5"));
        for id in &y.failing {
            if let Some(n) = id.strip_prefix('b').and_then(|n| n.parse::<usize>().ok()) {
                fail_counts[n] += 1;
            }
        }
    }
    eprintln!(
        "agreed on all {N_ASSESSMENTS}: {passes} pass, {} fail; failing per condition b1..b10: {:?} (b5 fails {b5_fails})",
        N_ASSESSMENTS - passes,
        &fail_counts[1..]
    );
    let mut table = Table {
        rows: Vec::new(),
        misses: Vec::new(),
    };
    table.rows.push(format!(
        "| agreement on {N_ASSESSMENTS} random assessments (outcome and failing b1..b10) | all agree ({passes} pass, {} fail) | | | |",
        N_ASSESSMENTS - passes
    ));

    // 2. Timings. The machine may be shared, so every measure is taken in interleaved rounds (one
    //    sample of each per round) and the median of the rounds is kept: a busy moment then slows all
    //    measures of a round alike instead of one engine's.
    let rounds = args.runs;
    let k = TIMED.min(set.len());
    eprintln!("timing ({rounds} interleaved rounds; per assessment over {k} assessments)…");
    let std = &eng.std;
    let explained_only = Options {
        explain: true,
        items: true,
        fixes: false,
        partial: false,
    };
    let (ys, rs, zs, flat_k, nested_k) = (&ys[..k], &rs[..k], &zs[..k], &flat[..k], &nested[..k]);
    let mut rego_text_engine = eng.rego.clone();
    let yard_bytes: usize = yard_texts.iter().map(|(_, t)| t.len()).sum();
    let national_name = &yard_texts[1].0;
    let mut json_text = String::from("[");
    for n in nested.iter().cycle() {
        if json_text.len() + n.len() + 2 > yard_bytes {
            break;
        }
        if json_text.len() > 1 {
            json_text.push(',');
        }
        json_text.push_str(n);
    }
    json_text.push(']');
    let json_bytes = json_text.len();
    let kf = k as f64;
    let mut b = Benches::default();
    // Per assessment, each engine on its own prepared input.
    b.add("y_off", kf, || {
        for a in ys {
            black_box(std.evaluate(black_box(a), &Options::outcome_only()).ok());
        }
    });
    b.add("y_on", kf, || {
        for a in ys {
            black_box(std.evaluate(black_box(a), &explained_only).ok());
        }
    });
    // Explanation by replay: the evaluation kept as a record to explain from, nothing explained yet;
    // then the explanations of what fails, built from the record when asked for.
    b.add("y_record", kf, || {
        for a in ys {
            // The verdict the agreement check compares (outcome and failing items), from the record.
            black_box(
                std.record(black_box(a))
                    .map(|r| (r.outcome(), r.failing().len()))
                    .ok(),
            );
        }
    });
    b.add("y_record_why", kf, || {
        for a in ys {
            if let Ok(r) = std.record(black_box(a)) {
                for id in r.failing() {
                    black_box(r.explain(id).ok());
                }
            }
        }
    });
    b.add("y_record_tree", kf, || {
        for a in ys {
            black_box(std.record(black_box(a)).and_then(|r| r.explanations()).ok());
        }
    });
    b.add("y_json", kf, || {
        for a in ys {
            black_box(
                std.evaluate(black_box(a), &Options::default())
                    .map(|r| r.to_json())
                    .ok(),
            );
        }
    });
    b.add("y_json_explain", kf, || {
        for a in ys {
            black_box(
                std.evaluate(black_box(a), &Options::explained())
                    .map(|r| r.to_json())
                    .ok(),
            );
        }
    });
    b.add("r_eval", kf, || {
        for v in rs {
            eng.rego.set_input(v.clone());
            black_box(eng.rego.eval_rule(REGO_RULE.into()).ok());
        }
    });
    b.add("r_compiled", kf, || {
        for v in rs {
            black_box(eng.rego_compiled.eval_with_input(v.clone()).ok());
        }
    });
    b.add("z_eval", kf, || {
        for v in zs {
            black_box(block_on(eng.zen.evaluate(v.clone())).ok());
        }
    });
    // Per assessment from its JSON text.
    b.add("y_text", kf, || {
        for t in flat_k {
            if let Ok(a) = std.assessment(black_box(t)) {
                black_box(std.evaluate(&a, &Options::outcome_only()).ok());
            }
        }
    });
    b.add("r_text", kf, || {
        for t in nested_k {
            if rego_text_engine.set_input_json(black_box(t)).is_ok() {
                black_box(rego_text_engine.eval_rule(REGO_RULE.into()).ok());
            }
        }
    });
    b.add("z_text", kf, || {
        for t in nested_k {
            if let Ok(v) = serde_json::from_str::<Value>(black_box(t)) {
                black_box(block_on(eng.zen.evaluate(zen_engine::Variable::from(v))).ok());
            }
        }
    });
    // Compile time.
    b.add("y_compile", 1.0, || {
        black_box(compile_yardstick(&yard_texts).is_ok());
    });
    b.add("r_compile", 1.0, || {
        black_box(compile_rego(&rego_text).is_ok());
    });
    b.add("z_compile", 1.0, || {
        black_box(compile_zen(&jdm_text).is_ok());
    });
    // Parse + check against serde_json, per KB.
    b.add("check", yard_bytes as f64 / 1024.0, || {
        let mut lib = Library::new();
        for (name, t) in &yard_texts {
            let _ = lib.add(name, t);
        }
        black_box(lib.check_file(national_name));
    });
    b.add("serde", json_bytes as f64 / 1024.0, || {
        black_box(serde_json::from_str::<Value>(black_box(&json_text)).ok());
    });
    let m = b.run(rounds);
    let g = |name: &str| m.get(name).copied().unwrap_or(f64::NAN);
    let (y_off, y_on, y_json, y_json_explain) =
        (g("y_off"), g("y_on"), g("y_json"), g("y_json_explain"));
    let (y_record, y_record_why, y_record_tree) =
        (g("y_record"), g("y_record_why"), g("y_record_tree"));
    let (r_eval, r_compiled, z_eval) = (g("r_eval"), g("r_compiled"), g("z_eval"));
    let (y_text, r_text, z_text) = (g("y_text"), g("r_text"), g("z_text"));
    let (y_compile, r_compile, z_compile) = (g("y_compile"), g("r_compile"), g("z_compile"));
    let (per_kb_yard, per_kb_json) = (g("check"), g("serde"));

    let regorus_best = r_eval.min(r_compiled);
    table.figure("Yardstick: evaluate (explanation off)", human_ns(y_off));
    table.figure(
        "Yardstick: evaluate, kept as a record to explain from (explanation on)",
        human_ns(y_record),
    );
    table.figure(
        "Yardstick: record + the failing items' explanations",
        human_ns(y_record_why),
    );
    table.figure(
        "Yardstick: record + every definition's explanation (the whole tree)",
        human_ns(y_record_tree),
    );
    table.figure(
        "Yardstick: typed result with the whole explanation tree",
        human_ns(y_on),
    );
    table.figure(
        "Yardstick: full JSON result (outcome, items, fixes, partial)",
        human_ns(y_json),
    );
    table.figure(
        "Yardstick: full JSON result with the explanation tree",
        human_ns(y_json_explain),
    );
    table.figure("regorus: set_input + eval_rule", human_ns(r_eval));
    table.figure(
        "regorus: CompiledPolicy::eval_with_input",
        human_ns(r_compiled),
    );
    table.figure("zen-engine: Decision::evaluate", human_ns(z_eval));
    table.ratio(
        "evaluation: regorus (its faster API) ÷ Yardstick",
        regorus_best / y_off,
        500.0,
        true,
    );
    table.ratio(
        "evaluation: zen-engine ÷ Yardstick",
        z_eval / y_off,
        30.0,
        true,
    );
    table.ratio(
        "explanation on (a record) ÷ explanation off (Yardstick)",
        y_record / y_off,
        2.0,
        false,
    );
    table.info(
        "evaluation: zen-engine ÷ Yardstick's record (outcome and failing, no typed result)",
        z_eval / y_record,
    );
    table.info(
        "record + the failing items' explanations ÷ explanation off",
        y_record_why / y_off,
    );
    table.info(
        "typed result with the whole tree ÷ explanation off",
        y_on / y_off,
    );
    table.ratio(
        "full JSON result (fixes, partial; no explanation) ÷ explanation off",
        y_json / y_off,
        20.0,
        false,
    );
    table.info(
        "full JSON result with explanation ÷ explanation off",
        y_json_explain / y_off,
    );
    table.figure(
        "from JSON text, per assessment: Yardstick / regorus / zen",
        format!(
            "{} / {} / {}",
            human_ns(y_text),
            human_ns(r_text),
            human_ns(z_text)
        ),
    );
    table.info("from JSON text: regorus ÷ Yardstick", r_text / y_text);
    table.info("from JSON text: zen-engine ÷ Yardstick", z_text / y_text);
    table.figure(
        "compile: Yardstick (parse, check, lower both documents) / regorus (add_policy + compile) / zen (JDM JSON + compile)",
        format!(
            "{} / {} / {}",
            human_ns(y_compile),
            human_ns(r_compile),
            human_ns(z_compile)
        ),
    );
    table.info("compile: Yardstick ÷ regorus", y_compile / r_compile);
    table.info("compile: Yardstick ÷ zen-engine", y_compile / z_compile);
    table.figure(
        &format!("parse + check, per KB ({yard_bytes} bytes of .yard)"),
        human_ns(per_kb_yard),
    );
    table.figure(
        &format!("serde_json → Value, per KB ({json_bytes} bytes of JSON)"),
        human_ns(per_kb_json),
    );
    table.ratio(
        "parse + check ÷ serde_json (same bytes)",
        per_kb_yard / per_kb_json,
        5.0,
        false,
    );

    // Batch end to end.
    if let Some(bin) = &args.yardstick {
        batch(&mut table, root, bin, &flat, args.rows)?;
    } else {
        eprintln!("no --yardstick binary given: batch not measured");
    }

    println!("| measure | time | ratio | target | holds |");
    println!("|---|---|---|---|---|");
    for r in &table.rows {
        println!("{r}");
    }
    if table.misses.is_empty() {
        println!("\nevery target holds");
    } else {
        println!("\ntargets missed: {}", table.misses.join("; "));
    }
    Ok(table.misses.is_empty())
}

fn batch(
    table: &mut Table,
    root: &Path,
    bin: &Path,
    flat: &[String],
    rows: usize,
) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("yardstick-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = batch_in(table, root, bin, flat, rows, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn batch_in(
    table: &mut Table,
    root: &Path,
    bin: &Path,
    flat: &[String],
    rows: usize,
    dir: &Path,
) -> Result<(), String> {
    eprintln!("writing {rows} JSONL rows…");
    let input = dir.join("rows.jsonl");
    {
        let f = std::fs::File::create(&input).map_err(|e| e.to_string())?;
        let mut w = BufWriter::with_capacity(1 << 20, f);
        for line in flat.iter().cycle().take(rows) {
            w.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
            w.write_all(b"\n").map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    let size = std::fs::metadata(&input).map(|m| m.len()).unwrap_or(0);
    let floor = || -> Result<f64, String> {
        let t = Instant::now();
        let f = std::fs::File::open(&input).map_err(|e| e.to_string())?;
        let mut r = BufReader::with_capacity(1 << 20, f);
        let mut line = String::new();
        let mut n = 0usize;
        loop {
            line.clear();
            match r.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => {
                    if serde_json::from_str::<Value>(&line).is_ok() {
                        n += 1;
                    }
                }
                Err(e) => return Err(e.to_string()),
            }
        }
        if n != rows {
            return Err(format!("the floor parsed {n} of {rows} rows"));
        }
        Ok(t.elapsed().as_nanos() as f64)
    };
    let out = dir.join("out.jsonl");
    let run = |threads: &str| -> Result<f64, String> {
        let t = Instant::now();
        let o = Command::new(bin)
            .current_dir(root)
            .env("RAYON_NUM_THREADS", threads)
            .arg("batch")
            .arg(format!("{STANDARD_ID}@{STANDARD_VERSION}"))
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .output()
            .map_err(|e| format!("{}: {e}", bin.display()))?;
        let ns = t.elapsed().as_nanos() as f64;
        if !o.status.success() {
            return Err(format!(
                "yardstick batch failed: {}",
                String::from_utf8_lossy(&o.stderr)
            ));
        }
        Ok(ns)
    };
    eprintln!(
        "timing batch ({rows} rows, {} MB; 5 rounds of floor, 1 thread, 2 threads)…",
        size / 1_000_000
    );
    let mut floors = Vec::new();
    let mut ones = Vec::new();
    let mut twos = Vec::new();
    floor()?; // warm the page cache
    for _ in 0..5 {
        floors.push(floor()?);
        ones.push(run("1")?);
        twos.push(run("2")?);
    }
    let lines = std::fs::read(&out)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count())
        .unwrap_or(0);
    if lines != rows {
        return Err(format!("yardstick batch wrote {lines} rows of {rows}"));
    }
    let (fl, b1, b2) = (median(&mut floors), median(&mut ones), median(&mut twos));
    let per = |ns: f64| human_ns(ns / rows as f64);
    table.figure(
        &format!(
            "batch input: {rows} JSONL rows, {:.0} MB",
            size as f64 / 1e6
        ),
        String::new(),
    );
    table.figure(
        "floor: read lines + serde_json → Value, 1 thread",
        format!("{:.2} s ({} per row)", fl / 1e9, per(fl)),
    );
    table.figure(
        "yardstick batch, 1 thread (RAYON_NUM_THREADS=1)",
        format!("{:.2} s ({} per row)", b1 / 1e9, per(b1)),
    );
    table.figure(
        "yardstick batch, 2 threads (RAYON_NUM_THREADS=2)",
        format!("{:.2} s ({} per row)", b2 / 1e9, per(b2)),
    );
    table.ratio("batch, 2 threads ÷ floor", b2 / fl, 1.2, false);
    table.info("batch, 1 thread ÷ floor", b1 / fl);
    table.ratio(
        "batch: 1 thread ÷ 2 threads (speed-up)",
        b1 / b2,
        1.85,
        true,
    );
    Ok(())
}
