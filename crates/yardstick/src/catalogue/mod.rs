//! Every sentence Yardstick says, in Chinese and English, in one place.
//!
//! Each message is named and written once with both forms; the macro makes a function per message
//! (returning a [`Msg`]) and, per module, the list `MESSAGES` of its templates; [`all`] gathers every
//! module's, which a test reads to check that no message lacks a language and that both forms use the
//! same values. An argument whose name ends in `_en` appears in the English form only, one ending in
//! `_zh` in the Chinese form only (a label, a list joined with the language's own commas); every other
//! argument appears in both.
//!
//! The modules: this one (assessments, finding a standard, files, results, words, review cycles,
//! checks over time), [`cli`] (the CLI's reports and usage errors), [`diff`], [`doc`] (the printed
//! page), [`ide`] (the editor support), [`testing`] (running examples), [`server`]
//! (`yardstick serve`), and [`engine`]: the core's own, written where explanations and
//! diagnostics are made (`yardstick_core::words`: the explainer's sentences, and
//! `engine::diagnostics`, every diagnostic of the checker). Syntax errors keep both forms in
//! `yardstick_syntax::SyntaxError` (a crate the core builds on).

use crate::api::Outcome;

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Msg {
    pub en: String,
    pub zh: String,
}

impl Msg {
    /// The message in the chosen language(s): `both` puts English first and Chinese on the next line.
    pub fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en.clone(),
            Lang::Zh => self.zh.clone(),
            Lang::Both => format!("{}\n{}", self.en, self.zh),
        }
    }
    /// Both forms joined by `sep`.
    pub fn joined(&self, sep: &str) -> String {
        format!("{}{sep}{}", self.en, self.zh)
    }
}

/// Which language a person reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
    #[default]
    Both,
}

impl Lang {
    /// `en`, `zh`, `both`.
    pub fn from_name(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            "both" => Some(Lang::Both),
            _ => None,
        }
    }
    /// Pick the form of a pair of texts.
    pub fn pick(self, en: &str, zh: &str) -> String {
        match self {
            Lang::En => en.to_string(),
            Lang::Zh => zh.to_string(),
            Lang::Both if en == zh => en.to_string(),
            Lang::Both => format!("{en}\n{zh}"),
        }
    }
}

/// One message as written: its name and both templates (the core's type, so that one check,
/// [`Template::problems`], serves every catalogue).
pub use yardstick_core::words::Template;

macro_rules! catalogue {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) => $en:literal, $zh:literal; )*) => {
        $(
            $(#[$doc])*
            pub fn $name($($arg: $ty),*) -> $crate::catalogue::Msg {
                $crate::catalogue::Msg { en: format!($en), zh: format!($zh) }
            }
        )*
        /// Every message of this module, in the order written.
        pub const MESSAGES: &[$crate::catalogue::Template] =
            &[$($crate::catalogue::Template { name: stringify!($name), en: $en, zh: $zh }),*];
    };
}

pub mod cli;
pub mod diff;
pub mod doc;
pub mod ide;
pub mod server;
pub mod sql;
pub mod testing;

/// The engine core's sentences, written where they are made (`yardstick_core::words`): the explainer's
/// (items, checks, ladders, grades) and, in `engine::diagnostics`, the checker's.
pub use yardstick_core::words as engine;
/// The explainer's sentences (`engine`, by the name results use).
pub use yardstick_core::words as explain;

/// Every message of the catalogue, module by module (the core's explanations and diagnostics included).
pub fn all() -> Vec<Template> {
    MESSAGES
        .iter()
        .chain(cli::MESSAGES)
        .chain(diff::MESSAGES)
        .chain(testing::MESSAGES)
        .chain(doc::MESSAGES)
        .chain(ide::MESSAGES)
        .chain(server::MESSAGES)
        .chain(sql::MESSAGES)
        .chain(engine::all())
        .copied()
        .collect()
}

