//! The flat compiled form of a [`Program`]: what evaluation runs on the hot path.
//!
//! [`Compiled::new`] turns every definition's expression tree into a [`Node`] tree specialised for the
//! shapes standards are made of, once per program:
//!
//! - constants folded: a sub-expression that reads no input or definition is evaluated at compile time
//!   (when it evaluates without an error; one that fails stays, so the error is raised where the tree
//!   evaluator raises it), and `if` with a constant condition keeps only its branch;
//! - comparisons against a constant number compare in a compact fixed-point form ([`Fixed`]: the
//!   limit's `i64` mantissa and scale read once, the value's read from its parts, rescaled when that
//!   cannot overflow: `eval::cmp_dec`'s rule), falling back to exact `Decimal` comparison otherwise;
//!   never rounding;
//! - a list of comparisons of inputs with constants (`all_of`, an item's body) is one tight loop;
//! - "the rest within k×" of `at_least` tests `value ≤ k × limit` over each listed item's upper-limit
//!   comparisons, collected at compile time, with no division (when the numbers are small enough for
//!   that to decide exactly as the division does; [`le_multiple`]), instead of walking the item's
//!   tree and dividing;
//! - definitions nothing reads are skipped by [`Compiled::evaluate_reported`] (only `let`s and the
//!   outputs of used standards, which results never report, and only when they cannot fail: an
//!   evaluation error is reported, so a definition that may raise one is always evaluated).
//!
//! What it does not specialise (arithmetic, functions, exceedance values, ladders, scores, grades) it
//! evaluates with the tree evaluator's own code ([`crate::eval`]), so the semantics are one. The tree
//! evaluator stays the reference: `tests/compiled.rs` holds [`Compiled::evaluate`] to
//! [`crate::eval::evaluate`] on generated documents, generated inputs and every shipped standard.

mod within;

use crate::eval::AtLeastTally;
use crate::eval::{compare, ratio, Ev, EvalError, Evaluation, Multiple, Outcome, XNum, R};
use crate::eval::{op_holds, DefError};
use crate::ir::*;
use rust_decimal::Decimal;
use std::cmp::Ordering;
pub use within::{le_factor, le_multiple, Factor};
use yardstick_syntax::ast::CmpOp;

/// A constant number in the compact form comparisons use: the `Decimal`, and its mantissa and scale
/// when the mantissa fits an `i64`.
#[derive(Clone, Copy, Debug)]
pub struct Fixed {
    d: Decimal,
    small: Option<(i64, u32)>,
}

impl Fixed {
    pub fn new(d: Decimal) -> Fixed {
        Fixed {
            d,
            small: crate::eval::small_mantissa(&d),
        }
    }
    /// `x` compared with this constant, exactly: as [`crate::eval::cmp_dec`] does, with this side's
    /// parts read once, when the constant was compiled.
    #[inline]
    pub fn cmp_with(&self, x: &Decimal) -> Ordering {
        if let (Some((m, s)), Some((xm, xs))) = (self.small, crate::eval::small_mantissa(x)) {
            if xs == s {
                return xm.cmp(&m);
            }
            if let Some(o) = crate::eval::cmp_scaled(xm, xs, m, s) {
                return o;
            }
        }
        x.cmp(&self.d)
    }
}

/// One comparison of an input with a constant number, as the tree evaluator's fast path evaluates it:
/// a number compares, `not_applicable` stays, anything else is unknown.
#[derive(Clone, Copy, Debug)]
pub struct InCmp {
    input: u32,
    op: CmpOp,
    t: Fixed,
}

impl InCmp {
    #[inline(always)]
    fn truth(&self, inputs: &[Val]) -> Truth {
        match inputs.get(self.input as usize) {
            Some(Val::Num(x)) => Truth::of_bool(op_holds(self.op, self.t.cmp_with(x))),
            Some(Val::NotApplicable) => Truth::NotApplicable,
            _ => Truth::Unknown,
        }
    }
}

/// A value as a condition reads it: what `and`, `or`, `at_least`, `if` and `applies when` tell apart,
/// read from a value in place (no copy of the value).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Truth {
    True,
    False,
    NotApplicable,
    /// Unknown, or anything that is not a condition's value.
    Unknown,
}

impl Truth {
    #[inline]
    fn of(v: Option<&Val>) -> Truth {
        match v {
            Some(Val::Bool(true)) => Truth::True,
            Some(Val::Bool(false)) => Truth::False,
            Some(Val::NotApplicable) => Truth::NotApplicable,
            _ => Truth::Unknown,
        }
    }

