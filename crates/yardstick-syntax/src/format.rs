//! The canonical layout of a document.
//!
//! [`format`] parses a document and prints it again in one layout, keeping every comment. Formatting is
//! idempotent (`format(format(x)) == format(x)`) and keeps the meaning (`parse(format(x)) == parse(x)`).
//!
//! # Layout
//!
//! * Indentation is two spaces per block. Lines aim at 100 columns (counted in characters); only the places
//!   listed below wrap.
//! * The document: ordinary comments written before `standard` (the file header), then the `///` doc
//!   comments (`/// text`; a doc starting with `/`, such as a ruler `//////`, keeps its slashes together),
//!   then `standard ID [extends ID version "V"] {`, one declaration per line, and `}`. An empty
//!   block (no children, no comments) prints as `{}` everywhere.
//! * Declarations keep their order. A blank line separates two neighbouring declarations of different
//!   kinds, where the kinds are: header (`title`, `version`, `effective`, `status`, `source`,
//!   `supersedes`, `use`, `review`), inputs (`input`, `group`), derived values (`let`, `output`), items
//!   (`section`, `basic`, `item`), `levels`, scores (`score`, `grade`, `rank`), `example`s and overlays
//!   (`change`, `remove`). Declarations of one kind are never separated, and nested blocks have no blank
//!   lines. Exception: a *compact* document, where every declaration (with its doc comments and
//!   comments) prints on a single line, has no blank lines at all, so that a small example such as the
//!   crate-level one stays as written.
//! * Inputs: `input NAME: TYPE [range A..B]` on one line. When the input has a `label` or `help`, then
//!   `label`, `help` and `source` follow on continuation lines, one each, indented two more than `input`
//!   (the house style of `standards/cn/vector/fly-2011.yard`, which formats to itself); otherwise `source`
//!   stays on the first line.
//! * Items, sections, `basic` and `change item`: the head (`item NAME ["short"]`) and the attributes in
//!   the order `label`, `clause`, `source`, `applies when`, then ` {`, on one line. When that line would
//!   pass 100 columns, each attribute goes on a continuation line of its own, indented four more than the
//!   head (so that it stands apart from the body), and ` {` ends the last one. An item whose head fits on
//!   one line and whose body is one condition without comments is written on one line (`item i { ok }`)
//!   when that fits in 100 columns; otherwise each condition, with its `source`, has a line of its own.
//! * Every other declaration keeps its attributes on the line of its head:
//!   - `levels NAME: A > B, below C [label] [source] {`, level groups `NAME ["short"] [label] {`,
//!     level rows `SUBJECT OP [t1, t2] [label] [source]`;
//!   - `let NAME = EXPR [label]` and `output NAME = EXPR [label]`;
//!   - `score NAME [out_of N] [label] = 40% a + 60% b` (weights without `*`), `score … = EXPR`,
//!     `score … {` deductions `}`;
//!   - `grade NAME from EXPR [label] {`, bands `NAME ["short"] [label] when >= X [and < Y]` or
//!     `NAME ["short"] [label] otherwise`;
//!   - `rank by K [asc|desc], then K` (a direction only where one was written).
//! * Deductions print in the order `start`, `cap`, `deduct …` (source order), `floor`. The total `cap`
//!   goes before the rules because after a rule with neither its own `cap` nor a `source` it would be read
//!   as that rule's cap.
//! * Examples print `as_of`, then one `given` with every pair and one `expect` with every expectation
//!   (the syntax tree keeps the pairs, not the statements). A long `given`/`expect` fills lines up to 100
//!   columns (a trailing comma may stand in column 101) and continues under its first pair.
//! * Expressions: single spaces around binary operators, `and`, `or`, `in`; `not x`; `-x`; parentheses
//!   exactly where they were written; `f(a, b)`; lists `[a, b]`. A list of `all_of`, `any_of`, `none_of`,
//!   `at_least` or `in` that would pass 100 columns is broken: `[`, one element per line indented two more
//!   than the line holding `[`, elements separated by `,` (none after the last), `]` back on that
//!   indentation. `at_least K of [...]` gets its optional `pass` only when it ends a condition and the next
//!   condition starts with the name `pass`, which the optional `pass` would otherwise swallow;
//!   likewise at the end of a band before a band named `pass`.
//! * Literals: numbers exactly as their decimal value with its scale (`17.60%` stays `17.60%`, percent
//!   literals get `%`); strings in double quotes with `\"`, `\\`, `\n` and `\t` escaped; dates `YYYY-MM-DD`;
//!   `review every 1 year` / `N years`; `effective D1 until D2` without `from`; labels `zh` before `en`.
//!
//! # Comments
//!
//! pest skips ordinary `//` comments, so they are found in the text (see the `comments` module) and tied to
//! *statements*: declarations, group and section members, level rows and groups, bands, deduction
//! statements, example statements, and the conditions of an item body. For each block:
//!
//! * a comment on the line of the block's `{`, before any child, stays after the `{`;
//! * a comment on the same line after a statement's end is that statement's trailing comment, printed
//!   after its last line (two spaces, then the comment);
//! * a comment inside a statement (outside its own nested block), for instance within a multi-line
//!   expression or between its doc comments, becomes a leading comment of that statement;
//! * any other comment is a leading comment of the next statement of the block, printed on its own lines
//!   before the statement's doc comments, or, when no statement follows, before the block's `}`.
//!
//! Comments before `standard` (and between `standard` and its `{`) stay at the top of the file; comments
//! after the final `}` stay after it. Pairs of several `given` (or `expect`) statements merge into one
//! statement, whose leading comments are all the comments of its pairs except the trailing comment of the
//! last pair, which stays trailing.

use crate::ast::*;
use crate::comments::{self, Comment, Lines};
use crate::error::SyntaxErrors;

/// The column a line should not pass.
const WIDTH: usize = 100;
/// One level of block indentation.
const STEP: usize = 2;
/// Extra indentation of a continuation line of an input (`label`, `help`, `source`), as in the house style.
const INPUT_CONT: usize = 2;
/// Extra indentation of a continuation line of an item head, which must stand out from the item's body.
const CONT: usize = 4;

