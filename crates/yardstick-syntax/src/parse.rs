//! From text to [`Document`]: limits first, then pest, then a walk over pest's pairs that builds the
//! tree and collects every likely mistake the grammar let through (`bad_*` rules).

use crate::ast::*;
use crate::error::{SyntaxError, SyntaxErrors, Zh};
use crate::limits;
use pest::iterators::Pair;
use pest::Parser as _;
use rust_decimal::Decimal;

#[derive(pest_derive::Parser)]
#[grammar = "grammar.pest"]
struct Grammar;

/// Parse one document.
///
/// Returns every syntax error found when the text cannot be used. A text that pest cannot follow yields one
/// error at the furthest point reached; a text that follows the grammar but contains likely mistakes
/// (`≥`, `=`, `９０％`, `，`, Chinese quotes, non-ASCII names, bad dates, …) yields all of them at once.
///
/// ```
/// let doc = yardstick_syntax::parse(r#"standard demo { version "1" input ok: bool item i { ok } }"#).unwrap();
/// assert_eq!(doc.standard.id.text, "demo");
/// ```
pub fn parse(source: &str) -> Result<Document, SyntaxErrors> {
    limits::check_source(source).map_err(|e| SyntaxErrors { errors: vec![e] })?;
    let mut pairs = Grammar::parse(Rule::file, source).map_err(|e| {
        // When pest cannot go on, a string left open earlier is the likely cause: name it first.
        let mut errors = unclosed_strings(source);
        errors.extend(after_failure(source, &e));
        SyntaxErrors {
            errors: at_most(errors),
        }
    })?;
    let Some(file) = pairs.next() else {
        return Err(SyntaxErrors {
            errors: vec![SyntaxError::Unexpected {
                message: "the document is empty".into(),
                help: "a document starts with `standard ID { … }`".into(),
                span: Span::new(0, 0),
                label: "here".into(),
                zh: Zh::new("文档是空的", "文档以 `standard ID { … }` 开头", "这里"),
            }],
        });
    };
    let mut b = Builder { errors: Vec::new() };
    let doc = b.file(file);
    if b.errors.is_empty() {
        Ok(doc)
    } else {
        crate::sort::sort_by_key(&mut b.errors, |e| (e.span().start, e.span().end));
        Err(SyntaxErrors {
            errors: at_most(b.errors),
        })
    }
}

/// The first [`limits::MAX_SYNTAX_ERRORS`] errors (in source order), and Y0024 when there were more.
fn at_most(mut errors: Vec<SyntaxError>) -> Vec<SyntaxError> {
    if errors.len() > limits::MAX_SYNTAX_ERRORS {
        crate::sort::sort_by_key(&mut errors, |e| (e.span().start, e.span().end));
        errors.truncate(limits::MAX_SYNTAX_ERRORS);
        let at = errors.last().map(|e| e.span()).unwrap_or(Span::new(0, 0));
        errors.push(SyntaxError::TooManyErrors {
            limit: limits::MAX_SYNTAX_ERRORS,
            span: at,
        });
    }
    errors
}

/// The span of a pair, without the whitespace pest counts in after a rule that ends in an optional part.
fn span(p: &Pair<'_, Rule>) -> Span {
    let s = p.as_span();
    let trimmed = p
        .as_str()
        .trim_end_matches([' ', '\t', '\r', '\n', '\u{3000}']);
    Span::new(s.start(), s.start() + trimmed.len())
}

/// Human words for grammar rules, used in "expected …" messages, in English and Chinese.
fn rule_name(rule: &Rule) -> Option<(&'static str, &'static str)> {
    use Rule::*;
    Some(match rule {
        EOI => ("the end of the document", "文档结尾"),
        doc | docs => ("a `///` doc comment", "`///` 说明注释"),
        ident | name | path | ref_path | variant_name => ("a name", "名称"),
        string | string_inner => ("text in double quotes", "双引号内的文字"),
        decimal | percent | integer | digits => ("a number", "数值"),
        date => ("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"),
        standard => ("`standard`", "`standard`"),
        extends => ("`extends`", "`extends`"),
        member => (
            "a declaration (`input`, `item`, `section`, `levels`, `score`, `grade`, `example`, …)",
            "声明（`input`、`item`、`section`、`levels`、`score`、`grade`、`example` 等）",
        ),
        labels | lang => ("`zh \"…\"` or `en \"…\"`", "`zh \"…\"` 或 `en \"…\"`"),
        status => (
            "a status (`draft`, `accepted`, `superseded` or `obsolete`)",
            "状态（`draft`、`accepted`、`superseded` 或 `obsolete`）",
        ),
        tier | tier_letter => (
            "a tier (`A`, `B`, `C` or `S`)",
            "档次（`A`、`B`、`C` 或 `S`）",
        ),
        citation => ("`source \"…\"`", "`source \"…\"`（出处）"),
        note => ("`note \"…\"`", "`note \"…\"`（备注）"),
        years => ("`years`", "`years`"),
        ty | scalar_ty | series_ty => (
            "a type (`bool`, `count`, `percent`, `number`, `enum [...]`, `date` or `series N of …`)",
            "类型（`bool`、`count`、`percent`、`number`、`enum [...]`、`date` 或 `series N of …`）",
        ),
        bool_ty | count_ty | percent_ty | number_ty | number_kw | date_ty | enum_ty => {
            ("a type", "类型")
        }
        variant => ("an enum value", "选项值"),
        range | range_bound => ("a range such as `0..100`", "取值范围，例如 `0..100`"),
        label_attr => ("`label`", "`label`"),
        help_attr => ("`help`", "`help`"),
        group_member => ("an `input` or a `group`", "`input` 或 `group`"),
        section_member => ("an `item` or a `section`", "`item` 或 `section`"),
        item_decl => ("`item`", "`item`"),
        section_decl => ("`section`", "`section`"),
        clause => ("`clause \"…\"`", "`clause \"…\"`（条款）"),
        applies => ("`applies when …`", "`applies when …`"),
        body => ("a condition in `{ … }`", "`{ … }` 中的条件"),
        cited_cond => ("a condition", "条件"),
        expr | or_expr | and_expr | not_expr | cmp_expr | sum | product | unary | paren | call => {
            ("a value or condition", "值或条件")
        }
        or_op => ("`or`", "`or`"),
        and_op => ("`and`", "`and`"),
        not_op => ("`not`", "`not`"),
        cmp_op => (
            "a comparison (`>=`, `>`, `<=`, `<`, `==`, `!=`)",
            "比较符号（`>=`、`>`、`<=`、`<`、`==`、`!=`）",
        ),
        in_op => ("`in`", "`in`"),
        add_op => ("`+` or `-`", "`+` 或 `-`"),
        mul_op => ("`*` or `/`", "`*` 或 `/`"),
        neg_op => ("`-`", "`-`"),
        bool_lit => ("`true` or `false`", "`true` 或 `false`"),
        list => ("a list in `[ … ]`", "`[ … ]` 中的列表"),
        all_of => ("`all_of [ … ]`", "`all_of [ … ]`"),
        any_of => ("`any_of [ … ]`", "`any_of [ … ]`"),
        none_of => ("`none_of [ … ]`", "`none_of [ … ]`"),
        at_least => ("`at_least K of [ … ]`", "`at_least K of [ … ]`"),
        rest => ("`and the rest within Nx`", "`and the rest within Nx`"),
        multiple => ("a multiple such as `3x`", "倍数，例如 `3x`"),
        level_order => (
            "the levels, best first, such as `A > B > C, below D`",
            "级别（从最好的开始），例如 `A > B > C, below D`",
        ),
        level_name => ("a level name", "级别名称"),
        level_member | level_row | level_group => (
            "a row such as `rate <= [1%, 3%, 5%]`",
            "分级表的行，例如 `rate <= [1%, 3%, 5%]`",
        ),
        threshold_list => (
            "one threshold per level in `[ … ]`",
            "`[ … ]` 中每个级别一个限值",
        ),
        unknown_limit => ("`unknown` (a limit that is not known)", "`unknown`（未知限值）"),
        score_weighted | weight_term => (
            "a weighted sum such as `40% covert + 60% overt`",
            "加权求和，例如 `40% covert + 60% overt`",
        ),
        score_expr => ("`= …`", "`= …`"),
        score_deductions => ("`{ deduct … }`", "`{ deduct … }`（扣分）"),
        start_stmt | deduct_stmt | cap_stmt | floor_stmt => (
            "`start`, `deduct`, `cap` or `floor`",
            "`start`、`deduct`、`cap` 或 `floor`",
        ),
        band => (
            "a band such as `good when >= 85 and < 90`",
            "档次，例如 `good when >= 85 and < 90`",
        ),
        band_when => ("`when`", "`when`"),
        band_bound => ("a bound such as `>= 85`", "界限，例如 `>= 85`"),
        band_otherwise => ("`otherwise`", "`otherwise`"),
        rank_key => ("a value to rank by", "排名依据的值"),
        direction => ("`asc` or `desc`", "`asc` 或 `desc`"),
        example_decl => ("`example`", "`example`（示例）"),
        as_of_stmt => ("`as_of YYYY-MM-DD`", "`as_of YYYY-MM-DD`"),
        given_stmt => ("`given name = value`", "`given name = value`"),
        given_pair => ("`name = value`", "`name = value`"),
        given_value | expect_value | signed | series_lit => ("a value", "值"),
        expect_stmt => ("`expect …`", "`expect …`"),
        expectation => ("`name = value`", "`name = value`"),
        expect_target | expect_item | expect_call => (
            "what to expect (`outcome`, an output, `item ID`, `exceedance(ID)`)",
            "预期的对象（`outcome`、输出项、`item ID`、`exceedance(ID)`）",
        ),
        rounded => ("`rounded N`", "`rounded N`"),
        change_decl => ("`change item`", "`change item`"),
        remove_decl => ("`remove`", "`remove`"),
        remove_kind => ("`item` or `section`", "`item` 或 `section`"),
        review_decl => ("`review every N years`", "`review every N years`（复审周期）"),
        effective_decl | effective_from | effective_until | effective_from_until => {
            ("an effective date", "生效日期")
        }
        bad_cmp_op | bad_number | bad_comma | bad_cjk_string | bad_unterminated => return None,
        _ => return None,
    })
}

fn pest_error(source: &str, e: &pest::error::Error<Rule>) -> SyntaxError {
    use pest::error::{ErrorVariant, InputLocation};
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let rest = source.get(pos..).unwrap_or("");
    let found_len = token_len(rest);
    let found = rest.get(..found_len).unwrap_or("");
    let span = Span::new(pos, pos + found_len);
    let mut expected: Vec<&'static str> = Vec::new();
    let mut expected_zh: Vec<&'static str> = Vec::new();
    if let ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some((n, zh)) = rule_name(r) {
                if !expected.contains(&n) {
                    expected.push(n);
                    expected_zh.push(zh);
                }
            }
        }
    }
    let (found_words, found_zh) = if found.is_empty() {
        (
            "the end of the document".to_string(),
            "文档结尾".to_string(),
        )
    } else {
        (format!("`{found}`"), format!("`{found}`"))
    };
    let message_zh = match expected_zh.as_slice() {
        [] => format!("意外的 {found_zh}"),
        [one] => format!("这里应为{one}，却是 {found_zh}"),
        [init @ .., last] => format!("这里应为{}或{last}，却是 {found_zh}", init.join("、")),
    };
    let message = match expected.len() {
        0 => format!("unexpected {found_words}"),
        1 => format!("expected {}, found {found_words}", expected[0]),
        _ => {
            let (last, init) = expected
                .split_last()
                .map(|(l, i)| (*l, i))
                .unwrap_or(("", &[]));
            format!(
                "expected {} or {last}, found {found_words}",
                init.join(", ")
            )
        }
    };
    if let Some(specific) = diagnose(source, pos, found, &expected) {
        return specific;
    }
    let (help, help_zh) = hint_for(source, pos, found, &expected);
    let (label, label_zh) = if found.is_empty() {
        ("the document ends here", "文档在这里结束")
    } else {
        ("not expected here", "这里不应出现")
    };
    SyntaxError::Unexpected {
        message,
        help,
        span,
        label: label.into(),
        zh: Zh::new(message_zh, help_zh, label_zh),
    }
}

