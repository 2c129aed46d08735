//! The JSON layer behind [`crate::api`]: assessments in (read with [`crate::lossless`], every number
//! exact or refused), typed results out. The CLI, batch and the WASM build reach it only through
//! [`crate::Standard`] and the types of [`crate::api`].

use crate::api::{self, InputError, Number};
use crate::catalogue::{self as cat, Msg};
use crate::lossless::Json;
use crate::{Error, Standard};
use rust_decimal::Decimal;
use yardstick_core::eval::{Multiple, Outcome as CoreOutcome};
use yardstick_core::explain::{self, fmt_multiple};
use yardstick_core::ir::{Cite, DefId, DefKind, InputId, Labels, Program, Ty, Val};
use yardstick_syntax::ast::Date;

/// The stable codes of assessment problems (docs/json.md §1.2).
pub mod codes {
    /// The answers break a `require` rule.
    pub const BROKEN_RULE: &str = "Y0701";
    /// Not JSON.
    pub const NOT_JSON: &str = "Y0702";
    /// Not the shape of an assessment (not an object, an unknown field, `inputs` not an object, a bad
    /// `as_of`).
    pub const SHAPE: &str = "Y0703";
    /// An input the standard does not have.
    pub const UNKNOWN_INPUT: &str = "Y0704";
    /// A value of the wrong kind.
    pub const WRONG_KIND: &str = "Y0705";
    /// A value outside the input's range.
    pub const OUT_OF_RANGE: &str = "Y0706";
    /// A number that cannot be held exactly.
    pub const NOT_EXACT: &str = "Y0707";
    /// For another standard or version.
    pub const OTHER_STANDARD: &str = "Y0708";
    /// The count of problems left out of a long list.
    pub const MORE: &str = "Y0709";
    /// Every code, for docs and tests.
    pub const ALL: &[&str] = &[
        BROKEN_RULE,
        NOT_JSON,
        SHAPE,
        UNKNOWN_INPUT,
        WRONG_KIND,
        OUT_OF_RANGE,
        NOT_EXACT,
        OTHER_STANDARD,
        MORE,
    ];
}

/// A reason an input was refused, before it is attached to the input: its code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub msg: Msg,
}

impl Refusal {
    fn new(code: &'static str, msg: Msg) -> Refusal {
        Refusal { code, msg }
    }
}

/// A problem with `input` (an input id, a field, or empty for the whole text).
pub fn input_error(input: &str, r: Refusal) -> InputError {
    InputError {
        input: quote(input),
        code: r.code.to_string(),
        reason: r.msg.en,
        reason_zh: r.msg.zh,
    }
}

/// The problems in one line: the first, and how many more (both languages).
pub fn summary(errors: &[InputError]) -> Msg {
    let (en, zh) = match errors.first() {
        Some(e) if e.input.is_empty() => (e.reason.clone(), e.reason_zh.clone()),
        Some(e) => (
            format!("`{}`: {}", e.input, e.reason),
            format!("`{}`：{}", e.input, e.reason_zh),
        ),
        None => return cat::assessment_invalid(),
    };
    match errors.len() {
        1 => Msg { en, zh },
        n => cat::first_of_many(&en, &zh, n - 1),
    }
}

/// Most problems one assessment reports; the rest are counted in a last line.
pub const MAX_REPORTED_ERRORS: usize = 50;

/// Keep the first [`MAX_REPORTED_ERRORS`] problems and say how many more there were.
pub fn cap_errors(mut errors: Vec<InputError>) -> Vec<InputError> {
    if errors.len() > MAX_REPORTED_ERRORS {
        let more = errors.len() - MAX_REPORTED_ERRORS;
        errors.truncate(MAX_REPORTED_ERRORS);
        errors.push(input_error(
            "",
            Refusal::new(codes::MORE, cat::more_problems(more)),
        ));
    }
    errors
}

/// A parsed assessment, ready to evaluate against the standard that read it.
#[derive(Clone, Debug)]
pub struct Assessment {
    /// The `standard` it names (empty for a bare object of inputs).
    pub standard: String,
    pub version: Option<String>,
    pub as_of: Option<Date>,
    pub(crate) values: Vec<Val>,
}

impl Assessment {
    /// How many inputs have an answer.
    pub fn answered(&self) -> usize {
        self.values.iter().filter(|v| **v != Val::Unknown).count()
    }
}

fn shape_error(input: &str, msg: Msg) -> Error {
    Error::Assessment(vec![input_error(input, Refusal::new(codes::SHAPE, msg))])
}

/// Read JSON text losslessly (a leading byte-order mark is skipped); text that is not JSON is Y0702.
pub fn read_json(text: &str) -> Result<Json, Error> {
    Json::parse(text).map_err(|e| {
        Error::Assessment(vec![input_error(
            "",
            Refusal::new(
                codes::NOT_JSON,
                cat::not_json(e.line, e.column, &e.en, &e.zh),
            ),
        )])
    })
}

/// Which standard, version and day an assessment is for, read before compiling.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// Empty when the assessment does not name one.
    pub standard: String,
    pub version: Option<String>,
    pub as_of: Option<Date>,
}

/// The header of an assessment's text.
pub fn assessment_header(text: &str) -> Result<Header, Error> {
    header_of(&read_json(text)?)
}

/// The header of an already parsed assessment (a host that parses the text once, as the server does, to
/// resolve the standard, evaluate and log the inputs).
pub fn header_from_json(v: &Json) -> Result<Header, Error> {
    header_of(v)
}

