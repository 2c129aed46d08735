//! The compiled form of a standard: immutable, `Send + Sync`, shared behind an `Arc`, evaluated many times.
//!
//! Names are resolved to slots: inputs to [`InputId`]s (indexes into [`Program::inputs`] and the assessment),
//! definitions (derived values, items, ladders, scores, grades) to [`DefId`]s (indexes into [`Program::defs`]), stored in dependency order so one
//! forward pass evaluates everything. Enum values and level names are interned as [`Sym`]s.

use crate::diag::Loc;
use rust_decimal::Decimal;
use std::sync::Arc;
use yardstick_syntax::ast::{ArithOp, CmpOp, Date, Status, Tier};

mod walk;
pub use walk::{def_exprs, walk};
pub(crate) use walk::{remap_def, remap_ex};

/// An interned enum value, level or band name.
pub type Sym = u32;

/// A declared input: its index into [`Program::inputs`] (and into an assessment's values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InputId(pub u32);

/// A definition: its index into [`Program::defs`] (and into the values of an evaluation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DefId(pub u32);

impl InputId {
    pub fn from_index(i: usize) -> InputId {
        InputId(i as u32)
    }
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl DefId {
    pub fn from_index(i: usize) -> DefId {
        DefId(i as u32)
    }
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::ops::Index<InputId> for Vec<InputDef> {
    type Output = InputDef;
    fn index(&self, i: InputId) -> &InputDef {
        &self[i.index()]
    }
}

impl std::ops::Index<DefId> for Vec<Def> {
    type Output = Def;
    fn index(&self, i: DefId) -> &Def {
        &self[i.index()]
    }
}

/// A runtime value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Val {
    Num(Decimal),
    /// Infinity: the exceedance multiple of a positive value over a zero limit (`negative` after a minus
    /// sign or a product with a negative number). Comparisons and arithmetic with it are defined
    /// (`eval::XNum`); the forms that have no value (∞ − ∞, 0 × ∞, ∞ ÷ ∞) are an error, Y0603.
    Infinite {
        negative: bool,
    },
    Bool(bool),
    Sym(Sym),
    Date(Date),
    Series(Arc<[Decimal]>),
    /// An input it needs is missing.
    Unknown,
    /// The item's scope excludes this subject.
    NotApplicable,
}

/// The type of an input or expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Count,
    Percent,
    Number(Option<Arc<str>>),
    /// A number literal without `%`: fits counts and numbers of any unit.
    Lit,
    /// One of a fixed set of names (enum input values, levels of a ladder, bands of a grade).
    Enum(Arc<[Sym]>),
    Date,
    Series(u32, Box<Ty>),
    /// An item's outcome, usable as a condition.
    Outcome,
    /// Already reported as an error; accept anything.
    Error,
}

impl Ty {
    /// How the kind is called in messages.
    pub fn describe(&self) -> String {
        match self {
            Ty::Bool => "a yes/no answer".into(),
            Ty::Count => "a count".into(),
            Ty::Percent => "a percentage".into(),
            Ty::Number(Some(u)) => format!("a number in {u}"),
            Ty::Number(None) | Ty::Lit => "a number".into(),
            Ty::Enum(_) => "a named value".into(),
            Ty::Date => "a date".into(),
            Ty::Series(n, e) => {
                format!("a series of {n} {}", e.describe().trim_start_matches("a "))
            }
            Ty::Outcome => "an item's outcome".into(),
            Ty::Error => "a value".into(),
        }
    }
    /// How the kind is called in Chinese messages (the same numbers and unit as [`Ty::describe`]).
    pub fn describe_zh(&self) -> String {
        match self {
            Ty::Bool => "是/否的回答".into(),
            Ty::Count => "计数".into(),
            Ty::Percent => "百分数".into(),
            Ty::Number(Some(u)) => format!("以 {u} 为单位的数值"),
            Ty::Number(None) | Ty::Lit => "数值".into(),
            Ty::Enum(_) => "选项值".into(),
            Ty::Date => "日期".into(),
            Ty::Series(n, e) => format!("{n} 个{}组成的序列", e.describe_zh()),
            Ty::Outcome => "检查项的结果".into(),
            Ty::Error => "值".into(),
        }
    }
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Ty::Count | Ty::Percent | Ty::Number(_) | Ty::Lit | Ty::Error
        )
    }
    pub fn is_condition(&self) -> bool {
        matches!(self, Ty::Bool | Ty::Outcome | Ty::Error)
    }
}

