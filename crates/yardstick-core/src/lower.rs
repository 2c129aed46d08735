//! From parsed documents to a [`Program`]: apply `extends` overlays, bring in `use`d standards under their
//! alias, resolve every name, check types and units, order definitions by dependency.
//!
//! Every problem found is collected; lowering never stops at the first. A [`Program`] is returned only when
//! there is no error (warnings come back beside it).

use crate::diag::{Diagnostic, Loc};
use crate::ir::*;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;
use yardstick_syntax::ast::{self, ArithOp, CmpOp, ExprKind, MemberKind, Span};

/// One parsed document handed to the checker.
#[derive(Clone, Copy, Debug)]
pub struct Unit<'a> {
    /// File name or other label, used in messages.
    pub name: &'a str,
    pub text: &'a str,
    pub doc: &'a ast::Document,
}

/// Deepest chain of definitions referring to each other.
pub const MAX_DEF_CHAIN: usize = 64;
/// Most copies of a condition that `each x in GROUP { … }` may make in one document, nested ones
/// included (each inner copy counts): `each` over a group of 3,000 inside another once lowered 9,000,000
/// conditions.
pub const MAX_EACH_COPIES: usize = 10_000;
/// Deepest chain of `use` / `extends`.
pub const MAX_COMPOSITION_DEPTH: usize = 16;

#[derive(Clone)]
enum PendKind {
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
struct Pending {
    id: String,
    prefix: String,
    file: usize,
    own: bool,
    docs: Vec<String>,
    kind: PendKind,
    span: Span,
}

struct PendInput {
    id: String,
    file: usize,
    own: bool,
    group: Option<String>,
    input: ast::Input,
}

#[derive(Default)]
struct Collected {
    inputs: Vec<PendInput>,
    defs: Vec<Pending>,
    sections: Vec<(String, Labels, bool)>,
    /// Each section's enclosing sections.
    section_parents: Vec<(String, Vec<String>)>,
    /// `require` rules: (id with prefix, prefix, file, rule), of the document, its bases and the
    /// standards it uses.
    requires: Vec<(String, String, usize, ast::Require)>,
}

/// Lower the document `root` of `units`, resolving `use` and `extends` among `units`.
///
/// Returns the program when there are no errors, and every diagnostic (errors and warnings) found.
pub fn lower(units: &[Unit<'_>], root: usize) -> (Option<Program>, Vec<Diagnostic>) {
    let mut l = Lowerer {
        units,
        diags: Vec::new(),
        stack: Vec::new(),
        files: Vec::new(),
    };
    let Some(root_unit) = units.get(root) else {
        return (None, Vec::new());
    };
    let mut col = Collected::default();
    let mut lineage = Vec::new();
    l.collect(root, "", true, &mut col, &mut lineage, 0);
    let header = l.header(root_unit.doc, root);
    let mut cx = Cx::new(&mut l, col, root);
    let program = cx.finish(header, lineage);
    let diags = cx.l.diags.clone();
    let has_error = diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    let mut files: Vec<String> = units.iter().map(|u| u.name.to_string()).collect();
    if files.is_empty() {
        files.push(String::new());
    }
    (
        if has_error {
            None
        } else {
            program.map(|mut p| {
                p.files = files;
                p
            })
        },
        diags,
    )
}

struct Lowerer<'u, 'a> {
    units: &'u [Unit<'a>],
    diags: Vec<Diagnostic>,
    stack: Vec<(String, String)>,
    files: Vec<usize>,
}

fn labels_of(l: &Option<ast::Labels>, short: &Option<ast::Text>) -> Labels {
    let mut out = Labels::default();
    if let Some(l) = l {
        out.zh = l.zh.as_ref().map(|t| t.value.clone());
        out.en = l.en.as_ref().map(|t| t.value.clone());
    }
    if out.zh.is_none() {
        out.zh = short.as_ref().map(|t| t.value.clone());
    }
    out
}

fn cite_of(c: &Option<ast::Citation>) -> Option<Cite> {
    c.as_ref().map(|c| Cite {
        source: c.source.value.clone(),
        tier: c.tier,
        note: c.note.as_ref().map(|n| n.value.clone()),
    })
}

fn docs_of(d: &[ast::Text]) -> Vec<String> {
    d.iter().map(|t| t.value.clone()).collect()
}

impl<'u, 'a> Lowerer<'u, 'a> {
    fn loc(file: usize, span: Span) -> Loc {
        Loc { file, span }
    }

    fn find(&self, id: &str, version: &str) -> Option<usize> {
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
                    format!("no standard `{}` is in the library; check the id, or add its document to the standards folder", target.id.text)
                } else {
                    format!(
                        "the library has `{}` in version {}",
                        target.id.text,
                        versions.join(", ")
                    )
                };
                self.diags.push(
                    Diagnostic::error(
                        "Y0401",
                        Self::loc(file, target.span),
                        format!("`{what} {} version \"{}\"` names a standard that is not in the library", target.id.text, target.version.value),
                        "not found",
                    )
                    .help(help),
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
                Diagnostic::error(
                    "Y0402",
                    Self::loc(file, doc.standard.id.span),
                    format!("`{}@{}` uses or extends itself: {} → {}@{}", key.0, key.1, chain.join(" → "), key.0, key.1),
                    "the cycle closes here",
                )
                .help("a standard can build on another only if that one does not build back on it; remove one `use` or `extends`"),
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
        if own {
            col.sections
                .push((sid.clone(), labels_of(&s.meta.label, &s.short_label), veto));
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
        let same_kind = |k: &PendKind| {
            matches!(
                (k, &p.kind),
                (PendKind::Levels(..), PendKind::Levels(..))
                    | (PendKind::Score(..), PendKind::Score(..))
                    | (PendKind::Grade(..), PendKind::Grade(..))
            )
        };
        match col.defs.iter_mut().find(|d| d.id == p.id && same_kind(&d.kind)) {
            Some(slot) => {
                // Restating a ladder drops the base rows it leaves out: say so, and how to change one row.
                if let (PendKind::Levels(old, _), PendKind::Levels(new, _)) = (&slot.kind, &p.kind) {
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
                    let dropped: Vec<String> = subjects(old)
                        .iter()
                        .filter(|s| !kept(s))
                        .map(|s| match &s.kind {
                            ast::ExprKind::Ref(path) => format!("`{}`", path.text),
                            _ => "a computed row".to_string(),
                        })
                        .collect();
                    if !dropped.is_empty() {
                        self.diags.push(
                            Diagnostic::warning("Y0505", Self::loc(p.file, p.span), format!("`change levels {}` restates the ladder without the base's rows on {}: they are dropped", new.name.name, dropped.join(", ")), "rows dropped")
                                .help(format!("to change some rows and keep the rest, write `change levels {} {{ … }}` with only the rows that change (no level order)", new.name.name)),
                        );
                    }
                }
                *slot = Pending { own: true, ..p }
            }
            None => self.diags.push(
                Diagnostic::error("Y0403", Self::loc(p.file, p.span), format!("`change {what} {}`: the base standard has no {what} `{}`", p.id, p.id), format!("no such {what} in the base"))
                    .help(format!("check the id against the standard this one extends; to add a new {what}, declare it without `change`")),
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
                Diagnostic::error("Y0403", Self::loc(file, lv.name.span), format!("`change levels {}`: the base standard has no levels `{}`", lv.name.name, lv.name.name), "no such levels in the base")
                    .help("check the id against the standard this one extends; to add a new ladder, declare it without `change`"),
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
                Diagnostic::error("Y0403", Self::loc(file, sc.name.span), format!("`change score {}`: the base standard has no score `{}`", sc.name.name, sc.name.name), "no such score in the base")
                    .help("check the id against the standard this one extends; to add a new score, declare it without `change`"),
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
                Diagnostic::error(
                    "Y0403",
                    Self::loc(file, sc.name.span),
                    format!(
                        "`change score {} weights …`: the base score is not a weighted sum",
                        sc.name.name
                    ),
                    "not weighted",
                )
                .help(format!(
                    "restate the score with `change score {} = …` or `change score {} {{ … }}`",
                    sc.name.name, sc.name.name
                )),
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
                Diagnostic::error("Y0403", Self::loc(file, g.name.span), format!("`change grade {}`: the base standard has no grade `{}`", g.name.name, g.name.name), "no such grade in the base")
                    .help("check the id against the standard this one extends; to add a new grade, declare it without `change`"),
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
                        Diagnostic::error("Y0403", Self::loc(file, b.name.span), format!("`change grade {}`: the base grade has no band `{}`", g.name.name, b.name.name), "no such band in the base")
                            .help(format!("the bands are {}; to add or reorder bands, restate the grade with `change grade {} from …`", names.join(", "), g.name.name)),
                    );
                }
            }
        }
    }