catalogue! {
    // ── Reading an assessment (codes Y07xx, docs/json.md §1.2) ──
    /// Y0702: the text is not JSON.
    not_json(line: usize, column: usize, why_en: &str, why_zh: &str)
        => "not valid JSON: {why_en} at line {line} column {column}",
           "不是有效的 JSON：第 {line} 行第 {column} 列，{why_zh}";
    /// Y0703: the text is JSON but not an object.
    not_an_object()
        => "an assessment is a JSON object",
           "评估数据应为一个 JSON 对象";
    /// Y0703: a top-level field that an assessment does not have.
    unknown_field()
        => "not a field of an assessment (expected standard, version, as_of, inputs, and optionally name and note)",
           "不是评估数据的字段（应为 standard、version、as_of、inputs，可选 name 和 note）";
    /// Y0703
    inputs_not_object()
        => "must be an object of input ids to values",
           "应为“输入项 id → 值”的对象";
    /// Y0703
    standard_not_string(shown: &str)
        => "must be the standard's id as a string, not {shown}",
           "应为标准 id 字符串，而不是 {shown}";
    /// Y0703
    as_of_not_date(shown: &str)
        => "`{shown}` is not a date (YYYY-MM-DD)",
           "`{shown}` 不是日期（YYYY-MM-DD）";
    /// Y0703
    date_string_required()
        => "must be a date string YYYY-MM-DD",
           "应为日期字符串 YYYY-MM-DD";
    /// Y0708: the assessment names another standard.
    standard_mismatch(given: &str, actual: &str)
        => "the assessment is for `{given}`, but the standard given is `{actual}`",
           "评估数据针对 `{given}`，但给出的标准是 `{actual}`";
    /// Y0708
    version_mismatch(given: &str, actual: &str)
        => "the assessment is for version \"{given}\", but the standard given is version \"{actual}\"",
           "评估数据针对版本 \"{given}\"，但给出的标准是版本 \"{actual}\"";
    /// Y0704: an input id the standard does not have.
    unknown_input(shown: &str)
        => "the standard has no input `{shown}`",
           "标准中没有输入项 `{shown}`";
    /// Y0704, with a close id.
    unknown_input_near(shown: &str, near: &str)
        => "the standard has no input `{shown}`; did you mean `{near}`?",
           "标准中没有输入项 `{shown}`；是不是 `{near}`？";
    /// Y0705
    not_bool(shown: &str)
        => "must be true or false, not {shown}",
           "应为 true（是）或 false（否），而不是 {shown}";
    /// Y0705
    not_whole_number(shown: &str)
        => "must be a whole number, not {shown}",
           "应为整数，而不是 {shown}";
    /// Y0705
    count_not_whole(n: &str)
        => "must be a whole number of 0 or more, not {n}",
           "应为 0 或更大的整数，而不是 {n}";
    /// Y0705
    not_percent(shown: &str)
        => "must be a number of percent (90.5 means 90.5%), not {shown}",
           "应为百分数的数值（90.5 表示 90.5%），而不是 {shown}";
    /// Y0705
    not_number(shown: &str)
        => "must be a number, not {shown}",
           "应为数值，而不是 {shown}";
    /// Y0705
    enum_not_string(names: &str)
        => "must be one of {names}",
           "应为以下之一：{names}";
    /// Y0705
    enum_not_listed(shown: &str, names: &str)
        => "{shown} is not one of {names}",
           "{shown} 不是以下之一：{names}";
    /// Y0705
    date_invalid(shown: &str)
        => "{shown} is not a date (YYYY-MM-DD)",
           "{shown} 不是日期（YYYY-MM-DD）";
    /// Y0705
    series_not_list(n: u32)
        => "must be a list of {n} values, oldest first",
           "应为 {n} 个值的列表，从最早的开始";
    /// Y0705
    series_length(n: u32, got: usize)
        => "must have {n} values, oldest first, not {got}",
           "应有 {n} 个值（从最早的开始），而不是 {got} 个";
    /// Y0705
    series_not_numbers()
        => "series values must be numbers",
           "序列中的值必须是数值";
    /// Y0705
    cannot_be_given()
        => "cannot be given",
           "不能直接给出";
    /// Y0706
    below_min(x: &str, min: &str)
        => "{x} is below the smallest allowed value {min}",
           "{x} 小于允许的最小值 {min}";
    /// Y0706
    above_max(x: &str, max: &str)
        => "{x} is above the largest allowed value {max}",
           "{x} 大于允许的最大值 {max}";
    /// Y0707: exact or refused.
    too_many_digits(shown: &str)
        => "{shown} has more than 28 significant digits and cannot be held exactly; give it with fewer digits",
           "{shown} 的有效数字超过 28 位，无法精确保存；请减少位数";
    /// Y0707
    too_precise(shown: &str)
        => "{shown} has more than 28 digits after the decimal point and cannot be held exactly",
           "{shown} 的小数位超过 28 位，无法精确保存";
    /// Y0707
    too_large(shown: &str)
        => "{shown} is too large to hold exactly (the largest is about 7.9 × 10^28)",
           "{shown} 太大，无法精确保存（最大约为 7.9 × 10^28）";
    /// Y0701: the answers break a `require` rule.
    require_broken(rule_en: &str, rule_zh: &str, given_en: &str, given_zh: &str)
        => "the answers are inconsistent: {rule_en} ({given_en})",
           "填写的数据相互矛盾：{rule_zh}（{given_zh}）";
    /// The last line of a long list of problems.
    more_problems(more: usize)
        => "… and {more} more problems",
           "……另有 {more} 个问题";
    /// An error's summary: the first problem, and how many more.
    first_of_many(first_en: &str, first_zh: &str, more: usize)
        => "{first_en} (and {more} more)",
           "{first_zh}（另有 {more} 个）";
    /// The heading of an assessment's problems.
    assessment_invalid()
        => "the assessment is not valid",
           "评估数据无效";

    // ── Finding a standard (codes Y08xx) ──
    /// Y0801
    no_standard(id: &str, ids: &str)
        => "no standard `{id}` in the library; it has: {ids}",
           "库中没有标准 `{id}`；现有：{ids}";
    /// Y0802
    no_version(id: &str, version: &str, versions_en: &str, versions_zh: &str)
        => "standard `{id}` has no version \"{version}\"; the library has: {versions_en}",
           "标准 `{id}` 没有版本 \"{version}\"；库中有：{versions_zh}";
    /// Y0803
    name_a_version(id: &str, versions: &str)
        => "standard `{id}` has several versions ({versions}); name one, or give an as-of date",
           "标准 `{id}` 有多个版本（{versions}）；请指定其一，或给出评估日期（as_of）";
    /// Y0804
    none_in_force(id: &str, as_of: &str, versions_en: &str, versions_zh: &str)
        => "no version of `{id}` is in force on {as_of}; the library has: {versions_en}",
           "`{id}` 在 {as_of} 没有生效的版本；库中有：{versions_zh}";
    /// Y0804, continued: one draft applies.
    draft_applies(version: &str)
        => "; \"{version}\" is a draft, which an as-of date never picks: name its version, or include drafts (`--include-drafts`)",
           "；\"{version}\" 是草案，按日期选择时不会选用草案：请指定其版本，或包含草案（`--include-drafts`）";
    /// Y0804, continued: several drafts apply.
    drafts_apply(versions: &str)
        => "; {versions} are drafts, which an as-of date never picks: name a version, or include drafts (`--include-drafts`)",
           "；{versions} 是草案，按日期选择时不会选用草案：请指定版本，或包含草案（`--include-drafts`）";
    /// Y0805
    several_drafts(id: &str, as_of: &str, versions_en: &str, versions_zh: &str)
        => "several drafts of `{id}` apply on {as_of}: {versions_en}; name one with its version",
           "`{id}` 在 {as_of} 有多个草案适用：{versions_zh}；请用版本号指定其一";
    /// Y0805
    several_in_force(id: &str, as_of: &str, versions_en: &str, versions_zh: &str)
        => "several versions of `{id}` are in force on {as_of}: {versions_en}; fix their effective windows",
           "`{id}` 在 {as_of} 有多个版本同时生效：{versions_zh}；请修正它们的生效期";
    /// Y0806
    no_document(file: &str)
        => "no document named {file} in the library (it may have syntax errors)",
           "库中没有名为 {file} 的文档（可能有语法错误）";
    /// Y0807
    standard_not_named()
        => "the assessment does not name its `standard`; add `\"standard\": \"<id>\"` or pass --standard FILE",
           "评估数据未写明 `standard`；请加上 `\"standard\": \"<id>\"`，或使用 --standard 文件";
    /// Y0808
    no_review_cycle(id: &str, version: &str)
        => "`{id}@{version}` has no `review every N years` cycle",
           "`{id}@{version}` 没有 `review every N years` 复审周期";
    /// Y0808
    no_rank_rule(id: &str, version: &str)
        => "`{id}@{version}` has no `rank by` rule",
           "`{id}@{version}` 没有 `rank by` 排名规则";
    /// A version with its window: `"2014" (from 2014-01-01 until 2021-01-01)`.
    version_window(version: &str, window_en: &str, window_zh: &str)
        => "\"{version}\" ({window_en})",
           "\"{version}\"（{window_zh}）";
    /// A draft version with its window.
    draft_window(version: &str, window_en: &str, window_zh: &str)
        => "\"{version}\" (draft, {window_en})",
           "\"{version}\"（草案，{window_zh}）";
    window_from_until(from: &str, until: &str) => "from {from} until {until}", "{from} 起至 {until}";
    window_from(from: &str) => "from {from}", "{from} 起";
    window_until(until: &str) => "until {until}", "至 {until}";
    window_none() => "no effective window", "未写生效期";

    // ── Checks over time, across a library (Y0102, Y04xx) ──
    /// Y0407
    not_in_force_whole_window(how: &str, id: &str, version: &str, me: &str, mine_en: &str, mine_zh: &str, theirs_en: &str, theirs_zh: &str)
        => "`{how} {id} version \"{version}\"` is not in force for the whole window of `{me}` ({mine_en} vs {theirs_en})",
           "`{how} {id} version \"{version}\"` 并非在 `{me}` 的整个生效期内都有效（{mine_zh}，对方 {theirs_zh}）";
    /// Y0407, how to fix it.
    narrow_the_window()
        => "narrow this document's effective window to the target's, or build on a version in force for the whole window",
           "把本文档的生效期收窄到对方的生效期之内，或改用在整个生效期内都有效的版本";
    /// Y0102
    version_defined_twice(id: &str, version: &str, other: &str)
        => "`{id}` version \"{version}\" is also defined in {other}",
           "`{id}` 的版本 \"{version}\" 在 {other} 中也有定义";
    /// Y0102, how to fix it.
    change_a_version()
        => "each (id, version) must be unique in a library; change one of the versions",
           "库中每个（id，版本）只能有一个；请修改其中一个的版本号";
    /// Y0406
    both_in_force(id: &str, one: &str, other: &str)
        => "`{id}` versions \"{one}\" and \"{other}\" are both in force on some days",
           "`{id}` 的版本 \"{one}\" 和 \"{other}\" 有些日子同时生效";
    /// Y0406, how to fix it.
    give_an_until()
        => "give the older version an `until` date on or before the newer one's start",
           "给较旧的版本加上 `until` 日期，不晚于新版本的生效日";
    /// Y0408: a revision that starts before its predecessor ends.
    revision_starts_early(me: &str, base: &str, start: &str, end: &str)
        => "`{me}` revises version \"{base}\", but starts ({start}) before that version ends ({end})",
           "`{me}` 修订了版本 \"{base}\"，但生效日（{start}）早于该版本的终止日（{end}）";
    revision_starts_early_help(base: &str, end: &str)
        => "start this version on or after {end} (`effective from {end}`), or end version \"{base}\" earlier",
           "让本版本在 {end} 或之后生效（`effective from {end}`），或让版本 \"{base}\" 更早终止";
    /// Y0408: the predecessor never ends.
    revision_base_open(me: &str, base: &str)
        => "`{me}` revises version \"{base}\", but version \"{base}\" has no end date",
           "`{me}` 修订了版本 \"{base}\"，但版本 \"{base}\" 没有终止日";
    revision_base_open_help(base: &str, start: &str)
        => "give version \"{base}\" `until {start}` so that this revision takes over from it on {start}",
           "给版本 \"{base}\" 加上 `until {start}`，使本修订版从 {start} 起接替它";
    /// Y0408: the revision has no start.
    revision_no_start(me: &str, base: &str)
        => "`{me}` revises version \"{base}\", but has no start date",
           "`{me}` 修订了版本 \"{base}\"，但没有生效日";
    revision_no_start_help(end: &str)
        => "give this version `effective from {end}`: a revision takes over when its predecessor ends",
           "给本版本加上 `effective from {end}`：修订版在前一版本终止时接替它";
    revision_no_dates_help(base: &str)
        => "give this version `effective from DATE` and version \"{base}\" `until DATE`",
           "给本版本加上 `effective from 日期`，并给版本 \"{base}\" 加上 `until 日期`";
    /// The label under a standard's id.
    this_standard() => "this standard", "此标准";
    /// The label of a file that cannot be read.
    this_file() => "this file", "此文件";
    not_text_label() => "not UTF-8, UTF-16 or GB18030", "不是 UTF-8、UTF-16 或 GB18030";
    read_as_label(encoding: &str) => "read as {encoding}", "按 {encoding} 读取";

    // ── Reading files (Y0090, Y0091) ──
    /// Y0090
    cannot_read(reason: &str)
        => "cannot read this file: {reason}",
           "无法读取此文件：{reason}";
    /// Y0091
    read_as(encoding: &str)
        => "read as {encoding}, not UTF-8; save it as UTF-8 to silence this warning",
           "已按 {encoding} 读取（不是 UTF-8）；另存为 UTF-8 即可消除此警告";
    /// Y0091, how to fix it.
    save_as_utf8(encoding: &str)
        => "in Notepad: File → Save As → Encoding: UTF-8; or `iconv -f {encoding} -t UTF-8 FILE > FILE.new` and replace the file",
           "记事本中“文件 → 另存为 → 编码：UTF-8”；或用 `iconv -f {encoding} -t UTF-8 文件 > 新文件` 转换后替换原文件";
    /// Y0090, bytes that are not text, how to fix it.
    not_text_help()
        => "save the file as UTF-8: in Notepad, File → Save As → Encoding: UTF-8; or convert it with `iconv -f ENCODING -t UTF-8 FILE > FILE.new` (ENCODING is what it was saved in: GBK, BIG5, SHIFT_JIS, LATIN1 …) and replace the file",
           "请另存为 UTF-8：记事本中“文件 → 另存为 → 编码：UTF-8”；或用 `iconv -f 原编码 -t UTF-8 文件 > 新文件` 转换后替换原文件";

    // ── Results ──
    /// A failing item that one change would pass.
    fix_passes(input_en: &str, input_zh: &str, from_en: &str, from_zh: &str, to_en: &str, to_zh: &str, item_en: &str, item_zh: &str)
        => "change {input_en} from {from_en} to {to_en} and {item_en} passes",
           "将 {input_zh} 从 {from_zh} 改为 {to_zh}，{item_zh} 即可通过";
    /// A grade that one change would lift to a better band.
    fix_reaches(input_en: &str, input_zh: &str, from_en: &str, from_zh: &str, to_en: &str, to_zh: &str, item_en: &str, item_zh: &str, band_en: &str, band_zh: &str)
        => "change {input_en} from {from_en} to {to_en} and {item_en} reaches {band_en}",
           "将 {input_zh} 从 {from_zh} 改为 {to_zh}，{item_zh} 即可达到 {band_zh}";
    /// Note `fixes_incomplete`.
    fixes_incomplete(steps: u64)
        => "the search for fixes stopped at its budget of {steps} steps: some failing items or grades may have a fix not listed",
           "整改建议的搜索达到 {steps} 步的上限后停止：部分不合格项或等级可能还有未列出的整改办法";
    /// Note `partial_incomplete`.
    partial_incomplete(steps: u64)
        => "the search for the best and worst results stopped at its budget of {steps} steps: they are reachable, but better or worse may be too",
           "最好与最差结果的搜索达到 {steps} 步的上限后停止：所列结果可以达到，但可能还有更好或更差的结果";
    /// A definition that could not be computed, on its item.
    not_computed(label_en: &str, label_zh: &str, why_en: &str, why_zh: &str)
        => "{label_en} could not be computed: {why_en}",
           "{label_zh} 无法计算：{why_zh}";
    /// Y0601
    division_by_zero(def: &str, code: &str)
        => "division by zero in `{def}` [{code}]",
           "`{def}` 中出现除以零 [{code}]";
    /// Y0602
    overflow(def: &str, code: &str)
        => "a number in `{def}` grew too large to hold exactly [{code}]",
           "`{def}` 中的数值过大，无法精确保存 [{code}]";
    /// Y0603
    no_value(def: &str, form: &str, code: &str)
        => "`{form}` has no value (in `{def}`) [{code}]",
           "`{def}` 中的 `{form}` 没有确定的值 [{code}]";
    /// Where an evaluation error is.
    at_place(what_en: &str, what_zh: &str, file: &str, line: usize, column: usize)
        => "{what_en} at {file}:{line}:{column}",
           "{what_zh}（{file}:{line}:{column}）";
    /// The CLI, after the errors of a result.
    more_not_computed(more: usize)
        => "… and {more} more definitions that could not be computed",
           "……另有 {more} 个无法计算的定义";
    /// The heading of a standard with problems.
    standard_has_problems(count: usize)
        => "the standard has {count} problem(s); run `yardstick check` on it",
           "标准有 {count} 个问题；请对其运行 `yardstick check`";
    /// The summary of [`crate::Problems`].
    problems_in_standard(count: usize)
        => "{count} problem(s) in the standard",
           "标准中有 {count} 个问题";

    // ── Words ──
    outcome_pass() => "pass", "通过";
    outcome_fail() => "fail", "不通过";
    outcome_unknown() => "undecided (answers missing)", "待定（缺少数据）";
    /// Undecided with every answer given: limits the standard has but that are not known (`unknown`).
    outcome_unknown_limits() => "undecided (limits of the standard not known)", "待定（标准限值未知）";
    outcome_not_applicable() => "not applicable", "不适用";
    status_draft() => "draft", "草案";
    status_accepted() => "accepted", "现行";
    status_superseded() => "superseded", "已被替代";
    status_obsolete() => "obsolete", "已废止";
    state_designated() => "designated", "已命名";
    state_reconfirmed() => "reconfirmed", "复审确认";
    state_deferred() => "deferred", "暂缓确认";
    state_revoked() => "revoked", "撤销命名";

    // ── Review cycles ──
    /// A history's date that is not a date.
    review_not_date(shown: &str)
        => "`{shown}` is not a date (YYYY-MM-DD)",
           "`{shown}` 不是日期（YYYY-MM-DD）";
    review_date_required()
        => "a date YYYY-MM-DD is required",
           "需要日期 YYYY-MM-DD";
    review_result(shown: &str)
        => "must be \"pass\" or \"fail\", not {shown}",
           "应为 \"pass\"（通过）或 \"fail\"（不通过），而不是 {shown}";
    review_missing() => "missing", "缺失";
    review_out_of_order(date: &str, last: &str)
        => "{date} is before the previous event ({last}); list reviews in date order, after the designation",
           "{date} 早于上一个事件（{last}）；请按日期顺序、在命名之后列出复审";
    review_after_revoked(since: &str, date: &str)
        => "the designation was revoked on {since}; a later review on {date} cannot apply",
           "命名已于 {since} 撤销；{date} 的复审不再适用";
    why_designated(date: &str, first: &str, every: u32)
        => "designated on {date}; first review due {first} (every {every} years)",
           "{date} 命名；首次复审应在 {first}（每 {every} 年一次）";
    why_passed(date: &str, next: &str)
        => "{date}: review passed, reconfirmed; next review due {next}",
           "{date}：复审通过，确认命名；下次复审应在 {next}";
    why_revoked(date: &str)
        => "{date}: failed again after deferral, revoked",
           "{date}：暂缓后再次未通过，撤销命名";
    why_deferred(date: &str, deadline: &str)
        => "{date}: review failed, deferred; rectify by {deadline}, re-review then (a second failure revokes)",
           "{date}：复审未通过，暂缓确认；须在 {deadline} 前整改并再次复审（再次未通过将撤销命名）";
    why_overdue(as_of: &str, next: &str)
        => "as of {as_of}: the review due {next} is overdue",
           "截至 {as_of}：应在 {next} 进行的复审已逾期";
}

