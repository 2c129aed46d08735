//! The typed contract: every result and error Yardstick gives, as serde types.
//!
//! The CLI (human and JSON output), `yardstick batch`, the WASM build and the docs all render from these
//! types; their JSON form is the contract described in `docs/json.md`, versioned by
//! [`CONTRACT_VERSION`] and described by the JSON Schema that `yardstick schema` prints (generated from
//! these types with the `schema` feature). Nothing here is a type of the engine's core.
//!
//! Numbers are exact: a [`Number`] is a decimal, written to JSON as the digits it holds (`17.60` stays
//! `17.60`), never through floating point, and without turning on any serde_json feature that would change
//! how the host program reads numbers (see [`crate::lossless`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// The version of the JSON contract, in every result as `contract`. It grows when a field is added;
/// existing fields keep their meaning within one version.
pub const CONTRACT_VERSION: u32 = 1;

/// An exact decimal number (up to 28 significant digits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Number(Decimal);

impl Number {
    pub fn new(d: Decimal) -> Number {
        Number(d)
    }
    /// A computed value as results give it: at most 10 decimals (a quotient such as 1.9555… is cut to
    /// ten places; values read from an assessment have at most what was written).
    pub fn computed(d: Decimal) -> Number {
        if d.scale() > 10 {
            Number(d.round_dp(10).normalize())
        } else {
            Number(d)
        }
    }
    pub fn as_decimal(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Number {
    type Err = crate::json::NumberRefusal;
    /// JSON number text, read exactly or refused (see [`crate::json::exact_decimal`]).
    fn from_str(s: &str) -> Result<Number, Self::Err> {
        crate::json::exact_decimal(s).map(Number)
    }
}

impl From<Decimal> for Number {
    fn from(d: Decimal) -> Number {
        Number(d)
    }
}

/// Write number text as a JSON number. With serde_json this writes the digits as they are, as
/// serde_json's `RawValue` does (which only adds a type and changes nothing else in serde_json); text that
/// is not one JSON number is written as a string.
///
/// `RawValue::serialize` is a struct named by serde_json's token, which serde_json's serializer writes as
/// the text itself; it is done here directly because `RawValue::from_string` checks the text by running
/// serde_json's whole deserializer, which the browser engine would carry for this alone (about 8 KB gzip,
/// with the float formatting of its error messages). A test keeps the two equal.
pub(crate) fn serialize_number_text<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    if matches!(
        crate::lossless::Json::parse(text),
        Ok(crate::lossless::Json::Number(_))
    ) && text.trim() == text
    {
        let mut st = s.serialize_struct(RAW_VALUE_TOKEN, 1)?;
        st.serialize_field(RAW_VALUE_TOKEN, text)?;
        st.end()
    } else {
        s.serialize_str(text)
    }
}

/// The name serde_json 1 gives `RawValue`'s struct (`serde_json::raw::TOKEN`, not exported).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_number_text(&self.0.to_string(), s)
    }
}

impl<'de> Deserialize<'de> for Number {
    /// From a serde_json reader: the number's digits, exactly (or refused). Elsewhere: a number as text.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        let text = raw.get().trim();
        let text = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(text);
        text.parse()
            .map_err(|_| serde::de::Error::custom(format!("{text} cannot be held exactly")))
    }
}

/// A value in a result: an input's answer, a computed value, a level or band, a fix's suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(Number),
    /// The multiple of a positive value over a zero limit (`"infinite"`, `"-infinite"` in JSON).
    Infinite {
        negative: bool,
    },
    Bool(bool),
    /// An enum value, level or band name, or a date `YYYY-MM-DD`.
    Text(String),
    /// A series, oldest first.
    Series(Vec<Number>),
    /// Missing, or not applicable (`null`).
    Missing,
}

