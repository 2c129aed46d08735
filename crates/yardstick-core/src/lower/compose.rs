//! Composition: flatten a document, its `extends` bases and the standards it `use`s into one list of
//! pending declarations.
//!
//! Reads the [`Unit`](super::Unit)s of the library, starting at the root document. Bases come first and are then
//! patched by the overlay (`change`, `remove`, `change levels|score|grade`); a used standard's ids are
//! prefixed by its alias. Produces a [`Collected`] (inputs, definitions, sections and `require` rules, none
//! of them resolved or typed yet) and the lineage (`id@version` of every document read), with Y0401,
//! Y0402, Y0403 and Y0505.

use super::{docs_of, labels_of, Lowerer, MAX_COMPOSITION_DEPTH};
use crate::diag::{Code, Diagnostic};
use crate::ir::Labels;
use crate::words::diagnostics as d;
use std::collections::HashMap;
use yardstick_syntax::ast::{self, ExprKind, MemberKind, Span};

#[derive(Clone)]
pub(super) enum PendKind {
    Value {
        expr: ast::Expr,
        output: bool,
        label: Option<ast::Labels>,
    },
    Item {
        item: ast::Item,
        body_file: usize,
        veto: bool,
        section: Option<String>,
        /// Every enclosing section, outermost first.
        within: Vec<String>,
    },
    /// A ladder, with the file of each row (flattened, groups expanded) where an overlay's
    /// `change levels NAME { rows }` replaced or added rows; empty when every row is the ladder's own.
    Levels(ast::Levels, Vec<usize>),
    /// A score, with the file of each weighted term where `change score NAME weights …` changed it.
    Score(ast::Score, Vec<usize>),
    /// A grade, with the file of each band where `change grade NAME { bands }` replaced bands.
    Grade(ast::Grade, Vec<usize>),
}

#[derive(Clone)]
pub(super) struct Pending {
    pub(super) id: String,
    pub(super) prefix: String,
    pub(super) file: usize,
    pub(super) own: bool,
    pub(super) docs: Vec<String>,
    pub(super) kind: PendKind,
    pub(super) span: Span,
}

pub(super) struct PendInput {
    pub(super) id: String,
    pub(super) file: usize,
    pub(super) own: bool,
    pub(super) group: Option<String>,
    pub(super) input: ast::Input,
}

#[derive(Default)]
pub(super) struct Collected {
    pub(super) inputs: Vec<PendInput>,
    pub(super) defs: Vec<Pending>,
    pub(super) sections: Vec<(String, Labels, bool)>,
    /// The sections of the standards brought in by `use` (ids with the alias), for forms.
    pub(super) used_sections: Vec<(String, Labels, bool)>,
    /// Every group of inputs (full dotted id) with its labels, first declaration kept, for forms.
    pub(super) groups: Vec<(String, Labels)>,
    /// Each section's enclosing sections.
    pub(super) section_parents: Vec<(String, Vec<String>)>,
    /// `require` rules: (id with prefix, prefix, file, rule), of the document, its bases and the
    /// standards it uses.
    pub(super) requires: Vec<(String, String, usize, ast::Require)>,
}

impl<'u, 'a> Lowerer<'u, 'a> {
    /// The composition pass: `root` with its bases and used standards, and the lineage read.
    pub(super) fn compose(&mut self, root: usize) -> (Collected, Vec<String>) {
        let mut col = Collected::default();
        let mut lineage = Vec::new();
        self.collect(root, "", true, &mut col, &mut lineage, 0);
        (col, lineage)
    }

    pub(super) fn find(&self, id: &str, version: &str) -> Option<usize> {
        self.units.iter().position(|u| {
            u.doc.standard.id.text == id
                && u.doc
                    .standard
                    .members
                    .iter()
                    .any(|m| matches!(&m.kind, MemberKind::Version(v) if v.value == version))
        })
    }