    #[inline]
    fn of_bool(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    /// The value it was read from, for a value that was a condition's (true, false, not applicable
    /// or unknown).
    #[inline]
    fn val(self) -> Val {
        match self {
            Truth::True => Val::Bool(true),
            Truth::False => Val::Bool(false),
            Truth::NotApplicable => Val::NotApplicable,
            Truth::Unknown => Val::Unknown,
        }
    }
}

/// How `at_least … and the rest within k×` finds a listed item's multiple.
#[derive(Clone, Debug)]
pub enum Mult {
    /// Not a plain item name: no multiple (the rest is then unknown).
    None,
    /// An item: its upper-limit comparisons (value, limit), in the order the tree evaluator folds them.
    Uppers(Box<[(Node, Node)]>),
    /// Anything else (a ladder, an item with a conditional inside): the tree evaluator's multiple.
    Tree(DefId),
}

/// A compiled expression.
#[derive(Clone, Debug)]
pub enum Node {
    Const(Val),
    Input(u32),
    Def(u32),
    /// An input against a constant number (the tree evaluator's fast path).
    InCmp(InCmp),
    /// An `and` / `all_of` of input-against-constant comparisons.
    AllInCmp(Box<[InCmp]>),
    /// Anything against a constant number (three-valued, with infinities).
    CmpConst {
        lhs: Box<Node>,
        op: CmpOp,
        t: Fixed,
    },
    Cmp {
        op: CmpOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    Not(Box<Node>),
    Neg(Box<Node>),
    All(Box<[Node]>),
    Any(Box<[Node]>),
    NoneOf(Box<[Node]>),
    In {
        lhs: Box<Node>,
        set: Box<[Sym]>,
    },
    If(Box<[Node; 3]>),
    AtLeast {
        k: u32,
        list: Box<[Node]>,
        within: Option<Decimal>,
        mults: Box<[Mult]>,
    },
    /// Evaluated by the tree evaluator (arithmetic, functions, exceedance values).
    Tree(Box<Ex>),
}

/// What a definition runs.
#[derive(Clone, Debug)]
enum Step {
    Value(Node),
    Item {
        applies: Option<Node>,
        body: Node,
    },
    /// Ladders, scores and grades: the tree evaluator's code.
    Tree,
}

/// How an own definition counts in the standard's outcome.
#[derive(Clone, Copy, Debug)]
enum Judge {
    Item {
        veto: bool,
    },
    /// An output ladder: failing at its `below` level.
    Levels {
        below: Option<Sym>,
    },
    /// An output score or grade: undecided when it cannot be computed.
    Score,
}

/// A [`Program`] compiled for evaluation. Build it once per program ([`Compiled::new`]) and evaluate
/// it with that program as often as needed; it is `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Compiled {
    steps: Vec<Step>,
    /// Whether [`Compiled::evaluate_reported`] evaluates the definition.
    reported: Vec<bool>,
    /// The own definitions that decide the outcome, in document order (the order results list
    /// `failing` and `vetoed_by` in).
    judged: Vec<(u32, Judge)>,
    skipped: usize,
}

impl Compiled {
    /// Compile `p`.
    pub fn new(p: &Program) -> Compiled {
        let mut steps = Vec::with_capacity(p.defs.len());
        for (i, d) in p.defs.iter().enumerate() {
            let mut c = Compiler {
                p,
                def: DefId::from_index(i),
            };
            steps.push(match &d.kind {
                DefKind::Value(e) => Step::Value(c.node(e)),
                DefKind::Item { applies, body, .. } => Step::Item {
                    applies: applies.as_ref().map(|a| c.node(a)),
                    body: c.node(body),
                },
                _ => Step::Tree,
            });
        }
        let reported = reported_defs(p);
        let skipped = reported.iter().filter(|r| !**r).count();
        let mut judged: Vec<(u32, Judge)> = p
            .defs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.own)
            .filter_map(|(i, d)| {
                let j = match &d.kind {
                    DefKind::Item { veto, .. } => Judge::Item { veto: *veto },
                    DefKind::Levels(l) if d.output => Judge::Levels {
                        below: l.levels.last().copied(),
                    },
                    DefKind::Grade { .. } | DefKind::Score { .. } if d.output => Judge::Score,
                    _ => return None,
                };
                Some((i as u32, j))
            })
            .collect();
        // Stable: definitions at one place keep their evaluation order, as the tree evaluator's sort.
        judged.sort_by_key(|(i, _)| {
            p.defs
                .get(*i as usize)
                .map(|d| (d.loc.file, d.loc.span.start))
                .unwrap_or_default()
        });
        Compiled {
            steps,
            reported,
            judged,
            skipped,
        }
    }

