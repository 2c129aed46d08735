//! Check diagnostics: every problem the checker can find in a document that parsed.
//!
//! Codes: `Y01xx` names, `Y02xx` types and units, `Y03xx` structure (weights, bands, levels, examples),
//! `Y04xx` versions and composition, `Y05xx` warnings. Help is written in a policy officer's words.

use std::fmt;
use yardstick_syntax::ast::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The document cannot be used until this is fixed.
    Error,
    /// The document works, but probably not as meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in one of the documents being checked (`file` indexes the sources given to the checker).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    pub file: usize,
    pub span: Span,
}

/// A secondary label: "first declared here".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub loc: Loc,
    pub message: String,
}

/// One finding of the checker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The text under the primary span.
    pub label: String,
    pub help: Option<String>,
    pub loc: Loc,
    pub related: Vec<Related>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )
    }
}

impl Diagnostic {
    pub(crate) fn error(
        code: &'static str,
        loc: Loc,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            label: label.into(),
            help: None,
            loc,
            related: Vec::new(),
        }
    }
    pub(crate) fn warning(
        code: &'static str,
        loc: Loc,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, loc, message, label)
        }
    }
    pub(crate) fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
    pub(crate) fn related(mut self, loc: Loc, message: impl Into<String>) -> Self {
        self.related.push(Related {
            loc,
            message: message.into(),
        });
        self
    }
}

/// The stable codes, with a one-line description each (used by docs and tests).
pub const CODES: &[(&str, &str)] = &[
    ("Y0101", "a name that is not declared"),
    ("Y0102", "a name declared twice"),
    ("Y0103", "a function the language does not have"),
    ("Y0104", "a definition that depends on itself"),
    ("Y0105", "a header field missing or given twice"),
    ("Y0106", "an enum value or level that does not exist"),
    ("Y0201", "values of different kinds compared or combined"),
    (
        "Y0202",
        "quantities with different units compared or combined",
    ),
    ("Y0203", "a percent compared with a plain number"),
    ("Y0204", "a yes/no answer used as a number"),
    ("Y0205", "a condition that is not yes/no"),
    ("Y0206", "a function given the wrong kind of value"),
    (
        "Y0207",
        "an exceedance asked of something without upper limits",
    ),
    ("Y0301", "weights that do not add up to 100%"),
    ("Y0302", "grade bands that leave a gap"),
    ("Y0303", "grade bands that overlap"),
    ("Y0304", "level thresholds that are not in order"),
    ("Y0305", "a level row without one threshold per level"),
    ("Y0306", "`at_least K` asking for more than the list holds"),
    ("Y0307", "a range whose lower end is above its upper end"),
    (
        "Y0308",
        "an example that names an unknown input or gives the wrong kind of value",
    ),
    ("Y0309", "an empty list, ladder or band set"),
    ("Y0310", "a deduction, cap or floor that cannot work"),
    (
        "Y0311",
        "a deduction written as a percent (deductions are points)",
    ),
    (
        "Y0312",
        "an example that names a grade band by its label instead of its id",
    ),
    (
        "Y0313",
        "`each` repeating its condition more than 10,000 times in one document",
    ),
    (
        "Y0401",
        "a `use` or `extends` target that is not in the library",
    ),
    ("Y0402", "a cycle of `use` / `extends`"),
    (
        "Y0403",
        "an overlay that changes or removes something the base does not have",
    ),
    ("Y0404", "an effective window that ends before it starts"),
    (
        "Y0405",
        "`change` or `remove` in a document that extends nothing",
    ),
    (
        "Y0406",
        "two versions of one standard in force on the same day",
    ),
    (
        "Y0407",
        "a used or extended version not in force for the whole window",
    ),
    (
        "Y0408",
        "a revision whose window does not follow its predecessor's",
    ),
    ("Y0501", "an input that nothing uses"),
    ("Y0502", "an item that can never pass or never fail"),
    ("Y0503", "a number input without a unit"),
    ("Y0504", "a document without an example"),
    (
        "Y0506",
        "grade bands written worst first (bands go best first)",
    ),
    (
        "Y0505",
        "`change levels` restating a ladder without some of the base's rows",
    ),
];
