//! Explanations: for every definition the values it used, each comparison with its threshold, margin and
//! exceedance multiple, its clause and source, and plain sentences in Chinese and English.

use crate::eval::{EvalError, Evaluation, Inspector, Multiple, Outcome};
use crate::ir::*;
use rust_decimal::Decimal;
use yardstick_syntax::ast::CmpOp;

/// One comparison as it was evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// The input or definition on the left, when it is a plain name.
    pub subject: Option<String>,
    pub labels: Labels,
    pub value: Val,
    pub op: CmpOp,
    pub threshold: Val,
    pub holds: Option<bool>,
    /// How far the value is inside (positive) or outside (negative) the limit, in the value's unit.
    pub margin: Option<Decimal>,
    /// value ÷ limit, for upper limits.
    pub multiple: Option<Multiple>,
    pub percent: bool,
    pub unit: Option<String>,
    pub cite: Option<Cite>,
    /// For ladder rows: the level this row reached.
    pub level: Option<String>,
    pub group: Option<String>,
    pub loc: crate::diag::Loc,
    pub zh: String,
    pub en: String,
}

/// A score's part: `40% × covert = 352`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contribution {
    pub name: String,
    pub weight: Option<Decimal>,
    pub value: Option<Decimal>,
    pub points: Option<Decimal>,
}

/// The explanation of one definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub def: usize,
    pub id: String,
    pub kind: &'static str,
    pub labels: Labels,
    pub clause: Option<String>,
    pub cite: Option<Cite>,
    pub outcome: Option<Outcome>,
    pub veto: bool,
    pub section: Option<String>,
    pub value: Val,
    pub multiple: Option<Multiple>,
    pub checks: Vec<Check>,
    pub contributions: Vec<Contribution>,
    pub loc: crate::diag::Loc,
    pub zh: String,
    pub en: String,
}

/// Explain every definition of this document (those brought in by `use` too, after the own ones).
pub fn explain(p: &Program, inputs: &[Val], e: &Evaluation) -> Result<Vec<Node>, EvalError> {
    let mut insp = Inspector::new(p, inputs, e);
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..p.defs.len()).collect();
    // Vetoes first, then own items, then the rest.
    order.sort_by_key(|&i| {
        let d = &p.defs[i];
        let veto = matches!(d.kind, DefKind::Item { veto: true, .. });
        (!d.own, !veto, d.loc.file, d.loc.span.start)
    });
    for i in order {
        out.push(node(p, inputs, e, &mut insp, i)?);
    }
    Ok(out)
}

