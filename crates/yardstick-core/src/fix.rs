//! What to fix, and what is still possible with answers missing.
//!
//! Every suggestion is verified by evaluating the changed assessment before it is returned; nothing here
//! is a guess that was not checked.

use crate::eval::{evaluate, EvalError, Evaluation, Outcome};
use crate::ir::*;
use rust_decimal::Decimal;
use yardstick_syntax::ast::CmpOp;

/// A single-input change, verified to reach `reaches`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The failing item or ladder it repairs, or the grade it raises.
    pub def: usize,
    pub input: usize,
    pub from: Val,
    pub to: Val,
    /// `pass`, or the grade band / level reached.
    pub reaches: String,
}

/// Best and worst results still reachable with the missing answers, and which to answer first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partial {
    pub best: Outcome,
    pub worst: Outcome,
    /// Per grade or ladder definition: (def, best symbol, worst symbol).
    pub ranges: Vec<(usize, Option<Sym>, Option<Sym>)>,
    /// Missing inputs that decide the result, most decisive first.
    pub ask_next: Vec<usize>,
}

/// Inputs an expression reads, through derived values and items.
fn inputs_of(p: &Program, roots: &[&Ex], out: &mut Vec<usize>) {
    let mut seen_defs = vec![false; p.defs.len()];
    let mut stack: Vec<&Ex> = roots.to_vec();
    while let Some(e) = stack.pop() {
        crate::lower::walk(e, &mut |x| match x {
            Ex::Input(i) if !out.contains(i) => out.push(*i),
            Ex::Def(d) | Ex::Exceedance { def: d, .. } => {
                if let Some(s) = seen_defs.get_mut(*d) {
                    if !*s {
                        *s = true;
                        if let Some(dd) = p.defs.get(*d) {
                            stack.extend(crate::lower::def_exprs(dd));
                        }
                    }
                }
            }
            _ => {}
        });
    }
}

fn def_inputs(p: &Program, d: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if let Some(def) = p.defs.get(d) {
        inputs_of(p, &crate::lower::def_exprs(def), &mut out);
    }
    out.sort_unstable();
    out
}

/// Thresholds compared against input `i` anywhere in the program, with their comparators.
fn thresholds_for(p: &Program, i: usize, inputs: &[Val], e: &Evaluation) -> Vec<(CmpOp, Decimal)> {
    let mut out = Vec::new();
    let mut insp = crate::eval::Inspector::new(p, inputs, e);
    for (di, d) in p.defs.iter().enumerate() {
        let mut within = Vec::new();
        for ex in crate::lower::def_exprs(d) {
            crate::lower::walk(ex, &mut |x| {
                if let Ex::AtLeast {
                    within: Some(m), ..
                } = x
                {
                    within.push(*m)
                }
            });
        }
        match &d.kind {
            DefKind::Levels(l) => {
                for r in l.rows.iter().filter(|r| r.subject_input == Some(i)) {
                    for (t, op) in r.thresholds.iter().zip(&r.ops) {
                        if let Ok(Val::Num(t)) = insp.expr(di, t) {
                            out.push((*op, t));
                        }
                    }
                }
            }
            _ => {
                let mut cmps: Vec<&Cmp> = Vec::new();
                for ex in crate::lower::def_exprs(d) {
                    crate::lower::walk(ex, &mut |x| {
                        if let Ex::Cmp(c) = x {
                            if c.subject_input == Some(i) {
                                cmps.push(c)
                            }
                        }
                    });
                }
                for c in cmps {
                    if let Ok(Val::Num(t)) = insp.expr(di, &c.rhs) {
                        out.push((c.op, t));
                    }
                }
            }
        }
        // "within Nx" makes N × limit a candidate for the items it lists.
        if !within.is_empty() {
            let extra: Vec<(CmpOp, Decimal)> = out
                .iter()
                .filter(|(op, _)| op.is_upper_limit())
                .flat_map(|(op, t)| {
                    within
                        .iter()
                        .filter_map(move |m| m.checked_mul(*t).map(|v| (*op, v)))
                })
                .collect();
            out.extend(extra);
        }
    }
    out
}

fn step_for(p: &Program, i: usize, t: Decimal, x: Option<Decimal>) -> Decimal {
    if matches!(p.inputs.get(i).map(|x| &x.ty), Some(Ty::Count)) {
        return Decimal::ONE;
    }
    let scale = t.scale().max(x.map(|x| x.scale()).unwrap_or(0)) + 1;
    Decimal::new(1, scale.min(6))
}