    fn resolve_target(
        &mut self,
        file: usize,
        target: &ast::VersionRef,
        what: &str,
    ) -> Option<usize> {
        match self.find(&target.id.text, &target.version.value) {
            Some(i) => Some(i),
            None => {
                let versions: Vec<String> = self
                    .units
                    .iter()
                    .filter(|u| u.doc.standard.id.text == target.id.text)
                    .filter_map(|u| {
                        u.doc.standard.members.iter().find_map(|m| match &m.kind {
                            MemberKind::Version(v) => Some(format!("\"{}\"", v.value)),
                            _ => None,
                        })
                    })
                    .collect();
                let help = if versions.is_empty() {
                    d::y0401_target_not_in_library_help(&target.id.text)
                } else {
                    d::y0401_other_versions_help(
                        &target.id.text,
                        &versions.join(", "),
                        &versions.join("、"),
                    )
                };
                self.diags.push(
                    Diagnostic::error_msg(
                        Code::Y0401,
                        Self::loc(file, target.span),
                        d::y0401_target_not_in_library(
                            &what,
                            &target.id.text,
                            &target.version.value,
                        ),
                        d::y0401_not_found_label(),
                    )
                    .help_msg(help),
                );
                None
            }
        }
    }

    /// Flatten document `file` into `col`, with every id prefixed by `prefix`.
    fn collect(
        &mut self,
        file: usize,
        prefix: &str,
        own: bool,
        col: &mut Collected,
        lineage: &mut Vec<String>,
        depth: usize,
    ) {
        let Some(unit) = self.units.get(file) else {
            return;
        };
        let doc = unit.doc;
        let version = doc
            .standard
            .members
            .iter()
            .find_map(|m| match &m.kind {
                MemberKind::Version(v) => Some(v.value.clone()),
                _ => None,
            })
            .unwrap_or_default();
        let key = (doc.standard.id.text.clone(), version.clone());
        if self.stack.contains(&key) || depth > MAX_COMPOSITION_DEPTH {
            let chain: Vec<String> = self.stack.iter().map(|(i, v)| format!("{i}@{v}")).collect();
            self.diags.push(
                Diagnostic::error_msg(
                    Code::Y0402,
                    Self::loc(file, doc.standard.id.span),
                    d::y0402_uses_itself(&key.0, &key.1, &chain.join(" → ")),
                    d::y0402_cycle_label(),
                )
                .help_msg(d::y0402_uses_itself_help()),
            );
            return;
        }
        self.stack.push(key.clone());
        lineage.push(format!("{}@{}", key.0, key.1));
        if !self.files.contains(&file) {
            self.files.push(file);
        }

        if let Some(base) = &doc.standard.extends {
            if let Some(b) = self.resolve_target(file, base, "extends") {
                self.collect(b, prefix, own, col, lineage, depth + 1);
            }
        }
        for m in &doc.standard.members {
            if let MemberKind::Use(u) = &m.kind {
                if let Some(t) = self.resolve_target(file, &u.target, "use") {
                    let p = format!("{prefix}{}.", u.alias.name);
                    let mut sub_lineage = Vec::new();
                    self.collect(t, &p, false, col, &mut sub_lineage, depth + 1);
                    lineage.extend(sub_lineage);
                }
            }
        }
        let mut section_stack = Vec::new();
        let overlay = doc.standard.extends.is_some();
        for m in &doc.standard.members {
            // `change`/`remove` outside an overlay are reported once, as Y0405, by `header`.
            let replaces = matches!(
                &m.kind,
                MemberKind::Levels(ast::Levels { replace: true, .. })
                    | MemberKind::Score(ast::Score { replace: true, .. })
                    | MemberKind::Grade(ast::Grade { replace: true, .. })
            );
            if !overlay
                && (replaces || matches!(m.kind, MemberKind::Change(_) | MemberKind::Remove(_)))
            {
                continue;
            }
            self.member(file, prefix, own, m, col, &mut section_stack);
        }
        self.stack.pop();
    }