    /// How many definitions [`Compiled::evaluate_reported`] skips.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Whether [`Compiled::evaluate_reported`] evaluates definition `d`.
    pub fn reports(&self, d: DefId) -> bool {
        self.reported.get(d.index()).copied().unwrap_or(true)
    }

    /// Evaluate every definition: exactly the [`Evaluation`] of [`crate::eval::evaluate`].
    pub fn evaluate(&self, p: &Program, inputs: &[Val]) -> Result<Evaluation, EvalError> {
        let mut out = empty();
        self.evaluate_into(p, inputs, true, &mut out)?;
        Ok(out)
    }

    /// Evaluate what results report: like [`Compiled::evaluate`], except that the definitions nothing
    /// reported reads (see the module documentation) are left [`Val::Unknown`] in `values`. Outcome,
    /// `vetoed_by`, `failing`, `errors` and the value of every other definition are the same.
    pub fn evaluate_reported(&self, p: &Program, inputs: &[Val]) -> Result<Evaluation, EvalError> {
        let mut out = empty();
        self.evaluate_into(p, inputs, false, &mut out)?;
        Ok(out)
    }

    /// Evaluate into `out`, reusing its buffers (no allocation once they have grown, unless a
    /// definition fails); `all` as [`Compiled::evaluate`], else as [`Compiled::evaluate_reported`].
    pub fn evaluate_into(
        &self,
        p: &Program,
        inputs: &[Val],
        all: bool,
        out: &mut Evaluation,
    ) -> Result<(), EvalError> {
        if self.steps.len() != p.defs.len() {
            // Compiled from another program: the reference is always right.
            *out = crate::eval::evaluate(p, inputs)?;
            return Ok(());
        }
        out.values.clear();
        out.errors.clear();
        out.vetoed_by.clear();
        out.failing.clear();
        let mut ev = Ev {
            p,
            inputs,
            values: std::mem::take(&mut out.values),
            def: DefId(0),
        };
        ev.values.reserve(self.steps.len());
        for (i, (step, reported)) in self.steps.iter().zip(&self.reported).enumerate() {
            if !all && !*reported {
                ev.values.push(Val::Unknown);
                continue;
            }
            let id = DefId::from_index(i);
            ev.def = id;
            let v = match step {
                // Most items are a comparison or a list of them: answered here.
                Step::Item {
                    applies: None,
                    body: Node::InCmp(c),
                } => Ok(c.truth(inputs).val()),
                Step::Item {
                    applies: None,
                    body: Node::AllInCmp(cs),
                } => Ok(all_in_cmp(cs, inputs)),
                Step::Value(n) => node(&mut ev, n),
                Step::Item { applies, body } => item(&mut ev, applies.as_ref(), body),
                Step::Tree => match p.defs.get(i) {
                    Some(d) => ev.def_value(d),
                    None => Ok(Val::Unknown),
                },
            };
            let v = match v {
                Ok(v) => v,
                Err(e) => {
                    out.errors.push(DefError { def: id, error: *e });
                    Val::Unknown
                }
            };
            ev.values.push(v);
        }
        out.values = ev.values;
        self.summarise(out);
        Ok(())
    }

    /// Complete an evaluation made by [`Compiled::evaluate_reported`] (or [`Compiled::evaluate_into`]
    /// without `all`) of the same `inputs`: evaluate only the definitions it skipped, so that `out` is
    /// then exactly what [`Compiled::evaluate`] gives. The skipped ones cannot fail and are judged by
    /// nothing, so outcome, `failing` and `errors` stay as they are; should one fail all the same, the
    /// whole evaluation is redone with every definition.
    pub fn complete_into(
        &self,
        p: &Program,
        inputs: &[Val],
        out: &mut Evaluation,
    ) -> Result<(), EvalError> {
        if self.steps.len() != p.defs.len() || out.values.len() != p.defs.len() {
            return self.evaluate_into(p, inputs, true, out);
        }
        let mut ev = Ev {
            p,
            inputs,
            values: std::mem::take(&mut out.values),
            def: DefId(0),
        };
        let mut failed = false;
        for (i, (d, step)) in p.defs.iter().zip(&self.steps).enumerate() {
            if self.reported.get(i).copied().unwrap_or(true) {
                continue;
            }
            ev.def = DefId::from_index(i);
            let v = match step {
                Step::Value(n) => node(&mut ev, n),
                Step::Item { applies, body } => item(&mut ev, applies.as_ref(), body),
                Step::Tree => ev.def_value(d),
            };
            match (v, ev.values.get_mut(i)) {
                (Ok(v), Some(slot)) => *slot = v,
                _ => {
                    failed = true;
                    break;
                }
            }
        }
        out.values = ev.values;
        if failed {
            return self.evaluate_into(p, inputs, true, out);
        }
        Ok(())
    }