fn in_range(p: &Program, i: usize, v: Decimal) -> bool {
    let Some(inp) = p.inputs.get(i) else {
        return false;
    };
    if matches!(inp.ty, Ty::Count) && v.fract() != Decimal::ZERO {
        return false;
    }
    inp.min.map(|m| v >= m).unwrap_or(true) && inp.max.map(|m| v <= m).unwrap_or(true)
}

/// Candidate values for input `i`: thresholds (and just past them), range ends, every bool/enum value.
fn candidates(p: &Program, i: usize, inputs: &[Val], e: &Evaluation) -> Vec<Val> {
    let Some(inp) = p.inputs.get(i) else {
        return Vec::new();
    };
    let x = match inputs.get(i) {
        Some(Val::Num(n)) => Some(*n),
        _ => None,
    };
    match &inp.ty {
        Ty::Bool => vec![Val::Bool(true), Val::Bool(false)],
        Ty::Enum(syms) => syms.iter().map(|s| Val::Sym(*s)).collect(),
        Ty::Count | Ty::Percent | Ty::Number(_) => {
            let mut vs: Vec<Decimal> = Vec::new();
            for (op, t) in thresholds_for(p, i, inputs, e) {
                let s = step_for(p, i, t, x);
                let t = if matches!(inp.ty, Ty::Count) {
                    match op {
                        CmpOp::Ge | CmpOp::Gt => t.ceil(),
                        _ => t.floor(),
                    }
                } else {
                    t
                };
                match op {
                    CmpOp::Ge | CmpOp::Le | CmpOp::Eq => vs.extend([t, t - s, t + s]),
                    CmpOp::Gt => vs.extend([t + s, t]),
                    CmpOp::Lt => vs.extend([t - s, t]),
                    CmpOp::Ne => vs.extend([t + s, t - s]),
                }
            }
            vs.extend(inp.min.iter().chain(inp.max.iter()).copied());
            // Inputs compared only through derived values have no threshold of their own: add a spread of
            // magnitudes so the search has somewhere to look (0 alone may divide by zero).
            vs.extend([0, 1, 10, 100, 1000].map(Decimal::from));
            vs.retain(|v| in_range(p, i, *v));
            vs.sort();
            vs.dedup();
            vs.into_iter().map(Val::Num).collect()
        }
        _ => Vec::new(),
    }
}

/// How far a change of a number goes, relative to where it starts (so changes of inputs in different units
/// compare: 11 → 10 rooms is 9%, 5% → 5.5% is 10%); from zero, the plain difference.
fn relative(from: Decimal, to: Decimal) -> Decimal {
    let d = (to - from).abs();
    if from.is_zero() {
        d
    } else {
        d.checked_div(from.abs()).unwrap_or(d)
    }
}

/// How far a change goes: the relative difference of numbers, the number of steps between values of an enum (in
/// declaration order), 1 for a yes/no flip.
fn distance(p: &Program, i: usize, a: &Val, b: &Val) -> Decimal {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => relative(*x, *y),
        (Val::Sym(x), Val::Sym(y)) => match p.inputs.get(i).map(|inp| &inp.ty) {
            Some(Ty::Enum(syms)) => {
                let pos = |s: &Sym| syms.iter().position(|v| v == s).unwrap_or(0) as i64;
                Decimal::from((pos(x) - pos(y)).abs())
            }
            _ => Decimal::ONE,
        },
        _ => Decimal::ONE,
    }
}

fn grade_rank(p: &Program, def: usize, v: &Val) -> Option<usize> {
    let Val::Sym(s) = v else { return None };
    match p.defs.get(def).map(|d| &d.kind) {
        Some(DefKind::Grade { bands, .. }) => bands.iter().position(|b| b.sym == *s),
        Some(DefKind::Levels(l)) => l.levels.iter().position(|x| x == s),
        _ => None,
    }
}

/// Whether definition `d` passes (an item) or reaches its lowest passing level (a ladder) in `r`.
fn def_passes(p: &Program, d: usize, r: &Evaluation) -> bool {
    match &p.defs[d].kind {
        DefKind::Levels(l) => matches!(&r.values[d], Val::Sym(s) if l.levels.last() != Some(s)),
        _ => r.item_outcome(d) == Outcome::Pass,
    }
}

/// Evaluate with input `i` set to `v`; an assessment that cannot be evaluated (a division by zero at that
/// value) counts as not reaching anything.
fn try_with(p: &Program, scratch: &mut [Val], i: usize, v: Val) -> Option<Evaluation> {
    let old = std::mem::replace(&mut scratch[i], v);
    let r = evaluate(p, scratch).ok();
    scratch[i] = old;
    r
}

