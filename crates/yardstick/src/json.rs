//! The JSON contract (`docs/json.md`), shared by the CLI and the WASM build: assessments in, results out.
//!
//! Numbers are exact: they are read from the JSON text as decimals and written back as decimal JSON
//! numbers (serde_json's `arbitrary_precision`), never through floating point.

use crate::{Error, Standard};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::str::FromStr;
use yardstick_core::eval::{evaluate as core_eval, Multiple, Outcome};
use yardstick_core::explain::{self, fmt_multiple};
use yardstick_core::ir::{Cite, DefKind, Labels, Program, Ty, Val};
use yardstick_syntax::ast::Date;

/// Why one input of an assessment was rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub input: String,
    pub reason: String,
    /// The reason in Chinese, where the message has been translated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_zh: Option<String>,
    /// A stable code where the problem has one (`Y0701`: the answers break a `require` rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl InputError {
    /// An error about `input` (an input id, a field, or empty for the whole assessment).
    pub fn new(input: impl Into<String>, reason: Reason) -> InputError {
        InputError {
            input: quote(&input.into()),
            reason: reason.en,
            reason_zh: Some(reason.zh),
            code: None,
        }
    }
    /// An error with an English reason only.
    pub fn en(input: impl Into<String>, reason: impl Into<String>) -> InputError {
        InputError {
            input: quote(&input.into()),
            reason: reason.into(),
            reason_zh: None,
            code: None,
        }
    }
}

/// The problems in one line: the first, and how many more.
pub fn summary(errors: &[InputError]) -> String {
    let first = match errors.first() {
        Some(e) if e.input.is_empty() => e.reason.clone(),
        Some(e) => format!("`{}`: {}", e.input, e.reason),
        None => return "no reason given".into(),
    };
    match errors.len() {
        1 => first,
        n => format!("{first} (and {} more)", n - 1),
    }
}

/// Most problems one assessment reports; the rest are counted in a last line.
pub const MAX_REPORTED_ERRORS: usize = 50;

/// Keep the first [`MAX_REPORTED_ERRORS`] problems and say how many more there were.
pub fn cap_errors(mut errors: Vec<InputError>) -> Vec<InputError> {
    if errors.len() > MAX_REPORTED_ERRORS {
        let more = errors.len() - MAX_REPORTED_ERRORS;
        errors.truncate(MAX_REPORTED_ERRORS);
        errors.push(InputError::new(
            "",
            Reason::new(
                format!("… and {more} more problems"),
                format!("……另有 {more} 个问题"),
            ),
        ));
    }
    errors
}

/// A parsed assessment: input values by slot ([`Val::Unknown`] when missing).
#[derive(Clone, Debug)]
pub struct Assessment {
    pub standard: String,
    pub version: Option<String>,
    pub as_of: Option<Date>,
    pub values: Vec<Val>,
}

/// Read JSON text: a leading byte-order mark is skipped (as in a `.yard` file).
pub fn read_json(text: &str) -> Result<Value, Error> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        Error::Assessment(vec![InputError::new(
            "",
            Reason::new(
                format!("not valid JSON: {e}"),
                format!("不是有效的 JSON：{e}"),
            ),
        )])
    })
}

fn not_an_object() -> Error {
    Error::Assessment(vec![InputError::new(
        "",
        Reason::new(
            "an assessment is a JSON object".into(),
            "评估数据应为一个 JSON 对象".into(),
        ),
    )])
}

/// The header of an assessment (which standard, which version, which day), read before compiling.
pub fn assessment_header(text: &str) -> Result<(String, Option<String>, Option<Date>), Error> {
    header_of(&read_json(text)?)
}

