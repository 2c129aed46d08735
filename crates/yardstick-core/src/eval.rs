//! The evaluator: one forward pass over the definitions of a [`Program`], in exact decimals.
//!
//! Missing inputs are [`Val::Unknown`] and propagate with three-valued (Kleene) logic: `fail and unknown`
//! is `fail`, `pass and unknown` is `unknown`. A missing input never counts as zero or false.

use crate::diag::{Code, Loc};
use crate::ir::*;
use rust_decimal::Decimal;
use yardstick_syntax::ast::{ArithOp, CmpOp};

/// The outcome of an item or a whole standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Fail,
    Unknown,
    NotApplicable,
    Pass,
}

impl Outcome {
    /// The name used in results: `pass`, `fail`, `not_applicable`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotApplicable => "not_applicable",
            Outcome::Unknown => "unknown",
        }
    }
    /// Parse a name.
    pub fn from_name(s: &str) -> Option<Outcome> {
        Some(match s {
            "pass" => Outcome::Pass,
            "fail" => Outcome::Fail,
            "not_applicable" => Outcome::NotApplicable,
            "unknown" => Outcome::Unknown,
            _ => return None,
        })
    }
    pub(crate) fn of(v: &Val) -> Outcome {
        match v {
            Val::Bool(true) => Outcome::Pass,
            Val::Bool(false) => Outcome::Fail,
            Val::NotApplicable => Outcome::NotApplicable,
            _ => Outcome::Unknown,
        }
    }
}

/// An exceedance multiple: value ÷ limit. A positive value over a zero limit is outside every multiple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Multiple {
    Finite(Decimal),
    Infinite,
}

impl Multiple {
    pub fn max(self, other: Multiple) -> Multiple {
        match (self, other) {
            (Multiple::Finite(a), Multiple::Finite(b)) => Multiple::Finite(a.max(b)),
            _ => Multiple::Infinite,
        }
    }
    pub fn within(self, m: Decimal) -> bool {
        matches!(self, Multiple::Finite(x) if x <= m)
    }
}

/// Why an evaluation could not finish.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    #[error("division by zero in `{def}`")]
    DivisionByZero { def: String, loc: Loc },
    #[error("a number in `{def}` grew too large to hold exactly")]
    Overflow { def: String, loc: Loc },
    #[error("`{form}` has no value (in `{def}`)")]
    Undefined {
        def: String,
        loc: Loc,
        form: &'static str,
    },
}

impl EvalError {
    /// The stable code (`Y06xx`), as written in results.
    pub fn code(&self) -> &'static str {
        self.diag_code().as_str()
    }
    /// The stable code as a [`Code`].
    pub fn diag_code(&self) -> Code {
        match self {
            EvalError::DivisionByZero { .. } => Code::Y0601,
            EvalError::Overflow { .. } => Code::Y0602,
            EvalError::Undefined { .. } => Code::Y0603,
        }
    }
    pub fn loc(&self) -> Loc {
        match self {
            EvalError::DivisionByZero { loc, .. }
            | EvalError::Overflow { loc, .. }
            | EvalError::Undefined { loc, .. } => *loc,
        }
    }
}

/// The values of every definition after one evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// By definition ([`DefId::index`]).
    pub values: Vec<Val>,
    pub outcome: Outcome,
    /// Veto items that failed, in document order.
    pub vetoed_by: Vec<DefId>,
    /// Own items that failed (vetoes included), and ladders below their last level.
    pub failing: Vec<DefId>,
    /// Definitions that could not be computed (a division by zero no condition guards, an overflow,
    /// ∞ − ∞), in evaluation order. Each is unknown, and so is what depends on it; the rest of the
    /// assessment is evaluated as usual.
    pub errors: Vec<DefError>,
}

/// A definition that could not be computed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefError {
    pub def: DefId,
    pub error: EvalError,
}

impl Evaluation {
    /// An item's outcome.
    pub fn item_outcome(&self, def: DefId) -> Outcome {
        self.values
            .get(def.index())
            .map(Outcome::of)
            .unwrap_or(Outcome::Unknown)
    }
}

/// What an `at_least K of [...] (and the rest within M×)` has seen of its list: the one rule that
/// turns the counts into a three-valued answer, shared by the tree and the compiled evaluator.
#[derive(Default)]
pub(crate) struct AtLeastTally {
    /// Items that pass.
    pub(crate) pass: u32,
    /// Items whose outcome is unknown.
    pub(crate) unknown: u32,
    /// A failing item is beyond the `within` factor.
    pub(crate) beyond: bool,
    /// A failing item's multiple is unknown.
    pub(crate) rest_unknown: bool,
}

impl AtLeastTally {
    /// The answer for `k` passes needed; `within` when the rest must be within a factor.
    pub(crate) fn verdict(&self, k: u32, within: bool) -> Val {
        if self.beyond || self.pass + self.unknown < k {
            return Val::Bool(false);
        }
        // Without a condition on the rest, K passes decide whatever the unknowns turn out to be.
        if !within && self.pass >= k {
            return Val::Bool(true);
        }
        if self.unknown > 0 || self.rest_unknown {
            return Val::Unknown;
        }
        Val::Bool(self.pass >= k)
    }
}

