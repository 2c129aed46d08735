//! The compiled evaluator against the tree evaluator (the reference): the same `Evaluation` — values,
//! outcome, `vetoed_by`, `failing`, errors — on generated documents with generated inputs, and on every
//! shipped standard with random and boundary inputs (at, one step either side of each threshold,
//! unknown, not applicable, infinities, numbers large enough to overflow). `evaluate_reported` must
//! agree on everything but the values of the definitions it skips, and once completed
//! (`complete_into`, what an explanation replays from) be exactly the whole evaluation. The searches
//! with one `fix::Plan` kept across evaluations (as the facade keeps it) find exactly what they find
//! with a fresh plan each time.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests"
)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use yardstick_core::compiled::Compiled;
use yardstick_core::eval::evaluate;
use yardstick_core::fix::{self, Budget, Plan};
use yardstick_core::ir::{def_exprs, walk, DefId, Ex, Program, Ty, Val};
use yardstick_core::{compile, Unit};
use yardstick_syntax::ast::Date;

/// splitmix64: the generated documents and inputs from one seed (proptest picks and shrinks the seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Every number constant of a program (thresholds, factors), for boundary inputs.
fn constants(p: &Program) -> Vec<Decimal> {
    let mut out = vec![Decimal::ZERO, Decimal::ONE];
    for d in &p.defs {
        for e in def_exprs(d) {
            walk(e, &mut |x| {
                if let Ex::Const(Val::Num(n)) = x {
                    out.push(*n);
                }
                if let Ex::AtLeast {
                    within: Some(m), ..
                } = x
                {
                    out.push(*m);
                }
            });
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A number near the program's constants: at one, one step of its last decimal (or 0.01) either
/// side, a multiple of one (exceedance factors), or anywhere.
fn number(r: &mut Rng, consts: &[Decimal], integer: bool) -> Decimal {
    let c = *r.pick(consts);
    let step = if integer {
        Decimal::ONE
    } else if r.chance(50) {
        Decimal::new(1, c.scale().max(2))
    } else {
        Decimal::new(1, 2)
    };
    let v = match r.below(9) {
        0 | 1 => c,
        2 => c + step,
        3 => c - step,
        4 => c * Decimal::from(r.below(5) as u64),
        5 => c * Decimal::new(3, 0) + step,
        6 => Decimal::new(r.below(1_000_000) as i64, r.below(5) as u32),
        7 => Decimal::new(-(r.below(1000) as i64), r.below(3) as u32),
        _ => Decimal::new(r.below(100) as i64, 0),
    };
    if integer {
        v.trunc()
    } else {
        v
    }
}

fn value(r: &mut Rng, ty: &Ty, consts: &[Decimal]) -> Val {
    match r.below(40) {
        0 | 1 => return Val::Unknown,
        2 => return Val::NotApplicable,
        3 => return Val::Infinite { negative: false },
        4 => return Val::Infinite { negative: true },
        5 => return Val::Num(Decimal::MAX),
        6 => return Val::Num(Decimal::MIN),
        7 => return Val::Num(Decimal::new(r.next() as i64, 28)),
        _ => {}
    }
    match ty {
        Ty::Bool => Val::Bool(r.chance(50)),
        Ty::Enum(syms) if !syms.is_empty() => Val::Sym(*r.pick(syms)),
        Ty::Date => Val::Date(Date {
            year: 2000 + r.below(40) as i32,
            month: 1 + r.below(12) as u32,
            day: 1 + r.below(28) as u32,
        }),
        Ty::Series(n, e) => {
            let integer = matches!(**e, Ty::Count);
            let xs: Vec<Decimal> = (0..*n).map(|_| number(r, consts, integer)).collect();
            Val::Series(Arc::from(xs))
        }
        Ty::Count => Val::Num(number(r, consts, true).abs()),
        _ => Val::Num(number(r, consts, false)),
    }
}

fn inputs(r: &mut Rng, p: &Program, consts: &[Decimal]) -> Vec<Val> {
    p.inputs.iter().map(|i| value(r, &i.ty, consts)).collect()
}

/// The reference and both compiled forms agree on `inputs`.
fn agree(p: &Program, c: &Compiled, inputs: &[Val], what: &str) -> Result<(), TestCaseError> {
    let reference = evaluate(p, inputs);
    let compiled = c.evaluate(p, inputs);
    prop_assert_eq!(&compiled, &reference, "{}: inputs {:?}", what, inputs);
    let reported = c.evaluate_reported(p, inputs);
    match (&reported, &reference) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(a.outcome, b.outcome, "{}", what);
            prop_assert_eq!(&a.vetoed_by, &b.vetoed_by, "{}", what);
            prop_assert_eq!(&a.failing, &b.failing, "{}", what);
            prop_assert_eq!(&a.errors, &b.errors, "{}", what);
            for (i, (x, y)) in a.values.iter().zip(&b.values).enumerate() {
                if c.reports(DefId::from_index(i)) {
                    prop_assert_eq!(x, y, "{}: {}", what, p.defs[i].id);
                }
            }
            // Completed afterwards (what an explanation replays from), it is the whole evaluation.
            let mut completed = a.clone();
            let done = c.complete_into(p, inputs, &mut completed);
            prop_assert!(done.is_ok(), "{}: completing failed", what);
            prop_assert_eq!(&completed, b, "{}: completed", what);
        }
        _ => prop_assert_eq!(reported.is_ok(), reference.is_ok()),
    }
    Ok(())
}

/// Fixes and partial answers with the program's kept plan equal those with a fresh one.
fn plan_agrees(p: &Program, plan: &Plan, inputs: &[Val], what: &str) -> Result<(), TestCaseError> {
    let e = evaluate(p, inputs).map_err(|x| TestCaseError::fail(format!("{what}: {x:?}")))?;
    let budget = Budget::DEFAULT;
    prop_assert_eq!(
        fix::fixes_with(plan, p, inputs, &e, budget).ok(),
        fix::fixes(p, inputs, &e, budget).ok(),
        "fixes, {}: {:?}",
        what,
        inputs
    );
    // Skipping the inputs that cannot help finds the same fixes as trying every one (when trying
    // every one finishes within the budget; skipping spends less of it).
    let every = fix::fixes_with(&Plan::new(p).trying_every_input(), p, inputs, &e, budget).ok();
    if every.as_ref().is_some_and(|f| f.complete) {
        prop_assert_eq!(
            fix::fixes_with(plan, p, inputs, &e, budget).ok(),
            every,
            "fixes without skipping, {}: {:?}",
            what,
            inputs
        );
    }
    // Fixes from the evaluation of what results report, as the facade's record gives it, are those
    // from a complete one, unless the plan says it reads a skipped definition.
    if !plan.reads_skipped() {
        let reported = Compiled::new(p)
            .evaluate_reported(p, inputs)
            .map_err(|x| TestCaseError::fail(format!("{what}: {x:?}")))?;
        prop_assert_eq!(
            fix::fixes_with(plan, p, inputs, &reported, budget).ok(),
            fix::fixes_with(plan, p, inputs, &e, budget).ok(),
            "fixes from the reported evaluation, {}: {:?}",
            what,
            inputs
        );
    }
    prop_assert_eq!(
        fix::partial_with(plan, p, inputs, &e, budget).ok(),
        fix::partial(p, inputs, &e, budget).ok(),
        "partial, {}: {:?}",
        what,
        inputs
    );
    Ok(())
}

fn yard_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yard_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yard") {
            out.push(p);
        }
    }
}

