//! Structural checks on a lowered program: grade bands that overlap or leave gaps, items that can never
//! fail or never pass, documents without examples. Names and types were checked while lowering.

use crate::diag::{Diagnostic, Loc};
use crate::ir::*;
use rust_decimal::Decimal;

/// Run every structural check; append findings to `out`.
pub fn check(p: &Program, out: &mut Vec<Diagnostic>) {
    for d in &p.defs {
        if let DefKind::Grade { from, bands } = &d.kind {
            let (lo, hi) = domain(p, from);
            bands_check(d, bands, lo, hi, p, out);
        }
        if let DefKind::Item { body, .. } = &d.kind {
            if d.own {
                if let Ex::Const(Val::Bool(b)) = body {
                    out.push(
                        Diagnostic::warning(
                            "Y0502",
                            d.loc,
                            format!(
                                "item `{}` always {}",
                                d.id,
                                if *b { "passes" } else { "fails" }
                            ),
                            "its condition is a constant",
                        )
                        .help("an item should depend on at least one input"),
                    );
                }
            }
        }
    }
}

fn domain(p: &Program, from: &Ex) -> (Option<Decimal>, Option<Decimal>) {
    match from {
        Ex::Input(i) => p
            .inputs
            .get(*i)
            .map(|x| (x.min, x.max))
            .unwrap_or((None, None)),
        Ex::Def(d) => match p.defs.get(*d).map(|d| &d.kind) {
            Some(DefKind::Score {
                out_of: Some(o), ..
            }) => (Some(Decimal::ZERO), Some(*o)),
            _ => (None, None),
        },
        _ => (None, None),
    }
}

fn fmt_bound(v: Decimal, incl: bool, lower: bool) -> String {
    match (lower, incl) {
        (true, true) => format!("[{v}"),
        (true, false) => format!("({v}"),
        (false, true) => format!("{v}]"),
        (false, false) => format!("{v})"),
    }
}

fn bands_check(
    d: &Def,
    bands: &[Band],
    lo: Option<Decimal>,
    hi: Option<Decimal>,
    p: &Program,
    out: &mut Vec<Diagnostic>,
) {
    let explicit: Vec<&Band> = bands.iter().filter(|b| !b.otherwise).collect();
    let has_otherwise = bands.iter().any(|b| b.otherwise);
    // Overlaps: every pair.
    for (i, a) in explicit.iter().enumerate() {
        for b in explicit.iter().skip(i + 1) {
            if intersects(a, b) {
                out.push(
                    Diagnostic::error("Y0303", d.loc, format!("grade `{}`: bands `{}` and `{}` overlap", d.id, p.sym(a.sym), p.sym(b.sym)), "overlapping bands")
                        .help(format!("a value such as {} falls in both; make one bound strict (`<` instead of `<=`) so each value has exactly one band", overlap_point(a, b))),
                );
            }
        }
    }
    if has_otherwise {
        return;
    }
    // Gaps: sweep from the domain's lower end.
    let mut sorted = explicit.clone();
    sorted.sort_by(|a, b| cmp_lower(a.lower, b.lower));
    // covered: None = nothing yet (start at domain low); Some((v, incl)) = covered up to v.
    let mut covered: Option<(Decimal, bool)> = lo.map(|v| (v, false));
    let mut unbounded_low_covered = lo.is_none();
    for b in &sorted {
        match (b.lower, covered) {
            (None, _) => {
                unbounded_low_covered = true;
            }
            (Some((bl, bincl)), Some((cv, cincl))) => {
                let gap = bl > cv || (bl == cv && !bincl && !cincl);
                if gap {
                    push_gap(
                        d,
                        p,
                        out,
                        fmt_bound(cv, !cincl, true),
                        fmt_bound(bl, !bincl, false),
                    );
                }
            }
            (Some((bl, bincl)), None) => {
                if !unbounded_low_covered {
                    push_gap(d, p, out, "below".into(), fmt_bound(bl, !bincl, false));
                }
            }
        }
        match b.upper {
            None => return,
            Some((u, uincl)) => {
                covered = match covered {
                    Some((cv, ci)) if cv > u || (cv == u && ci) => Some((cv, ci)),
                    _ => Some((u, uincl)),
                };
            }
        }
        if lo.is_none() && b.lower.is_none() {
            unbounded_low_covered = true;
        }
    }
    if let Some((cv, ci)) = covered {
        match hi {
            Some(h) if cv < h || (cv == h && !ci) => push_gap(
                d,
                p,
                out,
                fmt_bound(cv, !ci, true),
                fmt_bound(h, true, false),
            ),
            None => push_gap(d, p, out, fmt_bound(cv, !ci, true), "above".into()),
            _ => {}
        }
    }
}

fn push_gap(d: &Def, _p: &Program, out: &mut Vec<Diagnostic>, from: String, to: String) {
    let range = match (from.as_str(), to.as_str()) {
        ("below", t) => format!("everything below {}", t.trim_end_matches([']', ')'])),
        (f, "above") => format!("everything above {}", f.trim_start_matches(['[', '('])),
        (f, t) => format!("{f}, {t}"),
    };
    out.push(
        Diagnostic::error("Y0302", Loc { file: d.loc.file, span: d.loc.span }, format!("grade `{}`: no band covers {range}", d.id), "values in the gap get no grade")
            .help("extend a band to close the gap (e.g. `>= 85 and < 90` then `>= 90`), or add a last band `… otherwise`"),
    );
}

fn cmp_lower(a: Option<(Decimal, bool)>, b: Option<(Decimal, bool)>) -> std::cmp::Ordering {
    match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some((x, xi)), Some((y, yi))) => x.cmp(&y).then(yi.cmp(&xi)),
    }
}

fn intersects(a: &Band, b: &Band) -> bool {
    // a.lower < b.upper and b.lower < a.upper, with inclusiveness.
    below(a.lower, b.upper) && below(b.lower, a.upper)
}

fn below(lower: Option<(Decimal, bool)>, upper: Option<(Decimal, bool)>) -> bool {
    match (lower, upper) {
        (Some((l, li)), Some((u, ui))) => l < u || (l == u && li && ui),
        _ => true,
    }
}

fn overlap_point(a: &Band, b: &Band) -> String {
    let lo = match (a.lower, b.lower) {
        (Some(x), Some(y)) => Some(x.0.max(y.0)),
        (x, y) => x.or(y).map(|v| v.0),
    };
    lo.map(|v| v.to_string()).unwrap_or_else(|| "0".into())
}