pub(crate) struct Ev<'p> {
    pub(crate) p: &'p Program,
    pub(crate) inputs: &'p [Val],
    pub(crate) values: Vec<Val>,
    pub(crate) def: DefId,
}

pub(crate) type R<T> = Result<T, Box<EvalError>>;

/// Evaluate `inputs` (by input slot; [`Val::Unknown`] when missing) against `p`.
pub fn evaluate(p: &Program, inputs: &[Val]) -> Result<Evaluation, EvalError> {
    let mut ev = Ev {
        p,
        inputs,
        values: Vec::with_capacity(p.defs.len()),
        def: DefId(0),
    };
    let mut errors = Vec::new();
    for (i, d) in p.defs.iter().enumerate() {
        let i = DefId::from_index(i);
        ev.def = i;
        let v = match ev.def_value(d) {
            Ok(v) => v,
            Err(e) => {
                errors.push(DefError { def: i, error: *e });
                Val::Unknown
            }
        };
        ev.values.push(v);
    }
    let values = ev.values;
    let mut vetoed_by = Vec::new();
    let mut failing = Vec::new();
    let mut unknown = false;
    let mut any_applicable = false;
    let mut any_judged = false;
    let mut score_unknown = false;
    for (i, d) in p.defs.iter().enumerate() {
        if !d.own {
            continue;
        }
        let (i, v) = (DefId::from_index(i), &values[i]);
        let o = match &d.kind {
            DefKind::Item { .. } => Outcome::of(v),
            DefKind::Levels(l) if d.output => match v {
                Val::Sym(s) => {
                    if l.levels.last() == Some(s) {
                        Outcome::Fail
                    } else {
                        Outcome::Pass
                    }
                }
                _ => Outcome::Unknown,
            },
            DefKind::Grade { .. } | DefKind::Score { .. } if d.output => {
                // Grades and scores never fail a standard, but one that cannot be computed leaves the
                // result undecided.
                if matches!(v, Val::Unknown) {
                    score_unknown = true;
                }
                continue;
            }
            _ => continue,
        };
        any_judged = true;
        match o {
            Outcome::Fail => {
                if matches!(d.kind, DefKind::Item { veto: true, .. }) {
                    vetoed_by.push(i);
                }
                failing.push(i);
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
    // Report in document order, not dependency order.
    let by_place = |i: &DefId| {
        p.defs
            .get(i.index())
            .map(|d| (d.loc.file, d.loc.span.start))
            .unwrap_or_default()
    };
    yardstick_syntax::sort::sort_by_key(&mut vetoed_by, by_place);
    yardstick_syntax::sort::sort_by_key(&mut failing, by_place);
    let outcome = if !failing.is_empty() {
        Outcome::Fail
    } else if unknown || (!any_judged && score_unknown) {
        // A standard made only of scores and grades is undecided while one cannot be computed; with
        // items or ladders, those alone decide.
        Outcome::Unknown
    } else if any_judged && !any_applicable {
        Outcome::NotApplicable
    } else {
        Outcome::Pass
    };
    Ok(Evaluation {
        values,
        outcome,
        vetoed_by,
        failing,
        errors,
    })
}

/// The `require` rules the answers break (the condition is false; unknown is not a break), by index into
/// [`Program::requires`].
pub fn broken_requires(p: &Program, inputs: &[Val]) -> Vec<usize> {
    if p.requires.is_empty() {
        return Vec::new();
    }
    let Ok(e) = evaluate(p, inputs) else {
        return Vec::new();
    };
    let mut insp = Inspector::new(p, inputs, &e);
    p.requires
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(insp.expr(DefId(0), &r.cond), Ok(Val::Bool(false))))
        .map(|(i, _)| i)
        .collect()
}

/// The four operations on decimals, checked: `None` when the result overflows (or for a division by
/// zero, which callers report first). One copy for the evaluators, explanations and searches:
/// rust_decimal's checked operations inline their whole bodies into each caller, which the browser
/// engine's size budget counts.
#[inline(never)]
pub fn checked(op: ArithOp, a: Decimal, b: Decimal) -> Option<Decimal> {
    match op {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Sub => a.checked_sub(b),
        ArithOp::Mul => a.checked_mul(b),
        ArithOp::Div => a.checked_div(b),
    }
}

/// Re-evaluate only the definitions `defs` (indexes in dependency order) with `inputs`, in place over
/// `values` (the values of a finished evaluation, of which only `defs` are out of date). The searches use
/// it to try a changed input at the cost of what depends on it, not of the whole program.
pub fn reevaluate(
    p: &Program,
    inputs: &[Val],
    values: &mut Vec<Val>,
    defs: &[DefId],
) -> Result<(), EvalError> {
    let mut ev = Ev {
        p,
        inputs,
        values: std::mem::take(values),
        def: DefId(0),
    };
    let mut result = Ok(());
    for &k in defs {
        let Some(d) = p.defs.get(k.index()) else {
            continue;
        };
        ev.def = k;
        match ev.def_value(d) {
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

impl<'p> Ev<'p> {
    fn loc_err_div(&self, loc: Loc) -> Box<EvalError> {
        Box::new(EvalError::DivisionByZero {
            def: self.def_id(),
            loc,
        })
    }
    fn loc_err_over(&self, loc: Loc) -> Box<EvalError> {
        Box::new(EvalError::Overflow {
            def: self.def_id(),
            loc,
        })
    }
    fn def_id(&self) -> String {
        self.p
            .defs
            .get(self.def.index())
            .map(|d| d.id.clone())
            .unwrap_or_default()
    }

    #[inline]
    pub(crate) fn def_value(&mut self, d: &Def) -> R<Val> {
        match &d.kind {
            DefKind::Value(e) => self.ex(e),
            DefKind::Item { applies, body, .. } => {
                if let Some(a) = applies {
                    match self.ex(a)? {
                        Val::Bool(false) | Val::NotApplicable => return Ok(Val::NotApplicable),
                        Val::Bool(true) => {}
                        _ => return Ok(Val::Unknown),
                    }
                }
                self.ex(body)
            }
            DefKind::Levels(l) => self.ladder(l, d.loc),
            DefKind::Score { kind, .. } => self.score(kind, d.loc),
            DefKind::Grade {
                from,
                bands,
                vetoed,
            } => {
                if let Some(x) = vetoed {
                    match self.ex(&x.when)? {
                        Val::Bool(true) => return Ok(Val::Sym(x.band)),
                        Val::Bool(false) | Val::NotApplicable => {}
                        // A veto still undecided may yet decide the grade.
                        _ => return Ok(Val::Unknown),
                    }
                }
                let v = self.ex(from)?;
                let Some(x) = XNum::of(&v) else {
                    return Ok(Val::Unknown);
                };
                Ok(band_of_x(bands, x).map(Val::Sym).unwrap_or(Val::Unknown))
            }
        }
    }

    fn ladder(&mut self, l: &Ladder, _loc: Loc) -> R<Val> {
        let (lo, hi) = self.ladder_range(l)?;
        if lo != hi {
            return Ok(Val::Unknown);
        }
        Ok(l.levels
            .get(hi)
            .map(|s| Val::Sym(*s))
            .unwrap_or(Val::Unknown))
    }

    /// The levels the ladder can still be at, best and worst (indexes into `levels`; equal when the
    /// level is decided): the worst of its rows, so a row at `below` decides the ladder whatever the
    /// others are, and an undecided row leaves it undecided only where it could make it worse.
    pub(crate) fn ladder_range(&mut self, l: &Ladder) -> R<(usize, usize)> {
        let below = l.levels.len().saturating_sub(1);
        let (mut lo, mut hi) = (0usize, 0usize);
        for r in &l.rows {
            let (a, b) = self.row_range(r, below)?;
            lo = lo.max(a);
            hi = hi.max(b);
        }
        Ok((lo, hi))
    }

    /// The best level index whose threshold the row meets (`below` when none), `None` when undecided.
    pub(crate) fn row_level(&mut self, r: &LevelRow, below: usize) -> R<Option<usize>> {
        let (lo, hi) = self.row_range(r, below)?;
        Ok((lo == hi).then_some(hi))
    }

    /// The levels a row can be at, best and worst. The row's level is the best one whose threshold it
    /// meets: the first known threshold it meets is the worst it can be, and a known threshold it fails
    /// rules out that level and (the levels being in order) every better one. Only limits written
    /// `unknown` between the two leave a choice; a missing subject, or a missing threshold before the
    /// one the value meets, leaves every level open.
    pub(crate) fn row_range(&mut self, r: &LevelRow, below: usize) -> R<(usize, usize)> {
        let Some(x) = XNum::of(&self.ex(&r.subject)?) else {
            return Ok((0, below));
        };
        let mut lo = 0usize;
        for (i, (t, op)) in r.thresholds.iter().zip(&r.ops).enumerate() {
            if r.limit_unknown(i) {
                continue;
            }
            let Some(t) = XNum::of(&self.ex(t)?) else {
                return Ok((0, below));
            };
            if op_holds(*op, x.cmp(&t)) {
                return Ok((lo, i));
            }
            lo = i + 1;
        }
        Ok((lo.min(below), below))
    }

    fn score(&mut self, kind: &ScoreKind, loc: Loc) -> R<Val> {
        match kind {
            ScoreKind::Weighted(ts) => {
                let mut sum = XNum::Fin(Decimal::ZERO);
                for (w, e, _) in ts {
                    let Some(x) = XNum::of(&self.ex(e)?) else {
                        return Ok(Val::Unknown);
                    };
                    let part = self.xarith(ArithOp::Mul, XNum::Fin(*w), x, loc)?;
                    sum = self.xarith(ArithOp::Add, sum, part, loc)?;
                }
                Ok(sum.val())
            }
            ScoreKind::Expr(e) => self.ex(e),
            ScoreKind::Deductions {
                start,
                rules,
                cap,
                floor,
            } => {
                let Some(s) = XNum::of(&self.ex(start)?) else {
                    return Ok(Val::Unknown);
                };
                let mut total = XNum::Fin(Decimal::ZERO);
                for r in rules {
                    let n = match self.ex(&r.per)? {
                        Val::Bool(b) => XNum::Fin(Decimal::from(u8::from(b))),
                        v => match XNum::of(&v) {
                            Some(n) => n,
                            None => return Ok(Val::Unknown),
                        },
                    };
                    let mut d = self.xarith(ArithOp::Mul, XNum::Fin(r.amount), n, loc)?;
                    if let Some(c) = r.cap {
                        d = d.min(XNum::Fin(c));
                    }
                    total = self.xarith(ArithOp::Add, total, d, loc)?;
                }
                if let Some(c) = cap {
                    total = total.min(XNum::Fin(*c));
                }
                let mut v = self.xarith(ArithOp::Sub, s, total, loc)?;
                if let Some(f) = floor {
                    let Some(f) = XNum::of(&self.ex(f)?) else {
                        return Ok(Val::Unknown);
                    };
                    v = v.max(f);
                }
                Ok(v.val())
            }
        }
    }

    #[inline]
    pub(crate) fn ex(&mut self, e: &Ex) -> R<Val> {
        Ok(match e {
            Ex::Const(v) => v.clone(),
            Ex::Input(i) => self.inputs.get(i.index()).cloned().unwrap_or(Val::Unknown),
            Ex::Def(d) => self.values.get(d.index()).cloned().unwrap_or(Val::Unknown),
            Ex::Neg(x) => match self.ex(x)? {
                Val::Num(n) => Val::Num(-n),
                Val::Infinite { negative } => Val::Infinite {
                    negative: !negative,
                },
                o => o,
            },
            Ex::Not(x) => match self.ex(x)? {
                Val::Bool(b) => Val::Bool(!b),
                o => o,
            },
            // Only the branch the condition chooses is evaluated (so it can guard a division).
            Ex::If(i) => match self.ex(&i.cond)? {
                Val::Bool(true) => self.ex(&i.then)?,
                Val::Bool(false) => self.ex(&i.otherwise)?,
                Val::NotApplicable => Val::NotApplicable,
                _ => Val::Unknown,
            },
            Ex::Arith {
                op,
                lhs,
                rhs,
                pct_l,
                pct_r,
                loc,
            } => {
                let (a, b) = (self.ex(lhs)?, self.ex(rhs)?);
                if matches!(a, Val::Infinite { .. }) || matches!(b, Val::Infinite { .. }) {
                    // Percent factors scale a finite side only; ∞ ÷ 100 is ∞.
                    let scale = |v: &Val, pct: bool| match (XNum::of(v), pct) {
                        (Some(XNum::Fin(d)), true) => Some(XNum::Fin(d / Decimal::ONE_HUNDRED)),
                        (x, _) => x,
                    };
                    return match (scale(&a, *pct_l), scale(&b, *pct_r)) {
                        (Some(x), Some(y)) => Ok(self.xarith(*op, x, y, *loc)?.val()),
                        _ if a == Val::NotApplicable || b == Val::NotApplicable => {
                            Ok(Val::NotApplicable)
                        }
                        _ => Ok(Val::Unknown),
                    };
                }
                let (Val::Num(mut a), Val::Num(mut b)) = (a.clone(), b.clone()) else {
                    return Ok(if a == Val::NotApplicable || b == Val::NotApplicable {
                        Val::NotApplicable
                    } else {
                        Val::Unknown
                    });
                };
                if *pct_l {
                    a /= Decimal::ONE_HUNDRED;
                }
                if *pct_r {
                    b /= Decimal::ONE_HUNDRED;
                }
                if matches!(op, ArithOp::Div) && b.is_zero() {
                    return Err(self.loc_err_div(*loc));
                }
                Val::Num(checked(*op, a, b).ok_or_else(|| self.loc_err_over(*loc))?)
            }
            Ex::Cmp(c) => {
                // Fast path: an input against a constant limit, compared in place without copying.
                if let (Ex::Input(i), Ex::Const(Val::Num(t))) = (&c.lhs, &c.rhs) {
                    return Ok(match self.inputs.get(i.index()) {
                        Some(Val::Num(x)) => Val::Bool(cmp_holds(c.op, *x, *t)),
                        Some(Val::NotApplicable) => Val::NotApplicable,
                        _ => Val::Unknown,
                    });
                }
                let (a, b) = (self.ex(&c.lhs)?, self.ex(&c.rhs)?);
                compare(c.op, &a, &b)
            }
            Ex::In { lhs, set } => match self.ex(lhs)? {
                Val::Sym(s) => Val::Bool(set.contains(&s)),
                o => o,
            },
            Ex::And(xs) | Ex::AllOf(xs) => {
                let mut unknown = false;
                let mut any = false;
                for x in xs {
                    match self.ex(x)? {
                        Val::Bool(false) => return Ok(Val::Bool(false)),
                        Val::Bool(true) => any = true,
                        Val::NotApplicable => {}
                        _ => unknown = true,
                    }
                }
                if unknown {
                    Val::Unknown
                } else if any || xs.is_empty() {
                    Val::Bool(true)
                } else {
                    Val::NotApplicable
                }
            }
            Ex::Or(xs) | Ex::AnyOf(xs) => {
                let mut unknown = false;
                let mut any = false;
                for x in xs {
                    match self.ex(x)? {
                        Val::Bool(true) => return Ok(Val::Bool(true)),
                        Val::Bool(false) => any = true,
                        Val::NotApplicable => {}
                        _ => unknown = true,
                    }
                }
                if unknown {
                    Val::Unknown
                } else if any {
                    Val::Bool(false)
                } else {
                    Val::NotApplicable
                }
            }
            Ex::NoneOf(xs) => {
                let mut unknown = false;
                let mut any = false;
                for x in xs {
                    match self.ex(x)? {
                        Val::Bool(true) => return Ok(Val::Bool(false)),
                        Val::Bool(false) => any = true,
                        Val::NotApplicable => {}
                        _ => unknown = true,
                    }
                }
                if unknown {
                    Val::Unknown
                } else if any {
                    Val::Bool(true)
                } else {
                    Val::NotApplicable
                }
            }
            Ex::AtLeast { k, list, within } => self.at_least(*k, list, *within)?,
            Ex::Call { func, args, loc } => self.call(*func, args, *loc)?,
            Ex::Exceedance { def, level } => match self.multiple_of(*def, *level)? {
                Some(Multiple::Finite(m)) => Val::Num(m),
                Some(Multiple::Infinite) => Val::Infinite { negative: false },
                None => Val::Unknown,
            },
        })
    }

    fn at_least(&mut self, k: u32, list: &[Ex], within: Option<Decimal>) -> R<Val> {
        let mut t = AtLeastTally::default();
        for x in list {
            match self.ex(x)? {
                Val::Bool(true) => t.pass += 1,
                Val::NotApplicable => {}
                Val::Bool(false) => {
                    if let Some(m) = within {
                        let mult = match x {
                            Ex::Def(d) => self.multiple_of(*d, None)?,
                            _ => None,
                        };
                        match mult {
                            Some(mu) if mu.within(m) => {}
                            Some(_) => t.beyond = true,
                            None => t.rest_unknown = true,
                        }
                    }
                }
                _ => t.unknown += 1,
            }
        }
        Ok(t.verdict(k, within.is_some()))
    }

    /// The exceedance multiple of an item (worst over its upper limits) or a ladder (against `level`,
    /// default its lowest passing level). `None` when an input it needs is missing.
    pub(crate) fn multiple_of(&mut self, def: DefId, level: Option<usize>) -> R<Option<Multiple>> {
        let Some(d) = self.p.defs.get(def.index()) else {
            return Ok(None);
        };
        let mut acc: Option<Multiple> = Some(Multiple::Finite(Decimal::ZERO));
        let mut any = false;
        match &d.kind {
            DefKind::Item { body, .. } => {
                self.fold_upper(body, &mut acc, &mut any)?;
            }
            DefKind::Levels(l) => {
                let idx = level.unwrap_or(l.levels.len().saturating_sub(2));
                for r in &l.rows {
                    let (Some(t), Some(op)) = (r.thresholds.get(idx), r.ops.get(idx)) else {
                        continue;
                    };
                    if !op.is_upper_limit() {
                        continue;
                    }
                    any = true;
                    let (a, b) = (self.ex(&r.subject)?, self.ex(t)?);
                    acc = combine(acc, ratio(&a, &b));
                }
            }
            _ => return Ok(None),
        }
        Ok(if any { acc } else { None })
    }

    /// Fold value ÷ limit over every upper-limit comparison in `e` (pre-order, as written), without
    /// collecting them first.
    fn fold_upper(&mut self, e: &Ex, acc: &mut Option<Multiple>, any: &mut bool) -> R<()> {
        match e {
            Ex::Cmp(c) => {
                if c.op.is_upper_limit() {
                    *any = true;
                    let (a, b) = (self.ex(&c.lhs)?, self.ex(&c.rhs)?);
                    *acc = combine(*acc, ratio(&a, &b));
                }
                self.fold_upper(&c.lhs, acc, any)?;
                self.fold_upper(&c.rhs, acc, any)
            }
            Ex::Const(_) | Ex::Input(_) | Ex::Def(_) | Ex::Exceedance { .. } => Ok(()),
            Ex::Neg(x) | Ex::Not(x) | Ex::In { lhs: x, .. } => self.fold_upper(x, acc, any),
            Ex::If(i) => {
                // The limits of the branch the condition chooses (none while it is undecided).
                match self.ex(&i.cond)? {
                    Val::Bool(true) => self.fold_upper(&i.then, acc, any),
                    Val::Bool(false) => self.fold_upper(&i.otherwise, acc, any),
                    _ => Ok(()),
                }
            }
            Ex::Arith { lhs, rhs, .. } => {
                self.fold_upper(lhs, acc, any)?;
                self.fold_upper(rhs, acc, any)
            }
            Ex::And(xs)
            | Ex::Or(xs)
            | Ex::AllOf(xs)
            | Ex::AnyOf(xs)
            | Ex::NoneOf(xs)
            | Ex::AtLeast { list: xs, .. }
            | Ex::Call { args: xs, .. } => {
                for x in xs {
                    self.fold_upper(x, acc, any)?;
                }
                Ok(())
            }
        }
    }

    fn call(&mut self, f: Func, args: &[Ex], loc: Loc) -> R<Val> {
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            let v = self.ex(a)?;
            if matches!(v, Val::Unknown | Val::NotApplicable) {
                return Ok(v);
            }
            vals.push(v);
        }
        let series = |v: &Val| -> Option<std::sync::Arc<[Decimal]>> {
            match v {
                Val::Series(s) => Some(s.clone()),
                _ => None,
            }
        };
        Ok(match f {
            Func::Latest => vals
                .first()
                .and_then(series)
                .and_then(|s| s.last().copied())
                .map(Val::Num)
                .unwrap_or(Val::Unknown),
            Func::Mean => match vals.first().and_then(series) {
                Some(s) if !s.is_empty() => {
                    let mut sum = Decimal::ZERO;
                    for x in s.iter() {
                        sum = sum.checked_add(*x).ok_or_else(|| self.loc_err_over(loc))?;
                    }
                    Val::Num(sum / Decimal::from(s.len() as u64))
                }
                _ => Val::Unknown,
            },
            Func::Rising | Func::NonDecreasing => match vals.first().and_then(series) {
                Some(s) => Val::Bool(s.windows(2).all(|w| {
                    if f == Func::Rising {
                        w[1] > w[0]
                    } else {
                        w[1] >= w[0]
                    }
                })),
                None => Val::Unknown,
            },
            Func::Min | Func::Max => {
                let nums: Vec<XNum> = if vals.len() == 1 {
                    match &vals[0] {
                        Val::Series(s) => s.iter().map(|d| XNum::Fin(*d)).collect(),
                        v => XNum::of(v).into_iter().collect(),
                    }
                } else {
                    vals.iter().filter_map(XNum::of).collect()
                };
                let r = nums.into_iter().reduce(
                    |a, b| {
                        if f == Func::Min {
                            a.min(b)
                        } else {
                            a.max(b)
                        }
                    },
                );
                r.map(XNum::val).unwrap_or(Val::Unknown)
            }
            Func::Round => match (vals.first(), vals.get(1)) {
                (Some(inf @ Val::Infinite { .. }), Some(Val::Num(_))) => inf.clone(),
                (Some(Val::Num(x)), Some(Val::Num(n))) => {
                    let dp = u32::try_from(n.trunc().mantissa()).unwrap_or(0).min(20);
                    Val::Num(x.round_dp_with_strategy(
                        dp,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                    ))
                }
                _ => Val::Unknown,
            },
            Func::Abs => match vals.first() {
                Some(Val::Num(x)) => Val::Num(x.abs()),
                Some(Val::Infinite { .. }) => Val::Infinite { negative: false },
                _ => Val::Unknown,
            },
        })
    }
}

fn combine(acc: Option<Multiple>, m: Option<Multiple>) -> Option<Multiple> {
    match (acc, m) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    }
}

/// value ÷ limit; `None` when either is missing.
pub fn ratio(a: &Val, b: &Val) -> Option<Multiple> {
    match (a, b) {
        (Val::Infinite { negative: false }, Val::Num(l)) if !l.is_sign_negative() => {
            Some(Multiple::Infinite)
        }
        (Val::Infinite { .. }, Val::Num(_)) => Some(Multiple::Finite(Decimal::ZERO)),
        (Val::Num(_), Val::Infinite { .. }) => Some(Multiple::Finite(Decimal::ZERO)),
        (Val::Num(x), Val::Num(l)) => Some(if l.is_zero() {
            if x.is_zero() || x.is_sign_negative() {
                Multiple::Finite(Decimal::ZERO)
            } else {
                Multiple::Infinite
            }
        } else {
            match x.checked_div(*l) {
                Some(m) => Multiple::Finite(m),
                None => Multiple::Infinite,
            }
        }),
        _ => None,
    }
}

/// Whether `x op t` holds.
pub fn cmp_holds(op: CmpOp, x: Decimal, t: Decimal) -> bool {
    let o = cmp_dec(&x, &t);
    match op {
        CmpOp::Ge => o.is_ge(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Lt => o.is_lt(),
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
    }
}

/// 10^0 ..= 10^19.
const POW10: [i128; 20] = {
    let mut t = [1i128; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `x.cmp(y)`, exactly, faster where both mantissas fit an `i64` (most numbers in standards and
/// assessments): read from the parts and brought to one scale by a product that cannot overflow
/// (both factors below 2^63, the power of ten at most 10^19); otherwise `Decimal`'s own comparison.
#[inline]
pub fn cmp_dec(x: &Decimal, y: &Decimal) -> std::cmp::Ordering {
    if let (Some((a, s)), Some((b, t))) = (small_mantissa(x), small_mantissa(y)) {
        if s == t {
            return a.cmp(&b);
        }
        if let Some(o) = cmp_scaled(a, s, b, t) {
            return o;
        }
    }
    x.cmp(y)
}

/// `a / 10^s` compared with `b / 10^t` (scales that differ), both brought to the larger scale; `None`
/// when they differ by more than 19 (the product could then overflow).
#[inline]
pub(crate) fn cmp_scaled(a: i64, s: u32, b: i64, t: u32) -> Option<std::cmp::Ordering> {
    let f = POW10.get(s.abs_diff(t) as usize)?;
    Some(if s < t {
        (i128::from(a) * f).cmp(&i128::from(b))
    } else {
        i128::from(a).cmp(&(i128::from(b) * f))
    })
}

/// A decimal's mantissa and scale when the mantissa fits an `i64`, read from its parts.
#[inline]
pub(crate) fn small_mantissa(d: &Decimal) -> Option<(i64, u32)> {
    let u = d.unpack();
    if u.hi != 0 || u.mid >= 0x8000_0000 {
        return None;
    }
    let m = i64::from(u.lo) | (i64::from(u.mid) << 32);
    Some((if u.negative { -m } else { m }, u.scale))
}

/// Compare two values three-valuedly.
pub fn compare(op: CmpOp, a: &Val, b: &Val) -> Val {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (a, b) {
        (Val::NotApplicable, _) | (_, Val::NotApplicable) => return Val::NotApplicable,
        (Val::Num(_) | Val::Infinite { .. }, Val::Num(_) | Val::Infinite { .. }) => {
            match (XNum::of(a), XNum::of(b)) {
                (Some(x), Some(y)) => Some(x.cmp(&y)),
                _ => None,
            }
        }
        (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        (Val::Sym(x), Val::Sym(y)) => {
            return match op {
                CmpOp::Eq => Val::Bool(x == y),
                CmpOp::Ne => Val::Bool(x != y),
                _ => Val::Unknown,
            }
        }
        _ => None,
    };
    match ord {
        None => Val::Unknown,
        Some(o) => Val::Bool(match op {
            CmpOp::Ge => o != Ordering::Less,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
        }),
    }
}

/// A number that may be infinite: the arithmetic and order of `Val::Num` and `Val::Infinite`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XNum {
    Fin(Decimal),
    Inf { negative: bool },
}

impl XNum {
    pub fn of(v: &Val) -> Option<XNum> {
        match v {
            Val::Num(d) => Some(XNum::Fin(*d)),
            Val::Infinite { negative } => Some(XNum::Inf {
                negative: *negative,
            }),
            _ => None,
        }
    }
    pub fn val(self) -> Val {
        match self {
            XNum::Fin(d) => Val::Num(d),
            XNum::Inf { negative } => Val::Infinite { negative },
        }
    }
    fn negative(self) -> bool {
        match self {
            XNum::Fin(d) => d.is_sign_negative() && !d.is_zero(),
            XNum::Inf { negative } => negative,
        }
    }
    fn is_zero(self) -> bool {
        matches!(self, XNum::Fin(d) if d.is_zero())
    }
}

impl Ord for XNum {
    fn cmp(&self, o: &XNum) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        match (*self, *o) {
            (XNum::Fin(a), XNum::Fin(b)) => a.cmp(&b),
            (XNum::Inf { negative: a }, XNum::Inf { negative: b }) => b.cmp(&a),
            (XNum::Inf { negative }, XNum::Fin(_)) => {
                if negative {
                    Less
                } else {
                    Greater
                }
            }
            (XNum::Fin(_), XNum::Inf { negative }) => {
                if negative {
                    Greater
                } else {
                    Less
                }
            }
        }
    }
}

impl PartialOrd for XNum {
    fn partial_cmp(&self, o: &XNum) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

/// Whether an ordering satisfies a comparator.
pub fn op_holds(op: CmpOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering;
    match op {
        CmpOp::Ge => o != Ordering::Less,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
    }
}

impl Ev<'_> {
    /// Arithmetic over numbers that may be infinite. ∞ ± finite is ∞, ∞ × (non-zero) and ∞ ÷ (non-zero
    /// finite) keep or flip the sign, finite ÷ ∞ is 0; ∞ − ∞, 0 × ∞ and ∞ ÷ ∞ have no value (Y0603);
    /// finite ÷ 0 is Y0601 and an overflow Y0602, as always.
    fn xarith(&self, op: ArithOp, a: XNum, b: XNum, loc: Loc) -> R<XNum> {
        let undefined = |form: &'static str| {
            Box::new(EvalError::Undefined {
                def: self.def_id(),
                loc,
                form,
            })
        };
        let inf = |negative: bool| XNum::Inf { negative };
        Ok(match (op, a, b) {
            (_, XNum::Fin(x), XNum::Fin(y)) => {
                if matches!(op, ArithOp::Div) && y.is_zero() {
                    return Err(self.loc_err_div(loc));
                }
                XNum::Fin(checked(op, x, y).ok_or_else(|| self.loc_err_over(loc))?)
            }
            (ArithOp::Add, XNum::Inf { negative: p }, XNum::Inf { negative: q }) if p != q => {
                return Err(undefined("∞ − ∞"))
            }
            (ArithOp::Sub, XNum::Inf { negative: p }, XNum::Inf { negative: q }) if p == q => {
                return Err(undefined("∞ − ∞"))
            }
            (ArithOp::Add, XNum::Inf { negative }, _)
            | (ArithOp::Add, _, XNum::Inf { negative }) => inf(negative),
            (ArithOp::Sub, XNum::Inf { negative }, _) => inf(negative),
            (ArithOp::Sub, _, XNum::Inf { negative }) => inf(!negative),
            (ArithOp::Mul, x, y) => {
                if x.is_zero() || y.is_zero() {
                    return Err(undefined("0 × ∞"));
                }
                inf(x.negative() != y.negative())
            }
            (ArithOp::Div, XNum::Inf { .. }, XNum::Inf { .. }) => return Err(undefined("∞ ÷ ∞")),
            (ArithOp::Div, XNum::Inf { negative }, y) => {
                if y.is_zero() {
                    return Err(self.loc_err_div(loc));
                }
                inf(negative != y.negative())
            }
            (ArithOp::Div, XNum::Fin(_), XNum::Inf { .. }) => XNum::Fin(Decimal::ZERO),
        })
    }
}

/// The band a number that may be infinite falls in.
pub fn band_of_x(bands: &[Band], x: XNum) -> Option<Sym> {
    match x {
        XNum::Fin(d) => band_of(bands, d),
        XNum::Inf { negative } => {
            for b in bands.iter().filter(|b| !b.otherwise) {
                // +∞ meets every lower bound and no upper bound; −∞ the reverse.
                let ok = if negative {
                    b.lower.is_none()
                } else {
                    b.upper.is_none()
                };
                if ok {
                    return Some(b.sym);
                }
            }
            bands.iter().find(|b| b.otherwise).map(|b| b.sym)
        }
    }
}

/// The band a value falls in: the first explicit band containing it, else the `otherwise` band.
pub fn band_of(bands: &[Band], x: Decimal) -> Option<Sym> {
    for b in bands.iter().filter(|b| !b.otherwise) {
        let lo_ok = match b.lower {
            Some((v, true)) => x >= v,
            Some((v, false)) => x > v,
            None => true,
        };
        let hi_ok = match b.upper {
            Some((v, true)) => x <= v,
            Some((v, false)) => x < v,
            None => true,
        };
        if lo_ok && hi_ok {
            return Some(b.sym);
        }
    }
    bands.iter().find(|b| b.otherwise).map(|b| b.sym)
}

/// Looks into a finished evaluation: evaluates expressions, multiples and ladder rows against its values
/// (for explanations, examples and fixes).
pub struct Inspector<'p> {
    ev: Ev<'p>,
}

impl<'p> Inspector<'p> {
    pub fn new(p: &'p Program, inputs: &'p [Val], e: &Evaluation) -> Self {
        Inspector {
            ev: Ev {
                p,
                inputs,
                values: e.values.clone(),
                def: DefId(0),
            },
        }
    }
    /// Evaluate an expression of definition `def`.
    pub fn expr(&mut self, def: DefId, ex: &Ex) -> Result<Val, EvalError> {
        self.ev.def = def;
        self.ev.ex(ex).map_err(|e| *e)
    }
    /// The exceedance multiple of a definition.
    pub fn multiple(
        &mut self,
        def: DefId,
        level: Option<usize>,
    ) -> Result<Option<Multiple>, EvalError> {
        self.ev.def = def;
        self.ev.multiple_of(def, level).map_err(|e| *e)
    }
    /// The levels each row of a ladder can be at, best and worst (equal: decided).
    pub fn row_ranges(&mut self, def: DefId, l: &Ladder) -> Result<Vec<(usize, usize)>, EvalError> {
        self.ev.def = def;
        let below = l.levels.len().saturating_sub(1);
        let mut out = Vec::with_capacity(l.rows.len());
        for r in &l.rows {
            out.push(self.ev.row_range(r, below).map_err(|e| *e)?);
        }
        Ok(out)
    }
    /// The levels a ladder can be at, best and worst (equal: decided).
    pub fn ladder_range(&mut self, def: DefId, l: &Ladder) -> Result<(usize, usize), EvalError> {
        self.ev.def = def;
        self.ev.ladder_range(l).map_err(|e| *e)
    }
    /// The level index each row of a ladder reaches (`None`: unknown).
    pub fn row_levels(&mut self, def: DefId, l: &Ladder) -> Result<Vec<Option<usize>>, EvalError> {
        self.ev.def = def;
        let below = l.levels.len().saturating_sub(1);
        let mut out = Vec::with_capacity(l.rows.len());
        for r in &l.rows {
            out.push(self.ev.row_level(r, below).map_err(|e| *e)?);
        }
        Ok(out)
    }
}