/// Labels in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Labels {
    pub zh: Option<String>,
    pub en: Option<String>,
}

impl Labels {
    /// The Chinese label, else the English one, else `fallback`.
    pub fn zh_or<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.zh
            .as_deref()
            .or(self.en.as_deref())
            .unwrap_or(fallback)
    }
    /// The English label, else `fallback` (never Chinese in an English sentence).
    pub fn en_or<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.en.as_deref().unwrap_or(fallback)
    }
}

/// Where a threshold comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cite {
    pub source: String,
    pub tier: Option<Tier>,
    pub note: Option<String>,
}

/// A declared input.
#[derive(Clone, Debug)]
pub struct InputDef {
    /// Full dotted id as used in assessments (`pests.fly.flies_per_positive_room`).
    pub id: String,
    pub ty: Ty,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    pub labels: Labels,
    pub help: Labels,
    pub cite: Option<Cite>,
    /// The innermost enclosing group's full id (its labels are in [`Program::groups`]).
    pub group: Option<String>,
    /// For an enum input (or a series of one): each value's labels, in the order of the type's names.
    /// The language gives a value one short label (`county "县级"`), its Chinese label; `en` is `None`.
    pub choices: Vec<Labels>,
    pub loc: Loc,
    /// Declared in this document (not brought in by `use`).
    pub own: bool,
}

/// A compiled expression.
#[derive(Clone, Debug)]
pub enum Ex {
    Const(Val),
    Input(InputId),
    Def(DefId),
    Neg(Box<Ex>),
    Not(Box<Ex>),
    /// `if C then A else B`.
    If(Box<If>),
    /// `pct_l` / `pct_r`: that side is a percentage used as a factor (90% → 0.9).
    Arith {
        op: ArithOp,
        lhs: Box<Ex>,
        rhs: Box<Ex>,
        pct_l: bool,
        pct_r: bool,
        loc: Loc,
    },
    Cmp(Box<Cmp>),
    In {
        lhs: Box<Ex>,
        set: Vec<Sym>,
    },
    And(Vec<Ex>),
    Or(Vec<Ex>),
    AllOf(Vec<Ex>),
    AnyOf(Vec<Ex>),
    NoneOf(Vec<Ex>),
    /// `at_least k of [...] and the rest within Nx`; `elems` are item definitions.
    AtLeast {
        k: u32,
        list: Vec<Ex>,
        within: Option<Decimal>,
    },
    Call {
        func: Func,
        args: Vec<Ex>,
        loc: Loc,
    },
    /// Exceedance multiple of an item or a ladder (against `level`, default its lowest passing level).
    Exceedance {
        def: DefId,
        level: Option<usize>,
    },
}

/// The parts of a conditional value.
#[derive(Clone, Debug)]
pub struct If {
    pub cond: Ex,
    pub then: Ex,
    pub otherwise: Ex,
}

/// A comparison, the unit that explanations and fixes talk about.
#[derive(Clone, Debug)]
pub struct Cmp {
    pub op: CmpOp,
    pub lhs: Ex,
    pub rhs: Ex,
    pub cite: Option<Cite>,
    pub loc: Loc,
    /// The input on the left, when the left side is exactly an input (for fixes and sentences).
    pub subject_input: Option<InputId>,
    /// Whether the values are percentages (margins are then in percentage points).
    pub percent: bool,
}

/// Built-in functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Latest,
    Mean,
    Min,
    Max,
    Rising,
    NonDecreasing,
    Round,
    Abs,
}

impl Func {
    pub fn by_name(name: &str) -> Option<Func> {
        Some(match name {
            "latest" => Func::Latest,
            "mean" => Func::Mean,
            "min" => Func::Min,
            "max" => Func::Max,
            "rising" => Func::Rising,
            "non_decreasing" => Func::NonDecreasing,
            "round" => Func::Round,
            "abs" => Func::Abs,
            _ => return None,
        })
    }
}

/// One row of a ladder: `subject op [t_A, t_B, t_C]`.
#[derive(Clone, Debug)]
pub struct LevelRow {
    pub subject: Ex,
    pub op: CmpOp,
    pub thresholds: Vec<Ex>,
    /// The comparator of each threshold (the row's unless the threshold has its own).
    pub ops: Vec<CmpOp>,
    /// Which thresholds are written `unknown`: the standard has a limit for that level but it is not
    /// known (the threshold itself is [`Val::Unknown`]). The levels are in order, so a value a known
    /// limit decides still gets its level (`eval`, ladders).
    pub unknown: Vec<bool>,
    pub subject_input: Option<InputId>,
    pub percent: bool,
    /// The row's group (`indoor "室内" { … }`): its short label, else its name.
    pub group: Option<String>,
    /// The group in both languages: `zh` its Chinese label or short label, `en` its English label, else
    /// its name (`indoor`).
    pub group_labels: Option<Labels>,
    pub labels: Labels,
    pub cite: Option<Cite>,
    pub loc: Loc,
}

