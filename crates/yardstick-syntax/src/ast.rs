//! The syntax tree of a Yardstick document.
//!
//! Spans live beside the data. [`Span`]'s equality is always `true`, so two trees compare equal exactly
//! when they say the same thing, wherever it was written: `parse(fmt(x)) == parse(x)` is an ordinary
//! `==`. The tree is not a serde type; the stable JSON contract lives in the `yardstick` facade.

use rust_decimal::Decimal;

/// A byte range in the source text. Equality ignores it: see the module docs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl PartialEq for Span {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}
impl Eq for Span {}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len()).into()
    }
}

/// An identifier (ASCII letters, digits and `_`), with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A dotted name such as `rodent.room_sign_rate` or `cn.vector.fly`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    pub text: String,
    pub span: Span,
}

impl Path {
    /// The dot-separated parts.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.text.split('.')
    }
}

/// A string literal's value (escapes resolved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A decimal literal, exactly as written (`17.60` keeps its two decimals); `percent` when written `90%`.
/// `value` is the number as written: `90%` has value 90.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub value: Decimal,
    pub percent: bool,
    pub span: Span,
}

/// A calendar date `YYYY-MM-DD`, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date literal with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateLit {
    pub date: Date,
    pub span: Span,
}

/// Labels in Chinese and English: `label zh "满意率" en "satisfaction"`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Labels {
    pub zh: Option<Text>,
    pub en: Option<Text>,
    pub span: Span,
}

/// How far a source can be trusted: A official, B reputable secondary, C low-quality lead, S seed only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tier {
    A,
    B,
    C,
    S,
}

impl Tier {
    /// The letter as written.
    pub fn letter(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
            Tier::S => "S",
        }
    }
}

/// `source "S15" tier B note "…"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub source: Text,
    pub tier: Option<Tier>,
    pub note: Option<Text>,
    pub span: Span,
}

/// A whole document: one standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub docs: Vec<Text>,
    pub standard: Standard,
}

/// `standard ID [extends ID version "V"] { … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standard {
    pub id: Path,
    pub extends: Option<VersionRef>,
    pub members: Vec<Member>,
    pub span: Span,
}

/// `ID version "V"`, as in `extends`, `use` and `supersedes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionRef {
    pub id: Path,
    pub version: Text,
    pub span: Span,
}

/// One declaration inside a standard, with its doc comments (`///`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub docs: Vec<Text>,
    pub kind: MemberKind,
    pub span: Span,
}

/// The kinds of declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberKind {
    Title(Labels),
    Version(Text),
    Effective(Effective),
    Status(Status),
    Source(Citation),
    Supersedes(VersionRef),
    Use(Use),
    Review(Review),
    Input(Input),
    Group(Group),
    Let(Let),
    Output(Let),
    Section(Section),
    Item(Item),
    Levels(Levels),
    Score(Score),
    Grade(Grade),
    Rank(Rank),
    Example(Example),
    Change(Change),
    Remove(Remove),
    Require(Require),
}

/// `require NAME ["label"] [label …] { condition }`: a consistency rule over the answers; an assessment
/// whose answers break it is rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Require {
    pub name: Ident,
    pub short_label: Option<Text>,
    pub label: Option<Labels>,
    pub cond: Expr,
    pub span: Span,
}

/// `effective [from] D1 until D2`, `effective [from] D1`, `effective until D2`; `until` is exclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effective {
    pub from: Option<DateLit>,
    pub until: Option<DateLit>,
    pub note: Option<Text>,
    pub span: Span,
}

/// The life-cycle status of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Draft,
    Accepted,
    Superseded,
    Obsolete,
}

impl Status {
    /// The keyword as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Accepted => "accepted",
            Status::Superseded => "superseded",
            Status::Obsolete => "obsolete",
        }
    }
}

/// `use ID version "V" as ALIAS`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub target: VersionRef,
    pub alias: Ident,
}

/// `review every N years[, rectify within M years]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub every_years: u32,
    pub rectify_years: Option<u32>,
    pub span: Span,
}

/// `input NAME: TYPE [range A..B] [label …] [help …] [source …]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub name: Ident,
    pub ty: Type,
    pub range: Option<Range>,
    pub label: Option<Labels>,
    pub help: Option<Labels>,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// An input's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Type {
    pub kind: TypeKind,
    pub span: Span,
}

/// The kinds of input type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Bool,
    Count,
    Percent,
    Number { unit: Option<Text> },
    Enum(Vec<Variant>),
    Date,
    Series { len: u32, elem: Box<Type> },
}

/// One value of an enum input: `prefecture_or_above "地级及以上"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub name: Ident,
    pub label: Option<Text>,
}

