//! Explanations: for every definition the values it used, each comparison with its threshold, margin and
//! exceedance multiple, its clause and source; and plain sentences in Chinese and English.
//!
//! The tree is plain data that borrows labels and sources from the [`Program`]; sentences are rendered on
//! demand ([`Node::sentences`], [`Check::sentences`]), so building the tree stays cheap.

use crate::diag::Loc;
use crate::eval::{checked, EvalError, Evaluation, Inspector, Multiple, Outcome};
use crate::ir::*;
use crate::words::{self, Msg};
use rust_decimal::Decimal;
use yardstick_syntax::ast::{ArithOp, CmpOp};

/// One comparison as it was evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check<'p> {
    /// The input on the left, when it is a plain input.
    pub subject_input: Option<InputId>,
    /// The definition on the left, when it is a plain name of one.
    pub subject_def: Option<DefId>,
    /// A series function applied to the input on the left (`latest(rate) >= 75%`).
    pub subject_func: Option<Func>,
    /// A ladder row's own labels, when it has them.
    pub row_labels: Option<&'p Labels>,
    pub value: Val,
    pub op: CmpOp,
    pub threshold: Val,
    pub holds: Option<bool>,
    /// How far the value is inside (positive) or outside (negative) the limit, in the value's unit.
    pub margin: Option<Decimal>,
    /// value ÷ limit, for upper limits.
    pub multiple: Option<Multiple>,
    pub percent: bool,
    pub cite: Option<&'p Cite>,
    /// For ladder rows: the level this row reached.
    pub level: Option<Sym>,
    /// For ladder rows the standard's unknown limits leave undecided: the best and the worst level the
    /// row can be at, and the levels between them whose limits are written `unknown`.
    pub level_range: Option<(Sym, Sym, Vec<Sym>)>,
    pub group: Option<&'p str>,
    /// The group in both languages (`LevelRow::group_labels`).
    pub group_labels: Option<&'p Labels>,
    pub loc: Loc,
}

/// A score's part: `40% × covert = 352`, or a deduction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contribution<'p> {
    pub name: &'p str,
    pub weight: Option<Decimal>,
    pub value: Option<Decimal>,
    pub points: Option<Decimal>,
}

/// The explanation of one definition.
#[derive(Clone, Debug)]
pub struct Node<'p> {
    pub def: DefId,
    pub d: &'p Def,
    /// `item`, `levels`, `score`, `grade` or `value`.
    pub kind: &'static str,
    pub outcome: Option<Outcome>,
    pub value: Val,
    pub multiple: Option<Multiple>,
    pub checks: Vec<Check<'p>>,
    pub contributions: Vec<Contribution<'p>>,
    /// Items this one lists (for `at_least`, `all_of` of items…): (def, outcome, multiple when it failed).
    pub refs: Vec<(DefId, Outcome, Option<Multiple>)>,
    /// Yes/no inputs used directly as conditions: (input, value, the value the condition wants).
    pub conditions: Vec<(InputId, Val, bool)>,
    /// For grades: the value graded.
    pub graded: Option<Val>,
    /// For a ladder the standard's unknown limits leave undecided (with every answer given): the best
    /// and the worst level it can be at.
    pub level_range: Option<(Sym, Sym)>,
    /// `x in [A, B, C]` conditions: (input or definition, its value, the accepted values, holds).
    pub memberships: Vec<Membership<'p>>,
    /// `rising(s)` / `non_decreasing(s)` conditions: (input, function, result).
    pub trends: Vec<(InputId, Func, Val)>,
}

/// An `x in [A, B, C]` condition as evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership<'p> {
    pub subject_input: Option<InputId>,
    pub subject_def: Option<DefId>,
    pub value: Val,
    pub set: &'p [Sym],
    pub holds: Option<bool>,
}

impl Node<'_> {
    pub fn veto(&self) -> bool {
        matches!(self.d.kind, DefKind::Item { veto: true, .. })
    }
    pub fn section(&self) -> Option<&str> {
        match &self.d.kind {
            DefKind::Item { section, .. } => section.as_deref(),
            _ => None,
        }
    }
}

/// Explain every definition: vetoes first, then this document's own definitions in writing order, then
/// those brought in by `use`.
pub fn explain<'p>(
    p: &'p Program,
    inputs: &[Val],
    e: &Evaluation,
) -> Result<Vec<Node<'p>>, EvalError> {
    let mut insp = Inspector::new(p, inputs, e);
    let mut order: Vec<DefId> = p.def_ids().collect();
    yardstick_syntax::sort::sort_by_key(&mut order, |&i| {
        let d = p.def(i);
        let veto = matches!(d.kind, DefKind::Item { veto: true, .. });
        (!d.own, !veto, d.loc.file, d.loc.span.start)
    });
    let mut out = Vec::with_capacity(order.len());
    for i in order {
        out.push(node(p, inputs, e, &mut insp, i)?);
    }
    Ok(out)
}