impl Value {
    pub fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_number(&self) -> Option<Number> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    /// As JSON would write it, strings without quotes and missing as `—`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Infinite { negative: false } => f.write_str("infinite"),
            Value::Infinite { negative: true } => f.write_str("-infinite"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Text(s) => f.write_str(s),
            Value::Series(s) => {
                let parts: Vec<String> = s.iter().map(Number::to_string).collect();
                write!(f, "[{}]", parts.join(", "))
            }
            Value::Missing => f.write_str("—"),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Number(n) => n.serialize(s),
            Value::Infinite { negative: false } => s.serialize_str("infinite"),
            Value::Infinite { negative: true } => s.serialize_str("-infinite"),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Text(t) => s.serialize_str(t),
            Value::Series(v) => v.serialize(s),
            Value::Missing => s.serialize_unit(),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    /// From a serde_json reader, numbers exactly.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        let json = crate::lossless::Json::parse(raw.get()).map_err(serde::de::Error::custom)?;
        value_of_json(&json).map_err(serde::de::Error::custom)
    }
}

fn value_of_json(j: &crate::lossless::Json) -> Result<Value, String> {
    use crate::lossless::Json;
    let number = |t: &str| -> Result<Number, String> {
        t.parse().map_err(|_| format!("{t} cannot be held exactly"))
    };
    Ok(match j {
        Json::Null => Value::Missing,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(t) => Value::Number(number(t)?),
        Json::String(s) if s == "infinite" => Value::Infinite { negative: false },
        Json::String(s) if s == "-infinite" => Value::Infinite { negative: true },
        Json::String(s) => Value::Text(s.clone()),
        Json::Array(a) => Value::Series(
            a.iter()
                .map(|x| match x {
                    Json::Number(t) => number(t),
                    _ => Err("a series holds numbers".to_string()),
                })
                .collect::<Result<_, _>>()?,
        ),
        Json::Object(_) => return Err("a value is not an object".into()),
    })
}

/// The outcome of an item, a ladder, or the whole standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    /// An answer it needs is missing.
    Unknown,
    /// Its scope excludes this subject.
    NotApplicable,
}

impl Outcome {
    /// `pass`, `fail`, `unknown`, `not_applicable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Unknown => "unknown",
            Outcome::NotApplicable => "not_applicable",
        }
    }
    /// Read from `pass`, `fail`, `unknown`, `not_applicable`.
    pub fn from_name(s: &str) -> Option<Outcome> {
        match s {
            "pass" => Some(Outcome::Pass),
            "fail" => Some(Outcome::Fail),
            "unknown" => Some(Outcome::Unknown),
            "not_applicable" => Some(Outcome::NotApplicable),
            _ => None,
        }
    }
    /// The outcome in words (see [`crate::catalogue::outcome`]).
    pub fn words(self) -> crate::catalogue::Msg {
        crate::catalogue::outcome(self)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Labels in both languages (either may be absent; the id stands in).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Labels {
    pub zh: Option<String>,
    pub en: Option<String>,
}

/// Where a threshold or document comes from, with its confidence tier (A–D).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Source {
    pub source: String,
    pub tier: Option<String>,
    /// The author's note, as written (in English in the shipped standards).
    pub note: Option<String>,
    /// The note in Chinese, when it is made wholly of the catalogue's fixed phrases (`unverified` →
    /// `未经核实`, `unverified; strict comparator` → `未经核实；严格比较（不含等号）`); `null` for any other
    /// note, which is shown as written.
    pub note_zh: Option<String>,
}

/// A place in a standard's text: file, 1-based line and column (in characters), byte range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Span {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
}

/// The document evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StandardInfo {
    pub id: String,
    pub version: String,
    /// SHA-256 (hex) of the texts of every document that went into it.
    pub hash: String,
    /// `id@version` of those documents, this one first, then what it extends and uses.
    pub lineage: Vec<String>,
}

/// The id of an item, ladder or other definition in a result (`b5`; those of used standards by their
/// full id, `pests.fly`): text shared with the [`crate::Standard`] it came from, so a result does not
/// copy it. It reads as a `str` (`&*id`, `id.as_ref()`, `id == "b5"`, `ids.join(", ")`) and is written
/// to and read from JSON as a string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(Arc<str>);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(Arc::from(s))
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id(Arc::from(s))
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0.to_string()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        String::deserialize(d).map(Id::from)
    }
}

/// An `Arc<T>` written and read as `T` (serde's `rc` feature is not turned on: it is the host's).
mod shared {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::Arc;

    pub(super) fn serialize<T: Serialize, S: Serializer>(
        v: &Arc<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        T::serialize(v, s)
    }

