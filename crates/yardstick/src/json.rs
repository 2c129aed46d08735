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
}

/// A parsed assessment: input values by slot ([`Val::Unknown`] when missing).
#[derive(Clone, Debug)]
pub struct Assessment {
    pub standard: String,
    pub version: Option<String>,
    pub as_of: Option<Date>,
    pub values: Vec<Val>,
}

/// The header of an assessment (which standard, which version, which day), read before compiling.
pub fn assessment_header(text: &str) -> Result<(String, Option<String>, Option<Date>), Error> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        Error::Assessment(vec![InputError {
            input: String::new(),
            reason: format!("not valid JSON: {e}"),
        }])
    })?;
    header_of(&v)
}

fn header_of(v: &Value) -> Result<(String, Option<String>, Option<Date>), Error> {
    let obj = v.as_object().ok_or_else(|| {
        Error::Assessment(vec![InputError {
            input: String::new(),
            reason: "an assessment is a JSON object".into(),
        }])
    })?;
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
            Error::Assessment(vec![InputError {
                input: "as_of".into(),
                reason: format!("`{s}` is not a date (YYYY-MM-DD)"),
            }])
        })?),
        Some(_) => {
            return Err(Error::Assessment(vec![InputError {
                input: "as_of".into(),
                reason: "must be a date string YYYY-MM-DD".into(),
            }]))
        }
    };
    Ok((standard, version, as_of))
}

/// Parse an assessment for `std`: `{"standard", "version"?, "as_of"?, "inputs": {...}}`, or a bare object
/// of inputs. Every bad input is reported, none silently dropped or clamped.
pub fn parse_assessment(std: &Standard, text: &str) -> Result<Assessment, Error> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        Error::Assessment(vec![InputError {
            input: String::new(),
            reason: format!("not valid JSON: {e}"),
        }])
    })?;
    assessment_from_value(std, &v)
}

/// As [`parse_assessment`], from an already parsed JSON value.
pub fn assessment_from_value(std: &Standard, v: &Value) -> Result<Assessment, Error> {
    let obj = v.as_object().ok_or_else(|| {
        Error::Assessment(vec![InputError {
            input: String::new(),
            reason: "an assessment is a JSON object".into(),
        }])
    })?;
    let (standard, version, as_of) = if obj.contains_key("inputs") {
        header_of(v)?
    } else {
        (std.id().to_string(), None, None)
    };
    let empty = Map::new();
    let inputs = match obj.get("inputs") {
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(Error::Assessment(vec![InputError {
                input: "inputs".into(),
                reason: "must be an object of input ids to values".into(),
            }]))
        }
        None => obj,
    };
    let _ = &empty;
    let mut errors = Vec::new();
    if obj.contains_key("inputs") {
        for k in obj.keys() {
            if !matches!(
                k.as_str(),
                "standard" | "version" | "as_of" | "inputs" | "name" | "note"
            ) {
                errors.push(InputError { input: k.clone(), reason: "not a field of an assessment (expected standard, version, as_of, inputs, and optionally name and note)".into() });
            }
        }
        if let Some(x) = obj.get("standard").filter(|x| !x.is_string()) {
            errors.push(InputError {
                input: "standard".into(),
                reason: format!("must be the standard's id as a string, not {x}"),
            });
        }
        if let Some(v) = &version {
            if v != std.version() {
                errors.push(InputError { input: "version".into(), reason: format!("the assessment is for version \"{v}\", but the standard given is version \"{}\"", std.version()) });
            }
        }
    }
    if !standard.is_empty() && standard != std.id() {
        errors.push(InputError {
            input: "standard".into(),
            reason: format!(
                "the assessment is for `{standard}`, but the standard given is `{}`",
                std.id()
            ),
        });
    }
    let values = values_from_map(std.program(), inputs, &mut errors);
    if errors.is_empty() {
        Ok(Assessment {
            standard,
            version,
            as_of,
            values,
        })
    } else {
        Err(Error::Assessment(errors))
    }
}