/// Explain one definition, as [`explain`] explains each (explanation by replay: from the evaluation
/// `e` of `inputs`, which must hold every definition's value, as [`crate::eval::evaluate`] gives it).
pub fn explain_def<'p>(
    p: &'p Program,
    inputs: &[Val],
    e: &Evaluation,
    i: DefId,
) -> Result<Node<'p>, EvalError> {
    let mut insp = Inspector::new(p, inputs, e);
    node(p, inputs, e, &mut insp, i)
}

fn node<'p>(
    p: &'p Program,
    inputs: &[Val],
    e: &Evaluation,
    insp: &mut Inspector<'_>,
    i: DefId,
) -> Result<Node<'p>, EvalError> {
    let d = p.def(i);
    let value = e.values.get(i.index()).cloned().unwrap_or(Val::Unknown);
    let mut n = Node {
        def: i,
        d,
        kind: "value",
        outcome: None,
        value,
        multiple: None,
        checks: Vec::new(),
        contributions: Vec::new(),
        refs: Vec::new(),
        conditions: Vec::new(),
        graded: None,
        level_range: None,
        memberships: Vec::new(),
        trends: Vec::new(),
    };
    // A definition that could not be computed has nothing to show but its error (`Evaluation::errors`):
    // evaluating its parts again would meet the same division by zero.
    if e.errors.iter().any(|x| x.def == i) {
        n.kind = match &d.kind {
            DefKind::Item { .. } => "item",
            DefKind::Levels(_) => "levels",
            DefKind::Score { .. } => "score",
            DefKind::Grade { .. } => "grade",
            DefKind::Value(_) => "value",
        };
        if d.is_item() {
            n.outcome = Some(Outcome::Unknown);
        }
        return Ok(n);
    }
    match &d.kind {
        DefKind::Item { body, .. } => {
            n.kind = "item";
            let o = Outcome::of(&n.value);
            n.outcome = Some(o);
            let mut cmps = Vec::new();
            let mut refs = Vec::new();
            let mut ins = Vec::new();
            let mut trends = Vec::new();
            // Only what the evaluator reached: nothing of a body its scope excludes, no operand after
            // the one that decided an `and`/`or` (so `b == 0 or a / b <= 1` is never divided by zero here).
            let reached = if o == Outcome::NotApplicable {
                Vec::new()
            } else {
                let mut r = Vec::new();
                reached_parts(insp, i, body, &mut r)?;
                r
            };
            // Items it refers to have values of their own: every one is named, reached or not.
            crate::ir::walk(body, &mut |x| {
                if let Ex::Def(dd) = x {
                    refs.push(*dd);
                }
            });
            for x in reached {
                match x {
                    Ex::Cmp(c) => cmps.push(c.as_ref()),
                    Ex::In { lhs, set } => ins.push((lhs.as_ref(), set.as_slice())),
                    Ex::Call {
                        func: f @ (Func::Rising | Func::NonDecreasing),
                        args,
                        ..
                    } => {
                        if let Some(Ex::Input(ii)) = args.first() {
                            trends.push((*ii, *f, x));
                        }
                    }
                    _ => {}
                }
            }
            for (lhs, set) in ins {
                let value = insp.expr(i, lhs)?;
                let holds = match &value {
                    Val::Sym(s) => Some(set.contains(s)),
                    _ => None,
                };
                let (subject_input, subject_def) = match lhs {
                    Ex::Input(ii) => (Some(*ii), None),
                    Ex::Def(dd) => (None, Some(*dd)),
                    _ => (None, None),
                };
                n.memberships.push(Membership {
                    subject_input,
                    subject_def,
                    value,
                    set,
                    holds,
                });
            }
            for (ii, f, x) in trends {
                let v = insp.expr(i, x)?;
                n.trends.push((ii, f, v));
            }
            let mut wanted = Vec::new();
            bool_conditions(body, true, &mut wanted);
            for (ii, want) in wanted {
                if matches!(p.input(ii).ty, Ty::Bool) && !n.conditions.iter().any(|c| c.0 == ii) {
                    n.conditions.push((
                        ii,
                        inputs.get(ii.index()).cloned().unwrap_or(Val::Unknown),
                        want,
                    ));
                }
            }
            for c in cmps {
                let x = insp.expr(i, &c.lhs)?;
                let t = insp.expr(i, &c.rhs)?;
                let subject_def = match &c.lhs {
                    Ex::Def(dd) => Some(*dd),
                    _ => None,
                };
                let (subject_input, subject_func) = match (&c.lhs, c.subject_input) {
                    (Ex::Call { func, args, .. }, None) => match args.first() {
                        Some(Ex::Input(ii)) if args.len() == 1 => (Some(*ii), Some(*func)),
                        _ => (None, None),
                    },
                    (_, si) => (si, None),
                };
                let mut check = make_check(
                    subject_input,
                    subject_def,
                    None,
                    x,
                    c.op,
                    t,
                    c.percent,
                    c.cite.as_ref(),
                    c.loc,
                );
                check.subject_func = subject_func;
                n.checks.push(check);
            }
            for dd in refs {
                if p.defs.get(dd.index()).map(Def::is_item).unwrap_or(false) {
                    let oo = e.item_outcome(dd);
                    let m = if oo == Outcome::Fail {
                        insp.multiple(dd, None)?
                    } else {
                        None
                    };
                    n.refs.push((dd, oo, m));
                }
            }
            // The item's multiple is the worst over all its upper limits (reached or not, as defined);
            // one that cannot be computed (a limit behind a guard dividing by zero) is left out.
            if o != Outcome::NotApplicable {
                n.multiple = insp.multiple(i, None).unwrap_or(None);
            }
        }
        DefKind::Levels(l) => {
            n.kind = "levels";
            let rows = insp.row_ranges(i, l)?;
            let below = l.levels.len().saturating_sub(1);
            let lowest = below.saturating_sub(1);
            let mut data_missing = false;
            for (r, (lo, hi)) in l.rows.iter().zip(rows) {
                let x = insp.expr(i, &r.subject)?;
                let decided = lo == hi;
                // Compare against the reached level's limit, or the lowest passing level's when below it.
                // Undecided by unknown limits: against the known limit the value meets (the worst level
                // it can be at), else the known limit it fails (just above the best it can be at).
                let idx = if decided {
                    hi.min(lowest)
                } else if hi < below {
                    hi
                } else if lo > 0 && !r.limit_unknown(lo - 1) {
                    lo - 1
                } else {
                    lowest
                };
                let t = match r.thresholds.get(idx) {
                    Some(t) => insp.expr(i, t)?,
                    None => Val::Unknown,
                };
                let labels = if r.labels.zh.is_some() || r.labels.en.is_some() {
                    Some(&r.labels)
                } else {
                    None
                };
                let by_limits = !decided
                    && !matches!(x, Val::Unknown | Val::NotApplicable)
                    && r.has_unknown_limit()
                    && (r.limit_unknown(idx) || !matches!(t, Val::Unknown));
                if !decided && !by_limits {
                    data_missing = true;
                }
                let mut c = make_check(
                    r.subject_input,
                    None,
                    labels,
                    x,
                    r.ops.get(idx).copied().unwrap_or(r.op),
                    t,
                    r.percent,
                    r.cite.as_ref(),
                    r.loc,
                );
                if decided {
                    c.level = l.levels.get(hi).copied();
                } else if by_limits {
                    if let (Some(a), Some(b)) = (l.levels.get(lo), l.levels.get(hi)) {
                        let unknown: Vec<Sym> = (lo..hi.min(below))
                            .filter(|k| r.limit_unknown(*k))
                            .filter_map(|k| l.levels.get(k).copied())
                            .collect();
                        c.level_range = Some((*a, *b, unknown));
                    }
                }
                c.group = r.group.as_deref();
                c.group_labels = r.group_labels.as_ref();
                n.checks.push(c);
            }
            if matches!(n.value, Val::Unknown) && !data_missing {
                let (lo, hi) = insp.ladder_range(i, l)?;
                if let (Some(a), Some(b)) = (l.levels.get(lo), l.levels.get(hi)) {
                    n.level_range = Some((*a, *b));
                }
            }
            n.multiple = insp.multiple(i, None)?;
            n.outcome = Some(match &n.value {
                Val::Sym(s) if l.levels.last() == Some(s) => Outcome::Fail,
                Val::Sym(_) => Outcome::Pass,
                _ => Outcome::Unknown,
            });
        }
        DefKind::Score { kind, .. } => {
            n.kind = "score";
            match kind {
                ScoreKind::Weighted(ts) => {
                    for (w, ex, name) in ts {
                        let v = num(&insp.expr(i, ex)?);
                        n.contributions.push(Contribution {
                            name,
                            weight: Some(*w * Decimal::ONE_HUNDRED),
                            value: v,
                            points: v
                                .and_then(|v| checked(ArithOp::Mul, *w, v))
                                .map(|x| x.normalize()),
                        });
                    }
                }
                ScoreKind::Deductions { rules, .. } => {
                    for r in rules {
                        let v = match insp.expr(i, &r.per)? {
                            Val::Num(n) => Some(n),
                            Val::Bool(b) => Some(Decimal::from(u8::from(b))),
                            _ => None,
                        };
                        let pts = v
                            .and_then(|v| checked(ArithOp::Mul, r.amount, v))
                            .map(|x| (-r.cap.map(|c| x.min(c)).unwrap_or(x)).normalize())
                            .map(|x| if x.is_zero() { Decimal::ZERO } else { x });
                        n.contributions.push(Contribution {
                            name: &r.per_name,
                            weight: Some(r.amount),
                            value: v,
                            points: pts,
                        });
                    }
                }
                ScoreKind::Expr(_) => {}
            }
        }
        DefKind::Grade { from, .. } => {
            n.kind = "grade";
            n.graded = Some(insp.expr(i, from)?);
        }
        DefKind::Value(_) => {}
    }
    Ok(n)
}