impl LevelRow {
    /// Is the limit of level `i` written `unknown`?
    pub fn limit_unknown(&self, i: usize) -> bool {
        self.unknown.get(i).copied().unwrap_or(false)
    }
    /// Does the row have any limit written `unknown`?
    pub fn has_unknown_limit(&self) -> bool {
        self.unknown.iter().any(|u| *u)
    }
}

/// A ladder `A > B > C, below D`.
#[derive(Clone, Debug)]
pub struct Ladder {
    /// Level symbols best first, then the `below` level last.
    pub levels: Vec<Sym>,
    pub rows: Vec<LevelRow>,
}

/// How a score is computed.
#[derive(Clone, Debug)]
pub enum ScoreKind {
    /// weight (as a fraction), term.
    Weighted(Vec<(Decimal, Ex, String)>),
    Expr(Ex),
    Deductions {
        start: Ex,
        rules: Vec<Deduction>,
        cap: Option<Decimal>,
        floor: Option<Ex>,
    },
}

/// `deduct amount per input [cap c]`.
#[derive(Clone, Debug)]
pub struct Deduction {
    pub amount: Decimal,
    pub per: Ex,
    pub per_name: String,
    pub cap: Option<Decimal>,
    pub cite: Option<Cite>,
}

/// A grade band; `lower`/`upper` bounds with inclusiveness; `otherwise` has none.
#[derive(Clone, Debug)]
pub struct Band {
    pub sym: Sym,
    pub labels: Labels,
    pub lower: Option<(Decimal, bool)>,
    pub upper: Option<(Decimal, bool)>,
    pub otherwise: bool,
}

/// What a definition computes.
#[derive(Clone, Debug)]
pub enum DefKind {
    /// `let` or `output`.
    Value(Ex),
    Item {
        applies: Option<Ex>,
        body: Ex,
        veto: bool,
        section: Option<String>,
    },
    Levels(Ladder),
    Score {
        kind: ScoreKind,
        out_of: Option<Decimal>,
    },
    Grade {
        from: Ex,
        bands: Vec<Band>,
        /// `vetoed BAND`: the band of a subject failing a basic condition, whatever the score.
        vetoed: Option<Vetoed>,
    },
}

/// The band a vetoed subject gets, and the condition "some own basic condition fails" (`not all_of` the
/// veto items), so that the veto items are evaluated first like any other dependency.
#[derive(Clone, Debug)]
pub struct Vetoed {
    pub band: Sym,
    pub when: Ex,
}

/// A named definition.
#[derive(Clone, Debug)]
pub struct Def {
    /// Full id (`b5`, `pests.fly`, `level`).
    pub id: String,
    pub kind: DefKind,
    pub labels: Labels,
    pub clause: Option<String>,
    pub cite: Option<Cite>,
    pub docs: Vec<String>,
    pub loc: Loc,
    /// Declared in this document or its overlay chain (not brought in by `use`).
    pub own: bool,
    /// Reported under `outputs` in results.
    pub output: bool,
    /// The type lowering found for its value (`Outcome` for an item, the level or band names for a
    /// ladder or grade): what a typed host stores an output as (the facade's `Standard::outputs`).
    pub ty: Ty,
}

impl Def {
    pub fn is_item(&self) -> bool {
        matches!(self.kind, DefKind::Item { .. })
    }
}

/// `review every N years, rectify within M years`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewCycle {
    pub every_years: u32,
    pub rectify_years: u32,
}

/// A worked example.
#[derive(Clone, Debug)]
pub struct ExampleDef {
    pub name: String,
    pub as_of: Option<Date>,
    pub given: Vec<(InputId, Val)>,
    pub expect: Vec<Expect>,
    pub loc: Loc,
}

/// One expectation of an example.
#[derive(Clone, Debug)]
pub struct Expect {
    pub target: ExpectOn,
    pub value: Val,
    /// The value as written, for messages.
    pub written: String,
    pub rounded: Option<u32>,
    pub loc: Loc,
}

