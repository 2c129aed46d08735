//! Header checks: the root document's title, version, effective window, status, source, review cycle,
//! `supersedes` and `use` list.
//!
//! Reads the root document's members (and, for an overlay, its base's title and review cycle when the
//! overlay gives none). Produces the program's [`Header`], with Y0105 (a field missing or given twice),
//! Y0404 (an empty effective window) and Y0405 (`change` / `remove` in a document that extends nothing).

use super::{cite_of, docs_of, labels_of, Lowerer};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Header, ReviewCycle};
use crate::words::diagnostics as d;
use std::collections::HashMap;
use yardstick_syntax::ast::{self, MemberKind, Span};

impl<'u, 'a> Lowerer<'u, 'a> {
    pub(super) fn header(&mut self, doc: &ast::Document, file: usize) -> Header {
        let mut h = Header {
            id: doc.standard.id.text.clone(),
            docs: docs_of(&doc.docs),
            ..Header::default()
        };
        let mut seen: HashMap<&'static str, Span> = HashMap::new();
        let mut once = |l: &mut Self, what: &'static str, sp: Span| {
            if let Some(first) = seen.get(what) {
                l.diags.push(
                    Diagnostic::error_msg(
                        Code::Y0105,
                        Self::loc(file, sp),
                        d::y0105_given_twice(&what),
                        d::y0105_second_label(),
                    )
                    .help_msg(d::y0105_given_twice_help(&what))
                    .related_msg(Self::loc(file, *first), d::y0105_given_twice_note()),
                );
            } else {
                seen.insert(what, sp);
            }
        };
        for m in &doc.standard.members {
            match &m.kind {
                MemberKind::Title(t) => {
                    once(self, "title", m.span);
                    h.title = labels_of(&Some(t.clone()), &None);
                }
                MemberKind::Version(v) => {
                    once(self, "version", m.span);
                    h.version = v.value.clone();
                }
                MemberKind::Effective(e) => {
                    once(self, "effective", m.span);
                    h.from = e.from.as_ref().map(|d| d.date);
                    h.until = e.until.as_ref().map(|d| d.date);
                    h.effective_note = e.note.as_ref().map(|n| n.value.clone());
                    if let (Some(f), Some(u)) = (&e.from, &e.until) {
                        if u.date <= f.date {
                            self.diags.push(
                                Diagnostic::error_msg(
                                    Code::Y0404,
                                    Self::loc(file, e.span),
                                    d::y0404_window_empty(&u.date, &f.date),
                                    d::y0404_empty_window_label(),
                                )
                                .help_msg(d::y0404_window_empty_help()),
                            );
                        }
                    }
                }
                MemberKind::Status(s) => {
                    once(self, "status", m.span);
                    h.status = Some(*s);
                }
                MemberKind::Source(c) => {
                    once(self, "source", m.span);
                    h.source = cite_of(&Some(c.clone()));
                }
                MemberKind::Supersedes(v) => {
                    h.supersedes = Some((v.id.text.clone(), v.version.value.clone()))
                }
                MemberKind::Use(u) => h.uses.push((
                    u.target.id.text.clone(),
                    u.target.version.value.clone(),
                    u.alias.name.clone(),
                )),
                MemberKind::Review(r) => {
                    once(self, "review", m.span);
                    h.review = Some(ReviewCycle {
                        every_years: r.every_years,
                        rectify_years: r.rectify_years.unwrap_or(1),
                    });
                }
                MemberKind::Levels(ast::Levels {
                    replace: true,
                    name,
                    ..
                })
                | MemberKind::Score(ast::Score {
                    replace: true,
                    name,
                    ..
                })
                | MemberKind::Grade(ast::Grade {
                    replace: true,
                    name,
                    ..
                }) if doc.standard.extends.is_none() => self.diags.push(
                    Diagnostic::error_msg(
                        Code::Y0405,
                        Self::loc(file, name.span),
                        d::y0405_change_without_extends(),
                        d::y0405_nothing_to_change_label(),
                    )
                    .help_msg(d::y0405_change_without_extends_help()),
                ),
                MemberKind::Change(c) if doc.standard.extends.is_none() => self.diags.push(
                    Diagnostic::error_msg(
                        Code::Y0405,
                        Self::loc(file, c.span),
                        d::y0405_change_without_extends(),
                        d::y0405_nothing_to_change_label(),
                    )
                    .help_msg(d::y0405_change_without_extends_item_help()),
                ),
                MemberKind::Remove(r) if doc.standard.extends.is_none() => self.diags.push(
                    Diagnostic::error_msg(
                        Code::Y0405,
                        Self::loc(file, r.span),
                        d::y0405_remove_without_extends(),
                        d::y0405_nothing_to_remove_label(),
                    )
                    .help_msg(d::y0405_remove_without_extends_help()),
                ),
                _ => {}
            }
        }
        if h.version.is_empty() {
            self.diags.push(
                Diagnostic::error_msg(
                    Code::Y0105,
                    Self::loc(file, doc.standard.id.span),
                    d::y0105_no_version(&h.id),
                    d::y0105_no_version_label(),
                )
                .help_msg(d::y0105_no_version_help()),
            );
        }
        if let Some(base) = &doc.standard.extends {
            h.extends = Some((base.id.text.clone(), base.version.value.clone()));
            // Inherit what the overlay does not say itself.
            if let Some(b) = self.find(&base.id.text, &base.version.value) {
                if let Some(bu) = self.units.get(b) {
                    for m in &bu.doc.standard.members {
                        match &m.kind {
                            MemberKind::Title(t)
                                if h.title.zh.is_none() && h.title.en.is_none() =>
                            {
                                h.title = labels_of(&Some(t.clone()), &None)
                            }
                            MemberKind::Review(r) if h.review.is_none() => {
                                h.review = Some(ReviewCycle {
                                    every_years: r.every_years,
                                    rectify_years: r.rectify_years.unwrap_or(1),
                                })
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        h
    }
}