fn num(v: &Val) -> Option<Decimal> {
    match v {
        Val::Num(n) => Some(*n),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn make_check<'p>(
    subject_input: Option<InputId>,
    subject_def: Option<DefId>,
    row_labels: Option<&'p Labels>,
    x: Val,
    op: CmpOp,
    t: Val,
    percent: bool,
    cite: Option<&'p Cite>,
    loc: Loc,
) -> Check<'p> {
    let holds = match crate::eval::compare(op, &x, &t) {
        Val::Bool(b) => Some(b),
        _ => None,
    };
    let margin = match (&x, &t) {
        (Val::Num(a), Val::Num(b)) => match op {
            CmpOp::Le | CmpOp::Lt => checked(ArithOp::Sub, *b, *a),
            CmpOp::Ge | CmpOp::Gt => checked(ArithOp::Sub, *a, *b),
            _ => None,
        },
        _ => None,
    };
    let multiple = if op.is_upper_limit() {
        crate::eval::ratio(&x, &t)
    } else {
        None
    };
    Check {
        subject_input,
        subject_def,
        subject_func: None,
        row_labels,
        value: x,
        op,
        threshold: t,
        holds,
        margin,
        multiple,
        percent,
        cite,
        level: None,
        level_range: None,
        group: None,
        group_labels: None,
        loc,
    }
}