/// `range MIN..MAX`, either end optional, both inclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Range {
    pub min: Option<Number>,
    pub max: Option<Number>,
    pub span: Span,
}

/// `group NAME ["label"] { inputs and groups }`: inputs inside are named `NAME.input`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: Ident,
    pub short_label: Option<Text>,
    pub label: Option<Labels>,
    pub members: Vec<GroupMember>,
    pub span: Span,
}

/// An input or a nested group, with its doc comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupMember {
    pub docs: Vec<Text>,
    pub kind: GroupMemberKind,
}

/// What a group holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupMemberKind {
    Input(Input),
    Group(Group),
}

/// `let NAME = EXPR` (a derived value) or `output NAME = EXPR` (a derived value reported in results).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Let {
    pub name: Ident,
    pub expr: Expr,
    pub label: Option<Labels>,
    pub span: Span,
}

/// Labels, clause, source and scope shared by items and sections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub label: Option<Labels>,
    pub clause: Option<Text>,
    pub citation: Option<Citation>,
    pub applies: Option<Expr>,
}

/// `section NAME ["label"] { … }` or `basic [NAME] ["label"] { … }` (every item inside is a veto).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub basic: bool,
    pub name: Option<Ident>,
    pub short_label: Option<Text>,
    pub meta: Meta,
    pub members: Vec<SectionMember>,
    pub span: Span,
}

/// An item or a nested section, with its doc comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionMember {
    pub docs: Vec<Text>,
    pub kind: SectionMemberKind,
}

/// What a section holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionMemberKind {
    Item(Item),
    Section(Section),
}

/// `item NAME ["label"] [meta…] { conditions }`; several conditions must all hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub name: Ident,
    pub short_label: Option<Text>,
    pub meta: Meta,
    pub body: Vec<CitedCond>,
    pub span: Span,
}

/// A condition, optionally with its own source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitedCond {
    pub expr: Expr,
    pub citation: Option<Citation>,
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
    Ne,
}

impl CmpOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Ge => ">=",
            CmpOp::Gt => ">",
            CmpOp::Le => "<=",
            CmpOp::Lt => "<",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
        }
    }
    /// `<=` or `<`: the value must stay under a limit.
    pub fn is_upper_limit(self) -> bool {
        matches!(self, CmpOp::Le | CmpOp::Lt)
    }
    /// `>=` or `>`: the value must reach a limit.
    pub fn is_lower_limit(self) -> bool {
        matches!(self, CmpOp::Ge | CmpOp::Gt)
    }
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl ArithOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
        }
    }
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogicOp {
    And,
    Or,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    Number(Number),
    Bool(bool),
    Date(DateLit),
    /// A name: an input, derived value, item, level ladder, score or grade.
    Ref(Path),
    /// `latest(s)`, `mean(s)`, `rising(s)`, `exceedance(item)`, …
    Call {
        func: Ident,
        args: Vec<Expr>,
    },
    Paren(Box<Expr>),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Arith {
        op: ArithOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Compare {
        op: CmpOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    In {
        lhs: Box<Expr>,
        list: Vec<Expr>,
    },
    /// `a and b and c` / `a or b`, kept flat.
    Logic {
        op: LogicOp,
        operands: Vec<Expr>,
    },
    AllOf(Vec<Expr>),
    AnyOf(Vec<Expr>),
    NoneOf(Vec<Expr>),
    /// `at_least K of [...] [and the rest within Nx]`.
    AtLeast {
        k: u32,
        list: Vec<Expr>,
        rest_within: Option<Number>,
    },
    /// `if C then A else B`.
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// `each x in GROUP { condition on x }`: the condition holds for every input of the group.
    Each {
        var: Ident,
        group: Path,
        body: Box<Expr>,
    },
    /// The word `unknown` written as a ladder threshold: the standard has a limit for that level, but
    /// it is not known. The grammar produces it only there.
    UnknownLimit,
    /// Stands in for a part that did not parse; the document has errors.
    Error,
}

/// `levels NAME: A > B > C, below D { rows }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Levels {
    /// Written `change levels …` in an overlay: replaces the base's ladder of that name.
    pub replace: bool,
    /// Written `change levels NAME { rows }` (no level order): changes only the rows given, matched by
    /// subject, and adds rows the base lacks; `order` is empty and `below` is the name.
    pub patch: bool,
    pub name: Ident,
    pub order: Vec<Ident>,
    pub below: Ident,
    pub label: Option<Labels>,
    pub citation: Option<Citation>,
    pub members: Vec<LevelMember>,
    pub span: Span,
}

/// A row or a labelled group of rows in a ladder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelMember {
    Group(LevelGroup),
    Row(LevelRow),
}