    /// [`crate::eval::reevaluate`] by the compiled form: re-evaluate only `defs` (in dependency order)
    /// with `inputs`, in place over `values`, the same values and the same first error. The searches'
    /// trials run here when the facade has the compiled form.
    pub fn reevaluate(
        &self,
        p: &Program,
        inputs: &[Val],
        values: &mut Vec<Val>,
        defs: &[DefId],
    ) -> Result<(), EvalError> {
        if self.steps.len() != p.defs.len() {
            return crate::eval::reevaluate(p, inputs, values, defs);
        }
        let mut ev = Ev {
            p,
            inputs,
            values: std::mem::take(values),
            def: DefId(0),
        };
        let mut result = Ok(());
        for &k in defs {
            let (Some(d), Some(step)) = (p.defs.get(k.index()), self.steps.get(k.index())) else {
                continue;
            };
            ev.def = k;
            let v = match step {
                Step::Value(n) => node(&mut ev, n),
                Step::Item { applies, body } => item(&mut ev, applies.as_ref(), body),
                Step::Tree => ev.def_value(d),
            };
            match v {
                Ok(v) => {
                    if let Some(slot) = ev.values.get_mut(k.index()) {
                        *slot = v;
                    }
                }
                Err(e) => {
                    result = Err(*e);
                    break;
                }
            }
        }
        *values = ev.values;
        result
    }

    fn summarise(&self, out: &mut Evaluation) {
        let (mut unknown, mut any_applicable, mut any_judged, mut score_unknown) =
            (false, false, false, false);
        for (i, j) in &self.judged {
            let v = out.values.get(*i as usize).unwrap_or(&Val::Unknown);
            let o = match j {
                Judge::Item { .. } => Outcome::of(v),
                Judge::Levels { below } => match v {
                    Val::Sym(s) if below.as_ref() == Some(s) => Outcome::Fail,
                    Val::Sym(_) => Outcome::Pass,
                    _ => Outcome::Unknown,
                },
                Judge::Score => {
                    if matches!(v, Val::Unknown) {
                        score_unknown = true;
                    }
                    continue;
                }
            };
            any_judged = true;
            match o {
                Outcome::Fail => {
                    if matches!(j, Judge::Item { veto: true }) {
                        out.vetoed_by.push(DefId(*i));
                    }
                    out.failing.push(DefId(*i));
                    any_applicable = true;
                }
                Outcome::Unknown => {
                    unknown = true;
                    any_applicable = true;
                }
                Outcome::Pass => any_applicable = true,
                Outcome::NotApplicable => {}
            }
        }
        out.outcome = if !out.failing.is_empty() {
            Outcome::Fail
        } else if unknown || (!any_judged && score_unknown) {
            Outcome::Unknown
        } else if any_judged && !any_applicable {
            Outcome::NotApplicable
        } else {
            Outcome::Pass
        };
    }
}

/// An empty evaluation, to evaluate into.
pub fn empty() -> Evaluation {
    Evaluation {
        values: Vec::new(),
        outcome: Outcome::Unknown,
        vetoed_by: Vec::new(),
        failing: Vec::new(),
        errors: Vec::new(),
    }
}