impl<'p> Check<'p> {
    /// The id of what is compared, when it is a plain name.
    pub fn subject<'a>(&self, p: &'a Program) -> Option<&'a str> {
        match (self.subject_input, self.subject_def) {
            (Some(i), _) => p.inputs.get(i.index()).map(|x| x.id.as_str()),
            (None, Some(d)) => p.defs.get(d.index()).map(|x| x.id.as_str()),
            _ => None,
        }
    }
    /// The labels of what is compared.
    pub fn labels<'a>(&'a self, p: &'a Program) -> Option<&'a Labels> {
        if let Some(l) = self.row_labels {
            return Some(l);
        }
        match (self.subject_input, self.subject_def) {
            (Some(i), _) => p.inputs.get(i.index()).map(|x| &x.labels),
            (None, Some(d)) => p.defs.get(d.index()).map(|x| &x.labels),
            _ => None,
        }
    }
    /// The unit of the compared input, if it has one.
    pub fn unit<'a>(&self, p: &'a Program) -> Option<&'a str> {
        match self
            .subject_input
            .and_then(|i| p.inputs.get(i.index()))
            .map(|x| &x.ty)
        {
            Some(Ty::Number(Some(u))) => Some(u),
            _ => None,
        }
    }
    /// The check in plain words: (Chinese, English).
    pub fn sentences(&self, p: &Program) -> (String, String) {
        let m = self.msg(p);
        (m.zh, m.en)
    }

    fn msg(&self, p: &Program) -> Msg {
        let unnamed; // made only for a check without a subject
        let (zh, en) = match (self.subject(p), self.labels(p)) {
            (Some(name), Some(l)) => (l.zh_or(name), l.en_or(name)),
            (Some(name), None) => (name, name),
            (None, labels) => {
                unnamed = words::unnamed_subject();
                match labels {
                    Some(l) => (l.zh_or(&unnamed.zh), l.en_or(&unnamed.en)),
                    None => (unnamed.zh.as_str(), unnamed.en.as_str()),
                }
            }
        };
        let subject = match self.subject_func {
            Some(f) => {
                let func = func_words(f);
                words::subject_of_func(en, zh, &func.en, &func.zh)
            }
            None => Msg {
                en: en.to_string(),
                zh: zh.to_string(),
            },
        };
        let m = cmp_sentence(
            p,
            &subject,
            &self.value,
            self.op,
            &self.threshold,
            self.holds,
            self.margin,
            self.multiple,
            self.percent,
            self.subject_input,
        );
        match (self.level, &self.level_range) {
            (Some(lv), _) => words::check_at_level(&m.en, &m.zh, p.sym(lv)),
            (None, Some((a, b, unknown))) => {
                let names: Vec<&str> = unknown.iter().map(|s| p.sym(*s)).collect();
                let (en, zh) = (names.join(", "), names.join("、"));
                // Every limit the row could be compared with is unknown: say the value, not a comparison.
                if matches!(self.threshold, Val::Unknown) {
                    let v = with_unit(p, &self.value, self.percent, self.subject_input);
                    words::check_all_limits_unknown(
                        &subject.en,
                        &subject.zh,
                        &v.en,
                        &v.zh,
                        p.sym(*a),
                        p.sym(*b),
                        &en,
                        &zh,
                    )
                } else {
                    words::check_between_levels(&m.en, &m.zh, p.sym(*a), p.sym(*b), &en, &zh)
                }
            }
            (None, None) => m,
        }
    }
}

