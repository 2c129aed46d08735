//! Structural checks on a lowered program: grade bands that overlap or leave gaps, items that can never
//! fail or never pass, documents without examples. Names and types were checked while lowering.

use crate::diag::{Code, Diagnostic, Loc};
use crate::ir::*;
use crate::words::diagnostics as d;
use rust_decimal::Decimal;

/// Run every structural check; append findings to `out`.
pub fn check(p: &Program, out: &mut Vec<Diagnostic>) {
    for d in &p.defs {
        if let DefKind::Grade { from, bands, .. } = &d.kind {
            let (lo, hi) = domain(p, from);
            bands_check(d, bands, lo, hi, p, out);
            if d.own {
                bands_order_check(d, from, bands, p, out);
            }
        }
        if let DefKind::Item { body, .. } = &d.kind {
            if d.own {
                if let Ex::Const(Val::Bool(b)) = body {
                    out.push(
                        Diagnostic::warning_msg(
                            Code::Y0502,
                            d.loc,
                            if *b {
                                d::y0502_item_always_passes(&d.id)
                            } else {
                                d::y0502_item_always_fails(&d.id)
                            },
                            d::y0502_constant_label(),
                        )
                        .help_msg(d::y0502_item_always_help()),
                    );
                }
            }
        }
    }
    expectations_check(p, out);
}

/// Checks on the text of the document being checked (`units[root]`), for what lowering does not keep:
/// a deduction written as a percent (`deduct 2% per …`: deductions are points).
pub fn check_document(units: &[crate::lower::Unit<'_>], root: usize, out: &mut Vec<Diagnostic>) {
    use yardstick_syntax::ast::{MemberKind, ScoreBody};
    let Some(unit) = units.get(root) else {
        return;
    };
    for m in &unit.doc.standard.members {
        let MemberKind::Score(s) = &m.kind else {
            continue;
        };
        let ScoreBody::Deductions(d) = &s.body else {
            continue;
        };
        let mut amounts: Vec<(&yardstick_syntax::ast::Number, &str)> = Vec::new();
        for r in &d.rules {
            amounts.push((&r.amount, "deduct"));
            if let Some(c) = &r.cap {
                amounts.push((c, "at_most"));
            }
        }
        if let Some(c) = &d.cap {
            amounts.push((c, "cap"));
        }
        for (n, what) in amounts {
            if n.percent {
                out.push(
                    Diagnostic::error_msg(
                        Code::Y0311,
                        Loc {
                            file: root,
                            span: n.span,
                        },
                        d::y0311_deduction_as_percent(&what, &n.value),
                        d::y0311_percent_label(),
                    )
                    .help_msg(d::y0311_deduction_as_percent_help(&what, &n.value)),
                );
            }
        }
    }
}

/// How good a band's name or label sounds, higher is better (`None`: not a word we know).
fn quality(word: &str) -> Option<u8> {
    let w = word.trim().to_ascii_lowercase();
    Some(match w.as_str() {
        "excellent" | "outstanding" | "优秀" | "优" | "优等" => 8,
        "优良" | "very_good" | "very good" => 7,
        "good" | "良好" | "良" => 6,
        "fair" | "average" | "medium" | "中等" | "中" | "一般" | "较好" => 4,
        "pass" | "passed" | "qualified" | "acceptable" | "satisfactory" | "合格" | "及格"
        | "达标" => 3,
        "basically_qualified" | "基本合格" | "基本达标" | "较差" => 2,
        "poor" | "bad" | "差" => 1,
        "fail" | "failed" | "unqualified" | "unacceptable" | "不合格" | "不及格" | "不达标" => {
            0
        }
        _ => return None,
    })
}

fn band_quality(p: &Program, b: &Band, letters: bool) -> Option<u8> {
    let name = p.sym(b.sym);
    if letters {
        return name.bytes().next().map(|c| b'Z' - c);
    }
    quality(name)
        .or_else(|| b.labels.zh.as_deref().and_then(quality))
        .or_else(|| b.labels.en.as_deref().and_then(quality))
}

/// Bands are written best first (the fix search aims at the band written just above the current one,
/// and the first band is the best one). Bands whose names say they go worst first, or the bands of a score
/// written from the lowest values up, are a silent mistake.
fn bands_order_check(d: &Def, from: &Ex, bands: &[Band], p: &Program, out: &mut Vec<Diagnostic>) {
    if bands.len() < 2 {
        return;
    }
    let letters = bands.iter().all(|b| {
        let n = p.sym(b.sym);
        n.len() == 1 && n.bytes().all(|c| c.is_ascii_uppercase())
    });
    let known: Vec<u8> = bands
        .iter()
        .filter_map(|b| band_quality(p, b, letters))
        .collect();
    let worst_first = if known.len() >= 2 {
        known.windows(2).all(|w| w[0] < w[1])
    } else {
        // No names to go by: a score is better when higher, so its bands go from the highest values down.
        let from_score = matches!(from, Ex::Def(i) if matches!(p.defs.get(i.index()).map(|d| &d.kind), Some(DefKind::Score { .. })));
        let explicit: Vec<&Band> = bands.iter().filter(|b| !b.otherwise).collect();
        let key = |b: &Band| b.lower.map(|l| l.0).or(b.upper.map(|u| u.0));
        from_score
            && explicit.len() >= 2
            && explicit.windows(2).all(|w| match (w[0].lower, key(w[1])) {
                (None, Some(_)) => true,
                (Some((a, _)), Some(b)) => a < b,
                _ => false,
            })
    };
    if !worst_first {
        return;
    }
    let names: Vec<String> = bands
        .iter()
        .rev()
        .map(|b| format!("`{}`", p.sym(b.sym)))
        .collect();
    let first = bands.first().map(|b| p.sym(b.sym)).unwrap_or("?");
    out.push(
        Diagnostic::warning_msg(
            Code::Y0506,
            d.loc,
            d::y0506_bands_worst_first(&d.id),
            d::y0506_first_label(&first),
        )
        .help_msg(d::y0506_bands_worst_first_help(
            &names.join(", then "),
            &names.join("，其次 "),
        )),
    );
}

/// An example that expects a grade band or a level by something that is not its id, most often its
/// Chinese label (`expect rating = 优秀` where the band is `excellent "优秀"`): only `test` would notice.
fn expectations_check(p: &Program, out: &mut Vec<Diagnostic>) {
    for ex in &p.examples {
        for x in &ex.expect {
            let ExpectOn::Def(di) = x.target else {
                continue;
            };
            let Val::Sym(s) = x.value else {
                continue;
            };
            let Some(def) = p.defs.get(di.index()) else {
                continue;
            };
            let (what, what_zh, ids, labels): (&str, &str, Vec<Sym>, Vec<&Labels>) = match &def.kind
            {
                DefKind::Grade { bands, .. } => (
                    "band",
                    "档次",
                    bands.iter().map(|b| b.sym).collect(),
                    bands.iter().map(|b| &b.labels).collect(),
                ),
                DefKind::Levels(l) => ("level", "级别", l.levels.clone(), Vec::new()),
                _ => continue,
            };
            // `unknown`: the grade or level is expected to be missing.
            if ids.contains(&s) || x.written == "unknown" {
                continue;
            }
            let written = x.written.as_str();
            let by_label = ids.iter().zip(labels.iter()).find(|(_, l)| {
                l.zh.as_deref() == Some(written)
                    || l.en
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(written))
            });
            let all: Vec<String> = ids.iter().map(|i| format!("`{}`", p.sym(*i))).collect();
            match by_label {
                Some((id, _)) => out.push(
                    Diagnostic::error_msg(
                        Code::Y0312,
                        x.loc,
                        d::y0312_label_not_id(&written, &what, &p.sym(*id), &what_zh),
                        d::did_you_mean(&p.sym(*id)),
                    )
                    .help_msg(d::y0312_label_not_id_help(
                        &what,
                        &def.id,
                        &p.sym(*id),
                        &written,
                        &what_zh,
                    ))
                    .suggest(p.sym(*id)),
                ),
                None => out.push(
                    Diagnostic::error_msg(
                        Code::Y0106,
                        x.loc,
                        d::y0106_not_a_value_of(&written, &what, &def.id, &what_zh),
                        d::y0106_no_such_label(what, what_zh),
                    )
                    .help_msg(d::y0106_not_a_value_of_help(
                        &what,
                        &def.id,
                        &all.join(", "),
                        &what_zh,
                        &all.join("、"),
                    )),
                ),
            }
        }
    }
}

