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
use crate::ir::{DefId, InputDef, InputId, Labels, Sym, Ty};
use crate::text::edit_distance;
use crate::words::diagnostics as d;
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
                        Diagnostic::warning_msg(
                            Code::Y0503,
                            Loc {
                                file: p.file,
                                span: p.input.ty.span,
                            },
                            d::y0503_number_without_unit(&p.id),
                            d::y0503_no_unit_label(),
                        )
                        .help_msg(d::y0503_number_without_unit_help()),
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
                choices: choices_of(&p.input.ty.kind),
                loc,
                own: p.own,
            });
            self.declare(&p.id, Slot::Input(InputId::from_index(idx)), loc);
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
            self.declare(&id, Slot::Def(DefId::from_index(i)), Loc { file, span });
        }
    }

    /// Y0501: own inputs that nothing read (run after everything that can read an input was lowered).
    pub(super) fn warn_unused_inputs(&mut self) {
        for (i, inp) in self.inputs.iter().enumerate() {
            if inp.own && !self.used_inputs[i] {
                self.l.diags.push(
                    Diagnostic::warning_msg(
                        Code::Y0501,
                        inp.loc,
                        d::y0501_unused_input(&inp.id),
                        d::y0501_never_used_label(),
                    )
                    .help_msg(d::y0501_unused_input_help()),
                );
            }
        }
    }

    fn declare(&mut self, id: &str, slot: Slot, loc: Loc) {
        if let Some(prev) = self.names.get(id) {
            let prev_loc = match prev {
                Slot::Input(i) => self.inputs.get(i.index()).map(|x| x.loc),
                Slot::Def(d) => self.col.defs.get(d.index()).map(|x| Loc {
                    file: x.file,
                    span: x.span,
                }),
            };
            let mut d = Diagnostic::error_msg(
                Code::Y0102,
                loc,
                d::y0102_declared_twice(&id),
                d::y0102_declared_again_label(),
            )
            .help_msg(d::y0102_declared_twice_help());
            if let Some(pl) = prev_loc {
                d = d.related_msg(pl, d::y0102_declared_twice_note());
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
                        self.err(Diagnostic::error_msg(
                            Code::Y0102,
                            Loc {
                                file,
                                span: v.name.span,
                            },
                            d::y0102_enum_value_twice(&v.name.name),
                            d::y0102_listed_again_label(),
                        ));
                    }
                    seen.push(&v.name.name);
                }
                let syms: Vec<Sym> = vs.iter().map(|v| self.sym(&v.name.name)).collect();
                Ty::Enum(syms.into())
            }
            ast::TypeKind::Series { len, elem } => {
                if *len == 0 {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0309,
                            Loc { file, span: t.span },
                            d::y0309_empty_series(),
                            d::y0309_empty_series_label(),
                        )
                        .help_msg(d::y0309_empty_series_help()),
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
                    Diagnostic::error_msg(
                        Code::Y0203,
                        Loc { file, span: n.span },
                        d::y0203_range_without_percent(&p.id),
                        d::y0203_missing_percent_label(),
                    )
                    .help_msg(d::y0203_write_percent_help(&n.value)),
                );
            }
            if !matches!(elem, Ty::Percent) && n.percent {
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0201,
                        Loc { file, span: n.span },
                        d::y0201_range_percent_of_non_percent(
                            &p.id,
                            &elem.describe(),
                            &elem.describe_zh(),
                        ),
                        d::y0201_a_percentage_label(),
                    )
                    .help_msg(d::y0201_range_percent_of_non_percent_help()),
                );
            }
            if !elem.is_numeric() {
                self.err(Diagnostic::error_msg(
                    Code::Y0201,
                    Loc { file, span: r.span },
                    d::y0201_range_of_non_number(&p.id, &elem.describe(), &elem.describe_zh()),
                    d::y0201_range_not_allowed_label(),
                ));
            }
        }
        let min = r.min.as_ref().map(|n| n.value).or(dmin);
        let max = r.max.as_ref().map(|n| n.value).or(dmax);
        if let (Some(a), Some(b)) = (min, max) {
            if a > b {
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0307,
                        Loc { file, span: r.span },
                        d::y0307_range_empty(&a, &b),
                        d::y0307_empty_range_label(),
                    )
                    .help_msg(d::y0307_range_empty_help()),
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
                if let Some(u) = self.used_inputs.get_mut(i.index()) {
                    *u = true;
                }
                self.inputs
                    .get(i.index())
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
        let diag = Diagnostic::error_msg(
            Code::Y0101,
            Loc {
                file,
                span: path.span,
            },
            d::y0101_not_declared(&path.text),
            d::y0101_unknown_name_label(),
        );
        let diag = match best {
            Some((_, s)) => diag.did_you_mean(&s),
            None => diag.help_msg(d::y0101_not_declared_help(&want)),
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
            Diagnostic::error_msg(
                Code::Y0106,
                Loc { file, span: p.span },
                d::y0106_not_a_possible_value(&p.text),
                d::y0106_unknown_value_label(),
            )
            .help_msg(d::y0106_not_a_possible_value_help(
                &names.join(", "),
                &names.join("、"),
            )),
        );
    }
}

/// The labels of an enum type's values (a series of an enum: its element's), in order; the short label
/// after a value is its Chinese label, as for every other short label.
fn choices_of(t: &ast::TypeKind) -> Vec<Labels> {
    match t {
        ast::TypeKind::Enum(vs) => vs.iter().map(|v| labels_of(&None, &v.label)).collect(),
        ast::TypeKind::Series { elem, .. } => choices_of(&elem.kind),
        _ => Vec::new(),
    }
}