fn node(
    p: &Program,
    inputs: &[Val],
    e: &Evaluation,
    insp: &mut Inspector<'_>,
    i: usize,
) -> Result<Node, EvalError> {
    let d = &p.defs[i];
    let value = e.values.get(i).cloned().unwrap_or(Val::Unknown);
    let mut n = Node {
        def: i,
        id: d.id.clone(),
        kind: "value",
        labels: d.labels.clone(),
        clause: d.clause.clone(),
        cite: d.cite.clone(),
        outcome: None,
        veto: false,
        section: None,
        value: value.clone(),
        multiple: None,
        checks: Vec::new(),
        contributions: Vec::new(),
        loc: d.loc,
        zh: String::new(),
        en: String::new(),
    };
    let name_zh = d.labels.zh_or(&d.id).to_string();
    let name_en = d.labels.en_or(&d.id).to_string();
    match &d.kind {
        DefKind::Item {
            body,
            veto,
            section,
            ..
        } => {
            n.kind = "item";
            n.veto = *veto;
            n.section = section.clone();
            let o = Outcome::of(&value);
            n.outcome = Some(o);
            let mut cmps = Vec::new();
            crate::lower::walk(body, &mut |x| {
                if let Ex::Cmp(c) = x {
                    cmps.push(c.as_ref());
                }
            });
            for c in cmps {
                n.checks.push(check_of(p, inputs, insp, i, c)?);
            }
            if crate::lower::has_upper_cmp(body) {
                n.multiple = insp.multiple(i, None)?;
            }
            let mut ref_mults = Vec::new();
            let mut refs = Vec::new();
            crate::lower::walk(body, &mut |x| {
                if let Ex::Def(d) = x {
                    refs.push(*d)
                }
            });
            for d in refs {
                if p.defs.get(d).map(|x| x.is_item()).unwrap_or(false)
                    && e.item_outcome(d) == Outcome::Fail
                {
                    if let Some(m) = insp.multiple(d, None)? {
                        ref_mults.push((d, m));
                    }
                }
            }
            let (zh, en) = item_sentences(
                &name_zh, &name_en, o, *veto, &n.checks, p, body, e, &ref_mults,
            );
            n.zh = zh;
            n.en = en;
        }
        DefKind::Levels(l) => {
            n.kind = "levels";
            let rows = insp.row_levels(i, l)?;
            let below = l.levels.len().saturating_sub(1);
            for (r, lvl) in l.rows.iter().zip(rows) {
                let idx = lvl.unwrap_or(below).min(below.saturating_sub(1));
                let x = insp.expr(i, &r.subject)?;
                let t = match r.thresholds.get(idx) {
                    Some(t) => insp.expr(i, t)?,
                    None => Val::Unknown,
                };
                let mut c = make_check(
                    p,
                    r.subject_input,
                    &r.subject,
                    &r.labels,
                    x,
                    r.op,
                    t,
                    r.percent,
                    r.cite.clone(),
                    r.loc,
                );
                c.level = lvl
                    .and_then(|li| l.levels.get(li))
                    .map(|s| p.sym(*s).to_string());
                c.group = r.group.clone();
                if let Some(lv) = &c.level {
                    c.zh = format!("{}（{} 级）", c.zh, lv);
                    c.en = format!("{} (level {lv})", c.en);
                }
                n.checks.push(c);
            }
            n.multiple = insp.multiple(i, None)?;
            let lv = match &value {
                Val::Sym(s) => p.sym(*s).to_string(),
                _ => "?".into(),
            };
            n.outcome = Some(match &value {
                Val::Sym(s) if l.levels.last() == Some(s) => Outcome::Fail,
                Val::Sym(_) => Outcome::Pass,
                _ => Outcome::Unknown,
            });
            let mult = n.multiple.map(fmt_multiple).unwrap_or_default();
            if matches!(value, Val::Unknown) {
                n.zh = format!("{name_zh}：缺少数据，无法定级");
                n.en = format!("{name_en}: cannot be graded, data missing");
            } else {
                let lowest = l
                    .levels
                    .len()
                    .checked_sub(2)
                    .and_then(|k| l.levels.get(k))
                    .map(|s| p.sym(*s))
                    .unwrap_or("?");
                n.zh = format!("{name_zh}为 {lv} 级（取各分项中最差的等级）；相对 {lowest} 级限值的超标倍数 {mult}");
                n.en = format!("{name_en} is level {lv} (the worst of its sub-indicators); {mult} times the {lowest} limits");
            }
        }
        DefKind::Score { kind, .. } => {
            n.kind = "score";
            match kind {
                ScoreKind::Weighted(ts) => {
                    for (w, ex, name) in ts {
                        let v = num(&insp.expr(i, ex)?);
                        n.contributions.push(Contribution {
                            name: name.clone(),
                            weight: Some(*w * Decimal::ONE_HUNDRED),
                            value: v,
                            points: v.and_then(|v| w.checked_mul(v)).map(|x| x.normalize()),
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
                        let pts = v.and_then(|v| r.amount.checked_mul(v)).map(|x| {
                            let x = r.cap.map(|c| x.min(c)).unwrap_or(x);
                            -x.normalize()
                        });
                        n.contributions.push(Contribution {
                            name: r.per_name.clone(),
                            weight: Some(r.amount),
                            value: v,
                            points: pts,
                        });
                    }
                }
                ScoreKind::Expr(_) => {}
            }
            let shown = fmt_val(p, &value);
            n.zh = format!("{name_zh} = {shown}");
            n.en = format!("{name_en} = {shown}");
        }
        DefKind::Grade { from, .. } => {
            n.kind = "grade";
            let x = insp.expr(i, from)?;
            let band = match &value {
                Val::Sym(s) => d_band_label(p, i, *s),
                _ => ("?".into(), "?".into()),
            };
            n.zh = format!("{name_zh}：{}（{}）", band.0, fmt_val(p, &x));
            n.en = format!("{name_en}: {} ({})", band.1, fmt_val(p, &x));
        }
        DefKind::Value(_) => {
            let shown = fmt_val(p, &value);
            n.zh = format!("{name_zh} = {shown}");
            n.en = format!("{name_en} = {shown}");
        }
    }
    Ok(n)
}

fn d_band_label(p: &Program, def: usize, s: Sym) -> (String, String) {
    if let Some(DefKind::Grade { bands, .. }) = p.defs.get(def).map(|d| &d.kind) {
        if let Some(b) = bands.iter().find(|b| b.sym == s) {
            return (
                b.labels.zh_or(p.sym(s)).to_string(),
                b.labels.en_or(p.sym(s)).to_string(),
            );
        }
    }
    (p.sym(s).to_string(), p.sym(s).to_string())
}

fn num(v: &Val) -> Option<Decimal> {
    match v {
        Val::Num(n) => Some(*n),
        _ => None,
    }
}

fn check_of(
    p: &Program,
    _inputs: &[Val],
    insp: &mut Inspector<'_>,
    def: usize,
    c: &Cmp,
) -> Result<Check, EvalError> {
    let x = insp.expr(def, &c.lhs)?;
    let t = insp.expr(def, &c.rhs)?;
    Ok(make_check(
        p,
        c.subject_input,
        &c.lhs,
        &Labels::default(),
        x,
        c.op,
        t,
        c.percent,
        c.cite.clone(),
        c.loc,
    ))
}

#[allow(clippy::too_many_arguments)]
fn make_check(
    p: &Program,
    subject_input: Option<usize>,
    lhs: &Ex,
    row_labels: &Labels,
    x: Val,
    op: CmpOp,
    t: Val,
    percent: bool,
    cite: Option<Cite>,
    loc: crate::diag::Loc,
) -> Check {
    let (subject, mut labels, unit) = match (subject_input, lhs) {
        (Some(i), _) => {
            let inp = &p.inputs[i];
            let unit = match &inp.ty {
                Ty::Number(Some(u)) => Some(u.to_string()),
                _ => None,
            };
            (Some(inp.id.clone()), inp.labels.clone(), unit)
        }
        (None, Ex::Def(d)) => (
            p.defs.get(*d).map(|d| d.id.clone()),
            p.defs.get(*d).map(|d| d.labels.clone()).unwrap_or_default(),
            None,
        ),
        _ => (None, Labels::default(), None),
    };
    if row_labels.zh.is_some() || row_labels.en.is_some() {
        labels = row_labels.clone();
    }
    let holds = match crate::eval::compare(op, &x, &t) {
        Val::Bool(b) => Some(b),
        _ => None,
    };
    let margin = match (&x, &t) {
        (Val::Num(a), Val::Num(b)) => match op {
            CmpOp::Le | CmpOp::Lt => b.checked_sub(*a),
            CmpOp::Ge | CmpOp::Gt => a.checked_sub(*b),
            _ => None,
        },
        _ => None,
    };
    let multiple = if op.is_upper_limit() {
        crate::eval::ratio(&x, &t)
    } else {
        None
    };
    let name = subject.clone().unwrap_or_else(|| "value".into());
    let zh_name = labels.zh_or(&name).to_string();
    let en_name = labels.en_or(&name).to_string();
    let (zh, en) = cmp_sentence(
        p,
        &zh_name,
        &en_name,
        &x,
        op,
        &t,
        holds,
        margin,
        multiple,
        percent,
        unit.as_deref(),
    );
    Check {
        subject,
        labels,
        value: x,
        op,
        threshold: t,
        holds,
        margin,
        multiple,
        percent,
        unit,
        cite,
        level: None,
        group: None,
        loc,
        zh,
        en,
    }
}

/// Format a value for people: `17.60%`, `3`, `yes`, a level name.
pub fn fmt_val(p: &Program, v: &Val) -> String {
    match v {
        Val::Num(n) => fmt_num(*n),
        Val::Bool(true) => "yes".into(),
        Val::Bool(false) => "no".into(),
        Val::Sym(s) => p.sym(*s).to_string(),
        Val::Date(d) => d.to_string(),
        Val::Series(s) => format!(
            "[{}]",
            s.iter().map(|x| fmt_num(*x)).collect::<Vec<_>>().join(", ")
        ),
        Val::Unknown => "missing".into(),
        Val::NotApplicable => "not applicable".into(),
    }
}

/// A decimal without trailing zeros beyond what was written, rounded to 4 places when computed.
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
        Multiple::Finite(x) => x
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .to_string(),
        Multiple::Infinite => "∞".into(),
    }
}

