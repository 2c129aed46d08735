//! What changed between two versions of a standard (or a standard and its overlay), in authors' words:
//! a structural diff (items, thresholds, comparators, weights, bands, inputs, windows, review cycle) and a
//! semantic diff (assessments whose outcome changes, or probe inputs found around the changed thresholds).

use crate::json::val_json;
use crate::Standard;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use yardstick_core::eval::{evaluate, Outcome};
use yardstick_core::explain::{fmt_num, op_sign};
use yardstick_core::ir::{Cmp, Def, DefKind, Ex, Program, ScoreKind, Val};
use yardstick_syntax::ast::CmpOp;

/// One structural change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `item_added`, `item_removed`, `item_moved`, `threshold_tightened`, `threshold_loosened`,
    /// `comparator_changed`, `condition_changed`, `label_changed`, `weight_changed`, `band_changed`,
    /// `input_added`, `input_removed`, `window_changed`, `review_changed`, `status_changed`, `level_changed`.
    pub kind: String,
    /// The item, input or definition concerned.
    pub target: String,
    pub en: String,
    pub zh: String,
}

/// An assessment (given or probed) whose result differs between the two standards.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Difference {
    pub name: String,
    pub inputs: serde_json::Value,
    pub old_outcome: String,
    pub new_outcome: String,
    /// Items whose outcome differs: (id, old, new).
    pub items: Vec<(String, String, String)>,
    pub old_grade: Option<String>,
    pub new_grade: Option<String>,
}

/// The whole diff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub changes: Vec<Change>,
    pub differences: Vec<Difference>,
    /// `assessments` when given, else `probes`.
    pub semantic_from: String,
    /// `false` when probing stopped at the standard's search budget: later probes were not tried.
    pub complete: bool,
}

/// Definition index by id, built once per diff (looking ids up one by one made probing cubic).
fn index(p: &Program) -> HashMap<&str, usize> {
    p.defs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect()
}

/// Steps one evaluation of `p` costs: every expression node of every definition.
fn eval_cost(p: &Program) -> u64 {
    let mut n = 0u64;
    for d in &p.defs {
        for ex in yardstick_core::lower::def_exprs(d) {
            yardstick_core::lower::walk(ex, &mut |_| n += 1);
        }
    }
    n.max(1)
}

fn ch(kind: &str, target: &str, en: String, zh: String) -> Change {
    Change {
        kind: kind.into(),
        target: target.into(),
        en,
        zh,
    }
}

fn cmps(d: &Def) -> Vec<&Cmp> {
    let mut v = Vec::new();
    for ex in yardstick_core::lower::def_exprs(d) {
        yardstick_core::lower::walk(ex, &mut |x| {
            if let Ex::Cmp(c) = x {
                v.push(c.as_ref());
            }
        });
    }
    v
}

fn subject_name(p: &Program, c: &Cmp) -> String {
    match (&c.subject_input, &c.lhs) {
        (Some(i), _) => p.inputs[*i].id.clone(),
        (None, Ex::Def(d)) => p.defs[*d].id.clone(),
        _ => "value".into(),
    }
}

fn const_num(e: &Ex) -> Option<Decimal> {
    match e {
        Ex::Const(Val::Num(n)) => Some(*n),
        _ => None,
    }
}

fn show(v: Decimal, pct: bool) -> String {
    format!("{}{}", fmt_num(v), if pct { "%" } else { "" })
}

/// Stricter for the subject: for upper limits a smaller value, for lower limits a larger one, and a
/// strict comparator stricter than the inclusive one at the same value.
fn strictness(op: CmpOp, t: Decimal) -> (Decimal, u8) {
    match op {
        CmpOp::Le => (-t, 0),
        CmpOp::Lt => (-t, 1),
        CmpOp::Ge => (t, 0),
        CmpOp::Gt => (t, 1),
        _ => (t, 0),
    }
}

