//! Syntax errors: everything the parser can find wrong with the text of a document.
//!
//! Codes `Y00xx`. Messages and help are written for the people who write standards, not for programmers.
//!
//! The English is what [`std::fmt::Display`] and [`miette::Diagnostic`] give; the Chinese of the message,
//! help and labels is [`SyntaxError::message_zh`], [`SyntaxError::help_zh`], [`SyntaxError::label_zh`]
//! and [`SyntaxError::related_labels_zh`]. Variants whose English is built by the parser carry their
//! Chinese beside it: the whole of it in a boxed [`Zh`], or only `help_zh` where only the help is built.

use crate::ast::Span;
use miette::Diagnostic;
use thiserror::Error;

/// The whole Chinese of a syntax error whose English the parser builds: message, help and label (boxed,
/// so that the Chinese does not make every [`SyntaxError`] larger).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Zh {
    pub message: String,
    pub help: String,
    pub label: String,
}

impl Zh {
    pub fn new(
        message: impl Into<String>,
        help: impl Into<String>,
        label: impl Into<String>,
    ) -> Box<Zh> {
        Box::new(Zh {
            message: message.into(),
            help: help.into(),
            label: label.into(),
        })
    }
}

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
        zh: Box<Zh>,
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
        zh: Box<Zh>,
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
        zh: Box<Zh>,
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
        help_zh: String,
    },

    /// A `{` that is never closed.
    #[error("this `{{` opened on line {line} is never closed")]
    #[diagnostic(code(Y0021), help("{help}"))]
    UnclosedBrace {
        line: usize,
        help: String,
        #[label("opened here")]
        span: Span,
        help_zh: String,
    },

    /// `a <= x <= b`: comparisons do not chain.
    #[error("comparisons cannot be chained")]
    #[diagnostic(code(Y0022), help("{help}"))]
    ChainedComparison {
        help: String,
        #[label("a second comparison")]
        span: Span,
        help_zh: String,
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
        zh: Box<Zh>,
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

    /// The text that the label's "did you mean" names, to put in place of [`SyntaxError::span`] (an
    /// editor's quick fix): `>=` for `≥`, `90%` for `９０％`, `,` for `，`, `"满意率"` for `“满意率”`, `3`
    /// for `3处`, a known word for a misspelt one. `None` when the error names no single replacement.
    pub fn suggestion(&self) -> Option<String> {
        match self {
            SyntaxError::WideOperator { suggestion, .. }
            | SyntaxError::WideNumber { suggestion, .. }
            | SyntaxError::ForeignWord { suggestion, .. }
            | SyntaxError::UnknownWord { suggestion, .. } => Some(suggestion.clone()),
            SyntaxError::WideComma { .. } => Some(",".into()),
            SyntaxError::CjkQuote { inner, .. } => Some(format!("\"{inner}\"")),
            SyntaxError::UnitAfterNumber { number, .. } => Some(number.clone()),
            _ => None,
        }
    }
}

impl SyntaxError {
    /// The message in Chinese (same numbers and backticked names as the English).
    pub fn message_zh(&self) -> String {
        match self {
            SyntaxError::Unexpected { zh, .. }
            | SyntaxError::BadForm { zh, .. }
            | SyntaxError::WidePunctuation { zh, .. }
            | SyntaxError::UnknownWord { zh, .. } => zh.message.clone(),
            SyntaxError::SingleEquals { .. } => "`=` 不是比较符号".into(),
            SyntaxError::WideOperator { found, .. } => {
                format!("`{found}` 不是本语言认识的比较符号")
            }
            SyntaxError::WideNumber { found, .. } => format!("`{found}` 是用全角字符写的"),
            SyntaxError::WideComma { found, .. } => format!("`{found}` 不是本语言认识的分隔符"),
            SyntaxError::UnterminatedString { .. } => "这段文字缺少结尾的引号".into(),
            SyntaxError::CjkQuote { .. } => "文字必须放在直的双引号（\"）中".into(),
            SyntaxError::NonAsciiName { name, .. } => {
                format!("名称 `{name}` 只能使用 ASCII 字母、数字和 `_`")
            }
            SyntaxError::TooDeep { limit, .. } => format!("括号嵌套超过了 {limit} 层"),
            SyntaxError::TooLarge { size, limit, .. } => {
                format!("文档有 {size} 字节，超过了 {limit} 字节的上限")
            }
            SyntaxError::NameTooLong { len, limit, .. } => {
                format!("名称长 {len} 个字符，超过了 {limit} 个字符的上限")
            }
            SyntaxError::ExprTooDeep { limit, .. } => format!("这个表达式的层次超过了 {limit} 层"),
            SyntaxError::BadDate { text, .. } => format!("`{text}` 不是真实存在的日期"),
            SyntaxError::Repeated { what, .. } => format!("`{what}` 写了两次"),
            SyntaxError::BadNumber { text, .. } => {
                format!("`{text}` 太大或小数位太多，无法精确保存")
            }
            SyntaxError::RepeatedLanguage { lang, .. } => format!("{lang} 文字写了两次"),
            SyntaxError::UnitAfterNumber { number, unit, .. } => {
                format!("`{number}{unit}`：数值后面不能直接写单位")
            }
            SyntaxError::ForeignWord { found, .. } => format!("`{found}` 不是本语言的一部分"),
            SyntaxError::UnclosedBrace { line, .. } => {
                format!("第 {line} 行的 `{{` 没有闭合")
            }
            SyntaxError::ChainedComparison { .. } => "比较不能连写".into(),
            SyntaxError::TooManyErrors { limit, .. } => {
                format!("本文档的问题超过 {limit} 个；只列出前 {limit} 个")
            }
        }
    }

