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
                Diagnostic::error(
                    Code::Y0205,
                    loc,
                    format!(
                        "{what} needs a yes/no condition, but this is {}",
                        ty.describe()
                    ),
                    "not a condition",
                )
                .zh(format!(
                    "{} 需要一个是/否条件，但这里是{}",
                    what_zh(what),
                    ty.describe_zh()
                ))
                .help("compare the value with a limit, e.g. `rate <= 3%`, or name a yes/no input")
                .help_zh("请把数值与限值比较，例如 `rate <= 3%`，或写一个是/否输入项"),
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
            ExprKind::Error => (Ex::Const(Val::Unknown), Ty::Error),
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
                            Diagnostic::error(Code::Y0201, loc, format!("the two values of this `if` are of different kinds: {} after `then`, {} after `else`", x.describe(), y.describe()), "different kinds")
                                .zh(format!("这个 `if` 的两个值类型不同：`then` 之后是{}，`else` 之后是{}", x.describe_zh(), y.describe_zh()))
                                .help("give both branches the same kind of value, e.g. two percentages or two yes/no conditions")
                                .help_zh("请让两个分支给出同一类的值，例如都是百分数，或都是是/否条件"),
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
                let members: Vec<usize> = self
                    .inputs
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.id.starts_with(&full))
                    .map(|(i, _)| i)
                    .collect();
                if members.is_empty() {
                    self.err(
                        Diagnostic::error(
                            Code::Y0101,
                            Loc {
                                file,
                                span: group.span,
                            },
                            format!("`{}` is not a group of inputs", group.text),
                            "no such group",
                        )
                        .zh(format!("`{}` 不是一组输入项", group.text))
                        .help(
                            "write the id of a `group NAME { input … }` declared in this standard",
                        )
                        .help_zh("请写本标准中声明的 `group NAME { input … }` 的 id"),
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
                        Diagnostic::error(Code::Y0313, loc, format!("`each` repeats its condition more than {MAX_EACH_COPIES} times in this document"), "too many copies")
                            .zh(format!("`each` 在本文档中重复其条件超过 {MAX_EACH_COPIES} 次"))
                            .help("an `each` inside another repeats the inner condition for every pair; write the condition once per group, or split the group")
                            .help_zh("一个 `each` 套在另一个里面时，内层条件会对每一对组合重复一次；请每组只写一次条件，或拆分这一组"),
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
                        Diagnostic::error(
                            Code::Y0309,
                            loc,
                            format!("{what} has an empty list"),
                            "empty list",
                        )
                        .zh(format!("{what} 的列表是空的"))
                        .help("list the conditions or items inside the brackets")
                        .help_zh("请在方括号内列出条件或检查项"),
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
                        Diagnostic::error(
                            Code::Y0306,
                            loc,
                            format!(
                                "`at_least {k}` asks for more than the {} listed",
                                list.len()
                            ),
                            "can never pass",
                        )
                        .zh(format!(
                            "`at_least {k}` 要求的数目超过了所列的 {} 项",
                            list.len()
                        ))
                        .help(format!(
                            "K must be at most the number of entries ({})",
                            list.len()
                        ))
                        .help_zh(format!("K 不能大于所列的项数（{}）", list.len())),
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
                                Diagnostic::error(Code::Y0207, Loc { file, span: o.span }, "\"the rest within Nx\" needs items whose rules have upper limits", "no exceedance multiple")
                                    .zh("“其余不超过 N 倍”（the rest within Nx）需要判定条件带有上限的检查项")
                                    .help("list items whose conditions compare values with upper limits (`<=` or `<`), so a multiple of the limit can be measured")
                                    .help_zh("请列出条件是与上限比较（`<=` 或 `<`）的检查项，这样才能算出超过限值的倍数"),
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
                            Diagnostic::error(Code::Y0204, Loc { file, span: s }, format!("a yes/no answer cannot be used in `{}`", op.as_str()), "yes/no, not a number")
                                .zh(format!("是/否的回答不能用在 `{}` 中", op.as_str()))
                                .help("count or score yes/no answers with a score (`deduct 1 per …`) or an item, not with arithmetic")
                                .help_zh("请用分值（`deduct 1 per …`）或检查项来统计是/否的回答，不要用算术运算"),
                        );
                    } else if !t.is_numeric() {
                        self.err(
                            Diagnostic::error(
                                Code::Y0201,
                                Loc { file, span: s },
                                format!("{} cannot be used in `{}`", t.describe(), op.as_str()),
                                "not a number",
                            )
                            .zh(format!(
                                "{}不能用在 `{}` 中",
                                t.describe_zh(),
                                op.as_str()
                            )),
                        );
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
                                _ => self.err(Diagnostic::error(Code::Y0201, Loc { file, span: item.span }, "`in [...]` lists names of values", "not a name").zh("`in [...]` 中应列出值的名称")),
                            }
                        }
                    }
                    Ty::Error => {}
                    t => self.err(
                        Diagnostic::error(Code::Y0201, Loc { file, span: lhs.span }, format!("`in [...]` needs a named value (an enum input, a level or a grade), but this is {}", t.describe()), "not a named value")
                            .zh(format!("`in [...]` 需要一个有名称的值（选项输入项、级别或等级），但这里是{}", t.describe_zh()))
                            .help("for numbers, compare with `>=` and `<=` instead")
                            .help_zh("数值请改用 `>=` 和 `<=` 比较"),
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

    fn def_has_multiple(&mut self, d: usize) -> bool {
        match self.done.get(d).and_then(|x| x.as_ref()) {
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
            self.err(
                Diagnostic::error(
                    Code::Y0204,
                    loc,
                    format!("a yes/no answer cannot be used with {what}"),
                    "yes/no, not a number",
                )
                .zh(format!("是/否的回答不能用于{}", what_zh(what))),
            );
        } else if !ty.is_numeric() {
            self.err(
                Diagnostic::error(
                    Code::Y0201,
                    loc,
                    format!("{} cannot be used with {what}", ty.describe()),
                    "not a number",
                )
                .zh(format!("{}不能用于{}", ty.describe_zh(), what_zh(what))),
            );
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
                    Diagnostic::error(Code::Y0202, loc, format!("`{op}` combines a number in {x} with a number in {y}"), "different units")
                        .zh(format!("`{op}` 把以 {x} 为单位的数值与以 {y} 为单位的数值放在一起运算"))
                        .related(Loc { file: loc.file, span: sa }, format!("in {x}"), format!("单位为 {x}"))
                        .related(Loc { file: loc.file, span: sb }, format!("in {y}"), format!("单位为 {y}"))
                        .help("only quantities in the same unit can be added or compared; convert one of them first")
                        .help_zh("只有单位相同的量才能相加或比较；请先换算其中一个"),
                );
                Ty::Error
            }
            (Ty::Percent, Ty::Lit) | (Ty::Lit, Ty::Percent) => {
                let s = if matches!(a, Ty::Lit) { sa } else { sb };
                self.err(
                    Diagnostic::error(
                        Code::Y0203,
                        Loc {
                            file: loc.file,
                            span: s,
                        },
                        "a percentage is combined with a plain number",
                        "missing `%`",
                    )
                    .zh("百分数与普通数值放在一起运算")
                    .help("write the number as a percentage, e.g. `90%`")
                    .help_zh("请把数值写成百分数，例如 `90%`"),
                );
                Ty::Percent
            }
            _ if a.is_numeric() && b.is_numeric() => {
                self.err(
                    Diagnostic::error(Code::Y0201, loc, format!("`{op}` combines {} with {}", a.describe(), b.describe()), "different kinds")
                        .zh(format!("`{op}` 把{}与{}放在一起运算", a.describe_zh(), b.describe_zh()))
                        .related(Loc { file: loc.file, span: sa }, a.describe(), a.describe_zh())
                        .related(Loc { file: loc.file, span: sb }, b.describe(), b.describe_zh())
                        .help("both sides must be the same kind of quantity: percentages with percentages, counts with counts")
                        .help_zh("两边必须是同一类的量：百分数对百分数，计数对计数"),
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
                        Diagnostic::error(Code::Y0201, loc, format!("`{}` only works on numbers and dates; named values can be tested with `==`, `!=` or `in [...]`", op.as_str()), "not an ordering")
                            .zh(format!("`{}` 只能用于数值和日期；有名称的值请用 `==`、`!=` 或 `in [...]` 判断", op.as_str()))
                            .help("to accept several values write `x in [A, B, C]`")
                            .help_zh("如果可以接受几个值，请写 `x in [A, B, C]`"),
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
                    Diagnostic::error(
                        Code::Y0203,
                        Loc {
                            file,
                            span: side.span,
                        },
                        format!("{name} is a percentage but is compared with a plain number"),
                        "missing `%`",
                    )
                    .zh(format!("{name_zh} 是百分数，却与普通数值比较"))
                    .help(format!(
                        "write `{shown}`: percentages are compared with percentages"
                    ))
                    .help_zh(format!("请写成 `{shown_zh}`：百分数要与百分数比较")),
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
                    Diagnostic::error(
                        code,
                        loc,
                        format!(
                            "`{}` compares {} with {}",
                            op.as_str(),
                            a.describe(),
                            b.describe()
                        ),
                        "these cannot be compared",
                    )
                    .zh(format!(
                        "`{}` 把{}与{}比较",
                        op.as_str(),
                        a.describe_zh(),
                        b.describe_zh()
                    ))
                    .related(
                        Loc {
                            file,
                            span: lhs.span,
                        },
                        a.describe(),
                        a.describe_zh(),
                    )
                    .related(
                        Loc {
                            file,
                            span: rhs.span,
                        },
                        b.describe(),
                        b.describe_zh(),
                    )
                    .help(if matches!(a, Ty::Bool) {
                        "a yes/no input is a condition by itself: write `name` or `not name`"
                    } else {
                        "compare values of the same kind"
                    })
                    .help_zh(if matches!(a, Ty::Bool) {
                        "是/否输入项本身就是条件：请直接写 `name` 或 `not name`"
                    } else {
                        "请比较同一类的值"
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
                        self.err(Diagnostic::error(Code::Y0207, Loc { file, span: p.span }, format!("`exceedance` needs an item or a level ladder, but `{}` is an input", p.text), "an input").zh(format!("`exceedance` 需要检查项或分级表，但 `{}` 是输入项", p.text)));
                        None
                    }
                    None => {
                        self.unresolved(p, prefix, file);
                        None
                    }
                },
                _ => {
                    self.err(
                        Diagnostic::error(
                            Code::Y0206,
                            loc,
                            "`exceedance(…)` takes the id of an item or a level ladder",
                            "needs an id",
                        )
                        .zh("`exceedance(…)` 的参数是检查项或分级表的 id")
                        .help("e.g. `exceedance(level)` or `exceedance(pests.fly)`")
                        .help_zh("例如 `exceedance(level)` 或 `exceedance(pests.fly)`"),
                    );
                    None
                }
            };
            let mut level = None;
            if let (Some(d), Some(a)) = (def, args.get(1)) {
                let levels = self
                    .done
                    .get(d)
                    .and_then(|x| x.as_ref())
                    .and_then(|(def, _)| match &def.kind {
                        DefKind::Levels(l) => Some(l.levels.clone()),
                        _ => None,
                    });
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
                            _ => self.err(
                                Diagnostic::error(
                                    Code::Y0106,
                                    Loc { file, span: a.span },
                                    format!("`{text}` is not a passing level of this ladder"),
                                    "unknown level",
                                )
                                .zh(format!("`{text}` 不是这个分级表中达标的级别")),
                            ),
                        }
                    }
                    _ => self.err(
                        Diagnostic::error(
                            Code::Y0206,
                            Loc { file, span: a.span },
                            "the second argument of `exceedance` is a level of the ladder",
                            "not a level",
                        )
                        .zh("`exceedance` 的第二个参数应是分级表中的一个级别"),
                    ),
                }
            }
            if let Some(d) = def {
                if !self.def_has_multiple(d) {
                    self.err(
                        Diagnostic::error(Code::Y0207, loc, "this has no upper limits, so it has no exceedance multiple", "no multiple")
                            .zh("这里没有上限，因此没有超标倍数")
                            .help("an exceedance multiple is the measured value divided by an upper limit (`<=` or `<`)")
                            .help_zh("超标倍数是实测值除以上限（`<=` 或 `<`）得到的倍数"),
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
            let d = Diagnostic::error(
                Code::Y0103,
                Loc {
                    file,
                    span: func.span,
                },
                format!("there is no function `{}`", func.name),
                "unknown function",
            )
            .zh(format!("没有 `{}` 这个函数", func.name))
            .help(match near {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!("the functions are {}", known.join(", ")),
            })
            .help_zh(match near {
                Some(n) => format!("是不是 `{n}`？"),
                None => format!("可用的函数有：{}", known.join("、")),
            });
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
                Diagnostic::error(
                    Code::Y0206,
                    loc,
                    format!("`{}` is given {} value(s)", func.name, args.len()),
                    "wrong number of values",
                )
                .zh(format!("`{}` 给了 {} 个值", func.name, args.len()))
                .help(match f {
                    Func::Round => "write `round(value, decimals)`".to_string(),
                    Func::Min | Func::Max => {
                        format!("write `{}(series)` or `{}(a, b, …)`", func.name, func.name)
                    }
                    _ => format!("write `{}(series)`", func.name),
                })
                .help_zh(match f {
                    Func::Round => "请写成 `round(value, decimals)`（数值，小数位数）".to_string(),
                    Func::Min | Func::Max => {
                        format!("请写成 `{}(series)` 或 `{}(a, b, …)`", func.name, func.name)
                    }
                    _ => format!("请写成 `{}(series)`", func.name),
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
                        Diagnostic::error(
                            Code::Y0206,
                            Loc {
                                file,
                                span: args.first().map(|a| a.span).unwrap_or(loc.span),
                            },
                            format!(
                                "`{}` needs a series of yearly values, but this is {}",
                                func.name,
                                t.describe()
                            ),
                            "not a series",
                        )
                        .zh(format!(
                            "`{}` 需要逐年数值的序列，但这里是{}",
                            func.name,
                            t.describe_zh()
                        ))
                        .help("declare the input as e.g. `series 3 of percent`")
                        .help_zh("请把输入项声明为序列，例如 `series 3 of percent`"),
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
