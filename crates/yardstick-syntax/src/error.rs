//! Syntax errors: everything the parser can find wrong with the text of a document.
//!
//! Codes `Y00xx`. Messages and help are written for the people who write standards, not for programmers.

use crate::ast::Span;
use miette::Diagnostic;
use thiserror::Error;

/// One problem in the text of a document.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
pub enum SyntaxError {
    /// The text does not follow the language at this point.
    #[error("{message}")]
    #[diagnostic(code(Y0001), help("{help}"))]
    Unexpected {
        message: String,
        help: String,
        #[label("{label}")]
        span: Span,
        label: String,
    },

    /// `=` inside a condition.
    #[error("`=` is not a comparison")]
    #[diagnostic(
        code(Y0002),
        help("write `==` for \"equals\", `>=` for \"at least\" or `<=` for \"at most\"")
    )]
    SingleEquals {
        #[label("did you mean `==` or `>=`?")]
        span: Span,
    },

    /// A full-width or typographic comparison sign such as `≥`.
    #[error("`{found}` is not a comparison sign the language knows")]
    #[diagnostic(
        code(Y0003),
        help("type the plain sign `{suggestion}` (half-width, as on an English keyboard)")
    )]
    WideOperator {
        found: String,
        suggestion: String,
        #[label("did you mean `{suggestion}`?")]
        span: Span,
    },

    /// Full-width digits, point or percent sign in a number.
    #[error("`{found}` is written with full-width characters")]
    #[diagnostic(
        code(Y0004),
        help("numbers use half-width digits: did you mean `{suggestion}`?")
    )]
    WideNumber {
        found: String,
        suggestion: String,
        #[label("did you mean `{suggestion}`?")]
        span: Span,
    },

    /// A full-width comma `，` or an enumeration comma `、`.
    #[error("`{found}` is not a separator the language knows")]
    #[diagnostic(code(Y0005), help("separate entries with a plain comma `,`"))]
    WideComma {
        found: String,
        #[label("did you mean `,`?")]
        span: Span,
    },

    /// A string that is not closed on its line.
    #[error("this text has no closing quote")]
    #[diagnostic(code(Y0006), help("close the text with `\"` on the same line"))]
    UnterminatedString {
        #[label("text starts here and runs to the end of the line")]
        span: Span,
    },

    /// A string in Chinese or typographic quotes.
    #[error("text must be in straight double quotes")]
    #[diagnostic(
        code(Y0007),
        help("replace `{open}` and its closing mark with `\"`, e.g. \"{inner}\"")
    )]
    CjkQuote {
        open: String,
        inner: String,
        #[label("these quotation marks are not `\"`")]
        span: Span,
    },

    /// A name with characters outside ASCII letters, digits and `_`.
    #[error("the name `{name}` must use only ASCII letters, digits and `_`")]
    #[diagnostic(
        code(Y0008),
        help("names are short ASCII ids such as `satisfaction`; put the Chinese wording in a label: `label zh \"{name}\"`")
    )]
    NonAsciiName {
        name: String,
        #[label("not an ASCII name")]
        span: Span,
    },

    /// Brackets nested deeper than the limit.
    #[error("brackets are nested more than {limit} deep")]
    #[diagnostic(
        code(Y0009),
        help("split the condition into several items or derived values (`let`)")
    )]
    TooDeep {
        limit: usize,
        #[label("nesting limit reached here")]
        span: Span,
    },

    /// The document is larger than the limit.
    #[error("the document is {size} bytes, more than the limit of {limit} bytes")]
    #[diagnostic(
        code(Y0010),
        help("split the standard into several documents joined with `use` or `extends`")
    )]
    TooLarge {
        size: usize,
        limit: usize,
        #[label("this document is too large")]
        span: Span,
    },

    /// A name longer than the limit.
    #[error("the name is {len} characters long, more than the limit of {limit}")]
    #[diagnostic(
        code(Y0011),
        help("use a shorter id and put the full wording in a label")
    )]
    NameTooLong {
        len: usize,
        limit: usize,
        #[label("this name")]
        span: Span,
    },

    /// An expression nested or chained beyond the limit.
    #[error("this expression is more than {limit} levels deep")]
    #[diagnostic(
        code(Y0012),
        help("split it into derived values (`let`) or several items")
    )]
    ExprTooDeep {
        limit: usize,
        #[label("too deep")]
        span: Span,
    },

    /// A date that does not exist.
    #[error("`{text}` is not a real date")]
    #[diagnostic(code(Y0013), help("write dates as YYYY-MM-DD, e.g. 2015-01-01"))]
    BadDate {
        text: String,
        #[label("no such day")]
        span: Span,
    },

    /// The same attribute twice on one declaration.
    #[error("`{what}` is given twice")]
    #[diagnostic(code(Y0014), help("keep one `{what}` and delete the other"))]
    Repeated {
        what: String,
        #[label("second `{what}`")]
        span: Span,
        #[label("first given here")]
        first: Span,
    },

    /// A number too large to hold exactly.
    #[error("`{text}` is too large or too precise to hold exactly")]
    #[diagnostic(code(Y0015), help("numbers may have at most 28 significant digits"))]
    BadNumber {
        text: String,
        #[label("this number")]
        span: Span,
    },

    /// A `label`, `help` or `title` with a language other than zh/en, or twice the same language.
    #[error("the {lang} text is given twice")]
    #[diagnostic(code(Y0016), help("give each language once: `zh \"…\" en \"…\"`"))]
    RepeatedLanguage {
        lang: String,
        #[label("second {lang} text")]
        span: Span,
    },

    /// An expectation or function that only takes some forms.
    #[error("{message}")]
    #[diagnostic(code(Y0017), help("{help}"))]
    BadForm {
        message: String,
        help: String,
        #[label("here")]
        span: Span,
    },

    /// A full-width punctuation mark typed on a Chinese keyboard: `：；（）【】`.
    #[error("`{found}` is a full-width (Chinese keyboard) character")]
    #[diagnostic(code(Y0018), help("{help}"))]
    WidePunctuation {
        found: String,
        help: String,
        #[label("{label}")]
        span: Span,
        label: String,
    },

    /// A unit written after a number: `3处`, `90分`.
    #[error("`{number}{unit}`: a number is written without a unit")]
    #[diagnostic(
        code(Y0019),
        help("write `{number}`; a count needs no unit, and a measured number gets its unit once, where the input is declared (`number unit \"{unit}\"`)")
    )]
    UnitAfterNumber {
        number: String,
        unit: String,
        #[label("did you mean `{number}`?")]
        span: Span,
    },

    /// A word or sign from Chinese or another language where a word of the language is meant: `且`, `&&`.
    #[error("`{found}` is not part of the language")]
    #[diagnostic(code(Y0020), help("{help}"))]
    ForeignWord {
        found: String,
        suggestion: String,
        help: String,
        #[label("did you mean `{suggestion}`?")]
        span: Span,
    },

    /// A `{` that is never closed.
    #[error("this `{{` opened on line {line} is never closed")]
    #[diagnostic(code(Y0021), help("{help}"))]
    UnclosedBrace {
        line: usize,
        help: String,
        #[label("opened here")]
        span: Span,
    },

    /// `a <= x <= b`: comparisons do not chain.
    #[error("comparisons cannot be chained")]
    #[diagnostic(code(Y0022), help("{help}"))]
    ChainedComparison {
        help: String,
        #[label("a second comparison")]
        span: Span,
    },

    /// More errors than [`crate::limits::MAX_SYNTAX_ERRORS`]: the rest are not listed.
    #[error("more than {limit} problems in this document; only the first {limit} are listed")]
    #[diagnostic(
        code(Y0024),
        help("fix the problems listed (often one mistake repeated, such as a Chinese-keyboard character) and check again")
    )]
    TooManyErrors {
        limit: usize,
        #[label("the problems after this point are not listed")]
        span: Span,
    },

    /// A misspelt keyword, or a type name from another language (`integer`, `float`).
    #[error("{message}")]
    #[diagnostic(code(Y0023), help("{help}"))]
    UnknownWord {
        message: String,
        help: String,
        #[label("did you mean `{suggestion}`?")]
        span: Span,
        suggestion: String,
    },
}