    /// The help in Chinese: present exactly when [`miette::Diagnostic::help`] is (every variant has help).
    pub fn help_zh(&self) -> Option<String> {
        Some(match self {
            SyntaxError::Unexpected { zh, .. }
            | SyntaxError::BadForm { zh, .. }
            | SyntaxError::WidePunctuation { zh, .. }
            | SyntaxError::UnknownWord { zh, .. } => zh.help.clone(),
            SyntaxError::ForeignWord { help_zh, .. }
            | SyntaxError::UnclosedBrace { help_zh, .. }
            | SyntaxError::ChainedComparison { help_zh, .. } => help_zh.clone(),
            SyntaxError::SingleEquals { .. } => {
                "“等于”写作 `==`，“不少于”写作 `>=`，“不超过”写作 `<=`".into()
            }
            SyntaxError::WideOperator { suggestion, .. } => {
                format!("请输入普通符号 `{suggestion}`（半角，即英文键盘上的符号）")
            }
            SyntaxError::WideNumber { suggestion, .. } => {
                format!("数字要用半角字符：是不是 `{suggestion}`？")
            }
            SyntaxError::WideComma { .. } => "各项之间请用普通逗号 `,` 分隔".into(),
            SyntaxError::UnterminatedString { .. } => "请在同一行内用 `\"` 结束这段文字".into(),
            SyntaxError::CjkQuote { open, inner, .. } => {
                format!("请把 `{open}` 及其配对的引号换成 `\"`，例如 \"{inner}\"")
            }
            SyntaxError::NonAsciiName { name, .. } => format!(
                "名称是简短的 ASCII id，例如 `satisfaction`；中文说法请写在标签里：`label zh \"{name}\"`"
            ),
            SyntaxError::TooDeep { .. } => "请把条件拆成几个检查项或中间值（`let`）".into(),
            SyntaxError::TooLarge { .. } => {
                "请把标准拆成几份文档，用 `use` 或 `extends` 连起来".into()
            }
            SyntaxError::NameTooLong { .. } => "请用较短的 id，把完整说法写在标签里".into(),
            SyntaxError::ExprTooDeep { .. } => "请把它拆成几个中间值（`let`）或几个检查项".into(),
            SyntaxError::BadDate { .. } => "日期请写成 YYYY-MM-DD，例如 2015-01-01".into(),
            SyntaxError::Repeated { what, .. } => format!("请保留一个 `{what}`，删除另一个"),
            SyntaxError::BadNumber { .. } => "数值最多只能有 28 位有效数字".into(),
            SyntaxError::RepeatedLanguage { .. } => {
                "每种语言只写一次：`zh \"…\" en \"…\"`".into()
            }
            SyntaxError::UnitAfterNumber { number, unit, .. } => format!(
                "请写 `{number}`；计数不需要单位，测量值的单位只在声明输入项时写一次（`number unit \"{unit}\"`）"
            ),
            SyntaxError::TooManyErrors { .. } => {
                "请先改正列出的问题（常常是同一个错误反复出现，例如中文输入法下的字符），再重新检查".into()
            }
        })
    }

    /// The label under the primary span, in Chinese.
    pub fn label_zh(&self) -> String {
        match self {
            SyntaxError::Unexpected { zh, .. }
            | SyntaxError::BadForm { zh, .. }
            | SyntaxError::WidePunctuation { zh, .. }
            | SyntaxError::UnknownWord { zh, .. } => zh.label.clone(),
            SyntaxError::SingleEquals { .. } => "是不是 `==` 或 `>=`？".into(),
            SyntaxError::WideOperator { suggestion, .. }
            | SyntaxError::WideNumber { suggestion, .. }
            | SyntaxError::ForeignWord { suggestion, .. } => format!("是不是 `{suggestion}`？"),
            SyntaxError::WideComma { .. } => "是不是 `,`？".into(),
            SyntaxError::UnterminatedString { .. } => "文字从这里开始，一直到行尾".into(),
            SyntaxError::CjkQuote { .. } => "这些引号不是 `\"`".into(),
            SyntaxError::NonAsciiName { .. } => "不是 ASCII 名称".into(),
            SyntaxError::TooDeep { .. } => "在这里达到嵌套上限".into(),
            SyntaxError::TooLarge { .. } => "这份文档太大".into(),
            SyntaxError::NameTooLong { .. } => "这个名称".into(),
            SyntaxError::ExprTooDeep { .. } => "层次太深".into(),
            SyntaxError::BadDate { .. } => "没有这一天".into(),
            SyntaxError::Repeated { what, .. } => format!("第二个 `{what}`"),
            SyntaxError::BadNumber { .. } => "这个数值".into(),
            SyntaxError::RepeatedLanguage { lang, .. } => format!("第二个 {lang} 文字"),
            SyntaxError::UnitAfterNumber { number, .. } => format!("是不是 `{number}`？"),
            SyntaxError::UnclosedBrace { .. } => "在这里打开".into(),
            SyntaxError::ChainedComparison { .. } => "第二个比较".into(),
            SyntaxError::TooManyErrors { .. } => "此后的问题不再列出".into(),
        }
    }

    /// The secondary labels in Chinese, in the order [`miette::Diagnostic::labels`] gives them after the
    /// primary one.
    pub fn related_labels_zh(&self) -> Vec<String> {
        match self {
            SyntaxError::Repeated { .. } => vec!["第一次写在这里".into()],
            _ => Vec::new(),
        }
    }
}

/// Every syntax error found in one document, in source order.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{} syntax error(s)", .errors.len())]
pub struct SyntaxErrors {
    pub errors: Vec<SyntaxError>,
}