    fn member(
        &mut self,
        file: usize,
        prefix: &str,
        own: bool,
        m: &ast::Member,
        col: &mut Collected,
        sections: &mut Vec<String>,
    ) {
        let docs = docs_of(&m.docs);
        match &m.kind {
            MemberKind::Input(i) => col.inputs.push(PendInput {
                id: format!("{prefix}{}", i.name.name),
                file,
                own,
                group: None,
                input: i.clone(),
            }),
            MemberKind::Group(g) => {
                self.group(file, own, g, &format!("{prefix}{}", g.name.name), col)
            }
            MemberKind::Require(r) => col.requires.push((
                format!("{prefix}{}", r.name.name),
                prefix.to_string(),
                file,
                r.clone(),
            )),
            MemberKind::Let(d) | MemberKind::Output(d) => col.defs.push(Pending {
                id: format!("{prefix}{}", d.name.name),
                prefix: prefix.into(),
                file,
                own,
                docs,
                kind: PendKind::Value {
                    expr: d.expr.clone(),
                    output: matches!(m.kind, MemberKind::Output(_)),
                    label: d.label.clone(),
                },
                span: d.name.span,
            }),
            MemberKind::Section(s) => self.section(file, prefix, own, s, false, col, sections),
            MemberKind::Item(i) => col.defs.push(Pending {
                id: format!("{prefix}{}", i.name.name),
                prefix: prefix.into(),
                file,
                own,
                docs,
                kind: PendKind::Item {
                    item: i.clone(),
                    body_file: file,
                    veto: false,
                    section: None,
                    within: Vec::new(),
                },
                span: i.name.span,
            }),
            MemberKind::Levels(lv) if lv.patch => self.patch_levels(file, prefix, lv, col),
            MemberKind::Grade(g) if g.patch => self.patch_grade(file, prefix, g, col),
            MemberKind::Score(sc) if sc.patch => self.patch_score(file, prefix, sc, col),
            MemberKind::Levels(lv) => {
                let p = Pending {
                    id: format!("{prefix}{}", lv.name.name),
                    prefix: prefix.into(),
                    file,
                    own,
                    docs,
                    kind: PendKind::Levels(lv.clone(), Vec::new()),
                    span: lv.name.span,
                };
                self.declare_or_replace(lv.replace, "levels", p, col);
            }
            MemberKind::Score(s) => {
                let p = Pending {
                    id: format!("{prefix}{}", s.name.name),
                    prefix: prefix.into(),
                    file,
                    own,
                    docs,
                    kind: PendKind::Score(s.clone(), Vec::new()),
                    span: s.name.span,
                };
                self.declare_or_replace(s.replace, "score", p, col);
            }
            MemberKind::Grade(g) => {
                let p = Pending {
                    id: format!("{prefix}{}", g.name.name),
                    prefix: prefix.into(),
                    file,
                    own,
                    docs,
                    kind: PendKind::Grade(g.clone(), Vec::new()),
                    span: g.name.span,
                };
                self.declare_or_replace(g.replace, "grade", p, col);
            }
            MemberKind::Change(c) => self.change(file, prefix, c, col),
            MemberKind::Remove(r) => self.remove(file, prefix, r, col),
            _ => {}
        }
    }

