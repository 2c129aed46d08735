//! The Yardstick standards language: grammar, syntax tree, parse errors and formatter.
//!
//! This crate knows what a document *says*, never what it *means*: checking and evaluation live in
//! `yardstick-core`. pest is an implementation detail: no pest type appears in this crate's API.
//!
//! ```
//! let src = "standard demo {\n  version \"1\"\n  input ok: bool\n  item i { ok }\n}\n";
//! let doc = yardstick_syntax::parse(src).unwrap();
//! assert_eq!(yardstick_syntax::format(src).unwrap(), src);
//! # let _ = doc;
//! ```

pub mod ast;
mod comments;
mod error;
mod format;
pub mod limits;
mod parse;
pub mod sort;

pub use error::{SyntaxError, SyntaxErrors, Zh};
pub use format::format;
pub use parse::{days_in_month, parse, parse_date};