/// Compare two compiled standards structurally.
pub fn structural(old: &Program, new: &Program) -> Vec<Change> {
    let mut out = Vec::new();
    let (ho, hn) = (&old.header, &new.header);
    if (ho.from, ho.until) != (hn.from, hn.until) {
        let w = |f: Option<yardstick_syntax::ast::Date>, u: Option<yardstick_syntax::ast::Date>| {
            format!(
                "{} – {}",
                f.map(|d| d.to_string()).unwrap_or_else(|| "…".into()),
                u.map(|d| d.to_string()).unwrap_or_else(|| "…".into())
            )
        };
        out.push(ch(
            "window_changed",
            "effective",
            format!(
                "effective window {} → {}",
                w(ho.from, ho.until),
                w(hn.from, hn.until)
            ),
            format!(
                "施行期间 {} → {}",
                w(ho.from, ho.until),
                w(hn.from, hn.until)
            ),
        ));
    }
    if ho.status != hn.status {
        let s = |x: Option<yardstick_syntax::ast::Status>| x.map(|s| s.as_str()).unwrap_or("none");
        out.push(ch(
            "status_changed",
            "status",
            format!("status {} → {}", s(ho.status), s(hn.status)),
            format!("状态 {} → {}", s(ho.status), s(hn.status)),
        ));
    }
    if ho.review != hn.review {
        let r = |x: Option<yardstick_core::ir::ReviewCycle>| {
            x.map(|r| format!("every {} years", r.every_years))
                .unwrap_or_else(|| "none".into())
        };
        let rz = |x: Option<yardstick_core::ir::ReviewCycle>| {
            x.map(|r| format!("每 {} 年", r.every_years))
                .unwrap_or_else(|| "无".into())
        };
        out.push(ch(
            "review_changed",
            "review",
            format!("review cycle {} → {}", r(ho.review), r(hn.review)),
            format!("复审周期 {} → {}", rz(ho.review), rz(hn.review)),
        ));
    }
    // Inputs.
    for i in &new.inputs {
        if old.input_index(&i.id).is_none() {
            out.push(ch(
                "input_added",
                &i.id,
                format!("input `{}` ({}) added", i.id, i.labels.en_or(&i.id)),
                format!("新增输入 `{}`（{}）", i.id, i.labels.zh_or(&i.id)),
            ));
        }
    }
    for i in &old.inputs {
        if new.input_index(&i.id).is_none() {
            out.push(ch(
                "input_removed",
                &i.id,
                format!("input `{}` ({}) removed", i.id, i.labels.en_or(&i.id)),
                format!("删除输入 `{}`（{}）", i.id, i.labels.zh_or(&i.id)),
            ));
        }
    }
    // Definitions.
    for dn in new.defs.iter().filter(|d| d.own) {
        let Some(doi) = old.def_index(&dn.id) else {
            if dn.is_item() {
                let sec = match &dn.kind {
                    DefKind::Item {
                        section: Some(s), ..
                    } => format!(" in section `{s}`"),
                    _ => String::new(),
                };
                out.push(ch(
                    "item_added",
                    &dn.id,
                    format!("item `{}` ({}) added{sec}", dn.id, dn.labels.en_or(&dn.id)),
                    format!("新增条目 `{}`（{}）", dn.id, dn.labels.zh_or(&dn.id)),
                ));
            }
            continue;
        };
        let d_old = &old.defs[doi];
        compare_def(old, new, d_old, dn, &mut out);
    }
    for d_old in old.defs.iter().filter(|d| d.own) {
        if new.def_index(&d_old.id).is_none() && d_old.is_item() {
            out.push(ch(
                "item_removed",
                &d_old.id,
                format!(
                    "item `{}` ({}) removed",
                    d_old.id,
                    d_old.labels.en_or(&d_old.id)
                ),
                format!(
                    "删除条目 `{}`（{}）",
                    d_old.id,
                    d_old.labels.zh_or(&d_old.id)
                ),
            ));
        }
    }
    out
}

