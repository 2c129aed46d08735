//! Definitions: each collected value, item, ladder, score and grade lowered to an IR [`Def`].
//!
//! Reads the pending definitions of [`Collected`](super::compose::Collected). A definition is lowered on
//! demand, the first time something refers to it (or in document order), so that its type is known where
//! it is used; a reference back into a definition still being lowered is a cycle (Y0104), and so is a
//! chain of references deeper than [`MAX_DEF_CHAIN`]. Produces one [`Def`] with its [`Ty`] per pending
//! definition, in document order (ordering by dependency is [`order`](super::order)'s); an item
//! without a condition is Y0309.

use super::compose::PendKind;
use super::{cite_of, labels_of, Cx, MAX_DEF_CHAIN};
use crate::diag::{Code, Diagnostic, Loc};
use crate::ir::{Cite, Def, DefId, DefKind, Ex, Ty, Val};
use crate::words::diagnostics as d;

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    /// The definitions pass: every pending definition lowered (those already lowered on demand are kept).
    pub(super) fn lower_defs(&mut self) {
        for i in 0..self.col.defs.len() {
            self.lower_def(i);
        }
    }

    pub(super) fn def_type(&mut self, id: DefId, at: Loc) -> Ty {
        let d = id.index();
        if let Some(Some((_, t))) = self.done.get(d) {
            return t.clone();
        }
        if self.in_progress.get(d).copied().unwrap_or(false) {
            let id = self
                .col
                .defs
                .get(d)
                .map(|p| p.id.clone())
                .unwrap_or_default();
            self.err(
                Diagnostic::error_msg(
                    Code::Y0104,
                    at,
                    d::y0104_depends_on_itself(&id),
                    d::y0104_loop_label(),
                )
                .help_msg(d::y0104_depends_on_itself_help()),
            );
            return Ty::Error;
        }
        if self.depth >= MAX_DEF_CHAIN {
            self.err(
                Diagnostic::error_msg(
                    Code::Y0104,
                    at,
                    d::y0104_definitions_too_deep(&MAX_DEF_CHAIN),
                    d::y0104_chain_label(),
                )
                .help_msg(d::y0104_definitions_too_deep_help()),
            );
            return Ty::Error;
        }
        self.lower_def(d);
        self.done
            .get(d)
            .and_then(|x| x.as_ref().map(|x| x.1.clone()))
            .unwrap_or(Ty::Error)
    }

    fn lower_def(&mut self, i: usize) {
        if self.done.get(i).map(|d| d.is_some()).unwrap_or(true) || self.in_progress[i] {
            return;
        }
        self.in_progress[i] = true;
        self.depth += 1;
        let p = self.col.defs[i].clone();
        let loc = Loc {
            file: p.file,
            span: p.span,
        };
        let (kind, ty, labels, clause, cite, output) = match &p.kind {
            PendKind::Value {
                expr,
                output,
                label,
            } => {
                let (ex, ty) = self.expr(expr, &p.prefix, p.file);
                (
                    DefKind::Value(ex),
                    ty,
                    labels_of(label, &None),
                    None,
                    None,
                    *output,
                )
            }
            PendKind::Item {
                item,
                body_file,
                veto,
                section,
                ..
            } => {
                let applies = item.meta.applies.as_ref().map(|a| {
                    let (ex, ty) = self.expr(a, &p.prefix, p.file);
                    self.want_condition(
                        &ty,
                        Loc {
                            file: p.file,
                            span: a.span,
                        },
                        "`applies when`",
                    );
                    ex
                });
                let mut conds = Vec::new();
                for c in &item.body {
                    let (mut ex, ty) = self.expr(&c.expr, &p.prefix, *body_file);
                    self.want_condition(
                        &ty,
                        Loc {
                            file: *body_file,
                            span: c.expr.span,
                        },
                        "an item",
                    );
                    if let Some(cite) = cite_of(&c.citation) {
                        attach_cite(&mut ex, cite);
                    }
                    conds.push(ex);
                }
                if item.body.is_empty() {
                    self.err(
                        Diagnostic::error_msg(
                            Code::Y0309,
                            loc,
                            d::y0309_item_without_condition(&p.id),
                            d::y0309_empty_item_label(),
                        )
                        .help_msg(d::y0309_item_without_condition_help()),
                    );
                }
                let body = if conds.len() == 1 {
                    conds.pop().unwrap_or(Ex::Const(Val::Bool(true)))
                } else {
                    Ex::And(conds)
                };
                (
                    DefKind::Item {
                        applies,
                        body,
                        veto: *veto,
                        section: section.clone(),
                    },
                    Ty::Outcome,
                    labels_of(&item.meta.label, &item.short_label),
                    item.meta.clause.as_ref().map(|c| c.value.clone()),
                    cite_of(&item.meta.citation),
                    false,
                )
            }
            PendKind::Levels(lv, files) => {
                let (ladder, ty) = self.ladder(lv, &p.prefix, p.file, files);
                (
                    DefKind::Levels(ladder),
                    ty,
                    labels_of(&lv.label, &None),
                    None,
                    cite_of(&lv.citation),
                    true,
                )
            }
            PendKind::Score(s, files) => {
                let kind = self.score(s, &p.prefix, p.file, files);
                (
                    DefKind::Score {
                        kind,
                        out_of: s.out_of.as_ref().map(|n| n.value),
                    },
                    Ty::Number(None),
                    labels_of(&s.label, &None),
                    None,
                    None,
                    true,
                )
            }
            PendKind::Grade(g, files) => {
                let (from, bands, ty) = self.grade(g, &p.prefix, p.file, files);
                let vetoed = self.vetoed_band(g, &bands, p.file);
                (
                    DefKind::Grade {
                        from,
                        bands,
                        vetoed,
                    },
                    ty,
                    labels_of(&g.label, &None),
                    None,
                    None,
                    true,
                )
            }
        };
        let def = Def {
            id: p.id.clone(),
            kind,
            labels,
            clause,
            cite,
            docs: p.docs.clone(),
            loc,
            own: p.own,
            output: output && p.own,
            ty: ty.clone(),
        };
        self.done[i] = Some((def, ty));
        self.in_progress[i] = false;
        self.depth -= 1;
    }
}

fn attach_cite(ex: &mut Ex, cite: Cite) {
    match ex {
        Ex::Cmp(c) => c.cite = Some(cite),
        Ex::And(xs) | Ex::AllOf(xs) => {
            for x in xs {
                attach_cite(x, cite.clone());
            }
        }
        _ => {}
    }
}