    pub(super) fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Arc<T>, D::Error> {
        T::deserialize(d).map(Arc::new)
    }
}

/// The result of evaluating one assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evaluation {
    /// [`CONTRACT_VERSION`].
    pub contract: u32,
    /// The document evaluated.
    // In an `Arc`, made once per `Standard` and shared by its results (a clone costs nothing; the fields
    // read as ever: `result.standard.id`); written to and read from JSON as the object itself.
    #[serde(
        serialize_with = "shared::serialize",
        deserialize_with = "shared::deserialize"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "StandardInfo"))]
    pub standard: Arc<StandardInfo>,
    /// The assessment's `as_of`, echoed.
    pub as_of: Option<String>,
    pub outcome: Outcome,
    /// The band of the document's first grade (`None` without a grade, or when it is missing).
    pub grade: Option<String>,
    /// That band's labels.
    pub grade_labels: Option<Labels>,
    /// Failing veto items (in `basic`), in writing order.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub vetoed_by: Vec<Id>,
    /// Every failing own item and own ladder at its `below` level, in writing order.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub failing: Vec<Id>,
    /// Every `output`, level ladder, score and grade of the document: id → value.
    pub outputs: BTreeMap<String, Value>,
    /// Items and ladders, own first, then those of used standards (with their `path`): the summary, or
    /// with [`Options::explain`] every definition with its explanation.
    pub items: Vec<Item>,
    /// Inputs without an answer, in input order.
    pub missing: Vec<String>,
    /// Best and worst with answers missing; `None` when nothing own is undecided.
    pub partial: Option<Partial>,
    /// Smallest single-input changes that pass a failing item or reach a better band, each verified.
    pub fixes: Vec<Fix>,
    /// `false` when the search for fixes stopped at its budget.
    pub fixes_complete: bool,
    /// One note per search that stopped at its budget.
    pub notes: Vec<Note>,
    /// Definitions that could not be computed (the first 50).
    pub errors: Vec<DefinitionError>,
    /// How many more than `errors` lists.
    pub errors_more: usize,
}

impl Evaluation {
    /// The entry of `items` with this id (used standards' items by their full id, `pests.fly`).
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }
    /// The value of an output.
    pub fn output(&self, id: &str) -> Option<&Value> {
        self.outputs.get(id)
    }
    /// The result as JSON text (the contract), pretty-printed.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
    /// The result as compact JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// One item, ladder or (explained) definition of a result.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Item {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub id: Id,
    /// `item`, `levels`, `score`, `grade`, `value` …
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub kind: std::borrow::Cow<'static, str>,
    /// For items and ladders (a ladder fails at its `below` level); `None` for values.
    pub outcome: Option<Outcome>,
    /// For an item of a used standard, the names it is reached through (`["pests"]` for `pests.fly`);
    /// empty for the document's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
    /// With [`Options::explain`]: why (boxed: a summary item stays small).
    #[serde(flatten)]
    pub explanation: Option<Box<Explanation>>,
}

impl<'de> Deserialize<'de> for Item {
    /// From a serde_json reader (its numbers exactly): the summary fields, and the explanation when the
    /// object has one (`checks` present).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Item, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Head {
            id: String,
            kind: String,
            outcome: Option<Outcome>,
            #[serde(default)]
            path: Vec<String>,
        }
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        let head: Head = serde_json::from_str(raw.get()).map_err(D::Error::custom)?;
        let explained = crate::lossless::Json::parse(raw.get())
            .map_err(D::Error::custom)?
            .get("checks")
            .is_some();
        let explanation = if explained {
            Some(serde_json::from_str(raw.get()).map_err(D::Error::custom)?)
        } else {
            None
        };
        Ok(Item {
            id: Id::from(head.id),
            kind: head.kind.into(),
            outcome: head.outcome,
            path: head.path,
            explanation,
        })
    }
}