fn header_of(v: &Json) -> Result<Header, Error> {
    if v.as_object().is_none() {
        return Err(shape_error("", cat::not_an_object()));
    }
    let standard = v
        .get("standard")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let version = v.get("version").and_then(Json::as_str).map(str::to_string);
    let as_of = match v.get("as_of") {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => Some(
            yardstick_syntax::parse_date(s)
                .ok_or_else(|| shape_error("as_of", cat::as_of_not_date(&quote(s))))?,
        ),
        Some(_) => return Err(shape_error("as_of", cat::date_string_required())),
    };
    Ok(Header {
        standard,
        version,
        as_of,
    })
}

/// Parse an assessment for `std`: `{"standard", "version"?, "as_of"?, "inputs": {...}}`, or a bare object
/// of inputs. Every bad input is reported (the first [`MAX_REPORTED_ERRORS`], then how many more), none
/// silently dropped, clamped or rounded.
pub fn parse_assessment(std: &Standard, text: &str) -> Result<Assessment, Error> {
    assessment_from_json(std, &read_json(text)?)
}

/// As [`parse_assessment`], from already parsed JSON.
pub fn assessment_from_json(std: &Standard, v: &Json) -> Result<Assessment, Error> {
    let Some(obj) = v.as_object() else {
        return Err(shape_error("", cat::not_an_object()));
    };
    let wrapped = v.get("inputs").is_some();
    let header = if wrapped {
        header_of(v)?
    } else {
        Header {
            standard: std.id().to_string(),
            ..Header::default()
        }
    };
    let inputs: &[(String, Json)] = match v.get("inputs") {
        Some(Json::Object(m)) => m,
        Some(_) => return Err(shape_error("inputs", cat::inputs_not_object())),
        None => obj,
    };
    let mut errors = Vec::new();
    if wrapped {
        for (k, _) in obj {
            if !matches!(
                k.as_str(),
                "standard" | "version" | "as_of" | "inputs" | "name" | "note"
            ) {
                errors.push(input_error(
                    k,
                    Refusal::new(codes::SHAPE, cat::unknown_field()),
                ));
            }
        }
        if let Some(x) = v.get("standard").filter(|x| x.as_str().is_none()) {
            errors.push(input_error(
                "standard",
                Refusal::new(codes::SHAPE, cat::standard_not_string(&quote_json(x))),
            ));
        }
        if let Some(given) = &header.version {
            if given != std.version() {
                errors.push(input_error(
                    "version",
                    Refusal::new(
                        codes::OTHER_STANDARD,
                        cat::version_mismatch(&quote(given), std.version()),
                    ),
                ));
            }
        }
    }
    if !header.standard.is_empty() && header.standard != std.id() {
        errors.push(input_error(
            "standard",
            Refusal::new(
                codes::OTHER_STANDARD,
                cat::standard_mismatch(&quote(&header.standard), std.id()),
            ),
        ));
    }
    let mut b = AssessmentBuilder::new(std);
    for (k, x) in inputs {
        if let Err(e) = b.set(k, x) {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        return Err(Error::Assessment(cap_errors(errors)));
    }
    let mut a = b.finish()?;
    a.standard = header.standard;
    a.version = header.version;
    a.as_of = header.as_of;
    Ok(a)
}

/// An input of a standard, by position (from [`Standard::input`]): for readers that set the same inputs
/// row after row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InputSlot(pub(crate) InputId);

/// Builds an assessment one answer at a time (a form, a CSV row, a host's own types), checking each as it
/// is given; [`AssessmentBuilder::finish`] checks the `require` rules.
#[derive(Clone, Debug)]
pub struct AssessmentBuilder<'s> {
    std: &'s Standard,
    values: Vec<Val>,
}

impl<'s> AssessmentBuilder<'s> {
    pub fn new(std: &'s Standard) -> AssessmentBuilder<'s> {
        AssessmentBuilder {
            std,
            values: vec![Val::Unknown; std.program().inputs.len()],
        }
    }

    /// Answer input `id` with a JSON value (`null`: missing), or say why it cannot be.
    pub fn set(&mut self, id: &str, value: &Json) -> Result<(), InputError> {
        let Some(slot) = self.std.input(id) else {
            return Err(unknown_input(self.std.program(), id));
        };
        self.set_slot(slot, value).map_err(|r| input_error(id, r))
    }

    /// Answer an input by its slot; the refusal names no input (the caller knows which).
    pub fn set_slot(&mut self, slot: InputSlot, value: &Json) -> Result<(), Refusal> {
        let v = input_value(self.std.program(), slot.0, value)?;
        if let Some(x) = self.values.get_mut(slot.0.index()) {
            *x = v;
        }
        Ok(())
    }

    /// Forget every answer (to reuse the builder for the next row).
    pub fn clear(&mut self) {
        self.values.fill(Val::Unknown);
    }

    /// The assessment, once its answers keep the standard's `require` rules (Y0701).
    pub fn finish(&self) -> Result<Assessment, Error> {
        let broken = broken_requires(self.std, &self.values);
        if !broken.is_empty() {
            return Err(Error::Assessment(cap_errors(broken)));
        }
        Ok(Assessment {
            standard: self.std.id().to_string(),
            version: None,
            as_of: None,
            values: self.values.clone(),
        })
    }
}

fn unknown_input(p: &Program, k: &str) -> InputError {
    // The did-you-mean search compares against names at most this long; a key far longer than every
    // input id is no typo of one (and comparing it would cost its length times every id).
    let longest = p.inputs.iter().map(|x| x.id.len()).max().unwrap_or(0);
    let near = if k.len() <= longest + 3 {
        p.inputs
            .iter()
            .map(|x| (yardstick_core::lower::edit_distance(&x.id, k), &x.id))
            .min()
    } else {
        None
    };
    let shown = quote(k);
    let msg = match near {
        Some((d, id)) if d <= 3 => cat::unknown_input_near(&shown, id),
        _ => cat::unknown_input(&shown),
    };
    input_error(k, Refusal::new(codes::UNKNOWN_INPUT, msg))
}

/// The `require` rules the answers break, as problems of the assessment (code Y0701), naming the inputs
/// each rule reads and their values.
pub(crate) fn broken_requires(std: &Standard, values: &[Val]) -> Vec<InputError> {
    let p = std.program();
    yardstick_core::eval::broken_requires(p, values)
        .into_iter()
        .filter_map(|k| p.requires.get(k))
        .map(|r| {
            let mut read: Vec<InputId> = Vec::new();
            yardstick_core::lower::walk(&r.cond, &mut |x| {
                if let yardstick_core::ir::Ex::Input(i) = x {
                    if !read.contains(i) {
                        read.push(*i);
                    }
                }
            });
            let given: Vec<String> = read
                .iter()
                .filter_map(|&i| {
                    let inp = p.inputs.get(i.index())?;
                    Some(format!(
                        "{} = {}",
                        inp.id,
                        explain::fmt_val(p, values.get(i.index())?)
                    ))
                })
                .collect();
            input_error(
                &r.id,
                Refusal::new(
                    codes::BROKEN_RULE,
                    cat::require_broken(
                        r.labels.en_or(&r.id),
                        r.labels.zh_or(&r.id),
                        &given.join(", "),
                        &given.join("，"),
                    ),
                ),
            )
        })
        .collect()
}

/// Why a number in an assessment cannot be used: it cannot be held exactly, so it is refused, never
/// rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberRefusal {
    /// More significant digits than a decimal holds (28 or 29, depending on the digits).
    TooManyDigits,
    /// More than [`MAX_DECIMAL_PLACES`] digits after the point.
    TooPrecise,
    /// Larger in magnitude than the largest decimal (about 7.9 × 10²⁸).
    TooLarge,
}