impl SyntaxError {
    /// The primary span.
    pub fn span(&self) -> Span {
        match self {
            SyntaxError::Unexpected { span, .. }
            | SyntaxError::SingleEquals { span }
            | SyntaxError::WideOperator { span, .. }
            | SyntaxError::WideNumber { span, .. }
            | SyntaxError::WideComma { span, .. }
            | SyntaxError::UnterminatedString { span }
            | SyntaxError::CjkQuote { span, .. }
            | SyntaxError::NonAsciiName { span, .. }
            | SyntaxError::TooDeep { span, .. }
            | SyntaxError::TooLarge { span, .. }
            | SyntaxError::NameTooLong { span, .. }
            | SyntaxError::ExprTooDeep { span, .. }
            | SyntaxError::BadDate { span, .. }
            | SyntaxError::Repeated { span, .. }
            | SyntaxError::BadNumber { span, .. }
            | SyntaxError::RepeatedLanguage { span, .. }
            | SyntaxError::BadForm { span, .. }
            | SyntaxError::WidePunctuation { span, .. }
            | SyntaxError::UnitAfterNumber { span, .. }
            | SyntaxError::ForeignWord { span, .. }
            | SyntaxError::UnclosedBrace { span, .. }
            | SyntaxError::ChainedComparison { span, .. }
            | SyntaxError::UnknownWord { span, .. }
            | SyntaxError::TooManyErrors { span, .. } => *span,
        }
    }
}

/// Every syntax error found in one document, in source order.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{} syntax error(s)", .errors.len())]
pub struct SyntaxErrors {
    pub errors: Vec<SyntaxError>,
}