/// Why an item or definition came out as it did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Explanation {
    /// Set when it could not be computed.
    pub error: Option<ItemError>,
    /// A veto item (inside `basic`).
    pub veto: bool,
    pub section: Option<String>,
    pub labels: Labels,
    pub clause: Option<String>,
    pub source: Option<Source>,
    pub value: Value,
    /// The value as the standard's explanations write it (`1.96`, `9.1%`).
    pub value_text: String,
    /// The same in Chinese (`是`/`否` for yes/no, `未填写` for missing).
    pub value_text_zh: String,
    /// For a grade, the labels of the band it is in.
    pub value_labels: Option<Labels>,
    /// How many times its limit the worst value is.
    pub multiple: Option<Value>,
    pub multiple_text: Option<String>,
    pub checks: Vec<Check>,
    pub contributions: Vec<Contribution>,
    pub span: Option<Span>,
    pub zh: String,
    pub en: String,
}

/// A definition that could not be computed, as shown on its item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemError {
    pub code: String,
    pub span: Option<Span>,
}

/// One comparison: value, threshold, margin, clause and source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    pub subject: Option<String>,
    pub labels: Option<Labels>,
    pub value: Value,
    /// `>=`, `<`, `==` …
    pub op: String,
    pub threshold: Value,
    pub percent: bool,
    pub unit: Option<String>,
    /// The unit in both languages (`zh` from the catalogue's table of units, `en` as written); `null`
    /// without a unit.
    pub unit_labels: Option<Labels>,
    pub holds: Option<bool>,
    /// How far the value is from the threshold, in its unit.
    pub margin: Option<Number>,
    pub multiple: Option<Value>,
    pub level: Option<String>,
    /// A ladder row's group: its short (Chinese) label, else its name.
    pub group: Option<String>,
    /// That group in both languages: `zh` its Chinese or short label, `en` its English label, else its
    /// name; `null` outside a group.
    #[serde(default)]
    pub group_labels: Option<Labels>,
    pub source: Option<Source>,
    pub span: Option<Span>,
    pub zh: String,
    pub en: String,
}

/// One part of a weighted score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Contribution {
    pub name: String,
    pub weight: Option<Number>,
    pub value: Option<Number>,
    pub points: Option<Number>,
}

/// One input change that passes a failing item or ladder, or reaches a better band of a grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Fix {
    /// The item, ladder or grade.
    pub item: String,
    pub input: String,
    pub from: Value,
    pub to: Value,
    /// `pass`, or the band reached.
    pub reaches: String,
    pub zh: String,
    pub en: String,
}

/// Best and worst with answers missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Partial {
    pub best: Outcome,
    pub worst: Outcome,
    /// `false` when the search stopped at its budget.
    pub complete: bool,
    /// Per own grade and ladder.
    pub outputs: BTreeMap<String, Range>,
    /// The missing inputs that decide the result, most decisive first.
    pub ask_next: Vec<String>,
}

/// The best and worst band or level still reachable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Range {
    pub best: Option<String>,
    pub worst: Option<String>,
}

/// A note on a result (a search that stopped at its budget).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Note {
    /// `fixes_incomplete`, `partial_incomplete`.
    pub code: String,
    pub en: String,
    pub zh: String,
}

/// A definition that could not be computed (Y0601 division by zero, Y0602 overflow, Y0603 ∞ − ∞).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DefinitionError {
    pub def: String,
    pub code: String,
    pub en: String,
    pub zh: String,
    pub span: Option<Span>,
}

/// What to compute besides the outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Every definition with its explanation in `items` (else the summary).
    pub explain: bool,
    /// List the items (summary or explained). Off: `items` is empty.
    pub items: bool,
    /// Search for fixes.
    pub fixes: bool,
    /// Search for best and worst with answers missing.
    pub partial: bool,
}

impl Default for Options {
    /// Summary items, fixes and partial answers; no explanation tree.
    fn default() -> Self {
        Options {
            explain: false,
            items: true,
            fixes: true,
            partial: true,
        }
    }
}

impl Options {
    /// Everything, with the explanation tree.
    pub fn explained() -> Options {
        Options {
            explain: true,
            ..Options::default()
        }
    }
    /// Outcome, grade, vetoes, failing, outputs and missing only: no items, no searches (the fastest;
    /// what `yardstick batch` computes for each row).
    pub fn outcome_only() -> Options {
        Options {
            explain: false,
            items: false,
            fixes: false,
            partial: false,
        }
    }
}