/// Which definitions results read: every item, ladder, score and grade, every own output, and what
/// they read; also every definition that may raise an evaluation error (errors are reported).
fn reported_defs(p: &Program) -> Vec<bool> {
    let n = p.defs.len();
    // Whether evaluating a definition's own expressions may raise an error (earlier ones first, so an
    // exceedance reads the answer for the definition it measures).
    let mut may_fail = vec![false; n];
    for (i, d) in p.defs.iter().enumerate() {
        let mut f = !matches!(d.kind, DefKind::Value(_) | DefKind::Item { .. });
        for e in def_exprs(d) {
            walk(e, &mut |x| match x {
                Ex::Arith { .. } | Ex::Call { .. } => f = true,
                Ex::Exceedance { def, .. }
                    if may_fail.get(def.index()).copied().unwrap_or(true) =>
                {
                    f = true
                }
                _ => {}
            });
        }
        if let Some(m) = may_fail.get_mut(i) {
            *m = f;
        }
    }
    let mut keep: Vec<bool> = p
        .defs
        .iter()
        .zip(&may_fail)
        .map(|(d, f)| *f || d.output || !matches!(d.kind, DefKind::Value(_)))
        .collect();
    // Dependencies come first: one backward pass closes the set.
    for i in (0..n).rev() {
        if !keep.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(d) = p.defs.get(i) else { continue };
        for e in def_exprs(d) {
            walk(e, &mut |x| {
                if let Ex::Def(r) | Ex::Exceedance { def: r, .. } = x {
                    if let Some(k) = keep.get_mut(r.index()) {
                        *k = true;
                    }
                }
            });
        }
    }
    keep
}

struct Compiler<'p> {
    p: &'p Program,
    def: DefId,
}

impl Compiler<'_> {
    /// Fold a sub-expression that reads nothing, when it evaluates without an error.
    fn fold(&self, e: &Ex) -> Option<Val> {
        if let Ex::Const(v) = e {
            return Some(v.clone());
        }
        let mut closed = true;
        walk(e, &mut |x| {
            if matches!(x, Ex::Input(_) | Ex::Def(_) | Ex::Exceedance { .. }) {
                closed = false;
            }
        });
        if !closed {
            return None;
        }
        let mut ev = Ev {
            p: self.p,
            inputs: &[],
            values: Vec::new(),
            def: self.def,
        };
        ev.ex(e).ok()
    }

    fn in_cmp(&self, e: &Ex) -> Option<InCmp> {
        match e {
            Ex::Cmp(c) => match (&c.lhs, &c.rhs) {
                (Ex::Input(i), Ex::Const(Val::Num(t))) => Some(InCmp {
                    input: i.0,
                    op: c.op,
                    t: Fixed::new(*t),
                }),
                _ => None,
            },
            _ => None,
        }
    }

    fn list(&mut self, xs: &[Ex]) -> Box<[Node]> {
        xs.iter().map(|x| self.node(x)).collect()
    }

    fn node(&mut self, e: &Ex) -> Node {
        if let Some(v) = self.fold(e) {
            return Node::Const(v);
        }
        match e {
            Ex::Const(v) => Node::Const(v.clone()),
            Ex::Input(i) => Node::Input(i.0),
            Ex::Def(d) => Node::Def(d.0),
            Ex::Neg(x) => Node::Neg(Box::new(self.node(x))),
            Ex::Not(x) => Node::Not(Box::new(self.node(x))),
            Ex::If(i) => match self.fold(&i.cond) {
                Some(Val::Bool(true)) => self.node(&i.then),
                Some(Val::Bool(false)) => self.node(&i.otherwise),
                Some(Val::NotApplicable) => Node::Const(Val::NotApplicable),
                Some(_) => Node::Const(Val::Unknown),
                None => Node::If(Box::new([
                    self.node(&i.cond),
                    self.node(&i.then),
                    self.node(&i.otherwise),
                ])),
            },
            Ex::Cmp(c) => {
                if let Some(ic) = self.in_cmp(e) {
                    return Node::InCmp(ic);
                }
                let lhs = self.node(&c.lhs);
                let rhs = self.node(&c.rhs);
                match rhs {
                    Node::Const(Val::Num(t)) => Node::CmpConst {
                        lhs: Box::new(lhs),
                        op: c.op,
                        t: Fixed::new(t),
                    },
                    rhs => Node::Cmp {
                        op: c.op,
                        lhs: Box::new(lhs),
                        rhs: Box::new(rhs),
                    },
                }
            }
            Ex::In { lhs, set } => Node::In {
                lhs: Box::new(self.node(lhs)),
                set: set.clone().into_boxed_slice(),
            },
            Ex::And(xs) | Ex::AllOf(xs) => {
                let cmps: Option<Box<[InCmp]>> = xs.iter().map(|x| self.in_cmp(x)).collect();
                match cmps {
                    Some(c) if !c.is_empty() => Node::AllInCmp(c),
                    _ => Node::All(self.list(xs)),
                }
            }
            Ex::Or(xs) | Ex::AnyOf(xs) => Node::Any(self.list(xs)),
            Ex::NoneOf(xs) => Node::NoneOf(self.list(xs)),
            Ex::AtLeast { k, list, within } => {
                let mults = list
                    .iter()
                    .map(|x| match x {
                        Ex::Def(d) => self.mult(*d),
                        _ => Mult::None,
                    })
                    .collect();
                Node::AtLeast {
                    k: *k,
                    list: self.list(list),
                    within: *within,
                    mults,
                }
            }
            Ex::Arith { .. } | Ex::Call { .. } | Ex::Exceedance { .. } => {
                Node::Tree(Box::new(e.clone()))
            }
        }
    }

    /// An item's upper-limit comparisons, in the tree evaluator's fold order (pre-order, as written);
    /// a conditional inside (whose chosen branch decides which limits count) goes to the tree.
    fn mult(&mut self, d: DefId) -> Mult {
        let Some(def) = self.p.defs.get(d.index()) else {
            return Mult::None;
        };
        let DefKind::Item { body, .. } = &def.kind else {
            return Mult::Tree(d);
        };
        let mut conditional = false;
        let mut pairs: Vec<(&Ex, &Ex)> = Vec::new();
        walk(body, &mut |x| match x {
            Ex::If(_) => conditional = true,
            Ex::Cmp(c) if c.op.is_upper_limit() => pairs.push((&c.lhs, &c.rhs)),
            _ => {}
        });
        if conditional {
            return Mult::Tree(d);
        }
        // The operands belong to the listed item, but they are evaluated in the definition being
        // compiled (errors name it), as the tree evaluator does.
        Mult::Uppers(
            pairs
                .into_iter()
                .map(|(l, r)| (self.node(l), self.node(r)))
                .collect(),
        )
    }
}