/// What an expectation is about.
#[derive(Clone, Debug)]
pub enum ExpectOn {
    Outcome,
    Def(DefId),
    Exceedance { def: DefId, level: Option<usize> },
}

/// A ranking rule.
#[derive(Clone, Debug)]
pub struct RankDef {
    pub keys: Vec<(Ex, bool)>,
    /// `, vetoed last`: subjects failing a basic condition rank after every other one.
    pub vetoed_last: bool,
}

/// Document metadata.
#[derive(Clone, Debug, Default)]
pub struct Header {
    pub id: String,
    pub version: String,
    pub title: Labels,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub effective_note: Option<String>,
    pub status: Option<Status>,
    pub source: Option<Cite>,
    pub supersedes: Option<(String, String)>,
    pub extends: Option<(String, String)>,
    pub uses: Vec<(String, String, String)>,
    pub review: Option<ReviewCycle>,
    pub docs: Vec<String>,
}

/// A compiled standard.
#[derive(Debug)]
pub struct Program {
    pub header: Header,
    /// SHA-256 of the documents' texts in the chain, hex.
    pub hash: String,
    /// `id@version` of every document that produced this program, this one first.
    pub lineage: Vec<String>,
    /// File names of the sources, indexed by [`Loc::file`].
    pub files: Vec<String>,
    pub inputs: Vec<InputDef>,
    pub defs: Vec<Def>,
    pub symbols: Vec<String>,
    pub examples: Vec<ExampleDef>,
    pub rank: Option<RankDef>,
    /// Section ids with labels, in order, for forms and reports.
    pub sections: Vec<(String, Labels, bool)>,
    /// The sections of the standards brought in by `use` (ids with the alias: `pests.criteria`), with
    /// labels and whether they are `basic`, in order, for forms; not part of [`Program::sections`].
    pub used_sections: Vec<(String, Labels, bool)>,
    /// Every group of inputs by full dotted id (`pests.fly`), with its labels (the group's short label
    /// is its Chinese label), for forms.
    pub groups: Vec<(String, Labels)>,
    /// Input slot by id and definition index by id (an assessment with many inputs is read in linear time).
    pub slots: Slots,
    /// Consistency rules over the answers (`require`): an assessment that breaks one is rejected.
    pub requires: Vec<RequireDef>,
}

/// `require NAME "label" { condition }`.
#[derive(Clone, Debug)]
pub struct RequireDef {
    pub id: String,
    pub labels: Labels,
    pub cond: Ex,
    pub loc: Loc,
}

/// FNV-1a: ids are short, and SipHash showed in profiles of reading assessments (every answer is looked
/// up by its id). The stored keys are the document's own ids, so a hostile key can only probe, not
/// crowd the table.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map keyed by id, hashed with [`Fnv`].
pub type IdMap<V> = std::collections::HashMap<String, V, std::hash::BuildHasherDefault<Fnv>>;

/// Lookup tables by id, built once when the program is made.
#[derive(Debug, Default)]
pub struct Slots {
    pub inputs: IdMap<InputId>,
    pub defs: IdMap<DefId>,
}

impl Slots {
    pub fn new(inputs: &[InputDef], defs: &[Def]) -> Slots {
        Slots {
            inputs: inputs
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), InputId::from_index(i)))
                .collect(),
            defs: defs
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), DefId::from_index(i)))
                .collect(),
        }
    }
}

impl Program {
    pub fn sym(&self, s: Sym) -> &str {
        self.symbols
            .get(s as usize)
            .map(String::as_str)
            .unwrap_or("?")
    }
    pub fn sym_id(&self, name: &str) -> Option<Sym> {
        self.symbols
            .iter()
            .position(|s| s == name)
            .map(|i| i as Sym)
    }
    pub fn input_index(&self, id: &str) -> Option<InputId> {
        self.slots.inputs.get(id).copied()
    }
    pub fn def_index(&self, id: &str) -> Option<DefId> {
        self.slots.defs.get(id).copied()
    }
    pub fn input(&self, i: InputId) -> &InputDef {
        &self.inputs[i]
    }
    pub fn def(&self, d: DefId) -> &Def {
        &self.defs[d]
    }
    /// Every input, in declaration order.
    pub fn input_ids(&self) -> impl Iterator<Item = InputId> + '_ {
        (0..self.inputs.len()).map(InputId::from_index)
    }
    /// Every definition, in evaluation order.
    pub fn def_ids(&self) -> impl Iterator<Item = DefId> + '_ {
        (0..self.defs.len()).map(DefId::from_index)
    }
}
