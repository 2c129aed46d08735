//! Scores and grades: weighted sums, score expressions and deductions; grade bands and `vetoed`.
//!
//! Reads a pending score or grade (with the file of each term or band an overlay changed). Resolves and
//! types the weighted terms, the deduction rules, caps and floors, a grade's `from` and its bands, and a
//! grade's `vetoed BAND` against the standard's basic conditions. Produces the IR [`ScoreKind`], or the
//! grade's source expression, [`Band`]s and [`Vetoed`] rule. Reports Y0102, Y0106, Y0201, Y0203, Y0206,
//! Y0301, Y0309 and Y0310.

use super::compose::PendKind;
use super::{cite_of, labels_of, Cx, Slot};
use crate::diag::{Code, Diagnostic, Loc};
use crate::ir::*;
use crate::words::diagnostics as d;
use rust_decimal::Decimal;
use yardstick_syntax::ast::{self, CmpOp, Span};

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    pub(super) fn score(
        &mut self,
        s: &ast::Score,
        prefix: &str,
        file: usize,
        term_files: &[usize],
    ) -> ScoreKind {
        let base_file = file;
        match &s.body {
            ast::ScoreBody::Weighted(terms) => {
                let mut out = Vec::new();
                let mut total = Decimal::ZERO;
                let mut first_ty: Option<(Ty, Span)> = None;
                for (k, t) in terms.iter().enumerate() {
                    // A weight an overlay changed is read in the overlay's file.
                    let file = term_files.get(k).copied().unwrap_or(base_file);
                    total = total.saturating_add(t.weight.value);
                    let (ex, ty) = match self.lookup(prefix, &t.term, file) {
                        Some((Slot::Input(i), ty)) => (Ex::Input(i), ty),
                        Some((Slot::Def(d), ty)) => (Ex::Def(d), ty),
                        None => {
                            self.unresolved(&t.term, prefix, file);
                            (Ex::Const(Val::Unknown), Ty::Error)
                        }
                    };
                    self.want_number(
                        &ty,
                        Loc {
                            file,
                            span: t.term.span,
                        },
                        "a weighted score",
                    );
                    if let Some((ft, fs)) = &first_ty {
                        if ty.is_numeric() && ft.is_numeric() {
                            let (ft, fs) = (ft.clone(), *fs);
                            self.same_kind(
                                &ft,
                                &ty,
                                Loc { file, span: t.span },
                                fs,
                                t.term.span,
                                "+",
                            );
                        }
                    } else {
                        first_ty = Some((ty, t.term.span));
                    }
                    out.push((
                        t.weight.value / Decimal::ONE_HUNDRED,
                        ex,
                        t.term.text.clone(),
                    ));
                }
                if total != Decimal::ONE_HUNDRED {
                    let parts: Vec<String> = terms
                        .iter()
                        .map(|t| format!("{}%", t.weight.value))
                        .collect();
                    // Underline the terms of one file: the overlay's when it changed weights.
                    let at = term_files
                        .iter()
                        .copied()
                        .find(|f| *f != base_file)
                        .unwrap_or(base_file);
                    let here: Vec<&ast::WeightTerm> = terms
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| term_files.get(*k).copied().unwrap_or(base_file) == at)
                        .map(|(_, t)| t)
                        .collect();
                    let sp = here
                        .first()
                        .map(|f| f.span.to(here.last().map(|l| l.span).unwrap_or(f.span)))
                        .unwrap_or(s.name.span);
                    let file = at;
                    let diff = Decimal::ONE_HUNDRED - total;
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0301,
                            Loc { file, span: sp },
                            d::y0301_weights_sum(&s.name.name, &total),
                            d::y0301_weights_label(&parts.join(" + "), &total),
                        )
                        .help_msg(if diff > Decimal::ZERO {
                            d::y0301_weights_missing_help(&diff)
                        } else {
                            d::y0301_weights_too_many_help(&-diff)
                        }),
                    );
                }
                ScoreKind::Weighted(out)
            }
            ast::ScoreBody::Expr(e) => {
                let (ex, ty) = self.expr(e, prefix, file);
                self.want_number(&ty, Loc { file, span: e.span }, "a score");
                ScoreKind::Expr(ex)
            }
            ast::ScoreBody::Deductions(d) => {
                let start = match &d.start {
                    Some(e) => {
                        let (ex, ty) = self.expr(e, prefix, file);
                        self.want_number(&ty, Loc { file, span: e.span }, "`start`");
                        ex
                    }
                    None => match &s.out_of {
                        Some(n) => Ex::Const(Val::Num(n.value)),
                        None => {
                            self.err(
                                Diagnostic::error_msg(
                                    Code::Y0310,
                                    Loc {
                                        file,
                                        span: s.name.span,
                                    },
                                    d::y0310_deduct_without_start(&s.name.name),
                                    d::y0310_no_start_label(),
                                )
                                .help_msg(d::y0310_deduct_without_start_help()),
                            );
                            Ex::Const(Val::Num(Decimal::ZERO))
                        }
                    },
                };
                let mut rules = Vec::new();
                for r in &d.rules {
                    let (per, ty) = match self.lookup(prefix, &r.per, file) {
                        Some((Slot::Input(i), ty)) => (Ex::Input(i), ty),
                        Some((Slot::Def(dd), ty)) => (Ex::Def(dd), ty),
                        None => {
                            self.unresolved(&r.per, prefix, file);
                            (Ex::Const(Val::Unknown), Ty::Error)
                        }
                    };
                    if !matches!(ty, Ty::Count | Ty::Number(_) | Ty::Bool | Ty::Error) {
                        self.err(
                            Diagnostic::error_msg(
                                Code::Y0206,
                                Loc {
                                    file,
                                    span: r.per.span,
                                },
                                d::y0206_deduct_per_not_count(
                                    &r.per.text,
                                    &ty.describe(),
                                    &ty.describe_zh(),
                                ),
                                d::y0206_not_a_count_label(),
                            )
                            .help_msg(d::y0206_deduct_per_not_count_help()),
                        );
                    }
                    if let Some(c) = &r.cap {
                        if c.value < r.amount.value {
                            self.err(Diagnostic::error_msg(
                                Code::Y0310,
                                Loc { file, span: c.span },
                                d::y0310_cap_below_deduction(&c.value, &r.amount.value),
                                d::y0310_cap_below_label(),
                            ));
                        }
                    }
                    rules.push(Deduction {
                        amount: r.amount.value,
                        per,
                        per_name: r.per.text.clone(),
                        cap: r.cap.as_ref().map(|c| c.value),
                        cite: cite_of(&r.citation),
                    });
                }
                let floor = d.floor.as_ref().map(|e| {
                    let (ex, ty) = self.expr(e, prefix, file);
                    self.want_number(&ty, Loc { file, span: e.span }, "`floor`");
                    ex
                });
                ScoreKind::Deductions {
                    start,
                    rules,
                    cap: d.cap.as_ref().map(|c| c.value),
                    floor,
                }
            }
        }
    }

    pub(super) fn grade(
        &mut self,
        g: &ast::Grade,
        prefix: &str,
        file: usize,
        band_files: &[usize],
    ) -> (Ex, Vec<Band>, Ty) {
        let (from, fty) = self.expr(&g.from, prefix, file);
        self.want_number(
            &fty,
            Loc {
                file,
                span: g.from.span,
            },
            "a grade",
        );
        let mut bands = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (k, b) in g.bands.iter().enumerate() {
            // A band an overlay changed is read in the overlay's file.
            let file = band_files.get(k).copied().unwrap_or(file);
            if seen.contains(&b.name.name.as_str()) {
                self.err(Diagnostic::error_msg(
                    Code::Y0102,
                    Loc {
                        file,
                        span: b.name.span,
                    },
                    d::y0102_band_twice(&b.name.name),
                    d::y0102_listed_again_label(),
                ));
            }
            seen.push(&b.name.name);
            let mut lower = None;
            let mut upper = None;
            for bb in &b.bounds {
                let (ex, ty) = self.expr(&bb.value, prefix, file);
                if matches!((&fty, &ty), (Ty::Percent, Ty::Lit)) {
                    self.err(Diagnostic::error_msg(
                        Code::Y0203,
                        Loc {
                            file,
                            span: bb.value.span,
                        },
                        d::y0203_band_without_percent(),
                        d::y0203_missing_percent_label(),
                    ));
                }
                let Ex::Const(Val::Num(v)) = ex else {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0201,
                            Loc {
                                file,
                                span: bb.value.span,
                            },
                            d::y0201_band_bound_not_number(),
                            d::y0201_not_a_number_label(),
                        )
                        .help_msg(d::y0201_band_bound_not_number_help()),
                    );
                    continue;
                };
                match bb.op {
                    CmpOp::Ge => lower = Some((v, true)),
                    CmpOp::Gt => lower = Some((v, false)),
                    CmpOp::Le => upper = Some((v, true)),
                    CmpOp::Lt => upper = Some((v, false)),
                    _ => self.err(
                        Diagnostic::error_msg(
                            Code::Y0201,
                            Loc {
                                file,
                                span: bb.span,
                            },
                            d::y0201_band_bound_without_sign(),
                            d::y0201_not_a_bound_label(),
                        )
                        .help_msg(d::y0201_band_bound_not_number_help()),
                    ),
                }
            }
            let sym = self.sym(&b.name.name);
            bands.push(Band {
                sym,
                labels: labels_of(&b.label, &b.short_label),
                lower,
                upper,
                otherwise: b.otherwise,
            });
        }
        if g.bands.is_empty() {
            self.err(Diagnostic::error_msg(
                Code::Y0309,
                Loc {
                    file,
                    span: g.name.span,
                },
                d::y0309_grade_without_bands(&g.name.name),
                d::y0309_no_bands_label(),
            ));
        }
        let syms: Vec<Sym> = bands.iter().map(|b| b.sym).collect();
        (from, bands, Ty::Enum(syms.into()))
    }

    /// `vetoed BAND` of a grade: the band must be one of the grade's, and the standard must have basic
    /// conditions of its own.
    pub(super) fn vetoed_band(
        &mut self,
        g: &ast::Grade,
        bands: &[Band],
        file: usize,
    ) -> Option<Vetoed> {
        let name = g.vetoed.as_ref()?;
        let loc = Loc {
            file,
            span: name.span,
        };
        let Some(band) = bands
            .iter()
            .find(|b| self.symbols.get(b.sym as usize) == Some(&name.name))
            .map(|b| b.sym)
        else {
            let names: Vec<&str> = g.bands.iter().map(|b| b.name.name.as_str()).collect();
            self.err(
                Diagnostic::error_msg(
                    Code::Y0106,
                    loc,
                    d::y0106_not_a_band(&name.name, &g.name.name),
                    d::y0106_no_such_band_label(),
                )
                .help_msg(d::y0106_not_a_band_help(
                    &g.name.name,
                    &names.join(", "),
                    &names.join("、"),
                )),
            );
            return None;
        };
        let vetoes: Vec<DefId> = self
            .col
            .defs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.own && matches!(d.kind, PendKind::Item { veto: true, .. }))
            .map(|(i, _)| DefId::from_index(i))
            .collect();
        if vetoes.is_empty() {
            self.err(
                Diagnostic::error_msg(
                    Code::Y0106,
                    loc,
                    d::y0106_vetoed_without_basic(),
                    d::y0106_nothing_can_veto_label(),
                )
                .help_msg(d::y0106_vetoed_without_basic_help()),
            );
            return None;
        }
        for &v in &vetoes {
            self.def_type(v, loc);
        }
        Some(Vetoed {
            band,
            when: Ex::Not(Box::new(Ex::AllOf(
                vetoes.into_iter().map(Ex::Def).collect(),
            ))),
        })
    }
}