fn header_of(v: &Value) -> Result<(String, Option<String>, Option<Date>), Error> {
    let obj = v.as_object().ok_or_else(not_an_object)?;
    let standard = obj
        .get("standard")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let version = obj
        .get("version")
        .and_then(Value::as_str)
        .map(str::to_string);
    let as_of = match obj.get("as_of") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(yardstick_syntax::parse_date(s).ok_or_else(|| {
            let s = quote(s);
            Error::Assessment(vec![InputError::new(
                "as_of",
                Reason::new(
                    format!("`{s}` is not a date (YYYY-MM-DD)"),
                    format!("`{s}` 不是日期（YYYY-MM-DD）"),
                ),
            )])
        })?),
        Some(_) => {
            return Err(Error::Assessment(vec![InputError::new(
                "as_of",
                Reason::new(
                    "must be a date string YYYY-MM-DD".into(),
                    "应为日期字符串 YYYY-MM-DD".into(),
                ),
            )]))
        }
    };
    Ok((standard, version, as_of))
}

/// Parse an assessment for `std`: `{"standard", "version"?, "as_of"?, "inputs": {...}}`, or a bare object
/// of inputs. Every bad input is reported (the first [`MAX_REPORTED_ERRORS`], then how many more), none
/// silently dropped, clamped or rounded.
pub fn parse_assessment(std: &Standard, text: &str) -> Result<Assessment, Error> {
    assessment_from_value(std, &read_json(text)?)
}

/// As [`parse_assessment`], from an already parsed JSON value.
pub fn assessment_from_value(std: &Standard, v: &Value) -> Result<Assessment, Error> {
    let obj = v.as_object().ok_or_else(not_an_object)?;
    let (standard, version, as_of) = if obj.contains_key("inputs") {
        header_of(v)?
    } else {
        (std.id().to_string(), None, None)
    };
    let inputs = match obj.get("inputs") {
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(Error::Assessment(vec![InputError::new(
                "inputs",
                Reason::new(
                    "must be an object of input ids to values".into(),
                    "应为“输入项 id → 值”的对象".into(),
                ),
            )]))
        }
        None => obj,
    };
    let mut errors = Vec::new();
    if obj.contains_key("inputs") {
        for k in obj.keys() {
            if !matches!(
                k.as_str(),
                "standard" | "version" | "as_of" | "inputs" | "name" | "note"
            ) {
                errors.push(InputError::new(
                    k.as_str(),
                    Reason::new(
                        "not a field of an assessment (expected standard, version, as_of, inputs, and optionally name and note)".into(),
                        "不是评估数据的字段（应为 standard、version、as_of、inputs，可选 name 和 note）".into(),
                    ),
                ));
            }
        }
        if let Some(x) = obj.get("standard").filter(|x| !x.is_string()) {
            let x = quote_json(x);
            errors.push(InputError::new(
                "standard",
                Reason::new(
                    format!("must be the standard's id as a string, not {x}"),
                    format!("应为标准 id 字符串，而不是 {x}"),
                ),
            ));
        }
        if let Some(v) = &version {
            if v != std.version() {
                let v = quote(v);
                errors.push(InputError::new(
                    "version",
                    Reason::new(
                        format!(
                            "the assessment is for version \"{v}\", but the standard given is version \"{}\"",
                            std.version()
                        ),
                        format!(
                            "评估数据针对版本 \"{v}\"，但给出的标准是版本 \"{}\"",
                            std.version()
                        ),
                    ),
                ));
            }
        }
    }
    if !standard.is_empty() && standard != std.id() {
        let s = quote(&standard);
        errors.push(InputError::new(
            "standard",
            Reason::new(
                format!(
                    "the assessment is for `{s}`, but the standard given is `{}`",
                    std.id()
                ),
                format!("评估数据针对 `{s}`，但给出的标准是 `{}`", std.id()),
            ),
        ));
    }
    let values = values_from_map(std.program(), inputs, &mut errors);
    if errors.is_empty() {
        errors.extend(broken_requires(std, &values));
    }
    if errors.is_empty() {
        Ok(Assessment {
            standard,
            version,
            as_of,
            values,
        })
    } else {
        Err(Error::Assessment(cap_errors(errors)))
    }
}

