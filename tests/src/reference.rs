//! A small, obviously correct reference evaluator that works straight from the syntax tree.
//!
//! It is slow on purpose: names are looked up by string, definitions are evaluated recursively on demand,
//! nothing is compiled. It covers the constructs the property tests generate (inputs of every scalar kind,
//! items with `applies when`, comparisons, `and`/`or`/`not`, `all_of`/`any_of`/`none_of`,
//! `at_least K of [...] and the rest within Nx`, `let`, ladders, weighted scores and grades) and is
//! compared with the IR evaluator on generated documents.

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use yardstick_syntax::ast::*;

/// A value in the reference evaluator. `None` in maps means missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RVal {
    Num(Decimal),
    Bool(bool),
    Name(String),
    Unknown,
    Na,
}

/// Outcomes and outputs of one evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RResult {
    pub outcome: &'static str,
    /// Item id → outcome name.
    pub items: BTreeMap<String, &'static str>,
    /// Ladder / score / grade / output id → value shown as text.
    pub outputs: BTreeMap<String, String>,
}

struct Defs<'d> {
    items: BTreeMap<String, (&'d Item, bool)>,
    lets: BTreeMap<String, &'d Expr>,
    ladders: BTreeMap<String, &'d Levels>,
    scores: BTreeMap<String, &'d Score>,
    grades: BTreeMap<String, &'d Grade>,
}

/// Evaluate a single self-contained document (no `use`/`extends`).
pub fn evaluate(doc: &Document, inputs: &BTreeMap<String, RVal>) -> RResult {
    let mut defs = Defs {
        items: BTreeMap::new(),
        lets: BTreeMap::new(),
        ladders: BTreeMap::new(),
        scores: BTreeMap::new(),
        grades: BTreeMap::new(),
    };
    let mut order = Vec::new();
    for m in &doc.standard.members {
        match &m.kind {
            MemberKind::Item(i) => {
                defs.items.insert(i.name.name.clone(), (i, false));
                order.push(i.name.name.clone());
            }
            MemberKind::Section(s) => collect(s, s.basic, &mut defs, &mut order),
            MemberKind::Let(l) | MemberKind::Output(l) => {
                defs.lets.insert(l.name.name.clone(), &l.expr);
            }
            MemberKind::Levels(l) => {
                defs.ladders.insert(l.name.name.clone(), l);
            }
            MemberKind::Score(s) => {
                defs.scores.insert(s.name.name.clone(), s);
            }
            MemberKind::Grade(g) => {
                defs.grades.insert(g.name.name.clone(), g);
            }
            _ => {}
        }
    }
    let cx = Cx {
        defs: &defs,
        inputs,
    };
    let mut items = BTreeMap::new();
    let (mut fail, mut unknown, mut applicable, mut judged) = (false, false, false, false);
    for id in &order {
        let o = outcome(&cx.item(id));
        items.insert(id.clone(), o);
        judged = true;
        match o {
            "fail" => {
                fail = true;
                applicable = true
            }
            "unknown" => {
                unknown = true;
                applicable = true
            }
            "pass" => applicable = true,
            _ => {}
        }
    }
    let mut outputs = BTreeMap::new();
    for (id, l) in &defs.ladders {
        let v = cx.ladder(l);
        judged = true;
        match &v {
            RVal::Name(n) if *n == l.below.name => {
                fail = true;
                applicable = true
            }
            RVal::Name(_) => applicable = true,
            _ => {
                unknown = true;
                applicable = true
            }
        }
        outputs.insert(id.clone(), show(&v));
    }
    for id in defs.scores.keys() {
        outputs.insert(id.clone(), show(&cx.name(id)));
    }
    for id in defs.grades.keys() {
        outputs.insert(id.clone(), show(&cx.name(id)));
    }
    let outcome = if fail {
        "fail"
    } else if unknown
        || (!judged
            && defs
                .scores
                .keys()
                .chain(defs.grades.keys())
                .any(|k| outputs.get(k).map(String::as_str) == Some("unknown")))
    {
        "unknown"
    } else if judged && !applicable {
        "not_applicable"
    } else {
        "pass"
    };
    RResult {
        outcome,
        items,
        outputs,
    }
}

fn collect<'d>(s: &'d Section, veto: bool, defs: &mut Defs<'d>, order: &mut Vec<String>) {
    for m in &s.members {
        match &m.kind {
            SectionMemberKind::Item(i) => {
                defs.items.insert(i.name.name.clone(), (i, veto));
                order.push(i.name.name.clone());
            }
            SectionMemberKind::Section(sub) => collect(sub, veto || sub.basic, defs, order),
        }
    }
}