/// Every shipped standard, compiled with the others available to `use` and `extends`.
fn shipped() -> Vec<(String, Program)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../standards");
    let mut files = Vec::new();
    yard_files(&root, &mut files);
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.display().to_string(),
                std::fs::read_to_string(f).expect("readable"),
            )
        })
        .collect();
    let docs: Vec<_> = texts
        .iter()
        .map(|(_, t)| yardstick_syntax::parse(t).expect("shipped standards parse"))
        .collect();
    let units: Vec<Unit<'_>> = texts
        .iter()
        .zip(&docs)
        .map(|((name, text), doc)| Unit { name, text, doc })
        .collect();
    (0..units.len())
        .map(|i| {
            let (p, diags) = compile(&units, i);
            let p = p.unwrap_or_else(|| panic!("{} compiles: {diags:?}", texts[i].0));
            (texts[i].0.clone(), p)
        })
        .collect()
}

#[test]
fn every_shipped_standard_agrees_on_random_and_boundary_inputs() {
    let programs = shipped();
    assert!(programs.len() >= 10, "the shipped standards are found");
    let mut r = Rng(0x5EED_2014);
    for (name, p) in &programs {
        let c = Compiled::new(p);
        let consts = constants(p);
        // Nothing given, then every input at each of its boundary kinds, then random mixtures.
        let none = vec![Val::Unknown; p.inputs.len()];
        agree(p, &c, &none, name).unwrap();
        // Trials on the compiled form, as the facade runs them, against a fresh plan's tree trials.
        let plan = Plan::new(p).with_compiled(Arc::new(Compiled::new(p)));
        plan_agrees(p, &plan, &none, name).unwrap();
        for k in 0..3000 {
            let given = inputs(&mut r, p, &consts);
            agree(p, &c, &given, name).unwrap();
            if k % 30 == 0 {
                plan_agrees(p, &plan, &given, name).unwrap();
            }
        }
    }
}