/// Format a document in the canonical layout, keeping every comment.
///
/// Returns the syntax errors of a document that does not parse.
pub fn format(source: &str) -> Result<String, SyntaxErrors> {
    let doc = crate::parse(source)?;
    let mut p = Printer::new(source);
    p.document(&doc);
    Ok(p.out)
}

// ---------------------------------------------------------------------------------------------- text pieces

fn width(s: &str) -> usize {
    s.chars().count()
}

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

fn quote(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\t' => o.push_str("\\t"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn num(n: &Number) -> String {
    if n.percent {
        format!("{}%", n.value)
    } else {
        n.value.to_string()
    }
}

fn labels(l: &Labels) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &l.zh {
        parts.push(format!("zh {}", quote(&t.value)));
    }
    if let Some(t) = &l.en {
        parts.push(format!("en {}", quote(&t.value)));
    }
    parts.join(" ")
}

fn label_attr(l: &Labels) -> String {
    format!("label {}", labels(l))
}

fn citation(c: &Citation) -> String {
    let mut s = format!("source {}", quote(&c.source.value));
    if let Some(t) = c.tier {
        s.push_str(" tier ");
        s.push_str(t.letter());
    }
    if let Some(n) = &c.note {
        s.push_str(" note ");
        s.push_str(&quote(&n.value));
    }
    s
}

fn version_ref(v: &VersionRef) -> String {
    format!("{} version {}", v.id.text, quote(&v.version.value))
}

fn years(n: u32) -> String {
    if n == 1 {
        "1 year".into()
    } else {
        format!("{n} years")
    }
}

fn ty(t: &Type) -> String {
    match &t.kind {
        TypeKind::Bool => "bool".into(),
        TypeKind::Count => "count".into(),
        TypeKind::Percent => "percent".into(),
        TypeKind::Date => "date".into(),
        TypeKind::Number { unit: None } => "number".into(),
        TypeKind::Number { unit: Some(u) } => format!("number unit {}", quote(&u.value)),
        TypeKind::Enum(vs) => {
            let vs: Vec<String> = vs
                .iter()
                .map(|v| match &v.label {
                    Some(l) => format!("{} {}", v.name.name, quote(&l.value)),
                    None => v.name.name.clone(),
                })
                .collect();
            format!("enum [{}]", vs.join(", "))
        }
        TypeKind::Series { len, elem } => format!("series {len} of {}", ty(elem)),
    }
}

fn value(v: &Value) -> String {
    match v {
        Value::Number(n) => num(n),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Name(n) => n.clone(),
        Value::Series(ns) => format!("[{}]", ns.iter().map(num).collect::<Vec<_>>().join(", ")),
    }
}

fn given(g: &Given) -> String {
    format!("{} = {}", g.input.text, value(&g.value))
}

fn expectation(e: &Expectation) -> String {
    let target = match &e.target {
        ExpectTarget::Output(p) => p.text.clone(),
        ExpectTarget::Item(p) => format!("item {}", p.text),
        ExpectTarget::Exceedance { of, level: None } => format!("exceedance({})", of.text),
        ExpectTarget::Exceedance { of, level: Some(l) } => {
            format!("exceedance({}, {})", of.text, l.name)
        }
    };
    let mut s = format!("{target} = {}", value(&e.value));
    if let Some(r) = e.rounded {
        s.push_str(&format!(" rounded {r}"));
    }
    s
}

/// Whether the printed expression ends with `at_least … [...]` without `and the rest within`.
fn ends_with_bare_at_least(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::AtLeast {
            rest_within: None, ..
        } => true,
        ExprKind::Neg(x) | ExprKind::Not(x) => ends_with_bare_at_least(x),
        ExprKind::Arith { rhs, .. } | ExprKind::Compare { rhs, .. } => ends_with_bare_at_least(rhs),
        ExprKind::Logic { operands, .. } => operands.last().is_some_and(ends_with_bare_at_least),
        _ => false,
    }
}