/// The kind of value an output holds, for hosts that keep results in typed columns (a SQL engine, a
/// data frame): see [`crate::Standard::outputs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// An exact decimal ([`Value::Number`]); a multiple of a limit may also be [`Value::Infinite`].
    Number,
    /// Yes or no ([`Value::Bool`]); an item's outcome used as a value is one.
    Bool,
    /// A level, band or enum value ([`Value::Text`]), one of [`OutputInfo::names`].
    Name,
    /// A date `YYYY-MM-DD` ([`Value::Text`]).
    Date,
    /// Numbers, oldest first ([`Value::Series`]), [`OutputInfo::length`] of them.
    Series,
}

/// One output of a standard (an `output` value, a level ladder, a score or a grade) with the kind of
/// value it holds, as the standard's types say before anything is evaluated. Any of them may be
/// missing ([`Value::Missing`]) in a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutputInfo {
    /// Its id, as [`Evaluation::outputs`] names it.
    pub id: String,
    /// `value` (an `output`), `levels`, `score` or `grade`.
    pub def_kind: String,
    pub kind: ValueKind,
    /// For [`ValueKind::Name`]: the names it takes, in the order the standard writes them (best first
    /// for levels and bands); empty otherwise.
    pub names: Vec<String>,
    /// Its numbers are percentages (`17.6` is 17.6%).
    pub percent: bool,
    /// For [`ValueKind::Series`]: how many numbers.
    pub length: Option<u32>,
}

/// One problem with an assessment: which input, why, in both languages, with a stable code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InputError {
    /// An input id, a field of the assessment, a `require` rule's id, or empty for the whole text.
    pub input: String,
    /// Y07xx (docs/json.md §1.2).
    pub code: String,
    pub reason: String,
    pub reason_zh: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.input.is_empty() {
            write!(f, "{} [{}]", self.reason, self.code)
        } else {
            write!(f, "`{}`: {} [{}]", self.input, self.reason, self.code)
        }
    }
}

/// Any error, as the JSON contract gives it (`yardstick … --format json`, the WASM build).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorReport {
    pub contract: u32,
    /// `problems` (the standard has errors), `io`, `not_found`, `assessment`, `evaluation`, `argument`.
    pub kind: String,
    /// A stable code: the first problem's, Y07xx for assessments, Y08xx for finding a standard, Y06xx for
    /// evaluation, Y0090 for files.
    pub code: String,
    pub en: String,
    pub zh: String,
    /// The problems of the standard (`problems`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<crate::report::Problem>,
    /// The problems of the assessment (`assessment`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputError>,
}

/// What a form needs to ask for a standard's inputs (`yardstick schema --form`, the calculator).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Form {
    pub id: String,
    pub version: String,
    pub title: Labels,
    pub effective: Effective,
    /// `draft`, `accepted`, `superseded`, `obsolete`.
    pub status: Option<String>,
    pub source: Option<Source>,
    pub lineage: Vec<String>,
    pub hash: String,
    /// The document's own sections (and those of the documents it extends).
    pub sections: Vec<FormSection>,
    /// The sections of the standards brought in by `use`, by full id (`pests.criteria`), in order. Their
    /// `veto` says whether they are `basic` in the used standard.
    #[serde(default)]
    pub used_sections: Vec<FormSection>,
    pub inputs: Vec<FormInput>,
}

/// A document's effective window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Effective {
    pub from: Option<String>,
    pub until: Option<String>,
    pub note: Option<String>,
}

/// A section of a standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FormSection {
    pub id: String,
    pub labels: Labels,
    /// Items in it veto the standard (`basic`).
    pub veto: bool,
}

