//! Running the `example` blocks of a standard as tests.

use crate::catalogue::testing as m;
use crate::catalogue::Msg;
use crate::Standard;
use rust_decimal::Decimal;
use std::str::FromStr;
use yardstick_core::eval::{evaluate, Inspector, Multiple};
use yardstick_core::ir::{ExpectOn, Val};

/// The result of one example.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExampleResult {
    pub name: String,
    /// No expectation failed.
    pub passed: bool,
    /// Failed expectations: (what, expected, actual, place "file:line:col").
    pub failures: Vec<Mismatch>,
}

/// One expectation that did not hold.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Mismatch {
    pub what: String,
    pub expected: String,
    pub actual: String,
    pub at: String,
    /// `what` in Chinese where it is words (`条目 x`); absent where it is the same as `what`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what_zh: String,
    /// `expected` in Chinese where it is a sentence; absent where it is a value (the same in both).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub expected_zh: String,
    /// `actual` in Chinese where it is a sentence; absent where it is a value (the same in both).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub actual_zh: String,
}

impl Mismatch {
    /// A mismatch of values written the same in both languages, with `what` in words.
    fn of(what: Msg, expected: Msg, actual: Msg, at: String) -> Mismatch {
        let zh = |m: &Msg| {
            if m.zh == m.en {
                String::new()
            } else {
                m.zh.clone()
            }
        };
        Mismatch {
            what_zh: zh(&what),
            expected_zh: zh(&expected),
            actual_zh: zh(&actual),
            what: what.en,
            expected: expected.en,
            actual: actual.en,
            at,
        }
    }
    /// The text of `what`, `expected` and `actual` in Chinese (the English where it is a value).
    pub fn zh(&self) -> (&str, &str, &str) {
        fn or<'a>(zh: &'a str, en: &'a str) -> &'a str {
            if zh.is_empty() {
                en
            } else {
                zh
            }
        }
        (
            or(&self.what_zh, &self.what),
            or(&self.expected_zh, &self.expected),
            or(&self.actual_zh, &self.actual),
        )
    }
}

/// A value, the same in both languages.
fn same_in_both(s: String) -> Msg {
    Msg {
        en: s.clone(),
        zh: s,
    }
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Run every example of `std`.
pub fn run_examples(std: &Standard) -> Vec<ExampleResult> {
    let p = std.program();
    let mut out = Vec::new();
    for ex in &p.examples {
        let mut inputs = vec![Val::Unknown; p.inputs.len()];
        for (i, v) in &ex.given {
            inputs[i.index()] = v.clone();
        }
        let mut failures = Vec::new();
        let at = |loc: yardstick_core::Loc| {
            std.sources()
                .get(loc.file)
                .map(|s| {
                    let pl = crate::report::place(s, loc.span.start, loc.span.end);
                    format!("{}:{}:{}", pl.file, pl.line, pl.column)
                })
                .unwrap_or_default()
        };
        if let Some(d) = ex.as_of {
            let h = &p.header;
            let inside =
                h.from.map(|f| f <= d).unwrap_or(true) && h.until.map(|u| d < u).unwrap_or(true);
            if !inside {
                failures.push(Mismatch::of(
                    same_in_both("as_of".into()),
                    m::date_in_window(),
                    m::date_not_in_force(&d.to_string()),
                    at(ex.loc),
                ));
            }
        }
        let e = match evaluate(p, &inputs) {
            Ok(e) => e,
            Err(err) => {
                // The English as it always was; the Chinese from the catalogue.
                let why = crate::json::eval_error_msg(&err);
                failures.push(Mismatch::of(
                    m::what_evaluation(),
                    m::a_result(),
                    Msg {
                        en: err.to_string(),
                        zh: why.zh,
                    },
                    at(ex.loc),
                ));
                out.push(ExampleResult {
                    name: ex.name.clone(),
                    passed: failures.is_empty(),
                    failures,
                });
                continue;
            }
        };
        let mut insp = Inspector::new(p, &inputs, &e);
        for x in &ex.expect {
            let (what, actual): (Msg, String) = match &x.target {
                ExpectOn::Outcome => (same_in_both("outcome".into()), e.outcome.as_str().into()),
                ExpectOn::Def(d) => {
                    let def = &p.defs[*d];
                    let actual = if def.is_item() {
                        e.item_outcome(*d).as_str().to_string()
                    } else {
                        show(p, &e.values[d.index()], x.rounded)
                    };
                    (
                        if def.is_item() {
                            m::what_item(&def.id)
                        } else {
                            same_in_both(def.id.clone())
                        },
                        actual,
                    )
                }
                ExpectOn::Exceedance { def, level } => {
                    let m = insp.multiple(*def, *level);
                    let actual = match m {
                        Ok(Some(Multiple::Finite(v))) => show(p, &Val::Num(v), x.rounded),
                        Ok(Some(Multiple::Infinite)) => "infinite".into(),
                        Ok(None) => "unknown".into(),
                        Err(e) => e.to_string(),
                    };
                    (
                        same_in_both(format!("exceedance({})", p.defs[*def].id)),
                        actual,
                    )
                }
            };
            let expected = x.written.clone();
            if !same(&expected, &actual) {
                failures.push(Mismatch::of(
                    what,
                    same_in_both(expected),
                    same_in_both(actual),
                    at(x.loc),
                ));
            }
        }
        out.push(ExampleResult {
            name: ex.name.clone(),
            passed: failures.is_empty(),
            failures,
        });
    }
    out
}

fn show(p: &yardstick_core::ir::Program, v: &Val, rounded: Option<u32>) -> String {
    match (v, rounded) {
        (Val::Infinite { negative: false }, _) => "infinite".into(),
        (Val::Infinite { negative: true }, _) => "-infinite".into(),
        (Val::Num(n), Some(dp)) => n
            .round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .to_string(),
        (Val::Unknown, _) => "unknown".into(),
        _ => yardstick_core::explain::fmt_val(p, v),
    }
}

fn same(expected: &str, actual: &str) -> bool {
    let e = expected.trim_end_matches('%');
    match (Decimal::from_str(e), Decimal::from_str(actual)) {
        (Ok(a), Ok(b)) => a == b,
        _ => expected == actual,
    }
}