/// Whether a bare `at_least … [...]` just before this expression would take in its start: the name
/// `pass`, which the optional `pass` keyword swallows.
fn swallowed_after_at_least(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Ref(p) => p.text == "pass" || p.text.starts_with("pass."),
        ExprKind::Call { func, .. } => func.name == "pass",
        ExprKind::Arith { lhs, .. } | ExprKind::Compare { lhs, .. } | ExprKind::In { lhs, .. } => {
            swallowed_after_at_least(lhs)
        }
        ExprKind::Logic { operands, .. } => operands.first().is_some_and(swallowed_after_at_least),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------- expressions

/// A piece of text being written, which knows its column so that long lists can break.
struct W {
    buf: String,
    col: usize,
    /// Indentation of the current line.
    indent: usize,
    wrap: bool,
}

impl W {
    /// Text that starts at column `col` of a line indented by `indent`.
    fn at(indent: usize, col: usize) -> W {
        W {
            buf: String::new(),
            col,
            indent,
            wrap: true,
        }
    }
    fn flat() -> W {
        W {
            buf: String::new(),
            col: 0,
            indent: 0,
            wrap: false,
        }
    }
    fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.col += width(s);
    }
    fn newline(&mut self, indent: usize) {
        self.buf.push('\n');
        self.buf.push_str(&spaces(indent));
        self.col = indent;
        self.indent = indent;
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Number(n) => self.push(&num(n)),
            ExprKind::Bool(b) => self.push(if *b { "true" } else { "false" }),
            ExprKind::Date(d) => self.push(&d.date.to_string()),
            ExprKind::Ref(p) => self.push(&p.text),
            ExprKind::Call { func, args } => {
                self.push(&func.name);
                self.push("(");
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        self.push(", ");
                    }
                    self.expr(a);
                }
                self.push(")");
            }
            ExprKind::Paren(x) => {
                self.push("(");
                self.expr(x);
                self.push(")");
            }
            ExprKind::Neg(x) => {
                self.push("-");
                self.expr(x);
            }
            ExprKind::Not(x) => {
                self.push("not ");
                self.expr(x);
            }
            ExprKind::Arith { op, lhs, rhs } => self.binary(lhs, op.as_str(), rhs),
            ExprKind::Compare { op, lhs, rhs } => self.binary(lhs, op.as_str(), rhs),
            ExprKind::In { lhs, list } => {
                self.expr(lhs);
                self.push(" in ");
                self.list(list);
            }
            ExprKind::Logic { op, operands } => {
                let sep = match op {
                    LogicOp::And => " and ",
                    LogicOp::Or => " or ",
                };
                for (i, x) in operands.iter().enumerate() {
                    if i > 0 {
                        self.push(sep);
                    }
                    self.expr(x);
                }
            }
            ExprKind::AllOf(l) => {
                self.push("all_of ");
                self.list(l);
            }
            ExprKind::AnyOf(l) => {
                self.push("any_of ");
                self.list(l);
            }
            ExprKind::NoneOf(l) => {
                self.push("none_of ");
                self.list(l);
            }
            ExprKind::AtLeast {
                k,
                list,
                rest_within,
            } => {
                self.push(&format!("at_least {k} of "));
                self.list(list);
                if let Some(m) = rest_within {
                    self.push(&format!(" and the rest within {}x", m.value));
                }
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.push("if ");
                self.expr(cond);
                self.push(" then ");
                self.expr(then);
                self.push(" else ");
                self.expr(otherwise);
            }
            ExprKind::Each { var, group, body } => {
                self.push(&format!("each {} in {} {{ ", var.name, group.text));
                self.expr(body);
                self.push(" }");
            }
            // Only in documents with errors, which are never printed.
            ExprKind::UnknownLimit => self.push("unknown"),
            ExprKind::Error => self.push("?"),
        }
    }

    fn binary(&mut self, lhs: &Expr, op: &str, rhs: &Expr) {
        self.expr(lhs);
        self.push(" ");
        self.push(op);
        self.push(" ");
        self.expr(rhs);
    }

    fn list(&mut self, items: &[Expr]) {
        let mut flat = W::flat();
        flat.push("[");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                flat.push(", ");
            }
            flat.expr(x);
        }
        flat.push("]");
        if !self.wrap || items.is_empty() || self.col + flat.col <= WIDTH {
            self.push(&flat.buf);
            return;
        }
        let indent = self.indent;
        self.push("[");
        for (i, x) in items.iter().enumerate() {
            self.newline(indent + STEP);
            self.expr(x);
            if i + 1 < items.len() {
                self.push(",");
            }
        }
        self.newline(indent);
        self.push("]");
    }
}

fn flat_expr(e: &Expr) -> String {
    let mut w = W::flat();
    w.expr(e);
    w.buf
}

// ---------------------------------------------------------------------------------------------- comments

/// Where a statement lies in the text, and the inside of its block (after `{`, up to `}`) if it has one.
#[derive(Clone, Copy)]
struct Node {
    start: usize,
    end: usize,
    block: Option<(usize, usize)>,
}

/// The comments of one block, by the statement they belong to (indices into `Printer::comments`).
struct Slots {
    open: Vec<usize>,
    leading: Vec<Vec<usize>>,
    trailing: Vec<Option<usize>>,
    end: Vec<usize>,
}

impl Slots {
    fn is_empty(&self) -> bool {
        self.open.is_empty()
            && self.end.is_empty()
            && self.leading.iter().all(Vec::is_empty)
            && self.trailing.iter().all(Option::is_none)
    }
}

// ---------------------------------------------------------------------------------------------- printer

struct Printer<'s> {
    src: &'s str,
    lines: Lines,
    comments: Vec<Comment>,
    used: Vec<bool>,
    out: String,
}

/// Kinds of declaration that sit together without blank lines.
fn member_group(k: &MemberKind) -> u8 {
    match k {
        MemberKind::Title(_)
        | MemberKind::Version(_)
        | MemberKind::Effective(_)
        | MemberKind::Status(_)
        | MemberKind::Source(_)
        | MemberKind::Supersedes(_)
        | MemberKind::Use(_)
        | MemberKind::Review(_) => 0,
        MemberKind::Input(_) | MemberKind::Group(_) => 1,
        MemberKind::Let(_) | MemberKind::Output(_) => 2,
        MemberKind::Section(_) | MemberKind::Item(_) => 3,
        MemberKind::Levels(_) => 4,
        MemberKind::Score(_) | MemberKind::Grade(_) | MemberKind::Rank(_) => 5,
        MemberKind::Require(_) => 8,
        MemberKind::Example(_) => 6,
        MemberKind::Change(_) | MemberKind::Remove(_) => 7,
    }
}

fn docs_start(docs: &[Text], start: usize) -> usize {
    docs.first().map_or(start, |d| d.span.start.min(start))
}

impl<'s> Printer<'s> {
    fn new(src: &'s str) -> Self {
        let comments = comments::scan(src);
        let used = vec![false; comments.len()];
        Printer {
            src,
            lines: Lines::new(src),
            comments,
            used,
            out: String::new(),
        }
    }

    // ------------------------------------------------------------------------------------------ comments

    /// The inside of the block of the statement at `start..end`, if it ends with a `{ … }` block.
    fn block_of(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let end = self.trim_end(start, end);
        if end == 0 || self.src.as_bytes().get(end - 1) != Some(&b'}') {
            return None;
        }
        let open = comments::find_open_brace(self.src, start, end - 1)?;
        Some((open + 1, end - 1))
    }

    /// A statement at `start..end`. pest lets a rule that ends with an optional part swallow the
    /// whitespace and comments after it, so the end is moved back to the statement's last token.
    fn node(&self, start: usize, end: usize) -> Node {
        let end = self.trim_end(start, end);
        Node {
            start,
            end,
            block: self.block_of(start, end),
        }
    }

    /// `end` moved back over whitespace and comments, but not before `start`.
    fn trim_end(&self, start: usize, mut end: usize) -> usize {
        let src = self.src.get(..end.min(self.src.len())).unwrap_or("");
        end = src.len();
        loop {
            let trimmed = src
                .get(..end)
                .unwrap_or("")
                .trim_end_matches([' ', '\t', '\r', '\n', '\u{3000}', '\u{FEFF}'])
                .len();
            end = trimmed.max(start);
            // Is the last character inside a comment? Then the comment is trivia too.
            let k = self.comments.partition_point(|c| c.start < end);
            match k.checked_sub(1).map(|k| &self.comments[k]) {
                Some(c) if end <= c.start + c.text.len() && c.start >= start => end = c.start,
                _ => return end,
            }
        }
    }