impl Node<'_> {
    /// The definition's result in plain words: (Chinese, English).
    pub fn sentences(&self, p: &Program) -> (String, String) {
        let d = self.d;
        let zh = d.labels.zh_or(&d.id);
        let en = d.labels.en_or(&d.id);
        let m = match &d.kind {
            DefKind::Item { .. } => self.item_sentences(p, zh, en),
            DefKind::Levels(l) => {
                let lv = match &self.value {
                    Val::Sym(s) => p.sym(*s),
                    _ => "?",
                };
                if let (Val::Unknown, Some((a, b))) = (&self.value, self.level_range) {
                    words::levels_between(en, zh, p.sym(a), p.sym(b))
                } else if matches!(self.value, Val::Unknown) {
                    words::levels_missing(en, zh)
                } else {
                    let lowest = l
                        .levels
                        .len()
                        .checked_sub(2)
                        .and_then(|k| l.levels.get(k))
                        .map(|s| p.sym(*s))
                        .unwrap_or("?");
                    let times = self
                        .multiple
                        .map(|m| words::levels_times(lowest, &fmt_multiple(m)))
                        .unwrap_or_default();
                    words::levels_reached(en, zh, lv, &times.en, &times.zh)
                }
            }
            DefKind::Grade { .. } => {
                let (bz, be) = match &self.value {
                    Val::Sym(s) => band_label(p, self.def, *s),
                    _ => {
                        let u = words::band_undecided();
                        (u.zh, u.en)
                    }
                };
                let gz = self
                    .graded
                    .as_ref()
                    .map(|v| zh_val(p, v))
                    .unwrap_or_default();
                let ge = self
                    .graded
                    .as_ref()
                    .map(|v| fmt_val(p, v))
                    .unwrap_or_default();
                words::grade_band(en, zh, &be, &bz, &ge, &gz)
            }
            _ => {
                let shown = fmt_val(p, &self.value);
                let shown_zh = zh_val(p, &self.value);
                words::value_equals(en, zh, &shown, &shown_zh)
            }
        };
        (m.zh, m.en)
    }

    fn item_sentences(&self, p: &Program, zh: &str, en: &str) -> Msg {
        let o = self.outcome.unwrap_or(Outcome::Unknown);
        let veto = if self.veto() && o == Outcome::Fail {
            words::veto_fails()
        } else {
            Msg::default()
        };
        let mut reasons = Vec::new();
        if matches!(o, Outcome::Fail | Outcome::Unknown) {
            for c in &self.checks {
                let relevant = if o == Outcome::Fail {
                    c.holds == Some(false)
                } else {
                    c.holds.is_none()
                };
                if relevant {
                    reasons.push(c.msg(p));
                }
            }
            for (i, v, want) in &self.conditions {
                let relevant = if o == Outcome::Fail {
                    *v == Val::Bool(!*want)
                } else {
                    !matches!(v, Val::Bool(_))
                };
                if !relevant {
                    continue;
                }
                let inp = &p.inputs[*i];
                reasons.push(words::condition_is(
                    inp.labels.en_or(&inp.id),
                    inp.labels.zh_or(&inp.id),
                    &fmt_val(p, v),
                    &zh_val(p, v),
                ));
            }
            for m in &self.memberships {
                let relevant = if o == Outcome::Fail {
                    m.holds == Some(false)
                } else {
                    m.holds.is_none()
                };
                if !relevant {
                    continue;
                }
                let unnamed = words::unnamed_subject();
                let (id, labels) = match (m.subject_input, m.subject_def) {
                    (Some(i), _) => (p.inputs[i].id.as_str(), Some(&p.inputs[i].labels)),
                    (None, Some(d)) => (p.defs[d].id.as_str(), Some(&p.defs[d].labels)),
                    _ => (unnamed.en.as_str(), None),
                };
                let (lz, le) = match labels {
                    Some(l) => (l.zh_or(id), l.en_or(id)),
                    None if m.subject_input.is_none() && m.subject_def.is_none() => {
                        (unnamed.zh.as_str(), unnamed.en.as_str())
                    }
                    None => (id, id),
                };
                // Each name, and in Chinese an enum input's value by its label.
                let named = |s: Sym| with_unit(p, &Val::Sym(s), false, m.subject_input);
                let set: Vec<Msg> = m.set.iter().map(|s| named(*s)).collect();
                let sep = words::set_sep();
                let set = words::join(&set, &sep);
                let value = with_unit(p, &m.value, false, m.subject_input);
                reasons.push(if m.holds.is_none() {
                    words::in_set_missing(le, lz, &set.en, &set.zh)
                } else {
                    words::not_in_set(le, lz, &value.en, &value.zh, &set.en, &set.zh)
                });
            }
            for (ii, f, v) in &self.trends {
                let relevant = if o == Outcome::Fail {
                    *v == Val::Bool(false)
                } else {
                    !matches!(v, Val::Bool(_))
                };
                if !relevant {
                    continue;
                }
                let inp = &p.inputs[*ii];
                let trend = match f {
                    Func::Rising => words::trend_rising,
                    _ => words::trend_non_decreasing,
                };
                reasons.push(trend(
                    inp.labels.en_or(&inp.id),
                    inp.labels.zh_or(&inp.id),
                    &fmt_val(p, v),
                    &zh_val(p, v),
                ));
            }
            for (dd, oo, m) in &self.refs {
                let d = &p.defs[*dd];
                let (ie, iz) = (d.labels.en_or(&d.id), d.labels.zh_or(&d.id));
                let listed = match oo {
                    Outcome::Pass => words::listed_passes(ie, iz),
                    Outcome::Fail => words::listed_fails(ie, iz),
                    Outcome::NotApplicable => words::listed_not_applicable(ie, iz),
                    Outcome::Unknown => words::listed_unknown(ie, iz),
                };
                reasons.push(match m {
                    Some(m) => words::listed_times(&listed.en, &listed.zh, &fmt_multiple(*m)),
                    None => listed,
                });
            }
        }
        let why = if reasons.is_empty() {
            Msg::default()
        } else {
            let r = words::join(&reasons, &words::reason_sep());
            words::because(&r.en, &r.zh)
        };
        match o {
            Outcome::Pass => words::item_passes(en, zh),
            Outcome::Fail => words::item_fails(en, zh, &veto.en, &veto.zh, &why.en, &why.zh),
            Outcome::NotApplicable => words::item_does_not_apply(en, zh),
            Outcome::Unknown => words::item_undecided(en, zh, &why.en, &why.zh),
        }
    }
}