fn compare_def(old: &Program, new: &Program, a: &Def, b: &Def, out: &mut Vec<Change>) {
    let id = &b.id;
    if a.labels != b.labels {
        out.push(ch(
            "label_changed",
            id,
            format!(
                "`{id}` relabelled: \"{}\" → \"{}\"",
                a.labels.en_or(a.labels.zh_or(id)),
                b.labels.en_or(b.labels.zh_or(id))
            ),
            format!(
                "`{id}` 名称：「{}」→「{}」",
                a.labels.zh_or(id),
                b.labels.zh_or(id)
            ),
        ));
    }
    match (&a.kind, &b.kind) {
        (
            DefKind::Item {
                section: sa,
                veto: va,
                ..
            },
            DefKind::Item {
                section: sb,
                veto: vb,
                ..
            },
        ) => {
            if sa != sb {
                out.push(ch(
                    "item_moved",
                    id,
                    format!(
                        "item `{id}` moved from section `{}` to `{}`",
                        sa.as_deref().unwrap_or("-"),
                        sb.as_deref().unwrap_or("-")
                    ),
                    format!(
                        "条目 `{id}` 从 `{}` 移至 `{}`",
                        sa.as_deref().unwrap_or("-"),
                        sb.as_deref().unwrap_or("-")
                    ),
                ));
            }
            if va != vb {
                out.push(ch(
                    "item_moved",
                    id,
                    format!(
                        "item `{id}` is {} a veto",
                        if *vb { "now" } else { "no longer" }
                    ),
                    format!("条目 `{id}` {}否决项", if *vb { "改为" } else { "不再是" }),
                ));
            }
            let (ca, cb) = (cmps(a), cmps(b));
            let mut matched = 0;
            for c_new in &cb {
                let subj = subject_name(new, c_new);
                let Some(c_old) = ca.iter().find(|c| subject_name(old, c) == subj) else {
                    continue;
                };
                matched += 1;
                let (ta, tb) = (const_num(&c_old.rhs), const_num(&c_new.rhs));
                if c_old.op != c_new.op || ta != tb {
                    let (Some(ta), Some(tb)) = (ta, tb) else {
                        continue;
                    };
                    let pct = c_new.percent;
                    let (sa, sb) = (strictness(c_old.op, ta), strictness(c_new.op, tb));
                    let kind = if c_old.op != c_new.op && ta == tb {
                        "comparator_changed"
                    } else if sb > sa {
                        "threshold_tightened"
                    } else {
                        "threshold_loosened"
                    };
                    let verb_en = if sb > sa { "tightened" } else { "loosened" };
                    let verb_zh = if sb > sa { "收紧" } else { "放宽" };
                    let what = if c_old.op != c_new.op && ta == tb {
                        "comparator"
                    } else {
                        "threshold"
                    };
                    out.push(ch(
                        kind,
                        id,
                        format!(
                            "item `{id}`: {what} on `{subj}` {verb_en}: {} {} → {} {}",
                            op_sign(c_old.op),
                            show(ta, pct),
                            op_sign(c_new.op),
                            show(tb, pct)
                        ),
                        format!(
                            "条目 `{id}`：`{subj}` 的{} {verb_zh}：{} {} → {} {}",
                            if what == "comparator" {
                                "比较符"
                            } else {
                                "限值"
                            },
                            op_sign(c_old.op),
                            show(ta, pct),
                            op_sign(c_new.op),
                            show(tb, pct)
                        ),
                    ));
                }
            }
            if matched != ca.len().max(cb.len()) {
                out.push(ch(
                    "condition_changed",
                    id,
                    format!(
                        "item `{id}`: its conditions changed ({} comparison(s) before, {} now)",
                        ca.len(),
                        cb.len()
                    ),
                    format!(
                        "条目 `{id}` 的条件有变化（原 {} 项比较，现 {} 项）",
                        ca.len(),
                        cb.len()
                    ),
                ));
            }
        }
        (DefKind::Levels(la), DefKind::Levels(lb)) => {
            for rb in &lb.rows {
                let subj = rb
                    .subject_input
                    .map(|i| new.inputs[i].id.clone())
                    .unwrap_or_default();
                let Some(ra) = la.rows.iter().find(|r| {
                    r.subject_input
                        .map(|i| old.inputs[i].id.clone())
                        .unwrap_or_default()
                        == subj
                }) else {
                    out.push(ch(
                        "level_changed",
                        id,
                        format!("ladder `{id}`: row for `{subj}` added"),
                        format!("等级 `{id}`：新增 `{subj}` 一行"),
                    ));
                    continue;
                };
                for (k, (ta, tb)) in ra.thresholds.iter().zip(&rb.thresholds).enumerate() {
                    let (Some(ta), Some(tb)) = (const_num(ta), const_num(tb)) else {
                        continue;
                    };
                    let (oa, ob) = (
                        ra.ops.get(k).copied().unwrap_or(ra.op),
                        rb.ops.get(k).copied().unwrap_or(rb.op),
                    );
                    if ta != tb || oa != ob {
                        let lvl = lb.levels.get(k).map(|s| new.sym(*s)).unwrap_or("?");
                        let tighter = strictness(ob, tb) > strictness(oa, ta);
                        out.push(ch(
                            if tighter {
                                "threshold_tightened"
                            } else {
                                "threshold_loosened"
                            },
                            id,
                            format!(
                                "ladder `{id}`, level {lvl}, `{subj}`: {} {} → {} {}",
                                op_sign(oa),
                                show(ta, ra.percent),
                                op_sign(ob),
                                show(tb, rb.percent)
                            ),
                            format!(
                                "等级 `{id}` {lvl} 级 `{subj}`：{} {} → {} {}",
                                op_sign(oa),
                                show(ta, ra.percent),
                                op_sign(ob),
                                show(tb, rb.percent)
                            ),
                        ));
                    }
                }
            }
        }
        (
            DefKind::Score {
                kind: ScoreKind::Weighted(wa),
                ..
            },
            DefKind::Score {
                kind: ScoreKind::Weighted(wb),
                ..
            },
        ) => {
            for (w, _, name) in wb {
                let before = wa.iter().find(|x| &x.2 == name).map(|x| x.0);
                if before != Some(*w) {
                    let f = |x: Option<Decimal>| {
                        x.map(|x| format!("{}%", fmt_num((x * Decimal::ONE_HUNDRED).normalize())))
                            .unwrap_or_else(|| "none".into())
                    };
                    out.push(ch(
                        "weight_changed",
                        id,
                        format!(
                            "score `{id}`: weight of `{name}` {} → {}",
                            f(before),
                            f(Some(*w))
                        ),
                        format!("得分 `{id}`：`{name}` 权重 {} → {}", f(before), f(Some(*w))),
                    ));
                }
            }
        }
        (DefKind::Grade { bands: ba, .. }, DefKind::Grade { bands: bb, .. }) => {
            let text = |p: &Program, bs: &[yardstick_core::ir::Band]| {
                bs.iter()
                    .map(|b| {
                        let lo = b
                            .lower
                            .map(|(v, i)| format!("{}{}", if i { "≥" } else { ">" }, fmt_num(v)))
                            .unwrap_or_default();
                        let hi = b
                            .upper
                            .map(|(v, i)| format!("{}{}", if i { "≤" } else { "<" }, fmt_num(v)))
                            .unwrap_or_default();
                        if b.otherwise {
                            format!("{} otherwise", p.sym(b.sym))
                        } else {
                            format!(
                                "{} {lo}{}{hi}",
                                p.sym(b.sym),
                                if !lo.is_empty() && !hi.is_empty() {
                                    " "
                                } else {
                                    ""
                                }
                            )
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let (ta, tb) = (text(old, ba), text(new, bb));
            if ta != tb {
                out.push(ch(
                    "band_changed",
                    id,
                    format!("grade `{id}` bands: {ta} → {tb}"),
                    format!("等级划分 `{id}`：{ta} → {tb}"),
                ));
            }
        }
        _ => {}
    }
}

fn outcome_of(p: &Program, e: &yardstick_core::Evaluation, d: usize) -> String {
    match &p.defs[d].kind {
        DefKind::Item { .. } => e.item_outcome(d).as_str().to_string(),
        _ => match &e.values[d] {
            Val::Sym(s) => p.sym(*s).to_string(),
            Val::Num(n) => fmt_num(*n),
            _ => Outcome::Unknown.as_str().to_string(),
        },
    }
}

fn grade_of(p: &Program, e: &yardstick_core::Evaluation) -> Option<String> {
    p.defs
        .iter()
        .enumerate()
        .find(|(_, d)| d.own && matches!(d.kind, DefKind::Grade { .. }))
        .and_then(|(i, _)| match &e.values[i] {
            Val::Sym(s) => Some(p.sym(*s).to_string()),
            _ => None,
        })
}

/// Evaluate named inputs (by id) against both programs and report the difference, if any.
fn compare_inputs(
    old: &Program,
    new: &Program,
    ix: (&HashMap<&str, usize>, &HashMap<&str, usize>),
    name: &str,
    inputs: &BTreeMap<String, Val>,
    shown: serde_json::Value,
) -> Option<Difference> {
    let fill = |p: &Program| -> Vec<Val> {
        p.inputs
            .iter()
            .map(|i| inputs.get(&i.id).cloned().unwrap_or(Val::Unknown))
            .collect()
    };
    let (vo, vn) = (fill(old), fill(new));
    let (eo, en) = (evaluate(old, &vo).ok()?, evaluate(new, &vn).ok()?);
    let mut items = Vec::new();
    for (i, d) in new
        .defs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.own && d.is_item())
    {
        let n = outcome_of(new, &en, i);
        let o =
            ix.0.get(d.id.as_str())
                .map(|&j| outcome_of(old, &eo, j))
                .unwrap_or_else(|| "absent".into());
        if n != o && !(o == "absent" && n == "unknown") {
            items.push((d.id.clone(), o, n));
        }
    }
    for (j, d) in old
        .defs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.own && d.is_item())
    {
        if !ix.1.contains_key(d.id.as_str()) {
            let o = outcome_of(old, &eo, j);
            if o != "unknown" {
                items.push((d.id.clone(), o, "absent".into()));
            }
        }
    }
    let (go, gn) = (grade_of(old, &eo), grade_of(new, &en));
    if eo.outcome == en.outcome && items.is_empty() && go == gn {
        return None;
    }
    Some(Difference {
        name: name.into(),
        inputs: shown,
        old_outcome: eo.outcome.as_str().into(),
        new_outcome: en.outcome.as_str().into(),
        items,
        old_grade: go,
        new_grade: gn,
    })
}

/// Diff two standards; `assessments` (parsed against `new`'s inputs by id) drive the semantic part, else
/// probe inputs are generated around every changed threshold and every added item.
pub fn diff(old: &Standard, new: &Standard, assessments: &[(String, serde_json::Value)]) -> Diff {
    let (po, pn) = (old.program(), new.program());
    let changes = structural(po, pn);
    let (io, inn) = (index(po), index(pn));
    let ix = (&io, &inn);
    let mut complete = true;
    let mut differences = Vec::new();
    let semantic_from;
    if !assessments.is_empty() {
        semantic_from = "assessments".to_string();
        for (name, v) in assessments {
            let obj = v
                .get("inputs")
                .and_then(|x| x.as_object())
                .or_else(|| v.as_object());
            let Some(obj) = obj else { continue };
            let mut inputs = BTreeMap::new();
            for (k, x) in obj {
                for p in [pn, po] {
                    if let Some(i) = p.input_index(k) {
                        if let Ok(val) = crate::json::value_of(p, i, x) {
                            inputs.insert(k.clone(), val);
                            break;
                        }
                    }
                }
            }
            if let Some(d) = compare_inputs(
                po,
                pn,
                ix,
                name,
                &inputs,
                serde_json::Value::Object(obj.clone()),
            ) {
                differences.push(d);
            }
        }
    } else {
        semantic_from = "probes".to_string();
        let per_probe = eval_cost(po).saturating_add(eval_cost(pn));
        let mut left = new.search_budget().steps;
        let mut seen: HashSet<String> = HashSet::new();
        for (name, inputs) in probes(po, pn, ix) {
            if per_probe > left {
                complete = false;
                break;
            }
            left -= per_probe;
            let shown = serde_json::Value::Object(
                inputs
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            val_json(pn.input_index(k).map(|_| pn).unwrap_or(po), v),
                        )
                    })
                    .collect(),
            );
            if let Some(d) = compare_inputs(po, pn, ix, &name, &inputs, shown) {
                if seen.insert(d.inputs.to_string()) {
                    differences.push(d);
                }
            }
        }
    }
    Diff {
        old: format!("{}@{}", po.header.id, po.header.version),
        new: format!("{}@{}", pn.header.id, pn.header.version),
        changes,
        differences,
        semantic_from,
        complete,
    }
}

