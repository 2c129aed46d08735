//! What changed between two versions of a standard (or a standard and its overlay), in authors' words:
//! a structural diff (items, thresholds, comparators, weights, bands, inputs, windows, review cycle) and a
//! semantic diff: assessments evaluated under both, or probes at and on either side of every changed
//! threshold (items, ladder rows, grade bands, the bands a changed score feeds, scopes), with the other
//! inputs set so the change is decisive, and a plain reason wherever the probes cannot decide.

use crate::catalogue::diff as m;
use crate::catalogue::{Lang, Msg};
use crate::json::val_json;
use crate::Standard;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use yardstick_core::eval::{evaluate, Evaluation, Inspector, Outcome};
use yardstick_core::explain::{fmt_num, op_sign};
use yardstick_core::ir::{
    Cmp, Def, DefId, DefKind, Ex, InputDef, InputId, Program, ScoreKind, Sym, Ty, Val,
};
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
    /// The assessment's name (its file), or for a probe the value it sets (`room_positive_rate = 8.5%`).
    pub name: String,
    /// The whole input set evaluated: a given assessment's inputs, or every input a probe sets.
    pub inputs: crate::lossless::Json,
    pub old_outcome: String,
    pub new_outcome: String,
    /// Items whose outcome differs: (id, old, new); `absent` where one standard lacks the item.
    pub items: Vec<(String, String, String)>,
    /// Ladders whose level differs: (id, old, new).
    pub levels: Vec<(String, String, String)>,
    /// Grades whose band differs: (id, old, new).
    pub grades: Vec<(String, String, String)>,
    /// Scores whose value differs: (id, old, new).
    pub scores: Vec<(String, String, String)>,
    /// The first grade of each standard (also in `grades` when it differs).
    pub old_grade: Option<String>,
    pub new_grade: Option<String>,
    /// For a probe, the change it tests and where it sits; `None` for a given assessment.
    pub probe: Option<ProbeNote>,
}

/// What a probe tests.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProbeNote {
    /// The item, ladder or grade whose threshold moved (for a score: the grade or item it feeds).
    pub target: String,
    /// What the thresholds are compared with: an input id, or the compared value (`total`, `value`).
    pub quantity: String,
    /// The quantity's value in this probe, under the standard the threshold belongs to.
    pub value: String,
    /// The change probed and the probe's place, in English and Chinese.
    pub en: String,
    pub zh: String,
}

/// A change or an assessment the semantic diff could not decide, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Undecided {
    /// The definition (or the assessment's name) concerned.
    pub target: String,
    /// `not_constant` (a threshold that is not a number), `no_input` (the compared value reads no input
    /// probes can move), `no_case` (no probe changed a result), `error` (evaluation failed), `unreadable`
    /// (an assessment without inputs), `ignored_inputs` (answers that fit neither standard).
    pub reason: String,
    pub en: String,
    pub zh: String,
}

/// The whole diff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub changes: Vec<Change>,
    /// Assessments (given or probed) whose result differs.
    pub differences: Vec<Difference>,
    /// What the semantic part could not decide, with the reason.
    pub undecided: Vec<Undecided>,
    /// With assessments: every assessment's name, in the order given (those not in `differences` and not
    /// in `undecided` have no change). Empty for probes.
    pub subjects: Vec<String>,
    /// `assessments` when given, else `probes`.
    pub semantic_from: String,
    /// `false` when probing stopped at the standard's search budget: later probes were not tried.
    pub complete: bool,
}

/// Definition index by id, built once per diff (looking ids up one by one made probing cubic).
fn index(p: &Program) -> HashMap<&str, DefId> {
    p.defs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), DefId::from_index(i)))
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