    fn group(&mut self, file: usize, own: bool, g: &ast::Group, path: &str, col: &mut Collected) {
        if !col.groups.iter().any(|(id, _)| id == path) {
            col.groups
                .push((path.to_string(), labels_of(&g.label, &g.short_label)));
        }
        for gm in &g.members {
            match &gm.kind {
                ast::GroupMemberKind::Input(i) => col.inputs.push(PendInput {
                    id: format!("{path}.{}", i.name.name),
                    file,
                    own,
                    group: Some(path.to_string()),
                    input: i.clone(),
                }),
                ast::GroupMemberKind::Group(sub) => {
                    let p = format!("{path}.{}", sub.name.name);
                    self.group(file, own, sub, &p, col)
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn section(
        &mut self,
        file: usize,
        prefix: &str,
        own: bool,
        s: &ast::Section,
        veto_parent: bool,
        col: &mut Collected,
        stack: &mut Vec<String>,
    ) {
        let veto = veto_parent || s.basic;
        let sid = match &s.name {
            Some(n) => format!("{prefix}{}", n.name),
            None if s.basic => format!("{prefix}basic"),
            None => format!("{prefix}section{}", col.sections.len() + 1),
        };
        let labels = labels_of(&s.meta.label, &s.short_label);
        if own {
            col.sections.push((sid.clone(), labels, veto));
        } else if !col.used_sections.iter().any(|u| u.0 == sid) {
            col.used_sections.push((sid.clone(), labels, veto));
        }
        col.section_parents.push((sid.clone(), stack.clone()));
        stack.push(sid.clone());
        for sm in &s.members {
            match &sm.kind {
                ast::SectionMemberKind::Item(i) => {
                    let mut item = i.clone();
                    // A section's scope and the item's own both apply.
                    item.meta.applies = match (s.meta.applies.clone(), item.meta.applies.take()) {
                        (Some(a), Some(b)) => {
                            let span = b.span;
                            Some(ast::Expr {
                                kind: ExprKind::Logic {
                                    op: ast::LogicOp::And,
                                    operands: vec![a, b],
                                },
                                span,
                            })
                        }
                        (a, b) => b.or(a),
                    };
                    if item.meta.citation.is_none() {
                        item.meta.citation = s.meta.citation.clone();
                    }
                    col.defs.push(Pending {
                        id: format!("{prefix}{}", i.name.name),
                        prefix: prefix.into(),
                        file,
                        own,
                        docs: docs_of(&sm.docs),
                        kind: PendKind::Item {
                            item,
                            body_file: file,
                            veto,
                            section: Some(sid.clone()),
                            within: stack.clone(),
                        },
                        span: i.name.span,
                    })
                }
                ast::SectionMemberKind::Section(sub) => {
                    self.section(file, prefix, own, sub, veto, col, stack)
                }
            }
        }
        stack.pop();
    }

    /// Add a definition, or with `change` replace the base's definition of the same id and kind.
    fn declare_or_replace(&mut self, replace: bool, what: &str, p: Pending, col: &mut Collected) {
        if !replace {
            col.defs.push(p);
            return;
        }
        let what_zh = match what {
            "levels" => "分级表",
            "score" => "分值",
            "grade" => "等级",
            _ => "定义",
        };
        let same_kind = |k: &PendKind| {
            matches!(
                (k, &p.kind),
                (PendKind::Levels(..), PendKind::Levels(..))
                    | (PendKind::Score(..), PendKind::Score(..))
                    | (PendKind::Grade(..), PendKind::Grade(..))
            )
        };
        match col
            .defs
            .iter_mut()
            .find(|d| d.id == p.id && same_kind(&d.kind))
        {
            Some(slot) => {
                // Restating a ladder drops the base rows it leaves out: say so, and how to change one row.
                if let (PendKind::Levels(old, _), PendKind::Levels(new, _)) = (&slot.kind, &p.kind)
                {
                    let subjects = |l: &ast::Levels| -> Vec<ast::Expr> {
                        l.members
                            .iter()
                            .flat_map(|m| match m {
                                ast::LevelMember::Row(r) => vec![r.subject.clone()],
                                ast::LevelMember::Group(g) => {
                                    g.rows.iter().map(|r| r.subject.clone()).collect()
                                }
                            })
                            .collect()
                    };
                    let new_subjects = subjects(new);
                    // By name where the subject is a plain name (a set lookup), else by comparing.
                    let kept_names: std::collections::HashSet<&str> = new_subjects
                        .iter()
                        .filter_map(|s| match &s.kind {
                            ast::ExprKind::Ref(p) => Some(p.text.as_str()),
                            _ => None,
                        })
                        .collect();
                    let kept = |s: &ast::Expr| match &s.kind {
                        ast::ExprKind::Ref(p) => kept_names.contains(p.text.as_str()),
                        _ => new_subjects.contains(s),
                    };
                    let (dropped, dropped_zh): (Vec<String>, Vec<String>) = subjects(old)
                        .iter()
                        .filter(|s| !kept(s))
                        .map(|s| match &s.kind {
                            ast::ExprKind::Ref(path) => {
                                (format!("`{}`", path.text), format!("`{}`", path.text))
                            }
                            _ => ("a computed row".to_string(), "一个计算得出的行".to_string()),
                        })
                        .unzip();
                    if !dropped.is_empty() {
                        self.diags.push(
                            Diagnostic::warning_msg(
                                Code::Y0505,
                                Self::loc(p.file, p.span),
                                d::y0505_rows_dropped(
                                    &new.name.name,
                                    &dropped.join(", "),
                                    &dropped_zh.join("、"),
                                ),
                                d::y0505_rows_dropped_label(),
                            )
                            .help_msg(d::y0505_rows_dropped_help(&new.name.name)),
                        );
                    }
                }
                *slot = Pending { own: true, ..p }
            }
            None => self.diags.push(
                Diagnostic::error_msg(
                    Code::Y0403,
                    Self::loc(p.file, p.span),
                    d::y0403_change_missing(&what, &p.id, &what_zh),
                    d::y0403_change_missing_label(what, what_zh),
                )
                .help_msg(d::y0403_change_missing_help(&what, &what_zh)),
            ),
        }
    }

    /// `change levels NAME { rows }`: each row replaces the base row on the same subject (anywhere in the
    /// ladder, groups included) or, when the base has none, is added at the end; the rest stay.
    fn patch_levels(&mut self, file: usize, prefix: &str, lv: &ast::Levels, col: &mut Collected) {
        let id = format!("{prefix}{}", lv.name.name);
        let Some(p) = col
            .defs
            .iter_mut()
            .find(|d| d.id == id && matches!(d.kind, PendKind::Levels(..)))
        else {
            self.diags.push(
                Diagnostic::error_msg(
                    Code::Y0403,
                    Self::loc(file, lv.name.span),
                    d::y0403_change_levels_missing(&lv.name.name),
                    d::y0403_no_levels_label(),
                )
                .help_msg(d::y0403_change_levels_missing_help()),
            );
            return;
        };
        let base_file = p.file;
        p.own = true;
        let PendKind::Levels(base, files) = &mut p.kind else {
            return;
        };
        let count = |l: &ast::Levels| -> usize {
            l.members
                .iter()
                .map(|m| match m {
                    ast::LevelMember::Row(_) => 1,
                    ast::LevelMember::Group(g) => g.rows.len(),
                })
                .sum()
        };
        if files.is_empty() {
            *files = vec![base_file; count(base)];
        }
        let new_rows = lv.members.iter().flat_map(|m| match m {
            ast::LevelMember::Row(r) => std::slice::from_ref(r).iter(),
            ast::LevelMember::Group(g) => g.rows.iter(),
        });
        // Where each base row is (member, row within a group, flattened index), and the rows on a plain
        // input or value by name, so that matching costs a lookup per row, not a scan of the ladder.
        let mut at: Vec<(usize, Option<usize>, usize)> = Vec::new();
        for (m, member) in base.members.iter().enumerate() {
            match member {
                ast::LevelMember::Row(_) => at.push((m, None, at.len())),
                ast::LevelMember::Group(g) => {
                    for r in 0..g.rows.len() {
                        at.push((m, Some(r), at.len()));
                    }
                }
            }
        }
        let row_of = |members: &[ast::LevelMember],
                      m: usize,
                      r: Option<usize>|
         -> Option<ast::Expr> {
            match (members.get(m)?, r) {
                (ast::LevelMember::Row(x), None) => Some(x.subject.clone()),
                (ast::LevelMember::Group(g), Some(r)) => g.rows.get(r).map(|x| x.subject.clone()),
                _ => None,
            }
        };
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (n, &(m, r, _)) in at.iter().enumerate() {
            if let Some(ast::ExprKind::Ref(path)) = row_of(&base.members, m, r).map(|e| e.kind) {
                by_name.entry(path.text).or_insert(n);
            }
        }
        for r in new_rows {
            let found = match &r.subject.kind {
                ast::ExprKind::Ref(path) => by_name.get(&path.text).copied(),
                _ => at.iter().position(|&(m, rr, _)| {
                    row_of(&base.members, m, rr).as_ref() == Some(&r.subject)
                }),
            };
            match found.and_then(|n| at.get(n).copied()) {
                Some((m, rr, k)) => {
                    let slot = match (base.members.get_mut(m), rr) {
                        (Some(ast::LevelMember::Row(x)), None) => Some(x),
                        (Some(ast::LevelMember::Group(g)), Some(i)) => g.rows.get_mut(i),
                        _ => None,
                    };
                    if let Some(x) = slot {
                        *x = r.clone();
                    }
                    if let Some(f) = files.get_mut(k) {
                        *f = file;
                    }
                }
                None => {
                    base.members.push(ast::LevelMember::Row(r.clone()));
                    files.push(file);
                }
            }
        }
    }

    /// `change score NAME weights 30% covert, …`: each weight replaces the base term's of the same name,
    /// a term the base lacks is added; the weights are checked to add up to 100% as for any score.
    fn patch_score(&mut self, file: usize, prefix: &str, sc: &ast::Score, col: &mut Collected) {
        let id = format!("{prefix}{}", sc.name.name);
        let found = col
            .defs
            .iter_mut()
            .find(|d| d.id == id && matches!(d.kind, PendKind::Score(..)));
        let Some(p) = found else {
            self.diags.push(
                Diagnostic::error_msg(
                    Code::Y0403,
                    Self::loc(file, sc.name.span),
                    d::y0403_change_score_missing(&sc.name.name),
                    d::y0403_no_score_label(),
                )
                .help_msg(d::y0403_change_score_missing_help()),
            );
            return;
        };
        let base_file = p.file;
        p.own = true;
        let PendKind::Score(base, files) = &mut p.kind else {
            return;
        };
        let (ast::ScoreBody::Weighted(old), ast::ScoreBody::Weighted(new)) =
            (&mut base.body, &sc.body)
        else {
            self.diags.push(
                Diagnostic::error_msg(
                    Code::Y0403,
                    Self::loc(file, sc.name.span),
                    d::y0403_change_weights_not_weighted(&sc.name.name),
                    d::y0403_not_weighted_label(),
                )
                .help_msg(d::y0403_change_weights_not_weighted_help(&sc.name.name)),
            );
            return;
        };
        if files.is_empty() {
            *files = vec![base_file; old.len()];
        }
        let mut by_term: HashMap<String, usize> = HashMap::new();
        for (k, x) in old.iter().enumerate() {
            by_term.entry(x.term.text.clone()).or_insert(k);
        }
        for t in new {
            match by_term.get(&t.term.text).copied() {
                Some(k) => {
                    if let (Some(slot), Some(f)) = (old.get_mut(k), files.get_mut(k)) {
                        *slot = t.clone();
                        *f = file;
                    }
                }
                None => {
                    by_term.insert(t.term.text.clone(), old.len());
                    old.push(t.clone());
                    files.push(file);
                }
            }
        }
    }

    /// `change grade NAME { bands }`: each band replaces the base band of the same name; the rest stay.
    fn patch_grade(&mut self, file: usize, prefix: &str, g: &ast::Grade, col: &mut Collected) {
        let id = format!("{prefix}{}", g.name.name);
        let Some(p) = col
            .defs
            .iter_mut()
            .find(|d| d.id == id && matches!(d.kind, PendKind::Grade(..)))
        else {
            self.diags.push(
                Diagnostic::error_msg(
                    Code::Y0403,
                    Self::loc(file, g.name.span),
                    d::y0403_change_grade_missing(&g.name.name),
                    d::y0403_no_grade_label(),
                )
                .help_msg(d::y0403_change_grade_missing_help()),
            );
            return;
        };
        let base_file = p.file;
        p.own = true;
        let PendKind::Grade(base, files) = &mut p.kind else {
            return;
        };
        if files.is_empty() {
            *files = vec![base_file; base.bands.len()];
        }
        for b in &g.bands {
            match base.bands.iter().position(|x| x.name.name == b.name.name) {
                Some(k) => {
                    if let (Some(slot), Some(f)) = (base.bands.get_mut(k), files.get_mut(k)) {
                        *slot = b.clone();
                        *f = file;
                    }
                }
                None => {
                    let names: Vec<&str> =
                        base.bands.iter().map(|x| x.name.name.as_str()).collect();
                    self.diags.push(
                        Diagnostic::error_msg(
                            Code::Y0403,
                            Self::loc(file, b.name.span),
                            d::y0403_change_band_missing(&g.name.name, &b.name.name),
                            d::y0403_no_band_label(),
                        )
                        .help_msg(d::y0403_change_band_missing_help(
                            &names.join(", "),
                            &g.name.name,
                            &names.join("、"),
                        )),
                    );
                }
            }
        }
    }

    fn change(&mut self, file: usize, prefix: &str, c: &ast::Change, col: &mut Collected) {
        let id = format!("{prefix}{}", c.item.text);
        let Some(p) = col.defs.iter_mut().find(|d| d.id == id) else {
            self.diags.push(
                Diagnostic::error_msg(
                    Code::Y0403,
                    Self::loc(file, c.item.span),
                    d::y0403_change_item_missing(&c.item.text),
                    d::y0403_no_item_label(),
                )
                .help_msg(d::y0403_change_item_missing_help()),
            );
            return;
        };
        let PendKind::Item {
            item, body_file, ..
        } = &mut p.kind
        else {
            self.diags.push(Diagnostic::error_msg(
                Code::Y0403,
                Self::loc(file, c.item.span),
                d::y0403_not_an_item(&c.item.text),
                d::y0403_not_an_item_label(),
            ));
            return;
        };
        if let Some(b) = &c.body {
            item.body = b.clone();
            *body_file = file;
        }
        if c.short_label.is_some() {
            item.short_label = c.short_label.clone();
        }
        if let Some(l) = &c.meta.label {
            let mut merged = item.meta.label.clone().unwrap_or_default();
            if l.zh.is_some() {
                merged.zh = l.zh.clone();
            }
            if l.en.is_some() {
                merged.en = l.en.clone();
            }
            item.meta.label = Some(merged);
        }
        if c.meta.clause.is_some() {
            item.meta.clause = c.meta.clause.clone();
        }
        if c.meta.citation.is_some() {
            item.meta.citation = c.meta.citation.clone();
        }
        if c.meta.applies.is_some() {
            item.meta.applies = c.meta.applies.clone();
        }
        p.own = true;
    }

    fn remove(&mut self, file: usize, prefix: &str, r: &ast::Remove, col: &mut Collected) {
        let id = format!("{prefix}{}", r.target.text);
        if r.section {
            let before = col.defs.len();
            col.defs.retain(|d| !matches!(&d.kind, PendKind::Item { section: Some(s), within, .. } if *s == id || within.contains(&id)));
            let nested: Vec<String> = col
                .section_parents
                .iter()
                .filter(|(_, ps)| ps.contains(&id))
                .map(|(s, _)| s.clone())
                .collect();
            let had = col.sections.iter().any(|s| s.0 == id);
            col.sections.retain(|s| s.0 != id && !nested.contains(&s.0));
            if before == col.defs.len() && !had {
                self.diags.push(Diagnostic::error_msg(
                    Code::Y0403,
                    Self::loc(file, r.target.span),
                    d::y0403_remove_section_missing(&r.target.text),
                    d::y0403_no_section_label(),
                ));
            }
        } else {
            let before = col.defs.len();
            col.defs
                .retain(|d| !(d.id == id && matches!(d.kind, PendKind::Item { .. })));
            if before == col.defs.len() {
                self.diags.push(Diagnostic::error_msg(
                    Code::Y0403,
                    Self::loc(file, r.target.span),
                    d::y0403_remove_item_missing(&r.target.text),
                    d::y0403_no_item_label(),
                ));
            }
        }
    }
}