fn token_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    match chars.next() {
        None => 0,
        Some((_, c)) if c.is_alphanumeric() || c == '_' => rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len()),
        // A run of operator signs is one token: `<=`, `<>`, `&&`.
        Some((_, c)) if is_op_char(c) => rest
            .char_indices()
            .find(|(_, c)| !is_op_char(*c))
            .map(|(i, _)| i)
            .unwrap_or(rest.len()),
        Some((_, c)) => c.len_utf8(),
    }
}

fn is_op_char(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '!' | '&' | '|')
}

/// The help of an "expected …" error, in English and Chinese.
fn hint_for(source: &str, pos: usize, found: &str, expected: &[&str]) -> (String, String) {
    let both = |en: &str, zh: &str| (en.to_string(), zh.to_string());
    if found.is_empty() {
        return both(
            "a `{` may be missing its closing `}`",
            "可能有一个 `{` 缺少配对的 `}`",
        );
    }
    if found == "}" {
        return both(
            "something is missing before this `}`",
            "这个 `}` 之前缺少了内容",
        );
    }
    if !found.is_ascii() {
        return both(
            "non-ASCII characters are only allowed inside \"text\"; labels go in `label zh \"…\" en \"…\"`",
            "非 ASCII 字符（如中文）只能写在 \"文字\" 引号内；标签请写在 `label zh \"…\" en \"…\"` 中",
        );
    }
    if expected.iter().any(|e| e.starts_with("a date")) {
        return date_hint(source.get(pos..).unwrap_or(""));
    }
    if expected == ["text in double quotes"] && !found.starts_with('"') {
        return (
            format!("put the text in straight double quotes: `\"{found}\"`"),
            format!("请把文字放在直的双引号中：`\"{found}\"`"),
        );
    }
    if expected.iter().any(|e| e.starts_with("a declaration")) && at_line_start(source, pos) {
        return both(
            "inside `standard { … }` each line starts with a keyword such as `input`, `item`, `section`, `basic`, `levels`, `score`, `grade`, `rank` or `example`",
            "在 `standard { … }` 内，每一行都以关键字开头，例如 `input`、`item`、`section`、`basic`、`levels`、`score`、`grade`、`rank` 或 `example`",
        );
    }
    both(
        "check the spelling and punctuation just before this point",
        "请检查这里之前的拼写和标点",
    )
}

struct Builder {
    errors: Vec<SyntaxError>,
}