/// One input to ask for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FormInput {
    /// The full dotted id, as assessments give it.
    pub id: String,
    /// `bool`, `count`, `percent`, `number`, `enum`, `date`, `series of …`.
    #[serde(rename = "type")]
    pub kind: String,
    pub unit: Option<String>,
    /// The unit in both languages: `zh` from the catalogue's table of units (`只/间` for `flies/room`;
    /// `%` for percent), `null` for a unit the table lacks; `en` as written. `null` without a unit.
    pub unit_labels: Option<Labels>,
    /// The names an enum input takes.
    pub values: Option<Vec<String>>,
    /// For an enum input: each name with its labels, in the order of `values`.
    pub choices: Option<Vec<Choice>>,
    /// The length of a series.
    pub length: Option<u32>,
    pub min: Option<Number>,
    pub max: Option<Number>,
    pub labels: Labels,
    pub help: Labels,
    /// The innermost group's full id (`pests.fly`).
    pub group: Option<String>,
    /// That group's labels (its short label is the Chinese one); `null` without a group.
    pub group_labels: Option<Labels>,
    pub section: Option<String>,
    pub source: Option<Source>,
    /// The comparisons of items and ladders that read this input directly against a constant, in the
    /// order written (at most 16, `MAX_REQUIREMENTS_PER_INPUT`): what to show beside the question.
    #[serde(default)]
    pub requirements: Vec<Requirement>,
}

/// Most requirements one form input lists; the rest are left out of the form (a result's explanation
/// still shows every comparison).
pub const MAX_REQUIREMENTS_PER_INPUT: usize = 16;

/// One value of an enum input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Choice {
    /// The name, as an assessment gives it.
    pub value: String,
    /// The language gives a value one short label (`county_level "县级"`), its Chinese label: `en` is
    /// `null` (show the name).
    pub labels: Labels,
}

/// A requirement on one input: a comparison of an item or a ladder row reading the input directly
/// against a constant (`satisfaction >= 90%`, `flies_per_positive_room <= [3, 3, 3]` gives one per level).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Requirement {
    /// The item or ladder it belongs to (full id).
    pub item: String,
    pub item_labels: Labels,
    pub clause: Option<String>,
    /// `>=`, `<`, `==` …
    pub op: String,
    pub threshold: Value,
    pub percent: bool,
    pub unit: Option<String>,
    pub unit_labels: Option<Labels>,
    /// For a ladder row: the level this threshold is for.
    pub level: Option<String>,
    pub source: Option<Source>,
    /// `≥ 90%`, `≤ 3 只/间（B 级）`.
    pub zh: String,
    /// `≥ 90%`, `≤ 3 flies/room (level B)`.
    pub en: String,
}

#[cfg(feature = "schema")]
mod json_schema {
    use super::{Number, Value};
    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
    use std::borrow::Cow;

    impl JsonSchema for Number {
        fn schema_name() -> Cow<'static, str> {
            "ExactNumber".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "number",
                "description": "An exact decimal (at most 28 significant digits), written with the digits it holds; read it as a decimal, not a float, to keep them"
            })
        }
    }

    impl JsonSchema for Value {
        fn schema_name() -> Cow<'static, str> {
            "Value".into()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            let number = generator.subschema_for::<Number>();
            json_schema!({
                "description": "A value: an exact number; \"infinite\" or \"-infinite\" (a multiple over a zero limit); true or false; a name or a date YYYY-MM-DD; a series of numbers, oldest first; null when missing or not applicable",
                "anyOf": [
                    number.clone(),
                    {"type": "boolean"},
                    {"type": "string"},
                    {"type": "array", "items": number},
                    {"type": "null"}
                ]
            })
        }
    }
}

#[cfg(test)]
mod tests {
    struct Text<'a>(&'a str);
    impl serde::Serialize for Text<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::serialize_number_text(self.0, s)
        }
    }

    #[test]
    fn number_text_is_written_as_serde_json_writes_a_raw_value() {
        for t in [
            "17.60",
            "-0.000",
            "0",
            "1e400",
            "-8.6",
            "2E-3",
            "12345678901234567890.123",
        ] {
            let ours = serde_json::to_string(&Text(t)).unwrap_or_default();
            let raw = serde_json::value::RawValue::from_string(t.to_string())
                .map(|r| serde_json::to_string(&r).unwrap_or_default())
                .unwrap_or_default();
            assert_eq!(ours, raw, "{t}");
            assert_eq!(ours, t);
        }
        for t in ["", "abc", "1.", " 1", "01", "true", "1 2"] {
            let ours = serde_json::to_string(&Text(t)).unwrap_or_default();
            assert_eq!(ours, serde_json::to_string(t).unwrap_or_default(), "{t:?}");
        }
    }
}