#[test]
fn the_used_four_pest_outputs_are_skipped_when_only_results_are_wanted() {
    let programs = shipped();
    let (_, p) = programs
        .iter()
        .find(|(n, _)| n.ends_with("national-pre2014.yard"))
        .expect("the pre-2014 national standard is shipped");
    let c = Compiled::new(p);
    assert_eq!(
        c.skipped(),
        4,
        "the four exceedance outputs of the used standard"
    );
    for (i, d) in p.defs.iter().enumerate() {
        assert_eq!(
            c.reports(DefId::from_index(i)),
            !d.id.ends_with("_exceedance"),
            "{}",
            d.id
        );
    }
}

/// A generated document: numbers, percentages, counts, yes/no and enum inputs; `let`s with arithmetic
/// (division by an input: errors), conditionals and functions; items of comparisons (constant limits,
/// folded ones, derived values), `and`/`or`/`not`, `any_of`/`none_of`, `in`, `applies when`, basic
/// (veto) items, `at_least … within`, exceedances, outputs, a ladder, a score and a grade.
fn document(r: &mut Rng) -> String {
    let nx = 2 + r.below(4);
    let np = 1 + r.below(3);
    let mut s = String::from("standard gen.doc {\n  title en \"generated\"\n  version \"1\"\n");
    for i in 0..nx {
        s += &format!("  input x{i}: number unit \"u\"\n");
    }
    for i in 0..np {
        s += &format!("  input p{i}: percent\n");
    }
    s += "  input c0: count\n  input b0: bool\n  input b1: bool\n  input e0: enum [a, b, c]\n";
    let num = |r: &mut Rng| -> String {
        let v = match r.below(5) {
            0 => "0".to_string(),
            1 => format!("{}", r.below(20)),
            2 => format!("{}.{}", r.below(10), r.below(100)),
            3 => format!("{}.{:04}", r.below(5), r.below(10_000)),
            _ => format!("{}", 1 + r.below(5)),
        };
        v
    };
    let x = |r: &mut Rng| format!("x{}", r.below(nx));
    let nl = r.below(4);
    for k in 0..nl {
        let e = match r.below(8) {
            0 => format!("{} + {}", x(r), x(r)),
            1 => format!("{} / {}", x(r), x(r)),
            2 => format!("{} * {} - {}", x(r), num(r), x(r)),
            3 => format!("if b0 then {} else {}", x(r), x(r)),
            4 => format!("max({}, {})", x(r), x(r)),
            5 => format!("(2 + 3) * {}", x(r)),
            6 => format!("-{}", x(r)),
            _ => format!("abs({} - {})", x(r), num(r)),
        };
        let kw = if r.chance(30) { "output" } else { "let" };
        s += &format!("  {kw} d{k} = {e}\n");
    }
    let mut items: Vec<String> = Vec::new();
    let ni = 2 + r.below(5);
    let mut body = String::new();
    for k in 0..ni {
        // Every item has an upper limit (exceedance and `within` need one), then more conditions.
        let up = *r.pick(&["<=", "<"]);
        let mut conds = vec![if r.chance(60) {
            format!("{} {up} {}", x(r), num(r))
        } else {
            format!("p{} {up} {}%", r.below(np), num(r))
        }];
        for _ in 0..r.below(4) {
            let op = *r.pick(&["<=", "<", ">=", ">", "==", "!="]);
            let c = match r.below(14) {
                0..=3 => format!("{} {op} {}", x(r), num(r)),
                4 | 5 => format!("p{} {op} {}%", r.below(np), num(r)),
                6 => format!("c0 <= {}", r.below(5)),
                7 => format!("{} <= 2 * {}", x(r), num(r)),
                8 if nl > 0 => format!("d{} {op} {}", r.below(nl), num(r)),
                9 => format!("any_of [{} <= {}, b0]", x(r), num(r)),
                10 => format!("none_of [b1, {} > {}]", x(r), num(r)),
                11 => format!("e0 in [a, {}]", r.pick(&["b", "c"])),
                12 if !items.is_empty() => {
                    let it = r.pick(&items).clone();
                    if r.chance(50) {
                        format!("exceedance({it}) <= {}", num(r))
                    } else {
                        format!("not {it}")
                    }
                }
                13 => format!("{} <= {} or not b1", x(r), x(r)),
                _ => "b0".to_string(),
            };
            conds.push(c);
        }
        let applies = if r.chance(20) { " applies when b1" } else { "" };
        body += &format!(
            "    item i{k}{applies} {{\n      {}\n    }}\n",
            conds.join("\n      ")
        );
        items.push(format!("i{k}"));
    }
    if r.chance(70) && items.len() >= 2 {
        let k = 1 + r.below(items.len());
        let within = *r.pick(&["3", "1.5", "0", "2.25"]);
        body += &format!(
            "    item al {{ at_least {k} of [{}] and the rest within {within}x }}\n",
            items.join(", ")
        );
    }
    if r.chance(50) {
        s += &format!("  basic core {{\n{body}  }}\n");
    } else {
        s += &format!("  section core {{\n{body}  }}\n");
    }
    for (k, it) in items.iter().enumerate() {
        if r.chance(30) {
            s += &format!("  output ex{k} = exceedance({it})\n");
        }
    }
    if r.chance(40) {
        s += &format!(
            "  levels lv: A > B, below C {{\n    {} <= [{}, {}]\n    p0 <= [3%, 5%]\n  }}\n",
            x(r),
            1 + r.below(3),
            4 + r.below(3)
        );
    }
    if r.chance(40) {
        s += "  score sc = 40% x0 + 60% x1\n  grade g from sc {\n    hi \"H\" when >= 5\n    lo \"L\" otherwise\n  }\n";
    }
    s += "}\n";
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    #[test]
    fn generated_documents_agree(seed in any::<u64>()) {
        let mut r = Rng(seed);
        let text = document(&mut r);
        let doc = yardstick_syntax::parse(&text)
            .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let units = [Unit { name: "gen.yard", text: &text, doc: &doc }];
        let (p, diags) = compile(&units, 0);
        if std::env::var_os("GEN_SHOW").is_some() && p.is_none() {
            let errs: Vec<_> = diags.iter().filter(|d| d.severity == yardstick_core::Severity::Error).map(|d| (d.code, d.message.clone(), &text[d.loc.span.start..d.loc.span.end])).collect();
            eprintln!("REJECT {errs:?}");
        }
        // The generator writes documents the checker accepts in most cases; proptest fails the test
        // when too many are rejected.
        prop_assume!(p.is_some());
        let Some(p) = p else { return Ok(()) };
        let c = Compiled::new(&p);
        let consts = constants(&p);
        let plan = Plan::new(&p).with_compiled(Arc::new(Compiled::new(&p)));
        for k in 0..40 {
            let given = inputs(&mut r, &p, &consts);
            agree(&p, &c, &given, &text)?;
            if k % 8 == 0 {
                plan_agrees(&p, &plan, &given, &text)?;
            }
        }
    }
}