/// An outcome in words.
pub fn outcome(o: Outcome) -> Msg {
    match o {
        Outcome::Pass => outcome_pass(),
        Outcome::Fail => outcome_fail(),
        Outcome::Unknown => outcome_unknown(),
        Outcome::NotApplicable => outcome_not_applicable(),
    }
}

/// A document status in words (`draft`, `accepted`, `superseded`, `obsolete`); `None` for another word.
pub fn status(s: &str) -> Option<Msg> {
    Some(match s {
        "draft" => status_draft(),
        "accepted" => status_accepted(),
        "superseded" => status_superseded(),
        "obsolete" => status_obsolete(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_message_has_both_languages_with_the_same_values() {
        let mut names = BTreeSet::new();
        let all = all();
        for m in &all {
            let m = *m;
            assert!(names.insert(m.name), "{} is written twice", m.name);
            let problems = m.problems();
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
        assert!(all.len() > 100, "{} messages", all.len());
    }

    #[test]
    fn words_cover_every_outcome_and_status() {
        for o in [
            Outcome::Pass,
            Outcome::Fail,
            Outcome::Unknown,
            Outcome::NotApplicable,
        ] {
            assert!(!outcome(o).zh.is_empty());
        }
        for s in ["draft", "accepted", "superseded", "obsolete"] {
            assert!(status(s).is_some(), "{s}");
        }
    }
}