    /// Tie the unclaimed comments in `lo..hi` (the inside of a block) to the block's statements.
    fn attach(&mut self, lo: usize, hi: usize, nodes: &[Node]) -> Slots {
        let n = nodes.len();
        let mut s = Slots {
            open: Vec::new(),
            leading: vec![Vec::new(); n],
            trailing: vec![None; n],
            end: Vec::new(),
        };
        let open_line = lo.checked_sub(1).map(|b| self.lines.line(b));
        // Statements do not overlap: in order of their start, they are in order of their end too.
        let mut order: Vec<usize> = (0..n).collect();
        crate::sort::sort_by_key(&mut order, |&i| nodes[i].start);
        let first = self.comments.partition_point(|c| c.start < lo);
        let last = self.comments.partition_point(|c| c.start < hi);
        for ci in first..last {
            if self.used[ci] {
                continue;
            }
            let c = self.comments[ci].start;
            let line = self.lines.line(c);
            // The statements before and after the comment.
            let k = order.partition_point(|&i| nodes[i].start <= c);
            let before = k.checked_sub(1).map(|k| order[k]);
            let after = order.get(k).copied();
            match before {
                Some(i) if c < nodes[i].end => {
                    if nodes[i].block.is_some_and(|(a, b)| a <= c && c < b) {
                        continue; // the statement's own block claims it
                    }
                    s.leading[i].push(ci);
                }
                Some(i) if self.lines.line(nodes[i].end) == line && s.trailing[i].is_none() => {
                    s.trailing[i] = Some(ci);
                }
                None if open_line == Some(line) => s.open.push(ci),
                _ => match after {
                    Some(i) => s.leading[i].push(ci),
                    None => s.end.push(ci),
                },
            }
            self.used[ci] = true;
        }
        s
    }

    fn comment_lines(&mut self, indent: usize, cs: &[usize]) {
        for &ci in cs {
            let text = self.comments[ci].text.clone();
            self.line(indent, &text);
        }
    }

    /// Put a trailing comment after the last line written.
    fn trail(&mut self, c: Option<usize>) {
        if let Some(ci) = c {
            if self.out.ends_with('\n') {
                self.out.pop();
            }
            self.out.push_str("  ");
            let text = self.comments[ci].text.clone();
            self.out.push_str(&text);
            self.out.push('\n');
        }
    }

    fn doc_lines(&mut self, indent: usize, docs: &[Text]) {
        for d in docs {
            // `/// text`, but a ruler such as `//////` stays as written.
            if d.value.is_empty() || d.value.starts_with('/') {
                self.line(indent, &format!("///{}", d.value));
            } else {
                self.line(indent, &format!("/// {}", d.value));
            }
        }
    }

