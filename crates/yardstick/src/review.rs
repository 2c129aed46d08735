//! Review cycles: from a designation's dated history of review results to its state, the next review
//! date and why.
//!
//! The rules (from the document's `review every N years, rectify within M years`): a review that passes
//! reconfirms the designation and sets the next review N years later; a first failure defers it, with a
//! deadline M years later to rectify and a re-review then; a second failure in a row revokes it. A
//! revoked designation has no next review.

use crate::json::InputError;
use crate::{Error, Standard};
use serde::Serialize;
use serde_json::Value;
use yardstick_syntax::ast::Date;

/// Where a designation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Designated,
    Reconfirmed,
    Deferred,
    Revoked,
}

/// The state of a designation after its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Status {
    pub state: State,
    /// The date of the event that set the state.
    pub since: String,
    /// When the next review is due (none once revoked).
    pub next_review: Option<String>,
    /// For a deferred designation: the deadline to rectify.
    pub rectify_by: Option<String>,
    /// True when `as_of` is past the next review date.
    pub overdue: bool,
    /// One line per event, in words.
    pub why: Vec<String>,
}

/// Add whole years; 29 February becomes 28 February in a common year.
pub fn add_years(d: Date, years: u32) -> Date {
    let year = d.year + years as i32;
    let day = d.day.min(yardstick_syntax::days_in_month(year, d.month));
    Date {
        year,
        month: d.month,
        day,
    }
}

fn date_field(v: &Value, key: &str, errors: &mut Vec<InputError>) -> Option<Date> {
    match v.get(key).and_then(Value::as_str) {
        Some(s) => match yardstick_syntax::parse_date(s) {
            Some(d) => Some(d),
            None => {
                errors.push(InputError::new(
                    key,
                    crate::json::Reason::new(
                        format!("`{}` is not a date (YYYY-MM-DD)", crate::json::quote(s)),
                        format!("`{}` 不是日期（YYYY-MM-DD）", crate::json::quote(s)),
                    ),
                ));
                None
            }
        },
        None => {
            errors.push(InputError::new(
                key,
                crate::json::Reason::new(
                    "a date YYYY-MM-DD is required".into(),
                    "需要日期 YYYY-MM-DD".into(),
                ),
            ));
            None
        }
    }
}

/// Work out the state of a designation under `std`'s review cycle.
///
/// `history`: `{"designated": "YYYY-MM-DD", "reviews": [{"date": "…", "result": "pass"|"fail"}, …],
/// "as_of": "YYYY-MM-DD"?}`; reviews must be in date order, after the designation.
pub fn review(std: &Standard, history: &Value) -> Result<Status, Error> {
    let Some(cycle) = std.program().header.review else {
        return Err(Error::NotFound(format!(
            "`{}@{}` has no `review every N years` cycle",
            std.id(),
            std.version()
        )));
    };
    let mut errors = Vec::new();
    let designated = date_field(history, "designated", &mut errors);
    let as_of = if history.get("as_of").is_some() {
        date_field(history, "as_of", &mut errors)
    } else {
        None
    };
    let reviews = history
        .get("reviews")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut events = Vec::new();
    for (k, r) in reviews.iter().enumerate() {
        let key = format!("reviews[{k}]");
        let mut e2 = Vec::new();
        let d = date_field(r, "date", &mut e2);
        errors.extend(e2.into_iter().map(|e| InputError {
            input: format!("{key}.{}", e.input),
            ..e
        }));
        let pass = match r.get("result").and_then(Value::as_str) {
            Some("pass") => Some(true),
            Some("fail") => Some(false),
            other => {
                let shown = other
                    .map(|s| format!("\"{}\"", crate::json::quote(s)))
                    .unwrap_or_else(|| "missing".into());
                errors.push(InputError::new(
                    format!("{key}.result"),
                    crate::json::Reason::new(
                        format!("must be \"pass\" or \"fail\", not {shown}"),
                        format!("应为 \"pass\"（通过）或 \"fail\"（不通过），而不是 {shown}"),
                    ),
                ));
                None
            }
        };
        if let (Some(d), Some(p)) = (d, pass) {
            events.push((d, p, key));
        }
    }
    let Some(designated) = designated else {
        return Err(Error::Assessment(errors));
    };
    let mut last = designated;
    for (d, _, key) in &events {
        if *d < last {
            errors.push(InputError::new(
                key.clone(),
                crate::json::Reason::new(
                    format!("{d} is before the previous event ({last}); list reviews in date order, after the designation"),
                    format!("{d} 早于上一个事件（{last}）；请按日期顺序、在命名之后列出复审"),
                ),
            ));
        }
        last = *d;
    }
    if !errors.is_empty() {
        return Err(Error::Assessment(errors));
    }
    let mut state = State::Designated;
    let mut since = designated;
    let mut next = Some(add_years(designated, cycle.every_years));
    let mut rectify_by = None;
    let mut why = vec![format!(
        "designated on {designated}; first review due {} (every {} years)",
        add_years(designated, cycle.every_years),
        cycle.every_years
    )];
    for (d, pass, key) in &events {
        match (state, pass) {
            (State::Revoked, _) => {
                return Err(Error::Assessment(vec![InputError::new(
                    key.clone(),
                    crate::json::Reason::new(
                        format!("the designation was revoked on {since}; a later review on {d} cannot apply"),
                        format!("命名已于 {since} 撤销；{d} 的复审不再适用"),
                    ),
                )]));
            }
            (_, true) => {
                state = State::Reconfirmed;
                next = Some(add_years(*d, cycle.every_years));
                rectify_by = None;
                why.push(format!(
                    "{d}: review passed, reconfirmed; next review due {}",
                    add_years(*d, cycle.every_years)
                ));
            }
            (State::Deferred, false) => {
                state = State::Revoked;
                next = None;
                rectify_by = None;
                why.push(format!("{d}: failed again after deferral, revoked"));
            }
            (_, false) => {
                state = State::Deferred;
                let deadline = add_years(*d, cycle.rectify_years);
                next = Some(deadline);
                rectify_by = Some(deadline);
                why.push(format!("{d}: review failed, deferred; rectify by {deadline}, re-review then (a second failure revokes)"));
            }
        }
        since = *d;
    }
    let overdue = matches!((as_of, next), (Some(a), Some(n)) if a > n);
    if overdue {
        why.push(format!(
            "as of {}: the review due {} is overdue",
            as_of.map(|a| a.to_string()).unwrap_or_default(),
            next.map(|n| n.to_string()).unwrap_or_default()
        ));
    }
    Ok(Status {
        state,
        since: since.to_string(),
        next_review: next.map(|d| d.to_string()),
        rectify_by: rectify_by.map(|d| d.to_string()),
        overdue,
        why,
    })
}