/// The `require` rules the answers break, as problems of the assessment (code Y0701), naming the inputs
/// each rule reads and their values.
pub fn broken_requires(std: &Standard, values: &[Val]) -> Vec<InputError> {
    let p = std.program();
    yardstick_core::eval::broken_requires(p, values)
        .into_iter()
        .filter_map(|k| p.requires.get(k))
        .map(|r| {
            let mut read: Vec<usize> = Vec::new();
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
                    let inp = p.inputs.get(i)?;
                    Some(format!(
                        "{} = {}",
                        inp.id,
                        explain::fmt_val(p, values.get(i)?)
                    ))
                })
                .collect();
            let (en, zh) = (r.labels.en_or(&r.id), r.labels.zh_or(&r.id));
            let mut e = InputError::new(
                r.id.as_str(),
                Reason::new(
                    format!("the answers are inconsistent: {en} ({})", given.join(", ")),
                    format!("填写的数据相互矛盾：{zh}（{}）", given.join("，")),
                ),
            );
            e.code = Some("Y0701");
            e
        })
        .collect()
}

/// Read input values from a JSON object of `id → value`, appending every problem to `errors`.
pub fn values_from_map(
    p: &Program,
    inputs: &Map<String, Value>,
    errors: &mut Vec<InputError>,
) -> Vec<Val> {
    let mut values = vec![Val::Unknown; p.inputs.len()];
    // The did-you-mean search compares against names at most this long; a key far longer than every
    // input id is no typo of one (and comparing it would cost its length times every id).
    let longest = p.inputs.iter().map(|x| x.id.len()).max().unwrap_or(0);
    for (k, v) in inputs {
        let Some(i) = p.input_index(k) else {
            let near = if k.len() <= longest + 3 {
                p.inputs
                    .iter()
                    .map(|x| (yardstick_core::lower::edit_distance(&x.id, k), &x.id))
                    .min()
            } else {
                None
            };
            let shown = quote(k);
            let (hint_en, hint_zh) = match near {
                Some((d, id)) if d <= 3 => (
                    format!("; did you mean `{id}`?"),
                    format!("；是不是 `{id}`？"),
                ),
                _ => (String::new(), String::new()),
            };
            errors.push(InputError::new(
                k.as_str(),
                Reason::new(
                    format!("the standard has no input `{shown}`{hint_en}"),
                    format!("标准中没有输入项 `{shown}`{hint_zh}"),
                ),
            ));
            continue;
        };
        match input_value(p, i, v) {
            Ok(val) => values[i] = val,
            Err(reason) => errors.push(InputError::new(k.as_str(), reason)),
        }
    }
    values
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
    pub fn reason(self, shown: &str) -> Reason {
        match self {
            NumberRefusal::TooManyDigits => Reason::new(
                format!("{shown} has more than 28 significant digits and cannot be held exactly; give it with fewer digits"),
                format!("{shown} 的有效数字超过 28 位，无法精确保存；请减少位数"),
            ),
            NumberRefusal::TooPrecise => Reason::new(
                format!("{shown} has more than 28 digits after the decimal point and cannot be held exactly"),
                format!("{shown} 的小数位超过 28 位，无法精确保存"),
            ),
            NumberRefusal::TooLarge => Reason::new(
                format!("{shown} is too large to hold exactly (the largest is about 7.9 × 10^28)"),
                format!("{shown} 太大，无法精确保存（最大约为 7.9 × 10^28）"),
            ),
        }
    }
}

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub en: String,
    pub zh: String,
}

