//! Review cycles: from a designation's dated history of review results to its state, the next review
//! date and why.
//!
//! The rules (from the document's `review every N years, rectify within M years`): a review that passes
//! reconfirms the designation and sets the next review N years later; a first failure defers it, with a
//! deadline M years later to rectify and a re-review then; a second failure in a row revokes it. A
//! revoked designation has no next review.

use crate::api::InputError;
use crate::catalogue::{self as cat, Msg};
use crate::json::{codes, input_error, quote, Refusal};
use crate::lossless::Json as Value;
use crate::{Error, Standard};
use serde::{Deserialize, Serialize};
use yardstick_syntax::ast::Date;

/// Where a designation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum State {
    Designated,
    Reconfirmed,
    Deferred,
    Revoked,
}

impl State {
    /// The state in words.
    pub fn words(self) -> Msg {
        match self {
            State::Designated => cat::state_designated(),
            State::Reconfirmed => cat::state_reconfirmed(),
            State::Deferred => cat::state_deferred(),
            State::Revoked => cat::state_revoked(),
        }
    }
}

/// The state of a designation after its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// One line per event, in words (both languages).
    pub why: Vec<Msg>,
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
                errors.push(input_error(
                    key,
                    Refusal {
                        code: codes::WRONG_KIND,
                        msg: cat::review_not_date(&quote(s)),
                    },
                ));
                None
            }
        },
        None => {
            errors.push(input_error(
                key,
                Refusal {
                    code: codes::SHAPE,
                    msg: cat::review_date_required(),
                },
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
        return Err(Error::NotFound(crate::Failure::new(
            crate::codes::LACKS_RULE,
            cat::no_review_cycle(std.id(), std.version()),
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
        .unwrap_or_default();
    let mut events = Vec::new();
    for (k, r) in reviews.iter().enumerate() {
        let key = format!("reviews[{k}]");
        let mut e2 = Vec::new();
        let d = date_field(r, "date", &mut e2);
        errors.extend(e2.into_iter().map(|e: InputError| InputError {
            input: format!("{key}.{}", e.input),
            ..e
        }));
        let pass = match r.get("result").and_then(Value::as_str) {
            Some("pass") => Some(true),
            Some("fail") => Some(false),
            other => {
                let msg = match other {
                    Some(s) => cat::review_result(&format!("\"{}\"", quote(s))),
                    None => {
                        let missing = cat::review_missing();
                        let m = cat::review_result(&missing.en);
                        Msg {
                            zh: cat::review_result(&missing.zh).zh,
                            ..m
                        }
                    }
                };
                errors.push(input_error(
                    &format!("{key}.result"),
                    Refusal {
                        code: codes::WRONG_KIND,
                        msg,
                    },
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
            errors.push(input_error(
                key,
                Refusal {
                    code: codes::SHAPE,
                    msg: cat::review_out_of_order(&d.to_string(), &last.to_string()),
                },
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
    let mut why = vec![cat::why_designated(
        &designated.to_string(),
        &add_years(designated, cycle.every_years).to_string(),
        cycle.every_years,
    )];
    for (d, pass, key) in &events {
        match (state, pass) {
            (State::Revoked, _) => {
                return Err(Error::Assessment(vec![input_error(
                    key,
                    Refusal {
                        code: codes::SHAPE,
                        msg: cat::review_after_revoked(&since.to_string(), &d.to_string()),
                    },
                )]));
            }
            (_, true) => {
                state = State::Reconfirmed;
                next = Some(add_years(*d, cycle.every_years));
                rectify_by = None;
                why.push(cat::why_passed(
                    &d.to_string(),
                    &add_years(*d, cycle.every_years).to_string(),
                ));
            }
            (State::Deferred, false) => {
                state = State::Revoked;
                next = None;
                rectify_by = None;
                why.push(cat::why_revoked(&d.to_string()));
            }
            (_, false) => {
                state = State::Deferred;
                let deadline = add_years(*d, cycle.rectify_years);
                next = Some(deadline);
                rectify_by = Some(deadline);
                why.push(cat::why_deferred(&d.to_string(), &deadline.to_string()));
            }
        }
        since = *d;
    }
    let overdue = matches!((as_of, next), (Some(a), Some(n)) if a > n);
    if overdue {
        why.push(cat::why_overdue(
            &as_of.map(|a| a.to_string()).unwrap_or_default(),
            &next.map(|n| n.to_string()).unwrap_or_default(),
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
