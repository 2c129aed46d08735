//! Header checks: the root document's title, version, effective window, status, source, review cycle,
//! `supersedes` and `use` list.
//!
//! Reads the root document's members (and, for an overlay, its base's title and review cycle when the
//! overlay gives none). Produces the program's [`Header`], with Y0105 (a field missing or given twice),
//! Y0404 (an empty effective window) and Y0405 (`change` / `remove` in a document that extends nothing).

use super::{cite_of, docs_of, labels_of, Lowerer};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Header, ReviewCycle};
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
                    Diagnostic::error(
                        Code::Y0105,
                        Self::loc(file, sp),
                        format!("`{what}` is given twice"),
                        "second one",
                    )
                    .zh(format!("`{what}` 写了两次"))
                    .help(format!(
                        "a document has one `{what}`; keep one and delete the other"
                    ))
                    .help_zh(format!(
                        "一份文档只能有一个 `{what}`；请保留一个，删除另一个"
                    ))
                    .related(
                        Self::loc(file, *first),
                        "first one",
                        "第一次写在这里",
                    ),
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
                                Diagnostic::error(Code::Y0404, Self::loc(file, e.span), format!("the effective window ends ({}) before it starts ({})", u.date, f.date), "this window is empty")
                                    .zh(format!("生效期的结束日期（{}）早于开始日期（{}）", u.date, f.date))
                                    .help("`until` is the first day the document no longer applies; it must come after the start date")
                                    .help_zh("`until` 是文档不再适用的第一天，必须晚于生效日期"),
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
                MemberKind::Supersedes(v) => h.supersedes = Some((v.id.text.clone(), v.version.value.clone())),
                MemberKind::Use(u) => h.uses.push((u.target.id.text.clone(), u.target.version.value.clone(), u.alias.name.clone())),
                MemberKind::Review(r) => {
                    once(self, "review", m.span);
                    h.review = Some(ReviewCycle { every_years: r.every_years, rectify_years: r.rectify_years.unwrap_or(1) });
                }
                MemberKind::Levels(ast::Levels { replace: true, name, .. })
                | MemberKind::Score(ast::Score { replace: true, name, .. })
                | MemberKind::Grade(ast::Grade { replace: true, name, .. })
                    if doc.standard.extends.is_none() =>
                {
                    self.diags.push(
                        Diagnostic::error(Code::Y0405, Self::loc(file, name.span), "`change` only works in a document that extends another", "nothing to change")
                            .zh("`change` 只能用在基于另一份标准（extends）的文档中")
                            .help("add `extends ID version \"V\"` after the standard's id, or declare it without `change`")
                            .help_zh("请在标准 id 后加上 `extends ID version \"V\"`，或去掉 `change` 直接声明"),
                    )
                }
                MemberKind::Change(c) if doc.standard.extends.is_none() => self.diags.push(
                    Diagnostic::error(Code::Y0405, Self::loc(file, c.span), "`change` only works in a document that extends another", "nothing to change")
                        .zh("`change` 只能用在基于另一份标准（extends）的文档中")
                        .help("add `extends ID version \"V\"` after the standard's id, or declare the item directly")
                        .help_zh("请在标准 id 后加上 `extends ID version \"V\"`，或直接声明该检查项"),
                ),
                MemberKind::Remove(r) if doc.standard.extends.is_none() => self.diags.push(
                    Diagnostic::error(Code::Y0405, Self::loc(file, r.span), "`remove` only works in a document that extends another", "nothing to remove")
                        .zh("`remove` 只能用在基于另一份标准（extends）的文档中")
                        .help("add `extends ID version \"V\"` after the standard's id, or delete the declaration instead")
                        .help_zh("请在标准 id 后加上 `extends ID version \"V\"`，或直接删除要去掉的声明"),
                ),
                _ => {}
            }
        }
        if h.version.is_empty() {
            self.diags.push(
                Diagnostic::error(Code::Y0105, Self::loc(file, doc.standard.id.span), format!("standard `{}` has no `version`", h.id), "no version")
                    .zh(format!("标准 `{}` 没有写 `version`（版本）", h.id))
                    .help("add a line such as `version \"2021\"`: results, overlays and `use` name documents by id and version")
                    .help_zh("请加一行如 `version \"2021\"`：评估结果、修订文档和 `use` 都按 id 和版本指明文档"),
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
