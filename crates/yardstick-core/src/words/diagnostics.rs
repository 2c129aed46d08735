//! Every sentence the checker says: each diagnostic's message, its help and its notes on related places,
//! in English and Chinese.
//!
//! A message is named after its code (`y0301_weights_sum`); its help adds `_help`, its note on another
//! place `_note`. The builders of [`crate::diag::Diagnostic`] take only these [`Msg`]s, so no diagnostic
//! can be written outside this catalogue. Values are passed as anything displayable (a name, a number,
//! a date); an argument ending in `_en` appears in the English form only, one ending in `_zh` in the
//! Chinese form only (a kind of value, a list joined with the language's own commas).

#[allow(unused_imports)]
use std::fmt::Display;

catalogue! {
}
