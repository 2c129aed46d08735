//! Names: every input and definition declared under its full id, and every reference resolved.
//!
//! Reads the [`Collected`](super::compose::Collected) inputs and definitions. Inputs are typed here (their
//! kind, unit and range) and become the program's [`InputDef`]s; each definition's id is declared so that
//! it can be referred to before it is lowered. Lookups resolve a name (an `each` variable first, then the
//! declared ids under the current prefix) to a [`Slot`] and its type. Reports Y0101 (with "did you mean"),
//! Y0102, Y0106 (an enum value that does not exist), Y0201 / Y0203 / Y0307 / Y0309 on input declarations,
//! Y0501 (an input nothing uses) and Y0503 (a number without a unit).

use super::compose::PendInput;
use super::{cite_of, labels_of, Cx, Slot};
use crate::diag::{Code, Diagnostic, Loc};
use crate::ir::{InputDef, Sym, Ty};
use crate::text::edit_distance;
use rust_decimal::Decimal;
use std::sync::Arc;
use yardstick_syntax::ast;

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    /// The inputs pass: each collected input typed, ranged and declared, in document order.
    pub(super) fn declare_inputs(&mut self) {
        // Inputs.
        let pend_inputs = std::mem::take(&mut self.col.inputs);
        for p in &pend_inputs {
            let loc = Loc {
                file: p.file,
                span: p.input.name.span,
            };
            let ty = self.input_type(&p.input.ty, p.file);
            let (min, max) = self.input_range(p, &ty);
            if let Ty::Number(None) = ty {
                if p.own {
                    self.err(
                        Diagnostic::warning(Code::Y0503, Loc { file: p.file, span: p.input.ty.span }, format!("input `{}` is a number without a unit", p.id), "no unit")
                            .zh(format!("输入项 `{}` 是没有单位的数值", p.id))
                            .help("say what it counts, e.g. `number unit \"m²\"`; use `count` for whole numbers or `percent` for rates")
                            .help_zh("请写明计量单位，例如 `number unit \"m²\"`；整数个数用 `count`，比率用 `percent`"),
                    );
                }
            }
            let idx = self.inputs.len();
            self.inputs.push(InputDef {
                id: p.id.clone(),
                ty,
                min,
                max,
                labels: labels_of(&p.input.label, &None),
                help: labels_of(&p.input.help, &None),
                cite: cite_of(&p.input.citation),
                group: p.group.clone(),
                loc,
                own: p.own,
            });
            self.declare(&p.id, Slot::Input(idx), loc);
        }
        self.used_inputs = vec![false; self.inputs.len()];
    }

    /// Every definition's id, declared before any is lowered so that references may point forward.
    pub(super) fn declare_defs(&mut self) {
        for i in 0..self.col.defs.len() {
            let (id, file, span) = (
                self.col.defs[i].id.clone(),
                self.col.defs[i].file,
                self.col.defs[i].span,
            );
            self.declare(&id, Slot::Def(i), Loc { file, span });
        }
    }

    /// Y0501: own inputs that nothing read (run after everything that can read an input was lowered).
    pub(super) fn warn_unused_inputs(&mut self) {
        for (i, inp) in self.inputs.iter().enumerate() {
            if inp.own && !self.used_inputs[i] {
                self.l.diags.push(
                    Diagnostic::warning(
                        Code::Y0501,
                        inp.loc,
                        format!("input `{}` is declared but nothing uses it", inp.id),
                        "never used",
                    )
                    .zh(format!("输入项 `{}` 已声明，但没有任何地方用到它", inp.id))
                    .help("use it in an item, level, score or grade, or delete it")
                    .help_zh("请在检查项、分级表、分值或等级中用到它，或者删除它"),
                );
            }
        }
    }

    fn declare(&mut self, id: &str, slot: Slot, loc: Loc) {
        if let Some(prev) = self.names.get(id) {
            let prev_loc = match prev {
                Slot::Input(i) => self.inputs.get(*i).map(|x| x.loc),
                Slot::Def(d) => self.col.defs.get(*d).map(|x| Loc {
                    file: x.file,
                    span: x.span,
                }),
            };
            let mut d = Diagnostic::error(Code::Y0102, loc, format!("`{id}` is declared twice"), "declared again here")
                .zh(format!("`{id}` 声明了两次"))
                .help("every input, item, level ladder, score, grade and value needs its own id; rename one of them")
                .help_zh("每个输入项、检查项、分级表、分值、等级和中间值都需要自己的 id；请给其中一个改名");
            if let Some(pl) = prev_loc {
                d = d.related(pl, "first declared here", "第一次声明在这里");
            }
            self.err(d);
            return;
        }
        self.names.insert(id.to_string(), slot);
    }

    fn input_type(&mut self, t: &ast::Type, file: usize) -> Ty {
        match &t.kind {
            ast::TypeKind::Bool => Ty::Bool,
            ast::TypeKind::Count => Ty::Count,
            ast::TypeKind::Percent => Ty::Percent,
            ast::TypeKind::Date => Ty::Date,
            ast::TypeKind::Number { unit } => {
                Ty::Number(unit.as_ref().map(|u| Arc::from(u.value.as_str())))
            }
            ast::TypeKind::Enum(vs) => {
                let mut seen: Vec<&str> = Vec::new();
                for v in vs {
                    if seen.contains(&v.name.name.as_str()) {
                        self.err(
                            Diagnostic::error(
                                Code::Y0102,
                                Loc {
                                    file,
                                    span: v.name.span,
                                },
                                format!("enum value `{}` is listed twice", v.name.name),
                                "listed again",
                            )
                            .zh(format!("选项值 `{}` 列出了两次", v.name.name)),
                        );
                    }
                    seen.push(&v.name.name);
                }
                let syms: Vec<Sym> = vs.iter().map(|v| self.sym(&v.name.name)).collect();
                Ty::Enum(syms.into())
            }
            ast::TypeKind::Series { len, elem } => {
                if *len == 0 {
                    self.err(
                        Diagnostic::error(
                            Code::Y0309,
                            Loc { file, span: t.span },
                            "a series needs at least one value",
                            "series of 0",
                        )
                        .zh("序列至少需要一个值")
                        .help("write e.g. `series 3 of percent` for three years")
                        .help_zh("例如连续三年的百分数写作 `series 3 of percent`"),
                    );
                }
                Ty::Series(*len, Box::new(self.input_type(elem, file)))
            }
        }
    }

    fn input_range(&mut self, p: &PendInput, ty: &Ty) -> (Option<Decimal>, Option<Decimal>) {
        let elem = match ty {
            Ty::Series(_, e) => e.as_ref(),
            t => t,
        };
        let (dmin, dmax) = match elem {
            Ty::Percent => (Some(Decimal::ZERO), Some(Decimal::ONE_HUNDRED)),
            Ty::Count => (Some(Decimal::ZERO), None),
            _ => (None, None),
        };
        let Some(r) = &p.input.range else {
            return (dmin, dmax);
        };
        let file = p.file;
        for n in [&r.min, &r.max].into_iter().flatten() {
            if matches!(elem, Ty::Percent) && !n.percent {
                self.err(
                    Diagnostic::error(
                        Code::Y0203,
                        Loc { file, span: n.span },
                        format!(
                            "the range of percentage input `{}` is written without `%`",
                            p.id
                        ),
                        "missing `%`",
                    )
                    .zh(format!("百分数输入项 `{}` 的取值范围没有写 `%`", p.id))
                    .help(format!("write `{}%`", n.value))
                    .help_zh(format!("请写成 `{}%`", n.value)),
                );
            }
            if !matches!(elem, Ty::Percent) && n.percent {
                self.err(
                    Diagnostic::error(
                        Code::Y0201,
                        Loc { file, span: n.span },
                        format!(
                            "input `{}` is {}, but its range is a percentage",
                            p.id,
                            elem.describe()
                        ),
                        "a percentage",
                    )
                    .zh(format!(
                        "输入项 `{}` 是{}，但它的取值范围是百分数",
                        p.id,
                        elem.describe_zh()
                    ))
                    .help("drop the `%`, or declare the input as `percent`")
                    .help_zh("请去掉 `%`，或把该输入项声明为 `percent`"),
                );
            }
            if !elem.is_numeric() {
                self.err(
                    Diagnostic::error(
                        Code::Y0201,
                        Loc { file, span: r.span },
                        format!(
                            "input `{}` is {} and cannot have a numeric range",
                            p.id,
                            elem.describe()
                        ),
                        "range not allowed here",
                    )
                    .zh(format!(
                        "输入项 `{}` 是{}，不能有数值范围",
                        p.id,
                        elem.describe_zh()
                    )),
                );
            }
        }
        let min = r.min.as_ref().map(|n| n.value).or(dmin);
        let max = r.max.as_ref().map(|n| n.value).or(dmax);
        if let (Some(a), Some(b)) = (min, max) {
            if a > b {
                self.err(
                    Diagnostic::error(
                        Code::Y0307,
                        Loc { file, span: r.span },
                        format!(
                            "the range {a}..{b} is empty: its lower end is above its upper end"
                        ),
                        "empty range",
                    )
                    .zh(format!("取值范围 {a}..{b} 是空的：下限大于上限"))
                    .help("write the smaller number first")
                    .help_zh("请把较小的数写在前面"),
                );
            }
        }
        (min, max)
    }

    pub(super) fn lookup(
        &mut self,
        prefix: &str,
        path: &ast::Path,
        file: usize,
    ) -> Option<(Slot, Ty)> {
        let full = format!("{prefix}{}", path.text);
        let bound = self
            .bound
            .iter()
            .rev()
            .find(|(v, _)| *v == path.text)
            .map(|(_, i)| Slot::Input(*i));
        let slot = match bound {
            Some(s) => s,
            None => self.names.get(&full).cloned()?,
        };
        let ty = match &slot {
            Slot::Input(i) => {
                if let Some(u) = self.used_inputs.get_mut(*i) {
                    *u = true;
                }
                self.inputs
                    .get(*i)
                    .map(|x| x.ty.clone())
                    .unwrap_or(Ty::Error)
            }
            Slot::Def(d) => self.def_type(
                *d,
                Loc {
                    file,
                    span: path.span,
                },
            ),
        };
        Some((slot, ty))
    }

    pub(super) fn unresolved(&mut self, path: &ast::Path, prefix: &str, file: usize) {
        let want = format!("{prefix}{}", path.text);
        let mut best: Option<(usize, String)> = None;
        for k in self.names.keys() {
            let Some(rel) = k.strip_prefix(prefix) else {
                continue;
            };
            let d = edit_distance(rel, &path.text);
            if d <= 2.max(path.text.len() / 4) && best.as_ref().map(|b| d < b.0).unwrap_or(true) {
                best = Some((d, rel.to_string()));
            }
        }
        let diag = Diagnostic::error(
            Code::Y0101,
            Loc {
                file,
                span: path.span,
            },
            format!("`{}` is not declared", path.text),
            "unknown name",
        )
        .zh(format!("`{}` 没有声明", path.text));
        let diag = match best {
            Some((_, s)) => diag
                .help(format!("did you mean `{s}`?"))
                .help_zh(format!("是不是 `{s}`？")),
            None => diag
                .help(format!("declare it first (`input {}: …`), or check the spelling; names from a used standard start with its alias, e.g. `pests.fly`", want))
                .help_zh(format!("请先声明它（`input {}: …`），或检查拼写；引用的标准中的名称以其别名开头，例如 `pests.fly`", want)),
        };
        self.err(diag);
    }

    pub(super) fn variant(&mut self, syms: &Arc<[Sym]>, name: &str) -> Option<Sym> {
        let s = *self.sym_index.get(name)?;
        syms.contains(&s).then_some(s)
    }

    pub(super) fn bad_variant(&mut self, syms: &Arc<[Sym]>, p: &ast::Path, file: usize) {
        let names: Vec<String> = syms
            .iter()
            .map(|s| {
                format!(
                    "`{}`",
                    self.symbols.get(*s as usize).cloned().unwrap_or_default()
                )
            })
            .collect();
        self.err(
            Diagnostic::error(
                Code::Y0106,
                Loc { file, span: p.span },
                format!("`{}` is not one of the values this can take", p.text),
                "unknown value",
            )
            .zh(format!("`{}` 不是这里可以取的值", p.text))
            .help(format!("the possible values are {}", names.join(", ")))
            .help_zh(format!("可取的值有：{}", names.join("、"))),
        );
    }
}
