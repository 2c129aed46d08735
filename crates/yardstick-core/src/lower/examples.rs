//! Examples, `require` rules and the ranking of the root document.
//!
//! Reads the root document's `example` blocks, the collected `require` rules and its `rank by` clause,
//! after the definitions were ordered: every reference in them is renumbered with the order's `remap`.
//! Checks each example's inputs and expectations against the declared inputs and definitions (Y0101,
//! Y0106, Y0308) and produces the IR [`ExampleDef`]s, [`RequireDef`]s and [`RankDef`].

use super::{labels_of, Cx, Slot};
use crate::diag::{Code, Diagnostic, Loc};
use crate::ir::*;
use crate::text::edit_distance;
use crate::words::diagnostics as d;
use crate::words::Msg;
use std::collections::HashMap;
use yardstick_syntax::ast::{self, MemberKind};

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    pub(super) fn examples(&mut self, remap: &[DefId]) -> Vec<ExampleDef> {
        let root = self.root;
        let Some(unit) = self.l.units.get(root) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in &unit.doc.standard.members {
            let MemberKind::Example(e) = &m.kind else {
                continue;
            };
            let mut given = Vec::new();
            for g in &e.given {
                let gloc = Loc {
                    file: root,
                    span: g.span,
                };
                let Some(Slot::Input(i)) = self.names.get(&g.input.text).cloned() else {
                    let mut d = Diagnostic::error_msg(
                        Code::Y0308,
                        Loc {
                            file: root,
                            span: g.input.span,
                        },
                        d::y0308_example_unknown_input(&e.name.value, &g.input.text),
                        d::y0308_not_an_input_label(),
                    );
                    if let Some(best) = self
                        .inputs
                        .iter()
                        .map(|x| (edit_distance(&x.id, &g.input.text), x.id.clone()))
                        .min()
                    {
                        if best.0 <= 3 {
                            d = d.did_you_mean(&best.1);
                        }
                    }
                    self.err(d);
                    continue;
                };
                let ty = self
                    .inputs
                    .get(i.index())
                    .map(|x| x.ty.clone())
                    .unwrap_or(Ty::Error);
                match example_value(&g.value, &ty, &self.sym_index) {
                    Ok(v) => given.push((i, v)),
                    Err(why) => self.err(Diagnostic::error_msg(
                        Code::Y0308,
                        gloc,
                        d::y0308_example_bad_value(&e.name.value, &g.input.text, &why.en, &why.zh),
                        d::y0308_wrong_kind_label(),
                    )),
                }
            }
            let mut expect = Vec::new();
            for x in &e.expect {
                let xloc = Loc {
                    file: root,
                    span: x.span,
                };
                let written = value_text(&x.value);
                let target = match &x.target {
                    ast::ExpectTarget::Output(p) if p.text == "outcome" => Some(ExpectOn::Outcome),
                    ast::ExpectTarget::Output(p) | ast::ExpectTarget::Item(p) => {
                        match self.names.get(&p.text) {
                            Some(Slot::Def(d)) => remap.get(d.index()).map(|d| ExpectOn::Def(*d)),
                            _ => {
                                self.err(
                                    Diagnostic::error_msg(
                                        Code::Y0101,
                                        Loc {
                                            file: root,
                                            span: p.span,
                                        },
                                        d::y0101_example_unknown_expect(&e.name.value, &p.text),
                                        d::y0101_unknown_name_label(),
                                    )
                                    .help_msg(d::y0101_example_unknown_expect_help()),
                                );
                                None
                            }
                        }
                    }
                    ast::ExpectTarget::Exceedance { of, level } => match self.names.get(&of.text) {
                        Some(Slot::Def(d)) => {
                            let dd = d.index();
                            let lvl = level.as_ref().and_then(|l| {
                                self.done
                                    .get(dd)
                                    .and_then(|x| x.as_ref())
                                    .and_then(|(def, _)| match &def.kind {
                                        DefKind::Levels(lad) => lad.levels.iter().position(|s| {
                                            self.symbols
                                                .get(*s as usize)
                                                .map(|n| n == &l.name)
                                                .unwrap_or(false)
                                        }),
                                        _ => None,
                                    })
                            });
                            let n_levels = self
                                .done
                                .get(dd)
                                .and_then(|x| x.as_ref())
                                .map(|(def, _)| match &def.kind {
                                    DefKind::Levels(lad) => lad.levels.len(),
                                    _ => 0,
                                })
                                .unwrap_or(0);
                            match (level, lvl) {
                                (Some(l), None) => {
                                    self.err(
                                        Diagnostic::error_msg(
                                            Code::Y0106,
                                            Loc {
                                                file: root,
                                                span: l.span,
                                            },
                                            d::y0106_not_a_level(&l.name, &of.text),
                                            d::y0106_unknown_level_label(),
                                        )
                                        .help_msg(d::y0106_not_a_level_help()),
                                    );
                                    None
                                }
                                (Some(l), Some(i)) if i + 1 >= n_levels => {
                                    self.err(
                                        Diagnostic::error_msg(
                                            Code::Y0106,
                                            Loc {
                                                file: root,
                                                span: l.span,
                                            },
                                            d::y0106_level_below_ladder(&l.name),
                                            d::y0106_no_limits_label(),
                                        )
                                        .help_msg(d::y0106_level_below_ladder_help()),
                                    );
                                    None
                                }
                                _ => remap.get(dd).map(|d| ExpectOn::Exceedance {
                                    def: *d,
                                    level: lvl,
                                }),
                            }
                        }
                        _ => {
                            self.err(Diagnostic::error_msg(
                                Code::Y0101,
                                Loc {
                                    file: root,
                                    span: of.span,
                                },
                                d::y0101_not_item_or_ladder(&of.text),
                                d::y0101_unknown_name_label(),
                            ));
                            None
                        }
                    },
                };
                let value = match &x.value {
                    ast::Value::Number(n) => Val::Num(n.value),
                    ast::Value::Bool(b) => Val::Bool(*b),
                    ast::Value::Date(d) => Val::Date(*d),
                    ast::Value::Name(n) => {
                        Val::Sym(self.sym_index.get(n).copied().unwrap_or(Sym::MAX))
                    }
                    ast::Value::Series(_) => Val::Unknown,
                };
                if let Some(target) = target {
                    expect.push(Expect {
                        target,
                        value,
                        written,
                        rounded: x.rounded,
                        loc: xloc,
                    });
                }
            }
            out.push(ExampleDef {
                name: e.name.value.clone(),
                as_of: e.as_of.as_ref().map(|d| d.date),
                given,
                expect,
                loc: Loc {
                    file: root,
                    span: e.span,
                },
            });
        }
        out
    }

    pub(super) fn requires(&mut self, remap: &[DefId]) -> Vec<RequireDef> {
        let rules = std::mem::take(&mut self.col.requires);
        let mut out = Vec::new();
        for (id, prefix, file, r) in &rules {
            let (mut ex, ty) = self.expr(&r.cond, prefix, *file);
            self.want_condition(
                &ty,
                Loc {
                    file: *file,
                    span: r.cond.span,
                },
                "a `require` rule",
            );
            remap_ex(&mut ex, remap);
            out.push(RequireDef {
                id: id.clone(),
                labels: labels_of(&r.label, &r.short_label),
                cond: ex,
                loc: Loc {
                    file: *file,
                    span: r.name.span,
                },
            });
        }
        self.col.requires = rules;
        out
    }

    pub(super) fn rank(&mut self, remap: &[DefId]) -> Option<RankDef> {
        let root = self.root;
        let unit = self.l.units.get(root)?;
        let r = unit
            .doc
            .standard
            .members
            .iter()
            .find_map(|m| match &m.kind {
                MemberKind::Rank(r) => Some(r.clone()),
                _ => None,
            })?;
        let mut keys = Vec::new();
        for k in &r.keys {
            let (mut ex, ty) = self.expr(&k.expr, "", root);
            self.want_number(
                &ty,
                Loc {
                    file: root,
                    span: k.expr.span,
                },
                "a ranking",
            );
            remap_ex(&mut ex, remap);
            keys.push((ex, k.ascending));
        }
        Some(RankDef {
            keys,
            vetoed_last: r.vetoed_last,
        })
    }
}

