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
                        Diagnostic::error(Code::Y0301, Loc { file, span: sp }, format!("the weights of score `{}` add up to {total}%, not 100%", s.name.name), format!("{} = {total}%", parts.join(" + ")))
                            .zh(format!("分值 `{}` 的权重合计为 {total}%，不是 100%", s.name.name))
                            .help(if diff > Decimal::ZERO { format!("{diff} percentage points are missing; the weights of a weighted score must add up to exactly 100%") } else { format!("they are {} points too many; the weights of a weighted score must add up to exactly 100%", -diff) })
                            .help_zh(if diff > Decimal::ZERO { format!("还差 {diff} 个百分点；加权分值的各项权重合计必须正好是 100%") } else { format!("多了 {} 个百分点；加权分值的各项权重合计必须正好是 100%", -diff) }),
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
                            self.err(Diagnostic::error(Code::Y0310, Loc { file, span: s.name.span }, format!("score `{}` deducts points but does not say what it starts from", s.name.name), "no starting points").zh(format!("分值 `{}` 有扣分，但没有写从多少分开始扣", s.name.name)).help("add `out_of N` after the score's name, or `start N` inside the braces").help_zh("请在分值名称后加上 `out_of N`（满分），或在花括号内写 `start N`（起始分）"));
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
                        self.err(Diagnostic::error(Code::Y0206, Loc { file, span: r.per.span }, format!("`deduct … per` counts something, but `{}` is {}", r.per.text, ty.describe()), "not a count").zh(format!("`deduct … per` 是按个数扣分的，但 `{}` 是{}", r.per.text, ty.describe_zh())).help("deduct per a `count` input (or a yes/no input, counted as 1 when yes)").help_zh("请按 `count`（计数）输入项扣分（或按是/否输入项，“是”计为 1）"));
                    }
                    if let Some(c) = &r.cap {
                        if c.value < r.amount.value {
                            self.err(
                                Diagnostic::error(
                                    Code::Y0310,
                                    Loc { file, span: c.span },
                                    format!(
                                        "the cap {} is smaller than one deduction of {}",
                                        c.value, r.amount.value
                                    ),
                                    "cap below one deduction",
                                )
                                .zh(format!(
                                    "扣分上限 {} 比一次扣分 {} 还小",
                                    c.value, r.amount.value
                                )),
                            );
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
                self.err(
                    Diagnostic::error(
                        Code::Y0102,
                        Loc {
                            file,
                            span: b.name.span,
                        },
                        format!("band `{}` is listed twice", b.name.name),
                        "listed again",
                    )
                    .zh(format!("档次 `{}` 列出了两次", b.name.name)),
                );
            }
            seen.push(&b.name.name);
            let mut lower = None;
            let mut upper = None;
            for bb in &b.bounds {
                let (ex, ty) = self.expr(&bb.value, prefix, file);
                if matches!((&fty, &ty), (Ty::Percent, Ty::Lit)) {
                    self.err(
                        Diagnostic::error(
                            Code::Y0203,
                            Loc {
                                file,
                                span: bb.value.span,
                            },
                            "a band of a percentage is written without `%`",
                            "missing `%`",
                        )
                        .zh("按百分数划分的档次，界限没有写 `%`"),
                    );
                }
                let Ex::Const(Val::Num(v)) = ex else {
                    self.err(
                        Diagnostic::error(
                            Code::Y0201,
                            Loc {
                                file,
                                span: bb.value.span,
                            },
                            "a band bound must be a number",
                            "not a number",
                        )
                        .zh("档次的界限必须是数值")
                        .help("write e.g. `when >= 85 and < 90`")
                        .help_zh("例如写作 `when >= 85 and < 90`"),
                    );
                    continue;
                };
                match bb.op {
                    CmpOp::Ge => lower = Some((v, true)),
                    CmpOp::Gt => lower = Some((v, false)),
                    CmpOp::Le => upper = Some((v, true)),
                    CmpOp::Lt => upper = Some((v, false)),
                    _ => self.err(
                        Diagnostic::error(
                            Code::Y0201,
                            Loc {
                                file,
                                span: bb.span,
                            },
                            "a band bound needs `>=`, `>`, `<=` or `<`",
                            "not a bound",
                        )
                        .zh("档次的界限需要用 `>=`、`>`、`<=` 或 `<`")
                        .help("write e.g. `when >= 85 and < 90`")
                        .help_zh("例如写作 `when >= 85 and < 90`"),
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
            self.err(
                Diagnostic::error(
                    Code::Y0309,
                    Loc {
                        file,
                        span: g.name.span,
                    },
                    format!("grade `{}` has no bands", g.name.name),
                    "no bands",
                )
                .zh(format!("等级 `{}` 没有任何档次", g.name.name)),
            );
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
                Diagnostic::error(
                    Code::Y0106,
                    loc,
                    format!("`{}` is not a band of `{}`", name.name, g.name.name),
                    "no such band",
                )
                .zh(format!("`{}` 不是 `{}` 的档次", name.name, g.name.name))
                .help(format!(
                    "the bands of `{}` are {}",
                    g.name.name,
                    names.join(", ")
                ))
                .help_zh(format!(
                    "`{}` 的档次有：{}",
                    g.name.name,
                    names.join("、")
                )),
            );
            return None;
        };
        let vetoes: Vec<usize> = self
            .col
            .defs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.own && matches!(d.kind, PendKind::Item { veto: true, .. }))
            .map(|(i, _)| i)
            .collect();
        if vetoes.is_empty() {
            self.err(
                Diagnostic::error(Code::Y0106, loc, "`vetoed` needs basic conditions, and this standard has none", "nothing can veto")
                    .zh("`vetoed` 需要有否决项（基本条件），但这份标准没有")
                    .help("put the conditions that veto in `basic { item … }`, or remove the `vetoed` line")
                    .help_zh("请把一票否决的条件写在 `basic { item … }` 中，或删除 `vetoed` 这一行"),
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