/// Probe assessments: each changed comparison's subject at the old and new thresholds and just around them;
/// each added item's inputs set to make it fail.
fn probes(
    old: &Program,
    new: &Program,
    ix: (&HashMap<&str, usize>, &HashMap<&str, usize>),
) -> Vec<(String, BTreeMap<String, Val>)> {
    let mut out = grid_probes(old, new, ix.0);
    for dn in new.defs.iter().filter(|d| d.own && d.is_item()) {
        let old_cmps: Vec<(String, CmpOp, Option<Decimal>)> =
            ix.0.get(dn.id.as_str())
                .map(|&j| {
                    cmps(&old.defs[j])
                        .iter()
                        .map(|c| (subject_name(old, c), c.op, const_num(&c.rhs)))
                        .collect()
                })
                .unwrap_or_default();
        for c in cmps(dn) {
            let subj = subject_name(new, c);
            let Some(i) = c.subject_input else { continue };
            let Some(tn) = const_num(&c.rhs) else {
                continue;
            };
            let prior = old_cmps.iter().find(|x| x.0 == subj);
            if let Some((_, op, to)) = prior {
                if *op == c.op && *to == Some(tn) {
                    continue;
                }
            }
            let step = Decimal::new(1, tn.scale() + 1);
            let mut values = vec![tn - step, tn, tn + step];
            if let Some((_, _, Some(to))) = prior {
                values.extend([*to - step, *to, *to + step]);
            }
            values.sort();
            values.dedup();
            for v in values {
                let inp = &new.inputs[i];
                if inp.min.map(|m| v < m).unwrap_or(false)
                    || inp.max.map(|m| v > m).unwrap_or(false)
                {
                    continue;
                }
                let mut m = BTreeMap::new();
                m.insert(subj.clone(), Val::Num(v));
                out.push((
                    format!(
                        "{subj} = {}{}",
                        fmt_num(v),
                        if c.percent { "%" } else { "" }
                    ),
                    m,
                ));
            }
        }
        if !ix.0.contains_key(dn.id.as_str()) {
            // An added item: try each of its yes/no inputs set to true with the rest false, and all false.
            let mut bools = Vec::new();
            for ex in yardstick_core::lower::def_exprs(dn) {
                yardstick_core::lower::walk(ex, &mut |x| {
                    if let Ex::Input(i) = x {
                        if matches!(new.inputs[*i].ty, yardstick_core::ir::Ty::Bool) {
                            bools.push(*i)
                        }
                    }
                });
            }
            if let Some(&first) = bools.first() {
                let mut m = BTreeMap::new();
                for &b in &bools {
                    m.insert(new.inputs[b].id.clone(), Val::Bool(b == first));
                }
                out.push((
                    format!("{} = true, the rest false", new.inputs[first].id),
                    m,
                ));
            }
        }
    }
    out
}

