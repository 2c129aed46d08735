//! What to fix, and what is still possible with answers missing.
//!
//! Every suggestion is verified by evaluating the changed assessment before it is returned; nothing here
//! is a guess that was not checked.

use crate::eval::{cmp_dec, evaluate, EvalError, Evaluation, Outcome};
use crate::ir::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;
use yardstick_syntax::ast::{ArithOp, CmpOp};

/// How much work a search may do, counted in evaluation steps: evaluating a definition costs one step
/// per expression node and ladder threshold in it. A search that reaches its budget stops and says so
/// (`complete: false`); what it found so far is still verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    pub steps: u64,
}

impl Budget {
    /// The default: under it, any document within the size limits answers in well under a second on a
    /// 2-core machine (BENCHMARKS.md, "Growth").
    pub const DEFAULT: Budget = Budget { steps: 4_000_000 };
}

impl Default for Budget {
    fn default() -> Self {
        Budget::DEFAULT
    }
}

/// Steps left of a budget.
struct Meter {
    left: u64,
    stopped: bool,
}

impl Meter {
    fn new(b: Budget) -> Meter {
        Meter {
            left: b.steps,
            stopped: false,
        }
    }
    /// Spend `n` steps; `false` (and stopped) when the budget cannot pay for them.
    fn spend(&mut self, n: u64) -> bool {
        if self.stopped || n > self.left {
            self.stopped = true;
            return false;
        }
        self.left -= n;
        true
    }
}

/// A single-input change, verified to reach `reaches`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The failing item or ladder it repairs, or the grade it raises.
    pub def: DefId,
    pub input: InputId,
    pub from: Val,
    pub to: Val,
    /// `pass`, or the grade band / level reached.
    pub reaches: String,
}

/// The fixes found, and whether the search finished within its budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixes {
    pub fixes: Vec<Fix>,
    /// `false` when the budget ran out: some failing items or grades may have a fix not listed.
    pub complete: bool,
}

/// Best and worst results still reachable with the missing answers, and which to answer first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partial {
    pub best: Outcome,
    pub worst: Outcome,
    /// Per grade or ladder definition: (def, best symbol, worst symbol).
    pub ranges: Vec<(DefId, Option<Sym>, Option<Sym>)>,
    /// Missing inputs that decide the result, most decisive first.
    pub ask_next: Vec<InputId>,
    /// `false` when the budget ran out: best and worst are reachable, but better or worse may be too.
    pub complete: bool,
}

/// Inputs an expression reads, through derived values and items.
/// Costs what the definitions it reaches hold, not the size of the program (it runs once per failing item).
fn inputs_of(p: &Program, roots: &[&Ex], out: &mut Vec<InputId>) {
    let mut seen_defs = std::collections::HashSet::new();
    let mut seen_inputs = std::collections::HashSet::new();
    let mut stack: Vec<&Ex> = roots.to_vec();
    while let Some(e) = stack.pop() {
        crate::ir::walk(e, &mut |x| match x {
            Ex::Input(i) if seen_inputs.insert(*i) => out.push(*i),
            Ex::Def(d) | Ex::Exceedance { def: d, .. } if seen_defs.insert(*d) => {
                if let Some(dd) = p.defs.get(d.index()) {
                    stack.extend(crate::ir::def_exprs(dd));
                }
            }
            _ => {}
        });
    }
}

fn def_inputs(p: &Program, d: DefId) -> Vec<InputId> {
    let mut out = Vec::new();
    if let Some(def) = p.defs.get(d.index()) {
        inputs_of(p, &crate::ir::def_exprs(def), &mut out);
    }
    yardstick_syntax::sort::sort(&mut out);
    out
}

/// A yes/no question about one input's value alone, asked by a definition the way its evaluation asks
/// it: `x op t` of a comparison, `x ÷ t` within `m`× of a `within` clause, or a yes/no input itself.
#[derive(Clone, Copy)]
enum Test {
    Holds { op: CmpOp, t: Decimal },
    Within { t: Decimal, m: Decimal },
    True,
}

impl Test {
    /// The answer for value `x`, exactly as the evaluator works it out; `false` for a value of
    /// another kind (so nothing is pruned on it).
    fn holds(self, x: &Val) -> bool {
        match (self, x) {
            (Test::Holds { op, t }, Val::Num(x)) => crate::eval::cmp_holds(op, *x, t),
            // By multiplying where that decides as dividing does (compiled::within), else dividing.
            (Test::Within { t, m }, Val::Num(v)) => crate::compiled::le_multiple(v, &t, &m)
                .unwrap_or_else(|| {
                    crate::eval::ratio(x, &Val::Num(t)).is_some_and(|mu| mu.within(m))
                }),
            (Test::True, Val::Bool(b)) => *b,
            _ => false,
        }
    }
}

/// One way a definition reads an input: through a [`Test`], or (`None`) otherwise.
#[derive(Clone, Copy)]
struct InputTest {
    input: InputId,
    test: Option<Test>,
}

impl InputTest {
    fn new(input: InputId, test: Test) -> InputTest {
        InputTest {
            input,
            test: Some(test),
        }
    }
    fn opaque(input: InputId) -> InputTest {
        InputTest { input, test: None }
    }
}

/// Whether every one of `tests` answers yes or no at `x` as the evaluator does (a number for
/// comparisons and factors, yes/no for a yes/no input); a value of another kind (not applicable,
/// infinite) makes the comparisons unknown or not applicable, which [`signature`] does not follow.
fn decided(tests: &[InputTest], x: &Val) -> bool {
    tests.iter().all(|t| {
        matches!(
            (t.test, x),
            (Some(Test::Holds { .. } | Test::Within { .. }), Val::Num(_))
                | (Some(Test::True), Val::Bool(_))
        )
    })
}

/// Which of `tests` hold at `x`, one bit each (at most 64 tests).
fn signature(tests: &[InputTest], x: &Val) -> u64 {
    tests.iter().enumerate().fold(0, |s, (k, t)| {
        if t.test.is_some_and(|t| t.holds(x)) {
            s | 1u64.checked_shl(k as u32).unwrap_or(0)
        } else {
            s
        }
    })
}