fn ch(kind: &str, target: &str, msg: Msg) -> Change {
    Change {
        kind: kind.into(),
        target: target.into(),
        en: msg.en,
        zh: msg.zh,
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

/// A comparator and its threshold: `≥ 80%`.
fn cond(op: CmpOp, t: Decimal, pct: bool) -> String {
    format!("{} {}", op_sign(op), show(t, pct))
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
pub(crate) fn structural(old: &Program, new: &Program) -> Vec<Change> {
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
            m::window_changed(&w(ho.from, ho.until), &w(hn.from, hn.until)),
        ));
    }
    if ho.status != hn.status {
        let s = |x: Option<yardstick_syntax::ast::Status>| x.map(|s| s.as_str()).unwrap_or("none");
        let zh = |x: Option<yardstick_syntax::ast::Status>| {
            x.and_then(|s| crate::catalogue::status(s.as_str()))
                .map(|w| w.zh)
                .unwrap_or_else(|| "未写明".into())
        };
        out.push(ch(
            "status_changed",
            "status",
            m::status_changed(s(ho.status), s(hn.status), &zh(ho.status), &zh(hn.status)),
        ));
    }
    if ho.review != hn.review {
        let r = |x: Option<yardstick_core::ir::ReviewCycle>| {
            x.map(|r| m::review_every(r.every_years))
                .unwrap_or_else(m::none)
        };
        let (ro, rn) = (r(ho.review), r(hn.review));
        out.push(ch(
            "review_changed",
            "review",
            m::review_changed(&ro.en, &rn.en, &ro.zh, &rn.zh),
        ));
    }
    // Inputs.
    for i in &new.inputs {
        if old.input_index(&i.id).is_none() {
            out.push(ch(
                "input_added",
                &i.id,
                m::input_added(&i.id, i.labels.en_or(&i.id), i.labels.zh_or(&i.id)),
            ));
        }
    }
    for i in &old.inputs {
        if new.input_index(&i.id).is_none() {
            out.push(ch(
                "input_removed",
                &i.id,
                m::input_removed(&i.id, i.labels.en_or(&i.id), i.labels.zh_or(&i.id)),
            ));
        }
    }
    // Definitions.
    for dn in new.defs.iter().filter(|d| d.own) {
        let Some(doi) = old.def_index(&dn.id) else {
            if dn.is_item() {
                let (en, zh) = (dn.labels.en_or(&dn.id), dn.labels.zh_or(&dn.id));
                let msg = match &dn.kind {
                    DefKind::Item {
                        section: Some(s), ..
                    } => m::item_added_in_section(&dn.id, en, zh, s),
                    _ => m::item_added(&dn.id, en, zh),
                };
                out.push(ch("item_added", &dn.id, msg));
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
                m::item_removed(
                    &d_old.id,
                    d_old.labels.en_or(&d_old.id),
                    d_old.labels.zh_or(&d_old.id),
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
            m::relabelled(
                id,
                a.labels.en_or(a.labels.zh_or(id)),
                b.labels.en_or(b.labels.zh_or(id)),
                a.labels.zh_or(id),
                b.labels.zh_or(id),
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
                    m::item_moved(
                        id,
                        sa.as_deref().unwrap_or("-"),
                        sb.as_deref().unwrap_or("-"),
                    ),
                ));
            }
            if va != vb {
                out.push(ch(
                    "item_moved",
                    id,
                    if *vb {
                        m::now_a_veto(id)
                    } else {
                        m::no_longer_a_veto(id)
                    },
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
                        // A threshold that is not a constant: name the comparator or the kind of change.
                        let (a, b) = (op_sign(c_old.op), op_sign(c_new.op));
                        out.push(ch(
                            if c_old.op != c_new.op {
                                "comparator_changed"
                            } else {
                                "condition_changed"
                            },
                            id,
                            m::comparison_not_constant(id, &subj, a, b),
                        ));
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
                    let verb = if sb > sa {
                        m::word_tightened()
                    } else {
                        m::word_loosened()
                    };
                    let what = if c_old.op != c_new.op && ta == tb {
                        m::word_comparator()
                    } else {
                        m::word_threshold()
                    };
                    out.push(ch(
                        kind,
                        id,
                        m::item_threshold(
                            id,
                            &subj,
                            &cond(c_old.op, ta, pct),
                            &cond(c_new.op, tb, pct),
                            &what.en,
                            &what.zh,
                            &verb.en,
                            &verb.zh,
                        ),
                    ));
                }
            }
            if matched != ca.len().max(cb.len()) {
                out.push(ch(
                    "condition_changed",
                    id,
                    m::conditions_changed_count(id, ca.len(), cb.len()),
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
                    out.push(ch("level_changed", id, m::ladder_row_added(id, &subj)));
                    continue;
                };
                for (k, (ta, tb)) in ra.thresholds.iter().zip(&rb.thresholds).enumerate() {
                    // A limit written `unknown` on one side only: it became known, or unknown.
                    if ra.limit_unknown(k) != rb.limit_unknown(k) {
                        let lvl = lb.levels.get(k).map(|s| new.sym(*s)).unwrap_or("?");
                        let shown = |r: &yardstick_core::ir::LevelRow, t: &Ex, lang_zh: bool| {
                            let op = r.ops.get(k).copied().unwrap_or(r.op);
                            match (r.limit_unknown(k), const_num(t)) {
                                (true, _) if lang_zh => m::row_limit_unknown().zh,
                                (true, _) => m::row_limit_unknown().en,
                                (false, Some(t)) => cond(op, t, r.percent),
                                (false, None) => format!("{} …", op_sign(op)),
                            }
                        };
                        let en = m::ladder_threshold(
                            id,
                            lvl,
                            &subj,
                            &shown(ra, ta, false),
                            &shown(rb, tb, false),
                        );
                        let zh = m::ladder_threshold(
                            id,
                            lvl,
                            &subj,
                            &shown(ra, ta, true),
                            &shown(rb, tb, true),
                        );
                        out.push(ch(
                            "level_changed",
                            id,
                            Msg {
                                en: en.en,
                                zh: zh.zh,
                            },
                        ));
                        continue;
                    }
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
                            m::ladder_threshold(
                                id,
                                lvl,
                                &subj,
                                &cond(oa, ta, ra.percent),
                                &cond(ob, tb, rb.percent),
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
                            .unwrap_or_else(|| m::none().en)
                    };
                    out.push(ch(
                        "weight_changed",
                        id,
                        m::weight_changed(id, name, &f(before), &f(Some(*w))),
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
                out.push(ch("band_changed", id, m::bands_changed(id, &ta, &tb)));
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------------
// Semantic diff: results under both standards.

fn val_text(p: &Program, v: &Val) -> String {
    match v {
        Val::Sym(s) => p.sym(*s).to_string(),
        Val::Num(n) => fmt_num(*n),
        Val::Bool(true) => "pass".into(),
        Val::Bool(false) => "fail".into(),
        Val::NotApplicable => Outcome::NotApplicable.as_str().into(),
        Val::Infinite { negative } => if *negative { "-infinite" } else { "infinite" }.into(),
        _ => Outcome::Unknown.as_str().into(),
    }
}

fn outcome_of(p: &Program, e: &Evaluation, d: DefId) -> String {
    match &p.defs[d].kind {
        DefKind::Item { .. } => e.item_outcome(d).as_str().to_string(),
        _ => e
            .values
            .get(d.index())
            .map(|v| val_text(p, v))
            .unwrap_or_else(|| Outcome::Unknown.as_str().into()),
    }
}

fn grade_of(p: &Program, e: &Evaluation) -> Option<String> {
    p.defs
        .iter()
        .enumerate()
        .find(|(_, d)| d.own && matches!(d.kind, DefKind::Grade { .. }))
        .and_then(|(i, _)| match &e.values[i] {
            Val::Sym(s) => Some(p.sym(*s).to_string()),
            _ => None,
        })
}

/// Input values by slot of `p` from values by id.
fn fill(p: &Program, inputs: &BTreeMap<String, Val>) -> Vec<Val> {
    p.inputs
        .iter()
        .map(|i| inputs.get(&i.id).cloned().unwrap_or(Val::Unknown))
        .collect()
}

type Ix<'a> = (&'a HashMap<&'a str, DefId>, &'a HashMap<&'a str, DefId>);

/// What differs between two evaluations of one input set. With `probing`, an item that only one standard
/// has is listed when it fails (a probe sets the other inputs passing, so "absent → pass" says nothing).
/// `None` when nothing differs.
fn difference(
    (old, new): (&Program, &Program),
    ix: Ix<'_>,
    (eo, en): (&Evaluation, &Evaluation),
    probing: bool,
) -> Option<Difference> {
    let mut items = Vec::new();
    let (mut levels, mut grades, mut scores) = (Vec::new(), Vec::new(), Vec::new());
    for (i, d) in new.def_ids().zip(&new.defs).filter(|(_, d)| d.own) {
        let j = ix.0.get(d.id.as_str()).copied();
        match &d.kind {
            DefKind::Item { .. } => {
                let jo = j.filter(|&j| old.defs[j].is_item());
                // Compare outcomes first: names are built only for what differs.
                if jo.is_some_and(|j| eo.item_outcome(j) == en.item_outcome(i)) {
                    continue;
                }
                let n = outcome_of(new, en, i);
                let o = jo
                    .map(|j| outcome_of(old, eo, j))
                    .unwrap_or_else(|| "absent".into());
                let quiet = o == "absent" && (n == "unknown" || (probing && n != "fail"));
                if n != o && !quiet {
                    items.push((d.id.clone(), o, n));
                }
            }
            DefKind::Levels(_) | DefKind::Grade { .. } | DefKind::Score { .. } => {
                let Some(j) = j.filter(|&j| {
                    std::mem::discriminant(&old.defs[j].kind) == std::mem::discriminant(&d.kind)
                }) else {
                    continue;
                };
                let (o, n) = (outcome_of(old, eo, j), outcome_of(new, en, i));
                if o != n {
                    let row = (d.id.clone(), o, n);
                    match d.kind {
                        DefKind::Levels(_) => levels.push(row),
                        DefKind::Grade { .. } => grades.push(row),
                        _ => scores.push(row),
                    }
                }
            }
            DefKind::Value(_) => {}
        }
    }
    for (j, d) in old
        .def_ids()
        .zip(&old.defs)
        .filter(|(_, d)| d.own && d.is_item())
    {
        if !ix.1.contains_key(d.id.as_str()) {
            let o = outcome_of(old, eo, j);
            if o != "unknown" && !(probing && o != "fail") {
                items.push((d.id.clone(), o, "absent".into()));
            }
        }
    }
    if eo.outcome == en.outcome
        && items.is_empty()
        && levels.is_empty()
        && grades.is_empty()
        && scores.is_empty()
    {
        return None;
    }
    Some(Difference {
        name: String::new(),
        inputs: crate::lossless::Json::Null,
        old_outcome: eo.outcome.as_str().into(),
        new_outcome: en.outcome.as_str().into(),
        items,
        levels,
        grades,
        scores,
        old_grade: grade_of(old, eo),
        new_grade: grade_of(new, en),
        probe: None,
    })
}

/// Diff two standards; `assessments` (parsed against `new`'s inputs by id, else `old`'s) drive the
/// semantic part, else probes around every changed threshold (see `docs/versions.md`, "What changed").
pub fn diff(
    old: &Standard,
    new: &Standard,
    assessments: &[(String, crate::lossless::Json)],
) -> Diff {
    let (po, pn) = (old.program(), new.program());
    let changes = structural(po, pn);
    let (io, inn) = (index(po), index(pn));
    let ix = (&io, &inn);
    let mut complete = true;
    let mut differences = Vec::new();
    let mut undecided = Vec::new();
    let mut subjects = Vec::new();
    let semantic_from;
    if !assessments.is_empty() {
        semantic_from = "assessments".to_string();
        for (name, v) in assessments {
            subjects.push(name.clone());
            let obj = v
                .get("inputs")
                .and_then(|x| x.as_object())
                .or_else(|| v.as_object());
            let Some(obj) = obj else {
                undecided.push(undecided_of(name, "unreadable", m::no_inputs_found(name)));
                continue;
            };
            let mut inputs = BTreeMap::new();
            let mut ignored = Vec::new();
            for (k, x) in obj {
                let mut why = None;
                for p in [pn, po] {
                    if let Some(i) = p.input_index(k) {
                        match crate::json::value_of(p, i, x) {
                            Ok(val) => {
                                inputs.insert(k.clone(), val);
                                why = None;
                                break;
                            }
                            Err(e) => why = Some(e),
                        }
                    } else if why.is_none() {
                        why = Some(m::not_an_input_of_either().en);
                    }
                }
                if let Some(w) = why {
                    ignored.push(format!("`{k}` ({w})"));
                }
            }
            if !ignored.is_empty() {
                undecided.push(undecided_of(
                    name,
                    "ignored_inputs",
                    m::answers_left_out(name, &ignored.join(", "), &ignored.join("，")),
                ));
            }
            let (vo, vn) = (fill(po, &inputs), fill(pn, &inputs));
            match (evaluate(po, &vo), evaluate(pn, &vn)) {
                (Ok(eo), Ok(en)) => {
                    if let Some(mut d) = difference((po, pn), ix, (&eo, &en), false) {
                        d.name = name.clone();
                        d.inputs = crate::lossless::Json::Object(obj.to_vec());
                        differences.push(d);
                    }
                }
                (ro, rn) => {
                    let (side, e) = match (ro, rn) {
                        (Err(e), _) => (m::side_old(), e),
                        (_, Err(e)) => (m::side_new(), e),
                        _ => continue,
                    };
                    undecided.push(undecided_of(
                        name,
                        "error",
                        m::cannot_be_evaluated(name, &side.en, &side.zh, &e.to_string(), e.code()),
                    ));
                }
            }
        }
    } else {
        semantic_from = "probes".to_string();
        let mut run = Run {
            p: (po, pn),
            ix,
            cost: (eval_cost(po), eval_cost(pn)),
            left: new.search_budget().steps,
            stopped: false,
            seen: HashSet::new(),
            out: Vec::new(),
        };
        let (sites, flips, mut notes) = sites(po, pn, ix);
        let best = best_inputs(po, pn);
        for s in &sites {
            if run.stopped {
                break;
            }
            if let Some(u) = run.site(s, &best) {
                notes.push(u);
            }
        }
        for f in &flips {
            if run.stopped {
                break;
            }
            run.flip(f, &best);
        }
        complete = !run.stopped;
        differences = run.out;
        undecided = notes;
    }
    Diff {
        old: format!("{}@{}", po.header.id, po.header.version),
        new: format!("{}@{}", pn.header.id, pn.header.version),
        changes,
        differences,
        undecided,
        subjects,
        semantic_from,
        complete,
    }
}

// ---------------------------------------------------------------------------------------------------
// Probes: where the thresholds moved, and the input sets that make each move decisive.

/// What a changed threshold is compared with.
enum Q<'a> {
    Input(InputId),
    Def(DefId),
    Expr(&'a Ex),
}

fn q_of(c: &Cmp) -> Q<'_> {
    match (c.subject_input, &c.lhs) {
        (Some(i), _) => Q::Input(i),
        (None, Ex::Def(d)) => Q::Def(*d),
        (None, e) => Q::Expr(e),
    }
}

/// One changed threshold (or the thresholds a changed score feeds) to probe at and around.
struct Site<'a> {
    /// The item, ladder, grade (or score) whose result the change decides.
    target: String,
    /// The change, in both languages.
    en: String,
    zh: String,
    /// The quantity belongs to the new standard (else to the old one: a removed condition or item).
    in_new: bool,
    /// The definition the quantity belongs to, in that standard.
    def: DefId,
    q: Q<'a>,
    qname: String,
    /// The old and new threshold values.
    targets: Vec<Decimal>,
    pct: bool,
    /// A condition of the item's `applies when`: probe with the item's own conditions failing first.
    scope: bool,
    /// Also try input sets with one other input of the definition failing (conditions under `or`).
    alternates: bool,
}

/// An item with no threshold to probe (added, or its yes/no conditions changed): its yes/no and named
/// inputs set to their failing value one at a time.
struct Flip {
    target: String,
    en: String,
    zh: String,
    in_new: bool,
    inputs: Vec<InputId>,
}

fn step(t: Decimal) -> Decimal {
    Decimal::new(1, (t.scale() + 1).min(28))
}

fn keyed<'a>(p: &Program, cs: Vec<&'a Cmp>) -> Vec<(String, usize, &'a Cmp)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    cs.into_iter()
        .map(|c| {
            let s = subject_name(p, c);
            let n = seen.entry(s.clone()).or_insert(0);
            let k = *n;
            *n += 1;
            (s, k, c)
        })
        .collect()
}

fn scope_count(d: &Def) -> usize {
    let mut n = 0;
    if let DefKind::Item {
        applies: Some(a), ..
    } = &d.kind
    {
        yardstick_core::lower::walk(a, &mut |x| {
            if matches!(x, Ex::Cmp(_)) {
                n += 1
            }
        });
    }
    n
}

fn undecided_of(target: &str, reason: &str, msg: Msg) -> Undecided {
    Undecided {
        target: target.into(),
        reason: reason.into(),
        en: msg.en,
        zh: msg.zh,
    }
}

fn not_constant(id: &str, subj: &str) -> Undecided {
    undecided_of(id, "not_constant", m::not_constant(id, subj))
}

/// Direct inputs of a definition, in order of appearance.
fn def_inputs(d: &Def) -> Vec<InputId> {
    let mut v = Vec::new();
    for ex in yardstick_core::lower::def_exprs(d) {
        yardstick_core::lower::walk(ex, &mut |x| {
            if let Ex::Input(i) = x {
                if !v.contains(i) {
                    v.push(*i)
                }
            }
        });
    }
    v
}

/// Definitions that read `s`, directly or through others (one forward pass: definitions are stored in
/// dependency order).
fn readers(p: &Program, s: DefId) -> Vec<bool> {
    let mut r = vec![false; p.defs.len()];
    for (k, d) in p.def_ids().zip(&p.defs) {
        let mut hit = k == s;
        for ex in yardstick_core::lower::def_exprs(d) {
            yardstick_core::lower::walk(ex, &mut |x| match x {
                Ex::Def(t) | Ex::Exceedance { def: t, .. } => {
                    hit |= r.get(t.index()).copied().unwrap_or(false) || *t == s
                }
                _ => {}
            });
        }
        if let Some(x) = r.get_mut(k.index()) {
            *x = hit;
        }
    }
    r
}

fn expr_reads(ex: &Ex, r: &[bool]) -> bool {
    let mut hit = false;
    yardstick_core::lower::walk(ex, &mut |x| {
        if let Ex::Def(t) = x {
            hit |= r.get(t.index()).copied().unwrap_or(false)
        }
    });
    hit
}

fn band_bounds(bs: &[yardstick_core::ir::Band]) -> Vec<(Decimal, bool, bool)> {
    let mut v = Vec::new();
    for b in bs {
        if let Some((x, i)) = b.lower {
            v.push((x, i, true));
        }
        if let Some((x, i)) = b.upper {
            v.push((x, i, false));
        }
    }
    v
}

/// The numbers that define a score's rule (weights, deduction amounts and caps, out of).
fn score_sig(d: &Def) -> Vec<Option<Decimal>> {
    let mut v = Vec::new();
    if let DefKind::Score { kind, out_of } = &d.kind {
        v.push(*out_of);
        match kind {
            ScoreKind::Weighted(ts) => v.extend(ts.iter().map(|t| Some(t.0))),
            ScoreKind::Deductions { rules, cap, .. } => {
                v.push(*cap);
                for r in rules {
                    v.extend([Some(r.amount), r.cap]);
                }
            }
            ScoreKind::Expr(_) => {}
        }
    }
    v
}

fn row_name(p: &Program, r: &yardstick_core::ir::LevelRow, k: usize) -> String {
    match (r.subject_input, &r.subject) {
        (Some(i), _) => p.inputs[i].id.clone(),
        (None, Ex::Def(d)) => p.defs[*d].id.clone(),
        _ => format!("row {}", k + 1),
    }
}

fn row_q(r: &yardstick_core::ir::LevelRow) -> Q<'_> {
    match (r.subject_input, &r.subject) {
        (Some(i), _) => Q::Input(i),
        (None, Ex::Def(d)) => Q::Def(*d),
        (None, e) => Q::Expr(e),
    }
}

fn sign_t(op: Option<CmpOp>, t: Option<Decimal>, pct: bool) -> Msg {
    match (op, t) {
        (Some(o), Some(t)) => {
            let s = cond(o, t, pct);
            Msg {
                en: s.clone(),
                zh: s,
            }
        }
        _ => m::none(),
    }
}

/// Every changed threshold, as probe sites; items to probe by flipping inputs; what cannot be probed.
fn sites<'a>(
    old: &'a Program,
    new: &'a Program,
    ix: Ix<'_>,
) -> (Vec<Site<'a>>, Vec<Flip>, Vec<Undecided>) {
    let (mut out, mut flips, mut und) = (Vec::new(), Vec::new(), Vec::new());
    // Items: changed and added ones (conditions added, moved or removed, scopes included).
    for (i, dn) in new
        .def_ids()
        .zip(&new.defs)
        .filter(|(_, d)| d.own && d.is_item())
    {
        let id = &dn.id;
        let j =
            ix.0.get(id.as_str())
                .copied()
                .filter(|&j| old.defs[j].is_item());
        let mut ch = Vec::new();
        if let Some(j) = j {
            compare_def(old, new, &old.defs[j], dn, &mut ch);
            if ch.is_empty() {
                continue;
            }
        }
        let kb = keyed(new, cmps(dn));
        let ka = j
            .map(|j| keyed(old, cmps(&old.defs[j])))
            .unwrap_or_default();
        let (sb, sa) = (
            scope_count(dn),
            j.map(|j| scope_count(&old.defs[j])).unwrap_or(0),
        );
        let before = out.len();
        let mut used = vec![false; ka.len()];
        for (k, (s, n, cb)) in kb.iter().enumerate() {
            let pa = ka.iter().position(|(s2, n2, _)| s2 == s && n2 == n);
            if let Some(u) = pa.and_then(|p| used.get_mut(p)) {
                *u = true;
            }
            let ca = pa.and_then(|p| ka.get(p)).map(|x| x.2);
            let (ta, tb) = (ca.and_then(|c| const_num(&c.rhs)), const_num(&cb.rhs));
            if let Some(ca) = ca {
                if ca.op == cb.op && ta == tb {
                    // Unchanged (or two thresholds that are not constants: nothing to compare).
                    if ta.is_none() {
                        und.push(not_constant(id, s));
                    }
                    continue;
                }
            }
            let Some(tbv) = tb else {
                und.push(not_constant(id, s));
                continue;
            };
            if ca.is_some() && ta.is_none() {
                und.push(not_constant(id, s));
                continue;
            }
            let pct = cb.percent;
            let now = cond(cb.op, tbv, pct);
            let Msg { en, zh } = match (ca, ta) {
                (Some(ca), Some(ta)) => m::probe_item_threshold(id, s, &cond(ca.op, ta, pct), &now),
                _ if j.is_none() => m::probe_item_added(id, s, &now),
                _ => m::probe_condition_added(id, s, &now),
            };
            let mut targets = vec![tbv];
            targets.extend(ta);
            out.push(Site {
                target: id.clone(),
                en,
                zh,
                in_new: true,
                def: i,
                q: q_of(cb),
                qname: s.clone(),
                targets,
                pct,
                scope: k < sb,
                alternates: true,
            });
        }
        if let Some(j) = j {
            for (k, (s, _, ca)) in ka.iter().enumerate() {
                if used.get(k).copied().unwrap_or(true) {
                    continue;
                }
                let Some(ta) = const_num(&ca.rhs) else {
                    und.push(not_constant(id, s));
                    continue;
                };
                let Msg { en, zh } =
                    m::probe_condition_removed(id, s, &cond(ca.op, ta, ca.percent));
                out.push(Site {
                    target: id.clone(),
                    en,
                    zh,
                    in_new: false,
                    def: j,
                    q: q_of(ca),
                    qname: s.clone(),
                    targets: vec![ta],
                    pct: ca.percent,
                    scope: k < sa,
                    alternates: true,
                });
            }
        }
        if out.len() == before && (j.is_none() || ch.iter().any(|c| c.kind == "condition_changed"))
        {
            let inputs: Vec<InputId> = def_inputs(dn)
                .into_iter()
                .filter(|&x| matches!(new.inputs[x].ty, Ty::Bool | Ty::Enum(_)))
                .collect();
            let Msg { en, zh } = if j.is_none() {
                m::flip_item_added(id)
            } else {
                m::flip_conditions_changed(id)
            };
            flips.push(Flip {
                target: id.clone(),
                en,
                zh,
                in_new: true,
                inputs,
            });
        }
    }
    // Removed items: each of their thresholds under the old standard.
    for (j, d) in old
        .def_ids()
        .zip(&old.defs)
        .filter(|(_, d)| d.own && d.is_item() && !ix.1.contains_key(d.id.as_str()))
    {
        let sa = scope_count(d);
        for (k, (s, _, ca)) in keyed(old, cmps(d)).into_iter().enumerate() {
            let Some(ta) = const_num(&ca.rhs) else {
                und.push(not_constant(&d.id, &s));
                continue;
            };
            let Msg { en, zh } = m::probe_item_removed(&d.id, &s, &cond(ca.op, ta, ca.percent));
            out.push(Site {
                target: d.id.clone(),
                en,
                zh,
                in_new: false,
                def: j,
                q: q_of(ca),
                qname: s,
                targets: vec![ta],
                pct: ca.percent,
                scope: k < sa,
                alternates: true,
            });
        }
    }
    // Ladders: each level row's thresholds and comparators, rows added and removed.
    for (i, dn) in new.def_ids().zip(&new.defs).filter(|(_, d)| d.own) {
        let DefKind::Levels(lb) = &dn.kind else {
            continue;
        };
        let Some((j, la)) =
            ix.0.get(dn.id.as_str())
                .and_then(|&j| match &old.defs[j].kind {
                    DefKind::Levels(l) => Some((j, l)),
                    _ => None,
                })
        else {
            continue;
        };
        let id = &dn.id;
        let ka: Vec<String> = la
            .rows
            .iter()
            .enumerate()
            .map(|(k, r)| row_name(old, r, k))
            .collect();
        let mut used = vec![false; la.rows.len()];
        for (k, rb) in lb.rows.iter().enumerate() {
            let s = row_name(new, rb, k);
            let pa = ka
                .iter()
                .enumerate()
                .position(|(m, x)| *x == s && !used.get(m).copied().unwrap_or(true));
            if let Some(u) = pa.and_then(|p| used.get_mut(p)) {
                *u = true;
            }
            let ra = pa.and_then(|p| la.rows.get(p));
            let n = rb
                .thresholds
                .len()
                .max(ra.map(|r| r.thresholds.len()).unwrap_or(0));
            let mut targets = Vec::new();
            let (mut en, mut zh) = (Vec::new(), Vec::new());
            for lv in 0..n {
                let tb = rb.thresholds.get(lv);
                let ta = ra.and_then(|r| r.thresholds.get(lv));
                let (ob, oa) = (
                    rb.ops.get(lv).copied(),
                    ra.and_then(|r| r.ops.get(lv).copied()),
                );
                let (cb, ca) = (tb.and_then(const_num), ta.and_then(const_num));
                if (tb.is_some() && cb.is_none()) || (ta.is_some() && ca.is_none()) {
                    if (ob, cb) != (oa, ca) || ra.is_none() {
                        und.push(not_constant(id, &s));
                    }
                    continue;
                }
                if ra.is_some() && (ob, cb) == (oa, ca) {
                    continue;
                }
                targets.extend(cb);
                targets.extend(ca);
                let lvl = lb.levels.get(lv).map(|x| new.sym(*x)).unwrap_or("?");
                let (a, b) = (sign_t(oa, ca, rb.percent), sign_t(ob, cb, rb.percent));
                // The Chinese has the new threshold's English `none`, as it always had.
                let l = m::ladder_level(lvl, &a.en, &b.en, &a.zh, &b.en);
                en.push(l.en);
                zh.push(l.zh);
            }
            if targets.is_empty() {
                continue;
            }
            let (en, zh) = (en.join(", "), zh.join("，"));
            let Msg { en, zh } = if ra.is_some() {
                m::probe_ladder_row(id, &s, &en, &zh)
            } else {
                m::probe_ladder_row_added(id, &s, &en, &zh)
            };
            out.push(Site {
                target: id.clone(),
                en,
                zh,
                in_new: true,
                def: i,
                q: row_q(rb),
                qname: s,
                targets,
                pct: rb.percent,
                scope: false,
                alternates: true,
            });
        }
        for (k, ra) in la.rows.iter().enumerate() {
            if used.get(k).copied().unwrap_or(true) {
                continue;
            }
            let s = row_name(old, ra, k);
            let targets: Vec<Decimal> = ra.thresholds.iter().filter_map(const_num).collect();
            if targets.len() != ra.thresholds.len() {
                und.push(not_constant(id, &s));
            }
            if targets.is_empty() {
                continue;
            }
            let Msg { en, zh } = m::probe_ladder_row_removed(id, &s);
            out.push(Site {
                target: id.clone(),
                en,
                zh,
                in_new: false,
                def: j,
                q: row_q(ra),
                qname: s,
                targets,
                pct: ra.percent,
                scope: false,
                alternates: true,
            });
        }
    }
    // Grades: band bounds that moved; scores: every bound and threshold their value feeds.
    for (i, dn) in new.def_ids().zip(&new.defs).filter(|(_, d)| d.own) {
        let Some(j) = ix.0.get(dn.id.as_str()).copied() else {
            continue;
        };
        let d_old = &old.defs[j];
        match (&d_old.kind, &dn.kind) {
            (
                DefKind::Grade { bands: ba, .. },
                DefKind::Grade {
                    from, bands: bb, ..
                },
            ) => {
                let (xa, xb) = (band_bounds(ba), band_bounds(bb));
                let mut targets: Vec<Decimal> = xa
                    .iter()
                    .filter(|x| !xb.contains(x))
                    .chain(xb.iter().filter(|x| !xa.contains(x)))
                    .map(|x| x.0)
                    .collect();
                targets.sort();
                targets.dedup();
                if targets.is_empty() {
                    continue;
                }
                let at: Vec<String> = targets.iter().map(|t| fmt_num(*t)).collect();
                let Msg { en, zh } = m::probe_bands_moved(&dn.id, &at.join(", "), &at.join("、"));
                out.push(Site {
                    target: dn.id.clone(),
                    en,
                    zh,
                    in_new: true,
                    def: i,
                    q: Q::Expr(from),
                    qname: subject_of_grade(new, from),
                    targets,
                    pct: false,
                    scope: false,
                    alternates: false,
                });
            }
            (DefKind::Score { .. }, DefKind::Score { .. }) => {
                let mut ch = Vec::new();
                compare_def(old, new, d_old, dn, &mut ch);
                if ch.is_empty() && score_sig(d_old) == score_sig(dn) {
                    continue;
                }
                let Msg {
                    en: what_en,
                    zh: what_zh,
                } = ch
                    .first()
                    .map(|c| Msg {
                        en: c.en.clone(),
                        zh: c.zh.clone(),
                    })
                    .unwrap_or_else(|| m::score_rule_changed(&dn.id));
                let mut any = false;
                for (p, s, in_new) in [(new, i, true), (old, j, false)] {
                    let r = readers(p, s);
                    for (g, d) in p.def_ids().zip(&p.defs).filter(|(_, d)| d.own) {
                        match &d.kind {
                            DefKind::Grade { from, bands, .. } if expr_reads(from, &r) => {
                                let mut targets: Vec<Decimal> =
                                    band_bounds(bands).into_iter().map(|x| x.0).collect();
                                targets.sort();
                                targets.dedup();
                                if targets.is_empty() {
                                    continue;
                                }
                                any = true;
                                let side = if in_new { m::word_new() } else { m::word_old() };
                                let Msg { en, zh } =
                                    m::feeds_grade(&what_en, &what_zh, &d.id, &side.en, &side.zh);
                                out.push(Site {
                                    target: d.id.clone(),
                                    en,
                                    zh,
                                    in_new,
                                    def: g,
                                    q: Q::Expr(from),
                                    qname: subject_of_grade(p, from),
                                    targets,
                                    pct: false,
                                    scope: false,
                                    alternates: false,
                                });
                            }
                            DefKind::Item { .. } => {
                                for c in cmps(d) {
                                    let Some(t) = const_num(&c.rhs) else { continue };
                                    if !expr_reads(&c.lhs, &r) {
                                        continue;
                                    }
                                    any = true;
                                    let Msg { en, zh } = m::feeds_item(
                                        &what_en,
                                        &what_zh,
                                        &d.id,
                                        &cond(c.op, t, c.percent),
                                    );
                                    out.push(Site {
                                        target: d.id.clone(),
                                        en,
                                        zh,
                                        in_new,
                                        def: g,
                                        q: q_of(c),
                                        qname: subject_name(p, c),
                                        targets: vec![t],
                                        pct: c.percent,
                                        scope: false,
                                        alternates: false,
                                    });
                                }
                            }
                            _ => {}
                        }
                    }
                }
                if !any {
                    out.push(Site {
                        target: dn.id.clone(),
                        en: what_en,
                        zh: what_zh,
                        in_new: true,
                        def: i,
                        q: Q::Def(i),
                        qname: dn.id.clone(),
                        targets: Vec::new(),
                        pct: false,
                        scope: false,
                        alternates: false,
                    });
                }
            }
            _ => {}
        }
    }
    (out, flips, und)
}

fn subject_of_grade(p: &Program, from: &Ex) -> String {
    match from {
        Ex::Def(d) => p.defs[*d].id.clone(),
        Ex::Input(i) => p.inputs[*i].id.clone(),
        _ => "value".into(),
    }
}

/// What each input should be for the conditions that read it to hold.
#[derive(Clone, Default)]
struct Pref {
    lows: Vec<(Decimal, bool)>,
    highs: Vec<(Decimal, bool)>,
    eq: Option<Decimal>,
    ne: Vec<Decimal>,
    truth: Option<bool>,
    set: Option<(Vec<Sym>, bool)>,
}

fn negate(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Ge => CmpOp::Lt,
        CmpOp::Gt => CmpOp::Le,
        CmpOp::Le => CmpOp::Gt,
        CmpOp::Lt => CmpOp::Ge,
        CmpOp::Eq => CmpOp::Ne,
        CmpOp::Ne => CmpOp::Eq,
    }
}

fn add_bound(pr: &mut Pref, op: CmpOp, t: Decimal) {
    match op {
        CmpOp::Ge => pr.lows.push((t, false)),
        CmpOp::Gt => pr.lows.push((t, true)),
        CmpOp::Le => pr.highs.push((t, false)),
        CmpOp::Lt => pr.highs.push((t, true)),
        CmpOp::Eq => pr.eq = pr.eq.or(Some(t)),
        CmpOp::Ne => pr.ne.push(t),
    }
}

/// Collect what makes `ex` come out `want` (`not` and `none_of` turn the wish around).
fn collect_prefs(ex: &Ex, want: bool, prefs: &mut [Pref]) {
    match ex {
        Ex::Not(x) => collect_prefs(x, !want, prefs),
        Ex::NoneOf(xs) => xs.iter().for_each(|x| collect_prefs(x, !want, prefs)),
        Ex::And(xs) | Ex::Or(xs) | Ex::AllOf(xs) | Ex::AnyOf(xs) | Ex::AtLeast { list: xs, .. } => {
            xs.iter().for_each(|x| collect_prefs(x, want, prefs))
        }
        Ex::Cmp(c) => {
            if let (Some(i), Some(t)) = (c.subject_input, const_num(&c.rhs)) {
                if let Some(pr) = prefs.get_mut(i.index()) {
                    add_bound(pr, if want { c.op } else { negate(c.op) }, t);
                }
            }
        }
        Ex::Input(i) => {
            if let Some(pr) = prefs.get_mut(i.index()) {
                pr.truth.get_or_insert(want);
            }
        }
        Ex::In { lhs, set } => {
            if let Ex::Input(i) = lhs.as_ref() {
                if let Some(pr) = prefs.get_mut(i.index()) {
                    pr.set.get_or_insert((set.clone(), want));
                }
            }
        }
        _ => {}
    }
}

fn prefs_of(p: &Program) -> Vec<Pref> {
    let mut prefs = vec![Pref::default(); p.inputs.len()];
    for d in &p.defs {
        match &d.kind {
            DefKind::Item { applies, body, .. } => {
                if let Some(a) = applies {
                    collect_prefs(a, true, &mut prefs);
                }
                collect_prefs(body, true, &mut prefs);
            }
            // A row at its best level: the first threshold.
            DefKind::Levels(l) => {
                for r in &l.rows {
                    let t = r.thresholds.first().and_then(const_num);
                    if let (Some(i), Some(t), Some(op)) = (r.subject_input, t, r.ops.first()) {
                        if let Some(pr) = prefs.get_mut(i.index()) {
                            add_bound(pr, *op, t);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    prefs
}

/// An input's value that passes every condition reading it (`best`), or fails them (`!best`), within
/// its range; yes/no and named inputs by the conditions' wish. Dates and series are left missing.
fn choose(inp: &InputDef, pr: &Pref, best: bool) -> Option<Val> {
    match &inp.ty {
        Ty::Bool => {
            let t = pr.truth.unwrap_or(false);
            Some(Val::Bool(if best { t } else { !t }))
        }
        Ty::Enum(syms) => {
            let pick = match &pr.set {
                Some((set, want)) => {
                    let inside = *want == best;
                    syms.iter().find(|s| set.contains(s) == inside)
                }
                None if best => syms.first(),
                None => syms.get(1),
            };
            pick.or(syms.first()).map(|s| Val::Sym(*s))
        }
        ty if ty.is_numeric() => {
            let count = matches!(ty, Ty::Count);
            let st = |t: Decimal| if count { Decimal::ONE } else { step(t) };
            let lo = pr
                .lows
                .iter()
                .copied()
                .max_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
            let hi = pr
                .highs
                .iter()
                .copied()
                .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let v = if best {
                if let Some(e) = pr.eq {
                    Some(e)
                } else if let Some((t, strict)) = lo {
                    if strict {
                        t.checked_add(st(t))
                            .map(|x| if count { x.ceil() } else { x })
                    } else if count {
                        Some(t.ceil())
                    } else {
                        Some(t)
                    }
                } else if let Some((t, strict)) = hi {
                    if strict {
                        t.checked_sub(st(t))
                            .map(|x| if count { x.floor() } else { x })
                    } else if count {
                        Some(t.floor())
                    } else {
                        Some(t)
                    }
                } else {
                    None
                }
            } else {
                // Past the loosest upper limit, else under the loosest lower one.
                let hi_max = pr.highs.iter().map(|x| x.0).max();
                let lo_min = pr.lows.iter().map(|x| x.0).min();
                match (hi_max, lo_min, pr.eq) {
                    (Some(t), _, _) => t.checked_add(st(t)),
                    (None, Some(t), _) => t.checked_sub(st(t)),
                    (None, None, Some(e)) => e.checked_add(Decimal::ONE),
                    _ => None,
                }
            };
            let v = v.or_else(|| match (inp.min, inp.max) {
                (Some(a), Some(b)) => a.checked_add(b).map(|s| s / Decimal::TWO).map(|m| {
                    if count {
                        m.floor()
                    } else {
                        m
                    }
                }),
                (Some(a), None) => Some(a),
                (None, Some(b)) => Some(b.min(Decimal::ZERO)),
                (None, None) => Some(Decimal::ZERO),
            })?;
            let mut v = v;
            if let Some(m) = inp.min {
                v = v.max(m);
            }
            if let Some(m) = inp.max {
                v = v.min(m);
            }
            if best && pr.ne.contains(&v) {
                v = v.checked_add(Decimal::ONE)?;
            }
            Some(Val::Num(v.normalize()))
        }
        _ => None,
    }
}

/// Every input at its passing value, and at its failing one, by id (the new standard's inputs, then
/// those only the old one has).
struct Best {
    pass: BTreeMap<String, Val>,
    fail: BTreeMap<String, Val>,
}

fn best_inputs(old: &Program, new: &Program) -> Best {
    let mut b = Best {
        pass: BTreeMap::new(),
        fail: BTreeMap::new(),
    };
    for p in [new, old] {
        let prefs = prefs_of(p);
        for (inp, pr) in p.inputs.iter().zip(&prefs) {
            if b.pass.contains_key(&inp.id) {
                continue;
            }
            if let Some(v) = choose(inp, pr, true) {
                b.pass.insert(inp.id.clone(), v);
            }
            if let Some(v) = choose(inp, pr, false) {
                b.fail.insert(inp.id.clone(), v);
            }
        }
    }
    b
}

/// Where a probed value sits among the thresholds.
fn place(v: Decimal, ts: &[Decimal], pct: bool) -> Msg {
    let mut ts = ts.to_vec();
    ts.sort();
    ts.dedup();
    if ts.contains(&v) {
        return m::at_the_threshold();
    }
    if let (Some(a), Some(b)) = (ts.first(), ts.last()) {
        if ts.len() >= 2 && *a < v && v < *b {
            return m::between(&show(*a, pct), &show(*b, pct));
        }
    }
    let near = ts
        .iter()
        .min_by_key(|t| (**t - v).abs())
        .copied()
        .unwrap_or(v);
    let t = show(near, pct);
    if v < near {
        m::just_below(&t)
    } else {
        m::just_above(&t)
    }
}

enum Tried {
    Stopped,
    Error(String),
    Same,
    Changed { decisive: bool },
}

/// Probing under the search budget: every evaluation is charged; when the budget runs out probing stops
/// and the diff says so.
struct Run<'a> {
    p: (&'a Program, &'a Program),
    ix: Ix<'a>,
    cost: (u64, u64),
    left: u64,
    stopped: bool,
    seen: HashSet<String>,
    out: Vec<Difference>,
}

impl<'a> Run<'a> {
    fn charge(&mut self, c: u64) -> bool {
        if self.stopped || c > self.left {
            self.stopped = true;
            return false;
        }
        self.left -= c;
        true
    }

    fn prog(&self, in_new: bool) -> &'a Program {
        if in_new {
            self.p.1
        } else {
            self.p.0
        }
    }

    /// The quantity a site compares, for one input set, under the site's standard.
    fn quantity(
        &mut self,
        s: &Site<'_>,
        inputs: &BTreeMap<String, Val>,
    ) -> Result<Option<Decimal>, ()> {
        let p = self.prog(s.in_new);
        if !self.charge(if s.in_new { self.cost.1 } else { self.cost.0 }) {
            return Err(());
        }
        let vals = fill(p, inputs);
        let Ok(e) = evaluate(p, &vals) else {
            return Ok(None);
        };
        Ok(match qval(p, s, &vals, &e) {
            Some(Val::Num(n)) => Some(n),
            _ => None,
        })
    }

    /// Evaluate one input set under both standards and keep it when a result differs.
    fn try_probe(
        &mut self,
        name: String,
        inputs: &BTreeMap<String, Val>,
        target: &str,
        site: Option<&Site<'_>>,
        ctx: (&str, &str),
        change: (&str, &str),
    ) -> Tried {
        if !self.charge(self.cost.0.saturating_add(self.cost.1)) {
            return Tried::Stopped;
        }
        let (po, pn) = self.p;
        let (vo, vn) = (fill(po, inputs), fill(pn, inputs));
        let (eo, en) = match (evaluate(po, &vo), evaluate(pn, &vn)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return Tried::Error(format!("{e} ({})", e.code())),
        };
        let Some(mut d) = difference(self.p, self.ix, (&eo, &en), true) else {
            return Tried::Same;
        };
        let decisive = [&d.items, &d.levels, &d.grades, &d.scores]
            .iter()
            .any(|v| v.iter().any(|r| r.0 == target));
        let (quantity, value, pl_en, pl_zh) = match site {
            Some(s) => {
                let (p, vals, e) = if s.in_new {
                    (pn, &vn, &en)
                } else {
                    (po, &vo, &eo)
                };
                match qval(p, s, vals, e) {
                    Some(Val::Num(n)) => {
                        let Msg { en: a, zh: b } = if s.targets.is_empty() {
                            Msg {
                                en: String::new(),
                                zh: String::new(),
                            }
                        } else {
                            place(n, &s.targets, s.pct)
                        };
                        (s.qname.clone(), show(n.normalize(), s.pct), a, b)
                    }
                    Some(v) => (
                        s.qname.clone(),
                        val_text(p, &v),
                        String::new(),
                        String::new(),
                    ),
                    None => (s.qname.clone(), "?".into(), String::new(), String::new()),
                }
            }
            None => (name.clone(), String::new(), String::new(), String::new()),
        };
        let at = if value.is_empty() {
            quantity.clone()
        } else {
            format!("{quantity} = {value}")
        };
        let note = m::probe_note(change.0, change.1, &at, &pl_en, &pl_zh, ctx.0, ctx.1);
        d.probe = Some(ProbeNote {
            target: target.into(),
            quantity,
            en: note.en,
            zh: note.zh,
            value,
        });
        d.name = name;
        d.inputs = crate::lossless::Json::Object(
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
        if self.seen.insert(d.inputs.to_string()) {
            self.out.push(d);
        }
        Tried::Changed { decisive }
    }

    /// Probe one site; `None` when a decisive case was found or the budget ran out, else why not.
    fn site(&mut self, s: &Site<'a>, best: &Best) -> Option<Undecided> {
        let p = self.prog(s.in_new);
        let d = &p.defs[s.def];
        let own_q = match s.q {
            Q::Input(i) => Some(i),
            _ => None,
        };
        let mut bases: Vec<(BTreeMap<String, Val>, String, String)> = Vec::new();
        let failing = |ids: &[InputId]| {
            let mut m = best.pass.clone();
            for &i in ids {
                let id = &p.inputs[i].id;
                if let Some(v) = best.fail.get(id) {
                    m.insert(id.clone(), v.clone());
                }
            }
            m
        };
        if s.scope {
            if let DefKind::Item { body, .. } = &d.kind {
                let mut ins = Vec::new();
                yardstick_core::lower::walk(body, &mut |x| {
                    if let Ex::Input(i) = x {
                        if Some(*i) != own_q && !ins.contains(i) {
                            ins.push(*i)
                        }
                    }
                });
                let c = m::own_conditions_failing();
                bases.push((failing(&ins), c.en, c.zh));
            }
        }
        let c = m::others_passing();
        bases.push((best.pass.clone(), c.en, c.zh));
        if s.alternates {
            for i in def_inputs(d)
                .into_iter()
                .filter(|&i| Some(i) != own_q)
                .take(6)
            {
                let id = &p.inputs[i].id;
                let c = m::one_failing(id);
                bases.push((failing(&[i]), c.en, c.zh));
            }
        }
        let change = (s.en.as_str(), s.zh.as_str());
        let (mut tried, mut err, mut found) = (0usize, None::<String>, false);
        let mut no_axis = false;
        'bases: for (base, cen, czh) in &bases {
            let ctx = (cen.as_str(), czh.as_str());
            if s.targets.is_empty() {
                tried += 1;
                match self.try_probe(cen.clone(), base, &s.target, Some(s), ctx, change) {
                    Tried::Stopped => return None,
                    Tried::Error(e) => err = err.or(Some(e)),
                    Tried::Same => {}
                    Tried::Changed { decisive } => found |= decisive,
                }
                if found {
                    break;
                }
                continue;
            }
            match s.q {
                Q::Input(i) => {
                    let inp = &p.inputs[i];
                    let pct = matches!(inp.ty, Ty::Percent);
                    for v in input_values(inp, &s.targets) {
                        let mut m = base.clone();
                        m.insert(inp.id.clone(), Val::Num(v));
                        tried += 1;
                        let name = format!("{} = {}", inp.id, show(v, pct));
                        match self.try_probe(name, &m, &s.target, Some(s), ctx, change) {
                            Tried::Stopped => return None,
                            Tried::Error(e) => err = err.or(Some(e)),
                            Tried::Same => {}
                            Tried::Changed { decisive } => found |= decisive,
                        }
                    }
                }
                Q::Def(_) | Q::Expr(_) => {
                    let axes = axes(p, &s.q);
                    if axes.is_empty() {
                        no_axis = true;
                        break;
                    }
                    for &a in &axes {
                        for variant in 0..3 {
                            let mut m = base.clone();
                            let mut moved = variant == 0;
                            for &o in axes.iter().filter(|&&o| o != a) {
                                let inp = &p.inputs[o];
                                let v = match variant {
                                    1 => inp.max,
                                    2 => inp.min,
                                    _ => None,
                                };
                                if let Some(v) = v {
                                    moved = true;
                                    m.insert(inp.id.clone(), Val::Num(v));
                                }
                            }
                            if !moved {
                                continue;
                            }
                            let inp = &p.inputs[a];
                            let others = match variant {
                                1 => m::others_at_maximum(),
                                2 => m::others_at_minimum(),
                                _ => m::others_passing(),
                            };
                            let Msg { en: cen2, zh: czh2 } =
                                m::solved_for(&inp.id, &others.en, &others.zh);
                            let Ok(xs) = self.solve(s, a, &m) else {
                                return None;
                            };
                            let pct = matches!(inp.ty, Ty::Percent);
                            for x in xs {
                                let mut m2 = m.clone();
                                m2.insert(inp.id.clone(), Val::Num(x));
                                tried += 1;
                                let name = format!("{} = {}", inp.id, show(x, pct));
                                match self.try_probe(
                                    name,
                                    &m2,
                                    &s.target,
                                    Some(s),
                                    (&cen2, &czh2),
                                    change,
                                ) {
                                    Tried::Stopped => return None,
                                    Tried::Error(e) => err = err.or(Some(e)),
                                    Tried::Same => {}
                                    Tried::Changed { decisive } => found |= decisive,
                                }
                            }
                            if found {
                                break 'bases;
                            }
                        }
                    }
                }
            }
            if found {
                break;
            }
        }
        if found {
            return None;
        }
        let at: Vec<String> = s.targets.iter().map(|t| show(*t, s.pct)).collect();
        Some(if no_axis {
            undecided_of(
                &s.target,
                "no_input",
                m::reads_no_input(&s.en, &s.zh, &s.qname),
            )
        } else if let Some(e) = err.filter(|_| tried > 0) {
            undecided_of(
                &s.target,
                "error",
                m::probes_not_evaluated(&s.en, &s.zh, &at.join(", "), &at.join("、"), &e),
            )
        } else {
            let (at_en, at_zh) = if at.is_empty() {
                ("-".to_string(), "-".to_string())
            } else {
                (at.join(", "), at.join("、"))
            };
            undecided_of(
                &s.target,
                "no_case",
                m::no_probe_changed(&s.en, &s.zh, &at_en, &at_zh, &s.target, tried),
            )
        })
    }

    /// Values of axis `a` that put the site's quantity at, and one step either side of, each threshold
    /// (and between the old and new ones): from two evaluations, exact when the quantity is linear in
    /// `a` (weighted scores, sums, ratios over a fixed denominator); the probes themselves verify.
    fn solve(
        &mut self,
        s: &Site<'_>,
        a: InputId,
        m: &BTreeMap<String, Val>,
    ) -> Result<Vec<Decimal>, ()> {
        let p = self.prog(s.in_new);
        let inp = &p.inputs[a];
        let count = matches!(inp.ty, Ty::Count);
        let x0 = match m.get(&inp.id) {
            Some(Val::Num(n)) => *n,
            _ => inp.min.unwrap_or(Decimal::ZERO),
        };
        let up = x0.checked_add(Decimal::ONE);
        let x1 = match (up, inp.max) {
            (Some(u), Some(mx)) if u > mx => x0.checked_sub(Decimal::ONE),
            (u, _) => u,
        };
        let Some(x1) = x1 else { return Ok(Vec::new()) };
        let at = |x: Decimal, run: &mut Self| {
            let mut mm = m.clone();
            mm.insert(inp.id.clone(), Val::Num(x));
            run.quantity(s, &mm)
        };
        let (Some(q0), Some(q1)) = (at(x0, self)?, at(x1, self)?) else {
            return Ok(Vec::new());
        };
        let Some(slope) = q1
            .checked_sub(q0)
            .and_then(|d| x1.checked_sub(x0).and_then(|dx| d.checked_div(dx)))
            .filter(|s| !s.is_zero())
        else {
            return Ok(Vec::new());
        };
        let mut wanted = Vec::new();
        for &t in &s.targets {
            let st = step(t);
            wanted.extend([t.checked_sub(st), Some(t), t.checked_add(st)]);
        }
        if let [a, b] = s.targets[..] {
            if a != b {
                wanted.push(a.checked_add(b).map(|x| x / Decimal::TWO));
            }
        }
        let mut xs: Vec<Decimal> = wanted
            .into_iter()
            .flatten()
            .filter_map(|tv| {
                let x = tv
                    .checked_sub(q0)
                    .and_then(|d| d.checked_div(slope))
                    .and_then(|d| x0.checked_add(d))?;
                let x = if count {
                    x.round()
                } else if x.normalize().scale() > 6 {
                    x.round_dp(4)
                } else {
                    x
                };
                Some(x.normalize())
            })
            .filter(|x| in_range(inp, *x))
            .collect();
        xs.sort();
        xs.dedup();
        Ok(xs)
    }

    /// An item with nothing to measure: each yes/no or named input it reads set to its failing value.
    fn flip(&mut self, f: &Flip, best: &Best) -> Option<Undecided> {
        let p = self.prog(f.in_new);
        let mut found = false;
        for &i in &f.inputs {
            let id = &p.inputs[i].id;
            let Some(w) = best.fail.get(id) else {
                continue;
            };
            let mut inputs = best.pass.clone();
            inputs.insert(id.clone(), w.clone());
            let name = format!("{id} = {}", val_json(p, w));
            let others = m::others_passing();
            match self.try_probe(
                name,
                &inputs,
                &f.target,
                None,
                (&others.en, &others.zh),
                (&f.en, &f.zh),
            ) {
                Tried::Stopped => return None,
                Tried::Changed { decisive } => found |= decisive,
                _ => {}
            }
        }
        if found {
            return None;
        }
        Some(undecided_of(
            &f.target,
            "no_case",
            m::no_flip_changed(&f.en, &f.zh),
        ))
    }
}

fn qval(p: &Program, s: &Site<'_>, vals: &[Val], e: &Evaluation) -> Option<Val> {
    match s.q {
        Q::Input(i) => vals.get(i.index()).cloned(),
        Q::Def(d) => e.values.get(d.index()).cloned(),
        Q::Expr(x) => Inspector::new(p, vals, e).expr(s.def, x).ok(),
    }
}

fn in_range(inp: &InputDef, v: Decimal) -> bool {
    inp.min.map_or(true, |m| v >= m) && inp.max.map_or(true, |m| v <= m)
}

/// The values an input is probed at: each threshold, one step either side (1 for counts), and the
/// midpoint of the old and new thresholds; within the input's range.
fn input_values(inp: &InputDef, targets: &[Decimal]) -> Vec<Decimal> {
    let count = matches!(inp.ty, Ty::Count);
    let mut vs = Vec::new();
    for &t in targets {
        let st = if count { Decimal::ONE } else { step(t) };
        vs.extend(
            [t.checked_sub(st), Some(t), t.checked_add(st)]
                .into_iter()
                .flatten(),
        );
    }
    if let [a, b] = targets[..] {
        if a != b {
            vs.extend(a.checked_add(b).map(|x| x / Decimal::TWO));
        }
    }
    let mut vs: Vec<Decimal> = vs
        .into_iter()
        .filter(|v| !count || v.fract().is_zero())
        .filter(|v| in_range(inp, *v))
        .map(|v| v.normalize())
        .collect();
    vs.sort();
    vs.dedup();
    vs
}

/// The numeric inputs a quantity reads, directly or through other definitions (at most 4).
fn axes(p: &Program, q: &Q<'_>) -> Vec<InputId> {
    let mut out: Vec<InputId> = Vec::new();
    let mut seen = vec![false; p.defs.len()];
    let mut stack: Vec<&Ex> = match q {
        Q::Input(_) => Vec::new(),
        Q::Expr(e) => vec![*e],
        Q::Def(d) => p
            .defs
            .get(d.index())
            .map(yardstick_core::lower::def_exprs)
            .unwrap_or_default(),
    };
    while let Some(e) = stack.pop() {
        yardstick_core::lower::walk(e, &mut |x| match x {
            Ex::Input(i) if !out.contains(i) && p.inputs[*i].ty.is_numeric() => out.push(*i),
            Ex::Def(d) => {
                if let Some(s) = seen.get_mut(d.index()) {
                    if !*s {
                        *s = true;
                        if let Some(dd) = p.defs.get(d.index()) {
                            stack.extend(yardstick_core::lower::def_exprs(dd));
                        }
                    }
                }
            }
            _ => {}
        });
    }
    out.truncate(4);
    out
}

/// A line of the report in the chosen language(s): for `both`, English then Chinese on one line.
fn line(lang: Lang, msg: &Msg) -> String {
    match lang {
        Lang::En => msg.en.clone(),
        Lang::Zh => msg.zh.clone(),
        Lang::Both => format!("{}  {}", msg.en, msg.zh),
    }
}

/// A sentence and its translation: for `both`, the Chinese on the next line under the English.
fn lines(o: &mut String, lang: Lang, first: &str, next: &str, en: &str, zh: &str) {
    match lang {
        Lang::En => o.push_str(&format!("{first}{en}\n")),
        Lang::Zh => o.push_str(&format!("{first}{zh}\n")),
        Lang::Both => o.push_str(&format!("{first}{en}\n{next}{zh}\n")),
    }
}

/// A result word (`pass`, `fail`, `absent`, …) for the Chinese-only report; a band or level as written.
fn word_zh(w: &str) -> String {
    use crate::api::Outcome as O;
    let o = match w {
        "pass" => O::Pass,
        "fail" => O::Fail,
        "unknown" => O::Unknown,
        "not_applicable" => O::NotApplicable,
        "absent" => return m::word_absent().zh,
        _ => return w.to_string(),
    };
    crate::catalogue::outcome(o).zh
}

/// `name: ` before a line, with the language's colon.
fn named(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("{name}："),
        _ => format!("{name}: "),
    }
}

fn render_difference(o: &mut String, x: &Difference, lang: Lang) {
    // Result words stay as the JSON has them, except in the Chinese-only report.
    let zh = |w: &str| {
        if lang == Lang::Zh {
            word_zh(w)
        } else {
            w.to_string()
        }
    };
    let (a, b) = (&x.old_outcome, &x.new_outcome);
    o.push_str(&format!(
        "  • {}{}\n",
        named(lang, &x.name),
        line(lang, &m::outcome_change(a, b, &zh(a), &zh(b)))
    ));
    if let Some(p) = &x.probe {
        lines(o, lang, "      ", "      ", &p.en, &p.zh);
    }
    for (id, a, b) in &x.levels {
        o.push_str(&format!(
            "      {}\n",
            line(lang, &m::level_change(id, a, b))
        ));
    }
    for (id, a, b) in &x.grades {
        o.push_str(&format!(
            "      {}\n",
            line(lang, &m::grade_change(id, a, b))
        ));
    }
    for (id, a, b) in &x.scores {
        o.push_str(&format!(
            "      {}\n",
            line(lang, &m::score_change(id, a, b))
        ));
    }
    for (id, a, b) in &x.items {
        o.push_str(&format!(
            "      {}\n",
            line(lang, &m::item_change(id, a, b, &zh(a), &zh(b)))
        ));
    }
}

/// The diff as a report a policy officer can read, in both languages.
pub fn render(d: &Diff) -> String {
    render_in(d, Lang::Both)
}

/// The diff as a report in the chosen language(s).
pub fn render_in(d: &Diff, lang: Lang) -> String {
    let heading = |o: &mut String, msg: Msg| match lang {
        Lang::En => o.push_str(&format!("{}\n", msg.en)),
        Lang::Zh => o.push_str(&format!("{}\n", msg.zh)),
        Lang::Both => o.push_str(&format!("{}\n{}\n", msg.en, msg.zh)),
    };
    let mut o = String::new();
    heading(&mut o, m::report_heading(&d.old, &d.new));
    o.push('\n');
    if d.changes.is_empty() {
        heading(&mut o, m::no_structural_change());
    }
    for c in &d.changes {
        lines(&mut o, lang, "  • ", "    ", &c.en, &c.zh);
    }
    if d.semantic_from == "assessments" {
        o.push('\n');
        heading(
            &mut o,
            m::assessments_heading(d.differences.len(), d.subjects.len()),
        );
        for name in &d.subjects {
            let diff = d.differences.iter().find(|x| &x.name == name);
            let notes: Vec<&Undecided> = d.undecided.iter().filter(|u| &u.target == name).collect();
            match diff {
                Some(x) => render_difference(&mut o, x, lang),
                None if notes.iter().any(|u| u.reason != "ignored_inputs") => o.push_str(&format!(
                    "  • {}{}\n",
                    named(lang, name),
                    line(lang, &m::word_undecided())
                )),
                None => o.push_str(&format!(
                    "  • {}{}\n",
                    named(lang, name),
                    line(lang, &m::word_no_change())
                )),
            }
            for u in notes {
                lines(&mut o, lang, "      ", "      ", &u.en, &u.zh);
            }
        }
        return o;
    }
    o.push('\n');
    heading(&mut o, m::probes_heading());
    if d.differences.is_empty() {
        o.push_str(&format!("  {}\n", line(lang, &m::none())));
    }
    if !d.complete {
        let s = m::probing_stopped();
        lines(&mut o, lang, "  ", "  ", &s.en, &s.zh);
    }
    for x in &d.differences {
        render_difference(&mut o, x, lang);
    }
    if !d.undecided.is_empty() {
        o.push('\n');
        heading(&mut o, m::undecided_heading());
        for u in &d.undecided {
            lines(&mut o, lang, "  • ", "    ", &u.en, &u.zh);
        }
    }
    o
}