/// The diff as a report a policy officer can read.
pub fn render(d: &Diff) -> String {
    let mut o = format!("What changed from {} to {}\n\n", d.old, d.new);
    if d.changes.is_empty() {
        o.push_str("No structural change.\n");
    }
    for c in &d.changes {
        o.push_str(&format!("  • {}\n    {}\n", c.en, c.zh));
    }
    o.push_str(&format!(
        "\n{}\n",
        if d.semantic_from == "assessments" { "Assessments whose result changes:" } else { "Example inputs whose result changes (found by probing the changed thresholds and added items):" }
    ));
    if d.differences.is_empty() {
        o.push_str("  none\n");
    }
    if !d.complete {
        o.push_str("  (probing stopped at the search budget: later probes were not tried)\n");
        o.push_str("  （探查达到搜索上限后停止：其余探查未进行）\n");
    }
    for x in &d.differences {
        o.push_str(&format!(
            "  • {}: outcome {} → {}",
            x.name, x.old_outcome, x.new_outcome
        ));
        if x.old_grade != x.new_grade {
            o.push_str(&format!(
                ", grade {} → {}",
                x.old_grade.as_deref().unwrap_or("-"),
                x.new_grade.as_deref().unwrap_or("-")
            ));
        }
        o.push('\n');
        for (id, a, b) in &x.items {
            o.push_str(&format!("      item {id}: {a} → {b}\n"));
        }
    }
    o
}

