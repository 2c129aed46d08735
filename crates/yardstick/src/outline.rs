//! A document's text as an editor sees it: every declaration with where its name is written, every name
//! read and where, and the standards it builds on. Read from the syntax tree alone (no compiling, no
//! resolving): `yardstick-ide` answers hover, go to definition, references, rename, symbols and
//! highlighting from it.
//!
//! Positions are byte offsets into the text ([`TextRange`]).
//!
//! ```
//! let o = yardstick::outline::outline(r#"standard demo {
//!   version "1"
//!   input satisfaction: percent label zh "满意率"
//!   basic { item b10 { satisfaction >= 90% } }
//! }"#).unwrap();
//! let input = o.symbols.iter().find(|s| s.id == "satisfaction").unwrap();
//! assert_eq!(input.kind, yardstick::outline::SymbolKind::Input);
//! assert_eq!(o.references.iter().filter(|r| r.name == "satisfaction").count(), 1);
//! ```

use crate::api;
use crate::report::Problem;
use yardstick_syntax::ast::{self, ExprKind, MemberKind};

/// A byte range `[start, end)` in a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    /// Whether `offset` is inside the range or at its end (where a cursor just after a name is).
    pub fn touches(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
    /// Whether `other` lies within this range.
    pub fn contains(&self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<ast::Span> for TextRange {
    fn from(s: ast::Span) -> Self {
        TextRange {
            start: s.start,
            end: s.end,
        }
    }
}

/// What a declaration declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// The standard itself (`standard ID`).
    Standard,
    /// `use ID version "V" as ALIAS`: the alias.
    Use,
    Input,
    /// A value of an `enum [...]` input; its parent is the input.
    Variant,
    Group,
    Let,
    Output,
    Section,
    /// A `basic` section: every item inside is a veto.
    Basic,
    Item,
    /// A level ladder (`levels NAME: A > B, below C`).
    Levels,
    /// One level of a ladder (`A`, `B`, … and the `below` level); its parent is the ladder.
    Level,
    /// A labelled group of rows in a ladder.
    LevelGroup,
    Score,
    Grade,
    /// A band of a grade; its parent is the grade.
    Band,
    Require,
    Example,
    /// The variable of `each x in GROUP { … }`, read only inside the braces (its `range`).
    Local,
}

impl SymbolKind {
    /// The keyword the declaration is written with (`input`, `item`, …).
    pub fn keyword(self) -> &'static str {
        match self {
            SymbolKind::Standard => "standard",
            SymbolKind::Use => "use",
            SymbolKind::Input => "input",
            SymbolKind::Variant => "enum",
            SymbolKind::Group => "group",
            SymbolKind::Let => "let",
            SymbolKind::Output => "output",
            SymbolKind::Section => "section",
            SymbolKind::Basic => "basic",
            SymbolKind::Item => "item",
            SymbolKind::Levels => "levels",
            SymbolKind::Level => "level",
            SymbolKind::LevelGroup => "levels",
            SymbolKind::Score => "score",
            SymbolKind::Grade => "grade",
            SymbolKind::Band => "grade",
            SymbolKind::Require => "require",
            SymbolKind::Example => "example",
            SymbolKind::Local => "each",
        }
    }
}

/// One declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub kind: SymbolKind,
    /// The name a reference writes: `pests.fly` for input `fly` in group `pests`, `b10`; a variant's,
    /// level's or band's own name; an example's text.
    pub id: String,
    /// Where the declared name is written (the last part of `id`).
    pub name: TextRange,
    /// The whole declaration.
    pub range: TextRange,
    /// The enclosing declaration (index into [`Outline::symbols`]): a group, section, ladder, grade or
    /// enum input.
    pub parent: Option<usize>,
    /// Labels (a short label written after the name counts as the Chinese one when there is no
    /// `label zh`).
    pub labels: api::Labels,
    /// The input's `help`.
    pub help: api::Labels,
    /// The input's type as written (`percent`, `number unit "mg/L"`, `enum [a, b]`); a `let`'s or
    /// `output`'s expression as written; an item's conditions as written.
    pub detail: Option<String>,
    /// The input's `range` as written.
    pub input_range: Option<String>,
    /// The item's or section's `clause`.
    pub clause: Option<String>,
    pub source: Option<api::Source>,
    /// Its `///` lines.
    pub docs: Vec<String>,
}