/// How a definition's value follows the inputs it reads, for pruning the search for fixes: each
/// input's [`Test`]s, sorted by input. A definition reading an input only through tests, and only
/// where it rises with them (through `and`, `or`, `all_of`, `any_of`, `at_least … within`, items and
/// `let`s), never passes by a test turning from yes to no. An input read anywhere else (in
/// arithmetic, under `not`, in a condition, an exceedance, a ladder, a score…) also gets an opaque
/// entry ([`InputTest::opaque`]), and is always searched.
///
/// Then an input whose tests all hold now cannot make the failing definition pass by any change: every
/// change can only turn some of them to no. The search skips it, and finds the same fixes as trying
/// every candidate (tests/compiled.rs holds the two equal). One exception to rising, which the search
/// allows for: an `at_least … within` passes with a failing item within the factor where an unknown
/// item leaves it unknown ([`DefTests::measured`]). The walk visits each definition once per
/// way it is reached (at most once per `within` factor, once rising, once otherwise): linear in the
/// definitions and expressions the failing one reads.
fn tests_of(p: &Program, root: DefId) -> DefTests {
    /// How an expression is reached: rising with the root (and within which `within` factor of an
    /// `at_least`, for the comparisons its exceedance multiple folds), or otherwise.
    #[derive(Clone, Copy)]
    enum Ctx {
        Rising(Option<Decimal>),
        Opaque,
    }
    struct Walk<'p> {
        p: &'p Program,
        found: Vec<InputTest>,
        /// The items an `at_least … within` reached rising lists.
        measured: Vec<DefId>,
        /// Definitions reached otherwise, rising without a factor, rising within each factor.
        opaque: std::collections::HashSet<DefId>,
        rising: std::collections::HashSet<DefId>,
        within: Vec<(Decimal, std::collections::HashSet<DefId>)>,
        defs: Vec<(DefId, Ctx)>,
    }
    impl Walk<'_> {
        fn def(&mut self, d: DefId, c: Ctx) {
            let new = match c {
                Ctx::Opaque => self.opaque.insert(d),
                Ctx::Rising(None) => self.rising.insert(d),
                Ctx::Rising(Some(m)) => match self.within.iter_mut().find(|w| w.0 == m) {
                    Some(w) => w.1.insert(d),
                    None => {
                        self.within.push((m, std::iter::once(d).collect()));
                        true
                    }
                },
            };
            if new {
                self.defs.push((d, c));
            }
        }
        fn ex(&mut self, e: &Ex, c: Ctx) {
            let Ctx::Rising(within) = c else {
                crate::ir::walk(e, &mut |x| match x {
                    Ex::Input(i) => self.found.push(InputTest::opaque(*i)),
                    Ex::Def(d) | Ex::Exceedance { def: d, .. } => self.def(*d, Ctx::Opaque),
                    _ => {}
                });
                return;
            };
            match e {
                Ex::Const(_) => {}
                Ex::Input(i) => self.found.push(InputTest::new(*i, Test::True)),
                Ex::Def(d) => self.def(*d, Ctx::Rising(None)),
                Ex::Cmp(cmp) => match (&cmp.lhs, number(&cmp.rhs)) {
                    (Ex::Input(i), Some(t)) => {
                        let op = cmp.op;
                        self.found.push(InputTest::new(*i, Test::Holds { op, t }));
                        if let (Some(m), true) = (within, op.is_upper_limit()) {
                            self.found.push(InputTest::new(*i, Test::Within { t, m }));
                        }
                    }
                    _ => self.ex(e, Ctx::Opaque),
                },
                Ex::And(xs) | Ex::Or(xs) | Ex::AllOf(xs) | Ex::AnyOf(xs) => {
                    for x in xs {
                        self.ex(x, c);
                    }
                }
                Ex::AtLeast {
                    list, within: w, ..
                } => {
                    for x in list {
                        match (x, w) {
                            // A failing element is measured by its exceedance multiple: the
                            // comparisons of its body, against the factor.
                            (Ex::Def(d), Some(m)) => {
                                self.measured.push(*d);
                                self.def(*d, Ctx::Rising(Some(*m)))
                            }
                            _ => self.ex(x, c),
                        }
                    }
                }
                _ => self.ex(e, Ctx::Opaque),
            }
        }
    }
    /// A limit written as a number (`3`, `-2`).
    fn number(e: &Ex) -> Option<Decimal> {
        match e {
            Ex::Const(Val::Num(t)) => Some(*t),
            Ex::Neg(x) => match &**x {
                Ex::Const(Val::Num(t)) => Some(-*t),
                _ => None,
            },
            _ => None,
        }
    }
    let mut w = Walk {
        p,
        found: Vec::new(),
        measured: Vec::new(),
        opaque: std::collections::HashSet::new(),
        rising: std::collections::HashSet::new(),
        within: Vec::new(),
        defs: Vec::new(),
    };
    w.def(root, Ctx::Rising(None));
    while let Some((d, c)) = w.defs.pop() {
        let Some(def) = w.p.defs.get(d.index()) else {
            continue;
        };
        match (&def.kind, c) {
            (DefKind::Item { applies, body, .. }, Ctx::Rising(_)) => {
                if let Some(a) = applies {
                    w.ex(a, Ctx::Opaque);
                }
                w.ex(body, c);
            }
            (DefKind::Value(ex), Ctx::Rising(_)) => w.ex(ex, Ctx::Rising(None)),
            _ => {
                for ex in crate::ir::def_exprs(def) {
                    w.ex(ex, Ctx::Opaque);
                }
            }
        }
    }
    let mut tests = w.found;
    yardstick_syntax::sort::sort_by_key(&mut tests, |f| f.input);
    DefTests {
        tests,
        measured: w.measured,
    }
}

/// What [`tests_of`] finds for one definition.
struct DefTests {
    /// Each input's tests, sorted by input.
    tests: Vec<InputTest>,
    /// The items listed by an `at_least … and the rest within` it reads rising. There the definition
    /// does not rise with an item's value alone: a failing item within the factor lets it pass where
    /// an unknown one leaves it unknown, so an item going from unknown to failing (a test turning to
    /// no) can make it pass. A value is taken as one that fails, to prune by, only when none of
    /// these is unknown there.
    measured: Vec<DefId>,
}

impl DefTests {
    /// Whether none of the measured items is unknown in `values`.
    fn measured_known(&self, values: &[Val]) -> bool {
        self.measured
            .iter()
            .all(|d| !matches!(values.get(d.index()), Some(Val::Unknown) | None))
    }
}

/// What the searches need to know about a program, worked out once per program in one pass (the
/// facade keeps it beside the compiled standard, so a result with fixes does not walk the program
/// again): who reads what, what each definition costs, where each input is compared with a limit.
/// The dependents of an input and the inputs of a definition are worked out when first asked for, and
/// kept. A plan belongs to the program it was made from; given another, lookups past its ends find
/// nothing (no panic, fewer candidates).
pub struct Plan {
    /// Steps to evaluate each definition.
    cost: Vec<u64>,
    /// Steps to evaluate every definition.
    total_cost: u64,
    /// Definitions reading each input directly.
    input_readers: Vec<Vec<DefId>>,
    /// Definitions reading each definition directly.
    def_readers: Vec<Vec<DefId>>,
    /// Definitions each definition reads directly.
    def_reads: Vec<Vec<DefId>>,
    /// Each definition and every definition it reads, directly or through others, in dependency order.
    ancestors: Vec<OnceLock<Vec<DefId>>>,
    /// Limits compared with each input (in a comparison or a ladder row with the input on the left),
    /// with "within Nx" multiples of them, in the order the program states them.
    limits: Vec<Vec<Limit>>,
    /// Whether the input is itself compared with a limit somewhere.
    direct: Vec<bool>,
    /// Every definition that depends on each input, directly or through others, in dependency order.
    dependents: Vec<OnceLock<Vec<DefId>>>,
    /// The inputs each definition reads, through derived values and items.
    def_inputs: Vec<OnceLock<Vec<InputId>>>,
    /// How each definition follows its inputs' tests ([`tests_of`]), worked out when it first fails.
    tests: Vec<OnceLock<DefTests>>,
    /// Whether some limit is an expression held by a definition the compiled form may skip
    /// ([`Plan::reads_skipped`]).
    reads_skipped: bool,
    /// Whether the search skips inputs and values that cannot help ([`Plan::tests_for`]); off only to check
    /// that skipping them changes nothing ([`Plan::trying_every_input`]).
    prune: bool,
    /// What trials run ([`Plan::with_compiled`]); else the tree evaluator's
    /// [`crate::eval::reevaluate`]. A trait object, so that a build that never gives the compiled form
    /// (the browser's calculator engine) does not link it. The two give the same values
    /// (tests/compiled.rs).
    compiled: Option<std::sync::Arc<dyn Reevaluate>>,
}