#[inline]
fn item(ev: &mut Ev<'_>, applies: Option<&Node>, body: &Node) -> R<Val> {
    if let Some(a) = applies {
        match truth(ev, a)? {
            Truth::False | Truth::NotApplicable => return Ok(Val::NotApplicable),
            Truth::True => {}
            Truth::Unknown => return Ok(Val::Unknown),
        }
    }
    // Most items are a comparison or a list of them: answered here, without a call of `node`.
    match body {
        Node::InCmp(c) => Ok(c.truth(ev.inputs).val()),
        Node::AllInCmp(cs) => Ok(all_in_cmp(cs, ev.inputs)),
        _ => node(ev, body),
    }
}

/// An `and` of input-against-constant comparisons.
#[inline]
fn all_in_cmp(cs: &[InCmp], inputs: &[Val]) -> Val {
    let mut acc = AndAcc::default();
    for c in cs {
        if acc.and(c.truth(inputs)) {
            return Val::Bool(false);
        }
    }
    acc.end(false)
}

/// Kleene `and` over evaluated parts.
#[derive(Default)]
struct AndAcc {
    unknown: bool,
    any: bool,
}

impl AndAcc {
    /// Counts one operand of an `and`; true when it is false, which decides the whole.
    #[inline]
    fn and(&mut self, v: Truth) -> bool {
        match v {
            Truth::False => return true,
            Truth::True => self.any = true,
            Truth::NotApplicable => {}
            Truth::Unknown => self.unknown = true,
        }
        false
    }

    /// The answer of an `and` none of whose operands was false (`empty`: it had none, which holds).
    #[inline]
    fn end(&self, empty: bool) -> Val {
        if self.unknown {
            Val::Unknown
        } else if self.any || empty {
            Val::Bool(true)
        } else {
            Val::NotApplicable
        }
    }
}

/// [`node`] read as a condition: a constant, an input or a definition read in place (not copied),
/// a comparison of an input answered without a call of `node`.
#[inline(always)]
fn truth(ev: &mut Ev<'_>, n: &Node) -> R<Truth> {
    Ok(match n {
        Node::Const(v) => Truth::of(Some(v)),
        Node::Input(i) => Truth::of(ev.inputs.get(*i as usize)),
        Node::Def(d) => Truth::of(ev.values.get(*d as usize)),
        Node::InCmp(c) => c.truth(ev.inputs),
        _ => Truth::of(Some(&node(ev, n)?)),
    })
}

/// An operand read in place where it can be (a constant or an input), else evaluated.
enum Operand<'a> {
    Ref(&'a Val),
    Owned(Val),
}

impl std::ops::Deref for Operand<'_> {
    type Target = Val;
    #[inline]
    fn deref(&self) -> &Val {
        match self {
            Operand::Ref(v) => v,
            Operand::Owned(v) => v,
        }
    }
}