/// How a name is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// A name in an expression, an example's `given` or `expect`, a weight, a deduction, a `change` or
    /// `remove`: an input, group, derived value, item, ladder, score or grade (maybe of a used standard,
    /// through its alias).
    Name,
    /// A value compared with or given to [`Reference::peer`]: an enum value, a level or a band.
    Value,
}

/// One name read in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub kind: RefKind,
    /// As written (`pests.fly.room_rate`, `b10`, `prefecture`).
    pub name: String,
    pub range: TextRange,
    /// For a [`RefKind::Value`]: the name it is compared with or given to (`city_class` in
    /// `city_class == prefecture`), when that is a name.
    pub peer: Option<String>,
}

/// How a standard is brought in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StandardRefKind {
    Extends,
    Use,
    Supersedes,
}

/// A standard this one names: `extends`, `use` or `supersedes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandardRef {
    pub kind: StandardRefKind,
    pub id: String,
    pub id_range: TextRange,
    pub version: String,
    /// The version's text with its quotes.
    pub version_range: TextRange,
    /// The alias of a `use`.
    pub alias: Option<String>,
    /// The whole clause.
    pub range: TextRange,
}

/// Everything an editor reads from one document's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// The declarations in the order written (a parent before its children).
    pub symbols: Vec<Symbol>,
    /// The names read, in the order written.
    pub references: Vec<Reference>,
    /// `extends`, `use` and `supersedes`, in the order written.
    pub standards: Vec<StandardRef>,
}

/// The outline of a text, or its syntax problems when it does not parse.
pub fn outline(text: &str) -> Result<Outline, Vec<Problem>> {
    match yardstick_syntax::parse(text) {
        Ok(doc) => Ok(of_document(&doc, text)),
        Err(_) => Err(crate::syntax_problems("", text)),
    }
}

pub(crate) fn of_document(doc: &ast::Document, text: &str) -> Outline {
    let mut b = Builder {
        text,
        o: Outline::default(),
    };
    b.document(doc);
    let mut o = b.o;
    yardstick_syntax::sort::sort_by_key(&mut o.references, |r| (r.range.start, r.range.end));
    o
}

struct Builder<'t> {
    text: &'t str,
    o: Outline,
}

fn labels(short: Option<&ast::Text>, l: Option<&ast::Labels>) -> api::Labels {
    api::Labels {
        zh: l
            .and_then(|l| l.zh.as_ref())
            .or(short)
            .map(|t| t.value.clone()),
        en: l.and_then(|l| l.en.as_ref()).map(|t| t.value.clone()),
    }
}

fn source(c: Option<&ast::Citation>) -> Option<api::Source> {
    c.map(|c| {
        let note = c.note.as_ref().map(|n| n.value.clone());
        api::Source {
            source: c.source.value.clone(),
            tier: c.tier.map(|t| t.letter().to_string()),
            note_zh: note
                .as_deref()
                .and_then(yardstick_core::words::units::note_zh),
            note,
        }
    })
}

fn docs(d: &[ast::Text]) -> Vec<String> {
    d.iter().map(|t| t.value.clone()).collect()
}