/// Re-evaluating some definitions in place, as [`crate::eval::reevaluate`] does.
pub trait Reevaluate: Send + Sync {
    fn reevaluate(
        &self,
        p: &Program,
        inputs: &[Val],
        values: &mut Vec<Val>,
        defs: &[DefId],
    ) -> Result<(), EvalError>;
}

impl Reevaluate for crate::compiled::Compiled {
    fn reevaluate(
        &self,
        p: &Program,
        inputs: &[Val],
        values: &mut Vec<Val>,
        defs: &[DefId],
    ) -> Result<(), EvalError> {
        crate::compiled::Compiled::reevaluate(self, p, inputs, values, defs)
    }
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("definitions", &self.cost.len())
            .field("inputs", &self.input_readers.len())
            .field("total_cost", &self.total_cost)
            .field("compiled", &self.compiled.is_some())
            .finish()
    }
}

/// A limit an input is compared with, times the "within N×" multiples that extend it.
#[derive(Clone)]
struct Limit {
    op: CmpOp,
    value: LimitValue,
    times: Vec<Decimal>,
}

#[derive(Clone, Copy)]
enum LimitValue {
    /// A number written in the document (or folded to one).
    Const(Decimal),
    /// An expression of definition `def`, evaluated against each evaluation; found again where it
    /// is rather than copied (copying expressions would link a deep clone into every engine).
    Expr { def: DefId, at: Place },
}

/// Where a limit's expression is in its definition.
#[derive(Clone, Copy)]
enum Place {
    /// Threshold `k` of ladder row `row`.
    Row { row: usize, k: usize },
    /// The right side of the definition's `nth` comparison (in `walk` order over its expressions).
    Cmp { nth: usize },
}

impl Place {
    fn find(self, p: &Program, def: DefId) -> Option<&Ex> {
        let d = p.defs.get(def.index())?;
        match self {
            Place::Row { row, k } => match &d.kind {
                DefKind::Levels(l) => l.rows.get(row)?.thresholds.get(k),
                _ => None,
            },
            Place::Cmp { nth } => {
                let mut n = 0usize;
                let mut found = None;
                for ex in crate::ir::def_exprs(d) {
                    crate::ir::walk(ex, &mut |x| {
                        if let Ex::Cmp(c) = x {
                            if n == nth && found.is_none() {
                                found = Some(&c.rhs);
                            }
                            n += 1;
                        }
                    });
                }
                found
            }
        }
    }
}

impl Limit {
    fn new(op: CmpOp, def: DefId, at: Place, ex: &Ex) -> Limit {
        let value = match ex {
            Ex::Const(Val::Num(d)) => LimitValue::Const(*d),
            _ => LimitValue::Expr { def, at },
        };
        Limit {
            op,
            value,
            times: Vec::new(),
        }
    }
}

impl Plan {
    pub fn new(p: &Program) -> Plan {
        let n_in = p.inputs.len();
        let mut g = Plan {
            cost: vec![0; p.defs.len()],
            total_cost: 0,
            input_readers: vec![Vec::new(); n_in],
            def_readers: vec![Vec::new(); p.defs.len()],
            def_reads: vec![Vec::new(); p.defs.len()],
            ancestors: (0..p.defs.len()).map(|_| OnceLock::new()).collect(),
            limits: vec![Vec::new(); n_in],
            direct: vec![false; n_in],
            dependents: (0..n_in).map(|_| OnceLock::new()).collect(),
            def_inputs: (0..p.defs.len()).map(|_| OnceLock::new()).collect(),
            tests: (0..p.defs.len()).map(|_| OnceLock::new()).collect(),
            prune: true,
            reads_skipped: false,
            compiled: None,
        };
        for (di, d) in p.defs.iter().enumerate() {
            let di = DefId::from_index(di);
            let mut cost = 0u64;
            let mut within = Vec::new();
            let mut cmps: Vec<&Cmp> = Vec::new();
            for ex in crate::ir::def_exprs(d) {
                crate::ir::walk(ex, &mut |x| {
                    cost += 1;
                    match x {
                        Ex::Input(i) => {
                            if let Some(r) = g.input_readers.get_mut(i.index()) {
                                if r.last() != Some(&di) {
                                    r.push(di);
                                }
                            }
                        }
                        Ex::Def(j) | Ex::Exceedance { def: j, .. } => {
                            if let Some(r) = g.def_readers.get_mut(j.index()) {
                                if r.last() != Some(&di) {
                                    r.push(di);
                                }
                            }
                            if let Some(r) = g.def_reads.get_mut(di.index()) {
                                r.push(*j);
                            }
                            // An exceedance re-reads the comparisons of the definition it measures.
                            if matches!(x, Ex::Exceedance { .. }) {
                                cost += 8;
                            }
                        }
                        Ex::AtLeast {
                            within: Some(m), ..
                        } => within.push(*m),
                        Ex::Cmp(c) => cmps.push(c),
                        _ => {}
                    }
                });
            }
            g.cost[di.index()] = cost.max(1);
            g.total_cost = g.total_cost.saturating_add(cost.max(1));
            match &d.kind {
                DefKind::Levels(l) => {
                    for (row, r) in l.rows.iter().enumerate() {
                        let Some(i) = r.subject_input else { continue };
                        if let Some(f) = g.direct.get_mut(i.index()) {
                            *f = true;
                        }
                        if let Some(ls) = g.limits.get_mut(i.index()) {
                            for (k, (t, op)) in r.thresholds.iter().zip(&r.ops).enumerate() {
                                ls.push(Limit::new(*op, di, Place::Row { row, k }, t));
                            }
                        }
                    }
                }
                _ => {
                    for (nth, c) in cmps.into_iter().enumerate() {
                        let Some(i) = c.subject_input else { continue };
                        if let Some(f) = g.direct.get_mut(i.index()) {
                            *f = true;
                        }
                        if let Some(ls) = g.limits.get_mut(i.index()) {
                            ls.push(Limit::new(c.op, di, Place::Cmp { nth }, &c.rhs));
                        }
                    }
                }
            }
            // "within Nx" makes N × limit a candidate for the items it lists (compared before it).
            if !within.is_empty() {
                for ls in g.limits.iter_mut() {
                    let extra: Vec<Limit> = ls
                        .iter()
                        .filter(|l| l.op.is_upper_limit())
                        .flat_map(|l| {
                            within.iter().map(move |m| {
                                let mut l = l.clone();
                                l.times.push(*m);
                                l
                            })
                        })
                        .collect();
                    ls.extend(extra);
                }
            }
        }
        g
    }