/// `indoor "室内" { rows }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelGroup {
    pub docs: Vec<Text>,
    pub name: Ident,
    pub short_label: Option<Text>,
    pub label: Option<Labels>,
    pub rows: Vec<LevelRow>,
    pub span: Span,
}

/// `room_positive_rate <= [3%, 6%, 9%] source "…"`: one threshold per level. A threshold may carry its
/// own comparator (`breteau_index <= [< 5, 10, 20]`); `ops[i]` is that comparator, `None` for the row's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelRow {
    pub docs: Vec<Text>,
    pub subject: Expr,
    pub op: CmpOp,
    pub thresholds: Vec<Expr>,
    pub ops: Vec<Option<CmpOp>>,
    pub label: Option<Labels>,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// `score NAME [out_of N] = …` or `score NAME [out_of N] { deductions }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    /// Written `change score …` in an overlay: replaces the base's score of that name.
    pub replace: bool,
    /// Written `change score NAME weights …`: changes only the weights given; `body` is `Weighted`.
    pub patch: bool,
    pub name: Ident,
    pub out_of: Option<Number>,
    pub label: Option<Labels>,
    pub body: ScoreBody,
    pub span: Span,
}

/// How a score is computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoreBody {
    /// `40% covert + 50% overt + 10% digital`: the weights must add up to 100%.
    Weighted(Vec<WeightTerm>),
    Expr(Expr),
    Deductions(Deductions),
}

/// `40% covert`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightTerm {
    pub weight: Number,
    pub term: Path,
    pub span: Span,
}

/// `{ start S; deduct X per INPUT [cap C]; cap C; floor F }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deductions {
    pub start: Option<Expr>,
    pub rules: Vec<Deduct>,
    pub cap: Option<Number>,
    pub floor: Option<Expr>,
    pub span: Span,
}

/// `deduct 0.05 per breeding_sites [cap 1]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deduct {
    pub amount: Number,
    pub per: Path,
    pub cap: Option<Number>,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// `grade NAME from EXPR { bands }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    /// Written `change grade …` in an overlay: replaces the base's grade of that name.
    pub replace: bool,
    /// Written `change grade NAME { bands }` (no `from`): changes only the bands given, by name; `from`
    /// is an error placeholder.
    pub patch: bool,
    pub name: Ident,
    pub from: Expr,
    pub label: Option<Labels>,
    pub bands: Vec<Band>,
    /// `vetoed BAND`: the band of a subject that fails a basic condition, whatever its score.
    pub vetoed: Option<Ident>,
    pub span: Span,
}

/// `excellent "优" when >= 90 [and < 100]` or `below "未达标" otherwise`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub docs: Vec<Text>,
    pub name: Ident,
    pub short_label: Option<Text>,
    pub label: Option<Labels>,
    pub bounds: Vec<BandBound>,
    pub otherwise: bool,
    pub span: Span,
}

/// `>= 85`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BandBound {
    pub op: CmpOp,
    pub value: Expr,
    pub span: Span,
}

/// `rank by total desc, then satisfaction desc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rank {
    pub keys: Vec<RankKey>,
    /// `, vetoed last`: subjects failing a basic condition rank after every other one.
    pub vetoed_last: bool,
    pub span: Span,
}

/// One key of a ranking; descending unless `asc` is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankKey {
    pub expr: Expr,
    pub ascending: bool,
    pub explicit: bool,
}

/// `example "name" { as_of D; given …; expect … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub name: Text,
    pub as_of: Option<DateLit>,
    pub given: Vec<Given>,
    pub expect: Vec<Expectation>,
    pub span: Span,
}

/// `room_positive_rate = 17.60%`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Given {
    pub input: Path,
    pub value: Value,
    pub span: Span,
}

/// A literal value in an example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(Number),
    Bool(bool),
    Date(Date),
    /// An enum value or level name.
    Name(String),
    Series(Vec<Number>),
}

/// `level = D`, `item b5 = fail`, `exceedance(level) = 1.96 rounded 2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation {
    pub target: ExpectTarget,
    pub value: Value,
    pub rounded: Option<u32>,
    pub span: Span,
}

/// What an expectation looks at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpectTarget {
    /// `outcome`, or any output name.
    Output(Path),
    /// `item ID`: the item's outcome.
    Item(Path),
    /// `exceedance(ID[, LEVEL])`.
    Exceedance { of: Path, level: Option<Ident> },
}

/// `change item ID [label…] [meta…] [{ new conditions }]` in an overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub item: Path,
    pub short_label: Option<Text>,
    pub meta: Meta,
    pub body: Option<Vec<CitedCond>>,
    pub span: Span,
}

/// `remove item ID` or `remove section ID` in an overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remove {
    pub section: bool,
    pub target: Path,
    pub span: Span,
}