/// How a value is shown in `outputs` (numbers normalised, missing as `unknown`).
pub fn show(v: &RVal) -> String {
    match v {
        RVal::Num(n) => n.normalize().to_string(),
        RVal::Bool(b) => b.to_string(),
        RVal::Name(n) => n.clone(),
        RVal::Unknown | RVal::Na => "unknown".into(),
    }
}

fn outcome(v: &RVal) -> &'static str {
    match v {
        RVal::Bool(true) => "pass",
        RVal::Bool(false) => "fail",
        RVal::Na => "not_applicable",
        _ => "unknown",
    }
}

struct Cx<'d, 'i> {
    defs: &'d Defs<'d>,
    inputs: &'i BTreeMap<String, RVal>,
}

impl Cx<'_, '_> {
    fn name(&self, id: &str) -> RVal {
        if let Some(v) = self.inputs.get(id) {
            return v.clone();
        }
        if self.defs.items.contains_key(id) {
            return self.item(id);
        }
        if let Some(e) = self.defs.lets.get(id) {
            return self.expr(e);
        }
        if let Some(l) = self.defs.ladders.get(id) {
            return self.ladder(l);
        }
        if let Some(s) = self.defs.scores.get(id) {
            return self.score(s);
        }
        if let Some(g) = self.defs.grades.get(id) {
            let RVal::Num(x) = self.expr(&g.from) else {
                return RVal::Unknown;
            };
            for b in g.bands.iter().filter(|b| !b.otherwise) {
                let ok = b.bounds.iter().all(|bb| match self.expr(&bb.value) {
                    RVal::Num(t) => holds(bb.op, x, t),
                    _ => false,
                });
                if ok {
                    return RVal::Name(b.name.name.clone());
                }
            }
            return g
                .bands
                .iter()
                .find(|b| b.otherwise)
                .map(|b| RVal::Name(b.name.name.clone()))
                .unwrap_or(RVal::Unknown);
        }
        // A missing input.
        RVal::Unknown
    }

    fn item(&self, id: &str) -> RVal {
        let Some((item, _)) = self.defs.items.get(id) else {
            return RVal::Unknown;
        };
        if let Some(a) = &item.meta.applies {
            match self.expr(a) {
                RVal::Bool(true) => {}
                RVal::Bool(false) | RVal::Na => return RVal::Na,
                _ => return RVal::Unknown,
            }
        }
        let conds: Vec<RVal> = item.body.iter().map(|c| self.expr(&c.expr)).collect();
        all(&conds)
    }

    fn ladder(&self, l: &Levels) -> RVal {
        let mut rows = Vec::new();
        for m in &l.members {
            match m {
                LevelMember::Row(r) => rows.push(r),
                LevelMember::Group(g) => rows.extend(g.rows.iter()),
            }
        }
        let below = l.order.len();
        // Each row's possible levels, by trying every way the limits written `unknown` could turn out:
        // each one holds or not, as long as the row stays in order (a value that meets a level's limit
        // meets every worse level's). The ladder is the worst row; it is decided when the best and the
        // worst it can be agree.
        let (mut lo, mut hi) = (0usize, 0usize);
        for r in rows {
            let RVal::Num(x) = self.expr(&r.subject) else {
                hi = below;
                continue;
            };
            let known: Vec<Option<bool>> = r
                .thresholds
                .iter()
                .zip(&r.ops)
                .map(|(t, op)| match (&t.kind, self.expr(t)) {
                    (ExprKind::UnknownLimit, _) => None,
                    (_, RVal::Num(t)) => Some(holds(op.unwrap_or(r.op), x, t)),
                    _ => Some(false),
                })
                .collect();
            let free: Vec<usize> = (0..known.len()).filter(|k| known[*k].is_none()).collect();
            let (mut best, mut worst) = (usize::MAX, 0usize);
            for mask in 0u32..(1u32 << free.len()) {
                let mut h: Vec<bool> = known.iter().map(|k| k.unwrap_or(false)).collect();
                for (bit, k) in free.iter().enumerate() {
                    h[*k] = mask & (1 << bit) != 0;
                }
                if h.windows(2).any(|w| w[0] && !w[1]) {
                    continue;
                }
                let lvl = h.iter().position(|b| *b).unwrap_or(below);
                best = best.min(lvl);
                worst = worst.max(lvl);
            }
            if best == usize::MAX {
                // The known limits themselves are out of order: the best level whose limit holds.
                let lvl = known.iter().position(|k| *k == Some(true)).unwrap_or(below);
                best = lvl;
                worst = lvl;
            }
            lo = lo.max(best);
            hi = hi.max(worst);
        }
        if lo != hi {
            return RVal::Unknown;
        }
        if hi == below {
            RVal::Name(l.below.name.clone())
        } else {
            RVal::Name(l.order[hi].name.clone())
        }
    }