    /// Run the trials on `c`, the compiled form of the same program (faster: "within N×" without
    /// dividing, limits in fixed point).
    pub fn with_compiled(mut self, c: std::sync::Arc<crate::compiled::Compiled>) -> Plan {
        self.reads_skipped = self.limits.iter().flatten().any(|l| match l.value {
            LimitValue::Expr { def, .. } => !c.reports(def),
            LimitValue::Const(_) => false,
        });
        self.compiled = Some(c);
        self
    }

    /// Whether the search for fixes reads the value of a definition that
    /// [`crate::compiled::Compiled::evaluate_reported`] may leave out (a limit written as an
    /// expression in a `let` nothing reports). When it does not, fixes searched from a reported
    /// evaluation are those searched from a complete one: trials re-evaluate what a failing item or
    /// grade reads, which is always reported, and constant limits need no value. `false` without the
    /// compiled form, whose evaluations are always complete.
    pub fn reads_skipped(&self) -> bool {
        self.reads_skipped
    }

    /// Try every candidate of every input a failing definition reads, even those that cannot help:
    /// slower, the same fixes (for tests that hold the two equal).
    pub fn trying_every_input(mut self) -> Plan {
        self.prune = false;
        self
    }

    /// The tests through which failing definition `d` reads input `i`, when it reads `i` only through
    /// tests where it rises with them ([`tests_of`]; at most 64, one bit each of a [`signature`]),
    /// with what else [`tests_of`] found for `d`; `None` otherwise, and when pruning is off.
    fn tests_for(&self, p: &Program, d: DefId, i: InputId) -> Option<(&[InputTest], &DefTests)> {
        let cell = self.tests.get(d.index()).filter(|_| self.prune)?;
        let all = cell.get_or_init(|| tests_of(p, d));
        let tests = &all.tests;
        let from = tests.partition_point(|t| t.input < i);
        let to = tests.partition_point(|t| t.input <= i);
        let of_i = tests.get(from..to)?;
        let usable = !of_i.is_empty() && of_i.len() <= 64 && of_i.iter().all(|t| t.test.is_some());
        usable.then_some((of_i, all))
    }

    fn reevaluate(
        &self,
        p: &Program,
        inputs: &[Val],
        values: &mut Vec<Val>,
        defs: &[DefId],
    ) -> Result<(), EvalError> {
        match &self.compiled {
            Some(c) => c.reevaluate(p, inputs, values, defs),
            None => crate::eval::reevaluate(p, inputs, values, defs),
        }
    }

    /// The limits compared with input `i` in one evaluation (those that evaluate to a number there).
    fn thresholds(
        &self,
        p: &Program,
        inputs: &[Val],
        e: &Evaluation,
        i: InputId,
    ) -> Vec<(CmpOp, Decimal)> {
        let ls = self.limits.get(i.index()).map(Vec::as_slice).unwrap_or(&[]);
        let mut insp: Option<crate::eval::Inspector<'_>> = None;
        let mut out = Vec::with_capacity(ls.len());
        for l in ls {
            let base = match &l.value {
                LimitValue::Const(d) => Some(*d),
                LimitValue::Expr { def, at } => match at.find(p, *def) {
                    Some(ex) => {
                        let insp =
                            insp.get_or_insert_with(|| crate::eval::Inspector::new(p, inputs, e));
                        match insp.expr(*def, ex) {
                            Ok(Val::Num(t)) => Some(t),
                            _ => None,
                        }
                    }
                    None => None,
                },
            };
            let value = base.and_then(|b| l.times.iter().try_fold(b, |t, m| mul(*m, t)));
            if let Some(t) = value {
                out.push((l.op, t));
            }
        }
        out
    }

    /// Every definition that depends on input `i`, directly or through others, in dependency order.
    fn dependents(&self, i: InputId) -> &[DefId] {
        let Some(cell) = self.dependents.get(i.index()) else {
            return &[];
        };
        cell.get_or_init(|| {
            let start = self
                .input_readers
                .get(i.index())
                .cloned()
                .unwrap_or_default();
            reach(start, &self.def_readers)
        })
    }

    /// Definition `d` and every definition it reads, directly or through others, in dependency order.
    fn ancestors(&self, d: DefId) -> &[DefId] {
        let Some(cell) = self.ancestors.get(d.index()) else {
            return &[];
        };
        cell.get_or_init(|| reach(vec![d], &self.def_reads))
    }

    /// What a trial of input `i` must re-evaluate to know definition `d`: the dependents of `i` that
    /// `d` reads (directly or through others), and `d` itself if it depends on `i`; in dependency order.
    fn deps_for(&self, i: InputId, d: DefId) -> Vec<DefId> {
        let (a, b) = (self.dependents(i), self.ancestors(d));
        let (mut x, mut y, mut out) = (0, 0, Vec::new());
        while let (Some(l), Some(r)) = (a.get(x), b.get(y)) {
            match l.cmp(r) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    out.push(*l);
                    x += 1;
                    y += 1;
                }
            }
        }
        out
    }

    /// The inputs definition `d` reads, through derived values and items, in input order.
    fn def_inputs(&self, p: &Program, d: DefId) -> &[InputId] {
        match self.def_inputs.get(d.index()) {
            Some(cell) => cell.get_or_init(|| def_inputs(p, d)),
            None => &[],
        }
    }

    fn cost_of(&self, defs: &[DefId]) -> u64 {
        defs.iter()
            .map(|d| self.cost.get(d.index()).copied().unwrap_or(1))
            .sum()
    }
}

/// Every definition reachable from `start` along `edges` (start included), in dependency order.
fn reach(mut stack: Vec<DefId>, edges: &[Vec<DefId>]) -> Vec<DefId> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while let Some(k) = stack.pop() {
        if seen.insert(k) {
            out.push(k);
            if let Some(r) = edges.get(k.index()) {
                stack.extend(r.iter().copied());
            }
        }
    }
    yardstick_syntax::sort::sort(&mut out);
    out
}

// The searches' checked arithmetic, by the evaluator's one copy (`eval::checked`).
fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    crate::eval::checked(ArithOp::Add, a, b)
}
fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    crate::eval::checked(ArithOp::Sub, a, b)
}
fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    crate::eval::checked(ArithOp::Mul, a, b)
}
fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    crate::eval::checked(ArithOp::Div, a, b)
}

fn step_for(p: &Program, i: InputId, t: Decimal, x: Option<Decimal>) -> Decimal {
    if matches!(p.inputs.get(i.index()).map(|x| &x.ty), Some(Ty::Count)) {
        return Decimal::ONE;
    }
    let scale = t.scale().max(x.map(|x| x.scale()).unwrap_or(0)) + 1;
    Decimal::new(1, scale.min(6))
}