/// The value of an example's `given`, or why it does not fit the input (in English and Chinese).
fn example_value(v: &ast::Value, ty: &Ty, syms: &HashMap<String, Sym>) -> Result<Val, Msg> {
    match (v, ty) {
        (ast::Value::Number(n), Ty::Percent) if n.percent => Ok(Val::Num(n.value)),
        (ast::Value::Number(_), Ty::Percent) => Err(d::y0308_why_percent()),
        (ast::Value::Number(n), Ty::Count | Ty::Number(_)) if !n.percent => Ok(Val::Num(n.value)),
        (ast::Value::Number(_), Ty::Count | Ty::Number(_)) => Err(d::y0308_why_not_percent()),
        (ast::Value::Bool(b), Ty::Bool) => Ok(Val::Bool(*b)),
        (ast::Value::Date(d), Ty::Date) => Ok(Val::Date(*d)),
        (ast::Value::Name(n), Ty::Enum(set)) => match syms.get(n) {
            Some(s) if set.contains(s) => Ok(Val::Sym(*s)),
            _ => Err(d::y0308_why_no_such_value(n)),
        },
        (ast::Value::Series(xs), Ty::Series(len, elem)) => {
            if xs.len() != *len as usize {
                return Err(d::y0308_why_series_length(len, &xs.len()));
            }
            if matches!(**elem, Ty::Percent) != xs.iter().all(|x| x.percent) {
                return Err(d::y0308_why_mixed());
            }
            Ok(Val::Series(
                xs.iter().map(|x| x.value).collect::<Vec<_>>().into(),
            ))
        }
        (_, t) => Err(d::y0308_why_kind(&t.describe(), &t.describe_zh())),
    }
}

fn value_text(v: &ast::Value) -> String {
    match v {
        ast::Value::Number(n) => format!("{}{}", n.value, if n.percent { "%" } else { "" }),
        ast::Value::Bool(b) => b.to_string(),
        ast::Value::Date(d) => d.to_string(),
        ast::Value::Name(n) => n.clone(),
        ast::Value::Series(xs) => format!(
            "[{}]",
            xs.iter()
                .map(|x| x.value.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