    fn change(&mut self, file: usize, prefix: &str, c: &ast::Change, col: &mut Collected) {
        let id = format!("{prefix}{}", c.item.text);
        let Some(p) = col.defs.iter_mut().find(|d| d.id == id) else {
            self.diags.push(
                Diagnostic::error("Y0403", Self::loc(file, c.item.span), format!("`change item {}`: the base standard has no item `{}`", c.item.text, c.item.text), "no such item in the base")
                    .help("check the item id against the standard this one extends; to add a new item, declare it with `item`"),
            );
            return;
        };
        let PendKind::Item {
            item, body_file, ..
        } = &mut p.kind
        else {
            self.diags.push(Diagnostic::error(
                "Y0403",
                Self::loc(file, c.item.span),
                format!("`{}` is not an item", c.item.text),
                "not an item",
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
                self.diags.push(Diagnostic::error(
                    "Y0403",
                    Self::loc(file, r.target.span),
                    format!(
                        "`remove section {}`: the base standard has no such section",
                        r.target.text
                    ),
                    "no such section in the base",
                ));
            }
        } else {
            let before = col.defs.len();
            col.defs
                .retain(|d| !(d.id == id && matches!(d.kind, PendKind::Item { .. })));
            if before == col.defs.len() {
                self.diags.push(Diagnostic::error(
                    "Y0403",
                    Self::loc(file, r.target.span),
                    format!(
                        "`remove item {}`: the base standard has no such item",
                        r.target.text
                    ),
                    "no such item in the base",
                ));
            }
        }
    }

    fn header(&mut self, doc: &ast::Document, file: usize) -> Header {
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
                        "Y0105",
                        Self::loc(file, sp),
                        format!("`{what}` is given twice"),
                        "second one",
                    )
                    .help(format!(
                        "a document has one `{what}`; keep one and delete the other"
                    ))
                    .related(Self::loc(file, *first), "first one"),
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
                                Diagnostic::error("Y0404", Self::loc(file, e.span), format!("the effective window ends ({}) before it starts ({})", u.date, f.date), "this window is empty")
                                    .help("`until` is the first day the document no longer applies; it must come after the start date"),
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
                        Diagnostic::error("Y0405", Self::loc(file, name.span), "`change` only works in a document that extends another", "nothing to change")
                            .help("add `extends ID version \"V\"` after the standard's id, or declare it without `change`"),
                    )
                }
                MemberKind::Change(c) if doc.standard.extends.is_none() => self.diags.push(
                    Diagnostic::error("Y0405", Self::loc(file, c.span), "`change` only works in a document that extends another", "nothing to change")
                        .help("add `extends ID version \"V\"` after the standard's id, or declare the item directly"),
                ),
                MemberKind::Remove(r) if doc.standard.extends.is_none() => self.diags.push(
                    Diagnostic::error("Y0405", Self::loc(file, r.span), "`remove` only works in a document that extends another", "nothing to remove")
                        .help("add `extends ID version \"V\"` after the standard's id, or delete the declaration instead"),
                ),
                _ => {}
            }
        }
        if h.version.is_empty() {
            self.diags.push(
                Diagnostic::error("Y0105", Self::loc(file, doc.standard.id.span), format!("standard `{}` has no `version`", h.id), "no version")
                    .help("add a line such as `version \"2021\"`: results, overlays and `use` name documents by id and version"),
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

// ---------------------------------------------------------------------------------------------- typing

#[derive(Clone)]
enum Slot {
    Input(usize),
    Def(usize),
}

struct Cx<'l, 'u, 'a> {
    l: &'l mut Lowerer<'u, 'a>,
    col: Collected,
    root: usize,
    names: HashMap<String, Slot>,
    symbols: Vec<String>,
    sym_index: HashMap<String, Sym>,
    inputs: Vec<InputDef>,
    /// Lowered definitions by pending index.
    done: Vec<Option<(Def, Ty)>>,
    in_progress: Vec<bool>,
    depth: usize,
    used_inputs: Vec<bool>,
    /// `each x in GROUP { … }` being lowered: `x` stands for input slot, innermost last.
    bound: Vec<(String, usize)>,
    /// Copies `each` has made so far, against [`MAX_EACH_COPIES`]; `true` once the limit was reported.
    each_copies: usize,
    each_capped: bool,
}

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    fn new(l: &'l mut Lowerer<'u, 'a>, col: Collected, root: usize) -> Self {
        let n = col.defs.len();
        Cx {
            l,
            col,
            root,
            names: HashMap::new(),
            symbols: Vec::new(),
            sym_index: HashMap::new(),
            inputs: Vec::new(),
            done: vec![None; n],
            in_progress: vec![false; n],
            depth: 0,
            used_inputs: Vec::new(),
            bound: Vec::new(),
            each_copies: 0,
            each_capped: false,
        }
    }

    fn err(&mut self, d: Diagnostic) {
        self.l.diags.push(d);
    }

    fn sym(&mut self, name: &str) -> Sym {
        if let Some(s) = self.sym_index.get(name) {
            return *s;
        }
        let s = self.symbols.len() as Sym;
        self.symbols.push(name.to_string());
        self.sym_index.insert(name.to_string(), s);
        s
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
            let mut d = Diagnostic::error("Y0102", loc, format!("`{id}` is declared twice"), "declared again here")
                .help("every input, item, level ladder, score, grade and value needs its own id; rename one of them");
            if let Some(pl) = prev_loc {
                d = d.related(pl, "first declared here");
            }
            self.err(d);
            return;
        }
        self.names.insert(id.to_string(), slot);
    }

    fn finish(&mut self, header: Header, lineage: Vec<String>) -> Option<Program> {
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
                        Diagnostic::warning("Y0503", Loc { file: p.file, span: p.input.ty.span }, format!("input `{}` is a number without a unit", p.id), "no unit")
                            .help("say what it counts, e.g. `number unit \"m²\"`; use `count` for whole numbers or `percent` for rates"),
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
        for i in 0..self.col.defs.len() {
            let (id, file, span) = (
                self.col.defs[i].id.clone(),
                self.col.defs[i].file,
                self.col.defs[i].span,
            );
            self.declare(&id, Slot::Def(i), Loc { file, span });
        }
        for i in 0..self.col.defs.len() {
            self.lower_def(i);
        }
        // Order by dependency.
        let defs: Vec<Def> = self
            .done
            .iter()
            .map(|d| d.as_ref().map(|x| x.0.clone()))
            .collect::<Option<Vec<_>>>()?;
        let order = topo_order(&defs)?;
        let mut remap = vec![0usize; defs.len()];
        for (new, old) in order.iter().enumerate() {
            remap[*old] = new;
        }
        let mut ordered: Vec<Def> = order.iter().filter_map(|&o| defs.get(o).cloned()).collect();
        for d in &mut ordered {
            remap_def(d, &remap);
        }
        self.check_chain_depth(&ordered);
        let examples = self.examples(&remap);
        let rank = self.rank(&remap);
        let requires = self.requires(&remap);
        // Unused inputs (own only).
        for (i, inp) in self.inputs.iter().enumerate() {
            if inp.own && !self.used_inputs[i] {
                self.l.diags.push(
                    Diagnostic::warning(
                        "Y0501",
                        inp.loc,
                        format!("input `{}` is declared but nothing uses it", inp.id),
                        "never used",
                    )
                    .help("use it in an item, level, score or grade, or delete it"),
                );
            }
        }
        let hash = hash_files(self.l.units, &self.l.files);
        Some(Program {
            slots: Slots::new(&self.inputs, &ordered),
            requires,
            header,
            hash,
            lineage,
            files: Vec::new(),
            inputs: self.inputs.clone(),
            defs: ordered,
            symbols: self.symbols.clone(),
            examples,
            rank,
            sections: self.col.sections.clone(),
        })
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
                        self.err(Diagnostic::error(
                            "Y0102",
                            Loc {
                                file,
                                span: v.name.span,
                            },
                            format!("enum value `{}` is listed twice", v.name.name),
                            "listed again",
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
                        Diagnostic::error(
                            "Y0309",
                            Loc { file, span: t.span },
                            "a series needs at least one value",
                            "series of 0",
                        )
                        .help("write e.g. `series 3 of percent` for three years"),
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
                        "Y0203",
                        Loc { file, span: n.span },
                        format!(
                            "the range of percentage input `{}` is written without `%`",
                            p.id
                        ),
                        "missing `%`",
                    )
                    .help(format!("write `{}%`", n.value)),
                );
            }
            if !matches!(elem, Ty::Percent) && n.percent {
                self.err(
                    Diagnostic::error(
                        "Y0201",
                        Loc { file, span: n.span },
                        format!(
                            "input `{}` is {}, but its range is a percentage",
                            p.id,
                            elem.describe()
                        ),
                        "a percentage",
                    )
                    .help("drop the `%`, or declare the input as `percent`"),
                );
            }
            if !elem.is_numeric() {
                self.err(Diagnostic::error(
                    "Y0201",
                    Loc { file, span: r.span },
                    format!(
                        "input `{}` is {} and cannot have a numeric range",
                        p.id,
                        elem.describe()
                    ),
                    "range not allowed here",
                ));
            }
        }
        let min = r.min.as_ref().map(|n| n.value).or(dmin);
        let max = r.max.as_ref().map(|n| n.value).or(dmax);
        if let (Some(a), Some(b)) = (min, max) {
            if a > b {
                self.err(
                    Diagnostic::error(
                        "Y0307",
                        Loc { file, span: r.span },
                        format!(
                            "the range {a}..{b} is empty: its lower end is above its upper end"
                        ),
                        "empty range",
                    )
                    .help("write the smaller number first"),
                );
            }
        }
        (min, max)
    }

    fn lookup(&mut self, prefix: &str, path: &ast::Path, file: usize) -> Option<(Slot, Ty)> {
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

    /// `vetoed BAND` of a grade: the band must be one of the grade's, and the standard must have basic
    /// conditions of its own.
    fn vetoed_band(&mut self, g: &ast::Grade, bands: &[Band], file: usize) -> Option<Vetoed> {
        let name = g.vetoed.as_ref()?;
        let loc = Loc {
            file,
            span: name.span,
        };
        let Some(band) = bands
            .iter()
            .find(|b| self.symbols.get(b.sym as usize) == Some(&name.name))
            .map(|b| b.sym)
        else {
            let names: Vec<&str> = g.bands.iter().map(|b| b.name.name.as_str()).collect();
            self.err(
                Diagnostic::error(
                    "Y0106",
                    loc,
                    format!("`{}` is not a band of `{}`", name.name, g.name.name),
                    "no such band",
                )
                .help(format!(
                    "the bands of `{}` are {}",
                    g.name.name,
                    names.join(", ")
                )),
            );
            return None;
        };
        let vetoes: Vec<usize> = self
            .col
            .defs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.own && matches!(d.kind, PendKind::Item { veto: true, .. }))
            .map(|(i, _)| i)
            .collect();
        if vetoes.is_empty() {
            self.err(
                Diagnostic::error("Y0106", loc, "`vetoed` needs basic conditions, and this standard has none", "nothing can veto")
                    .help("put the conditions that veto in `basic { item … }`, or remove the `vetoed` line"),
            );
            return None;
        }
        for &v in &vetoes {
            self.def_type(v, loc);
        }
        Some(Vetoed {
            band,
            when: Ex::Not(Box::new(Ex::AllOf(
                vetoes.into_iter().map(Ex::Def).collect(),
            ))),
        })
    }

    /// The chain limit on the dependency graph, whatever the order the definitions were written in:
    /// lowering follows references recursively only into definitions not lowered yet, so a chain written
    /// in dependency order never deepens that recursion. One pass over the ordered definitions.
    fn check_chain_depth(&mut self, ordered: &[Def]) {
        if self.l.diags.iter().any(|d| d.code == "Y0104") {
            return;
        }
        // Links below each definition: 0 for one that reads no other definition.
        let mut depth = vec![0usize; ordered.len()];
        for (k, d) in ordered.iter().enumerate() {
            // One more link than the deepest definition it reads; none when it reads none.
            let mut below: Option<usize> = None;
            for ex in def_exprs(d) {
                walk(ex, &mut |x| {
                    if let Ex::Def(j) | Ex::Exceedance { def: j, .. } = x {
                        let dj = depth.get(*j).copied().unwrap_or(0);
                        below = Some(below.map_or(dj, |b| b.max(dj)));
                    }
                });
            }
            depth[k] = below.map_or(0, |b| b + 1);
            if depth[k] > MAX_DEF_CHAIN {
                self.err(
                    Diagnostic::error(
                        "Y0104",
                        d.loc,
                        format!(
                            "`{}` is at the end of a chain of definitions more than {MAX_DEF_CHAIN} deep",
                            d.id
                        ),
                        "chain too long",
                    )
                    .help("flatten the chain of derived values"),
                );
                return;
            }
        }
    }

    fn def_type(&mut self, d: usize, at: Loc) -> Ty {
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
                Diagnostic::error("Y0104", at, format!("`{id}` depends on itself"), "this reference closes the loop")
                    .help("a value, item or score cannot be defined in terms of itself, directly or through others; break the loop"),
            );
            return Ty::Error;
        }
        if self.depth >= MAX_DEF_CHAIN {
            self.err(
                Diagnostic::error(
                    "Y0104",
                    at,
                    format!("definitions refer to each other more than {MAX_DEF_CHAIN} deep"),
                    "chain too long",
                )
                .help("flatten the chain of derived values"),
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
                        Diagnostic::error(
                            "Y0309",
                            loc,
                            format!("item `{}` has no condition", p.id),
                            "empty item",
                        )
                        .help("write the rule inside the braces, e.g. `{ satisfaction >= 90% }`"),
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
        };
        self.done[i] = Some((def, ty));
        self.in_progress[i] = false;
        self.depth -= 1;
    }

    fn want_condition(&mut self, ty: &Ty, loc: Loc, what: &str) {
        if !ty.is_condition() {
            self.err(
                Diagnostic::error(
                    "Y0205",
                    loc,
                    format!(
                        "{what} needs a yes/no condition, but this is {}",
                        ty.describe()
                    ),
                    "not a condition",
                )
                .help("compare the value with a limit, e.g. `rate <= 3%`, or name a yes/no input"),
            );
        }
    }

    // ------------------------------------------------------------------------------------------ expressions

    fn expr(&mut self, e: &ast::Expr, prefix: &str, file: usize) -> (Ex, Ty) {
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
                            Diagnostic::error("Y0201", loc, format!("the two values of this `if` are of different kinds: {} after `then`, {} after `else`", x.describe(), y.describe()), "different kinds")
                                .help("give both branches the same kind of value, e.g. two percentages or two yes/no conditions"),
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
                            "Y0101",
                            Loc {
                                file,
                                span: group.span,
                            },
                            format!("`{}` is not a group of inputs", group.text),
                            "no such group",
                        )
                        .help(
                            "write the id of a `group NAME { input … }` declared in this standard",
                        ),
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
                        Diagnostic::error("Y0313", loc, format!("`each` repeats its condition more than {MAX_EACH_COPIES} times in this document"), "too many copies")
                            .help("an `each` inside another repeats the inner condition for every pair; write the condition once per group, or split the group"),
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
                            "Y0309",
                            loc,
                            format!("{what} has an empty list"),
                            "empty list",
                        )
                        .help("list the conditions or items inside the brackets"),
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
                            "Y0306",
                            loc,
                            format!(
                                "`at_least {k}` asks for more than the {} listed",
                                list.len()
                            ),
                            "can never pass",
                        )
                        .help(format!(
                            "K must be at most the number of entries ({})",
                            list.len()
                        )),
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
                                Diagnostic::error("Y0207", Loc { file, span: o.span }, "\"the rest within Nx\" needs items whose rules have upper limits", "no exceedance multiple")
                                    .help("list items whose conditions compare values with upper limits (`<=` or `<`), so a multiple of the limit can be measured"),
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
                            Diagnostic::error("Y0204", Loc { file, span: s }, format!("a yes/no answer cannot be used in `{}`", op.as_str()), "yes/no, not a number")
                                .help("count or score yes/no answers with a score (`deduct 1 per …`) or an item, not with arithmetic"),
                        );
                    } else if !t.is_numeric() {
                        self.err(Diagnostic::error(
                            "Y0201",
                            Loc { file, span: s },
                            format!("{} cannot be used in `{}`", t.describe(), op.as_str()),
                            "not a number",
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
                                _ => self.err(Diagnostic::error("Y0201", Loc { file, span: item.span }, "`in [...]` lists names of values", "not a name")),
                            }
                        }
                    }
                    Ty::Error => {}
                    t => self.err(
                        Diagnostic::error("Y0201", Loc { file, span: lhs.span }, format!("`in [...]` needs a named value (an enum input, a level or a grade), but this is {}", t.describe()), "not a named value")
                            .help("for numbers, compare with `>=` and `<=` instead"),
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

    fn unresolved(&mut self, path: &ast::Path, prefix: &str, file: usize) {
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
        let mut diag = Diagnostic::error(
            "Y0101",
            Loc {
                file,
                span: path.span,
            },
            format!("`{}` is not declared", path.text),
            "unknown name",
        );
        diag = match best {
            Some((_, s)) => diag.help(format!("did you mean `{s}`?")),
            None => diag.help(format!("declare it first (`input {}: …`), or check the spelling; names from a used standard start with its alias, e.g. `pests.fly`", want)),
        };
        self.err(diag);
    }

    fn variant(&mut self, syms: &Arc<[Sym]>, name: &str) -> Option<Sym> {
        let s = *self.sym_index.get(name)?;
        syms.contains(&s).then_some(s)
    }

    fn bad_variant(&mut self, syms: &Arc<[Sym]>, p: &ast::Path, file: usize) {
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
                "Y0106",
                Loc { file, span: p.span },
                format!("`{}` is not one of the values this can take", p.text),
                "unknown value",
            )
            .help(format!("the possible values are {}", names.join(", "))),
        );
    }

    fn want_number(&mut self, ty: &Ty, loc: Loc, what: &str) {
        if matches!(ty, Ty::Bool | Ty::Outcome) {
            self.err(Diagnostic::error(
                "Y0204",
                loc,
                format!("a yes/no answer cannot be used with {what}"),
                "yes/no, not a number",
            ));
        } else if !ty.is_numeric() {
            self.err(Diagnostic::error(
                "Y0201",
                loc,
                format!("{} cannot be used with {what}", ty.describe()),
                "not a number",
            ));
        }
    }

    fn same_kind(&mut self, a: &Ty, b: &Ty, loc: Loc, sa: Span, sb: Span, op: &str) -> Ty {
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
                    Diagnostic::error("Y0202", loc, format!("`{op}` combines a number in {x} with a number in {y}"), "different units")
                        .related(Loc { file: loc.file, span: sa }, format!("in {x}"))
                        .related(Loc { file: loc.file, span: sb }, format!("in {y}"))
                        .help("only quantities in the same unit can be added or compared; convert one of them first"),
                );
                Ty::Error
            }
            (Ty::Percent, Ty::Lit) | (Ty::Lit, Ty::Percent) => {
                let s = if matches!(a, Ty::Lit) { sa } else { sb };
                self.err(
                    Diagnostic::error(
                        "Y0203",
                        Loc {
                            file: loc.file,
                            span: s,
                        },
                        "a percentage is combined with a plain number",
                        "missing `%`",
                    )
                    .help("write the number as a percentage, e.g. `90%`"),
                );
                Ty::Percent
            }
            _ if a.is_numeric() && b.is_numeric() => {
                self.err(
                    Diagnostic::error("Y0201", loc, format!("`{op}` combines {} with {}", a.describe(), b.describe()), "different kinds")
                        .related(Loc { file: loc.file, span: sa }, a.describe())
                        .related(Loc { file: loc.file, span: sb }, b.describe())
                        .help("both sides must be the same kind of quantity: percentages with percentages, counts with counts"),
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
                        Diagnostic::error("Y0201", loc, format!("`{}` only works on numbers and dates; named values can be tested with `==`, `!=` or `in [...]`", op.as_str()), "not an ordering")
                            .help("to accept several values write `x in [A, B, C]`"),
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
                let shown = match val {
                    Ex::Const(Val::Num(n)) => format!("{n}%"),
                    _ => "the number with `%`".into(),
                };
                let name = match (&lhs.kind, &rhs.kind) {
                    (ExprKind::Ref(p), _) | (_, ExprKind::Ref(p)) => format!("`{}`", p.text),
                    _ => "this value".into(),
                };
                self.err(
                    Diagnostic::error(
                        "Y0203",
                        Loc {
                            file,
                            span: side.span,
                        },
                        format!("{name} is a percentage but is compared with a plain number"),
                        "missing `%`",
                    )
                    .help(format!(
                        "write `{shown}`: percentages are compared with percentages"
                    )),
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
                        "Y0204"
                    } else {
                        "Y0201"
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
                    .related(
                        Loc {
                            file,
                            span: lhs.span,
                        },
                        a.describe(),
                    )
                    .related(
                        Loc {
                            file,
                            span: rhs.span,
                        },
                        b.describe(),
                    )
                    .help(if matches!(a, Ty::Bool) {
                        "a yes/no input is a condition by itself: write `name` or `not name`"
                    } else {
                        "compare values of the same kind"
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
                        self.err(Diagnostic::error("Y0207", Loc { file, span: p.span }, format!("`exceedance` needs an item or a level ladder, but `{}` is an input", p.text), "an input"));
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
                            "Y0206",
                            loc,
                            "`exceedance(…)` takes the id of an item or a level ladder",
                            "needs an id",
                        )
                        .help("e.g. `exceedance(level)` or `exceedance(pests.fly)`"),
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
                            _ => self.err(Diagnostic::error(
                                "Y0106",
                                Loc { file, span: a.span },
                                format!("`{text}` is not a passing level of this ladder"),
                                "unknown level",
                            )),
                        }
                    }
                    _ => self.err(Diagnostic::error(
                        "Y0206",
                        Loc { file, span: a.span },
                        "the second argument of `exceedance` is a level of the ladder",
                        "not a level",
                    )),
                }
            }
            if let Some(d) = def {
                if !self.def_has_multiple(d) {
                    self.err(
                        Diagnostic::error("Y0207", loc, "this has no upper limits, so it has no exceedance multiple", "no multiple")
                            .help("an exceedance multiple is the measured value divided by an upper limit (`<=` or `<`)"),
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
            let mut d = Diagnostic::error(
                "Y0103",
                Loc {
                    file,
                    span: func.span,
                },
                format!("there is no function `{}`", func.name),
                "unknown function",
            );
            d = d.help(match near {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!("the functions are {}", known.join(", ")),
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
                    "Y0206",
                    loc,
                    format!("`{}` is given {} value(s)", func.name, args.len()),
                    "wrong number of values",
                )
                .help(match f {
                    Func::Round => "write `round(value, decimals)`".to_string(),
                    Func::Min | Func::Max => {
                        format!("write `{}(series)` or `{}(a, b, …)`", func.name, func.name)
                    }
                    _ => format!("write `{}(series)`", func.name),
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
                            "Y0206",
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
                        .help("declare the input as e.g. `series 3 of percent`"),
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

    // ------------------------------------------------------------------------------------------ ladders, scores, grades

    fn ladder(
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
                self.err(Diagnostic::error(
                    "Y0102",
                    Loc { file, span: n.span },
                    format!("level `{}` is listed twice", n.name),
                    "listed again",
                ));
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
                    "Y0309",
                    Loc {
                        file,
                        span: lv.name.span,
                    },
                    format!("level ladder `{}` has no rows", lv.name.name),
                    "empty ladder",
                )
                .help("add rows such as `rate <= [1%, 3%, 5%]`, one threshold per level"),
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
                        "Y0201",
                        rloc,
                        "a level row needs a limit (`<=`, `<`, `>=` or `>`), not `==`/`!=`",
                        "not a limit",
                    )
                    .help("write e.g. `count <= [0, 0, 0]` for \"none at any level\""),
                );
            }
            if r.thresholds.len() != n_levels {
                self.err(
                    Diagnostic::error("Y0305", rloc, format!("this row has {} threshold(s) but the ladder has {} level(s) above `{}`", r.thresholds.len(), n_levels, lv.below.name), "wrong number of thresholds")
                        .help(format!("give one threshold for each of {}, best level first", lv.order.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", "))),
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
                        Diagnostic::error("Y0304", Loc { file, span }, format!("this threshold's `{}` does not point the same way as the row's `{}`", op.as_str(), r.op.as_str()), "mixed directions")
                            .help("every threshold of a row is an upper limit (`<=`, `<`) or every one a lower limit (`>=`, `>`); write two rows for two kinds of limit"),
                    );
                }
            }
            for (k, t) in r.thresholds.iter().enumerate() {
                let (tx, tt) = self.expr(t, prefix, file);
                if st.is_numeric() && tt.is_numeric() {
                    match (&st, &tt) {
                        (Ty::Percent, Ty::Lit) => self.err(
                            Diagnostic::error(
                                "Y0203",
                                Loc { file, span: t.span },
                                "a percentage row has a threshold without `%`",
                                "missing `%`",
                            )
                            .help(match &tx {
                                Ex::Const(Val::Num(n)) => format!("write `{n}%`"),
                                _ => "add `%` to the threshold".into(),
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
                        d.code == "Y0304" && d.loc.span == lv.name.span && d.loc.file == file
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
                            Diagnostic::error("Y0304", Loc { file, span: lv.name.span }, format!("the levels are written worst first ({}, below {}), with their limits in the same order", names[..names.len() - 1].join(" > "), lv.below.name), "levels worst first")
                                .help(format!("a ladder goes best first, its limits too: write `levels {}: {}, below {}` and this row as `… {} [{}]`", lv.name.name, best.join(" > "), below.join(""), r.op.as_str(), limits.join(", "))),
                        );
                        break;
                    }
                    if bad {
                        let (la, lb) = (
                            &lv.order[w].name,
                            lv.order.get(w + 1).map(|x| x.name.as_str()).unwrap_or("?"),
                        );
                        self.err(
                            Diagnostic::error("Y0304", Loc { file, span: b.1 }, format!("level {la} is less strict than level {lb} on this row"), format!("{lb}: {} {}{pct}", b.2.as_str(), b.0))
                                .related(Loc { file, span: a.1 }, format!("{la}: {} {}{pct}", a.2.as_str(), a.0))
                                .help(if r.op.is_upper_limit() {
                                    format!("with `{}` a better level needs a smaller or equal limit: {la} ≤ {lb}", r.op.as_str())
                                } else {
                                    format!("with `{}` a better level needs a larger or equal limit: {la} ≥ {lb}", r.op.as_str())
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

    fn score(
        &mut self,
        s: &ast::Score,
        prefix: &str,
        file: usize,
        term_files: &[usize],
    ) -> ScoreKind {
        let base_file = file;
        match &s.body {
            ast::ScoreBody::Weighted(terms) => {
                let mut out = Vec::new();
                let mut total = Decimal::ZERO;
                let mut first_ty: Option<(Ty, Span)> = None;
                for (k, t) in terms.iter().enumerate() {
                    // A weight an overlay changed is read in the overlay's file.
                    let file = term_files.get(k).copied().unwrap_or(base_file);
                    total = total.saturating_add(t.weight.value);
                    let (ex, ty) = match self.lookup(prefix, &t.term, file) {
                        Some((Slot::Input(i), ty)) => (Ex::Input(i), ty),
                        Some((Slot::Def(d), ty)) => (Ex::Def(d), ty),
                        None => {
                            self.unresolved(&t.term, prefix, file);
                            (Ex::Const(Val::Unknown), Ty::Error)
                        }
                    };
                    self.want_number(
                        &ty,
                        Loc {
                            file,
                            span: t.term.span,
                        },
                        "a weighted score",
                    );
                    if let Some((ft, fs)) = &first_ty {
                        if ty.is_numeric() && ft.is_numeric() {
                            let (ft, fs) = (ft.clone(), *fs);
                            self.same_kind(
                                &ft,
                                &ty,
                                Loc { file, span: t.span },
                                fs,
                                t.term.span,
                                "+",
                            );
                        }
                    } else {
                        first_ty = Some((ty, t.term.span));
                    }
                    out.push((
                        t.weight.value / Decimal::ONE_HUNDRED,
                        ex,
                        t.term.text.clone(),
                    ));
                }
                if total != Decimal::ONE_HUNDRED {
                    let parts: Vec<String> = terms
                        .iter()
                        .map(|t| format!("{}%", t.weight.value))
                        .collect();
                    // Underline the terms of one file: the overlay's when it changed weights.
                    let at = term_files
                        .iter()
                        .copied()
                        .find(|f| *f != base_file)
                        .unwrap_or(base_file);
                    let here: Vec<&ast::WeightTerm> = terms
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| term_files.get(*k).copied().unwrap_or(base_file) == at)
                        .map(|(_, t)| t)
                        .collect();
                    let sp = here
                        .first()
                        .map(|f| f.span.to(here.last().map(|l| l.span).unwrap_or(f.span)))
                        .unwrap_or(s.name.span);
                    let file = at;
                    let diff = Decimal::ONE_HUNDRED - total;
                    self.err(
                        Diagnostic::error("Y0301", Loc { file, span: sp }, format!("the weights of score `{}` add up to {total}%, not 100%", s.name.name), format!("{} = {total}%", parts.join(" + ")))
                            .help(if diff > Decimal::ZERO { format!("{diff} percentage points are missing; the weights of a weighted score must add up to exactly 100%") } else { format!("they are {} points too many; the weights of a weighted score must add up to exactly 100%", -diff) }),
                    );
                }
                ScoreKind::Weighted(out)
            }
            ast::ScoreBody::Expr(e) => {
                let (ex, ty) = self.expr(e, prefix, file);
                self.want_number(&ty, Loc { file, span: e.span }, "a score");
                ScoreKind::Expr(ex)
            }
            ast::ScoreBody::Deductions(d) => {
                let start = match &d.start {
                    Some(e) => {
                        let (ex, ty) = self.expr(e, prefix, file);
                        self.want_number(&ty, Loc { file, span: e.span }, "`start`");
                        ex
                    }
                    None => match &s.out_of {
                        Some(n) => Ex::Const(Val::Num(n.value)),
                        None => {
                            self.err(Diagnostic::error("Y0310", Loc { file, span: s.name.span }, format!("score `{}` deducts points but does not say what it starts from", s.name.name), "no starting points").help("add `out_of N` after the score's name, or `start N` inside the braces"));
                            Ex::Const(Val::Num(Decimal::ZERO))
                        }
                    },
                };
                let mut rules = Vec::new();
                for r in &d.rules {
                    let (per, ty) = match self.lookup(prefix, &r.per, file) {
                        Some((Slot::Input(i), ty)) => (Ex::Input(i), ty),
                        Some((Slot::Def(dd), ty)) => (Ex::Def(dd), ty),
                        None => {
                            self.unresolved(&r.per, prefix, file);
                            (Ex::Const(Val::Unknown), Ty::Error)
                        }
                    };
                    if !matches!(ty, Ty::Count | Ty::Number(_) | Ty::Bool | Ty::Error) {
                        self.err(Diagnostic::error("Y0206", Loc { file, span: r.per.span }, format!("`deduct … per` counts something, but `{}` is {}", r.per.text, ty.describe()), "not a count").help("deduct per a `count` input (or a yes/no input, counted as 1 when yes)"));
                    }
                    if let Some(c) = &r.cap {
                        if c.value < r.amount.value {
                            self.err(Diagnostic::error(
                                "Y0310",
                                Loc { file, span: c.span },
                                format!(
                                    "the cap {} is smaller than one deduction of {}",
                                    c.value, r.amount.value
                                ),
                                "cap below one deduction",
                            ));
                        }
                    }
                    rules.push(Deduction {
                        amount: r.amount.value,
                        per,
                        per_name: r.per.text.clone(),
                        cap: r.cap.as_ref().map(|c| c.value),
                        cite: cite_of(&r.citation),
                    });
                }
                let floor = d.floor.as_ref().map(|e| {
                    let (ex, ty) = self.expr(e, prefix, file);
                    self.want_number(&ty, Loc { file, span: e.span }, "`floor`");
                    ex
                });
                ScoreKind::Deductions {
                    start,
                    rules,
                    cap: d.cap.as_ref().map(|c| c.value),
                    floor,
                }
            }
        }
    }

    fn grade(
        &mut self,
        g: &ast::Grade,
        prefix: &str,
        file: usize,
        band_files: &[usize],
    ) -> (Ex, Vec<Band>, Ty) {
        let (from, fty) = self.expr(&g.from, prefix, file);
        self.want_number(
            &fty,
            Loc {
                file,
                span: g.from.span,
            },
            "a grade",
        );
        let mut bands = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (k, b) in g.bands.iter().enumerate() {
            // A band an overlay changed is read in the overlay's file.
            let file = band_files.get(k).copied().unwrap_or(file);
            if seen.contains(&b.name.name.as_str()) {
                self.err(Diagnostic::error(
                    "Y0102",
                    Loc {
                        file,
                        span: b.name.span,
                    },
                    format!("band `{}` is listed twice", b.name.name),
                    "listed again",
                ));
            }
            seen.push(&b.name.name);
            let mut lower = None;
            let mut upper = None;
            for bb in &b.bounds {
                let (ex, ty) = self.expr(&bb.value, prefix, file);
                if matches!((&fty, &ty), (Ty::Percent, Ty::Lit)) {
                    self.err(Diagnostic::error(
                        "Y0203",
                        Loc {
                            file,
                            span: bb.value.span,
                        },
                        "a band of a percentage is written without `%`",
                        "missing `%`",
                    ));
                }
                let Ex::Const(Val::Num(v)) = ex else {
                    self.err(
                        Diagnostic::error(
                            "Y0201",
                            Loc {
                                file,
                                span: bb.value.span,
                            },
                            "a band bound must be a number",
                            "not a number",
                        )
                        .help("write e.g. `when >= 85 and < 90`"),
                    );
                    continue;
                };
                match bb.op {
                    CmpOp::Ge => lower = Some((v, true)),
                    CmpOp::Gt => lower = Some((v, false)),
                    CmpOp::Le => upper = Some((v, true)),
                    CmpOp::Lt => upper = Some((v, false)),
                    _ => self.err(
                        Diagnostic::error(
                            "Y0201",
                            Loc {
                                file,
                                span: bb.span,
                            },
                            "a band bound needs `>=`, `>`, `<=` or `<`",
                            "not a bound",
                        )
                        .help("write e.g. `when >= 85 and < 90`"),
                    ),
                }
            }
            let sym = self.sym(&b.name.name);
            bands.push(Band {
                sym,
                labels: labels_of(&b.label, &b.short_label),
                lower,
                upper,
                otherwise: b.otherwise,
            });
        }
        if g.bands.is_empty() {
            self.err(Diagnostic::error(
                "Y0309",
                Loc {
                    file,
                    span: g.name.span,
                },
                format!("grade `{}` has no bands", g.name.name),
                "no bands",
            ));
        }
        let syms: Vec<Sym> = bands.iter().map(|b| b.sym).collect();
        (from, bands, Ty::Enum(syms.into()))
    }

    // ------------------------------------------------------------------------------------------ examples and ranks

    fn examples(&mut self, remap: &[usize]) -> Vec<ExampleDef> {
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
                    let mut d = Diagnostic::error(
                        "Y0308",
                        Loc {
                            file: root,
                            span: g.input.span,
                        },
                        format!(
                            "example \"{}\" gives `{}`, which is not an input",
                            e.name.value, g.input.text
                        ),
                        "not an input",
                    );
                    if let Some(best) = self
                        .inputs
                        .iter()
                        .map(|x| (edit_distance(&x.id, &g.input.text), x.id.clone()))
                        .min()
                    {
                        if best.0 <= 3 {
                            d = d.help(format!("did you mean `{}`?", best.1));
                        }
                    }
                    self.err(d);
                    continue;
                };
                let ty = self
                    .inputs
                    .get(i)
                    .map(|x| x.ty.clone())
                    .unwrap_or(Ty::Error);
                match example_value(&g.value, &ty, &self.sym_index) {
                    Ok(v) => given.push((i, v)),
                    Err(why) => self.err(Diagnostic::error(
                        "Y0308",
                        gloc,
                        format!("example \"{}\": `{}` {why}", e.name.value, g.input.text),
                        "wrong kind of value",
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
                            Some(Slot::Def(d)) => remap.get(*d).map(|d| ExpectOn::Def(*d)),
                            _ => {
                                self.err(Diagnostic::error("Y0101", Loc { file: root, span: p.span }, format!("example \"{}\" expects `{}`, which is not an item or output", e.name.value, p.text), "unknown name").help("expect `outcome`, an item (`item b5 = pass`), a level, score, grade or output"));
                                None
                            }
                        }
                    }
                    ast::ExpectTarget::Exceedance { of, level } => match self.names.get(&of.text) {
                        Some(Slot::Def(d)) => {
                            let dd = *d;
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
                                    self.err(Diagnostic::error("Y0106", Loc { file: root, span: l.span }, format!("`{}` is not a level of `{}`", l.name, of.text), "unknown level").help("name one of the ladder's passing levels, e.g. `exceedance(level, C)`"));
                                    None
                                }
                                (Some(l), Some(i)) if i + 1 >= n_levels => {
                                    self.err(Diagnostic::error("Y0106", Loc { file: root, span: l.span }, format!("`{}` is the level below the ladder; it has no limits to measure against", l.name), "no limits").help("name a passing level, e.g. the lowest one"));
                                    None
                                }
                                _ => remap.get(dd).map(|d| ExpectOn::Exceedance {
                                    def: *d,
                                    level: lvl,
                                }),
                            }
                        }
                        _ => {
                            self.err(Diagnostic::error(
                                "Y0101",
                                Loc {
                                    file: root,
                                    span: of.span,
                                },
                                format!("`{}` is not an item or level ladder", of.text),
                                "unknown name",
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

    fn requires(&mut self, remap: &[usize]) -> Vec<RequireDef> {
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

    fn rank(&mut self, remap: &[usize]) -> Option<RankDef> {
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

fn example_value(v: &ast::Value, ty: &Ty, syms: &HashMap<String, Sym>) -> Result<Val, String> {
    match (v, ty) {
        (ast::Value::Number(n), Ty::Percent) if n.percent => Ok(Val::Num(n.value)),
        (ast::Value::Number(_), Ty::Percent) => {
            Err("is a percentage: write the value with `%`".into())
        }
        (ast::Value::Number(n), Ty::Count | Ty::Number(_)) if !n.percent => Ok(Val::Num(n.value)),
        (ast::Value::Number(_), Ty::Count | Ty::Number(_)) => {
            Err("is not a percentage: drop the `%`".into())
        }
        (ast::Value::Bool(b), Ty::Bool) => Ok(Val::Bool(*b)),
        (ast::Value::Date(d), Ty::Date) => Ok(Val::Date(*d)),
        (ast::Value::Name(n), Ty::Enum(set)) => match syms.get(n) {
            Some(s) if set.contains(s) => Ok(Val::Sym(*s)),
            _ => Err(format!("has no value `{n}`")),
        },
        (ast::Value::Series(xs), Ty::Series(len, elem)) => {
            if xs.len() != *len as usize {
                return Err(format!(
                    "is a series of {len} values, but {} are given",
                    xs.len()
                ));
            }
            if matches!(**elem, Ty::Percent) != xs.iter().all(|x| x.percent) {
                return Err("mixes percentages and plain numbers".into());
            }
            Ok(Val::Series(
                xs.iter().map(|x| x.value).collect::<Vec<_>>().into(),
            ))
        }
        (_, t) => Err(format!("is {}", t.describe())),
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

/// Visit every node of an expression (pre-order).
pub fn walk<'a>(ex: &'a Ex, f: &mut dyn FnMut(&'a Ex)) {
    f(ex);
    match ex {
        Ex::Const(_) | Ex::Input(_) | Ex::Def(_) | Ex::Exceedance { .. } => {}
        Ex::Neg(x) | Ex::Not(x) => walk(x, f),
        Ex::If(i) => {
            walk(&i.cond, f);
            walk(&i.then, f);
            walk(&i.otherwise, f);
        }
        Ex::Arith { lhs, rhs, .. } => {
            walk(lhs, f);
            walk(rhs, f);
        }
        Ex::Cmp(c) => {
            walk(&c.lhs, f);
            walk(&c.rhs, f);
        }
        Ex::In { lhs, .. } => walk(lhs, f),
        Ex::And(xs)
        | Ex::Or(xs)
        | Ex::AllOf(xs)
        | Ex::AnyOf(xs)
        | Ex::NoneOf(xs)
        | Ex::AtLeast { list: xs, .. }
        | Ex::Call { args: xs, .. } => {
            for x in xs {
                walk(x, f);
            }
        }
    }
}

fn walk_mut(ex: &mut Ex, f: &mut dyn FnMut(&mut Ex)) {
    f(ex);
    match ex {
        Ex::Const(_) | Ex::Input(_) | Ex::Def(_) | Ex::Exceedance { .. } => {}
        Ex::Neg(x) | Ex::Not(x) => walk_mut(x, f),
        Ex::If(i) => {
            walk_mut(&mut i.cond, f);
            walk_mut(&mut i.then, f);
            walk_mut(&mut i.otherwise, f);
        }
        Ex::Arith { lhs, rhs, .. } => {
            walk_mut(lhs, f);
            walk_mut(rhs, f);
        }
        Ex::Cmp(c) => {
            walk_mut(&mut c.lhs, f);
            walk_mut(&mut c.rhs, f);
        }
        Ex::In { lhs, .. } => walk_mut(lhs, f),
        Ex::And(xs)
        | Ex::Or(xs)
        | Ex::AllOf(xs)
        | Ex::AnyOf(xs)
        | Ex::NoneOf(xs)
        | Ex::AtLeast { list: xs, .. }
        | Ex::Call { args: xs, .. } => {
            for x in xs {
                walk_mut(x, f);
            }
        }
    }
}

fn remap_ex(ex: &mut Ex, remap: &[usize]) {
    walk_mut(ex, &mut |e| match e {
        Ex::Def(d) => *d = remap.get(*d).copied().unwrap_or(*d),
        Ex::Exceedance { def, .. } => *def = remap.get(*def).copied().unwrap_or(*def),
        _ => {}
    });
}

/// Every expression of a definition.
pub fn def_exprs(d: &Def) -> Vec<&Ex> {
    let mut v: Vec<&Ex> = Vec::new();
    match &d.kind {
        DefKind::Value(e) => v.push(e),
        DefKind::Item { applies, body, .. } => {
            v.extend(applies.iter());
            v.push(body);
        }
        DefKind::Levels(l) => {
            for r in &l.rows {
                v.push(&r.subject);
                v.extend(r.thresholds.iter());
            }
        }
        DefKind::Score { kind, .. } => match kind {
            ScoreKind::Weighted(ts) => v.extend(ts.iter().map(|t| &t.1)),
            ScoreKind::Expr(e) => v.push(e),
            ScoreKind::Deductions {
                start,
                rules,
                floor,
                ..
            } => {
                v.push(start);
                v.extend(rules.iter().map(|r| &r.per));
                v.extend(floor.iter());
            }
        },
        DefKind::Grade { from, vetoed, .. } => {
            v.push(from);
            v.extend(vetoed.iter().map(|x| &x.when));
        }
    }
    v
}

fn remap_def(d: &mut Def, remap: &[usize]) {
    match &mut d.kind {
        DefKind::Value(e) => remap_ex(e, remap),
        DefKind::Item { applies, body, .. } => {
            if let Some(a) = applies {
                remap_ex(a, remap);
            }
            remap_ex(body, remap);
        }
        DefKind::Levels(l) => {
            for r in &mut l.rows {
                remap_ex(&mut r.subject, remap);
                for t in &mut r.thresholds {
                    remap_ex(t, remap);
                }
            }
        }
        DefKind::Score { kind, .. } => match kind {
            ScoreKind::Weighted(ts) => {
                for t in ts {
                    remap_ex(&mut t.1, remap);
                }
            }
            ScoreKind::Expr(e) => remap_ex(e, remap),
            ScoreKind::Deductions {
                start,
                rules,
                floor,
                ..
            } => {
                remap_ex(start, remap);
                for r in rules {
                    remap_ex(&mut r.per, remap);
                }
                if let Some(f) = floor {
                    remap_ex(f, remap);
                }
            }
        },
        DefKind::Grade { from, vetoed, .. } => {
            remap_ex(from, remap);
            if let Some(x) = vetoed {
                remap_ex(&mut x.when, remap);
            }
        }
    }
}

/// Dependencies of each definition, in order: the defs it reads.
pub(crate) fn deps(d: &Def) -> Vec<usize> {
    let mut out = Vec::new();
    for e in def_exprs(d) {
        walk(e, &mut |x| match x {
            Ex::Def(i) | Ex::Exceedance { def: i, .. } => out.push(*i),
            _ => {}
        });
    }
    out
}

fn topo_order(defs: &[Def]) -> Option<Vec<usize>> {
    let n = defs.len();
    let mut indeg = vec![0usize; n];
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, d) in defs.iter().enumerate() {
        for dep in deps(d) {
            if dep < n && dep != i {
                indeg[i] += 1;
                users[dep].push(i);
            }
        }
    }
    let mut ready: std::collections::VecDeque<usize> = (0..n).filter(|i| indeg[*i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_front() {
        order.push(i);
        for &u in &users[i] {
            indeg[u] -= 1;
            if indeg[u] == 0 {
                ready.push_back(u);
            }
        }
    }
    (order.len() == n).then_some(order)
}

fn hash_files(units: &[Unit<'_>], files: &[usize]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for f in files {
        if let Some(u) = units.get(*f) {
            h.update(u.text.as_bytes());
            h.update([0u8]);
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}