/// [`leaf`] without copying a constant or an input.
#[inline(always)]
fn operand<'a, 'p: 'a>(ev: &mut Ev<'p>, n: &'a Node) -> R<Operand<'a>> {
    const UNKNOWN: &Val = &Val::Unknown;
    let inputs: &'p [Val] = ev.inputs;
    Ok(match n {
        Node::Const(v) => Operand::Ref(v),
        Node::Input(i) => Operand::Ref(inputs.get(*i as usize).unwrap_or(UNKNOWN)),
        _ => Operand::Owned(leaf(ev, n)?),
    })
}

/// [`node`], with a constant, an input or a definition read in place: most operands of a list or a
/// comparison are one of these, and a call of the whole `node` costs several times the read.
#[inline(always)]
fn leaf(ev: &mut Ev<'_>, n: &Node) -> R<Val> {
    match n {
        Node::Const(v) => Ok(v.clone()),
        Node::Input(i) => Ok(ev.inputs.get(*i as usize).cloned().unwrap_or(Val::Unknown)),
        Node::Def(d) => Ok(ev.values.get(*d as usize).cloned().unwrap_or(Val::Unknown)),
        _ => node(ev, n),
    }
}

fn node(ev: &mut Ev<'_>, n: &Node) -> R<Val> {
    Ok(match n {
        Node::Const(v) => v.clone(),
        Node::Input(i) => ev.inputs.get(*i as usize).cloned().unwrap_or(Val::Unknown),
        Node::Def(d) => ev.values.get(*d as usize).cloned().unwrap_or(Val::Unknown),
        Node::InCmp(c) => c.truth(ev.inputs).val(),
        Node::AllInCmp(cs) => all_in_cmp(cs, ev.inputs),
        Node::CmpConst { lhs, op, t } => match lhs.as_ref() {
            Node::Def(d) => cmp_const(ev.values.get(*d as usize), *op, t),
            l => {
                let a = node(ev, l)?;
                cmp_const(Some(&a), *op, t)
            }
        },
        Node::Cmp { op, lhs, rhs } => {
            let (a, b) = (leaf(ev, lhs)?, leaf(ev, rhs)?);
            compare(*op, &a, &b)
        }
        Node::Not(x) => match node(ev, x)? {
            Val::Bool(b) => Val::Bool(!b),
            o => o,
        },
        Node::Neg(x) => match node(ev, x)? {
            Val::Num(n) => Val::Num(-n),
            Val::Infinite { negative } => Val::Infinite {
                negative: !negative,
            },
            o => o,
        },
        Node::If(b) => {
            let [c, t, o] = b.as_ref();
            match truth(ev, c)? {
                Truth::True => node(ev, t)?,
                Truth::False => node(ev, o)?,
                Truth::NotApplicable => Val::NotApplicable,
                Truth::Unknown => Val::Unknown,
            }
        }
        Node::In { lhs, set } => match node(ev, lhs)? {
            Val::Sym(s) => Val::Bool(set.contains(&s)),
            o => o,
        },
        Node::All(xs) => {
            let mut acc = AndAcc::default();
            for x in xs.iter() {
                if acc.and(truth(ev, x)?) {
                    return Ok(Val::Bool(false));
                }
            }
            acc.end(xs.is_empty())
        }
        Node::Any(xs) | Node::NoneOf(xs) => {
            let none = matches!(n, Node::NoneOf(_));
            let mut acc = AndAcc::default();
            for x in xs.iter() {
                match truth(ev, x)? {
                    Truth::True => return Ok(Val::Bool(!none)),
                    Truth::False => acc.any = true,
                    Truth::NotApplicable => {}
                    Truth::Unknown => acc.unknown = true,
                }
            }
            if acc.unknown {
                Val::Unknown
            } else if acc.any {
                Val::Bool(none)
            } else {
                Val::NotApplicable
            }
        }
        Node::AtLeast {
            k,
            list,
            within,
            mults,
        } => at_least(ev, *k, list, *within, mults)?,
        Node::Tree(e) => ev.ex(e)?,
    })
}

/// `a op t` three-valuedly, `t` a constant number: [`compare`] without building the constant.
#[inline]
fn cmp_const(a: Option<&Val>, op: CmpOp, t: &Fixed) -> Val {
    match a {
        Some(Val::Num(x)) => Val::Bool(op_holds(op, t.cmp_with(x))),
        Some(Val::Infinite { negative }) => Val::Bool(op_holds(
            op,
            XNum::Inf {
                negative: *negative,
            }
            .cmp(&XNum::Fin(t.d)),
        )),
        Some(Val::NotApplicable) => Val::NotApplicable,
        _ => Val::Unknown,
    }
}

