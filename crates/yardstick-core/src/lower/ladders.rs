//! Ladders: `levels NAME [order] below LAST { rows }` lowered to an IR [`Ladder`].
//!
//! Reads a pending ladder (rows flattened, groups expanded, with the file of each row an overlay changed).
//! Types each row's subject and thresholds, checks the level names and the order of thresholds, and
//! produces the ladder with the enum type of its levels. Reports Y0102 (a level listed twice), Y0201,
//! Y0203, Y0304, Y0305 and Y0309.

use super::{cite_of, labels_of, Cx};
use crate::diag::{Code, Diagnostic, Loc};
use crate::ir::*;
use crate::words::diagnostics as d;
use rust_decimal::Decimal;
use yardstick_syntax::ast::{self, CmpOp, Span};

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    pub(super) fn ladder(
        &mut self,
        lv: &ast::Levels,
        prefix: &str,
        file: usize,
        row_files: &[usize],
    ) -> (Ladder, Ty) {
        let mut names: Vec<&ast::Ident> = lv.order.iter().collect();
        names.push(&lv.below);
        let mut seen: Vec<&str> = Vec::new();
        for n in &names {
            if seen.contains(&n.name.as_str()) {
                self.err(Diagnostic::error_msg(
                    Code::Y0102,
                    Loc { file, span: n.span },
                    d::y0102_level_twice(&n.name),
                    d::y0102_listed_again_label(),
                ));
            }
            seen.push(&n.name);
        }
        let levels: Vec<Sym> = names.iter().map(|n| self.sym(&n.name)).collect();
        let mut rows = Vec::new();
        let mut all: Vec<(&ast::LevelRow, Option<(String, Labels)>)> = Vec::new();
        for m in &lv.members {
            match m {
                ast::LevelMember::Row(r) => all.push((r, None)),
                ast::LevelMember::Group(g) => {
                    let mut both = labels_of(&g.label, &g.short_label);
                    if both.en.is_none() {
                        both.en = Some(g.name.name.clone());
                    }
                    let short = g
                        .short_label
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_else(|| g.name.name.clone());
                    for r in &g.rows {
                        all.push((r, Some((short.clone(), both.clone()))));
                    }
                }
            }
        }
        if all.is_empty() {
            self.err(
                Diagnostic::error_msg(
                    Code::Y0309,
                    Loc {
                        file,
                        span: lv.name.span,
                    },
                    d::y0309_ladder_without_rows(&lv.name.name),
                    d::y0309_empty_ladder_label(),
                )
                .help_msg(d::y0309_ladder_without_rows_help()),
            );
        }
        let n_levels = lv.order.len();
        for (k, (r, group)) in all.into_iter().enumerate() {
            // A row an overlay changed is read in the overlay's file.
            let file = row_files.get(k).copied().unwrap_or(file);
            let rloc = Loc { file, span: r.span };
            let (subject, st) = self.expr(&r.subject, prefix, file);
            self.want_number(
                &st,
                Loc {
                    file,
                    span: r.subject.span,
                },
                "a level row",
            );
            if matches!(r.op, CmpOp::Eq | CmpOp::Ne) {
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0201,
                        rloc,
                        d::y0201_row_needs_limit(),
                        d::y0201_not_a_limit_label(),
                    )
                    .help_msg(d::y0201_row_needs_limit_help()),
                );
            }
            if r.thresholds.len() != n_levels {
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0305,
                        rloc,
                        d::y0305_row_threshold_count(
                            &r.thresholds.len(),
                            &n_levels,
                            &lv.below.name,
                        ),
                        d::y0305_thresholds_label(),
                    )
                    .help_msg(d::y0305_row_threshold_count_help(
                        &lv.order
                            .iter()
                            .map(|i| i.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        &lv.order
                            .iter()
                            .map(|i| i.name.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                    )),
                );
            }
            let mut ths = Vec::new();
            let mut consts: Vec<(Decimal, Span, CmpOp)> = Vec::new();
            // The level of each entry of `consts`.
            let mut const_levels: Vec<usize> = Vec::new();
            let ops: Vec<CmpOp> = (0..r.thresholds.len())
                .map(|k| r.ops.get(k).copied().flatten().unwrap_or(r.op))
                .collect();
            let row_is_limit = !matches!(r.op, CmpOp::Eq | CmpOp::Ne);
            for (k, op) in ops.iter().enumerate() {
                let own = matches!(r.ops.get(k), Some(Some(_)));
                if own
                    && row_is_limit
                    && (matches!(op, CmpOp::Eq | CmpOp::Ne)
                        || op.is_upper_limit() != r.op.is_upper_limit())
                {
                    let span = r.thresholds.get(k).map(|t| t.span).unwrap_or(r.span);
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0304,
                            Loc { file, span },
                            d::y0304_threshold_direction(&op.as_str(), &r.op.as_str()),
                            d::y0304_mixed_directions_label(),
                        )
                        .help_msg(d::y0304_threshold_direction_help()),
                    );
                }
            }
            let mut unknown = Vec::with_capacity(r.thresholds.len());
            for (k, t) in r.thresholds.iter().enumerate() {
                // `unknown`: a limit the standard has but that is not known. It has no kind to check and
                // takes no part in the order check below (the known limits must still be in order).
                if matches!(t.kind, ast::ExprKind::UnknownLimit) {
                    unknown.push(true);
                    ths.push(Ex::Const(Val::Unknown));
                    continue;
                }
                unknown.push(false);
                let (tx, tt) = self.expr(t, prefix, file);
                if st.is_numeric() && tt.is_numeric() {
                    match (&st, &tt) {
                        (Ty::Percent, Ty::Lit) => self.err(
                            Diagnostic::error_msg(
                                Code::Y0203,
                                Loc { file, span: t.span },
                                d::y0203_threshold_without_percent(),
                                d::y0203_missing_percent_label(),
                            )
                            .help_msg(match &tx {
                                Ex::Const(Val::Num(n)) => d::y0203_write_percent_help(n),
                                _ => d::y0203_threshold_without_percent_help(),
                            }),
                        ),
                        _ => {
                            self.same_kind(
                                &st,
                                &tt,
                                Loc { file, span: t.span },
                                r.subject.span,
                                t.span,
                                r.op.as_str(),
                            );
                        }
                    }
                }
                if let Ex::Const(Val::Num(n)) = &tx {
                    consts.push((*n, t.span, ops.get(k).copied().unwrap_or(r.op)));
                    const_levels.push(k);
                }
                ths.push(tx);
            }
            // A must be at least as strict as B, B as C (over the known limits: with `[unknown, 3%, 5%]`,
            // B against C).
            let n_unknown = unknown.iter().filter(|u| **u).count();
            if consts.len() + n_unknown == r.thresholds.len() {
                for w in 0..consts.len().saturating_sub(1) {
                    let (a, b) = (consts[w], consts[w + 1]);
                    let (wa, wb) = (
                        const_levels.get(w).copied().unwrap_or(w),
                        const_levels.get(w + 1).copied().unwrap_or(w + 1),
                    );
                    // Stricter: a smaller upper limit or a larger lower limit; at the same value, `<`/`>`.
                    let key = |(v, _, op): (Decimal, Span, CmpOp)| match op {
                        CmpOp::Lt => (-v, 1),
                        CmpOp::Le => (-v, 0),
                        CmpOp::Gt => (v, 1),
                        _ => (v, 0),
                    };
                    let bad = key(a) < key(b);
                    let pct = if matches!(st, Ty::Percent) { "%" } else { "" };
                    // `D > C > B, below A`: the names, not the limits, are in the wrong order.
                    let names: Vec<&str> = lv
                        .order
                        .iter()
                        .chain(std::iter::once(&lv.below))
                        .map(|n| n.name.as_str())
                        .collect();
                    let reversed = names.len() > 1
                        && names
                            .iter()
                            .all(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase()))
                        && names.windows(2).all(|w| w[0] > w[1]);
                    let already = self.l.diags.iter().any(|d| {
                        d.code == Code::Y0304 && d.loc.span == lv.name.span && d.loc.file == file
                    });
                    if bad && reversed && already {
                        break;
                    }
                    if bad && reversed {
                        let mut fixed: Vec<&str> = names.clone();
                        yardstick_syntax::sort::sort(&mut fixed);
                        let (best, below) = fixed.split_at(fixed.len() - 1);
                        let limits: Vec<String> = consts
                            .iter()
                            .rev()
                            .map(|(v, _, _)| format!("{v}{pct}"))
                            .collect();
                        self.err(
                            Diagnostic::error_msg(
                                Code::Y0304,
                                Loc {
                                    file,
                                    span: lv.name.span,
                                },
                                d::y0304_levels_worst_first(
                                    &names[..names.len() - 1].join(" > "),
                                    &lv.below.name,
                                ),
                                d::y0304_worst_first_label(),
                            )
                            .help_msg(
                                d::y0304_levels_worst_first_help(
                                    &lv.name.name,
                                    &best.join(" > "),
                                    &below.join(""),
                                    &r.op.as_str(),
                                    &limits.join(", "),
                                ),
                            ),
                        );
                        break;
                    }
                    if bad {
                        let (la, lb) = (
                            lv.order.get(wa).map(|x| x.name.as_str()).unwrap_or("?"),
                            lv.order.get(wb).map(|x| x.name.as_str()).unwrap_or("?"),
                        );
                        self.err(
                            Diagnostic::error_msg(
                                Code::Y0304,
                                Loc { file, span: b.1 },
                                d::y0304_level_less_strict(&la, &lb),
                                d::y0304_level_limit_label(&lb, &b.2.as_str(), &b.0, &pct),
                            )
                            .related_msg(
                                Loc { file, span: a.1 },
                                d::y0304_level_less_strict_note(&la, &a.2.as_str(), &a.0, &pct),
                            )
                            .help_msg(if r.op.is_upper_limit() {
                                d::y0304_level_less_strict_upper_help(&r.op.as_str(), &la, &lb)
                            } else {
                                d::y0304_level_less_strict_lower_help(&r.op.as_str(), &la, &lb)
                            }),
                        );
                    }
                }
            }
            let subject_input = match &subject {
                Ex::Input(i) => Some(*i),
                _ => None,
            };
            rows.push(LevelRow {
                subject,
                op: r.op,
                thresholds: ths,
                ops,
                unknown,
                subject_input,
                percent: matches!(st, Ty::Percent),
                group_labels: group.as_ref().map(|g| g.1.clone()),
                group: group.map(|g| g.0),
                labels: labels_of(&r.label, &None),
                cite: cite_of(&r.citation).or_else(|| cite_of(&lv.citation)),
                loc: rloc,
            });
        }
        let ty = Ty::Enum(levels.clone().into());
        (Ladder { levels, rows }, ty)
    }
}