fn band_label(p: &Program, def: DefId, s: Sym) -> (String, String) {
    if let Some(DefKind::Grade { bands, .. }) = p.defs.get(def.index()).map(|d| &d.kind) {
        if let Some(b) = bands.iter().find(|b| b.sym == s) {
            return (
                b.labels.zh_or(p.sym(s)).to_string(),
                b.labels.en_or(p.sym(s)).to_string(),
            );
        }
    }
    (p.sym(s).to_string(), p.sym(s).to_string())
}

/// Format a value for people: `17.60`, `3`, `yes`, a level name; `∞` for an infinite multiple.
pub fn fmt_val(p: &Program, v: &Val) -> String {
    match v {
        Val::Infinite { negative: false } => "∞".into(),
        Val::Infinite { negative: true } => "−∞".into(),
        Val::Num(n) => fmt_num(*n),
        Val::Bool(true) => words::value_yes().en,
        Val::Bool(false) => words::value_no().en,
        Val::Sym(s) => p.sym(*s).to_string(),
        Val::Date(d) => d.to_string(),
        Val::Series(s) => format!(
            "[{}]",
            s.iter().map(|x| fmt_num(*x)).collect::<Vec<_>>().join(", ")
        ),
        Val::Unknown => words::value_missing().en,
        Val::NotApplicable => words::value_not_applicable().en,
    }
}

/// A decimal as written, rounded to 4 places when computed with more.
pub fn fmt_num(n: Decimal) -> String {
    if n.scale() > 4 {
        n.round_dp(4).normalize().to_string()
    } else {
        n.to_string()
    }
}

/// A multiple to 2 decimals, `∞` when outside every multiple.
pub fn fmt_multiple(m: Multiple) -> String {
    match m {
        Multiple::Finite(x) => {
            let r =
                x.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            // Two decimals, as published ("1.96"); more when two would hide that a whole-number limit
            // such as "within 3x" is passed (3.0033 is not "3.00").
            let shown = if r != x && r.fract().is_zero() {
                x.round_dp(4)
            } else {
                r
            };
            let mut shown = shown.normalize();
            if shown.scale() < 2 {
                shown.rescale(2);
            }
            shown.to_string()
        }
        Multiple::Infinite => "∞".into(),
    }
}