/// Where a listed item's multiple stands against the `within` factor.
enum Rest {
    Within,
    Beyond,
    Unknown,
}

fn at_least(
    ev: &mut Ev<'_>,
    k: u32,
    list: &[Node],
    within: Option<Decimal>,
    mults: &[Mult],
) -> R<Val> {
    let mut t = AtLeastTally::default();
    for (i, x) in list.iter().enumerate() {
        match truth(ev, x)? {
            Truth::True => t.pass += 1,
            Truth::NotApplicable => {}
            Truth::False => {
                if let Some(m) = within {
                    match rest(ev, mults.get(i).unwrap_or(&Mult::None), m)? {
                        Rest::Within => {}
                        Rest::Beyond => t.beyond = true,
                        Rest::Unknown => t.rest_unknown = true,
                    }
                }
            }
            Truth::Unknown => t.unknown += 1,
        }
    }
    Ok(t.verdict(k, within.is_some()))
}

/// Is the item's multiple (the worst value ÷ limit over its upper limits, at least 0) within `m`?
/// Unknown when it has no upper limit or one side is missing; every operand is evaluated, as the
/// tree evaluator does, so an error is raised the same way.
fn rest(ev: &mut Ev<'_>, mult: &Mult, m: Decimal) -> R<Rest> {
    let pairs = match mult {
        Mult::None => return Ok(Rest::Unknown),
        Mult::Tree(d) => {
            return Ok(match ev.multiple_of(*d, None)? {
                Some(mu) if mu.within(m) => Rest::Within,
                Some(_) => Rest::Beyond,
                None => Rest::Unknown,
            })
        }
        Mult::Uppers(p) => p,
    };
    if pairs.is_empty() {
        return Ok(Rest::Unknown);
    }
    let (mut missing, mut over) = (false, m.is_sign_negative() && !m.is_zero());
    let factor = Factor::new(&m);
    for (l, r) in pairs.iter() {
        let (a, b) = (operand(ev, l)?, operand(ev, r)?);
        if missing {
            continue;
        }
        let le = match (&*a, &*b) {
            (Val::Num(x), Val::Num(t)) => le_factor(x, t, factor),
            _ => None,
        };
        match le {
            Some(true) => {}
            Some(false) => over = true,
            None => match ratio(&a, &b) {
                Some(Multiple::Finite(q)) => {
                    if q > m {
                        over = true;
                    }
                }
                Some(Multiple::Infinite) => over = true,
                None => missing = true,
            },
        }
    }
    Ok(if missing {
        Rest::Unknown
    } else if over {
        Rest::Beyond
    } else {
        Rest::Within
    })
}

#[cfg(test)]
mod tests {
    use super::Fixed;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// Mantissas of every width: small, near the 2^63 edge of the fast path, and up to 96 bits.
    fn decimal() -> impl Strategy<Value = Decimal> {
        let mantissa = prop_oneof![
            -1_000_000i128..1_000_000,
            (i128::from(i64::MAX) - 4)..(i128::from(i64::MAX) + 4),
            (-(1i128 << 95))..(1i128 << 95),
        ];
        (mantissa, 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s))
    }

    proptest! {
        #[test]
        fn fixed_compares_as_decimal_does(t in decimal(), x in decimal()) {
            prop_assert_eq!(Fixed::new(t).cmp_with(&x), x.cmp(&t));
        }

        #[test]
        fn cmp_dec_is_decimals_own_order(a in decimal(), b in decimal()) {
            prop_assert_eq!(crate::eval::cmp_dec(&a, &b), a.cmp(&b));
        }

        #[test]
        fn fixed_compares_equal_values_of_other_scales(m in -1_000_000i64..1_000_000, s in 0u32..=8,
                                                       extra in 0u32..=20) {
            // The same number written with `extra` more zeros: equal, whichever side is wider.
            let t = Decimal::new(m, s);
            let mut x = t;
            x.rescale(s + extra);
            prop_assert_eq!(Fixed::new(t).cmp_with(&x), std::cmp::Ordering::Equal);
            prop_assert_eq!(Fixed::new(x).cmp_with(&t), std::cmp::Ordering::Equal);
            prop_assert_eq!(crate::eval::cmp_dec(&x, &t), std::cmp::Ordering::Equal);
            prop_assert_eq!(crate::eval::cmp_dec(&t, &x), std::cmp::Ordering::Equal);
        }
    }
}