/// Iterate the inner pairs of a pair.
fn inner(p: Pair<'_, Rule>) -> pest::iterators::Pairs<'_, Rule> {
    p.into_inner()
}

impl Builder {
    fn file(&mut self, p: Pair<'_, Rule>) -> Document {
        let mut docs = Vec::new();
        let mut standard = None;
        for c in inner(p) {
            match c.as_rule() {
                Rule::docs => docs = self.docs(c),
                Rule::standard => standard = Some(self.standard(c)),
                _ => {}
            }
        }
        Document {
            docs,
            standard: standard.unwrap_or_else(|| Standard {
                id: Path {
                    text: String::new(),
                    span: Span::default(),
                },
                extends: None,
                members: Vec::new(),
                span: Span::default(),
            }),
        }
    }

    fn docs(&mut self, p: Pair<'_, Rule>) -> Vec<Text> {
        inner(p)
            .map(|d| {
                let raw = d.as_str();
                let body = raw.strip_prefix("///").unwrap_or(raw);
                let body = body.strip_prefix(' ').unwrap_or(body);
                Text {
                    value: body.trim_end().to_string(),
                    span: span(&d),
                }
            })
            .collect()
    }

    fn standard(&mut self, p: Pair<'_, Rule>) -> Standard {
        let sp = span(&p);
        let mut it = inner(p);
        let id = it.next().map(|x| self.path(x)).unwrap_or_else(empty_path);
        let mut extends = None;
        let mut members = Vec::new();
        for c in it {
            match c.as_rule() {
                Rule::extends => extends = Some(self.version_ref(c)),
                Rule::member => members.push(self.member(c)),
                _ => {}
            }
        }
        Standard {
            id,
            extends,
            members,
            span: sp,
        }
    }

    fn version_ref(&mut self, p: Pair<'_, Rule>) -> VersionRef {
        let sp = span(&p);
        let mut it = inner(p);
        let id = it.next().map(|x| self.path(x)).unwrap_or_else(empty_path);
        let version = it.next().map(|x| self.text(x)).unwrap_or_else(empty_text);
        VersionRef {
            id,
            version,
            span: sp,
        }
    }

    fn member(&mut self, p: Pair<'_, Rule>) -> Member {
        let sp = span(&p);
        let mut docs = Vec::new();
        let mut kind = None;
        for c in inner(p) {
            match c.as_rule() {
                Rule::docs => docs = self.docs(c),
                _ => kind = Some(self.member_kind(c)),
            }
        }
        Member {
            docs,
            kind: kind.unwrap_or(MemberKind::Version(empty_text())),
            span: sp,
        }
    }

    fn member_kind(&mut self, p: Pair<'_, Rule>) -> MemberKind {
        let sp = span(&p);
        match p.as_rule() {
            Rule::title_decl => {
                MemberKind::Title(inner(p).next().map(|l| self.labels(l)).unwrap_or_default())
            }
            Rule::version_decl => MemberKind::Version(
                inner(p)
                    .next()
                    .map(|t| self.text(t))
                    .unwrap_or_else(empty_text),
            ),
            Rule::effective_decl => MemberKind::Effective(self.effective(p)),
            Rule::status_decl => {
                let s = inner(p)
                    .next()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default();
                MemberKind::Status(match s.as_str() {
                    "draft" => Status::Draft,
                    "superseded" => Status::Superseded,
                    "obsolete" => Status::Obsolete,
                    _ => Status::Accepted,
                })
            }
            Rule::source_decl => MemberKind::Source(
                inner(p)
                    .next()
                    .map(|c| self.citation(c))
                    .unwrap_or_else(|| empty_citation(sp)),
            ),
            Rule::supersedes_decl => MemberKind::Supersedes(self.version_ref(p)),
            Rule::use_decl => {
                let mut it = inner(p);
                let id = it.next().map(|x| self.path(x)).unwrap_or_else(empty_path);
                let version = it.next().map(|x| self.text(x)).unwrap_or_else(empty_text);
                let alias = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
                MemberKind::Use(Use {
                    target: VersionRef {
                        id,
                        version,
                        span: sp,
                    },
                    alias,
                })
            }
            Rule::review_decl => {
                let nums: Vec<u32> = inner(p)
                    .filter(|c| c.as_rule() == Rule::integer)
                    .map(|c| self.u32(&c))
                    .collect();
                MemberKind::Review(Review {
                    every_years: nums.first().copied().unwrap_or(0),
                    rectify_years: nums.get(1).copied(),
                    span: sp,
                })
            }
            Rule::input_decl => MemberKind::Input(self.input(p)),
            Rule::group_decl => MemberKind::Group(self.group(p)),
            Rule::let_decl => MemberKind::Let(self.let_decl(p)),
            Rule::output_decl => MemberKind::Output(self.let_decl(p)),
            Rule::section_decl | Rule::basic_decl => MemberKind::Section(self.section(p)),
            Rule::item_decl => MemberKind::Item(self.item(p)),
            Rule::levels_decl | Rule::levels_patch => MemberKind::Levels(self.levels(p)),
            Rule::score_decl | Rule::score_patch => MemberKind::Score(self.score(p)),
            Rule::grade_decl | Rule::grade_patch => MemberKind::Grade(self.grade(p)),
            Rule::rank_decl => MemberKind::Rank(self.rank(p)),
            Rule::require_decl => MemberKind::Require(self.require(p)),
            Rule::example_decl => MemberKind::Example(self.example(p)),
            Rule::change_decl => MemberKind::Change(self.change(p)),
            Rule::remove_decl => {
                let mut it = inner(p);
                let section = it.next().map(|k| k.as_str() == "section").unwrap_or(false);
                let target = it.next().map(|x| self.path(x)).unwrap_or_else(empty_path);
                MemberKind::Remove(Remove {
                    section,
                    target,
                    span: sp,
                })
            }
            _ => MemberKind::Version(empty_text()),
        }
    }

    // ------------------------------------------------------------------------------------------ lexemes

    /// `input` is the whole text, to see what stands just before the name (`3处`: a unit after a number).
    fn check_name(&mut self, text: &str, sp: Span, input: &str) {
        if let Some(e) = word_slip(input, text, sp) {
            self.errors.push(e);
        } else if !text.split('.').all(|seg| {
            let mut cs = seg.chars();
            matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }) {
            self.errors.push(SyntaxError::NonAsciiName {
                name: text.to_string(),
                span: sp,
            });
        }
        let len = text.chars().count();
        if len > limits::MAX_NAME_LEN {
            self.errors.push(SyntaxError::NameTooLong {
                len,
                limit: limits::MAX_NAME_LEN,
                span: sp,
            });
        }
    }

    fn ident(&mut self, p: Pair<'_, Rule>) -> Ident {
        let sp = span(&p);
        let name = p.as_str().to_string();
        if p.as_rule() != Rule::integer
            && !(matches!(p.as_rule(), Rule::level_name | Rule::variant_name) && is_integer(&name))
        {
            self.check_name(&name, sp, p.as_span().get_input());
        }
        Ident { name, span: sp }
    }

    fn path(&mut self, p: Pair<'_, Rule>) -> Path {
        let sp = span(&p);
        let text = p.as_str().to_string();
        if p.as_rule() == Rule::ref_path {
            if let Some(e) = upper_case_keyword(&text, sp) {
                self.errors.push(e);
            }
        }
        self.check_name(&text, sp, p.as_span().get_input());
        Path { text, span: sp }
    }

    fn text(&mut self, p: Pair<'_, Rule>) -> Text {
        let sp = span(&p);
        match p.as_rule() {
            Rule::string => {
                let raw = inner(p).next().map(|i| i.as_str()).unwrap_or("");
                Text {
                    value: unescape(raw),
                    span: sp,
                }
            }
            Rule::bad_unterminated => {
                self.errors
                    .push(SyntaxError::UnterminatedString { span: sp });
                Text {
                    value: p.as_str().trim_start_matches('"').to_string(),
                    span: sp,
                }
            }
            Rule::bad_cjk_string => {
                let raw = p.as_str();
                let open: String = raw.chars().take(1).collect();
                let inner_text: String = raw
                    .chars()
                    .skip(1)
                    .take_while(|c| !matches!(c, '\u{201D}' | '\u{300D}' | '\u{300F}'))
                    .collect();
                self.errors.push(SyntaxError::CjkQuote {
                    open,
                    inner: inner_text.clone(),
                    span: sp,
                });
                Text {
                    value: inner_text,
                    span: sp,
                }
            }
            _ => Text {
                value: p.as_str().to_string(),
                span: sp,
            },
        }
    }

    fn u32(&mut self, p: &Pair<'_, Rule>) -> u32 {
        match p.as_str().parse::<u32>() {
            Ok(v) => v,
            Err(_) => {
                self.errors.push(SyntaxError::BadNumber {
                    text: p.as_str().into(),
                    span: span(p),
                });
                0
            }
        }
    }

    fn number(&mut self, p: Pair<'_, Rule>) -> Number {
        let sp = span(&p);
        let raw = p.as_str();
        match p.as_rule() {
            Rule::bad_number => {
                let suggestion = narrow(raw);
                self.errors.push(SyntaxError::WideNumber {
                    found: raw.into(),
                    suggestion: suggestion.clone(),
                    span: sp,
                });
                let percent = suggestion.ends_with('%');
                let value =
                    Decimal::from_str_exact(suggestion.trim_end_matches('%')).unwrap_or_default();
                Number {
                    value,
                    percent,
                    span: sp,
                }
            }
            _ => {
                let percent = raw.ends_with('%');
                let digits = raw.trim_end_matches('%');
                match Decimal::from_str_exact(digits) {
                    Ok(value) => Number {
                        value,
                        percent,
                        span: sp,
                    },
                    Err(_) => {
                        self.errors.push(SyntaxError::BadNumber {
                            text: raw.into(),
                            span: sp,
                        });
                        Number {
                            value: Decimal::ZERO,
                            percent,
                            span: sp,
                        }
                    }
                }
            }
        }
    }

    fn date(&mut self, p: Pair<'_, Rule>) -> DateLit {
        let sp = span(&p);
        let text = p.as_str();
        match parse_date(text) {
            Some(date) => DateLit { date, span: sp },
            None => {
                self.errors.push(SyntaxError::BadDate {
                    text: text.into(),
                    span: sp,
                });
                DateLit {
                    date: Date {
                        year: 1970,
                        month: 1,
                        day: 1,
                    },
                    span: sp,
                }
            }
        }
    }

    fn labels(&mut self, p: Pair<'_, Rule>) -> Labels {
        let sp = span(&p);
        let mut l = Labels {
            zh: None,
            en: None,
            span: sp,
        };
        let mut it = inner(p);
        while let Some(lang) = it.next() {
            let Some(t) = it.next() else { break };
            let t = self.text(t);
            let slot = if lang.as_str() == "zh" {
                &mut l.zh
            } else {
                &mut l.en
            };
            if slot.is_some() {
                self.errors.push(SyntaxError::RepeatedLanguage {
                    lang: lang.as_str().into(),
                    span: span(&lang),
                });
            }
            *slot = Some(t);
        }
        l
    }

    fn citation(&mut self, p: Pair<'_, Rule>) -> Citation {
        let sp = span(&p);
        let mut c = empty_citation(sp);
        for x in inner(p) {
            match x.as_rule() {
                Rule::tier => {
                    c.tier = Some(match x.as_str().trim_start_matches("tier").trim() {
                        "A" => Tier::A,
                        "B" => Tier::B,
                        "C" => Tier::C,
                        _ => Tier::S,
                    })
                }
                Rule::note => c.note = inner(x).next().map(|t| self.text(t)),
                _ => c.source = self.text(x),
            }
        }
        c
    }

    fn effective(&mut self, p: Pair<'_, Rule>) -> Effective {
        let sp = span(&p);
        let mut e = Effective {
            from: None,
            until: None,
            note: None,
            span: sp,
        };
        for x in inner(p) {
            match x.as_rule() {
                Rule::effective_from_until => {
                    let mut ds = inner(x);
                    e.from = ds.next().map(|d| self.date(d));
                    e.until = ds.next().map(|d| self.date(d));
                }
                Rule::effective_from => e.from = inner(x).next().map(|d| self.date(d)),
                Rule::effective_until => e.until = inner(x).next().map(|d| self.date(d)),
                Rule::note => e.note = inner(x).next().map(|t| self.text(t)),
                _ => {}
            }
        }
        e
    }

    // ------------------------------------------------------------------------------------------ inputs

    fn input(&mut self, p: Pair<'_, Rule>) -> Input {
        let sp = span(&p);
        let mut it = inner(p);
        let name = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
        let ty = it.next().map(|x| self.ty(x)).unwrap_or(Type {
            kind: TypeKind::Bool,
            span: sp,
        });
        let mut input = Input {
            name,
            ty,
            range: None,
            label: None,
            help: None,
            citation: None,
            span: sp,
        };
        for x in it {
            let xs = span(&x);
            match x.as_rule() {
                Rule::range => {
                    let r = self.range(x);
                    self.once("range", &mut input.range, r, xs, |r| r.span);
                }
                Rule::label_attr => {
                    let l = self.label_attr(x);
                    self.once("label", &mut input.label, l, xs, |l| l.span);
                }
                Rule::help_attr => {
                    let l = self.label_attr(x);
                    self.once("help", &mut input.help, l, xs, |l| l.span);
                }
                Rule::citation => {
                    let c = self.citation(x);
                    self.once("source", &mut input.citation, c, xs, |c| c.span);
                }
                _ => {}
            }
        }
        input
    }

    fn once<T>(
        &mut self,
        what: &str,
        slot: &mut Option<T>,
        value: T,
        sp: Span,
        span_of: impl Fn(&T) -> Span,
    ) {
        if let Some(prev) = slot {
            self.errors.push(SyntaxError::Repeated {
                what: what.into(),
                span: sp,
                first: span_of(prev),
            });
        } else {
            *slot = Some(value);
        }
    }

    fn label_attr(&mut self, p: Pair<'_, Rule>) -> Labels {
        let sp = span(&p);
        let mut l = inner(p).next().map(|l| self.labels(l)).unwrap_or_default();
        l.span = sp;
        l
    }

    fn ty(&mut self, p: Pair<'_, Rule>) -> Type {
        let sp = span(&p);
        let Some(c) = inner(p).next() else {
            return Type {
                kind: TypeKind::Bool,
                span: sp,
            };
        };
        match c.as_rule() {
            Rule::series_ty => {
                let mut it = inner(c);
                let len = it.next().map(|n| self.u32(&n)).unwrap_or(0);
                let elem = it.next().map(|e| self.scalar_ty(e)).unwrap_or(Type {
                    kind: TypeKind::Bool,
                    span: sp,
                });
                Type {
                    kind: TypeKind::Series {
                        len,
                        elem: Box::new(elem),
                    },
                    span: sp,
                }
            }
            _ => self.scalar_ty(c),
        }
    }

    fn scalar_ty(&mut self, p: Pair<'_, Rule>) -> Type {
        let sp = span(&p);
        let Some(c) = inner(p).next() else {
            return Type {
                kind: TypeKind::Bool,
                span: sp,
            };
        };
        let kind = match c.as_rule() {
            Rule::bool_ty => TypeKind::Bool,
            Rule::count_ty => TypeKind::Count,
            Rule::percent_ty => TypeKind::Percent,
            Rule::date_ty => TypeKind::Date,
            Rule::number_ty => {
                let unit = inner(c)
                    .find(|x| x.as_rule() != Rule::number_kw)
                    .map(|t| self.text(t));
                TypeKind::Number { unit }
            }
            Rule::enum_ty => {
                let mut vs = Vec::new();
                for v in inner(c.clone()).filter(|v| v.as_rule() == Rule::variant) {
                    let mut vi = inner(v);
                    let name = vi.next().map(|n| self.ident(n)).unwrap_or_else(empty_ident);
                    let label = vi.next().map(|t| self.text(t));
                    vs.push(Variant { name, label });
                }
                self.comma_errors_in(&c);
                TypeKind::Enum(vs)
            }
            _ => TypeKind::Bool,
        };
        Type { kind, span: sp }
    }

    fn range(&mut self, p: Pair<'_, Rule>) -> Range {
        let sp = span(&p);
        let text = p.as_str();
        let dots = text.find("..").map(|i| sp.start + i).unwrap_or(sp.start);
        let mut r = Range {
            min: None,
            max: None,
            span: sp,
        };
        for b in inner(p) {
            let bsp = span(&b);
            let neg = b.as_str().trim_start().starts_with('-');
            let Some(n) = inner(b).next() else { continue };
            let mut n = self.number(n);
            if neg {
                n.value = -n.value;
            }
            n.span = bsp;
            if bsp.start < dots {
                r.min = Some(n);
            } else {
                r.max = Some(n);
            }
        }
        r
    }

    fn group(&mut self, p: Pair<'_, Rule>) -> Group {
        let sp = span(&p);
        let mut it = inner(p);
        let name = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
        let mut g = Group {
            name,
            short_label: None,
            label: None,
            members: Vec::new(),
            span: sp,
        };
        for x in it {
            match x.as_rule() {
                Rule::label_attr => g.label = Some(self.label_attr(x)),
                Rule::group_member => {
                    let mut docs = Vec::new();
                    for y in inner(x) {
                        match y.as_rule() {
                            Rule::docs => docs = self.docs(y),
                            Rule::input_decl => {
                                let i = self.input(y);
                                g.members.push(GroupMember {
                                    docs: std::mem::take(&mut docs),
                                    kind: GroupMemberKind::Input(i),
                                });
                            }
                            Rule::group_decl => {
                                let i = self.group(y);
                                g.members.push(GroupMember {
                                    docs: std::mem::take(&mut docs),
                                    kind: GroupMemberKind::Group(i),
                                });
                            }
                            _ => {}
                        }
                    }
                }
                _ => g.short_label = Some(self.text(x)),
            }
        }
        g
    }

    fn let_decl(&mut self, p: Pair<'_, Rule>) -> Let {
        let sp = span(&p);
        let mut it = inner(p);
        let name = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
        let expr = it
            .next()
            .map(|x| self.expr(x))
            .unwrap_or_else(|| error_expr(sp));
        let label = it.next().map(|x| self.label_attr(x));
        Let {
            name,
            expr,
            label,
            span: sp,
        }
    }

    // ------------------------------------------------------------------------------------------ items

    fn meta(&mut self, m: &mut Meta, x: Pair<'_, Rule>) -> bool {
        let xs = span(&x);
        match x.as_rule() {
            Rule::label_attr => {
                let l = self.label_attr(x);
                self.once("label", &mut m.label, l, xs, |l| l.span);
            }
            Rule::clause => {
                let t = inner(x)
                    .next()
                    .map(|t| self.text(t))
                    .unwrap_or_else(empty_text);
                self.once("clause", &mut m.clause, t, xs, |t| t.span);
            }
            Rule::citation => {
                let c = self.citation(x);
                self.once("source", &mut m.citation, c, xs, |c| c.span);
            }
            Rule::applies => {
                let e = inner(x)
                    .next()
                    .map(|e| self.expr(e))
                    .unwrap_or_else(|| error_expr(xs));
                self.once("applies when", &mut m.applies, e, xs, |e| e.span);
            }
            _ => return false,
        }
        true
    }

    fn section(&mut self, p: Pair<'_, Rule>) -> Section {
        let sp = span(&p);
        let basic = p.as_rule() == Rule::basic_decl;
        let mut s = Section {
            basic,
            name: None,
            short_label: None,
            meta: Meta::default(),
            members: Vec::new(),
            span: sp,
        };
        for x in inner(p) {
            match x.as_rule() {
                Rule::name => s.name = Some(self.ident(x)),
                Rule::string | Rule::bad_cjk_string | Rule::bad_unterminated => {
                    s.short_label = Some(self.text(x))
                }
                Rule::section_member => {
                    let mut docs = Vec::new();
                    for y in inner(x) {
                        match y.as_rule() {
                            Rule::docs => docs = self.docs(y),
                            Rule::item_decl => {
                                let i = self.item(y);
                                s.members.push(SectionMember {
                                    docs: std::mem::take(&mut docs),
                                    kind: SectionMemberKind::Item(i),
                                });
                            }
                            Rule::section_decl => {
                                let i = self.section(y);
                                s.members.push(SectionMember {
                                    docs: std::mem::take(&mut docs),
                                    kind: SectionMemberKind::Section(i),
                                });
                            }
                            _ => {}
                        }
                    }
                }
                _ => {
                    let mut m = std::mem::take(&mut s.meta);
                    self.meta(&mut m, x);
                    s.meta = m;
                }
            }
        }
        s
    }

    fn item(&mut self, p: Pair<'_, Rule>) -> Item {
        let sp = span(&p);
        let mut it = inner(p);
        let name = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
        let mut item = Item {
            name,
            short_label: None,
            meta: Meta::default(),
            body: Vec::new(),
            span: sp,
        };
        for x in it {
            match x.as_rule() {
                Rule::string | Rule::bad_cjk_string | Rule::bad_unterminated => {
                    item.short_label = Some(self.text(x))
                }
                Rule::body => item.body = self.body(x),
                _ => {
                    let mut m = std::mem::take(&mut item.meta);
                    self.meta(&mut m, x);
                    item.meta = m;
                }
            }
        }
        item
    }

    fn body(&mut self, p: Pair<'_, Rule>) -> Vec<CitedCond> {
        inner(p)
            .map(|c| {
                let mut it = inner(c);
                let expr = it
                    .next()
                    .map(|e| self.expr(e))
                    .unwrap_or_else(|| error_expr(Span::default()));
                let citation = it.next().map(|c| self.citation(c));
                CitedCond { expr, citation }
            })
            .collect()
    }

    fn change(&mut self, p: Pair<'_, Rule>) -> Change {
        let sp = span(&p);
        let mut it = inner(p);
        let item = it.next().map(|x| self.path(x)).unwrap_or_else(empty_path);
        let mut c = Change {
            item,
            short_label: None,
            meta: Meta::default(),
            body: None,
            span: sp,
        };
        for x in it {
            match x.as_rule() {
                Rule::string | Rule::bad_cjk_string | Rule::bad_unterminated => {
                    c.short_label = Some(self.text(x))
                }
                Rule::body => c.body = Some(self.body(x)),
                _ => {
                    let mut m = std::mem::take(&mut c.meta);
                    self.meta(&mut m, x);
                    c.meta = m;
                }
            }
        }
        c
    }

    // ------------------------------------------------------------------------------------------ expressions

    fn expr(&mut self, p: Pair<'_, Rule>) -> Expr {
        let e = self.expr_inner(p);
        let depth = depth_of(&e);
        if depth > limits::MAX_EXPR_DEPTH {
            self.errors.push(SyntaxError::ExprTooDeep {
                limit: limits::MAX_EXPR_DEPTH,
                span: e.span,
            });
            return error_expr(e.span);
        }
        e
    }

    /// Report an expression nested past [`limits::MAX_EXPR_DEPTH`] and stand an error in for it.
    fn too_deep(&mut self, sp: Span) -> Expr {
        self.errors.push(SyntaxError::ExprTooDeep {
            limit: limits::MAX_EXPR_DEPTH,
            span: sp,
        });
        error_expr(sp)
    }

    fn expr_inner(&mut self, p: Pair<'_, Rule>) -> Expr {
        let sp = span(&p);
        match p.as_rule() {
            Rule::expr => match inner(p).next() {
                Some(x) => self.expr_inner(x),
                None => error_expr(sp),
            },
            Rule::or_expr | Rule::and_expr => {
                let op = if p.as_rule() == Rule::or_expr {
                    LogicOp::Or
                } else {
                    LogicOp::And
                };
                let operands: Vec<Expr> = inner(p)
                    .filter(|x| !matches!(x.as_rule(), Rule::or_op | Rule::and_op))
                    .map(|x| self.expr_inner(x))
                    .collect();
                if operands.len() == 1 {
                    operands
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| error_expr(sp))
                } else {
                    Expr {
                        kind: ExprKind::Logic { op, operands },
                        span: sp,
                    }
                }
            }
            Rule::not_expr => {
                let parts: Vec<Pair<'_, Rule>> = inner(p).collect();
                if parts.len() > limits::MAX_EXPR_DEPTH {
                    return self.too_deep(sp);
                }
                let nots: Vec<Span> = parts
                    .iter()
                    .filter(|x| x.as_rule() == Rule::not_op)
                    .map(span)
                    .collect();
                let mut e = parts
                    .into_iter()
                    .find(|x| x.as_rule() != Rule::not_op)
                    .map(|x| self.expr_inner(x))
                    .unwrap_or_else(|| error_expr(sp));
                for n in nots.into_iter().rev() {
                    let s = n.to(e.span);
                    e = Expr {
                        kind: ExprKind::Not(Box::new(e)),
                        span: s,
                    };
                }
                e
            }
            Rule::cmp_expr => {
                let mut it = inner(p);
                let lhs = it
                    .next()
                    .map(|x| self.expr_inner(x))
                    .unwrap_or_else(|| error_expr(sp));
                let Some(op) = it.next() else { return lhs };
                let op_span = span(&op);
                match op.as_rule() {
                    Rule::in_op => {
                        let list = it.next().map(|l| self.list(l)).unwrap_or_default();
                        Expr {
                            kind: ExprKind::In {
                                lhs: Box::new(lhs),
                                list,
                            },
                            span: sp,
                        }
                    }
                    _ => {
                        let cmp = self.cmp_op(&op, op_span);
                        let rhs = it
                            .next()
                            .map(|x| self.expr_inner(x))
                            .unwrap_or_else(|| error_expr(sp));
                        Expr {
                            kind: ExprKind::Compare {
                                op: cmp,
                                lhs: Box::new(lhs),
                                rhs: Box::new(rhs),
                            },
                            span: sp,
                        }
                    }
                }
            }
            Rule::sum | Rule::product => {
                // A chain nests one level per operator: refuse a chain past the depth limit before
                // building it, so no deep tree is ever built (or dropped, which recurses).
                if inner(p.clone()).count() / 2 > limits::MAX_EXPR_DEPTH {
                    return self.too_deep(sp);
                }
                let mut it = inner(p);
                let mut acc = it
                    .next()
                    .map(|x| self.expr_inner(x))
                    .unwrap_or_else(|| error_expr(sp));
                while let Some(op) = it.next() {
                    let op = match op.as_str() {
                        "+" => ArithOp::Add,
                        "-" => ArithOp::Sub,
                        "*" => ArithOp::Mul,
                        _ => ArithOp::Div,
                    };
                    let rhs = it
                        .next()
                        .map(|x| self.expr_inner(x))
                        .unwrap_or_else(|| error_expr(sp));
                    let s = acc.span.to(rhs.span);
                    acc = Expr {
                        kind: ExprKind::Arith {
                            op,
                            lhs: Box::new(acc),
                            rhs: Box::new(rhs),
                        },
                        span: s,
                    };
                }
                acc
            }
            Rule::unary => {
                let parts: Vec<Pair<'_, Rule>> = inner(p).collect();
                if parts.len() > limits::MAX_EXPR_DEPTH {
                    return self.too_deep(sp);
                }
                let negs: Vec<Span> = parts
                    .iter()
                    .filter(|x| x.as_rule() == Rule::neg_op)
                    .map(span)
                    .collect();
                let mut e = parts
                    .into_iter()
                    .find(|x| x.as_rule() != Rule::neg_op)
                    .map(|x| self.expr_inner(x))
                    .unwrap_or_else(|| error_expr(sp));
                for n in negs.into_iter().rev() {
                    let s = n.to(e.span);
                    e = Expr {
                        kind: ExprKind::Neg(Box::new(e)),
                        span: s,
                    };
                }
                e
            }
            Rule::paren => {
                let e = inner(p)
                    .next()
                    .map(|x| self.expr_inner(x))
                    .unwrap_or_else(|| error_expr(sp));
                Expr {
                    kind: ExprKind::Paren(Box::new(e)),
                    span: sp,
                }
            }
            Rule::date => {
                let d = self.date(p);
                Expr {
                    kind: ExprKind::Date(d),
                    span: sp,
                }
            }
            Rule::percent | Rule::decimal | Rule::bad_number => {
                let n = self.number(p);
                Expr {
                    kind: ExprKind::Number(n),
                    span: sp,
                }
            }
            Rule::bool_lit => Expr {
                kind: ExprKind::Bool(p.as_str() == "true"),
                span: sp,
            },
            Rule::ref_path => {
                let path = self.path(p);
                Expr {
                    kind: ExprKind::Ref(path),
                    span: sp,
                }
            }
            Rule::call => {
                let mut it = inner(p);
                let func = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
                let mut args = Vec::new();
                for x in it {
                    if x.as_rule() == Rule::bad_comma {
                        self.errors.push(SyntaxError::WideComma {
                            found: x.as_str().into(),
                            span: span(&x),
                        });
                    } else {
                        args.push(self.expr_inner(x));
                    }
                }
                Expr {
                    kind: ExprKind::Call { func, args },
                    span: sp,
                }
            }
            Rule::if_expr => {
                let mut parts = inner(p).filter(|x| x.as_rule() == Rule::expr);
                let mut next = || {
                    parts
                        .next()
                        .map(|x| self.expr_inner(x))
                        .unwrap_or_else(|| error_expr(sp))
                };
                let (cond, then, otherwise) = (next(), next(), next());
                Expr {
                    kind: ExprKind::If {
                        cond: Box::new(cond),
                        then: Box::new(then),
                        otherwise: Box::new(otherwise),
                    },
                    span: sp,
                }
            }
            Rule::each_expr => {
                let mut var = empty_ident();
                let mut group = empty_path();
                let mut body = error_expr(sp);
                for x in inner(p) {
                    match x.as_rule() {
                        Rule::name => var = self.ident(x),
                        Rule::path => group = self.path(x),
                        Rule::expr => body = self.expr_inner(x),
                        _ => {}
                    }
                }
                Expr {
                    kind: ExprKind::Each {
                        var,
                        group,
                        body: Box::new(body),
                    },
                    span: sp,
                }
            }
            Rule::all_of | Rule::any_of | Rule::none_of => {
                let rule = p.as_rule();
                let list = inner(p).next().map(|l| self.list(l)).unwrap_or_default();
                let kind = match rule {
                    Rule::all_of => ExprKind::AllOf(list),
                    Rule::any_of => ExprKind::AnyOf(list),
                    _ => ExprKind::NoneOf(list),
                };
                Expr { kind, span: sp }
            }
            Rule::at_least => {
                let mut k = 0;
                let mut list = Vec::new();
                let mut rest_within = None;
                for x in inner(p) {
                    match x.as_rule() {
                        Rule::integer => k = self.u32(&x),
                        Rule::list => list = self.list(x),
                        Rule::rest => {
                            if let Some(m) = inner(x).next() {
                                let msp = span(&m);
                                let digits = m.as_str().trim_end_matches(['x', '\u{00D7}']);
                                match Decimal::from_str_exact(digits) {
                                    Ok(value) => {
                                        rest_within = Some(Number {
                                            value,
                                            percent: false,
                                            span: msp,
                                        })
                                    }
                                    Err(_) => self.errors.push(SyntaxError::BadNumber {
                                        text: m.as_str().into(),
                                        span: msp,
                                    }),
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Expr {
                    kind: ExprKind::AtLeast {
                        k,
                        list,
                        rest_within,
                    },
                    span: sp,
                }
            }
            Rule::bad_cjk_string => {
                self.text(p);
                error_expr(sp)
            }
            _ => {
                self.errors.push(SyntaxError::Unexpected {
                    message: format!("`{}` cannot be used as a value here", p.as_str()),
                    help: "a condition compares a value with a limit, e.g. `rate <= 3%`".into(),
                    span: sp,
                    label: "here".into(),
                    zh: Zh::new(
                        format!("`{}` 不能在这里用作值", p.as_str()),
                        "条件是把一个值与限值比较，例如 `rate <= 3%`",
                        "这里",
                    ),
                });
                error_expr(sp)
            }
        }
    }

    fn cmp_op(&mut self, op: &Pair<'_, Rule>, sp: Span) -> CmpOp {
        let s = op.as_str();
        if op.as_rule() == Rule::bad_cmp_op {
            let (suggestion, cmp) = match s {
                "\u{2265}" | "\u{FF1E}\u{FF1D}" | "=>" => (">=", CmpOp::Ge),
                "\u{2264}" | "\u{FF1C}\u{FF1D}" | "=<" => ("<=", CmpOp::Le),
                "\u{FF1E}" => (">", CmpOp::Gt),
                "\u{FF1C}" => ("<", CmpOp::Lt),
                "\u{2260}" => ("!=", CmpOp::Ne),
                "\u{FF1D}" => ("==", CmpOp::Eq),
                _ => {
                    self.errors.push(SyntaxError::SingleEquals { span: sp });
                    return CmpOp::Eq;
                }
            };
            self.errors.push(SyntaxError::WideOperator {
                found: s.into(),
                suggestion: suggestion.into(),
                span: sp,
            });
            return cmp;
        }
        match s {
            ">=" => CmpOp::Ge,
            ">" => CmpOp::Gt,
            "<=" => CmpOp::Le,
            "<" => CmpOp::Lt,
            "==" => CmpOp::Eq,
            _ => CmpOp::Ne,
        }
    }

    fn list(&mut self, p: Pair<'_, Rule>) -> Vec<Expr> {
        self.comma_errors_in(&p);
        inner(p)
            .filter(|x| x.as_rule() != Rule::bad_comma)
            .map(|x| self.expr_inner(x))
            .collect()
    }

    /// Report full-width commas that are direct children of `p`.
    fn comma_errors_in(&mut self, p: &Pair<'_, Rule>) {
        for x in p.clone().into_inner() {
            if x.as_rule() == Rule::bad_comma {
                self.errors.push(SyntaxError::WideComma {
                    found: x.as_str().into(),
                    span: span(&x),
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------------ levels

    fn levels(&mut self, p: Pair<'_, Rule>) -> Levels {
        let sp = span(&p);
        let patch = p.as_rule() == Rule::levels_patch;
        let mut it = inner(p).peekable();
        let replace = it.next_if(|x| x.as_rule() == Rule::change_kw).is_some();
        let name = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
        let mut order = Vec::new();
        let mut below = if patch { name.clone() } else { empty_ident() };
        if let Some(o) = it.next_if(|x| x.as_rule() == Rule::level_order) {
            self.comma_errors_in(&o);
            let names: Vec<Ident> = inner(o)
                .filter(|x| x.as_rule() == Rule::level_name)
                .map(|x| self.ident(x))
                .collect();
            if let Some((last, init)) = names.split_last() {
                below = last.clone();
                order = init.to_vec();
            }
        }
        let mut l = Levels {
            replace,
            patch,
            name,
            order,
            below,
            label: None,
            citation: None,
            members: Vec::new(),
            span: sp,
        };
        for x in it {
            match x.as_rule() {
                Rule::label_attr => l.label = Some(self.label_attr(x)),
                Rule::citation => l.citation = Some(self.citation(x)),
                Rule::level_member => {
                    let mut docs = Vec::new();
                    for y in inner(x) {
                        match y.as_rule() {
                            Rule::docs => docs = self.docs(y),
                            Rule::level_row => {
                                let mut r = self.level_row(y);
                                r.docs.splice(0..0, std::mem::take(&mut docs));
                                l.members.push(LevelMember::Row(r));
                            }
                            Rule::level_group => {
                                let mut g = self.level_group(y);
                                g.docs = std::mem::take(&mut docs);
                                l.members.push(LevelMember::Group(g));
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        l
    }

    fn level_group(&mut self, p: Pair<'_, Rule>) -> LevelGroup {
        let sp = span(&p);
        let mut it = inner(p);
        let name = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
        let mut g = LevelGroup {
            docs: Vec::new(),
            name,
            short_label: None,
            label: None,
            rows: Vec::new(),
            span: sp,
        };
        for x in it {
            match x.as_rule() {
                Rule::label_attr => g.label = Some(self.label_attr(x)),
                Rule::level_row => {
                    let r = self.level_row(x);
                    g.rows.push(r)
                }
                _ => g.short_label = Some(self.text(x)),
            }
        }
        g
    }

    fn level_row(&mut self, p: Pair<'_, Rule>) -> LevelRow {
        let sp = span(&p);
        let mut r = LevelRow {
            docs: Vec::new(),
            subject: error_expr(sp),
            op: CmpOp::Le,
            thresholds: Vec::new(),
            ops: Vec::new(),
            label: None,
            citation: None,
            span: sp,
        };
        for x in inner(p) {
            match x.as_rule() {
                Rule::docs => r.docs = self.docs(x),
                Rule::sum => r.subject = self.expr(x),
                Rule::cmp_op | Rule::bad_cmp_op => {
                    let s = span(&x);
                    r.op = self.cmp_op(&x, s)
                }
                Rule::threshold_list => {
                    self.comma_errors_in(&x);
                    for t in inner(x).filter(|t| t.as_rule() == Rule::threshold) {
                        let mut op = None;
                        for y in inner(t) {
                            match y.as_rule() {
                                Rule::cmp_op | Rule::bad_cmp_op => {
                                    let s = span(&y);
                                    op = Some(self.cmp_op(&y, s));
                                }
                                Rule::unknown_limit => r.thresholds.push(Expr {
                                    kind: ExprKind::UnknownLimit,
                                    span: span(&y),
                                }),
                                _ => r.thresholds.push(self.expr(y)),
                            }
                        }
                        r.ops.push(op);
                    }
                }
                Rule::label_attr => r.label = Some(self.label_attr(x)),
                Rule::citation => r.citation = Some(self.citation(x)),
                _ => {}
            }
        }
        r
    }

    // ------------------------------------------------------------------------------------------ scores

    fn score(&mut self, p: Pair<'_, Rule>) -> Score {
        let sp = span(&p);
        let patch = p.as_rule() == Rule::score_patch;
        let mut it = inner(p).peekable();
        let replace = it.next_if(|x| x.as_rule() == Rule::change_kw).is_some();
        let name = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
        let mut s = Score {
            replace,
            patch,
            name,
            out_of: None,
            label: None,
            body: ScoreBody::Expr(error_expr(sp)),
            span: sp,
        };
        if patch {
            let terms = it.map(|t| self.weight_term(t)).collect();
            s.body = ScoreBody::Weighted(terms);
            return s;
        }
        for x in it {
            match x.as_rule() {
                Rule::percent | Rule::decimal => s.out_of = Some(self.number(x)),
                Rule::label_attr => s.label = Some(self.label_attr(x)),
                Rule::score_weighted => {
                    let terms = inner(x).map(|t| self.weight_term(t)).collect();
                    s.body = ScoreBody::Weighted(terms);
                }
                Rule::score_expr => {
                    let e = inner(x)
                        .next()
                        .map(|e| self.expr(e))
                        .unwrap_or_else(|| error_expr(sp));
                    s.body = ScoreBody::Expr(e);
                }
                Rule::score_deductions => s.body = ScoreBody::Deductions(self.deductions(x)),
                _ => {}
            }
        }
        s
    }

    fn deductions(&mut self, p: Pair<'_, Rule>) -> Deductions {
        let sp = span(&p);
        let mut d = Deductions {
            start: None,
            rules: Vec::new(),
            cap: None,
            floor: None,
            span: sp,
        };
        for x in inner(p) {
            let xs = span(&x);
            match x.as_rule() {
                Rule::start_stmt => {
                    let e = inner(x)
                        .next()
                        .map(|e| self.expr(e))
                        .unwrap_or_else(|| error_expr(xs));
                    self.once("start", &mut d.start, e, xs, |e| e.span);
                }
                Rule::floor_stmt => {
                    let e = inner(x)
                        .next()
                        .map(|e| self.expr(e))
                        .unwrap_or_else(|| error_expr(xs));
                    self.once("floor", &mut d.floor, e, xs, |e| e.span);
                }
                Rule::cap_stmt => {
                    if let Some(n) = inner(x).next() {
                        let n = self.number(n);
                        self.once("cap", &mut d.cap, n, xs, |n| n.span);
                    }
                }
                Rule::deduct_stmt => {
                    let mut it = inner(x);
                    let amount = it.next().map(|n| self.number(n)).unwrap_or(Number {
                        value: Decimal::ZERO,
                        percent: false,
                        span: xs,
                    });
                    let per = it.next().map(|n| self.path(n)).unwrap_or_else(empty_path);
                    let mut rule = Deduct {
                        amount,
                        per,
                        cap: None,
                        citation: None,
                        span: xs,
                    };
                    for y in it {
                        match y.as_rule() {
                            Rule::citation => rule.citation = Some(self.citation(y)),
                            _ => rule.cap = Some(self.number(y)),
                        }
                    }
                    d.rules.push(rule);
                }
                _ => {}
            }
        }
        d
    }

    /// `30% covert`.
    fn weight_term(&mut self, t: Pair<'_, Rule>) -> WeightTerm {
        let tsp = span(&t);
        let mut ti = inner(t);
        let weight = ti.next().map(|w| self.number(w)).unwrap_or(Number {
            value: Decimal::ZERO,
            percent: true,
            span: tsp,
        });
        let term = ti.next().map(|w| self.path(w)).unwrap_or_else(empty_path);
        WeightTerm {
            weight,
            term,
            span: tsp,
        }
    }

    fn grade(&mut self, p: Pair<'_, Rule>) -> Grade {
        let sp = span(&p);
        let patch = p.as_rule() == Rule::grade_patch;
        let mut it = inner(p).peekable();
        let replace = it.next_if(|x| x.as_rule() == Rule::change_kw).is_some();
        let name = it.next().map(|x| self.ident(x)).unwrap_or_else(empty_ident);
        let from = match it.next_if(|x| x.as_rule() == Rule::sum) {
            Some(x) => self.expr(x),
            None => error_expr(sp),
        };
        let mut g = Grade {
            replace,
            patch,
            name,
            from,
            label: None,
            bands: Vec::new(),
            vetoed: None,
            span: sp,
        };
        for x in it {
            match x.as_rule() {
                Rule::label_attr => g.label = Some(self.label_attr(x)),
                Rule::band => g.bands.push(self.band(x)),
                Rule::vetoed_band => {
                    if let Some(n) = inner(x).find(|y| y.as_rule() == Rule::level_name) {
                        g.vetoed = Some(self.ident(n));
                    }
                }
                _ => {}
            }
        }
        g
    }

    fn band(&mut self, p: Pair<'_, Rule>) -> Band {
        let sp = span(&p);
        let mut b = Band {
            docs: Vec::new(),
            name: empty_ident(),
            short_label: None,
            label: None,
            bounds: Vec::new(),
            otherwise: false,
            span: sp,
        };
        for x in inner(p) {
            match x.as_rule() {
                Rule::docs => b.docs = self.docs(x),
                Rule::level_name => b.name = self.ident(x),
                Rule::label_attr => b.label = Some(self.label_attr(x)),
                Rule::band_otherwise => b.otherwise = true,
                Rule::band_when => {
                    for bb in inner(x) {
                        let bsp = span(&bb);
                        let mut bi = inner(bb);
                        let op = match bi.next() {
                            Some(o) => {
                                let os = span(&o);
                                self.cmp_op(&o, os)
                            }
                            None => CmpOp::Ge,
                        };
                        let value = bi
                            .next()
                            .map(|v| self.expr(v))
                            .unwrap_or_else(|| error_expr(bsp));
                        b.bounds.push(BandBound {
                            op,
                            value,
                            span: bsp,
                        });
                    }
                }
                _ => b.short_label = Some(self.text(x)),
            }
        }
        b
    }

    fn rank(&mut self, p: Pair<'_, Rule>) -> Rank {
        let sp = span(&p);
        let vetoed_last = inner(p.clone()).any(|k| k.as_rule() == Rule::vetoed_last);
        let keys = inner(p)
            .filter(|k| k.as_rule() == Rule::rank_key)
            .map(|k| {
                let mut it = inner(k);
                let expr = it
                    .next()
                    .map(|e| self.expr(e))
                    .unwrap_or_else(|| error_expr(sp));
                let dir = it.next().map(|d| d.as_str().to_string());
                RankKey {
                    expr,
                    ascending: dir.as_deref() == Some("asc"),
                    explicit: dir.is_some(),
                }
            })
            .collect();
        Rank {
            keys,
            vetoed_last,
            span: sp,
        }
    }

    fn require(&mut self, p: Pair<'_, Rule>) -> Require {
        let sp = span(&p);
        let mut r = Require {
            name: empty_ident(),
            short_label: None,
            label: None,
            cond: error_expr(sp),
            span: sp,
        };
        for x in inner(p) {
            match x.as_rule() {
                Rule::name => r.name = self.ident(x),
                Rule::label_attr => r.label = Some(self.label_attr(x)),
                Rule::expr => r.cond = self.expr(x),
                _ => r.short_label = Some(self.text(x)),
            }
        }
        r
    }

    // ------------------------------------------------------------------------------------------ examples

    fn example(&mut self, p: Pair<'_, Rule>) -> Example {
        let sp = span(&p);
        let mut it = inner(p);
        let name = it.next().map(|x| self.text(x)).unwrap_or_else(empty_text);
        let mut e = Example {
            name,
            as_of: None,
            given: Vec::new(),
            expect: Vec::new(),
            span: sp,
        };
        for x in it {
            let xs = span(&x);
            match x.as_rule() {
                Rule::as_of_stmt => {
                    if let Some(d) = inner(x).next() {
                        let d = self.date(d);
                        self.once("as_of", &mut e.as_of, d, xs, |d| d.span);
                    }
                }
                Rule::given_stmt => {
                    self.comma_errors_in(&x);
                    for g in inner(x).filter(|g| g.as_rule() == Rule::given_pair) {
                        let gsp = span(&g);
                        let mut gi = inner(g);
                        let input = gi.next().map(|i| self.path(i)).unwrap_or_else(empty_path);
                        let mut value = Value::Bool(false);
                        for v in gi {
                            match v.as_rule() {
                                Rule::bad_cmp_op => {
                                    let vs = span(&v);
                                    self.errors.push(SyntaxError::WideOperator {
                                        found: v.as_str().into(),
                                        suggestion: "=".into(),
                                        span: vs,
                                    });
                                }
                                _ => value = self.given_value(v),
                            }
                        }
                        e.given.push(Given {
                            input,
                            value,
                            span: gsp,
                        });
                    }
                }
                Rule::expect_stmt => {
                    self.comma_errors_in(&x);
                    for ex in inner(x).filter(|g| g.as_rule() == Rule::expectation) {
                        let exp = self.expectation(ex);
                        e.expect.push(exp);
                    }
                }
                _ => {}
            }
        }
        e
    }

    fn given_value(&mut self, p: Pair<'_, Rule>) -> Value {
        let Some(v) = inner(p).next() else {
            return Value::Bool(false);
        };
        match v.as_rule() {
            Rule::series_lit => {
                self.comma_errors_in(&v);
                Value::Series(
                    inner(v)
                        .filter(|s| s.as_rule() == Rule::signed)
                        .map(|s| self.signed(s))
                        .collect(),
                )
            }
            Rule::bool_lit => Value::Bool(v.as_str() == "true"),
            Rule::date => Value::Date(self.date(v).date),
            Rule::percent | Rule::decimal | Rule::bad_number => Value::Number(self.number(v)),
            _ => {
                let sp = span(&v);
                self.check_name(v.as_str(), sp, v.as_span().get_input());
                Value::Name(v.as_str().to_string())
            }
        }
    }

    fn signed(&mut self, p: Pair<'_, Rule>) -> Number {
        let sp = span(&p);
        let neg = p.as_str().starts_with('-');
        let mut n = inner(p).next().map(|n| self.number(n)).unwrap_or(Number {
            value: Decimal::ZERO,
            percent: false,
            span: sp,
        });
        if neg {
            n.value = -n.value;
        }
        n.span = sp;
        n
    }

    fn expectation(&mut self, p: Pair<'_, Rule>) -> Expectation {
        let sp = span(&p);
        let mut it = inner(p);
        let target = match it.next().and_then(|t| inner(t).next()) {
            Some(t) => match t.as_rule() {
                Rule::expect_item => ExpectTarget::Item(
                    inner(t)
                        .find(|x| x.as_rule() == Rule::path)
                        .map(|x| self.path(x))
                        .unwrap_or_else(empty_path),
                ),
                Rule::expect_call => {
                    let mut ci = inner(t);
                    let func = ci.next().map(|f| self.ident(f)).unwrap_or_else(empty_ident);
                    let of = ci.next().map(|x| self.path(x)).unwrap_or_else(empty_path);
                    let level = ci.next().map(|x| self.ident(x));
                    if func.name != "exceedance" {
                        self.errors.push(SyntaxError::BadForm {
                            message: format!("`{}(…)` cannot be expected in an example", func.name),
                            help: "an example can expect `outcome`, an output, `item ID` or `exceedance(ID)`".into(),
                            span: func.span,
                            zh: Zh::new(
                                format!("示例中不能预期 `{}(…)`", func.name),
                                "示例可以预期 `outcome`（总体结果）、输出项、`item ID` 或 `exceedance(ID)`",
                                "这里",
                            ),
                        });
                    }
                    ExpectTarget::Exceedance { of, level }
                }
                _ => ExpectTarget::Output(self.path(t)),
            },
            None => ExpectTarget::Output(empty_path()),
        };
        let mut value = Value::Bool(false);
        let mut rounded = None;
        let mut neg = false;
        for x in it {
            match x.as_rule() {
                Rule::bad_cmp_op => {
                    let xs = span(&x);
                    self.errors.push(SyntaxError::WideOperator {
                        found: x.as_str().into(),
                        suggestion: "=".into(),
                        span: xs,
                    });
                }
                Rule::expect_value => {
                    neg = x.as_str().trim_start().starts_with('-');
                    if let Some(v) = inner(x).next() {
                        value = match v.as_rule() {
                            Rule::bool_lit => Value::Bool(v.as_str() == "true"),
                            Rule::date => Value::Date(self.date(v).date),
                            Rule::percent | Rule::decimal | Rule::bad_number => {
                                Value::Number(self.number(v))
                            }
                            _ => Value::Name(v.as_str().to_string()),
                        };
                    }
                }
                Rule::rounded => rounded = inner(x).next().map(|n| self.u32(&n)),
                _ => {}
            }
        }
        if neg {
            if let Value::Number(n) = &mut value {
                n.value = -n.value;
            }
        }
        Expectation {
            target,
            value,
            rounded,
            span: sp,
        }
    }
}

fn is_integer(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Full-width digits, point and percent to their ASCII forms.
fn narrow(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => {
                char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')).unwrap_or(c)
            }
            '\u{FF0E}' => '.',
            '\u{FF05}' => '%',
            o => o,
        })
        .collect()
}

/// Parse `YYYY-MM-DD` into a real calendar date.
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some()
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
    {
        return None;
    }
    Some(Date { year, month, day })
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// Nesting depth of an expression (iterative, so it cannot overflow the stack itself).
fn depth_of(e: &Expr) -> usize {
    let mut max = 0;
    let mut stack = vec![(e, 1usize)];
    while let Some((e, d)) = stack.pop() {
        max = max.max(d);
        if d > limits::MAX_EXPR_DEPTH {
            return d;
        }
        match &e.kind {
            ExprKind::Paren(x) | ExprKind::Neg(x) | ExprKind::Not(x) => stack.push((x, d + 1)),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                stack.push((cond, d + 1));
                stack.push((then, d + 1));
                stack.push((otherwise, d + 1));
            }
            ExprKind::Each { body, .. } => stack.push((body, d + 1)),
            ExprKind::Arith { lhs, rhs, .. } | ExprKind::Compare { lhs, rhs, .. } => {
                stack.push((lhs, d + 1));
                stack.push((rhs, d + 1));
            }
            ExprKind::In { lhs, list } => {
                stack.push((lhs, d + 1));
                stack.extend(list.iter().map(|x| (x, d + 1)));
            }
            ExprKind::Call { args: list, .. }
            | ExprKind::Logic { operands: list, .. }
            | ExprKind::AllOf(list)
            | ExprKind::AnyOf(list)
            | ExprKind::NoneOf(list)
            | ExprKind::AtLeast { list, .. } => stack.extend(list.iter().map(|x| (x, d + 1))),
            ExprKind::Number(_)
            | ExprKind::Bool(_)
            | ExprKind::Date(_)
            | ExprKind::Ref(_)
            | ExprKind::UnknownLimit
            | ExprKind::Error => {}
        }
    }
    max
}

fn error_expr(sp: Span) -> Expr {
    Expr {
        kind: ExprKind::Error,
        span: sp,
    }
}
fn empty_path() -> Path {
    Path {
        text: String::new(),
        span: Span::default(),
    }
}
fn empty_ident() -> Ident {
    Ident {
        name: String::new(),
        span: Span::default(),
    }
}
fn empty_text() -> Text {
    Text {
        value: String::new(),
        span: Span::default(),
    }
}
fn empty_citation(sp: Span) -> Citation {
    Citation {
        source: empty_text(),
        tier: None,
        note: None,
        span: sp,
    }
}

/// Strings opened with `"` and not closed on their line, and strings in Chinese or typographic quotes,
/// found by a plain scan of the text (comments skipped). Used when pest stops, so the cause comes first.
fn unclosed_strings(src: &str) -> Vec<SyntaxError> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '/' if line[i..].starts_with("//") => break,
                '"' => {
                    let mut closed = false;
                    while let Some((_, d)) = chars.next() {
                        match d {
                            '\\' => {
                                chars.next();
                            }
                            '"' => {
                                closed = true;
                                break;
                            }
                            _ => {}
                        }
                    }
                    if !closed {
                        let end = offset + line.trim_end_matches(['\n', '\r']).len();
                        out.push(SyntaxError::UnterminatedString {
                            span: Span::new(offset + i, end),
                        });
                    }
                }
                '\u{201C}' | '\u{300C}' | '\u{300E}' => {
                    let rest = &line[i + c.len_utf8()..];
                    let inner: String = rest
                        .chars()
                        .take_while(|d| !matches!(d, '\u{201D}' | '\u{300D}' | '\u{300F}' | '\n'))
                        .collect();
                    let len = c.len_utf8()
                        + inner.len()
                        + rest[inner.len()..]
                            .chars()
                            .next()
                            .filter(|d| matches!(d, '\u{201D}' | '\u{300D}' | '\u{300F}'))
                            .map(char::len_utf8)
                            .unwrap_or(0);
                    out.push(SyntaxError::CjkQuote {
                        open: c.to_string(),
                        inner,
                        span: Span::new(offset + i, offset + i + len),
                    });
                    for _ in 0..len.saturating_sub(c.len_utf8()) {
                        if chars.peek().map(|(j, _)| *j < i + len).unwrap_or(false) {
                            chars.next();
                        }
                    }
                }
                _ => {}
            }
        }
        offset += line.len();
    }
    out
}

// ---------------------------------------------------------------------------------------------- the author's words
//
// When pest stops, the place it stops at is often not the mistake: a Chinese colon makes the whole `input`
// line fail, so pest reports `input`. The functions below look at the text itself for the mistakes a
// Chinese keyboard and other languages' habits make, and name them in the author's words.

/// The errors to report when pest cannot go on: the keyboard slips found in the text (full-width
/// punctuation, `&&`, a unit after a number, …) and pest's own error unless a slip at or before its place
/// explains it.
fn after_failure(source: &str, e: &pest::error::Error<Rule>) -> Vec<SyntaxError> {
    use pest::error::InputLocation;
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let slips = keyboard_slips(source);
    // Pest often stops at the start of the declaration whose line holds the slip (`input x： count` stops
    // at `input`): a slip on the same line explains the stop too.
    let explained = slips.first().is_some_and(|s| {
        s.span().start <= pos || line_of(source, s.span().start) == line_of(source, pos)
    });
    let mut out = Vec::new();
    if !explained {
        out.push(pest_error(source, e));
    }
    out.extend(slips);
    crate::sort::sort_by_key(&mut out, |e| (e.span().start, e.span().end));
    out
}

/// The text with everything inside strings, curly-quoted labels and comments blanked out, byte for byte
/// (a blanked character becomes as many spaces as it has bytes), so offsets stay the same.
fn code_only(src: &str) -> String {
    #[derive(PartialEq)]
    enum In {
        Code,
        Str,
        Curly,
        Comment,
    }
    fn blank(out: &mut String, c: char) {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat(' ').take(c.len_utf8()));
        }
    }
    let mut out = String::with_capacity(src.len());
    let mut state = In::Code;
    let mut chars = src.char_indices();
    while let Some((i, c)) = chars.next() {
        match state {
            In::Code => match c {
                '"' => {
                    state = In::Str;
                    blank(&mut out, c);
                }
                '\u{201C}' | '\u{300C}' | '\u{300E}' => {
                    state = In::Curly;
                    blank(&mut out, c);
                }
                '/' if src[i..].starts_with("//") => {
                    state = In::Comment;
                    blank(&mut out, c);
                }
                _ => out.push(c),
            },
            In::Str => {
                if c == '\\' {
                    blank(&mut out, c);
                    if let Some((_, d)) = chars.next() {
                        blank(&mut out, d);
                    }
                    continue;
                }
                if c == '"' || c == '\n' {
                    state = In::Code;
                }
                blank(&mut out, c);
            }
            In::Curly => {
                if matches!(c, '\u{201D}' | '\u{300D}' | '\u{300F}' | '\n') {
                    state = In::Code;
                }
                blank(&mut out, c);
            }
            In::Comment => {
                if c == '\n' {
                    state = In::Code;
                }
                blank(&mut out, c);
            }
        }
    }
    out
}

/// Full-width punctuation and the ASCII character to type instead (`None`: delete it), with its name in
/// English and Chinese.
fn wide_punctuation(c: char) -> Option<(Option<&'static str>, &'static str, &'static str)> {
    Some(match c {
        '\u{FF1A}' => (Some(":"), "full-width colon", "全角冒号"),
        '\u{FF1B}' => (None, "full-width semicolon", "全角分号"),
        ';' => (None, "semicolon", "分号"),
        '\u{3002}' => (None, "full stop", "句号"),
        '\u{FF08}' => (Some("("), "full-width parenthesis", "全角括号"),
        '\u{FF09}' => (Some(")"), "full-width parenthesis", "全角括号"),
        '\u{3010}' | '\u{FF3B}' => (Some("["), "full-width bracket", "全角方括号"),
        '\u{3011}' | '\u{FF3D}' => (Some("]"), "full-width bracket", "全角方括号"),
        '\u{FF5B}' => (Some("{"), "full-width brace", "全角花括号"),
        '\u{FF5D}' => (Some("}"), "full-width brace", "全角花括号"),
        '\u{FF0B}' => (Some("+"), "full-width plus", "全角加号"),
        '\u{FF0D}' => (Some("-"), "full-width minus", "全角减号"),
        '\u{FF0A}' => (Some("*"), "full-width star", "全角星号"),
        '\u{FF0F}' => (Some("/"), "full-width slash", "全角斜杠"),
        _ => return None,
    })
}

/// Chinese words (and other yes/no words) where a word of the language is meant.
fn foreign_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "且" | "并且" | "而且" | "和" | "与" | "及" | "并" => "and",
        "或" | "或者" => "or",
        "不" | "非" | "没有" => "not",
        "是" | "真" => "true",
        "否" | "假" => "false",
        _ => return None,
    })
}

/// The help for a foreign word, in English and Chinese.
fn foreign_help(suggestion: &str) -> (String, String) {
    let (en, zh) = match suggestion {
        "and" => (
            "write `and` between two conditions that must both hold: `a >= 90% and b >= 80%`",
            "两个条件都必须满足时，在它们之间写 `and`：`a >= 90% and b >= 80%`",
        ),
        "or" => (
            "write `or` between two conditions of which one is enough: `a >= 90% or b >= 80%`",
            "两个条件满足其一即可时，在它们之间写 `or`：`a >= 90% or b >= 80%`",
        ),
        "not" => (
            "write `not` before the condition it turns around: `not vetoed`",
            "在要取反的条件前写 `not`：`not vetoed`",
        ),
        "true" | "false" => (
            "a yes/no answer is written `true` (是) or `false` (否)",
            "是/否的回答写作 `true`（是）或 `false`（否）",
        ),
        "!=" => ("write `!=` for \"is not equal to\"", "“不等于”写作 `!=`"),
        other => return (format!("write `{other}`"), format!("请写 `{other}`")),
    };
    (en.to_string(), zh.to_string())
}

/// Whether `c` is a letter of a non-Latin script (Chinese, Japanese, …).
fn is_cjk_letter(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic()
}

/// The slips found in the text outside strings and comments, in order. None of them is ever valid there.
fn keyboard_slips(source: &str) -> Vec<SyntaxError> {
    let code = code_only(source);
    let mut out = Vec::new();
    let mut chars = code.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        // One past the limit is enough for `at_most` to say that there are more.
        if out.len() > limits::MAX_SYNTAX_ERRORS {
            break;
        }
        let next = chars.peek().map(|(_, d)| *d);
        if let Some((ascii, what, what_zh)) = wide_punctuation(c) {
            let found = c.to_string();
            let (help, label, help_zh, label_zh) = match ascii {
                Some(a) => (
                    format!("this is a {what}: type `{a}` (half-width, as on an English keyboard)"),
                    format!("did you mean `{a}`?"),
                    format!("这是{what_zh}：请输入 `{a}`（半角，即英文键盘上的符号）"),
                    format!("是不是 `{a}`？"),
                ),
                None => (
                    format!("the language needs no {what} (`{c}`): delete it; each declaration simply starts on its own line"),
                    "delete this".to_string(),
                    format!("本语言不需要{what_zh}（`{c}`）：请删除它；每条声明另起一行即可"),
                    "删除这里".to_string(),
                ),
            };
            out.push(SyntaxError::WidePunctuation {
                found,
                help,
                span: Span::new(i, i + c.len_utf8()),
                label,
                zh: Zh::new(format!("`{c}` 是全角（中文输入法）字符"), help_zh, label_zh),
            });
        } else if matches!(c, '&' | '|') || (c == '!' && next != Some('=')) {
            let len = if next == Some(c) { 2 } else { 1 };
            let found = code.get(i..i + len).unwrap_or("").to_string();
            let suggestion = match c {
                '&' => "and",
                '|' => "or",
                _ => "not",
            };
            let (help, help_zh) = foreign_help(suggestion);
            out.push(SyntaxError::ForeignWord {
                found,
                suggestion: suggestion.into(),
                help,
                span: Span::new(i, i + len),
                help_zh,
            });
            if len == 2 {
                chars.next();
            }
        } else if c == '<' && next == Some('>') {
            out.push(SyntaxError::WideOperator {
                found: "<>".into(),
                suggestion: "!=".into(),
                span: Span::new(i, i + 2),
            });
            chars.next();
        } else if is_cjk_letter(c) && !prev.is_some_and(|p| p.is_alphabetic() || p == '_') {
            // A word in Chinese: a unit after a number, or a Chinese conjunction.
            let end = code[i..]
                .char_indices()
                .find(|(_, d)| !is_cjk_letter(*d))
                .map(|(j, _)| i + j)
                .unwrap_or(code.len());
            let word = &code[i..end];
            if let Some(e) = word_slip(source, word, Span::new(i, end)) {
                out.push(e);
            }
            while chars.peek().is_some_and(|(j, _)| *j < end) {
                chars.next();
            }
            prev = word.chars().next_back();
            continue;
        }
        prev = Some(c);
    }
    out
}

/// A unit after a number (`3处`) or a Chinese conjunction (`且`) standing where a name was read.
fn word_slip(input: &str, word: &str, sp: Span) -> Option<SyntaxError> {
    if !word.chars().next().is_some_and(is_cjk_letter) {
        return None;
    }
    // `2024年1月1日` is a date written the Chinese way: the date hint says how to write it.
    if word.starts_with(['年', '月', '日']) {
        return None;
    }
    let before = input.get(..sp.start).unwrap_or("");
    let number_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == '%')
        .last()
        .map(|(j, _)| j);
    if let Some(start) = number_start {
        let number = &before[start..];
        let is_number = number.starts_with(|c: char| c.is_ascii_digit())
            && !before[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if is_number {
            return Some(SyntaxError::UnitAfterNumber {
                number: number.to_string(),
                unit: word.to_string(),
                span: Span::new(start, sp.end),
            });
        }
    }
    foreign_word(word).map(|s| {
        let (help, help_zh) = foreign_help(s);
        SyntaxError::ForeignWord {
            found: word.to_string(),
            suggestion: s.to_string(),
            help,
            span: sp,
            help_zh,
        }
    })
}

/// `AND`, `Or`, `NOT`, `TRUE`: keywords in capitals, read as names.
fn upper_case_keyword(text: &str, sp: Span) -> Option<SyntaxError> {
    let lower = text.to_ascii_lowercase();
    if lower == text || !matches!(lower.as_str(), "and" | "or" | "not" | "true" | "false") {
        return None;
    }
    Some(SyntaxError::ForeignWord {
        found: text.to_string(),
        suggestion: lower.clone(),
        help: format!("keywords are written in lower case: `{lower}`"),
        span: sp,
        help_zh: format!("关键字用小写字母书写：`{lower}`"),
    })
}

/// Whether only spaces stand between the start of the line and `pos`.
fn at_line_start(source: &str, pos: usize) -> bool {
    let before = source.get(..pos).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or(before);
    line.chars()
        .all(|c| c == ' ' || c == '\t' || c == '\u{3000}')
}

fn line_of(source: &str, pos: usize) -> usize {
    source
        .get(..pos)
        .unwrap_or("")
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

fn indentation(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ' || *c == '\t').count()
}

fn line_at(source: &str, pos: usize) -> &str {
    let start = source
        .get(..pos)
        .and_then(|b| b.rfind('\n'))
        .map(|i| i + 1)
        .unwrap_or(0);
    let rest = source.get(start..).unwrap_or("");
    rest.split('\n').next().unwrap_or(rest)
}

/// How to write the date begun in `rest`, in English and Chinese.
fn date_hint(rest: &str) -> (String, String) {
    let written: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | '年' | '月' | '日'))
        .collect();
    let parts: Vec<&str> = written
        .split(['/', '.', '-', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    if let [y, m, d] = parts.as_slice() {
        if y.len() == 4 && m.len() <= 2 && d.len() <= 2 {
            return (
                format!("write dates as YYYY-MM-DD with `-`: `{y}-{m:0>2}-{d:0>2}`"),
                format!("日期请写成 YYYY-MM-DD，用 `-` 分隔：`{y}-{m:0>2}-{d:0>2}`"),
            );
        }
    }
    (
        "write dates as YYYY-MM-DD with `-`, e.g. `2024-01-01`".into(),
        "日期请写成 YYYY-MM-DD，用 `-` 分隔，例如 `2024-01-01`".into(),
    )
}

/// The words that start a declaration inside `standard { … }`.
const DECLARATION_WORDS: &[&str] = &[
    "title",
    "version",
    "effective",
    "status",
    "source",
    "supersedes",
    "use",
    "review",
    "input",
    "group",
    "let",
    "output",
    "section",
    "basic",
    "item",
    "levels",
    "score",
    "grade",
    "rank",
    "example",
    "change",
    "remove",
];

const TYPE_WORDS: &[&str] = &[
    "bool", "count", "percent", "number", "enum", "date", "series",
];

/// Type names from other languages and tools, and what to write instead (why, in English and Chinese).
fn type_alias(w: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match w {
        "int" | "integer" | "long" | "uint" | "usize" | "i32" | "i64" | "whole" | "natural" => (
            "count",
            "a whole number of things (how many) is a `count`",
            "东西的个数（多少个）是 `count`（计数）",
        ),
        "float" | "double" | "decimal" | "real" | "numeric" | "f64" | "f32" | "num" | "amount" => (
            "number",
            "a measured number is a `number`, with its unit: `number unit \"mg/L\"`",
            "测量得到的数值是 `number`，并写明单位：`number unit \"mg/L\"`",
        ),
        "boolean" | "yesno" | "yes_no" | "flag" | "logical" => (
            "bool",
            "a yes/no answer is a `bool`",
            "是/否的回答是 `bool`",
        ),
        "ratio" | "rate" | "percentage" | "pct" | "proportion" => (
            "percent",
            "a rate or share is a `percent`, answered like `92.5%`",
            "比率或占比是 `percent`（百分数），填写如 `92.5%`",
        ),
        "datetime" | "time" | "timestamp" | "day" => (
            "date",
            "a day is a `date`, written YYYY-MM-DD",
            "某一天是 `date`（日期），写作 YYYY-MM-DD",
        ),
        "string" | "text" | "str" | "choice" | "option" | "list" => (
            "enum",
            "answers from a fixed list are an `enum [a, b, c]`; free text is not an input",
            "从固定选项中选择的回答是 `enum [a, b, c]`；自由填写的文字不能作为输入项",
        ),
        _ => return None,
    })
}

/// Edit distance with swaps of neighbours (`itme`, `inptu` are one step from `item`, `input`).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows: Vec<Vec<usize>> = vec![(0..=b.len()).collect()];
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let up = rows[i - 1][j] + 1;
            let left = cur[j - 1] + 1;
            let diag = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = up.min(left).min(diag);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            cur[j] = best;
        }
        rows.push(cur);
    }
    rows.last()
        .and_then(|r| r.last())
        .copied()
        .unwrap_or(usize::MAX)
}

/// The nearest word of `words` to `w`, if near enough to be a slip of the fingers.
fn nearest<'a>(w: &str, words: &[&'a str]) -> Option<&'a str> {
    let lower = w.to_ascii_lowercase();
    let limit = if lower.chars().count() <= 4 { 1 } else { 2 };
    if words.contains(&lower.as_str()) {
        return None;
    }
    words
        .iter()
        .map(|k| (distance(&lower, k), *k))
        .filter(|(d, _)| *d > 0 && *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// A specific diagnosis of the place pest stopped at, in the author's words, when one fits.
fn diagnose(source: &str, pos: usize, found: &str, expected: &[&str]) -> Option<SyntaxError> {
    let span = Span::new(pos, pos + found.len());
    let is_word = found
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if let Some(e) = unclosed_brace(source, pos, found) {
        return Some(e);
    }
    if let Some(e) = chained_comparison(source, pos, found, expected) {
        return Some(e);
    }
    if is_word && matches!(found, "elif" | "elseif" | "elsif") {
        return Some(SyntaxError::UnknownWord {
            message: format!("`{found}` is not a word of the language"),
            help: "write `else if`".into(),
            span,
            suggestion: "else if".into(),
            zh: Zh::new(
                format!("`{found}` 不是本语言的词"),
                "请写 `else if`",
                "是不是 `else if`？",
            ),
        });
    }
    if is_word && expected.iter().any(|e| e.starts_with("a type")) {
        let alias = type_alias(&found.to_ascii_lowercase())
            .map(|(t, why, why_zh)| (t, why.to_string(), why_zh.to_string()))
            .or_else(|| nearest(found, TYPE_WORDS).map(|t| (t, String::new(), String::new())));
        let types = "the types are `bool`, `count`, `percent`, `number`, `enum [...]`, `date` and `series N of …`";
        let types_zh =
            "类型有 `bool`、`count`、`percent`、`number`、`enum [...]`、`date` 和 `series N of …`";
        if DECLARATION_WORDS.contains(&found) && at_line_start(source, pos) {
            return Some(SyntaxError::Unexpected {
                message: "the type after `:` is missing".into(),
                help: format!(
                    "write the type on the same line, e.g. `input satisfaction: percent`; {types}"
                ),
                span,
                label: "the next declaration starts here".into(),
                zh: Zh::new(
                    "`:` 后面缺少类型",
                    format!("请在同一行写出类型，例如 `input satisfaction: percent`；{types_zh}"),
                    "下一条声明从这里开始",
                ),
            });
        }
        return Some(match alias {
            Some((t, why, why_zh)) => SyntaxError::UnknownWord {
                message: format!("`{found}` is not a type"),
                help: if why.is_empty() {
                    format!("did you mean `{t}`? {types}")
                } else {
                    format!("{why}; {types}")
                },
                span,
                suggestion: t.to_string(),
                zh: Zh::new(
                    format!("`{found}` 不是类型"),
                    if why_zh.is_empty() {
                        format!("是不是 `{t}`？{types_zh}")
                    } else {
                        format!("{why_zh}；{types_zh}")
                    },
                    format!("是不是 `{t}`？"),
                ),
            },
            None => SyntaxError::Unexpected {
                message: format!("`{found}` is not a type"),
                help: types.into(),
                span,
                label: "not a type".into(),
                zh: Zh::new(format!("`{found}` 不是类型"), types_zh, "不是类型"),
            },
        });
    }
    if is_word
        && at_line_start(source, pos)
        && expected.iter().any(|e| e.starts_with("a declaration"))
    {
        if let Some(k) = nearest(found, DECLARATION_WORDS) {
            return Some(SyntaxError::UnknownWord {
                message: format!("`{found}` is not a keyword"),
                help: format!("did you mean `{k}`? inside `standard {{ … }}` each declaration starts with a keyword such as `input`, `item`, `section`, `levels`, `score`, `grade` or `example`"),
                span,
                suggestion: k.to_string(),
                zh: Zh::new(
                    format!("`{found}` 不是关键字"),
                    format!("是不是 `{k}`？在 `standard {{ … }}` 内，每条声明都以关键字开头，例如 `input`、`item`、`section`、`levels`、`score`、`grade` 或 `example`"),
                    format!("是不是 `{k}`？"),
                ),
            });
        }
    }
    None
}

/// A block whose `}` is missing: pest stops at the end of the text, or at a declaration that starts a line
/// no deeper than the line that opened the block. The error is put on the opening `{`.
fn unclosed_brace(source: &str, pos: usize, found: &str) -> Option<SyntaxError> {
    let code = code_only(source);
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in code.char_indices() {
        if i >= pos {
            break;
        }
        match c {
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    let opener = *open.last()?;
    // Only when the whole text opens more blocks than it closes (a missing `{` is another mistake).
    let depth = code.chars().fold(0i64, |d, c| match c {
        '{' => d + 1,
        '}' => d - 1,
        _ => d,
    });
    if depth <= 0 {
        return None;
    }
    let opener_line = line_of(source, opener);
    if found.is_empty() {
        return Some(SyntaxError::UnclosedBrace {
            line: opener_line,
            help: "add the `}` that closes it where its block ends (the text ends before it)"
                .into(),
            span: Span::new(opener, opener + 1),
            help_zh: "请在这一块结束处补上配对的 `}`（文档在它之前就结束了）".into(),
        });
    }
    let here = line_at(source, pos);
    let first_word: String = here
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '_')
        .collect();
    let fail_line = line_of(source, pos);
    if fail_line > opener_line
        && DECLARATION_WORDS.contains(&first_word.as_str())
        && indentation(here) <= indentation(line_at(source, opener))
    {
        return Some(SyntaxError::UnclosedBrace {
            line: opener_line,
            help: format!("add the `}}` that closes it before line {fail_line}, where the next declaration starts"),
            span: Span::new(opener, opener + 1),
            help_zh: format!("请在第 {fail_line} 行（下一条声明开始处）之前补上配对的 `}}`"),
        });
    }
    None
}

/// `90% <= x <= 100%`: pest stops at the second comparison sign.
fn chained_comparison(
    source: &str,
    pos: usize,
    found: &str,
    expected: &[&str],
) -> Option<SyntaxError> {
    const OPS: &[&str] = &[">=", "<=", "==", "!=", ">", "<"];
    let op2 = OPS.iter().find(|o| found == **o)?;
    if expected.iter().any(|e| e.starts_with("a comparison")) {
        return None;
    }
    let line_start = source.get(..pos)?.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let before = source.get(line_start..pos)?;
    // The left part starts after the last `{`, `(` or `,` of the line.
    let left_start = before.rfind(['{', '(', ',']).map(|i| i + 1).unwrap_or(0);
    let left_part = &before[left_start..];
    let (op1_at, op1) = OPS
        .iter()
        .filter_map(|o| left_part.find(o).map(|i| (i, *o)))
        .min_by_key(|(i, o)| (*i, std::cmp::Reverse(o.len())))?;
    let a = left_part[..op1_at].trim();
    let x = left_part[op1_at + op1.len()..].trim();
    let after = source.get(pos + op2.len()..)?;
    let b_end = after.find(['}', ')', ',', '\n']).unwrap_or(after.len());
    let b = after[..b_end].trim();
    if a.is_empty() || x.is_empty() || b.is_empty() {
        return None;
    }
    let flip = |o: &str| {
        match o {
            ">=" => "<=",
            "<=" => ">=",
            ">" => "<",
            "<" => ">",
            o => o,
        }
        .to_string()
    };
    let op1 = flip(op1);
    Some(SyntaxError::ChainedComparison {
        help: format!(
            "compare one thing at a time and join with `and`: write `{x} {op1} {a} and {x} {op2} {b}`"
        ),
        span: Span::new(pos, pos + op2.len()),
        help_zh: format!(
            "每次只比较一项，再用 `and` 连接：请写 `{x} {op1} {a} and {x} {op2} {b}`"
        ),
    })
}
