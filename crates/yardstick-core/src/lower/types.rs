//! Expression typing: an AST expression lowered to an IR [`Ex`] with its [`Ty`].
//!
//! Reads expressions of items, values, `applies when`, grades, `require` rules and ranking keys, with the
//! names declared by [`names`](super::names). Checks kinds and units of operands (numbers, percentages,
//! counts, quantities in units, yes/no conditions, enums, dates, series), comparisons, `in`, `each`,
//! `at_least` and the functions of the language, and produces the typed IR expression. Reports Y0103,
//! Y0106, Y0201–Y0207, Y0306, Y0309 and Y0313.

use super::{Cx, Slot, MAX_EACH_COPIES};
use crate::diag::{Code, Diagnostic, Loc};
use crate::ir::*;
use crate::text::edit_distance;
use crate::words::diagnostics as d;
use yardstick_syntax::ast::{self, ArithOp, CmpOp, ExprKind, Span};

/// `what` of [`Cx::want_condition`] and [`Cx::want_number`] in Chinese: a keyword in backticks stays as
/// written, a phrase is translated.
fn what_zh(what: &str) -> String {
    match what {
        "an item" => "检查项".into(),
        "a `require` rule" => "`require` 规则".into(),
        "a level row" => "分级表的行".into(),
        "a weighted score" => "加权分值".into(),
        "a score" => "分值".into(),
        "a grade" => "等级".into(),
        "a ranking" => "排名".into(),
        w => w.to_string(),
    }
}

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    pub(super) fn want_condition(&mut self, ty: &Ty, loc: Loc, what: &str) {
        if !ty.is_condition() {
            self.err(
                Diagnostic::error_msg(
                    Code::Y0205,
                    loc,
                    d::y0205_condition_not_yes_no(
                        &what,
                        &ty.describe(),
                        &what_zh(what),
                        &ty.describe_zh(),
                    ),
                    d::y0205_not_a_condition_label(),
                )
                .help_msg(d::y0205_condition_not_yes_no_help()),
            );
        }
    }

    pub(super) fn expr(&mut self, e: &ast::Expr, prefix: &str, file: usize) -> (Ex, Ty) {
        let loc = Loc { file, span: e.span };
        match &e.kind {
            ExprKind::Number(n) => (
                Ex::Const(Val::Num(n.value)),
                if n.percent { Ty::Percent } else { Ty::Lit },
            ),
            ExprKind::Bool(b) => (Ex::Const(Val::Bool(*b)), Ty::Bool),
            ExprKind::Date(d) => (Ex::Const(Val::Date(d.date)), Ty::Date),
            // Only a ladder threshold can be `unknown`; the ladder lowers it (`lower::ladders`).
            ExprKind::Error | ExprKind::UnknownLimit => (Ex::Const(Val::Unknown), Ty::Error),
            ExprKind::Paren(x) => self.expr(x, prefix, file),
            ExprKind::Ref(path) => match self.lookup(prefix, path, file) {
                Some((Slot::Input(i), ty)) => (Ex::Input(i), ty),
                Some((Slot::Def(d), ty)) => (Ex::Def(d), ty),
                None => {
                    self.unresolved(path, prefix, file);
                    (Ex::Const(Val::Unknown), Ty::Error)
                }
            },
            ExprKind::Neg(x) => {
                let (ex, ty) = self.expr(x, prefix, file);
                self.want_number(&ty, loc, "`-`");
                (Ex::Neg(Box::new(ex)), ty)
            }
            ExprKind::Not(x) => {
                let (ex, ty) = self.expr(x, prefix, file);
                self.want_condition(&ty, Loc { file, span: x.span }, "`not`");
                (Ex::Not(Box::new(ex)), Ty::Bool)
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let (c, ct) = self.expr(cond, prefix, file);
                self.want_condition(
                    &ct,
                    Loc {
                        file,
                        span: cond.span,
                    },
                    "`if`",
                );
                let (a, at) = self.expr(then, prefix, file);
                let (b, bt) = self.expr(otherwise, prefix, file);
                let ty = match (&at, &bt) {
                    (Ty::Error, t) | (t, Ty::Error) => t.clone(),
                    (Ty::Lit, t) | (t, Ty::Lit) if t.is_numeric() => t.clone(),
                    (x, y) if x == y => x.clone(),
                    (x, y) if x.is_condition() && y.is_condition() => Ty::Bool,
                    (x, y) => {
                        self.err(
                            Diagnostic::error_msg(
                                Code::Y0201,
                                loc,
                                d::y0201_if_branches_differ(
                                    &x.describe(),
                                    &y.describe(),
                                    &x.describe_zh(),
                                    &y.describe_zh(),
                                ),
                                d::y0201_different_kinds_label(),
                            )
                            .help_msg(d::y0201_if_branches_differ_help()),
                        );
                        Ty::Error
                    }
                };
                (
                    Ex::If(Box::new(If {
                        cond: c,
                        then: a,
                        otherwise: b,
                    })),
                    ty,
                )
            }
            ExprKind::Each { var, group, body } => {
                let full = format!("{prefix}{}.", group.text);
                let members: Vec<InputId> = self
                    .inputs
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.id.starts_with(&full))
                    .map(|(i, _)| InputId::from_index(i))
                    .collect();
                if members.is_empty() {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0101,
                            Loc {
                                file,
                                span: group.span,
                            },
                            d::y0101_not_a_group(&group.text),
                            d::y0101_no_such_group_label(),
                        )
                        .help_msg(d::y0101_not_a_group_help()),
                    );
                    return (Ex::Const(Val::Unknown), Ty::Error);
                }
                if self.each_capped {
                    return (Ex::Const(Val::Unknown), Ty::Error);
                }
                self.each_copies = self.each_copies.saturating_add(members.len());
                if self.each_copies > MAX_EACH_COPIES {
                    self.each_capped = true;
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0313,
                            loc,
                            d::y0313_each_too_many(&MAX_EACH_COPIES),
                            d::y0313_too_many_label(),
                        )
                        .help_msg(d::y0313_each_too_many_help()),
                    );
                    return (Ex::Const(Val::Unknown), Ty::Error);
                }
                let mut out = Vec::new();
                for i in members {
                    self.bound.push((var.name.clone(), i));
                    let (ex, ty) = self.expr(body, prefix, file);
                    self.bound.pop();
                    self.want_condition(
                        &ty,
                        Loc {
                            file,
                            span: body.span,
                        },
                        "`each`",
                    );
                    out.push(ex);
                }
                (Ex::AllOf(out), Ty::Bool)
            }
            ExprKind::Logic { op, operands } => {
                let mut out = Vec::new();
                for o in operands {
                    let (ex, ty) = self.expr(o, prefix, file);
                    self.want_condition(
                        &ty,
                        Loc { file, span: o.span },
                        if *op == ast::LogicOp::And {
                            "`and`"
                        } else {
                            "`or`"
                        },
                    );
                    out.push(ex);
                }
                (
                    if *op == ast::LogicOp::And {
                        Ex::And(out)
                    } else {
                        Ex::Or(out)
                    },
                    Ty::Bool,
                )
            }
            ExprKind::AllOf(list) | ExprKind::AnyOf(list) | ExprKind::NoneOf(list) => {
                let what = match &e.kind {
                    ExprKind::AllOf(_) => "`all_of`",
                    ExprKind::AnyOf(_) => "`any_of`",
                    _ => "`none_of`",
                };
                if list.is_empty() {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0309,
                            loc,
                            d::y0309_empty_list(&what),
                            d::y0309_empty_list_label(),
                        )
                        .help_msg(d::y0309_empty_list_help()),
                    );
                }
                let mut out = Vec::new();
                for o in list {
                    let (ex, ty) = self.expr(o, prefix, file);
                    self.want_condition(&ty, Loc { file, span: o.span }, what);
                    out.push(ex);
                }
                let ex = match &e.kind {
                    ExprKind::AllOf(_) => Ex::AllOf(out),
                    ExprKind::AnyOf(_) => Ex::AnyOf(out),
                    _ => Ex::NoneOf(out),
                };
                (ex, Ty::Bool)
            }
            ExprKind::AtLeast {
                k,
                list,
                rest_within,
            } => {
                if (*k as usize) > list.len() {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0306,
                            loc,
                            d::y0306_at_least_too_many(&k, &list.len()),
                            d::y0306_never_pass_label(),
                        )
                        .help_msg(d::y0306_at_least_too_many_help(&list.len())),
                    );
                }
                let mut out = Vec::new();
                for o in list {
                    let (ex, ty) = self.expr(o, prefix, file);
                    self.want_condition(&ty, Loc { file, span: o.span }, "`at_least`");
                    if rest_within.is_some() {
                        let has_multiple = match &ex {
                            Ex::Def(d) => self.def_has_multiple(*d),
                            _ => false,
                        };
                        if !has_multiple && ty != Ty::Error {
                            self.err(
                                Diagnostic::error_msg(
                                    Code::Y0207,
                                    Loc { file, span: o.span },
                                    d::y0207_rest_within_without_limits(),
                                    d::y0207_no_exceedance_label(),
                                )
                                .help_msg(d::y0207_rest_within_without_limits_help()),
                            );
                        }
                    }
                    out.push(ex);
                }
                (
                    Ex::AtLeast {
                        k: *k,
                        list: out,
                        within: rest_within.as_ref().map(|n| n.value),
                    },
                    Ty::Bool,
                )
            }
            ExprKind::Arith { op, lhs, rhs } => {
                let (l, lt) = self.expr(lhs, prefix, file);
                let (r, rt) = self.expr(rhs, prefix, file);
                for (t, s) in [(&lt, lhs.span), (&rt, rhs.span)] {
                    if matches!(t, Ty::Bool | Ty::Outcome) {
                        self.err(
                            Diagnostic::error_msg(
                                Code::Y0204,
                                Loc { file, span: s },
                                d::y0204_yes_no_in_arithmetic(&op.as_str()),
                                d::y0204_yes_no_label(),
                            )
                            .help_msg(d::y0204_yes_no_in_arithmetic_help()),
                        );
                    } else if !t.is_numeric() {
                        self.err(Diagnostic::error_msg(
                            Code::Y0201,
                            Loc { file, span: s },
                            d::y0201_kind_in_arithmetic(
                                &t.describe(),
                                &op.as_str(),
                                &t.describe_zh(),
                            ),
                            d::y0201_not_a_number_label(),
                        ));
                    }
                }
                let ty = match op {
                    ArithOp::Add | ArithOp::Sub => {
                        self.same_kind(&lt, &rt, loc, lhs.span, rhs.span, op.as_str())
                    }
                    _ => match (&lt, &rt) {
                        (Ty::Lit, t) | (t, Ty::Lit)
                            if *op == ArithOp::Mul || matches!(rt, Ty::Lit) =>
                        {
                            t.clone()
                        }
                        (Ty::Percent, t) | (t, Ty::Percent)
                            if *op == ArithOp::Mul && !matches!(t, Ty::Percent) =>
                        {
                            t.clone()
                        }
                        _ => Ty::Number(None),
                    },
                };
                // A percentage scales a count or a quantity as a fraction (40% × 1000 = 400); with a plain
                // number or another percentage it stays in percentage points (30% × 2 = 60%).
                let quantity = |t: &Ty| matches!(t, Ty::Count | Ty::Number(_));
                let (pct_l, pct_r) = match op {
                    ArithOp::Mul | ArithOp::Div => (
                        lt == Ty::Percent && quantity(&rt),
                        rt == Ty::Percent && quantity(&lt),
                    ),
                    _ => (false, false),
                };
                (
                    Ex::Arith {
                        op: *op,
                        lhs: Box::new(l),
                        rhs: Box::new(r),
                        pct_l,
                        pct_r,
                        loc,
                    },
                    ty,
                )
            }
            ExprKind::Compare { op, lhs, rhs } => self.compare(*op, lhs, rhs, prefix, file, loc),
            ExprKind::In { lhs, list } => {
                let (l, lt) = self.expr(lhs, prefix, file);
                let mut set = Vec::new();
                match &lt {
                    Ty::Enum(syms) => {
                        for item in list {
                            match &item.kind {
                                ExprKind::Ref(p) => match self.variant(syms, &p.text) {
                                    Some(s) => set.push(s),
                                    None => self.bad_variant(syms, p, file),
                                },
                                _ => self.err(Diagnostic::error_msg(
                                    Code::Y0201,
                                    Loc {
                                        file,
                                        span: item.span,
                                    },
                                    d::y0201_in_lists_names(),
                                    d::y0201_not_a_name_label(),
                                )),
                            }
                        }
                    }
                    Ty::Error => {}
                    t => self.err(
                        Diagnostic::error_msg(
                            Code::Y0201,
                            Loc {
                                file,
                                span: lhs.span,
                            },
                            d::y0201_in_needs_named_value(&t.describe(), &t.describe_zh()),
                            d::y0201_not_a_named_value_label(),
                        )
                        .help_msg(d::y0201_in_needs_named_value_help()),
                    ),
                }
                (
                    Ex::In {
                        lhs: Box::new(l),
                        set,
                    },
                    Ty::Bool,
                )
            }
            ExprKind::Call { func, args } => self.call(func, args, prefix, file, loc),
        }
    }

    fn def_has_multiple(&mut self, d: DefId) -> bool {
        match self.done.get(d.index()).and_then(|x| x.as_ref()) {
            Some((def, _)) => match &def.kind {
                DefKind::Item { body, .. } => has_upper_cmp(body),
                DefKind::Levels(l) => l.rows.iter().any(|r| r.op.is_upper_limit()),
                _ => false,
            },
            None => true,
        }
    }

    pub(super) fn want_number(&mut self, ty: &Ty, loc: Loc, what: &str) {
        if matches!(ty, Ty::Bool | Ty::Outcome) {
            self.err(Diagnostic::error_msg(
                Code::Y0204,
                loc,
                d::y0204_yes_no_with(&what, &what_zh(what)),
                d::y0204_yes_no_label(),
            ));
        } else if !ty.is_numeric() {
            self.err(Diagnostic::error_msg(
                Code::Y0201,
                loc,
                d::y0201_kind_with(&ty.describe(), &what, &ty.describe_zh(), &what_zh(what)),
                d::y0201_not_a_number_label(),
            ));
        }
    }

    pub(super) fn same_kind(
        &mut self,
        a: &Ty,
        b: &Ty,
        loc: Loc,
        sa: Span,
        sb: Span,
        op: &str,
    ) -> Ty {
        match (a, b) {
            (Ty::Error, t) | (t, Ty::Error) => t.clone(),
            (Ty::Lit, t) | (t, Ty::Lit) if !matches!(t, Ty::Percent) => t.clone(),
            (Ty::Percent, Ty::Percent) => Ty::Percent,
            (Ty::Count, Ty::Count) => Ty::Count,
            (Ty::Number(x), Ty::Number(y)) if x == y || x.is_none() || y.is_none() => {
                Ty::Number(x.clone().or(y.clone()))
            }
            (Ty::Count, Ty::Number(u)) | (Ty::Number(u), Ty::Count) => Ty::Number(u.clone()),
            (Ty::Number(Some(x)), Ty::Number(Some(y))) => {
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0202,
                        loc,
                        d::y0202_units_differ(&op, &x, &y),
                        d::y0202_different_units_label(),
                    )
                    .related_msg(
                        Loc {
                            file: loc.file,
                            span: sa,
                        },
                        d::y0202_units_differ_note(&x),
                    )
                    .related_msg(
                        Loc {
                            file: loc.file,
                            span: sb,
                        },
                        d::y0202_units_differ_note(&y),
                    )
                    .help_msg(d::y0202_units_differ_help()),
                );
                Ty::Error
            }
            (Ty::Percent, Ty::Lit) | (Ty::Lit, Ty::Percent) => {
                let s = if matches!(a, Ty::Lit) { sa } else { sb };
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0203,
                        Loc {
                            file: loc.file,
                            span: s,
                        },
                        d::y0203_percent_with_plain(),
                        d::y0203_missing_percent_label(),
                    )
                    .help_msg(d::y0203_percent_with_plain_help()),
                );
                Ty::Percent
            }
            _ if a.is_numeric() && b.is_numeric() => {
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0201,
                        loc,
                        d::y0201_kinds_combined(
                            &op,
                            &a.describe(),
                            &b.describe(),
                            &a.describe_zh(),
                            &b.describe_zh(),
                        ),
                        d::y0201_different_kinds_label(),
                    )
                    .related_msg(
                        Loc {
                            file: loc.file,
                            span: sa,
                        },
                        d::kind_note(&a.describe(), &a.describe_zh()),
                    )
                    .related_msg(
                        Loc {
                            file: loc.file,
                            span: sb,
                        },
                        d::kind_note(&b.describe(), &b.describe_zh()),
                    )
                    .help_msg(d::y0201_kinds_combined_help()),
                );
                Ty::Error
            }
            _ => Ty::Error,
        }
    }

    fn compare(
        &mut self,
        op: CmpOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        prefix: &str,
        file: usize,
        loc: Loc,
    ) -> (Ex, Ty) {
        let (l, lt) = self.expr(lhs, prefix, file);
        // An enum or level compared with a bare name: resolve the name as one of its values.
        if let (Ty::Enum(syms), ExprKind::Ref(p)) = (&lt, &rhs.kind) {
            let full = format!("{prefix}{}", p.text);
            if !self.names.contains_key(&full) {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0201,
                            loc,
                            d::y0201_ordering_named_values(&op.as_str()),
                            d::y0201_not_an_ordering_label(),
                        )
                        .help_msg(d::y0201_ordering_named_values_help()),
                    );
                }
                let syms = syms.clone();
                let sym = match self.variant(&syms, &p.text) {
                    Some(s) => s,
                    None => {
                        self.bad_variant(&syms, p, file);
                        0
                    }
                };
                let subject_input = match &l {
                    Ex::Input(i) => Some(*i),
                    _ => None,
                };
                let ex = Ex::Cmp(Box::new(Cmp {
                    op,
                    lhs: l,
                    rhs: Ex::Const(Val::Sym(sym)),
                    cite: None,
                    loc,
                    subject_input,
                    percent: false,
                }));
                return (ex, Ty::Bool);
            }
        }
        let (r, rt) = self.expr(rhs, prefix, file);
        let ordering = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        match (&lt, &rt) {
            (Ty::Error, _) | (_, Ty::Error) => {}
            (Ty::Percent, Ty::Lit) | (Ty::Lit, Ty::Percent) => {
                let (side, val) = if matches!(rt, Ty::Lit) {
                    (rhs, &r)
                } else {
                    (lhs, &l)
                };
                let (shown, shown_zh) = match val {
                    Ex::Const(Val::Num(n)) => (format!("{n}%"), format!("{n}%")),
                    _ => ("the number with `%`".into(), "带 `%` 的数值".into()),
                };
                let (name, name_zh) = match (&lhs.kind, &rhs.kind) {
                    (ExprKind::Ref(p), _) | (_, ExprKind::Ref(p)) => {
                        (format!("`{}`", p.text), format!("`{}`", p.text))
                    }
                    _ => ("this value".into(), "这个值".into()),
                };
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0203,
                        Loc {
                            file,
                            span: side.span,
                        },
                        d::y0203_percent_compared_plain(&name, &name_zh),
                        d::y0203_missing_percent_label(),
                    )
                    .help_msg(d::y0203_percent_compared_plain_help(&shown, &shown_zh)),
                );
            }
            (Ty::Bool, Ty::Bool)
            | (Ty::Outcome, Ty::Bool)
            | (Ty::Bool, Ty::Outcome)
            | (Ty::Outcome, Ty::Outcome)
                if !ordering => {}
            (Ty::Date, Ty::Date) => {}
            (Ty::Enum(_), Ty::Enum(_)) if !ordering => {}
            (a, b) if a.is_numeric() && b.is_numeric() => {
                self.same_kind(a, b, loc, lhs.span, rhs.span, op.as_str());
            }
            (a, b) => {
                let code =
                    if matches!(a, Ty::Bool | Ty::Outcome) || matches!(b, Ty::Bool | Ty::Outcome) {
                        Code::Y0204
                    } else {
                        Code::Y0201
                    };
                self.err(
                    Diagnostic::error_msg(
                        code,
                        loc,
                        d::y0201_kinds_compared(
                            &op.as_str(),
                            &a.describe(),
                            &b.describe(),
                            &a.describe_zh(),
                            &b.describe_zh(),
                        ),
                        d::y0201_cannot_compare_label(),
                    )
                    .related_msg(
                        Loc {
                            file,
                            span: lhs.span,
                        },
                        d::kind_note(&a.describe(), &a.describe_zh()),
                    )
                    .related_msg(
                        Loc {
                            file,
                            span: rhs.span,
                        },
                        d::kind_note(&b.describe(), &b.describe_zh()),
                    )
                    .help_msg(if matches!(a, Ty::Bool) {
                        d::y0204_yes_no_compared_help()
                    } else {
                        d::y0201_kinds_compared_help()
                    }),
                );
            }
        }
        let subject_input = match &l {
            Ex::Input(i) => Some(*i),
            _ => None,
        };
        let percent = matches!(lt, Ty::Percent) || matches!(rt, Ty::Percent);
        (
            Ex::Cmp(Box::new(Cmp {
                op,
                lhs: l,
                rhs: r,
                cite: None,
                loc,
                subject_input,
                percent,
            })),
            Ty::Bool,
        )
    }

    fn call(
        &mut self,
        func: &ast::Ident,
        args: &[ast::Expr],
        prefix: &str,
        file: usize,
        loc: Loc,
    ) -> (Ex, Ty) {
        if func.name == "exceedance" {
            let def = match args.first().map(|a| &a.kind) {
                Some(ExprKind::Ref(p)) => match self.lookup(prefix, p, file) {
                    Some((Slot::Def(d), _)) => Some(d),
                    Some(_) => {
                        self.err(Diagnostic::error_msg(
                            Code::Y0207,
                            Loc { file, span: p.span },
                            d::y0207_exceedance_of_input(&p.text),
                            d::y0207_an_input_label(),
                        ));
                        None
                    }
                    None => {
                        self.unresolved(p, prefix, file);
                        None
                    }
                },
                _ => {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0206,
                            loc,
                            d::y0206_exceedance_argument(),
                            d::y0206_needs_an_id_label(),
                        )
                        .help_msg(d::y0206_exceedance_argument_help()),
                    );
                    None
                }
            };
            let mut level = None;
            if let (Some(d), Some(a)) = (def, args.get(1)) {
                let levels = self.done.get(d.index()).and_then(|x| x.as_ref()).and_then(
                    |(def, _)| match &def.kind {
                        DefKind::Levels(l) => Some(l.levels.clone()),
                        _ => None,
                    },
                );
                match (levels, &a.kind) {
                    (Some(ls), ExprKind::Ref(_) | ExprKind::Number(_)) => {
                        // A level is named by a name or, for ladders such as `0 > 1 > 2`, a whole number.
                        let text = match &a.kind {
                            ExprKind::Ref(p) => p.text.clone(),
                            ExprKind::Number(n) if !n.percent => n.value.to_string(),
                            _ => String::new(),
                        };
                        match ls.iter().position(|s| {
                            self.symbols
                                .get(*s as usize)
                                .map(|x| *x == text)
                                .unwrap_or(false)
                        }) {
                            Some(i) if i + 1 < ls.len() => level = Some(i),
                            _ => self.err(Diagnostic::error_msg(
                                Code::Y0106,
                                Loc { file, span: a.span },
                                d::y0106_not_a_passing_level(&text),
                                d::y0106_unknown_level_label(),
                            )),
                        }
                    }
                    _ => self.err(Diagnostic::error_msg(
                        Code::Y0206,
                        Loc { file, span: a.span },
                        d::y0206_exceedance_second_argument(),
                        d::y0206_not_a_level_label(),
                    )),
                }
            }
            if let Some(d) = def {
                if !self.def_has_multiple(d) {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0207,
                            loc,
                            d::y0207_no_exceedance(),
                            d::y0207_no_multiple_label(),
                        )
                        .help_msg(d::y0207_no_exceedance_help()),
                    );
                }
                return (Ex::Exceedance { def: d, level }, Ty::Number(None));
            }
            return (Ex::Const(Val::Unknown), Ty::Error);
        }
        let Some(f) = Func::by_name(&func.name) else {
            let known = [
                "latest",
                "mean",
                "min",
                "max",
                "rising",
                "non_decreasing",
                "round",
                "abs",
                "exceedance",
            ];
            let near = known.iter().find(|k| edit_distance(k, &func.name) <= 2);
            let d = Diagnostic::error_msg(
                Code::Y0103,
                Loc {
                    file,
                    span: func.span,
                },
                d::y0103_no_such_function(&func.name),
                d::y0103_unknown_function_label(),
            );
            let d = match near {
                Some(n) => d.did_you_mean(n),
                None => d.help_msg(d::y0103_no_such_function_help(
                    &known.join(", "),
                    &known.join("、"),
                )),
            };
            self.err(d);
            return (Ex::Const(Val::Unknown), Ty::Error);
        };
        let mut exs = Vec::new();
        let mut tys = Vec::new();
        for a in args {
            let (e, t) = self.expr(a, prefix, file);
            exs.push(e);
            tys.push(t);
        }
        let arity_ok = match f {
            Func::Latest | Func::Mean | Func::Rising | Func::NonDecreasing | Func::Abs => {
                args.len() == 1
            }
            Func::Round => args.len() == 2,
            Func::Min | Func::Max => !args.is_empty(),
        };
        if !arity_ok {
            self.err(
                Diagnostic::error_msg(
                    Code::Y0206,
                    loc,
                    d::y0206_argument_count(&func.name, &args.len()),
                    d::y0206_wrong_count_label(),
                )
                .help_msg(match f {
                    Func::Round => d::y0206_round_arguments_help(),
                    Func::Min | Func::Max => d::y0206_list_arguments_help(&func.name),
                    _ => d::y0206_series_argument_help(&func.name),
                }),
            );
            return (Ex::Const(Val::Unknown), Ty::Error);
        }
        let first = tys.first().cloned().unwrap_or(Ty::Error);
        let ty = match f {
            Func::Latest | Func::Mean | Func::Rising | Func::NonDecreasing => match &first {
                Ty::Series(_, e) => {
                    if matches!(f, Func::Rising | Func::NonDecreasing) {
                        Ty::Bool
                    } else {
                        (**e).clone()
                    }
                }
                Ty::Error => Ty::Error,
                t => {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0206,
                            Loc {
                                file,
                                span: args.first().map(|a| a.span).unwrap_or(loc.span),
                            },
                            d::y0206_needs_series(&func.name, &t.describe(), &t.describe_zh()),
                            d::y0206_not_a_series_label(),
                        )
                        .help_msg(d::y0206_needs_series_help()),
                    );
                    Ty::Error
                }
            },
            Func::Min | Func::Max if args.len() == 1 => match &first {
                Ty::Series(_, e) => (**e).clone(),
                t => t.clone(),
            },
            Func::Min | Func::Max => {
                let mut t = first.clone();
                for (i, other) in tys.iter().enumerate().skip(1) {
                    let s0 = args.first().map(|a| a.span).unwrap_or(loc.span);
                    let si = args.get(i).map(|a| a.span).unwrap_or(loc.span);
                    t = self.same_kind(&t, other, loc, s0, si, &func.name);
                }
                t
            }
            Func::Round | Func::Abs => {
                self.want_number(&first, loc, &format!("`{}`", func.name));
                first
            }
        };
        (
            Ex::Call {
                func: f,
                args: exs,
                loc,
            },
            ty,
        )
    }
}

pub(crate) fn has_upper_cmp(ex: &Ex) -> bool {
    let mut found = false;
    walk(ex, &mut |e| {
        if let Ex::Cmp(c) = e {
            if c.op.is_upper_limit() {
                found = true;
            }
        }
    });
    found
}
