//! Ladders: `levels NAME [order] below LAST { rows }` lowered to an IR [`Ladder`].
//!
//! Reads a pending ladder (rows flattened, groups expanded, with the file of each row an overlay changed).
//! Types each row's subject and thresholds, checks the level names and the order of thresholds, and
//! produces the ladder with the enum type of its levels. Reports Y0102 (a level listed twice), Y0201,
//! Y0203, Y0304, Y0305 and Y0309.

use super::{cite_of, labels_of, Cx};
use crate::diag::{Code, Diagnostic, Loc};
use crate::ir::*;
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
                self.err(
                    Diagnostic::error(
                        Code::Y0102,
                        Loc { file, span: n.span },
                        format!("level `{}` is listed twice", n.name),
                        "listed again",
                    )
                    .zh(format!("级别 `{}` 列出了两次", n.name)),
                );
            }
            seen.push(&n.name);
        }
        let levels: Vec<Sym> = names.iter().map(|n| self.sym(&n.name)).collect();
        let mut rows = Vec::new();
        let mut all: Vec<(&ast::LevelRow, Option<String>)> = Vec::new();
        for m in &lv.members {
            match m {
                ast::LevelMember::Row(r) => all.push((r, None)),
                ast::LevelMember::Group(g) => {
                    for r in &g.rows {
                        all.push((
                            r,
                            Some(
                                g.short_label
                                    .as_ref()
                                    .map(|t| t.value.clone())
                                    .unwrap_or_else(|| g.name.name.clone()),
                            ),
                        ));
                    }
                }
            }
        }
        if all.is_empty() {
            self.err(
                Diagnostic::error(
                    Code::Y0309,
                    Loc {
                        file,
                        span: lv.name.span,
                    },
                    format!("level ladder `{}` has no rows", lv.name.name),
                    "empty ladder",
                )
                .zh(format!("分级表 `{}` 没有任何行", lv.name.name))
                .help("add rows such as `rate <= [1%, 3%, 5%]`, one threshold per level")
                .help_zh("请添加如 `rate <= [1%, 3%, 5%]` 的行，每个级别一个限值"),
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
                    Diagnostic::error(
                        Code::Y0201,
                        rloc,
                        "a level row needs a limit (`<=`, `<`, `>=` or `>`), not `==`/`!=`",
                        "not a limit",
                    )
                    .zh("分级表的行需要写限值（`<=`、`<`、`>=` 或 `>`），不能用 `==`/`!=`")
                    .help("write e.g. `count <= [0, 0, 0]` for \"none at any level\"")
                    .help_zh("例如“各级别都不允许出现”写作 `count <= [0, 0, 0]`"),
                );
            }
            if r.thresholds.len() != n_levels {
                self.err(
                    Diagnostic::error(Code::Y0305, rloc, format!("this row has {} threshold(s) but the ladder has {} level(s) above `{}`", r.thresholds.len(), n_levels, lv.below.name), "wrong number of thresholds")
                        .zh(format!("这一行有 {} 个限值，但分级表在 `{}` 之上有 {} 个级别", r.thresholds.len(), lv.below.name, n_levels))
                        .help(format!("give one threshold for each of {}, best level first", lv.order.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")))
                        .help_zh(format!("请为 {} 各给一个限值，从最好的级别开始", lv.order.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join("、"))),
                );
            }
            let mut ths = Vec::new();
            let mut consts: Vec<(Decimal, Span, CmpOp)> = Vec::new();
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
                        Diagnostic::error(Code::Y0304, Loc { file, span }, format!("this threshold's `{}` does not point the same way as the row's `{}`", op.as_str(), r.op.as_str()), "mixed directions")
                            .zh(format!("这个限值的 `{}` 与本行的 `{}` 方向不一致", op.as_str(), r.op.as_str()))
                            .help("every threshold of a row is an upper limit (`<=`, `<`) or every one a lower limit (`>=`, `>`); write two rows for two kinds of limit")
                            .help_zh("一行中的限值要么都是上限（`<=`、`<`），要么都是下限（`>=`、`>`）；两类限值请分两行写"),
                    );
                }
            }
            for (k, t) in r.thresholds.iter().enumerate() {
                let (tx, tt) = self.expr(t, prefix, file);
                if st.is_numeric() && tt.is_numeric() {
                    match (&st, &tt) {
                        (Ty::Percent, Ty::Lit) => self.err(
                            Diagnostic::error(
                                Code::Y0203,
                                Loc { file, span: t.span },
                                "a percentage row has a threshold without `%`",
                                "missing `%`",
                            )
                            .zh("百分数的行中有一个限值没有写 `%`")
                            .help(match &tx {
                                Ex::Const(Val::Num(n)) => format!("write `{n}%`"),
                                _ => "add `%` to the threshold".into(),
                            })
                            .help_zh(match &tx {
                                Ex::Const(Val::Num(n)) => format!("请写成 `{n}%`"),
                                _ => "请在限值后加上 `%`".into(),
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
                }
                ths.push(tx);
            }
            // A must be at least as strict as B, B as C.
            if consts.len() == r.thresholds.len() {
                for w in 0..consts.len().saturating_sub(1) {
                    let (a, b) = (consts[w], consts[w + 1]);
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
                        fixed.sort_unstable();
                        let (best, below) = fixed.split_at(fixed.len() - 1);
                        let limits: Vec<String> = consts
                            .iter()
                            .rev()
                            .map(|(v, _, _)| format!("{v}{pct}"))
                            .collect();
                        self.err(
                            Diagnostic::error(Code::Y0304, Loc { file, span: lv.name.span }, format!("the levels are written worst first ({}, below {}), with their limits in the same order", names[..names.len() - 1].join(" > "), lv.below.name), "levels worst first")
                                .zh(format!("级别是从最差写起的（{}, below {}），限值也按同样的顺序排列", names[..names.len() - 1].join(" > "), lv.below.name))
                                .help(format!("a ladder goes best first, its limits too: write `levels {}: {}, below {}` and this row as `… {} [{}]`", lv.name.name, best.join(" > "), below.join(""), r.op.as_str(), limits.join(", ")))
                                .help_zh(format!("分级表应从最好的级别写起，限值也一样：请写 `levels {}: {}, below {}`，并把这一行写成 `… {} [{}]`", lv.name.name, best.join(" > "), below.join(""), r.op.as_str(), limits.join(", "))),
                        );
                        break;
                    }
                    if bad {
                        let (la, lb) = (
                            &lv.order[w].name,
                            lv.order.get(w + 1).map(|x| x.name.as_str()).unwrap_or("?"),
                        );
                        self.err(
                            Diagnostic::error(Code::Y0304, Loc { file, span: b.1 }, format!("level {la} is less strict than level {lb} on this row"), format!("{lb}: {} {}{pct}", b.2.as_str(), b.0))
                                .zh(format!("在这一行上，级别 {la} 比级别 {lb} 还宽松"))
                                .related(Loc { file, span: a.1 }, format!("{la}: {} {}{pct}", a.2.as_str(), a.0), format!("{la} 级：{} {}{pct}", a.2.as_str(), a.0))
                                .help(if r.op.is_upper_limit() {
                                    format!("with `{}` a better level needs a smaller or equal limit: {la} ≤ {lb}", r.op.as_str())
                                } else {
                                    format!("with `{}` a better level needs a larger or equal limit: {la} ≥ {lb}", r.op.as_str())
                                })
                                .help_zh(if r.op.is_upper_limit() {
                                    format!("用 `{}` 时，越好的级别限值应越小（或相等）：{la} ≤ {lb}", r.op.as_str())
                                } else {
                                    format!("用 `{}` 时，越好的级别限值应越大（或相等）：{la} ≥ {lb}", r.op.as_str())
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
                subject_input,
                percent: matches!(st, Ty::Percent),
                group,
                labels: labels_of(&r.label, &None),
                cite: cite_of(&r.citation).or_else(|| cite_of(&lv.citation)),
                loc: rloc,
            });
        }
        let ty = Ty::Enum(levels.clone().into());
        (Ladder { levels, rows }, ty)
    }
}