/// For each failing own item or ladder, the smallest single-input change that makes it pass; for each own
/// grade below its best band, the smallest single-input change reaching the next band. All verified.
pub fn fixes(p: &Program, inputs: &[Val], e: &Evaluation) -> Result<Vec<Fix>, EvalError> {
    let mut out = Vec::new();
    let mut scratch = inputs.to_vec();
    for &d in &e.failing {
        let mut best: Option<(Decimal, Fix)> = None;
        let mut consider = |dist: Decimal, f: Fix| {
            if best.as_ref().map(|b| dist < b.0).unwrap_or(true) {
                best = Some((dist, f));
            }
        };
        for i in def_inputs(p, d) {
            let from = inputs.get(i).cloned().unwrap_or(Val::Unknown);
            if from == Val::Unknown {
                continue;
            }
            for c in candidates(p, i, inputs, e) {
                if c == from {
                    continue;
                }
                if try_with(p, &mut scratch, i, c.clone())
                    .map(|r| def_passes(p, d, &r))
                    .unwrap_or(false)
                {
                    let dist = distance(p, i, &from, &c);
                    consider(
                        dist,
                        Fix {
                            def: d,
                            input: i,
                            from: from.clone(),
                            to: c,
                            reaches: "pass".into(),
                        },
                    );
                }
            }
            // An input used only indirectly (in a derived value, a quotient, a score) has no threshold of
            // its own: search along its range for the nearest value that passes.
            if let (Val::Num(x), false) = (&from, compared_directly(p, i)) {
                let x = *x;
                if let Some(to) =
                    search(p, &mut scratch, i, x, &|r: &Evaluation| def_passes(p, d, r))
                {
                    consider(
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
        if !def.own || !matches!(def.kind, DefKind::Grade { .. }) {
            continue;
        }
        let Some(cur) = grade_rank(p, d, &e.values[d]) else {
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
        for i in def_inputs(p, d) {
            let from = inputs.get(i).cloned().unwrap_or(Val::Unknown);
            let Val::Num(x) = from else { continue };
            let reaches = |r: &Evaluation| {
                grade_rank(p, d, &r.values[d])
                    .map(|g| g <= target)
                    .unwrap_or(false)
            };
            if let Some(to) = search(p, &mut scratch, i, x, &reaches) {
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
    Ok(out)
}

/// The value of input `i` nearest to `x` (in either direction, within its range) at which `goal` holds,
/// at the input's precision; verified by evaluating it. Assumes the goal, once reached along a direction,
/// stays reached further on (true of limits, scores and bands).
fn search(
    p: &Program,
    scratch: &mut [Val],
    i: usize,
    x: Decimal,
    goal: &dyn Fn(&Evaluation) -> bool,
) -> Option<Decimal> {
    let inp = &p.inputs[i];
    // Bisection may pass through fractions of a count; only the final value must be a whole number.
    let mut reaches = |v: Decimal| -> bool {
        if inp.min.map(|m| v < m).unwrap_or(false) || inp.max.map(|m| v > m).unwrap_or(false) {
            return false;
        }
        try_with(p, scratch, i, Val::Num(v))
            .map(|r| goal(&r))
            .unwrap_or(false)
    };
    let span = Decimal::from(1000) * x.abs().max(Decimal::ONE);
    let step = step_for(p, i, x, Some(x));
    let mut found: Option<Decimal> = None;
    for up in [true, false] {
        let far = match (up, inp.max, inp.min) {
            (true, Some(m), _) => m,
            (false, _, Some(m)) => m,
            (true, None, _) => x + span,
            (false, _, None) => x - span,
        };
        if far == x || !reaches(far) {
            continue;
        }
        // Bisect between x (does not reach) and far (reaches).
        let (mut lo, mut hi) = (x, far);
        let tolerance = (step / Decimal::from(16)).max(Decimal::new(1, 9));
        for _ in 0..64 {
            if (hi - lo).abs() < tolerance {
                break;
            }
            let mid = (lo + hi) / Decimal::TWO;
            if reaches(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        // Round to the input's precision toward x (the smallest change), then one step further if needed.
        let q = hi / step;
        let toward = if up { q.floor() } else { q.ceil() } * step;
        let further = if up { toward + step } else { toward - step };
        let cand = [toward, further, hi]
            .into_iter()
            .find(|v| *v != x && (*v > x) == up && in_range(p, i, *v) && reaches(*v));
        if let Some(c) = cand {
            let c = c.normalize();
            if found.map(|f| (c - x).abs() < (f - x).abs()).unwrap_or(true) {
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

/// Objective for the search: outcome first, then passing items, then grade bands.
fn objective(p: &Program, r: &Evaluation) -> (u8, i64) {
    let mut score: i64 = 0;
    for (i, d) in p.defs.iter().enumerate() {
        if !d.own {
            continue;
        }
        match &d.kind {
            DefKind::Item { .. } => match r.item_outcome(i) {
                Outcome::Pass => score += 2,
                Outcome::Fail => score -= 2,
                _ => {}
            },
            DefKind::Grade { .. } | DefKind::Levels(_) => {
                if let Some(g) = grade_rank(p, i, &r.values[i]) {
                    score -= g as i64;
                }
            }
            _ => {}
        }
    }
    (outcome_rank(r.outcome), score)
}

/// With inputs missing: the best and worst outcomes and grades still reachable (each found by evaluating
/// a completed assessment, so each is really reachable), and the missing inputs that decide them.
pub fn partial(p: &Program, inputs: &[Val], e: &Evaluation) -> Result<Option<Partial>, EvalError> {
    let missing: Vec<usize> = (0..p.inputs.len())
        .filter(|i| inputs.get(*i) == Some(&Val::Unknown))
        .collect();
    let undecided: Vec<usize> = (0..p.defs.len())
        .filter(|&d| {
            p.defs[d].own
                && matches!(e.values[d], Val::Unknown)
                && !matches!(p.defs[d].kind, DefKind::Value(_))
        })
        .collect();
    if missing.is_empty() || undecided.is_empty() {
        return Ok(None);
    }
    // Which missing inputs matter, and how much.
    let mut weight: Vec<(usize, i64)> = Vec::new();
    for &i in &missing {
        let mut w = 0i64;
        for &d in &undecided {
            if def_inputs(p, d).contains(&i) {
                w += match p.defs[d].kind {
                    DefKind::Item { veto: true, .. } => 4,
                    DefKind::Item { .. } | DefKind::Levels(_) => 2,
                    _ => 1,
                };
            }
        }
        if w > 0 {
            weight.push((i, w));
        }
    }
    weight.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let relevant: Vec<usize> = weight.iter().map(|w| w.0).collect();
    let cands: Vec<Vec<Val>> = relevant
        .iter()
        .map(|&i| candidates(p, i, inputs, e))
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
    let mut scratch = inputs.to_vec();
    if total <= 4096 {
        let mut idx = vec![0usize; relevant.len()];
        loop {
            for (k, &i) in relevant.iter().enumerate() {
                if let Some(v) = cands[k].get(idx[k]) {
                    scratch[i] = v.clone();
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
        // Independent choice per input (each chosen with the others still missing), for both extremes.
        for want_best in [true, false] {
            let mut chosen = inputs.to_vec();
            for (k, &i) in relevant.iter().enumerate() {
                let mut pick: Option<((u8, i64), Val)> = None;
                for v in &cands[k] {
                    scratch[i] = v.clone();
                    let Ok(r) = evaluate(p, &scratch) else {
                        continue;
                    };
                    let o = objective(p, &r);
                    let better = pick
                        .as_ref()
                        .map(|pk| if want_best { o > pk.0 } else { o < pk.0 })
                        .unwrap_or(true);
                    if better {
                        pick = Some((o, v.clone()));
                    }
                }
                scratch[i] = Val::Unknown;
                if let Some((_, v)) = pick {
                    chosen[i] = v;
                }
            }
            if let Ok(r) = evaluate(p, &chosen) {
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
            (i, s(&b.values[i]), s(&w.values[i]))
        })
        .collect();
    Ok(Some(Partial {
        best: b.outcome,
        worst: w.outcome,
        ranges,
        ask_next: relevant,
    }))
}

/// Whether input `i` is itself compared with a limit somewhere (a comparison or a ladder row on it), so
/// its threshold candidates already hold the smallest change.
fn compared_directly(p: &Program, i: usize) -> bool {
    p.defs.iter().any(|d| match &d.kind {
        DefKind::Levels(l) => l.rows.iter().any(|r| r.subject_input == Some(i)),
        _ => {
            let mut found = false;
            for ex in crate::lower::def_exprs(d) {
                crate::lower::walk(ex, &mut |x| {
                    if let Ex::Cmp(c) = x {
                        if c.subject_input == Some(i) {
                            found = true;
                        }
                    }
                });
            }
            found
        }
    })
}