fn in_range(p: &Program, i: InputId, v: Decimal) -> bool {
    let Some(inp) = p.inputs.get(i.index()) else {
        return false;
    };
    if matches!(inp.ty, Ty::Count) && v.fract() != Decimal::ZERO {
        return false;
    }
    inp.min.map_or(true, |m| cmp_dec(&v, &m).is_ge())
        && inp.max.map_or(true, |m| cmp_dec(&v, &m).is_le())
}

/// Candidate values for input `i`: thresholds (and just past them), range ends, every bool/enum value.
fn candidates(p: &Program, g: &Plan, e: &Evaluation, i: InputId, inputs: &[Val]) -> Vec<Val> {
    let Some(inp) = p.inputs.get(i.index()) else {
        return Vec::new();
    };
    let x = match inputs.get(i.index()) {
        Some(Val::Num(n)) => Some(*n),
        _ => None,
    };
    match &inp.ty {
        Ty::Bool => vec![Val::Bool(true), Val::Bool(false)],
        Ty::Enum(syms) => syms.iter().map(|s| Val::Sym(*s)).collect(),
        Ty::Count | Ty::Percent | Ty::Number(_) => {
            let mut vs: Vec<Decimal> = Vec::new();
            for (op, t) in g.thresholds(p, inputs, e, i) {
                let s = step_for(p, i, t, x);
                let t = if matches!(inp.ty, Ty::Count) {
                    match op {
                        CmpOp::Ge | CmpOp::Gt => t.ceil(),
                        _ => t.floor(),
                    }
                } else {
                    t
                };
                // Just past a limit at the edge of what a decimal holds is not a candidate.
                let (below, above) = (sub(t, s), add(t, s));
                match op {
                    CmpOp::Ge | CmpOp::Le | CmpOp::Eq => {
                        vs.extend([Some(t), below, above].into_iter().flatten())
                    }
                    CmpOp::Gt => vs.extend([above, Some(t)].into_iter().flatten()),
                    CmpOp::Lt => vs.extend([below, Some(t)].into_iter().flatten()),
                    CmpOp::Ne => vs.extend([above, below].into_iter().flatten()),
                }
            }
            vs.extend(inp.min.iter().chain(inp.max.iter()).copied());
            // Inputs compared only through derived values have no threshold of their own: add a spread of
            // magnitudes so the search has somewhere to look (0 alone may divide by zero).
            vs.extend([0, 1, 10, 100, 1000].map(Decimal::from));
            vs.retain(|v| in_range(p, i, *v));
            yardstick_syntax::sort::sort_by(&mut vs, cmp_dec);
            vs.dedup_by(|a, b| cmp_dec(a, b).is_eq());
            vs.into_iter().map(Val::Num).collect()
        }
        _ => Vec::new(),
    }
}

/// How far a change of a number goes, relative to where it starts (so changes of inputs in different units
/// compare: 11 → 10 rooms is 9%, 5% → 5.5% is 10%); from zero, the plain difference.
fn relative(from: Decimal, to: Decimal) -> Decimal {
    // A difference too large for a decimal is as far as a change can go.
    let Some(d) = sub(to, from).map(|d| d.abs()) else {
        return Decimal::MAX;
    };
    if from.is_zero() {
        d
    } else {
        div(d, from.abs()).unwrap_or(d)
    }
}

/// How far a change goes: the relative difference of numbers, the number of steps between values of an enum (in
/// declaration order), 1 for a yes/no flip.
fn distance(p: &Program, i: InputId, a: &Val, b: &Val) -> Decimal {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => relative(*x, *y),
        (Val::Sym(x), Val::Sym(y)) => match p.inputs.get(i.index()).map(|inp| &inp.ty) {
            Some(Ty::Enum(syms)) => {
                let pos = |s: &Sym| syms.iter().position(|v| v == s).unwrap_or(0) as i64;
                Decimal::from((pos(x) - pos(y)).abs())
            }
            _ => Decimal::ONE,
        },
        _ => Decimal::ONE,
    }
}

fn grade_rank(p: &Program, def: DefId, v: &Val) -> Option<usize> {
    let Val::Sym(s) = v else { return None };
    match p.defs.get(def.index()).map(|d| &d.kind) {
        Some(DefKind::Grade { bands, .. }) => bands.iter().position(|b| b.sym == *s),
        Some(DefKind::Levels(l)) => l.levels.iter().position(|x| x == s),
        _ => None,
    }
}

/// Whether definition `d` passes (an item) or reaches its lowest passing level (a ladder).
fn def_passes(p: &Program, d: DefId, values: &[Val]) -> bool {
    match p.defs.get(d.index()).map(|x| &x.kind) {
        Some(DefKind::Levels(l)) => {
            matches!(values.get(d.index()), Some(Val::Sym(s)) if l.levels.last() != Some(s))
        }
        Some(_) => values.get(d.index()).map(Outcome::of) == Some(Outcome::Pass),
        None => false,
    }
}

/// Trial evaluations: one input changed at a time, only what depends on it re-evaluated, then put back.
struct Trial<'p> {
    p: &'p Program,
    g: &'p Plan,
    base: &'p [Val],
    inputs: Vec<Val>,
    values: Vec<Val>,
    meter: Meter,
    /// The definitions the last trial toward one definition re-evaluated, kept for the next trials of
    /// the same input and definition (the searches try many values of one input in a row).
    toward: Option<(InputId, DefId, Vec<DefId>)>,
    /// The changed input's own value while a trial runs.
    saved: Val,
}

impl<'p> Trial<'p> {
    fn new(
        g: &'p Plan,
        p: &'p Program,
        inputs: &[Val],
        e: &'p Evaluation,
        budget: Budget,
    ) -> Trial<'p> {
        Trial {
            p,
            g,
            base: &e.values,
            inputs: inputs.to_vec(),
            values: e.values.clone(),
            meter: Meter::new(budget),
            toward: None,
            saved: Val::Unknown,
        }
    }

    fn deps(&self, i: InputId) -> &'p [DefId] {
        self.g.dependents(i)
    }

    /// Set input `i` to `v`, re-evaluate its dependents up to definition `upto` (all when `None`), look at
    /// the values with `look`, and put everything back. `None` when the budget is spent or the changed
    /// assessment cannot be evaluated (a division by zero at that value).
    fn with<T>(
        &mut self,
        i: InputId,
        v: Val,
        upto: Option<DefId>,
        look: impl FnOnce(&[Val]) -> T,
    ) -> Option<T> {
        // Only `look` depends on the caller: the rest is in one copy (`set`, `reset`), not one per
        // caller, which the browser engine's size budget counts.
        let toward = self.toward_deps(i, upto);
        let ok = self.set(i, v, toward.as_ref().map(|t| t.2.as_slice()))?;
        let out = ok.then(|| look(&self.values));
        self.reset(i, toward.as_ref().map(|t| t.2.as_slice()));
        if toward.is_some() {
            self.toward = toward;
        }
        out
    }

    /// Toward one definition: only what it reads of the input's dependents (`None`: all of them).
    #[inline(never)]
    fn toward_deps(
        &mut self,
        i: InputId,
        upto: Option<DefId>,
    ) -> Option<(InputId, DefId, Vec<DefId>)> {
        let u = upto?;
        match self.toward.take() {
            Some((ti, tu, deps)) if ti == i && tu == u => Some((i, u, deps)),
            _ => Some((i, u, self.g.deps_for(i, u))),
        }
    }

    /// Set input `i` to `v` and re-evaluate `deps` (all its dependents when `None`): whether that
    /// worked, or `None` (nothing changed) when the budget cannot pay for it.
    #[inline(never)]
    fn set(&mut self, i: InputId, v: Val, deps: Option<&[DefId]>) -> Option<bool> {
        let deps = deps.unwrap_or_else(|| self.deps(i));
        if !self.meter.spend(self.g.cost_of(deps)) {
            return None;
        }
        let slot = self.inputs.get_mut(i.index())?;
        self.saved = std::mem::replace(slot, v);
        Some(
            self.g
                .reevaluate(self.p, &self.inputs, &mut self.values, deps)
                .is_ok(),
        )
    }

    /// Put back what [`Trial::set`] changed.
    #[inline(never)]
    fn reset(&mut self, i: InputId, deps: Option<&[DefId]>) {
        let deps = deps.unwrap_or_else(|| self.deps(i));
        for &d in deps {
            if let (Some(slot), Some(b)) =
                (self.values.get_mut(d.index()), self.base.get(d.index()))
            {
                *slot = b.clone();
            }
        }
        if let Some(slot) = self.inputs.get_mut(i.index()) {
            *slot = std::mem::replace(&mut self.saved, Val::Unknown);
        }
    }
}