/// Read input values from a JSON object of `id → value`, appending every problem to `errors`.
pub fn values_from_map(
    p: &Program,
    inputs: &Map<String, Value>,
    errors: &mut Vec<InputError>,
) -> Vec<Val> {
    let mut values = vec![Val::Unknown; p.inputs.len()];
    for (k, v) in inputs {
        let Some(i) = p.input_index(k) else {
            let near = p
                .inputs
                .iter()
                .map(|x| (yardstick_core::lower::edit_distance(&x.id, k), &x.id))
                .min();
            let hint = match near {
                Some((d, id)) if d <= 3 => format!("; did you mean `{id}`?"),
                _ => String::new(),
            };
            errors.push(InputError {
                input: k.clone(),
                reason: format!("the standard has no input `{k}`{hint}"),
            });
            continue;
        };
        match value_of(p, i, v) {
            Ok(val) => values[i] = val,
            Err(reason) => errors.push(InputError {
                input: k.clone(),
                reason,
            }),
        }
    }
    values
}

fn decimal(n: &serde_json::Number) -> Option<Decimal> {
    let s = n.to_string();
    Decimal::from_str(&s)
        .or_else(|_| Decimal::from_scientific(&s))
        .ok()
}

/// Convert one JSON value for input `i`, checking kind and range.
pub fn value_of(p: &Program, i: usize, v: &Value) -> Result<Val, String> {
    let inp = &p.inputs[i];
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
) -> Result<Val, String> {
    let range = |x: Decimal| -> Result<Decimal, String> {
        let unit = if matches!(ty, Ty::Percent) { "%" } else { "" };
        if let Some(m) = min {
            if x < m {
                return Err(format!(
                    "{x}{unit} is below the smallest allowed value {m}{unit}"
                ));
            }
        }
        if let Some(m) = max {
            if x > m {
                return Err(format!(
                    "{x}{unit} is above the largest allowed value {m}{unit}"
                ));
            }
        }
        Ok(x)
    };
    match ty {
        Ty::Bool => v
            .as_bool()
            .map(Val::Bool)
            .ok_or_else(|| format!("must be true or false, not {v}")),
        Ty::Count => {
            let n = v
                .as_number()
                .and_then(decimal)
                .ok_or_else(|| format!("must be a whole number, not {v}"))?;
            if n.fract() != Decimal::ZERO || n < Decimal::ZERO {
                return Err(format!("must be a whole number of 0 or more, not {n}"));
            }
            Ok(Val::Num(range(n)?))
        }
        Ty::Percent | Ty::Number(_) | Ty::Lit => {
            let n = v.as_number().and_then(decimal).ok_or_else(|| {
                if matches!(ty, Ty::Percent) {
                    format!("must be a number of percent (90.5 means 90.5%), not {v}")
                } else {
                    format!("must be a number, not {v}")
                }
            })?;
            Ok(Val::Num(range(n)?))
        }
        Ty::Enum(syms) => {
            let s = v
                .as_str()
                .ok_or_else(|| format!("must be one of {}", names(p, syms)))?;
            match p.sym_id(s) {
                Some(id) if syms.contains(&id) => Ok(Val::Sym(id)),
                _ => Err(format!("`{s}` is not one of {}", names(p, syms))),
            }
        }
        Ty::Date => {
            let s = v
                .as_str()
                .ok_or_else(|| "must be a date string YYYY-MM-DD".to_string())?;
            yardstick_syntax::parse_date(s)
                .map(Val::Date)
                .ok_or_else(|| format!("`{s}` is not a date (YYYY-MM-DD)"))
        }
        Ty::Series(n, elem) => {
            let arr = v
                .as_array()
                .ok_or_else(|| format!("must be a list of {n} values, oldest first"))?;
            if arr.len() != *n as usize {
                return Err(format!(
                    "must have {n} values, oldest first, not {}",
                    arr.len()
                ));
            }
            let mut out = Vec::with_capacity(arr.len());
            for x in arr {
                match scalar(p, elem, min, max, x)? {
                    Val::Num(d) => out.push(d),
                    _ => return Err("series values must be numbers".into()),
                }
            }
            Ok(Val::Series(out.into()))
        }
        Ty::Outcome | Ty::Error => Err("cannot be given".into()),
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
        Val::Num(n) if *n == Decimal::MAX => Value::String("infinite".into()),
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
        nodes.iter().map(|n| node_json(std, n)).collect()
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
    let fixes = yardstick_core::fix::fixes(p, &a.values, &e)
        .map_err(|x| Error::Eval(eval_error_text(std, &x)))?;
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
    let partial = yardstick_core::fix::partial(p, &a.values, &e)
        .map_err(|x| Error::Eval(eval_error_text(std, &x)))?;
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
    }))
}

fn node_json(std: &Standard, n: &explain::Node<'_>) -> Value {
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
    let (zh, en) = n.sentences(p);
    json!({
        "id": n.d.id,
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