fn with_unit(p: &Program, v: &Val, percent: bool, unit: Option<&str>) -> String {
    let s = fmt_val(p, v);
    match v {
        Val::Num(_) if percent => format!("{s}%"),
        Val::Num(_) => match unit {
            Some(u) => format!("{s} {u}"),
            None => s,
        },
        _ => s,
    }
}

#[allow(clippy::too_many_arguments)]
fn cmp_sentence(
    p: &Program,
    zh: &str,
    en: &str,
    x: &Val,
    op: CmpOp,
    t: &Val,
    holds: Option<bool>,
    margin: Option<Decimal>,
    multiple: Option<Multiple>,
    percent: bool,
    unit: Option<&str>,
) -> (String, String) {
    let xs = with_unit(p, x, percent, unit);
    let ts = with_unit(p, t, percent, unit);
    let sign = op_sign(op);
    let gap = margin.map(|m| fmt_num(m.abs()));
    let (gap_zh, gap_en) = match (&gap, percent) {
        (Some(g), true) => (format!("{g} 个百分点"), format!("{g} points")),
        (Some(g), false) => (g.clone(), g.clone()),
        _ => (String::new(), String::new()),
    };
    match (holds, x) {
        (_, Val::Unknown) => (
            format!("{zh} 未填写，无法判断是否 {sign} {ts}"),
            format!("{en} is missing, so {sign} {ts} cannot be judged"),
        ),
        (None, _) => (format!("{zh} 无法判断"), format!("{en} cannot be judged")),
        (Some(true), _) => match op {
            CmpOp::Le | CmpOp::Lt => (
                format!("{zh} {xs} 符合 {sign} {ts}"),
                format!("{en} {xs} is within {sign} {ts}"),
            ),
            CmpOp::Ge | CmpOp::Gt => (
                format!("{zh} {xs} 达到 {sign} {ts}"),
                format!("{en} {xs} meets {sign} {ts}"),
            ),
            _ => (
                format!("{zh} {xs} 符合 {sign} {ts}"),
                format!("{en} {xs} matches {sign} {ts}"),
            ),
        },
        (Some(false), _) => match op {
            CmpOp::Le | CmpOp::Lt => {
                let mult = match multiple {
                    Some(m @ Multiple::Finite(_)) => (
                        format!("（{} 倍）", fmt_multiple(m)),
                        format!(" ({}×)", fmt_multiple(m)),
                    ),
                    Some(Multiple::Infinite) => {
                        ("（限值为 0）".to_string(), " (the limit is 0)".to_string())
                    }
                    None => (String::new(), String::new()),
                };
                if op == CmpOp::Lt && margin.map(|m| m.is_zero()).unwrap_or(false) {
                    (
                        format!("{zh} {xs} 未低于 {sign} {ts}{}", mult.0),
                        format!("{en} {xs} is not below {sign} {ts}{}", mult.1),
                    )
                } else {
                    (
                        format!("{zh} {xs} 超过 {sign} {ts}，超出 {gap_zh}{}", mult.0),
                        format!(
                            "{en} {xs} exceeds the limit {sign} {ts} by {gap_en}{}",
                            mult.1
                        ),
                    )
                }
            }
            CmpOp::Ge | CmpOp::Gt => {
                if op == CmpOp::Gt && margin.map(|m| m.is_zero()).unwrap_or(false) {
                    (
                        format!("{zh} {xs} 未超过要求的 {sign} {ts}"),
                        format!("{en} {xs} is not above the required {sign} {ts}"),
                    )
                } else {
                    (
                        format!("{zh} {xs} 未达到 {sign} {ts}，差 {gap_zh}"),
                        format!("{en} {xs} is below the required {sign} {ts} by {gap_en}"),
                    )
                }
            }
            _ => (
                format!("{zh} {xs} 不符合 {sign} {ts}"),
                format!("{en} {xs} does not match {sign} {ts}"),
            ),
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

#[allow(clippy::too_many_arguments)]
fn item_sentences(
    zh: &str,
    en: &str,
    o: Outcome,
    veto: bool,
    checks: &[Check],
    p: &Program,
    body: &Ex,
    e: &Evaluation,
    ref_mults: &[(usize, Multiple)],
) -> (String, String) {
    let (ozh, oen) = match o {
        Outcome::Pass => ("通过", "passes"),
        Outcome::Fail => ("未通过", "fails"),
        Outcome::NotApplicable => ("不适用", "does not apply"),
        Outcome::Unknown => ("待定（缺少数据）", "is undecided (answers missing)"),
    };
    let veto_zh = if veto && o == Outcome::Fail {
        "（否决项，整体不通过）"
    } else {
        ""
    };
    let veto_en = if veto && o == Outcome::Fail {
        " (a veto: the whole standard fails)"
    } else {
        ""
    };
    let relevant: Vec<&Check> = match o {
        Outcome::Fail => checks.iter().filter(|c| c.holds == Some(false)).collect(),
        Outcome::Unknown => checks.iter().filter(|c| c.holds.is_none()).collect(),
        _ => Vec::new(),
    };
    let mut rz: Vec<String> = relevant.iter().map(|c| c.zh.clone()).collect();
    let mut re: Vec<String> = relevant.iter().map(|c| c.en.clone()).collect();
    // Items and yes/no inputs used as conditions.
    if rz.is_empty() && o != Outcome::Pass {
        let mut refs = Vec::new();
        crate::lower::walk(body, &mut |x| match x {
            Ex::Def(d) => refs.push(("d", *d)),
            Ex::Input(i) => refs.push(("i", *i)),
            _ => {}
        });
        for (k, ix) in refs {
            if k == "d" {
                if let Some(d) = p.defs.get(ix) {
                    if d.is_item() {
                        let oo = e.item_outcome(ix);
                        let (mz, me) = match ref_mults.iter().find(|(d, _)| *d == ix) {
                            Some((_, m)) => (
                                format!("（{} 倍）", fmt_multiple(*m)),
                                format!(" ({}× its limit)", fmt_multiple(*m)),
                            ),
                            None => (String::new(), String::new()),
                        };
                        rz.push(format!("{} {}{mz}", d.labels.zh_or(&d.id), outcome_zh(oo)));
                        re.push(format!(
                            "{} {}{me}",
                            d.labels.en_or(&d.id),
                            oo.as_str().replace('_', " ")
                        ));
                    }
                }
            } else if let Some(inp) = p.inputs.get(ix) {
                rz.push(format!(
                    "{}：{}",
                    inp.labels.zh_or(&inp.id),
                    zh_val(p, &Val::Unknown)
                ));
                re.push(format!("{}: missing", inp.labels.en_or(&inp.id)));
            }
        }
    }
    let why_zh = if rz.is_empty() {
        String::new()
    } else {
        format!("：{}", rz.join("；"))
    };
    let why_en = if re.is_empty() {
        String::new()
    } else {
        format!(": {}", re.join("; "))
    };
    (
        format!("{zh} {ozh}{veto_zh}{why_zh}"),
        format!("{en} {oen}{veto_en}{why_en}"),
    )
}

fn outcome_zh(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "通过",
        Outcome::Fail => "未通过",
        Outcome::NotApplicable => "不适用",
        Outcome::Unknown => "待定",
    }
}

fn zh_val(p: &Program, v: &Val) -> String {
    match v {
        Val::Bool(true) => "是".into(),
        Val::Bool(false) => "否".into(),
        Val::Unknown => "未填写".into(),
        Val::NotApplicable => "不适用".into(),
        o => fmt_val(p, o),
    }
}