/// Most digits after the decimal point a number can have (rust_decimal's scale).
pub const MAX_DECIMAL_PLACES: usize = 28;

/// A JSON number's text as an exact decimal, or why it cannot be one. Trailing zeros after the point and
/// exponents are exact (`1.50000…0`, `1e3`, `25E-1` are fine); a number that would have to be rounded is
/// refused: more than 28 significant digits, more than 28 decimal places, or too large.
pub fn exact_decimal(text: &str) -> Result<Decimal, NumberRefusal> {
    // The usual case, keeping the digits as written (`17.60` stays two places, for explanations).
    if !text.contains(['e', 'E']) {
        if let Ok(d) = Decimal::from_str_exact(text) {
            return Ok(d);
        }
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, ""),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits_ok(int) || !digits_ok(frac) {
        return Err(NumberRefusal::TooManyDigits);
    }
    let digits: String = format!("{int}{frac}");
    // Where the point is, counted from the left of `digits`.
    let mut point = int.len() as i64;
    if !exponent.is_empty() {
        let e = exponent.trim_start_matches('+');
        let (neg_e, e) = match e.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, e),
        };
        if e.is_empty() || !digits_ok(e) {
            return Err(NumberRefusal::TooManyDigits);
        }
        // Exponents beyond a few digits are far past what a decimal holds either way.
        let e = e.trim_start_matches('0');
        if e.len() > 6 {
            let all_zero = digits.bytes().all(|b| b == b'0');
            return match (all_zero, neg_e) {
                (true, _) => Ok(Decimal::ZERO),
                (false, true) => Err(NumberRefusal::TooPrecise),
                (false, false) => Err(NumberRefusal::TooLarge),
            };
        }
        let e: i64 = e.parse().unwrap_or(0);
        point += if neg_e { -e } else { e };
    }
    let lead = digits.len() - digits.trim_start_matches('0').len();
    let significant = digits.trim_start_matches('0').trim_end_matches('0');
    if significant.is_empty() {
        return Ok(Decimal::ZERO);
    }
    point -= lead as i64;
    let len = significant.len() as i64;
    let places = (len - point).max(0);
    if places > MAX_DECIMAL_PLACES as i64 {
        // Many digits in all, or only a tiny value: say which.
        return Err(if len > MAX_DECIMAL_PLACES as i64 {
            NumberRefusal::TooManyDigits
        } else {
            NumberRefusal::TooPrecise
        });
    }
    if point > 29 {
        return Err(NumberRefusal::TooLarge);
    }
    let plain = if point <= 0 {
        format!("0.{}{significant}", "0".repeat((-point) as usize))
    } else if point >= len {
        format!("{significant}{}", "0".repeat((point - len) as usize))
    } else {
        let (a, b) = significant.split_at(point as usize);
        format!("{a}.{b}")
    };
    let d = Decimal::from_str_exact(&plain).map_err(|_| {
        if point > 28 {
            NumberRefusal::TooLarge
        } else {
            NumberRefusal::TooManyDigits
        }
    })?;
    Ok(if negative { -d } else { d })
}

impl NumberRefusal {
    /// Why, in English and Chinese.
    pub fn reason(self, shown: &str) -> Msg {
        match self {
            NumberRefusal::TooManyDigits => cat::too_many_digits(shown),
            NumberRefusal::TooPrecise => cat::too_precise(shown),
            NumberRefusal::TooLarge => cat::too_large(shown),
        }
    }
}

/// At most this many characters of a bad value are quoted in an error.
pub const MAX_QUOTED_CHARS: usize = 100;