    fn score(&self, s: &Score) -> RVal {
        match &s.body {
            ScoreBody::Weighted(ts) => {
                let mut sum = Decimal::ZERO;
                for t in ts {
                    let RVal::Num(x) = self.name(&t.term.text) else {
                        return RVal::Unknown;
                    };
                    sum += t.weight.value / Decimal::ONE_HUNDRED * x;
                }
                RVal::Num(sum)
            }
            ScoreBody::Expr(e) => self.expr(e),
            ScoreBody::Deductions(_) => RVal::Unknown,
        }
    }

    /// Upper-limit multiple of an item: the largest value ÷ limit over its `<=`/`<` comparisons.
    fn multiple(&self, id: &str) -> Option<Option<Decimal>> {
        let (item, _) = self.defs.items.get(id)?;
        let mut worst: Option<Decimal> = Some(Decimal::ZERO);
        for c in &item.body {
            let mut stack = vec![&c.expr];
            while let Some(e) = stack.pop() {
                match &e.kind {
                    ExprKind::Compare {
                        op: CmpOp::Le | CmpOp::Lt,
                        lhs,
                        rhs,
                    } => {
                        let (RVal::Num(x), RVal::Num(l)) = (self.expr(lhs), self.expr(rhs)) else {
                            return None;
                        };
                        let m = if l.is_zero() {
                            if x <= Decimal::ZERO {
                                Some(Decimal::ZERO)
                            } else {
                                None
                            }
                        } else {
                            Some(x / l)
                        };
                        worst = match (worst, m) {
                            (Some(a), Some(b)) => Some(a.max(b)),
                            _ => None,
                        };
                    }
                    ExprKind::Logic { operands, .. } | ExprKind::AllOf(operands) => {
                        stack.extend(operands.iter())
                    }
                    ExprKind::Paren(x) => stack.push(x),
                    _ => {}
                }
            }
        }
        Some(worst)
    }