fn domain(p: &Program, from: &Ex) -> (Option<Decimal>, Option<Decimal>) {
    match from {
        Ex::Input(i) => p
            .inputs
            .get(i.index())
            .map(|x| (x.min, x.max))
            .unwrap_or((None, None)),
        Ex::Def(d) => match p.defs.get(d.index()).map(|d| &d.kind) {
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
                    Diagnostic::error_msg(
                        Code::Y0303,
                        d.loc,
                        d::y0303_bands_overlap(&d.id, &p.sym(a.sym), &p.sym(b.sym)),
                        d::y0303_overlap_label(),
                    )
                    .help_msg(d::y0303_bands_overlap_help(&overlap_point(a, b))),
                );
            }
        }
    }
    if has_otherwise {
        return;
    }
    // Gaps: sweep from the domain's lower end.
    let mut sorted = explicit.clone();
    yardstick_syntax::sort::sort_by(&mut sorted, |a, b| cmp_lower(a.lower, b.lower));
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
    let (range, range_zh) = match (from.as_str(), to.as_str()) {
        ("below", t) => {
            let t = t.trim_end_matches([']', ')']);
            (
                format!("everything below {t}"),
                format!("低于 {t} 的所有值"),
            )
        }
        (f, "above") => {
            let f = f.trim_start_matches(['[', '(']);
            (
                format!("everything above {f}"),
                format!("高于 {f} 的所有值"),
            )
        }
        (f, t) => (format!("{f}, {t}"), format!("区间 {f}, {t}")),
    };
    out.push(
        Diagnostic::error_msg(
            Code::Y0302,
            Loc {
                file: d.loc.file,
                span: d.loc.span,
            },
            d::y0302_band_gap(&d.id, &range, &range_zh),
            d::y0302_gap_label(),
        )
        .help_msg(d::y0302_band_gap_help()),
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