impl Reason {
    pub fn new(en: String, zh: String) -> Reason {
        Reason { en, zh }
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
fn quote_json(v: &Value) -> String {
    quote(&v.to_string())
}

fn decimal(n: &serde_json::Number) -> Result<Decimal, NumberRefusal> {
    exact_decimal(&n.to_string())
}

/// Convert one JSON value for input `i`, checking kind and range (the reason in English; see
/// [`input_value`] for both languages).
pub fn value_of(p: &Program, i: usize, v: &Value) -> Result<Val, String> {
    input_value(p, i, v).map_err(|r| r.en)
}

/// Convert one JSON value for input `i`, checking kind, exactness and range.
pub fn input_value(p: &Program, i: usize, v: &Value) -> Result<Val, Reason> {
    let Some(inp) = p.inputs.get(i) else {
        return Err(Reason::new("no such input".into(), "没有这个输入项".into()));
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
    v: &Value,
) -> Result<Val, Reason> {
    let unit = if matches!(ty, Ty::Percent) { "%" } else { "" };
    let range = |x: Decimal| -> Result<Decimal, Reason> {
        if let Some(m) = min {
            if x < m {
                return Err(Reason::new(
                    format!("{x}{unit} is below the smallest allowed value {m}{unit}"),
                    format!("{x}{unit} 小于允许的最小值 {m}{unit}"),
                ));
            }
        }
        if let Some(m) = max {
            if x > m {
                return Err(Reason::new(
                    format!("{x}{unit} is above the largest allowed value {m}{unit}"),
                    format!("{x}{unit} 大于允许的最大值 {m}{unit}"),
                ));
            }
        }
        Ok(x)
    };
    let shown = quote_json(v);
    // A number, read exactly; `kind` names what was expected when it is not a number at all.
    let number = |kind_en: &str, kind_zh: &str| -> Result<Decimal, Reason> {
        match v.as_number() {
            Some(n) => decimal(n).map_err(|r| r.reason(&shown)),
            None => Err(Reason::new(
                format!("must be {kind_en}, not {shown}"),
                format!("应为{kind_zh}，而不是 {shown}"),
            )),
        }
    };
    match ty {
        Ty::Bool => v.as_bool().map(Val::Bool).ok_or_else(|| {
            Reason::new(
                format!("must be true or false, not {shown}"),
                format!("应为 true（是）或 false（否），而不是 {shown}"),
            )
        }),
        Ty::Count => {
            let n = number("a whole number", "整数")?;
            if n.fract() != Decimal::ZERO || n < Decimal::ZERO {
                return Err(Reason::new(
                    format!("must be a whole number of 0 or more, not {n}"),
                    format!("应为 0 或更大的整数，而不是 {n}"),
                ));
            }
            Ok(Val::Num(range(n)?))
        }
        Ty::Percent => {
            let n = number(
                "a number of percent (90.5 means 90.5%)",
                "百分数的数值（90.5 表示 90.5%）",
            )?;
            Ok(Val::Num(range(n)?))
        }
        Ty::Number(_) | Ty::Lit => {
            let n = number("a number", "数值")?;
            Ok(Val::Num(range(n)?))
        }
        Ty::Enum(syms) => {
            let Some(s) = v.as_str() else {
                return Err(Reason::new(
                    format!("must be one of {}", names(p, syms)),
                    format!("应为以下之一：{}", names(p, syms)),
                ));
            };
            match p.sym_id(s) {
                Some(id) if syms.contains(&id) => Ok(Val::Sym(id)),
                _ => Err(Reason::new(
                    format!("{shown} is not one of {}", names(p, syms)),
                    format!("{shown} 不是以下之一：{}", names(p, syms)),
                )),
            }
        }
        Ty::Date => {
            let Some(s) = v.as_str() else {
                return Err(Reason::new(
                    "must be a date string YYYY-MM-DD".into(),
                    "应为日期字符串 YYYY-MM-DD".into(),
                ));
            };
            yardstick_syntax::parse_date(s)
                .map(Val::Date)
                .ok_or_else(|| {
                    Reason::new(
                        format!("{shown} is not a date (YYYY-MM-DD)"),
                        format!("{shown} 不是日期（YYYY-MM-DD）"),
                    )
                })
        }
        Ty::Series(n, elem) => {
            let Some(arr) = v.as_array() else {
                return Err(Reason::new(
                    format!("must be a list of {n} values, oldest first"),
                    format!("应为 {n} 个值的列表，从最早的开始"),
                ));
            };
            if arr.len() != *n as usize {
                return Err(Reason::new(
                    format!("must have {n} values, oldest first, not {}", arr.len()),
                    format!("应有 {n} 个值（从最早的开始），而不是 {} 个", arr.len()),
                ));
            }
            let mut out = Vec::with_capacity(arr.len());
            for x in arr {
                match scalar(p, elem, min, max, x)? {
                    Val::Num(d) => out.push(d),
                    _ => {
                        return Err(Reason::new(
                            "series values must be numbers".into(),
                            "序列中的值必须是数值".into(),
                        ))
                    }
                }
            }
            Ok(Val::Series(out.into()))
        }
        Ty::Outcome | Ty::Error => {
            Err(Reason::new("cannot be given".into(), "不能直接给出".into()))
        }
    }
}

fn names(p: &Program, syms: &[u32]) -> String {
    syms.iter()
        .map(|s| format!("\"{}\"", p.sym(*s)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A decimal as an exact JSON number.
pub fn num(d: Decimal) -> Value {
    let s = if d.scale() > 10 {
        d.round_dp(10).normalize().to_string()
    } else {
        d.to_string()
    };
    serde_json::Number::from_str(&s)
        .map(Value::Number)
        .unwrap_or(Value::String(s))
}

/// A value as JSON: numbers exact, bools, names as strings, missing as null.
pub fn val_json(p: &Program, v: &Val) -> Value {
    match v {
        Val::Infinite { negative: false } => Value::String("infinite".into()),
        Val::Infinite { negative: true } => Value::String("-infinite".into()),
        Val::Num(n) => num(*n),
        Val::Bool(b) => Value::Bool(*b),
        Val::Sym(s) => Value::String(p.sym(*s).to_string()),
        Val::Date(d) => Value::String(d.to_string()),
        Val::Series(s) => Value::Array(s.iter().map(|x| num(*x)).collect()),
        Val::Unknown | Val::NotApplicable => Value::Null,
    }
}

fn multiple_json(m: Option<Multiple>) -> Value {
    match m {
        Some(Multiple::Finite(x)) => num(x.round_dp(6).normalize()),
        Some(Multiple::Infinite) => Value::String("infinite".into()),
        None => Value::Null,
    }
}

fn labels_json(l: &Labels) -> Value {
    json!({"zh": l.zh, "en": l.en})
}

fn cite_json(c: &Option<Cite>) -> Value {
    match c {
        Some(c) => json!({"source": c.source, "tier": c.tier.map(|t| t.letter()), "note": c.note}),
        None => Value::Null,
    }
}

fn span_json(std: &Standard, loc: yardstick_core::Loc) -> Value {
    match std.line_col(loc) {
        Some((file, line, column)) => {
            json!({"file": file, "line": line, "column": column, "start": loc.span.start, "end": loc.span.end})
        }
        None => Value::Null,
    }
}

/// Evaluate a parsed assessment and build the result JSON.
pub fn evaluate(std: &Standard, a: &Assessment, explain: bool) -> Result<Value, Error> {
    let p = std.program();
    let e = core_eval(p, &a.values).map_err(|e| Error::Eval(eval_error_text(std, &e)))?;
    let mut outputs = Map::new();
    for (i, d) in p.defs.iter().enumerate() {
        if d.output {
            outputs.insert(d.id.clone(), val_json(p, &e.values[i]));
        }
    }
    let ids = |v: &[usize]| -> Vec<Value> {
        v.iter()
            .map(|i| Value::String(p.defs[*i].id.clone()))
            .collect()
    };
    let mut summary_order: Vec<usize> = (0..p.defs.len()).collect();
    summary_order.sort_by_key(|&i| (p.defs[i].loc.file, p.defs[i].loc.span.start));
    let items: Vec<Value> = if explain {
        let nodes = explain::explain(p, &a.values, &e)
            .map_err(|x| Error::Eval(eval_error_text(std, &x)))?;
        nodes.iter().map(|n| node_json(std, n, &e.errors)).collect()
    } else {
        summary_order
            .iter()
            .map(|&i| (i, &p.defs[i]))
            .filter(|(_, d)| d.own && matches!(d.kind, DefKind::Item { .. } | DefKind::Levels(_)))
            .map(|(i, d)| {
                let o = match &d.kind {
                    DefKind::Levels(l) => match &e.values[i] {
                        Val::Sym(s) if l.levels.last() == Some(s) => Outcome::Fail,
                        Val::Sym(_) => Outcome::Pass,
                        _ => Outcome::Unknown,
                    },
                    _ => e.item_outcome(i),
                };
                json!({"id": d.id, "outcome": o.as_str()})
            })
            .collect()
    };
    let missing: Vec<Value> = p
        .inputs
        .iter()
        .zip(&a.values)
        .filter(|(_, v)| **v == Val::Unknown)
        .map(|(i, _)| Value::String(i.id.clone()))
        .collect();
    let budget = std.search_budget().core();
    let found = yardstick_core::fix::fixes(p, &a.values, &e, budget)
        .map_err(|x| Error::Eval(eval_error_text(std, &x)))?;
    let mut notes: Vec<Value> = Vec::new();
    if !found.complete {
        notes.push(json!({
            "code": "fixes_incomplete",
            "en": format!("the search for fixes stopped at its budget of {} steps: some failing items or grades may have a fix not listed", budget.steps),
            "zh": format!("整改建议的搜索达到 {} 步的上限后停止：部分不合格项或等级可能还有未列出的整改办法", budget.steps),
        }));
    }
    let fixes = found.fixes;
    let fixes_json: Vec<Value> = fixes
        .iter()
        .map(|f| {
            let inp = &p.inputs[f.input];
            let d = &p.defs[f.def];
            let pct = if matches!(inp.ty, Ty::Percent) { "%" } else { "" };
            let (from, to) = (explain::fmt_val(p, &f.from), explain::fmt_val(p, &f.to));
            let (from_zh, to_zh) = (explain::zh_val(p, &f.from), explain::zh_val(p, &f.to));
            // A grade band by its label where it has one.
            let band = |zh: bool| -> String {
                if let DefKind::Grade { bands, .. } = &d.kind {
                    if let Some(b) = bands.iter().find(|b| p.sym(b.sym) == f.reaches) {
                        return if zh { b.labels.zh_or(&f.reaches).to_string() } else { b.labels.en_or(&f.reaches).to_string() };
                    }
                }
                f.reaches.clone()
            };
            let target_zh = if f.reaches == "pass" { format!("{} 即可通过", d.labels.zh_or(&d.id)) } else { format!("{} 即可达到 {}", d.labels.zh_or(&d.id), band(true)) };
            let target_en = if f.reaches == "pass" { format!("{} passes", d.labels.en_or(&d.id)) } else { format!("{} reaches {}", d.labels.en_or(&d.id), band(false)) };
            json!({
                "item": d.id,
                "input": inp.id,
                "from": val_json(p, &f.from),
                "to": val_json(p, &f.to),
                "reaches": f.reaches,
                "zh": format!("将 {} 从 {from_zh}{pct} 改为 {to_zh}{pct}，{target_zh}", inp.labels.zh_or(&inp.id)),
                "en": format!("change {} from {from}{pct} to {to}{pct} and {target_en}", inp.labels.en_or(&inp.id)),
            })
        })
        .collect();
    let partial = yardstick_core::fix::partial(p, &a.values, &e, budget)
        .map_err(|x| Error::Eval(eval_error_text(std, &x)))?;
    if partial.as_ref().is_some_and(|pa| !pa.complete) {
        notes.push(json!({
            "code": "partial_incomplete",
            "en": format!("the search for the best and worst results stopped at its budget of {} steps: they are reachable, but better or worse may be too", budget.steps),
            "zh": format!("最好与最差结果的搜索达到 {} 步的上限后停止：所列结果可以达到，但可能还有更好或更差的结果", budget.steps),
        }));
    }
    let partial_json = match partial {
        None => Value::Null,
        Some(pa) => {
            let mut ranges = Map::new();
            for (d, b, w) in &pa.ranges {
                ranges.insert(p.defs[*d].id.clone(), json!({"best": b.map(|s| p.sym(s).to_string()), "worst": w.map(|s| p.sym(s).to_string())}));
            }
            json!({
                "best": pa.best.as_str(),
                "worst": pa.worst.as_str(),
                "complete": pa.complete,
                "outputs": ranges,
                "ask_next": pa.ask_next.iter().map(|i| p.inputs[*i].id.clone()).collect::<Vec<_>>(),
            })
        }
    };
    let grade = p
        .defs
        .iter()
        .enumerate()
        .find(|(_, d)| d.own && matches!(d.kind, DefKind::Grade { .. }))
        .map(|(i, _)| val_json(p, &e.values[i]));
    Ok(json!({
        "standard": {"id": p.header.id, "version": p.header.version, "hash": p.hash, "lineage": p.lineage},
        "as_of": a.as_of.map(|d| d.to_string()),
        "outcome": e.outcome.as_str(),
        "grade": grade,
        "vetoed_by": ids(&e.vetoed_by),
        "failing": ids(&e.failing),
        "outputs": outputs,
        "items": items,
        "missing": missing,
        "partial": partial_json,
        "fixes": fixes_json,
        "fixes_complete": found.complete,
        "notes": notes,
        "errors": errors_json(std, &e.errors),
        "errors_more": e.errors.len().saturating_sub(MAX_REPORTED_ERRORS),
    }))
}

fn node_json(
    std: &Standard,
    n: &explain::Node<'_>,
    errors: &[yardstick_core::eval::DefError],
) -> Value {
    let p = std.program();
    let checks: Vec<Value> = n
        .checks
        .iter()
        .map(|c| {
            let (zh, en) = c.sentences(p);
            json!({
                "subject": c.subject(p),
                "labels": c.labels(p).map(labels_json).unwrap_or(Value::Null),
                "value": val_json(p, &c.value),
                "op": c.op.as_str(),
                "threshold": val_json(p, &c.threshold),
                "percent": c.percent,
                "unit": c.unit(p),
                "holds": c.holds,
                "margin": c.margin.map(|m| num(m.normalize())),
                "multiple": multiple_json(c.multiple),
                "level": c.level.map(|s| p.sym(s)),
                "group": c.group,
                "source": cite_json(&c.cite.cloned()),
                "span": span_json(std, c.loc),
                "zh": zh,
                "en": en,
            })
        })
        .collect();
    let contributions: Vec<Value> = n
        .contributions
        .iter()
        .map(|c| json!({"name": c.name, "weight": c.weight.map(|w| num(w.normalize())), "value": c.value.map(num), "points": c.points.map(num)}))
        .collect();
    let (mut zh, mut en) = n.sentences(p);
    // A definition that could not be computed says why, not that answers are missing.
    let error = errors.iter().find(|x| x.def == n.def).map(|x| {
        let label_en = n.d.labels.en_or(&n.d.id).to_string();
        let label_zh = n.d.labels.zh_or(&n.d.id).to_string();
        en = format!("{label_en} could not be computed: {}", x.error);
        zh = format!("{label_zh} 无法计算：{}", eval_error_zh(&x.error));
        json!({"code": x.error.code(), "span": span_json(std, x.error.loc())})
    });
    json!({
        "id": n.d.id,
        "error": error,
        "kind": n.kind,
        "outcome": n.outcome.map(|o| o.as_str()),
        "veto": n.veto(),
        "section": n.section(),
        "labels": labels_json(&n.d.labels),
        "clause": n.d.clause,
        "source": cite_json(&n.d.cite),
        "value": val_json(p, &n.value),
        "multiple": multiple_json(n.multiple),
        "multiple_text": n.multiple.map(fmt_multiple),
        "checks": checks,
        "contributions": contributions,
        "span": span_json(std, n.d.loc),
        "zh": zh,
        "en": en,
    })
}

/// An evaluation error in Chinese, with its code.
pub fn eval_error_zh(e: &yardstick_core::EvalError) -> String {
    use yardstick_core::EvalError as E;
    let what = match e {
        E::DivisionByZero { def, .. } => format!("`{def}` 中出现除以零"),
        E::Overflow { def, .. } => format!("`{def}` 中的数值过大，无法精确保存"),
        E::Undefined { def, form, .. } => format!("`{def}` 中的 `{form}` 没有确定的值"),
    };
    format!("{what} [{}]", e.code())
}

/// The definitions that could not be computed, for results: id, code, message in both languages, place.
fn errors_json(std: &Standard, errors: &[yardstick_core::eval::DefError]) -> Vec<Value> {
    let p = std.program();
    errors
        .iter()
        .take(MAX_REPORTED_ERRORS)
        .map(|x| {
            json!({
                "def": p.defs.get(x.def).map(|d| d.id.as_str()).unwrap_or_default(),
                "code": x.error.code(),
                "en": eval_error_text(std, &x.error),
                "zh": eval_error_zh(&x.error),
                "span": span_json(std, x.error.loc()),
            })
        })
        .collect()
}

/// An evaluation error in words, with where it happened.
pub fn eval_error_text(std: &Standard, e: &yardstick_core::EvalError) -> String {
    let loc = e.loc();
    let at = std
        .sources()
        .get(loc.file)
        .map(|s| crate::report::place(s, loc.span.start, loc.span.end));
    match at {
        Some(pl) => format!(
            "{} [{}] at {}:{}:{}",
            e,
            e.code(),
            pl.file,
            pl.line,
            pl.column
        ),
        None => format!("{} [{}]", e, e.code()),
    }
}

/// The inputs of a standard, grouped by section, with types, units, ranges, zh/en labels and help: enough
/// to build a form. Also the header (title, version, window, status, source, lineage).
pub fn schema(std: &Standard) -> Value {
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
            if let Some(slot) = section_of.get_mut(i) {
                if slot.is_none() {
                    *slot = sec.clone();
                }
            }
        }
    }
    let inputs: Vec<Value> = p
        .inputs
        .iter()
        .enumerate()
        .map(|(i, inp)| {
            let (kind, unit, values, length) = type_json(p, &inp.ty);
            json!({
                "id": inp.id,
                "type": kind,
                "unit": unit,
                "values": values,
                "length": length,
                "min": inp.min.map(num),
                "max": inp.max.map(num),
                "labels": labels_json(&inp.labels),
                "help": labels_json(&inp.help),
                "group": inp.group,
                "section": section_of[i].clone().filter(|s| !s.is_empty()),
                "source": cite_json(&inp.cite),
            })
        })
        .collect();
    let sections: Vec<Value> = p
        .sections
        .iter()
        .map(|(id, l, veto)| json!({"id": id, "labels": labels_json(l), "veto": veto}))
        .collect();
    json!({
        "id": h.id,
        "version": h.version,
        "title": labels_json(&h.title),
        "effective": {"from": h.from.map(|d| d.to_string()), "until": h.until.map(|d| d.to_string()), "note": h.effective_note},
        "status": h.status.map(|s| s.as_str()),
        "source": cite_json(&h.source),
        "lineage": p.lineage,
        "hash": p.hash,
        "sections": sections,
        "inputs": inputs,
    })
}

fn type_json(p: &Program, t: &Ty) -> (String, Option<String>, Option<Vec<String>>, Option<u32>) {
    match t {
        Ty::Bool => ("bool".into(), None, None, None),
        Ty::Count => ("count".into(), None, None, None),
        Ty::Percent => ("percent".into(), Some("%".into()), None, None),
        Ty::Number(u) => (
            "number".into(),
            u.as_ref().map(|u| u.to_string()),
            None,
            None,
        ),
        Ty::Lit => ("number".into(), None, None, None),
        Ty::Enum(syms) => (
            "enum".into(),
            None,
            Some(syms.iter().map(|s| p.sym(*s).to_string()).collect()),
            None,
        ),
        Ty::Date => ("date".into(), None, None, None),
        Ty::Series(n, e) => {
            let (k, u, _, _) = type_json(p, e);
            (format!("series of {k}"), u, None, Some(*n))
        }
        Ty::Outcome | Ty::Error => ("value".into(), None, None, None),
    }
}