    fn expr(&self, e: &Expr) -> RVal {
        match &e.kind {
            ExprKind::Number(n) => RVal::Num(n.value),
            ExprKind::Bool(b) => RVal::Bool(*b),
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Ref(p) => self.name(&p.text),
            ExprKind::Not(x) => match self.expr(x) {
                RVal::Bool(b) => RVal::Bool(!b),
                o => o,
            },
            ExprKind::Neg(x) => match self.expr(x) {
                RVal::Num(n) => RVal::Num(-n),
                o => o,
            },
            ExprKind::Arith { op, lhs, rhs } => {
                let pct = |e: &Expr| matches!(&e.kind, ExprKind::Number(n) if n.percent);
                match (self.expr(lhs), self.expr(rhs)) {
                    (RVal::Num(mut a), RVal::Num(mut b)) => {
                        if matches!(op, ArithOp::Mul | ArithOp::Div) {
                            if pct(lhs) {
                                a /= Decimal::ONE_HUNDRED;
                            }
                            if pct(rhs) {
                                b /= Decimal::ONE_HUNDRED;
                            }
                        }
                        match op {
                            ArithOp::Add => RVal::Num(a + b),
                            ArithOp::Sub => RVal::Num(a - b),
                            ArithOp::Mul => RVal::Num(a * b),
                            ArithOp::Div if b.is_zero() => RVal::Unknown,
                            ArithOp::Div => RVal::Num(a / b),
                        }
                    }
                    _ => RVal::Unknown,
                }
            }
            ExprKind::Compare { op, lhs, rhs } => {
                let l = self.expr(lhs);
                let r = match (&l, &rhs.kind) {
                    (RVal::Name(_), ExprKind::Ref(p)) if !self.known(&p.text) => {
                        RVal::Name(p.text.clone())
                    }
                    _ => self.expr(rhs),
                };
                match (l, r) {
                    (RVal::Na, _) | (_, RVal::Na) => RVal::Na,
                    (RVal::Num(a), RVal::Num(b)) => RVal::Bool(holds(*op, a, b)),
                    (RVal::Bool(a), RVal::Bool(b)) => {
                        RVal::Bool(if *op == CmpOp::Eq { a == b } else { a != b })
                    }
                    (RVal::Name(a), RVal::Name(b)) => {
                        RVal::Bool(if *op == CmpOp::Eq { a == b } else { a != b })
                    }
                    _ => RVal::Unknown,
                }
            }
            ExprKind::In { lhs, list } => match self.expr(lhs) {
                RVal::Name(n) => RVal::Bool(
                    list.iter()
                        .any(|x| matches!(&x.kind, ExprKind::Ref(p) if p.text == n)),
                ),
                o => o,
            },
            ExprKind::Logic {
                op: LogicOp::And,
                operands,
            }
            | ExprKind::AllOf(operands) => {
                all(&operands.iter().map(|x| self.expr(x)).collect::<Vec<_>>())
            }
            ExprKind::Logic {
                op: LogicOp::Or,
                operands,
            }
            | ExprKind::AnyOf(operands) => {
                any(&operands.iter().map(|x| self.expr(x)).collect::<Vec<_>>())
            }
            ExprKind::NoneOf(list) => {
                match any(&list.iter().map(|x| self.expr(x)).collect::<Vec<_>>()) {
                    RVal::Bool(b) => RVal::Bool(!b),
                    o => o,
                }
            }
            ExprKind::AtLeast {
                k,
                list,
                rest_within,
            } => {
                let vals: Vec<RVal> = list.iter().map(|x| self.expr(x)).collect();
                let pass = vals.iter().filter(|v| **v == RVal::Bool(true)).count() as u32;
                let unknown = vals
                    .iter()
                    .filter(|v| matches!(v, RVal::Unknown | RVal::Num(_) | RVal::Name(_)))
                    .count() as u32;
                let mut beyond = false;
                let mut rest_unknown = false;
                if let Some(m) = rest_within {
                    for (x, v) in list.iter().zip(&vals) {
                        if *v != RVal::Bool(false) {
                            continue;
                        }
                        let mult = match &x.kind {
                            ExprKind::Ref(p) => self.multiple(&p.text),
                            _ => None,
                        };
                        match mult {
                            Some(Some(mu)) if mu <= m.value => {}
                            Some(_) => beyond = true,
                            None => rest_unknown = true,
                        }
                    }
                }
                if beyond || pass + unknown < *k {
                    RVal::Bool(false)
                } else if rest_within.is_none() && pass >= *k {
                    RVal::Bool(true)
                } else if unknown > 0 || rest_unknown {
                    RVal::Unknown
                } else {
                    RVal::Bool(pass >= *k)
                }
            }
            _ => RVal::Unknown,
        }
    }

    fn known(&self, name: &str) -> bool {
        self.inputs.contains_key(name)
            || self.defs.items.contains_key(name)
            || self.defs.lets.contains_key(name)
            || self.defs.ladders.contains_key(name)
            || self.defs.scores.contains_key(name)
            || self.defs.grades.contains_key(name)
    }
}

fn holds(op: CmpOp, x: Decimal, t: Decimal) -> bool {
    match op {
        CmpOp::Ge => x >= t,
        CmpOp::Gt => x > t,
        CmpOp::Le => x <= t,
        CmpOp::Lt => x < t,
        CmpOp::Eq => x == t,
        CmpOp::Ne => x != t,
    }
}

/// Kleene "and", skipping not-applicable operands.
fn all(vs: &[RVal]) -> RVal {
    if vs.contains(&RVal::Bool(false)) {
        return RVal::Bool(false);
    }
    if vs.iter().any(|v| !matches!(v, RVal::Bool(_) | RVal::Na)) {
        return RVal::Unknown;
    }
    if vs.is_empty() || vs.contains(&RVal::Bool(true)) {
        RVal::Bool(true)
    } else {
        RVal::Na
    }
}

/// Kleene "or", skipping not-applicable operands.
fn any(vs: &[RVal]) -> RVal {
    if vs.contains(&RVal::Bool(true)) {
        return RVal::Bool(true);
    }
    if vs.iter().any(|v| !matches!(v, RVal::Bool(_) | RVal::Na)) {
        return RVal::Unknown;
    }
    if vs.contains(&RVal::Bool(false)) {
        RVal::Bool(false)
    } else {
        RVal::Na
    }
}