/// For each failing own item or ladder, the smallest single-input change that makes it pass; for each own
/// grade below its best band, the smallest single-input change reaching the next band. All verified.
/// Each trial re-evaluates only what depends on the changed input; the whole search stops at `budget`.
pub fn fixes(
    p: &Program,
    inputs: &[Val],
    e: &Evaluation,
    budget: Budget,
) -> Result<Fixes, EvalError> {
    fixes_with(&Plan::new(p), p, inputs, e, budget)
}

/// [`fixes`] with the program's [`Plan`] made beforehand (and kept for the next evaluation).
pub fn fixes_with(
    plan: &Plan,
    p: &Program,
    inputs: &[Val],
    e: &Evaluation,
    budget: Budget,
) -> Result<Fixes, EvalError> {
    let mut out = Vec::new();
    let mut t = Trial::new(plan, p, inputs, e, budget);
    let mut cands: Vec<Option<Vec<Val>>> = vec![None; p.inputs.len()];
    for &d in &e.failing {
        if t.meter.stopped {
            break;
        }
        let mut best: Option<(Decimal, Fix)> = None;
        fn consider(best: &mut Option<(Decimal, Fix)>, dist: Decimal, f: Fix) {
            if best.as_ref().map(|b| dist < b.0).unwrap_or(true) {
                *best = Some((dist, f));
            }
        }
        for &i in plan.def_inputs(p, d) {
            if t.meter.stopped {
                break;
            }
            let from = inputs.get(i.index()).cloned().unwrap_or(Val::Unknown);
            if from == Val::Unknown {
                continue;
            }
            // When `d` reads `i` only through tests it rises with, its value follows which of them
            // hold: a value at which no more of them hold than at one that fails cannot pass. The
            // value now fails (a reference when the tests are decided at it and no item an
            // `at_least … within` measures is unknown there); when every test holds now, no value
            // can pass.
            let tests = plan.tests_for(p, d, i);
            let mut failed: Vec<u64> = Vec::new();
            if let Some((ts, dt)) = tests {
                if decided(ts, &from) && dt.measured_known(&e.values) {
                    let now = signature(ts, &from);
                    if now.count_ones() as usize == ts.len() {
                        continue;
                    }
                    failed.push(now);
                }
            }
            let cs = match cands.get(i.index()) {
                Some(Some(c)) => c.clone(),
                _ => {
                    let c = candidates(p, plan, e, i, inputs);
                    if let Some(slot) = cands.get_mut(i.index()) {
                        *slot = Some(c.clone());
                    }
                    c
                }
            };
            // Nearest first (a stable sort: among equally near ones, the order they were found in), so
            // the first that passes is this input's nearest, and none as far as the best found so far
            // is tried: the same fix as trying them all, with fewer trials.
            // For one input, the relative distance of a number grows with the plain difference, so
            // they are ordered by that (no division) and the distance is worked out for those tried.
            let mut cs: Vec<(Decimal, Val)> = cs
                .into_iter()
                .filter(|c| *c != from)
                .map(|c| {
                    let key = match (&from, &c) {
                        (Val::Num(x), Val::Num(y)) => {
                            sub(*y, *x).map(|g| g.abs()).unwrap_or(Decimal::MAX)
                        }
                        _ => distance(p, i, &from, &c),
                    };
                    (key, c)
                })
                .collect();
            yardstick_syntax::sort::sort_by(&mut cs, |a, b| cmp_dec(&a.0, &b.0));
            for (_, c) in cs {
                let dist = distance(p, i, &from, &c);
                if best.as_ref().is_some_and(|b| dist >= b.0) {
                    break;
                }
                let sig = tests
                    .filter(|(ts, _)| decided(ts, &c))
                    .map(|(ts, _)| signature(ts, &c));
                if sig.is_some_and(|s| failed.iter().any(|f| s & !f == 0)) {
                    continue;
                }
                let look = |v: &[Val]| {
                    let reference = tests.is_some_and(|(_, dt)| dt.measured_known(v));
                    (def_passes(p, d, v), reference)
                };
                match t.with(i, c.clone(), Some(d), look) {
                    Some((true, _)) => {
                        consider(
                            &mut best,
                            dist,
                            Fix {
                                def: d,
                                input: i,
                                from: from.clone(),
                                to: c,
                                reaches: "pass".into(),
                            },
                        );
                        break;
                    }
                    Some((false, true)) => failed.extend(sig),
                    Some((false, false)) | None => {}
                }
            }
            // An input used only indirectly (in a derived value, a quotient, a score) has no threshold of
            // its own: search along its range for the nearest value that passes.
            let direct = t.g.direct.get(i.index()).copied().unwrap_or(true);
            if let (Val::Num(x), false) = (&from, direct) {
                let x = *x;
                if let Some(to) = search(&mut t, i, x, d, &|v: &[Val]| def_passes(p, d, v)) {
                    consider(
                        &mut best,
                        relative(x, to),
                        Fix {
                            def: d,
                            input: i,
                            from: Val::Num(x),
                            to: Val::Num(to),
                            reaches: "pass".into(),
                        },
                    );
                }
            }
        }
        if let Some((_, f)) = best {
            out.push(f);
        }
    }
    // Next grade band.
    for (d, def) in p.defs.iter().enumerate() {
        let d = DefId::from_index(d);
        if t.meter.stopped {
            break;
        }
        if !def.own || !matches!(def.kind, DefKind::Grade { .. }) {
            continue;
        }
        let Some(cur) = grade_rank(p, d, &e.values[d.index()]) else {
            continue;
        };
        if cur == 0 {
            continue;
        }
        let target = cur - 1;
        let reached = match p.defs[d].kind {
            DefKind::Grade { ref bands, .. } => bands
                .get(target)
                .map(|b| p.sym(b.sym).to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        let mut best: Option<(Decimal, Fix)> = None;
        for &i in plan.def_inputs(p, d) {
            if t.meter.stopped {
                break;
            }
            let from = inputs.get(i.index()).cloned().unwrap_or(Val::Unknown);
            let Val::Num(x) = from else { continue };
            let reaches = |v: &[Val]| {
                v.get(d.index())
                    .and_then(|g| grade_rank(p, d, g))
                    .map(|g| g <= target)
                    .unwrap_or(false)
            };
            if let Some(to) = search(&mut t, i, x, d, &reaches) {
                let dist = relative(x, to);
                if best.as_ref().map(|b| dist < b.0).unwrap_or(true) {
                    best = Some((
                        dist,
                        Fix {
                            def: d,
                            input: i,
                            from: Val::Num(x),
                            to: Val::Num(to),
                            reaches: reached.clone(),
                        },
                    ));
                }
            }
        }
        if let Some((_, f)) = best {
            out.push(f);
        }
    }
    Ok(Fixes {
        fixes: out,
        complete: !t.meter.stopped,
    })
}

/// The value of input `i` nearest to `x` (in either direction, within its range) at which `goal` holds
/// for definition `d`, at the input's precision; verified by evaluating it. Assumes the goal, once reached
/// along a direction, stays reached further on (true of limits, scores and bands).
fn search(
    t: &mut Trial<'_>,
    i: InputId,
    x: Decimal,
    d: DefId,
    goal: &dyn Fn(&[Val]) -> bool,
) -> Option<Decimal> {
    let p = t.p;
    let inp = p.inputs.get(i.index())?;
    let (min, max) = (inp.min, inp.max);
    // Bisection may pass through fractions of a count; only the final value must be a whole number.
    let mut reaches = |v: Decimal| -> bool {
        if min.map(|m| v < m).unwrap_or(false) || max.map(|m| v > m).unwrap_or(false) {
            return false;
        }
        t.with(i, Val::Num(v), Some(d), goal).unwrap_or(false)
    };
    // Every step below is checked: near the edge of what a decimal holds, the search looks no further.
    let span = mul(x.abs().max(Decimal::ONE), Decimal::from(1000)).unwrap_or(Decimal::MAX);
    let step = step_for(p, i, x, Some(x));
    let mut found: Option<Decimal> = None;
    for up in [true, false] {
        let far = match (up, max, min) {
            (true, Some(m), _) => m,
            (false, _, Some(m)) => m,
            (true, None, _) => add(x, span).unwrap_or(Decimal::MAX),
            (false, _, None) => sub(x, span).unwrap_or(Decimal::MIN),
        };
        if far == x || !reaches(far) {
            continue;
        }
        // Bisect between x (does not reach) and far (reaches).
        let (mut lo, mut hi) = (x, far);
        let tolerance = (step / Decimal::from(16)).max(Decimal::new(1, 9));
        for _ in 0..64 {
            match sub(hi, lo) {
                Some(gap) if gap.abs() >= tolerance => {}
                _ => break,
            }
            let mid = match add(lo, hi) {
                Some(sum) => sum / Decimal::TWO,
                None => lo / Decimal::TWO + hi / Decimal::TWO,
            };
            if reaches(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        // Round to the input's precision toward x (the smallest change), then one step further if needed.
        let toward = div(hi, step).and_then(|q| mul(if up { q.floor() } else { q.ceil() }, step));
        let further = toward.and_then(|v| if up { add(v, step) } else { sub(v, step) });
        let cand = [toward, further, Some(hi)]
            .into_iter()
            .flatten()
            .find(|v| *v != x && (*v > x) == up && in_range(p, i, *v) && reaches(*v));
        if let Some(c) = cand {
            let c = c.normalize();
            let gap = |v: Decimal| sub(v, x).map(|g| g.abs()).unwrap_or(Decimal::MAX);
            if found.map(|f| gap(c) < gap(f)).unwrap_or(true) {
                found = Some(c);
            }
        }
    }
    found
}

fn outcome_rank(o: Outcome) -> u8 {
    match o {
        Outcome::Fail => 0,
        Outcome::Unknown => 1,
        Outcome::NotApplicable => 2,
        Outcome::Pass => 3,
    }
}

/// What one definition adds to the search's objective and to the standard's outcome, so that the
/// objective of a trial is updated from the definitions it changed alone. Mirrors `evaluate`'s outcome
/// rules; the results reported are always re-checked by a whole evaluation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    fail: i64,
    unknown: i64,
    applicable: i64,
    judged: i64,
    score_unknown: i64,
    score: i64,
}

impl Tally {
    fn of(p: &Program, i: DefId, v: &Val) -> Tally {
        let mut t = Tally::default();
        let Some(d) = p.defs.get(i.index()) else {
            return t;
        };
        if !d.own {
            return t;
        }
        let o = match &d.kind {
            DefKind::Item { .. } => {
                let o = Outcome::of(v);
                t.score += match o {
                    Outcome::Pass => 2,
                    Outcome::Fail => -2,
                    _ => 0,
                };
                Some(o)
            }
            DefKind::Levels(l) => {
                if let Some(g) = grade_rank(p, i, v) {
                    t.score -= g as i64;
                }
                d.output.then_some(match v {
                    Val::Sym(s) if l.levels.last() == Some(s) => Outcome::Fail,
                    Val::Sym(_) => Outcome::Pass,
                    _ => Outcome::Unknown,
                })
            }
            DefKind::Grade { .. } | DefKind::Score { .. } => {
                if matches!(d.kind, DefKind::Grade { .. }) {
                    if let Some(g) = grade_rank(p, i, v) {
                        t.score -= g as i64;
                    }
                }
                if d.output && matches!(v, Val::Unknown) {
                    t.score_unknown += 1;
                }
                None
            }
            DefKind::Value(_) => None,
        };
        if let Some(o) = o {
            t.judged += 1;
            match o {
                Outcome::Fail => {
                    t.fail += 1;
                    t.applicable += 1;
                }
                Outcome::Unknown => {
                    t.unknown += 1;
                    t.applicable += 1;
                }
                Outcome::Pass => t.applicable += 1,
                Outcome::NotApplicable => {}
            }
        }
        t
    }
    fn add(&mut self, o: Tally, sign: i64) {
        self.fail += sign * o.fail;
        self.unknown += sign * o.unknown;
        self.applicable += sign * o.applicable;
        self.judged += sign * o.judged;
        self.score_unknown += sign * o.score_unknown;
        self.score += sign * o.score;
    }
    fn objective(&self) -> (u8, i64) {
        let o = if self.fail > 0 {
            Outcome::Fail
        } else if self.unknown > 0 || (self.judged == 0 && self.score_unknown > 0) {
            Outcome::Unknown
        } else if self.judged > 0 && self.applicable == 0 {
            Outcome::NotApplicable
        } else {
            Outcome::Pass
        };
        (outcome_rank(o), self.score)
    }
}

/// Objective for the search: outcome first, then passing items, then grade bands.
fn objective(p: &Program, r: &Evaluation) -> (u8, i64) {
    let mut t = Tally::default();
    for (i, v) in r.values.iter().enumerate() {
        t.add(Tally::of(p, DefId::from_index(i), v), 1);
    }
    (outcome_rank(r.outcome), t.objective().1)
}

/// Most combinations of candidate values tried one by one; past it, each missing input is chosen alone.
pub const MAX_PARTIAL_COMBINATIONS: usize = 4096;

/// With inputs missing: the best and worst outcomes and grades still reachable (each found by evaluating
/// a completed assessment, so each is really reachable), and the missing inputs that decide them.
/// Exhaustive over candidate values up to [`MAX_PARTIAL_COMBINATIONS`] combinations when the budget pays
/// for it; otherwise each missing input chosen alone with the others still missing, each trial
/// re-evaluating only its dependents. Stops at `budget`.
pub fn partial(
    p: &Program,
    inputs: &[Val],
    e: &Evaluation,
    budget: Budget,
) -> Result<Option<Partial>, EvalError> {
    partial_with(&Plan::new(p), p, inputs, e, budget)
}

/// [`partial`] with the program's [`Plan`] made beforehand (and kept for the next evaluation).
pub fn partial_with(
    plan: &Plan,
    p: &Program,
    inputs: &[Val],
    e: &Evaluation,
    budget: Budget,
) -> Result<Option<Partial>, EvalError> {
    let missing: Vec<InputId> = p
        .input_ids()
        .filter(|i| inputs.get(i.index()) == Some(&Val::Unknown))
        .collect();
    let undecided: Vec<bool> = (0..p.defs.len())
        .map(|d| {
            p.defs[d].own
                && matches!(e.values[d], Val::Unknown)
                && !matches!(p.defs[d].kind, DefKind::Value(_))
        })
        .collect();
    if missing.is_empty() || !undecided.iter().any(|u| *u) {
        return Ok(None);
    }
    let mut t = Trial::new(plan, p, inputs, e, budget);
    // Which missing inputs matter, and how much: the undecided definitions each one reaches.
    let mut weight: Vec<(InputId, i64)> = Vec::new();
    for &i in &missing {
        let w: i64 = t
            .deps(i)
            .iter()
            .filter(|d| undecided.get(d.index()).copied().unwrap_or(false))
            .map(|&d| match p.defs[d].kind {
                DefKind::Item { veto: true, .. } => 4,
                DefKind::Item { .. } | DefKind::Levels(_) => 2,
                _ => 1,
            })
            .sum();
        if w > 0 {
            weight.push((i, w));
        }
    }
    yardstick_syntax::sort::sort_by(&mut weight, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let relevant: Vec<InputId> = weight.iter().map(|w| w.0).collect();
    let cands: Vec<Vec<Val>> = relevant
        .iter()
        .map(|&i| candidates(p, plan, e, i, inputs))
        .collect();
    let mut best: Option<((u8, i64), Evaluation)> = None;
    let mut worst: Option<((u8, i64), Evaluation)> = None;
    let consider = |r: Evaluation,
                    best: &mut Option<((u8, i64), Evaluation)>,
                    worst: &mut Option<((u8, i64), Evaluation)>| {
        let o = objective(p, &r);
        if best.as_ref().map(|b| o > b.0).unwrap_or(true) {
            *best = Some((o, r.clone()));
        }
        if worst.as_ref().map(|w| o < w.0).unwrap_or(true) {
            *worst = Some((o, r));
        }
    };
    let total: usize = cands
        .iter()
        .map(|c| c.len().max(1))
        .try_fold(1usize, |a, b| a.checked_mul(b))
        .unwrap_or(usize::MAX);
    let whole = plan.total_cost;
    let exhaustive_cost = (total as u64).saturating_mul(whole);
    if total <= MAX_PARTIAL_COMBINATIONS && t.meter.spend(exhaustive_cost) {
        let mut scratch = inputs.to_vec();
        let mut idx = vec![0usize; relevant.len()];
        loop {
            for (k, &i) in relevant.iter().enumerate() {
                if let Some(v) = cands[k].get(idx[k]) {
                    scratch[i.index()] = v.clone();
                }
            }
            if let Ok(r) = evaluate(p, &scratch) {
                consider(r, &mut best, &mut worst);
            }
            // Next combination.
            let mut k = 0;
            loop {
                if k == idx.len() {
                    break;
                }
                idx[k] += 1;
                if idx[k] < cands[k].len() {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
            if k == idx.len() {
                break;
            }
        }
    } else {
        // Undo the refusal of the exhaustive search: only this fallback's own trials count.
        t.meter.stopped = false;
        let mut base = Tally::default();
        for (i, v) in e.values.iter().enumerate() {
            base.add(Tally::of(p, DefId::from_index(i), v), 1);
        }
        // Independent choice per input (each chosen with the others still missing), for both extremes.
        let mut picks: [Vec<Val>; 2] = [inputs.to_vec(), inputs.to_vec()];
        for (k, &i) in relevant.iter().enumerate() {
            let deps = t.deps(i);
            let before: Vec<Tally> = deps
                .iter()
                .map(|&d| Tally::of(p, d, &e.values[d.index()]))
                .collect();
            let mut pick: [Option<((u8, i64), Val)>; 2] = [None, None];
            for v in &cands[k] {
                let Some(o) = t.with(i, v.clone(), None, |vals| {
                    let mut tally = base;
                    for (n, &d) in deps.iter().enumerate() {
                        tally.add(before[n], -1);
                        tally.add(Tally::of(p, d, &vals[d.index()]), 1);
                    }
                    tally.objective()
                }) else {
                    continue;
                };
                for (side, want_best) in [(0, true), (1, false)] {
                    let better = pick[side]
                        .as_ref()
                        .map(|pk| if want_best { o > pk.0 } else { o < pk.0 })
                        .unwrap_or(true);
                    if better {
                        pick[side] = Some((o, v.clone()));
                    }
                }
            }
            for side in 0..2 {
                if let Some((_, v)) = pick[side].take() {
                    picks[side][i.index()] = v;
                }
            }
            if t.meter.stopped {
                break;
            }
        }
        for chosen in &picks {
            if let Ok(r) = evaluate(p, chosen) {
                consider(r, &mut best, &mut worst);
            }
        }
    }
    let (Some((_, b)), Some((_, w))) = (best, worst) else {
        return Ok(None);
    };
    let ranges = p
        .defs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.own && matches!(d.kind, DefKind::Grade { .. } | DefKind::Levels(_)))
        .map(|(i, _)| {
            let s = |v: &Val| if let Val::Sym(s) = v { Some(*s) } else { None };
            (DefId::from_index(i), s(&b.values[i]), s(&w.values[i]))
        })
        .collect();
    Ok(Some(Partial {
        best: b.outcome,
        worst: w.outcome,
        ranges,
        ask_next: relevant,
        complete: !t.meter.stopped,
    }))
}