    /// Write `text` (its later lines already indented) as a line indented by `indent`.
    fn line(&mut self, indent: usize, text: &str) {
        self.out.push_str(&spaces(indent));
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Leading comments and doc comments of a statement.
    fn before(&mut self, indent: usize, leading: &[usize], docs: &[Text]) {
        self.comment_lines(indent, leading);
        self.doc_lines(indent, docs);
    }

    /// `head {` with the comment on the brace line.
    fn open(&mut self, indent: usize, head: &str, open: &[usize]) {
        self.line(indent, &format!("{head} {{"));
        if let Some((&first, rest)) = open.split_first() {
            self.trail(Some(first));
            self.comment_lines(indent + STEP, rest);
        }
    }

    /// Comments before `}`, then `}`.
    fn close(&mut self, indent: usize, end: &[usize]) {
        self.comment_lines(indent + STEP, end);
        self.line(indent, "}");
    }

    /// Write `text` into a buffer of its own and return it.
    fn capture(&mut self, f: impl FnOnce(&mut Self)) -> String {
        let saved = std::mem::take(&mut self.out);
        f(self);
        std::mem::replace(&mut self.out, saved)
    }

    // ------------------------------------------------------------------------------------------ document

    fn document(&mut self, d: &Document) {
        let st = &d.standard;
        let block = self.block_of(st.span.start, st.span.end);
        let head_end = block.map_or(st.span.end, |(lo, _)| lo);
        let header: Vec<usize> = (0..self.comments.len())
            .filter(|&i| self.comments[i].start < head_end)
            .collect();
        for &i in &header {
            self.used[i] = true;
        }
        self.comment_lines(0, &header);
        self.doc_lines(0, &d.docs);
        let mut head = format!("standard {}", st.id.text);
        if let Some(e) = &st.extends {
            head.push_str(&format!(" extends {}", version_ref(e)));
        }
        if let Some((lo, hi)) = block {
            let nodes: Vec<Node> = st
                .members
                .iter()
                .map(|m| self.node(m.span.start, m.span.end))
                .collect();
            let slots = self.attach(lo, hi, &nodes);
            let rendered: Vec<String> = st
                .members
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let (leading, trailing) = (&slots.leading[i], slots.trailing[i]);
                    self.capture(|p| p.member(m, STEP, leading, trailing))
                })
                .collect();
            if rendered.is_empty() && slots.open.is_empty() && slots.end.is_empty() {
                self.line(0, &format!("{head} {{}}"));
            } else {
                let compact = slots.open.is_empty()
                    && slots.end.is_empty()
                    && rendered.iter().all(|r| r.matches('\n').count() == 1);
                self.open(0, &head, &slots.open);
                for (i, r) in rendered.iter().enumerate() {
                    if i > 0
                        && !compact
                        && member_group(&st.members[i].kind)
                            != member_group(&st.members[i - 1].kind)
                    {
                        self.out.push('\n');
                    }
                    self.out.push_str(r);
                }
                self.close(0, &slots.end);
            }
        } else {
            // A parsed standard always has a block; keep the text sound anyway.
            self.line(0, &format!("{head} {{}}"));
        }
        // Comments after the standard (and, as a safety net, any comment not placed above).
        let end_line = self.lines.line(st.span.end);
        for ci in 0..self.comments.len() {
            if self.used[ci] {
                continue;
            }
            self.used[ci] = true;
            let c = &self.comments[ci];
            if c.start >= st.span.end && self.lines.line(c.start) == end_line {
                self.trail(Some(ci));
            } else {
                let text = c.text.clone();
                self.line(0, &text);
            }
        }
    }

    fn member(&mut self, m: &Member, indent: usize, leading: &[usize], trailing: Option<usize>) {
        self.before(indent, leading, &m.docs);
        let sp = m.span;
        match &m.kind {
            MemberKind::Title(l) => self.line(indent, &format!("title {}", labels(l))),
            MemberKind::Version(t) => self.line(indent, &format!("version {}", quote(&t.value))),
            MemberKind::Effective(e) => {
                let mut s = String::from("effective");
                if let Some(f) = &e.from {
                    s.push_str(&format!(" {}", f.date));
                }
                if let Some(u) = &e.until {
                    s.push_str(&format!(" until {}", u.date));
                }
                if let Some(n) = &e.note {
                    s.push_str(&format!(" note {}", quote(&n.value)));
                }
                self.line(indent, &s);
            }
            MemberKind::Status(s) => self.line(indent, &format!("status {}", s.as_str())),
            MemberKind::Source(c) => self.line(indent, &citation(c)),
            MemberKind::Supersedes(v) => {
                self.line(indent, &format!("supersedes {}", version_ref(v)))
            }
            MemberKind::Use(u) => self.line(
                indent,
                &format!("use {} as {}", version_ref(&u.target), u.alias.name),
            ),
            MemberKind::Review(r) => {
                let mut s = format!("review every {}", years(r.every_years));
                if let Some(y) = r.rectify_years {
                    s.push_str(&format!(", rectify within {}", years(y)));
                }
                self.line(indent, &s);
            }
            MemberKind::Input(i) => self.input(indent, i),
            MemberKind::Group(g) => self.group(indent, g),
            MemberKind::Let(l) => self.let_decl(indent, "let", l),
            MemberKind::Output(l) => self.let_decl(indent, "output", l),
            MemberKind::Section(s) => self.section(indent, s),
            MemberKind::Item(i) => self.item(indent, i),
            MemberKind::Levels(l) => self.levels(indent, l),
            MemberKind::Score(s) => self.score(indent, s, sp),
            MemberKind::Grade(g) => self.grade(indent, g),
            MemberKind::Rank(r) => self.rank(indent, r),
            MemberKind::Require(r) => {
                let mut w = W::at(indent, indent);
                w.push(&format!("require {}", r.name.name));
                if let Some(t) = &r.short_label {
                    w.push(&format!(" {}", quote(&t.value)));
                }
                if let Some(lb) = &r.label {
                    w.push(" ");
                    w.push(&label_attr(lb));
                }
                let head = w.buf.clone();
                w.push(" { ");
                w.expr(&r.cond);
                w.push(" }");
                if w.buf.chars().count() + indent <= WIDTH {
                    self.line(indent, &w.buf);
                } else {
                    // The condition on a line of its own.
                    self.line(indent, &format!("{head} {{"));
                    let mut c = W::at(indent + STEP, indent + STEP);
                    c.expr(&r.cond);
                    self.line(indent + STEP, &c.buf);
                    self.line(indent, "}");
                }
            }
            MemberKind::Example(e) => self.example(indent, e),
            MemberKind::Change(c) => self.change(indent, c),
            MemberKind::Remove(r) => {
                let kind = if r.section { "section" } else { "item" };
                self.line(indent, &format!("remove {kind} {}", r.target.text));
            }
        }
        self.trail(trailing);
    }

    // ------------------------------------------------------------------------------------------ inputs

    fn input(&mut self, indent: usize, i: &Input) {
        let mut head = format!("input {}: {}", i.name.name, ty(&i.ty));
        if let Some(r) = &i.range {
            head.push_str(&format!(
                " range {}..{}",
                r.min.as_ref().map(num).unwrap_or_default(),
                r.max.as_ref().map(num).unwrap_or_default()
            ));
        }
        if i.label.is_none() && i.help.is_none() {
            if let Some(c) = &i.citation {
                head.push(' ');
                head.push_str(&citation(c));
            }
            self.line(indent, &head);
            return;
        }
        self.line(indent, &head);
        if let Some(l) = &i.label {
            self.line(indent + INPUT_CONT, &label_attr(l));
        }
        if let Some(l) = &i.help {
            self.line(indent + INPUT_CONT, &format!("help {}", labels(l)));
        }
        if let Some(c) = &i.citation {
            self.line(indent + INPUT_CONT, &citation(c));
        }
    }

    fn group(&mut self, indent: usize, g: &Group) {
        let mut head = format!("group {}", g.name.name);
        if let Some(t) = &g.short_label {
            head.push_str(&format!(" {}", quote(&t.value)));
        }
        if let Some(l) = &g.label {
            head.push_str(&format!(" {}", label_attr(l)));
        }
        let nodes: Vec<Node> = g
            .members
            .iter()
            .map(|m| {
                let sp = match &m.kind {
                    GroupMemberKind::Input(i) => i.span,
                    GroupMemberKind::Group(g) => g.span,
                };
                self.node(docs_start(&m.docs, sp.start), sp.end)
            })
            .collect();
        let slots = self.block_slots(g.span, &nodes);
        if g.members.is_empty() && slots.is_empty() {
            self.line(indent, &format!("{head} {{}}"));
            return;
        }
        self.open(indent, &head, &slots.open);
        for (k, m) in g.members.iter().enumerate() {
            let inner = indent + STEP;
            self.before(inner, &slots.leading[k], &m.docs);
            match &m.kind {
                GroupMemberKind::Input(i) => self.input(inner, i),
                GroupMemberKind::Group(g) => self.group(inner, g),
            }
            self.trail(slots.trailing[k]);
        }
        self.close(indent, &slots.end);
    }

    /// Slots for the block of a statement spanning `sp` (no comments when it has no block).
    fn block_slots(&mut self, sp: Span, nodes: &[Node]) -> Slots {
        match self.block_of(sp.start, sp.end) {
            Some((lo, hi)) => self.attach(lo, hi, nodes),
            None => Slots {
                open: Vec::new(),
                leading: vec![Vec::new(); nodes.len()],
                trailing: vec![None; nodes.len()],
                end: Vec::new(),
            },
        }
    }

    fn let_decl(&mut self, indent: usize, kw: &str, l: &Let) {
        let mut w = W::at(indent, indent);
        w.push(&format!("{kw} {} = ", l.name.name));
        w.expr(&l.expr);
        if let Some(lb) = &l.label {
            w.push(" ");
            w.push(&label_attr(lb));
        }
        self.line(indent, &w.buf);
    }

    // ------------------------------------------------------------------------------------------ items

    /// The head of an item-like declaration with its attributes: one line when it fits (with `suffix`
    /// columns to spare), else one attribute per continuation line. Returns the text and whether it broke.
    fn head_with_meta(indent: usize, head: &str, meta: &Meta, suffix: usize) -> (String, bool) {
        let mut parts: Vec<String> = Vec::new();
        if let Some(l) = &meta.label {
            parts.push(label_attr(l));
        }
        if let Some(c) = &meta.clause {
            parts.push(format!("clause {}", quote(&c.value)));
        }
        if let Some(c) = &meta.citation {
            parts.push(citation(c));
        }
        let mut flat = head.to_string();
        for p in &parts {
            flat.push(' ');
            flat.push_str(p);
        }
        if let Some(a) = &meta.applies {
            flat.push_str(" applies when ");
            flat.push_str(&flat_expr(a));
        }
        let bare = parts.is_empty() && meta.applies.is_none();
        if bare || indent + width(&flat) + suffix <= WIDTH {
            return (flat, false);
        }
        let mut w = W::at(indent, indent);
        w.push(head);
        for p in &parts {
            w.newline(indent + CONT);
            w.push(p);
        }
        if let Some(a) = &meta.applies {
            w.newline(indent + CONT);
            w.push("applies when ");
            w.expr(a);
        }
        (w.buf, true)
    }

    fn section(&mut self, indent: usize, s: &Section) {
        let mut head = String::from(if s.basic { "basic" } else { "section" });
        if let Some(n) = &s.name {
            head.push_str(&format!(" {}", n.name));
        }
        if let Some(t) = &s.short_label {
            head.push_str(&format!(" {}", quote(&t.value)));
        }
        let (head, _) = Self::head_with_meta(indent, &head, &s.meta, 2);
        let nodes: Vec<Node> = s
            .members
            .iter()
            .map(|m| {
                let sp = match &m.kind {
                    SectionMemberKind::Item(i) => i.span,
                    SectionMemberKind::Section(s) => s.span,
                };
                self.node(docs_start(&m.docs, sp.start), sp.end)
            })
            .collect();
        let slots = self.block_slots(s.span, &nodes);
        if s.members.is_empty() && slots.is_empty() {
            self.line(indent, &format!("{head} {{}}"));
            return;
        }
        self.open(indent, &head, &slots.open);
        for (k, m) in s.members.iter().enumerate() {
            let inner = indent + STEP;
            self.before(inner, &slots.leading[k], &m.docs);
            match &m.kind {
                SectionMemberKind::Item(i) => self.item(inner, i),
                SectionMemberKind::Section(s) => self.section(inner, s),
            }
            self.trail(slots.trailing[k]);
        }
        self.close(indent, &slots.end);
    }

    fn item(&mut self, indent: usize, i: &Item) {
        let mut head = format!("item {}", i.name.name);
        if let Some(t) = &i.short_label {
            head.push_str(&format!(" {}", quote(&t.value)));
        }
        self.item_like(indent, &head, &i.meta, Some(&i.body), i.span);
    }

    fn change(&mut self, indent: usize, c: &Change) {
        let mut head = format!("change item {}", c.item.text);
        if let Some(t) = &c.short_label {
            head.push_str(&format!(" {}", quote(&t.value)));
        }
        self.item_like(indent, &head, &c.meta, c.body.as_deref(), c.span);
    }

    fn cond_text(w: &mut W, c: &CitedCond, next: Option<&CitedCond>) {
        w.expr(&c.expr);
        if c.citation.is_none()
            && ends_with_bare_at_least(&c.expr)
            && next.is_some_and(|n| swallowed_after_at_least(&n.expr))
        {
            w.push(" pass");
        }
        if let Some(ct) = &c.citation {
            w.push(" ");
            w.push(&citation(ct));
        }
    }

    fn item_like(
        &mut self,
        indent: usize,
        head: &str,
        meta: &Meta,
        body: Option<&[CitedCond]>,
        sp: Span,
    ) {
        let Some(body) = body else {
            let (head, _) = Self::head_with_meta(indent, head, meta, 0);
            self.line(indent, &head);
            return;
        };
        let (head, broken) = Self::head_with_meta(indent, head, meta, 2);
        let nodes: Vec<Node> = body
            .iter()
            .map(|c| {
                let end = c
                    .citation
                    .as_ref()
                    .map_or(c.expr.span.end, |ct| ct.span.end.max(c.expr.span.end));
                self.node(c.expr.span.start, end)
            })
            .collect();
        let slots = self.block_slots(sp, &nodes);
        if slots.is_empty() {
            if body.is_empty() {
                self.line(indent, &format!("{head} {{}}"));
                return;
            }
            if let [only] = body {
                let mut w = W::flat();
                Self::cond_text(&mut w, only, None);
                if !broken && indent + width(&head) + width(&w.buf) + 5 <= WIDTH {
                    self.line(indent, &format!("{head} {{ {} }}", w.buf));
                    return;
                }
            }
        }
        self.open(indent, &head, &slots.open);
        let inner = indent + STEP;
        for (k, c) in body.iter().enumerate() {
            self.comment_lines(inner, &slots.leading[k]);
            let mut w = W::at(inner, inner);
            Self::cond_text(&mut w, c, body.get(k + 1));
            self.line(inner, &w.buf);
            self.trail(slots.trailing[k]);
        }
        self.close(indent, &slots.end);
    }

    // ------------------------------------------------------------------------------------------ levels

    fn levels(&mut self, indent: usize, l: &Levels) {
        let order: Vec<&str> = l.order.iter().map(|i| i.name.as_str()).collect();
        let mut head = if l.patch {
            format!("change levels {}", l.name.name)
        } else {
            format!(
                "{}levels {}: {}, below {}",
                if l.replace { "change " } else { "" },
                l.name.name,
                order.join(" > "),
                l.below.name
            )
        };
        if let Some(lb) = &l.label {
            head.push_str(&format!(" {}", label_attr(lb)));
        }
        if let Some(c) = &l.citation {
            head.push_str(&format!(" {}", citation(c)));
        }
        let nodes: Vec<Node> = l
            .members
            .iter()
            .map(|m| match m {
                LevelMember::Row(r) => self.node(docs_start(&r.docs, r.span.start), r.span.end),
                LevelMember::Group(g) => self.node(docs_start(&g.docs, g.span.start), g.span.end),
            })
            .collect();
        let slots = self.block_slots(l.span, &nodes);
        if l.members.is_empty() && slots.is_empty() {
            self.line(indent, &format!("{head} {{}}"));
            return;
        }
        self.open(indent, &head, &slots.open);
        let inner = indent + STEP;
        for (k, m) in l.members.iter().enumerate() {
            match m {
                LevelMember::Row(r) => self.level_row(inner, r, &slots.leading[k]),
                LevelMember::Group(g) => self.level_group(inner, g, &slots.leading[k]),
            }
            self.trail(slots.trailing[k]);
        }
        self.close(indent, &slots.end);
    }

    fn level_group(&mut self, indent: usize, g: &LevelGroup, leading: &[usize]) {
        self.before(indent, leading, &g.docs);
        let mut head = g.name.name.clone();
        if let Some(t) = &g.short_label {
            head.push_str(&format!(" {}", quote(&t.value)));
        }
        if let Some(lb) = &g.label {
            head.push_str(&format!(" {}", label_attr(lb)));
        }
        let nodes: Vec<Node> = g
            .rows
            .iter()
            .map(|r| self.node(docs_start(&r.docs, r.span.start), r.span.end))
            .collect();
        let slots = self.block_slots(g.span, &nodes);
        if g.rows.is_empty() && slots.is_empty() {
            self.line(indent, &format!("{head} {{}}"));
            return;
        }
        self.open(indent, &head, &slots.open);
        for (k, r) in g.rows.iter().enumerate() {
            self.level_row(indent + STEP, r, &slots.leading[k]);
            self.trail(slots.trailing[k]);
        }
        self.close(indent, &slots.end);
    }

    fn level_row(&mut self, indent: usize, r: &LevelRow, leading: &[usize]) {
        self.before(indent, leading, &r.docs);
        let mut w = W::at(indent, indent);
        w.expr(&r.subject);
        w.push(&format!(" {} [", r.op.as_str()));
        for (i, t) in r.thresholds.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            if let Some(Some(op)) = r.ops.get(i) {
                w.push(&format!("{} ", op.as_str()));
            }
            w.expr(t);
        }
        w.push("]");
        if let Some(lb) = &r.label {
            w.push(" ");
            w.push(&label_attr(lb));
        }
        if let Some(c) = &r.citation {
            w.push(" ");
            w.push(&citation(c));
        }
        self.line(indent, &w.buf);
    }

    // ------------------------------------------------------------------------------------------ scores

    fn score(&mut self, indent: usize, s: &Score, sp: Span) {
        if let (true, ScoreBody::Weighted(terms)) = (s.patch, &s.body) {
            let terms: Vec<String> = terms
                .iter()
                .map(|t| format!("{} {}", num(&t.weight), t.term.text))
                .collect();
            self.line(
                indent,
                &format!("change score {} weights {}", s.name.name, terms.join(", ")),
            );
            return;
        }
        let mut head = format!(
            "{}score {}",
            if s.replace { "change " } else { "" },
            s.name.name
        );
        if let Some(n) = &s.out_of {
            head.push_str(&format!(" out_of {}", num(n)));
        }
        if let Some(lb) = &s.label {
            head.push_str(&format!(" {}", label_attr(lb)));
        }
        match &s.body {
            ScoreBody::Weighted(terms) => {
                let terms: Vec<String> = terms
                    .iter()
                    .map(|t| format!("{} {}", num(&t.weight), t.term.text))
                    .collect();
                self.line(indent, &format!("{head} = {}", terms.join(" + ")));
            }
            ScoreBody::Expr(e) => {
                let mut w = W::at(indent, indent);
                w.push(&head);
                w.push(" = ");
                w.expr(e);
                self.line(indent, &w.buf);
            }
            ScoreBody::Deductions(d) => self.deductions(indent, &head, d, sp),
        }
    }

    fn deductions(&mut self, indent: usize, head: &str, d: &Deductions, sp: Span) {
        // Statements in print order: start, cap, rules, floor.
        enum Stmt<'a> {
            Start(&'a Expr),
            Cap(&'a Number),
            Rule(&'a Deduct),
            Floor(&'a Expr),
        }
        let mut stmts: Vec<(Stmt<'_>, Node)> = Vec::new();
        if let Some(e) = &d.start {
            stmts.push((Stmt::Start(e), self.node(e.span.start, e.span.end)));
        }
        if let Some(n) = &d.cap {
            stmts.push((Stmt::Cap(n), self.node(n.span.start, n.span.end)));
        }
        for r in &d.rules {
            stmts.push((Stmt::Rule(r), self.node(r.span.start, r.span.end)));
        }
        if let Some(e) = &d.floor {
            stmts.push((Stmt::Floor(e), self.node(e.span.start, e.span.end)));
        }
        let nodes: Vec<Node> = stmts.iter().map(|(_, n)| *n).collect();
        let slots = self.block_slots(sp, &nodes);
        if stmts.is_empty() && slots.is_empty() {
            self.line(indent, &format!("{head} {{}}"));
            return;
        }
        self.open(indent, head, &slots.open);
        let inner = indent + STEP;
        for (k, (st, _)) in stmts.iter().enumerate() {
            self.comment_lines(inner, &slots.leading[k]);
            let mut w = W::at(inner, inner);
            match st {
                Stmt::Start(e) => {
                    w.push("start ");
                    w.expr(e);
                }
                Stmt::Cap(n) => w.push(&format!("cap {}", num(n))),
                Stmt::Rule(r) => {
                    w.push(&format!("deduct {} per {}", num(&r.amount), r.per.text));
                    if let Some(c) = &r.cap {
                        w.push(&format!(" at_most {}", num(c)));
                    }
                    if let Some(c) = &r.citation {
                        w.push(" ");
                        w.push(&citation(c));
                    }
                }
                Stmt::Floor(e) => {
                    w.push("floor ");
                    w.expr(e);
                }
            }
            self.line(inner, &w.buf);
            self.trail(slots.trailing[k]);
        }
        self.close(indent, &slots.end);
    }

    fn grade(&mut self, indent: usize, g: &Grade) {
        let mut w = W::at(indent, indent);
        if g.patch {
            w.push(&format!("change grade {}", g.name.name));
        } else {
            w.push(&format!(
                "{}grade {} from ",
                if g.replace { "change " } else { "" },
                g.name.name
            ));
            w.expr(&g.from);
        }
        if let Some(lb) = &g.label {
            w.push(" ");
            w.push(&label_attr(lb));
        }
        let head = w.buf;
        let nodes: Vec<Node> = g
            .bands
            .iter()
            .map(|b| self.node(b.span.start, b.span.end))
            .collect();
        let slots = self.block_slots(g.span, &nodes);
        if g.bands.is_empty() && g.vetoed.is_none() && slots.is_empty() {
            self.line(indent, &format!("{head} {{}}"));
            return;
        }
        self.open(indent, &head, &slots.open);
        let inner = indent + STEP;
        for (k, b) in g.bands.iter().enumerate() {
            self.before(inner, &slots.leading[k], &b.docs);
            let mut w = W::at(inner, inner);
            w.push(&b.name.name);
            if let Some(t) = &b.short_label {
                w.push(" ");
                w.push(&quote(&t.value));
            }
            if let Some(lb) = &b.label {
                w.push(" ");
                w.push(&label_attr(lb));
            }
            if b.otherwise || b.bounds.is_empty() {
                w.push(" otherwise");
            } else {
                w.push(" when");
                for (i, bb) in b.bounds.iter().enumerate() {
                    if i > 0 {
                        w.push(" and");
                    }
                    w.push(&format!(" {} ", bb.op.as_str()));
                    w.expr(&bb.value);
                }
                let last = b
                    .bounds
                    .last()
                    .is_some_and(|bb| ends_with_bare_at_least(&bb.value));
                if last && g.bands.get(k + 1).is_some_and(|n| n.name.name == "pass") {
                    w.push(" pass");
                }
            }
            self.line(inner, &w.buf);
            self.trail(slots.trailing[k]);
        }
        if let Some(v) = &g.vetoed {
            self.line(inner, &format!("vetoed {}", v.name));
        }
        self.close(indent, &slots.end);
    }

    fn rank(&mut self, indent: usize, r: &Rank) {
        let mut w = W::at(indent, indent);
        w.push("rank by ");
        for (i, k) in r.keys.iter().enumerate() {
            if i > 0 {
                w.push(", then ");
            }
            w.expr(&k.expr);
            if k.explicit {
                w.push(if k.ascending { " asc" } else { " desc" });
            }
        }
        if r.vetoed_last {
            w.push(", vetoed last");
        }
        self.line(indent, &w.buf);
    }

    // ------------------------------------------------------------------------------------------ examples

    fn example(&mut self, indent: usize, e: &Example) {
        let head = format!("example {}", quote(&e.name.value));
        let mut nodes: Vec<Node> = Vec::new();
        if let Some(d) = &e.as_of {
            nodes.push(self.node(d.span.start, d.span.end));
        }
        let given_at = nodes.len();
        nodes.extend(e.given.iter().map(|g| self.node(g.span.start, g.span.end)));
        let expect_at = nodes.len();
        nodes.extend(e.expect.iter().map(|x| self.node(x.span.start, x.span.end)));
        let slots = self.block_slots(e.span, &nodes);
        if nodes.is_empty() && slots.is_empty() {
            self.line(indent, &format!("{head} {{}}"));
            return;
        }
        self.open(indent, &head, &slots.open);
        let inner = indent + STEP;
        if let Some(d) = &e.as_of {
            self.comment_lines(inner, &slots.leading[0]);
            self.line(inner, &format!("as_of {}", d.date));
            self.trail(slots.trailing[0]);
        }
        let given: Vec<String> = e.given.iter().map(given).collect();
        self.merged(inner, "given", &given, &slots, given_at);
        let expect: Vec<String> = e.expect.iter().map(expectation).collect();
        self.merged(inner, "expect", &expect, &slots, expect_at);
        self.close(indent, &slots.end);
    }

    /// One `given`/`expect` statement for `parts`, which are the nodes from `at` on.
    fn merged(&mut self, indent: usize, kw: &str, parts: &[String], slots: &Slots, at: usize) {
        if parts.is_empty() {
            return;
        }
        let last = at + parts.len() - 1;
        let mut leading: Vec<usize> = Vec::new();
        for k in at..=last {
            leading.extend(&slots.leading[k]);
            if k < last {
                leading.extend(slots.trailing[k]);
            }
        }
        crate::sort::sort(&mut leading);
        self.comment_lines(indent, &leading);
        let cont = indent + width(kw) + 1;
        let mut text = format!("{kw} ");
        let mut line_len = cont;
        for (i, p) in parts.iter().enumerate() {
            if i == 0 {
                text.push_str(p);
                line_len += width(p);
            } else if line_len + 2 + width(p) <= WIDTH {
                text.push_str(", ");
                text.push_str(p);
                line_len += 2 + width(p);
            } else {
                text.push_str(",\n");
                text.push_str(&spaces(cont));
                text.push_str(p);
                line_len = cont + width(p);
            }
        }
        self.line(indent, &text);
        self.trail(slots.trailing[last]);
    }
}