/// A value of `input` (when the value is one of an input's) with its unit, in both languages:
/// `2 flies/room` / `2 只/间` (the Chinese unit from [`words::units`], else as written), `90%`,
/// `yes` / `是`, an enum name / its Chinese label. Also the form's requirement texts.
pub fn with_unit(p: &Program, v: &Val, percent: bool, input: Option<InputId>) -> Msg {
    let inp = input.and_then(|i| p.inputs.get(i.index()));
    let unit = match inp.map(|x| &x.ty) {
        Some(Ty::Number(Some(u))) => Some(&**u),
        _ => None,
    };
    let mut en = fmt_val(p, v);
    if let Val::Num(_) = v {
        // A number is written the same in both languages; only the unit differs.
        if percent {
            en.push('%');
            let zh = en.clone();
            return Msg { en, zh };
        }
        return match unit {
            Some(u) => {
                let zh = [&en, " ", words::units::unit_zh(u).unwrap_or(u)].concat();
                let en = [&en, " ", u].concat();
                Msg { en, zh }
            }
            None => {
                let zh = en.clone();
                Msg { en, zh }
            }
        };
    }
    // Written once: only yes/no, a missing answer and an enum value's label differ in Chinese.
    let zh = match (v, inp) {
        (Val::Sym(s), Some(inp)) => choice_labels(inp, *s)
            .and_then(|l| l.zh.clone())
            .unwrap_or_else(|| en.clone()),
        (Val::Bool(_) | Val::Unknown | Val::NotApplicable, _) => zh_val(p, v),
        _ => en.clone(),
    };
    Msg { en, zh }
}

/// The labels of value `s` of an enum input (or a series of one), when it has them.
pub fn choice_labels(inp: &InputDef, s: Sym) -> Option<&Labels> {
    let syms = match &inp.ty {
        Ty::Enum(syms) => syms,
        Ty::Series(_, e) => match &**e {
            Ty::Enum(syms) => syms,
            _ => return None,
        },
        _ => return None,
    };
    syms.iter()
        .position(|x| *x == s)
        .and_then(|k| inp.choices.get(k))
}

#[allow(clippy::too_many_arguments)]
fn cmp_sentence(
    p: &Program,
    subject: &Msg,
    x: &Val,
    op: CmpOp,
    t: &Val,
    holds: Option<bool>,
    margin: Option<Decimal>,
    multiple: Option<Multiple>,
    percent: bool,
    input: Option<InputId>,
) -> Msg {
    let (s_en, s_zh) = (subject.en.as_str(), subject.zh.as_str());
    let xs = with_unit(p, x, percent, input);
    // A threshold written `unknown` is a limit nobody knows, not a missing answer.
    let ts = match t {
        Val::Unknown => words::limit_not_known(),
        _ => with_unit(p, t, percent, input),
    };
    let sign = op_sign(op);
    // The gap, only where a sentence says it (a failed limit): most checks hold.
    let gap = || {
        margin.map(|m| fmt_num(m.abs())).map(|g| match percent {
            true if g == "1" => words::gap_point(&g),
            true => words::gap_points(&g),
            false => Msg {
                en: g.clone(),
                zh: g,
            },
        })
    };
    // No margin (dates, names): say that it fails, not by how much.
    let short_by = || {
        gap()
            .map(|g| words::short_by(&g.en, &g.zh))
            .unwrap_or_default()
    };
    let over_by = || {
        gap()
            .map(|g| words::over_by(&g.en, &g.zh))
            .unwrap_or_default()
    };
    let at_limit = margin.map(|m| m.is_zero()).unwrap_or(false) || x == t;
    match (holds, x) {
        (_, Val::Unknown) => words::cmp_missing(s_en, s_zh, sign, &ts.en, &ts.zh),
        (None, _) => words::cmp_undecidable(s_en, s_zh),
        (Some(true), _) => match op {
            CmpOp::Le | CmpOp::Lt => {
                words::cmp_within(s_en, s_zh, &xs.en, &xs.zh, sign, &ts.en, &ts.zh)
            }
            CmpOp::Ge | CmpOp::Gt => {
                words::cmp_meets(s_en, s_zh, &xs.en, &xs.zh, sign, &ts.en, &ts.zh)
            }
            _ => words::cmp_matches(s_en, s_zh, &xs.en, &xs.zh, sign, &ts.en, &ts.zh),
        },
        (Some(false), _) => match op {
            CmpOp::Le | CmpOp::Lt => {
                let times = match multiple {
                    Some(m @ Multiple::Finite(_)) => words::times_the_limit(&fmt_multiple(m)),
                    Some(Multiple::Infinite) => words::limit_is_zero(),
                    None => Msg::default(),
                };
                if op == CmpOp::Lt && at_limit {
                    words::cmp_not_below(
                        s_en, s_zh, &xs.en, &xs.zh, sign, &ts.en, &ts.zh, &times.en, &times.zh,
                    )
                } else {
                    let over_by = over_by();
                    words::cmp_exceeds(
                        s_en,
                        s_zh,
                        &xs.en,
                        &xs.zh,
                        sign,
                        &ts.en,
                        &ts.zh,
                        &over_by.en,
                        &over_by.zh,
                        &times.en,
                        &times.zh,
                    )
                }
            }
            CmpOp::Ge | CmpOp::Gt => {
                if op == CmpOp::Gt && at_limit {
                    words::cmp_not_above(s_en, s_zh, &xs.en, &xs.zh, sign, &ts.en, &ts.zh)
                } else {
                    let short_by = short_by();
                    words::cmp_below(
                        s_en,
                        s_zh,
                        &xs.en,
                        &xs.zh,
                        sign,
                        &ts.en,
                        &ts.zh,
                        &short_by.en,
                        &short_by.zh,
                    )
                }
            }
            _ => words::cmp_no_match(s_en, s_zh, &xs.en, &xs.zh, sign, &ts.en, &ts.zh),
        },
    }
}