/// For scores, grades and ladders whose definition changed: a small grid over the numeric inputs they read
/// (each at its range ends and quarter points), so weight and band changes show concrete cases.
fn grid_probes(
    old: &Program,
    new: &Program,
    old_ix: &HashMap<&str, usize>,
) -> Vec<(String, BTreeMap<String, Val>)> {
    let mut out = Vec::new();
    for dn in new.defs.iter().filter(|d| {
        d.own
            && matches!(
                d.kind,
                DefKind::Score { .. } | DefKind::Grade { .. } | DefKind::Levels(_)
            )
    }) {
        let Some(&j) = old_ix.get(dn.id.as_str()) else {
            continue;
        };
        let mut changes = Vec::new();
        compare_def(old, new, &old.defs[j], dn, &mut changes);
        if changes.is_empty() {
            continue;
        }
        // The numeric inputs it reads, directly or through other definitions.
        let mut inputs: Vec<usize> = Vec::new();
        let mut seen = vec![false; new.defs.len()];
        let mut stack: Vec<&Ex> = yardstick_core::lower::def_exprs(dn);
        while let Some(e) = stack.pop() {
            yardstick_core::lower::walk(e, &mut |x| match x {
                Ex::Input(i) if !inputs.contains(i) => inputs.push(*i),
                Ex::Def(d) => {
                    if let Some(s) = seen.get_mut(*d) {
                        if !*s {
                            *s = true;
                            stack.extend(yardstick_core::lower::def_exprs(&new.defs[*d]));
                        }
                    }
                }
                _ => {}
            });
        }
        let axes: Vec<(usize, Vec<Decimal>)> = inputs
            .iter()
            .filter_map(|&i| {
                let inp = &new.inputs[i];
                let (lo, hi) = (inp.min?, inp.max?);
                let q = (hi - lo) / Decimal::from(4);
                Some((
                    i,
                    (0..=4)
                        .map(|k| (lo + q * Decimal::from(k)).normalize())
                        .collect(),
                ))
            })
            .collect();
        if axes.is_empty() || axes.len() > 4 {
            continue;
        }
        let mut idx = vec![0usize; axes.len()];
        loop {
            let mut m = BTreeMap::new();
            let mut name = Vec::new();
            for (k, (i, vals)) in axes.iter().enumerate() {
                let v = vals[idx[k]];
                m.insert(new.inputs[*i].id.clone(), Val::Num(v));
                name.push(format!("{} = {}", new.inputs[*i].id, fmt_num(v)));
            }
            out.push((name.join(", "), m));
            let mut k = 0;
            while k < idx.len() {
                idx[k] += 1;
                if idx[k] < axes[k].1.len() {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
            if k == idx.len() {
                break;
            }
        }
    }
    out
}