impl Builder<'_> {
    /// The text under a span, its whitespace runs made single spaces.
    fn written(&self, s: ast::Span) -> String {
        self.text
            .get(s.start..s.end)
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    fn push(&mut self, kind: SymbolKind, id: String, name: ast::Span, range: ast::Span) -> usize {
        self.o.symbols.push(Symbol {
            kind,
            id,
            name: name.into(),
            range: range.into(),
            parent: None,
            labels: api::Labels::default(),
            help: api::Labels::default(),
            detail: None,
            input_range: None,
            clause: None,
            source: None,
            docs: Vec::new(),
        });
        self.o.symbols.len() - 1
    }

    fn name_ref(&mut self, p: &ast::Path) {
        self.o.references.push(Reference {
            kind: RefKind::Name,
            name: p.text.clone(),
            range: p.span.into(),
            peer: None,
        });
    }

    /// A value name (enum value, level, band) written inside `within` after its `=`, which the tree
    /// keeps without a span.
    fn value_ref(&mut self, name: &str, within: ast::Span, peer: &str) {
        let Some(t) = self.text.get(within.start..within.end) else {
            return;
        };
        let Some(eq) = t.rfind('=') else { return };
        let after = &t[eq + 1..];
        let mut from = 0;
        while let Some(k) = after[from..].find(name) {
            let at = from + k;
            let before_ok = after[..at].chars().next_back().map_or(true, |c| {
                !(c.is_ascii_alphanumeric() || c == '_' || c == '.')
            });
            let end = at + name.len();
            let after_ok = after[end..].chars().next().map_or(true, |c| {
                !(c.is_ascii_alphanumeric() || c == '_' || c == '.')
            });
            if before_ok && after_ok {
                let start = within.start + eq + 1 + at;
                self.o.references.push(Reference {
                    kind: RefKind::Value,
                    name: name.to_string(),
                    range: TextRange {
                        start,
                        end: start + name.len(),
                    },
                    peer: Some(peer.to_string()),
                });
                return;
            }
            from = end;
        }
    }

    fn document(&mut self, doc: &ast::Document) {
        let s = &doc.standard;
        let root = self.push(SymbolKind::Standard, s.id.text.clone(), s.id.span, s.span);
        self.o.symbols[root].docs = docs(&doc.docs);
        if let Some(e) = &s.extends {
            self.standard_ref(StandardRefKind::Extends, e, None);
        }
        for m in &s.members {
            self.member(m, root);
        }
    }

    fn standard_ref(&mut self, kind: StandardRefKind, r: &ast::VersionRef, alias: Option<String>) {
        self.o.standards.push(StandardRef {
            kind,
            id: r.id.text.clone(),
            id_range: r.id.span.into(),
            version: r.version.value.clone(),
            version_range: r.version.span.into(),
            alias,
            range: r.span.into(),
        });
    }

    fn member(&mut self, m: &ast::Member, root: usize) {
        match &m.kind {
            MemberKind::Title(l) => {
                self.o.symbols[root].labels = labels(None, Some(l));
            }
            MemberKind::Source(c) => {
                self.o.symbols[root].source = source(Some(c));
            }
            MemberKind::Supersedes(r) => self.standard_ref(StandardRefKind::Supersedes, r, None),
            MemberKind::Use(u) => {
                self.standard_ref(StandardRefKind::Use, &u.target, Some(u.alias.name.clone()));
                let k = self.push(SymbolKind::Use, u.alias.name.clone(), u.alias.span, m.span);
                self.o.symbols[k].detail = Some(format!(
                    "{} version \"{}\"",
                    u.target.id.text, u.target.version.value
                ));
                self.o.symbols[k].parent = Some(root);
            }
            MemberKind::Input(i) => {
                self.input(i, "", Some(root), &m.docs);
            }
            MemberKind::Group(g) => self.group(g, "", Some(root), &m.docs),
            MemberKind::Let(l) | MemberKind::Output(l) => {
                let kind = if matches!(m.kind, MemberKind::Let(_)) {
                    SymbolKind::Let
                } else {
                    SymbolKind::Output
                };
                let k = self.push(kind, l.name.name.clone(), l.name.span, m.span);
                let detail = self.written(l.expr.span);
                let sym = &mut self.o.symbols[k];
                sym.parent = Some(root);
                sym.labels = labels(None, l.label.as_ref());
                sym.detail = Some(detail);
                sym.docs = docs(&m.docs);
                self.expr(&l.expr);
            }
            MemberKind::Section(s) => self.section(s, Some(root), &m.docs),
            MemberKind::Item(i) => self.item(i, Some(root), &m.docs),
            MemberKind::Levels(l) => self.levels(l, root, &m.docs),
            MemberKind::Score(s) => {
                let k = self.push(SymbolKind::Score, s.name.name.clone(), s.name.span, m.span);
                let detail = self.written(s.span);
                let sym = &mut self.o.symbols[k];
                sym.parent = Some(root);
                sym.labels = labels(None, s.label.as_ref());
                sym.docs = docs(&m.docs);
                sym.detail = Some(detail);
                match &s.body {
                    ast::ScoreBody::Weighted(ts) => {
                        for t in ts {
                            self.name_ref(&t.term);
                        }
                    }
                    ast::ScoreBody::Expr(e) => self.expr(e),
                    ast::ScoreBody::Deductions(d) => {
                        if let Some(e) = &d.start {
                            self.expr(e);
                        }
                        for r in &d.rules {
                            self.name_ref(&r.per);
                        }
                        if let Some(e) = &d.floor {
                            self.expr(e);
                        }
                    }
                }
            }
            MemberKind::Grade(g) => {
                let k = self.push(SymbolKind::Grade, g.name.name.clone(), g.name.span, m.span);
                let sym = &mut self.o.symbols[k];
                sym.parent = Some(root);
                sym.labels = labels(None, g.label.as_ref());
                sym.docs = docs(&m.docs);
                if !g.patch {
                    self.expr(&g.from);
                }
                for b in &g.bands {
                    let j = self.push(SymbolKind::Band, b.name.name.clone(), b.name.span, b.span);
                    let detail = self.written(b.span);
                    let sym = &mut self.o.symbols[j];
                    sym.parent = Some(k);
                    sym.labels = labels(b.short_label.as_ref(), b.label.as_ref());
                    sym.docs = docs(&b.docs);
                    sym.detail = Some(detail);
                    for bound in &b.bounds {
                        self.expr(&bound.value);
                    }
                }
                if let Some(v) = &g.vetoed {
                    self.o.references.push(Reference {
                        kind: RefKind::Value,
                        name: v.name.clone(),
                        range: v.span.into(),
                        peer: Some(g.name.name.clone()),
                    });
                }
            }
            MemberKind::Rank(r) => {
                for k in &r.keys {
                    self.expr(&k.expr);
                }
            }
            MemberKind::Require(r) => {
                let k = self.push(
                    SymbolKind::Require,
                    r.name.name.clone(),
                    r.name.span,
                    m.span,
                );
                let detail = self.written(r.cond.span);
                let sym = &mut self.o.symbols[k];
                sym.parent = Some(root);
                sym.labels = labels(r.short_label.as_ref(), r.label.as_ref());
                sym.docs = docs(&m.docs);
                sym.detail = Some(detail);
                self.expr(&r.cond);
            }
            MemberKind::Example(e) => {
                let k = self.push(
                    SymbolKind::Example,
                    e.name.value.clone(),
                    e.name.span,
                    m.span,
                );
                self.o.symbols[k].parent = Some(root);
                self.o.symbols[k].docs = docs(&m.docs);
                for g in &e.given {
                    self.name_ref(&g.input);
                    if let ast::Value::Name(n) = &g.value {
                        self.value_ref(n, g.span, &g.input.text);
                    }
                }
                for x in &e.expect {
                    let target = match &x.target {
                        ast::ExpectTarget::Output(p) | ast::ExpectTarget::Item(p) => {
                            if p.text != "outcome" {
                                self.name_ref(p);
                            }
                            p.text.clone()
                        }
                        ast::ExpectTarget::Exceedance { of, level } => {
                            self.name_ref(of);
                            if let Some(l) = level {
                                self.o.references.push(Reference {
                                    kind: RefKind::Value,
                                    name: l.name.clone(),
                                    range: l.span.into(),
                                    peer: Some(of.text.clone()),
                                });
                            }
                            of.text.clone()
                        }
                    };
                    if let ast::Value::Name(n) = &x.value {
                        if !matches!(x.target, ast::ExpectTarget::Item(_)) && target != "outcome" {
                            self.value_ref(n, x.span, &target);
                        }
                    }
                }
            }
            MemberKind::Change(c) => {
                self.name_ref(&c.item);
                self.meta_refs(&c.meta);
                for cond in c.body.iter().flatten() {
                    self.expr(&cond.expr);
                }
            }
            MemberKind::Remove(r) => self.name_ref(&r.target),
            MemberKind::Version(_)
            | MemberKind::Effective(_)
            | MemberKind::Status(_)
            | MemberKind::Review(_) => {}
        }
    }

    fn meta_refs(&mut self, meta: &ast::Meta) {
        if let Some(a) = &meta.applies {
            self.expr(a);
        }
    }

    fn input(&mut self, i: &ast::Input, prefix: &str, parent: Option<usize>, d: &[ast::Text]) {
        let k = self.push(
            SymbolKind::Input,
            format!("{prefix}{}", i.name.name),
            i.name.span,
            i.span,
        );
        let ty = self.written(i.ty.span);
        let range = i.range.as_ref().map(|r| self.written(r.span));
        let sym = &mut self.o.symbols[k];
        sym.parent = parent;
        sym.labels = labels(None, i.label.as_ref());
        sym.help = labels(None, i.help.as_ref());
        sym.detail = Some(ty);
        sym.input_range = range;
        sym.source = source(i.citation.as_ref());
        sym.docs = docs(d);
        let mut ty = &i.ty;
        while let ast::TypeKind::Series { elem, .. } = &ty.kind {
            ty = elem;
        }
        if let ast::TypeKind::Enum(vs) = &ty.kind {
            for v in vs {
                let j = self.push(
                    SymbolKind::Variant,
                    v.name.name.clone(),
                    v.name.span,
                    v.name.span,
                );
                let sym = &mut self.o.symbols[j];
                sym.parent = Some(k);
                sym.labels = labels(v.label.as_ref(), None);
            }
        }
    }

    fn group(&mut self, g: &ast::Group, prefix: &str, parent: Option<usize>, d: &[ast::Text]) {
        let id = format!("{prefix}{}", g.name.name);
        let k = self.push(SymbolKind::Group, id.clone(), g.name.span, g.span);
        let sym = &mut self.o.symbols[k];
        sym.parent = parent;
        sym.labels = labels(g.short_label.as_ref(), g.label.as_ref());
        sym.docs = docs(d);
        let inner = format!("{id}.");
        for m in &g.members {
            match &m.kind {
                ast::GroupMemberKind::Input(i) => self.input(i, &inner, Some(k), &m.docs),
                ast::GroupMemberKind::Group(g) => self.group(g, &inner, Some(k), &m.docs),
            }
        }
    }

    fn section(&mut self, s: &ast::Section, parent: Option<usize>, d: &[ast::Text]) {
        let kind = if s.basic {
            SymbolKind::Basic
        } else {
            SymbolKind::Section
        };
        let (id, name) = match &s.name {
            Some(n) => (n.name.clone(), n.span),
            None => (
                "basic".to_string(),
                ast::Span::new(s.span.start, s.span.start + "basic".len()),
            ),
        };
        let k = self.push(kind, id, name, s.span);
        let sym = &mut self.o.symbols[k];
        sym.parent = parent;
        sym.labels = labels(s.short_label.as_ref(), s.meta.label.as_ref());
        sym.clause = s.meta.clause.as_ref().map(|c| c.value.clone());
        sym.source = source(s.meta.citation.as_ref());
        sym.docs = docs(d);
        self.meta_refs(&s.meta);
        for m in &s.members {
            match &m.kind {
                ast::SectionMemberKind::Item(i) => self.item(i, Some(k), &m.docs),
                ast::SectionMemberKind::Section(s) => self.section(s, Some(k), &m.docs),
            }
        }
    }

    fn item(&mut self, i: &ast::Item, parent: Option<usize>, d: &[ast::Text]) {
        let k = self.push(SymbolKind::Item, i.name.name.clone(), i.name.span, i.span);
        let detail = i
            .body
            .iter()
            .map(|c| self.written(c.expr.span))
            .collect::<Vec<_>>()
            .join("; ");
        let sym = &mut self.o.symbols[k];
        sym.parent = parent;
        sym.labels = labels(i.short_label.as_ref(), i.meta.label.as_ref());
        sym.clause = i.meta.clause.as_ref().map(|c| c.value.clone());
        sym.source = source(i.meta.citation.as_ref());
        sym.docs = docs(d);
        sym.detail = Some(detail);
        self.meta_refs(&i.meta);
        for c in &i.body {
            self.expr(&c.expr);
        }
    }

    fn levels(&mut self, l: &ast::Levels, root: usize, d: &[ast::Text]) {
        let k = self.push(SymbolKind::Levels, l.name.name.clone(), l.name.span, l.span);
        let sym = &mut self.o.symbols[k];
        sym.parent = Some(root);
        sym.labels = labels(None, l.label.as_ref());
        sym.source = source(l.citation.as_ref());
        sym.docs = docs(d);
        if !l.patch {
            for lv in l.order.iter().chain(std::iter::once(&l.below)) {
                let j = self.push(SymbolKind::Level, lv.name.clone(), lv.span, lv.span);
                self.o.symbols[j].parent = Some(k);
            }
        }
        for m in &l.members {
            match m {
                ast::LevelMember::Row(r) => self.row(r),
                ast::LevelMember::Group(g) => {
                    let j = self.push(
                        SymbolKind::LevelGroup,
                        g.name.name.clone(),
                        g.name.span,
                        g.span,
                    );
                    let sym = &mut self.o.symbols[j];
                    sym.parent = Some(k);
                    sym.labels = labels(g.short_label.as_ref(), g.label.as_ref());
                    sym.docs = docs(&g.docs);
                    for r in &g.rows {
                        self.row(r);
                    }
                }
            }
        }
    }

    fn row(&mut self, r: &ast::LevelRow) {
        self.expr(&r.subject);
        for t in &r.thresholds {
            self.expr(t);
        }
    }

    fn expr(&mut self, e: &ast::Expr) {
        match &e.kind {
            ExprKind::Ref(p) => self.name_ref(p),
            ExprKind::Number(_)
            | ExprKind::Bool(_)
            | ExprKind::Date(_)
            | ExprKind::UnknownLimit
            | ExprKind::Error => {}
            ExprKind::Call { args, .. } => {
                for a in args {
                    self.expr(a);
                }
            }
            ExprKind::Paren(x) | ExprKind::Neg(x) | ExprKind::Not(x) => self.expr(x),
            ExprKind::Arith { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
            ExprKind::Compare { lhs, rhs, .. } => match (&lhs.kind, &rhs.kind) {
                (ExprKind::Ref(a), ExprKind::Ref(b)) => {
                    for (me, other) in [(a, b), (b, a)] {
                        self.o.references.push(Reference {
                            kind: RefKind::Name,
                            name: me.text.clone(),
                            range: me.span.into(),
                            peer: Some(other.text.clone()),
                        });
                    }
                }
                _ => {
                    self.expr(lhs);
                    self.expr(rhs);
                }
            },
            ExprKind::In { lhs, list } => {
                self.expr(lhs);
                let peer = match &lhs.kind {
                    ExprKind::Ref(p) => Some(p.text.clone()),
                    _ => None,
                };
                for x in list {
                    match &x.kind {
                        ExprKind::Ref(p) => self.o.references.push(Reference {
                            kind: RefKind::Value,
                            name: p.text.clone(),
                            range: p.span.into(),
                            peer: peer.clone(),
                        }),
                        _ => self.expr(x),
                    }
                }
            }
            ExprKind::Logic { operands: xs, .. }
            | ExprKind::AllOf(xs)
            | ExprKind::AnyOf(xs)
            | ExprKind::NoneOf(xs)
            | ExprKind::AtLeast { list: xs, .. } => {
                for x in xs {
                    self.expr(x);
                }
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond);
                self.expr(then);
                self.expr(otherwise);
            }
            ExprKind::Each { var, group, body } => {
                self.name_ref(group);
                let k = self.push(SymbolKind::Local, var.name.clone(), var.span, body.span);
                self.o.symbols[k].range = TextRange {
                    start: var.span.start,
                    end: e.span.end,
                };
                self.expr(body);
            }
        }
    }
}