/// The mathematical sign for a comparison.
pub fn op_sign(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Ge => "≥",
        CmpOp::Gt => ">",
        CmpOp::Le => "≤",
        CmpOp::Lt => "<",
        CmpOp::Eq => "=",
        CmpOp::Ne => "≠",
    }
}

/// A value in Chinese words where it has them (是/否, 未填写).
pub fn zh_val(p: &Program, v: &Val) -> String {
    match v {
        Val::Bool(true) => words::value_yes().zh,
        Val::Bool(false) => words::value_no().zh,
        Val::Unknown => words::value_missing().zh,
        Val::NotApplicable => words::value_not_applicable().zh,
        o => fmt_val(p, o),
    }
}

/// A series or number function in words, after the subject it applies to.
fn func_words(f: Func) -> Msg {
    match f {
        Func::Latest => words::func_latest(),
        Func::Mean => words::func_mean(),
        Func::Min => words::func_min(),
        Func::Max => words::func_max(),
        Func::Round => words::func_round(),
        Func::Abs => words::func_abs(),
        Func::Rising => words::func_rising(),
        Func::NonDecreasing => words::func_non_decreasing(),
    }
}

/// The parts of `e` the evaluator evaluated, in pre-order: `and`/`all_of` stop after the first operand
/// that is false, `or`/`any_of`/`none_of` after the first that is true, as in `eval`.
fn reached_parts<'e>(
    insp: &mut Inspector<'_>,
    def: DefId,
    e: &'e Ex,
    out: &mut Vec<&'e Ex>,
) -> Result<(), EvalError> {
    out.push(e);
    match e {
        Ex::Const(_) | Ex::Input(_) | Ex::Def(_) | Ex::Exceedance { .. } => {}
        Ex::Neg(x) | Ex::Not(x) | Ex::In { lhs: x, .. } => reached_parts(insp, def, x, out)?,
        Ex::If(i) => {
            reached_parts(insp, def, &i.cond, out)?;
            match insp.expr(def, &i.cond)? {
                Val::Bool(true) => reached_parts(insp, def, &i.then, out)?,
                Val::Bool(false) => reached_parts(insp, def, &i.otherwise, out)?,
                _ => {}
            }
        }
        Ex::Arith { lhs, rhs, .. } => {
            reached_parts(insp, def, lhs, out)?;
            reached_parts(insp, def, rhs, out)?;
        }
        Ex::Cmp(c) => {
            reached_parts(insp, def, &c.lhs, out)?;
            reached_parts(insp, def, &c.rhs, out)?;
        }
        Ex::And(xs) | Ex::AllOf(xs) | Ex::Or(xs) | Ex::AnyOf(xs) | Ex::NoneOf(xs) => {
            let stop_at = !matches!(e, Ex::And(_) | Ex::AllOf(_));
            for x in xs {
                reached_parts(insp, def, x, out)?;
                if insp.expr(def, x)? == Val::Bool(stop_at) {
                    break;
                }
            }
        }
        Ex::AtLeast { list: xs, .. } | Ex::Call { args: xs, .. } => {
            for x in xs {
                reached_parts(insp, def, x, out)?;
            }
        }
    }
    Ok(())
}

/// Yes/no inputs used as conditions, with the value each must have for its condition to hold
/// (`not x` wants `false`, `none_of [x]` wants `false`).
fn bool_conditions(e: &Ex, want: bool, out: &mut Vec<(InputId, bool)>) {
    match e {
        Ex::Input(i) => out.push((*i, want)),
        Ex::Not(x) => bool_conditions(x, !want, out),
        Ex::NoneOf(xs) => xs.iter().for_each(|x| bool_conditions(x, !want, out)),
        Ex::And(xs) | Ex::Or(xs) | Ex::AllOf(xs) | Ex::AnyOf(xs) | Ex::AtLeast { list: xs, .. } => {
            xs.iter().for_each(|x| bool_conditions(x, want, out))
        }
        _ => {}
    }
}