/// A value as quoted in an error: at most [`MAX_QUOTED_CHARS`] characters, then `…`.
pub fn quote(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A JSON value as quoted in an error (compact, at most [`MAX_QUOTED_CHARS`] characters).
fn quote_json(v: &Json) -> String {
    quote(&v.to_string())
}

/// Convert one JSON value for input `i`, checking kind, exactness and range.
pub(crate) fn input_value(p: &Program, i: InputId, v: &Json) -> Result<Val, Refusal> {
    let Some(inp) = p.inputs.get(i.index()) else {
        return Err(Refusal::new(
            codes::UNKNOWN_INPUT,
            cat::unknown_input(&i.index().to_string()),
        ));
    };
    if v.is_null() {
        return Ok(Val::Unknown);
    }
    scalar(p, &inp.ty, inp.min, inp.max, v)
}

fn scalar(
    p: &Program,
    ty: &Ty,
    min: Option<Decimal>,
    max: Option<Decimal>,
    v: &Json,
) -> Result<Val, Refusal> {
    let unit = if matches!(ty, Ty::Percent) { "%" } else { "" };
    let kind = |m: Msg| Refusal::new(codes::WRONG_KIND, m);
    let range = |x: Decimal| -> Result<Decimal, Refusal> {
        if let Some(m) = min.filter(|m| x < *m) {
            return Err(Refusal::new(
                codes::OUT_OF_RANGE,
                cat::below_min(&format!("{x}{unit}"), &format!("{m}{unit}")),
            ));
        }
        if let Some(m) = max.filter(|m| x > *m) {
            return Err(Refusal::new(
                codes::OUT_OF_RANGE,
                cat::above_max(&format!("{x}{unit}"), &format!("{m}{unit}")),
            ));
        }
        Ok(x)
    };
    // The value as quoted in a refusal (written out only when there is one).
    let shown = || quote_json(v);
    // A number, read exactly; `not_one` says what was expected when it is not a number at all.
    let number = |not_one: fn(&str) -> Msg| -> Result<Decimal, Refusal> {
        match v.as_number() {
            Some(n) => {
                exact_decimal(n).map_err(|r| Refusal::new(codes::NOT_EXACT, r.reason(&shown())))
            }
            None => Err(kind(not_one(&shown()))),
        }
    };
    match ty {
        Ty::Bool => v
            .as_bool()
            .map(Val::Bool)
            .ok_or_else(|| kind(cat::not_bool(&shown()))),
        Ty::Count => {
            let n = number(cat::not_whole_number)?;
            if n.fract() != Decimal::ZERO || n < Decimal::ZERO {
                return Err(kind(cat::count_not_whole(&n.to_string())));
            }
            Ok(Val::Num(range(n)?))
        }
        Ty::Percent => Ok(Val::Num(range(number(cat::not_percent)?)?)),
        Ty::Number(_) | Ty::Lit => Ok(Val::Num(range(number(cat::not_number)?)?)),
        Ty::Enum(syms) => {
            let Some(s) = v.as_str() else {
                return Err(kind(cat::enum_not_string(&names(p, syms))));
            };
            match p.sym_id(s) {
                Some(id) if syms.contains(&id) => Ok(Val::Sym(id)),
                _ => Err(kind(cat::enum_not_listed(&shown(), &names(p, syms)))),
            }
        }
        Ty::Date => {
            let Some(s) = v.as_str() else {
                return Err(kind(cat::date_string_required()));
            };
            yardstick_syntax::parse_date(s)
                .map(Val::Date)
                .ok_or_else(|| kind(cat::date_invalid(&shown())))
        }
        Ty::Series(n, elem) => {
            let Some(arr) = v.as_array() else {
                return Err(kind(cat::series_not_list(*n)));
            };
            if arr.len() != *n as usize {
                return Err(kind(cat::series_length(*n, arr.len())));
            }
            let mut out = Vec::with_capacity(arr.len());
            for x in arr {
                match scalar(p, elem, min, max, x)? {
                    Val::Num(d) => out.push(d),
                    _ => return Err(kind(cat::series_not_numbers())),
                }
            }
            Ok(Val::Series(out.into()))
        }
        Ty::Outcome | Ty::Error => Err(kind(cat::cannot_be_given())),
    }
}

fn names(p: &Program, syms: &[u32]) -> String {
    syms.iter()
        .map(|s| format!("\"{}\"", p.sym(*s)))
        .collect::<Vec<_>>()
        .join(", ")
}

// ── Results ──

/// A computed value as a result gives it.
pub(crate) fn value(p: &Program, v: &Val) -> api::Value {
    match v {
        Val::Infinite { negative } => api::Value::Infinite {
            negative: *negative,
        },
        Val::Num(n) => api::Value::Number(Number::computed(*n)),
        Val::Bool(b) => api::Value::Bool(*b),
        Val::Sym(s) => api::Value::Text(p.sym(*s).to_string()),
        Val::Date(d) => api::Value::Text(d.to_string()),
        Val::Series(s) => api::Value::Series(s.iter().map(|x| Number::computed(*x)).collect()),
        Val::Unknown | Val::NotApplicable => api::Value::Missing,
    }
}

/// A value as lossless JSON (for the inputs of `diff`'s witnesses).
pub(crate) fn val_json(p: &Program, v: &Val) -> Json {
    match value(p, v) {
        api::Value::Number(n) => Json::Number(n.to_string()),
        api::Value::Infinite { negative } => {
            Json::String(if negative { "-infinite" } else { "infinite" }.into())
        }
        api::Value::Bool(b) => Json::Bool(b),
        api::Value::Text(t) => Json::String(t),
        api::Value::Series(s) => {
            Json::Array(s.iter().map(|x| Json::Number(x.to_string())).collect())
        }
        api::Value::Missing => Json::Null,
    }
}

/// A value read from JSON for input `i` (`diff` reads given assessments against either standard);
/// the reason in English.
pub(crate) fn value_of(p: &Program, i: InputId, v: &Json) -> Result<Val, String> {
    input_value(p, i, v).map_err(|r| r.msg.en)
}

fn multiple(m: Option<Multiple>) -> Option<api::Value> {
    match m {
        Some(Multiple::Finite(x)) => {
            Some(api::Value::Number(Number::new(x.round_dp(6).normalize())))
        }
        Some(Multiple::Infinite) => Some(api::Value::Infinite { negative: false }),
        None => None,
    }
}

pub(crate) fn outcome(o: CoreOutcome) -> api::Outcome {
    match o {
        CoreOutcome::Pass => api::Outcome::Pass,
        CoreOutcome::Fail => api::Outcome::Fail,
        CoreOutcome::Unknown => api::Outcome::Unknown,
        CoreOutcome::NotApplicable => api::Outcome::NotApplicable,
    }
}

pub(crate) fn labels(l: &Labels) -> api::Labels {
    api::Labels {
        zh: l.zh.clone(),
        en: l.en.clone(),
    }
}

pub(crate) fn source(c: &Option<Cite>) -> Option<api::Source> {
    c.as_ref().map(|c| api::Source {
        source: c.source.clone(),
        tier: c.tier.map(|t| t.letter().to_string()),
        note: c.note.clone(),
        note_zh: c
            .note
            .as_deref()
            .and_then(yardstick_core::words::units::note_zh),
    })
}

pub(crate) fn span(std: &Standard, loc: yardstick_core::Loc) -> Option<api::Span> {
    std.line_col(loc).map(|(file, line, column)| api::Span {
        file: file.to_string(),
        line,
        column,
        start: loc.span.start,
        end: loc.span.end,
    })
}

/// The names a used standard's definition is reached through (`pests.fly` → `["pests"]`).
fn path_of(d: &yardstick_core::ir::Def) -> Vec<String> {
    if d.own {
        return Vec::new();
    }
    let mut parts: Vec<String> = d.id.split('.').map(str::to_string).collect();
    parts.pop();
    parts
}

/// An item's or ladder's outcome in the summary: a ladder fails at its last (`below`) level.
fn summary_outcome(
    e: &yardstick_core::eval::Evaluation,
    i: DefId,
    d: &yardstick_core::ir::Def,
) -> CoreOutcome {
    match &d.kind {
        DefKind::Levels(l) => match e.values.get(i.index()) {
            Some(Val::Sym(s)) if l.levels.last() == Some(s) => CoreOutcome::Fail,
            Some(Val::Sym(_)) => CoreOutcome::Pass,
            _ => CoreOutcome::Unknown,
        },
        _ => e.item_outcome(i),
    }
}

/// A map from pairs, inserted one by one (a later pair replaces an earlier one with its key), as
/// `collect()` builds it, but without `BTreeMap::from_iter`'s sort: one more copy of the standard
/// library's sort in the browser engine for each value type (see `yardstick_syntax::sort`).
fn keyed<V>(pairs: impl Iterator<Item = (String, V)>) -> std::collections::BTreeMap<String, V> {
    let mut m = std::collections::BTreeMap::new();
    for (k, v) in pairs {
        m.insert(k, v);
    }
    m
}

/// Evaluate a parsed assessment and build the typed result: a [`crate::Record`], then its result.
pub(crate) fn evaluate(
    std: &Standard,
    a: &Assessment,
    opts: &api::Options,
) -> Result<api::Evaluation, Error> {
    crate::Record::new(std, a)?.evaluation(opts)
}

/// The explanation of every definition (`e` holds every definition's value), in the order results
/// list them.
pub(crate) fn explained_items(
    std: &Standard,
    a: &Assessment,
    e: &yardstick_core::eval::Evaluation,
) -> Result<Vec<api::Item>, Error> {
    let nodes = explain::explain(std.program(), &a.values, e).map_err(|x| eval_failure(std, &x))?;
    Ok(nodes.iter().map(|n| node(std, n, &e.errors)).collect())
}

/// The typed result of evaluation `e` of `a` (with every definition's value when `opts` asks for
/// explanations or searches).
pub(crate) fn result(
    std: &Standard,
    a: &Assessment,
    opts: &api::Options,
    e: &yardstick_core::eval::Evaluation,
) -> Result<api::Evaluation, Error> {
    let p = std.program();
    let outputs = keyed(
        std.output_defs()
            .iter()
            .map(|i| (p.def(*i).id.clone(), value(p, &e.values[i.index()]))),
    );
    let ids = |v: &[DefId]| -> Vec<api::Id> { v.iter().map(|i| std.def_id(*i)).collect() };
    let items = if !opts.items {
        Vec::new()
    } else if opts.explain {
        explained_items(std, a, e)?
    } else {
        // Own first (in evaluation order), then those of used standards.
        let listed = |own: bool| {
            p.def_ids().zip(&p.defs).filter(move |(_, d)| {
                d.own == own && matches!(d.kind, DefKind::Item { .. } | DefKind::Levels(_))
            })
        };
        let mut used: Vec<(DefId, &yardstick_core::ir::Def)> = listed(false).collect();
        yardstick_syntax::sort::sort_by_key(&mut used, |(_, d)| (d.loc.file, d.loc.span.start));
        let mut items = Vec::with_capacity(listed(true).count() + used.len());
        items.extend(listed(true).chain(used).map(|(i, d)| api::Item {
            id: std.def_id(i),
            kind: if d.is_item() { "item" } else { "levels" }.into(),
            outcome: Some(outcome(summary_outcome(e, i, d))),
            path: path_of(d),
            explanation: None,
        }));
        items
    };
    let missing = p
        .inputs
        .iter()
        .zip(&a.values)
        .filter(|(_, v)| matches!(v, Val::Unknown))
        .map(|(i, _)| i.id.clone())
        .collect();
    let budget = std.search_budget().core();
    let mut notes = Vec::new();
    let (fixes, fixes_complete) = if opts.fixes {
        let found = yardstick_core::fix::fixes_with(std.search_plan(), p, &a.values, e, budget)
            .map_err(|x| eval_failure(std, &x))?;
        if !found.complete {
            let m = cat::fixes_incomplete(budget.steps);
            notes.push(api::Note {
                code: "fixes_incomplete".into(),
                en: m.en,
                zh: m.zh,
            });
        }
        (
            found.fixes.iter().map(|f| fix(p, f)).collect(),
            found.complete,
        )
    } else {
        (Vec::new(), true)
    };
    let partial = if opts.partial {
        yardstick_core::fix::partial_with(std.search_plan(), p, &a.values, e, budget)
            .map_err(|x| eval_failure(std, &x))?
    } else {
        None
    };
    if partial.as_ref().is_some_and(|pa| !pa.complete) {
        let m = cat::partial_incomplete(budget.steps);
        notes.push(api::Note {
            code: "partial_incomplete".into(),
            en: m.en,
            zh: m.zh,
        });
    }
    let partial = partial.map(|pa| api::Partial {
        best: outcome(pa.best),
        worst: outcome(pa.worst),
        complete: pa.complete,
        outputs: keyed(pa.ranges.iter().map(|(d, b, w)| {
            (
                p.defs[*d].id.clone(),
                api::Range {
                    best: b.map(|s| p.sym(s).to_string()),
                    worst: w.map(|s| p.sym(s).to_string()),
                },
            )
        })),
        ask_next: pa
            .ask_next
            .iter()
            .map(|i| p.inputs[*i].id.clone())
            .collect(),
    });
    let grade = std.grade_def().map(|i| (i, p.def(i)));
    let (grade, grade_labels) = match grade {
        Some((i, d)) => match (&e.values[i.index()], &d.kind) {
            (Val::Sym(s), DefKind::Grade { bands, .. }) => (
                Some(p.sym(*s).to_string()),
                bands
                    .iter()
                    .find(|b| b.sym == *s)
                    .map(|b| labels(&b.labels)),
            ),
            _ => (None, None),
        },
        None => (None, None),
    };
    Ok(api::Evaluation {
        contract: api::CONTRACT_VERSION,
        standard: std.shared_info(),
        as_of: a.as_of.map(|d| d.to_string()),
        outcome: outcome(e.outcome),
        grade,
        grade_labels,
        vetoed_by: ids(&e.vetoed_by),
        failing: ids(&e.failing),
        outputs,
        items,
        missing,
        partial,
        fixes,
        fixes_complete,
        notes,
        errors: definition_errors(std, &e.errors),
        errors_more: e.errors.len().saturating_sub(MAX_REPORTED_ERRORS),
    })
}

fn fix(p: &Program, f: &yardstick_core::fix::Fix) -> api::Fix {
    let inp = &p.inputs[f.input];
    let d = &p.defs[f.def];
    // With the unit, and an enum value by its Chinese label in Chinese.
    let pct = matches!(inp.ty, Ty::Percent);
    let from = explain::with_unit(p, &f.from, pct, Some(f.input));
    let to = explain::with_unit(p, &f.to, pct, Some(f.input));
    let (from, from_zh, to, to_zh) = (from.en, from.zh, to.en, to.zh);
    let (input_en, input_zh) = (inp.labels.en_or(&inp.id), inp.labels.zh_or(&inp.id));
    let (item_en, item_zh) = (d.labels.en_or(&d.id), d.labels.zh_or(&d.id));
    let m = if f.reaches == "pass" {
        cat::fix_passes(
            input_en, input_zh, &from, &from_zh, &to, &to_zh, item_en, item_zh,
        )
    } else {
        // A grade band by its label where it has one.
        let band = match &d.kind {
            DefKind::Grade { bands, .. } => bands.iter().find(|b| p.sym(b.sym) == f.reaches),
            _ => None,
        };
        let (band_en, band_zh) = match band {
            Some(b) => (b.labels.en_or(&f.reaches), b.labels.zh_or(&f.reaches)),
            None => (f.reaches.as_str(), f.reaches.as_str()),
        };
        cat::fix_reaches(
            input_en, input_zh, &from, &from_zh, &to, &to_zh, item_en, item_zh, band_en, band_zh,
        )
    };
    api::Fix {
        item: d.id.clone(),
        input: inp.id.clone(),
        from: value(p, &f.from),
        to: value(p, &f.to),
        reaches: f.reaches.clone(),
        zh: m.zh,
        en: m.en,
    }
}

pub(crate) fn node(
    std: &Standard,
    n: &explain::Node<'_>,
    errors: &[yardstick_core::eval::DefError],
) -> api::Item {
    let p = std.program();
    let checks = n
        .checks
        .iter()
        .map(|c| {
            let (zh, en) = c.sentences(p);
            api::Check {
                subject: c.subject(p).map(str::to_string),
                labels: c.labels(p).map(labels),
                value: value(p, &c.value),
                op: c.op.as_str().to_string(),
                threshold: value(p, &c.threshold),
                percent: c.percent,
                unit: c.unit(p).map(str::to_string),
                unit_labels: c.unit(p).map(unit_labels),
                holds: c.holds,
                margin: c.margin.map(|m| Number::computed(m.normalize())),
                multiple: multiple(c.multiple),
                level: c.level.map(|s| p.sym(s).to_string()),
                group: c.group.map(str::to_string),
                group_labels: c.group_labels.map(labels),
                source: source(&c.cite.cloned()),
                span: span(std, c.loc),
                zh,
                en,
            }
        })
        .collect();
    let contributions = n
        .contributions
        .iter()
        .map(|c| api::Contribution {
            name: c.name.to_string(),
            weight: c.weight.map(|w| Number::computed(w.normalize())),
            value: c.value.map(Number::computed),
            points: c.points.map(Number::computed),
        })
        .collect();
    let (mut zh, mut en) = n.sentences(p);
    // A definition that could not be computed says why, not that answers are missing.
    let error = errors.iter().find(|x| x.def == n.def).map(|x| {
        let why = eval_error_msg(&x.error);
        let m = cat::not_computed(
            n.d.labels.en_or(&n.d.id),
            n.d.labels.zh_or(&n.d.id),
            &why.en,
            &why.zh,
        );
        en = m.en;
        zh = m.zh;
        api::ItemError {
            code: x.error.code().to_string(),
            span: span(std, x.error.loc()),
        }
    });
    api::Item {
        id: std.def_id(n.def),
        kind: n.kind.into(),
        outcome: n.outcome.map(outcome),
        path: path_of(n.d),
        explanation: Some(Box::new(api::Explanation {
            error,
            veto: n.veto(),
            section: n.section().map(str::to_string),
            labels: labels(&n.d.labels),
            clause: n.d.clause.clone(),
            source: source(&n.d.cite),
            value: value(p, &n.value),
            value_text: explain::fmt_val(p, &n.value),
            value_text_zh: explain::zh_val(p, &n.value),
            value_labels: match (&n.d.kind, &n.value) {
                (DefKind::Grade { bands, .. }, Val::Sym(s)) => bands
                    .iter()
                    .find(|b| b.sym == *s)
                    .map(|b| labels(&b.labels)),
                _ => None,
            },
            multiple: multiple(n.multiple),
            multiple_text: n.multiple.map(fmt_multiple),
            checks,
            contributions,
            span: span(std, n.d.loc),
            zh,
            en,
        })),
    }
}

/// An evaluation error in both languages, with its code.
pub(crate) fn eval_error_msg(e: &yardstick_core::EvalError) -> Msg {
    use yardstick_core::EvalError as E;
    match e {
        E::DivisionByZero { def, .. } => cat::division_by_zero(def, e.code()),
        E::Overflow { def, .. } => cat::overflow(def, e.code()),
        E::Undefined { def, form, .. } => cat::no_value(def, form, e.code()),
    }
}

/// An evaluation error in words, with where it happened.
fn eval_error_at(std: &Standard, e: &yardstick_core::EvalError) -> Msg {
    let what = eval_error_msg(e);
    let loc = e.loc();
    match std
        .sources()
        .get(loc.file)
        .map(|s| crate::report::place(s, loc.span.start, loc.span.end))
    {
        Some(pl) => cat::at_place(&what.en, &what.zh, &pl.file, pl.line, pl.column),
        None => what,
    }
}

/// An evaluation that could not run at all.
pub(crate) fn eval_failure(std: &Standard, e: &yardstick_core::EvalError) -> Error {
    let m = eval_error_at(std, e);
    Error::Eval(crate::Failure {
        code: e.code().to_string(),
        en: m.en,
        zh: m.zh,
    })
}

/// The definitions that could not be computed: id, code, message in both languages, place.
fn definition_errors(
    std: &Standard,
    errors: &[yardstick_core::eval::DefError],
) -> Vec<api::DefinitionError> {
    let p = std.program();
    errors
        .iter()
        .take(MAX_REPORTED_ERRORS)
        .map(|x| {
            let m = eval_error_at(std, &x.error);
            api::DefinitionError {
                def: p
                    .defs
                    .get(x.def.index())
                    .map(|d| d.id.clone())
                    .unwrap_or_default(),
                code: x.error.code().to_string(),
                en: m.en,
                zh: eval_error_msg(&x.error).zh,
                span: span(std, x.error.loc()),
            }
        })
        .collect()
}

/// The inputs of a standard, grouped by section, with types, units, ranges, zh/en labels and help: enough
/// to build a form. Also the header (title, version, window, status, source, lineage).
pub(crate) fn form(std: &Standard) -> api::Form {
    let p = std.program();
    let h = &p.header;
    // Which own sections use which input (first use wins), for grouping the form.
    let mut section_of: Vec<Option<String>> = vec![None; p.inputs.len()];
    for d in &p.defs {
        let sec = match &d.kind {
            DefKind::Item { section, .. } => section.clone().or_else(|| Some(String::new())),
            _ => Some(String::new()),
        };
        let mut used = Vec::new();
        for ex in yardstick_core::lower::def_exprs(d) {
            yardstick_core::lower::walk(ex, &mut |x| {
                if let yardstick_core::ir::Ex::Input(i) = x {
                    used.push(*i)
                }
            });
        }
        for i in used {
            if let Some(slot) = section_of.get_mut(i.index()) {
                if slot.is_none() {
                    *slot = sec.clone();
                }
            }
        }
    }
    let requirements = requirements(std);
    let inputs = p
        .inputs
        .iter()
        .enumerate()
        .map(|(i, inp)| {
            let t = type_of(p, &inp.ty);
            let choices = t.values.as_ref().map(|vs| {
                vs.iter()
                    .enumerate()
                    .map(|(k, v)| api::Choice {
                        value: v.clone(),
                        labels: inp.choices.get(k).map(labels).unwrap_or_default(),
                    })
                    .collect()
            });
            api::FormInput {
                id: inp.id.clone(),
                kind: t.kind,
                unit_labels: t.unit.as_deref().map(unit_labels),
                unit: t.unit,
                values: t.values,
                choices,
                length: t.length,
                min: inp.min.map(Number::new),
                max: inp.max.map(Number::new),
                labels: labels(&inp.labels),
                help: labels(&inp.help),
                group: inp.group.clone(),
                group_labels: inp.group.as_ref().and_then(|g| {
                    p.groups
                        .iter()
                        .find(|(id, _)| id == g)
                        .map(|(_, l)| labels(l))
                }),
                section: section_of[i].clone().filter(|s| !s.is_empty()),
                source: source(&inp.cite),
                requirements: requirements.get(i).cloned().unwrap_or_default(),
            }
        })
        .collect();
    api::Form {
        id: h.id.clone(),
        version: h.version.clone(),
        title: labels(&h.title),
        effective: api::Effective {
            from: h.from.map(|d| d.to_string()),
            until: h.until.map(|d| d.to_string()),
            note: h.effective_note.clone(),
        },
        status: h.status.map(|s| s.as_str().to_string()),
        source: source(&h.source),
        lineage: p.lineage.clone(),
        hash: p.hash.clone(),
        sections: form_sections(&p.sections),
        used_sections: form_sections(&p.used_sections),
        inputs,
    }
}

fn form_sections(s: &[(String, Labels, bool)]) -> Vec<api::FormSection> {
    s.iter()
        .map(|(id, l, veto)| api::FormSection {
            id: id.clone(),
            labels: labels(l),
            veto: *veto,
        })
        .collect()
}

/// A unit in both languages: the Chinese form from the catalogue's table (`%` for percent), `None`
/// when the table lacks it; the English as written.
pub(crate) fn unit_labels(u: &str) -> api::Labels {
    let zh = if u == "%" {
        Some("%")
    } else {
        yardstick_core::words::units::unit_zh(u)
    };
    api::Labels {
        zh: zh.map(str::to_string),
        en: Some(u.to_string()),
    }
}

/// For every input (by index), the comparisons of items and ladder rows that read it directly against
/// a constant, at most [`api::MAX_REQUIREMENTS_PER_INPUT`] each, in definition order.
fn requirements(std: &Standard) -> Vec<Vec<api::Requirement>> {
    use yardstick_core::ir::Ex;
    let p = std.program();
    let mut out: Vec<Vec<api::Requirement>> = vec![Vec::new(); p.inputs.len()];
    let mut add = |i: InputId,
                   d: &yardstick_core::ir::Def,
                   op: yardstick_syntax::ast::CmpOp,
                   t: &Val,
                   percent: bool,
                   level: Option<&str>,
                   cite: &Option<Cite>| {
        let Some(list) = out.get_mut(i.index()) else {
            return;
        };
        if list.len() >= api::MAX_REQUIREMENTS_PER_INPUT {
            return;
        }
        let unit = match &p.inputs[i].ty {
            Ty::Number(Some(u)) => Some(u.to_string()),
            _ => None,
        };
        let limit = explain::with_unit(p, t, percent, Some(i));
        let sign = explain::op_sign(op);
        let text = yardstick_core::words::Msg {
            en: format!("{sign} {}", limit.en),
            zh: format!("{sign} {}", limit.zh),
        };
        let text = match level {
            Some(lv) => yardstick_core::words::check_at_level(&text.en, &text.zh, lv),
            None => text,
        };
        list.push(api::Requirement {
            item: d.id.clone(),
            item_labels: labels(&d.labels),
            clause: d.clause.clone(),
            op: op.as_str().to_string(),
            threshold: value(p, t),
            percent,
            unit_labels: unit.as_deref().map(unit_labels),
            unit,
            level: level.map(str::to_string),
            source: source(cite).or_else(|| source(&d.cite)),
            zh: text.zh,
            en: text.en,
        });
    };
    for d in &p.defs {
        match &d.kind {
            DefKind::Item { body, .. } => {
                let mut cmps = Vec::new();
                required_cmps(body, &mut cmps);
                for c in cmps {
                    if let (Ex::Input(i), Ex::Const(t)) = (&c.lhs, &c.rhs) {
                        add(*i, d, c.op, t, c.percent, None, &c.cite);
                    }
                }
            }
            DefKind::Levels(l) => {
                for r in &l.rows {
                    let Ex::Input(i) = &r.subject else {
                        continue;
                    };
                    for (k, t) in r.thresholds.iter().enumerate() {
                        if let Ex::Const(t) = t {
                            let op = r.ops.get(k).copied().unwrap_or(r.op);
                            let level = l.levels.get(k).map(|s| p.sym(*s));
                            add(*i, d, op, t, r.percent, level, &r.cite);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The comparisons an item's body asks to hold: through `and`, `or`, `all_of`, `any_of`, `at_least`
/// and the branches of `if`, not under `not` or `none_of` (which ask the opposite) nor in an `if`'s
/// condition.
fn required_cmps<'e>(e: &'e yardstick_core::ir::Ex, out: &mut Vec<&'e yardstick_core::ir::Cmp>) {
    use yardstick_core::ir::Ex;
    match e {
        Ex::Cmp(c) => out.push(c),
        Ex::And(xs) | Ex::Or(xs) | Ex::AllOf(xs) | Ex::AnyOf(xs) | Ex::AtLeast { list: xs, .. } => {
            xs.iter().for_each(|x| required_cmps(x, out))
        }
        Ex::If(i) => {
            required_cmps(&i.then, out);
            required_cmps(&i.otherwise, out);
        }
        _ => {}
    }
}

struct TypeOf {
    kind: String,
    unit: Option<String>,
    values: Option<Vec<String>>,
    length: Option<u32>,
}

fn type_of(p: &Program, t: &Ty) -> TypeOf {
    let plain = |k: &str, unit: Option<String>| TypeOf {
        kind: k.into(),
        unit,
        values: None,
        length: None,
    };
    match t {
        Ty::Bool => plain("bool", None),
        Ty::Count => plain("count", None),
        Ty::Percent => plain("percent", Some("%".into())),
        Ty::Number(u) => plain("number", u.as_ref().map(|u| u.to_string())),
        Ty::Lit => plain("number", None),
        Ty::Enum(syms) => TypeOf {
            values: Some(syms.iter().map(|s| p.sym(*s).to_string()).collect()),
            ..plain("enum", None)
        },
        Ty::Date => plain("date", None),
        Ty::Series(n, e) => {
            let inner = type_of(p, e);
            TypeOf {
                kind: format!("series of {}", inner.kind),
                unit: inner.unit,
                values: None,
                length: Some(*n),
            }
        }
        Ty::Outcome | Ty::Error => plain("value", None),
    }
}
