//! Every sentence the engine says, in Chinese and English, in one place: the explainer's here, the
//! checker's diagnostics in [`diagnostics`]; [`all`] gathers both.
//!
//! Each message is named and written once with both forms; the macro makes a function per message
//! (returning a [`Msg`]) and the list [`MESSAGES`] of their templates, which a test reads to check that
//! no message lacks a language and that both forms use the same values. An argument whose name ends in
//! `_en` appears in the English form only, one ending in `_zh` in the Chinese form only (a label, a part
//! already in that language, a list joined with the language's own separator); every other argument
//! appears in both. Optional parts of a sentence (a margin, a multiple, a veto, the reasons) are
//! messages of their own, passed in as `_en`/`_zh` arguments, or left empty ([`Msg::default`]).
//!
//! The explainer ([`crate::explain`]) and the checker choose the message and fill in the values; the
//! facade re-exports this module beside its own catalogue.

macro_rules! catalogue {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) => $en:literal, $zh:literal; )*) => {
        $(
            $(#[$doc])*
            pub fn $name($($arg: $ty),*) -> $crate::words::Msg {
                $crate::words::Msg { en: format!($en), zh: format!($zh) }
            }
        )*
        /// Every message of this module, in the order written.
        pub const MESSAGES: &[$crate::words::Template] =
            &[$($crate::words::Template { name: stringify!($name), en: $en, zh: $zh }),*];
    };
}

pub mod diagnostics;
pub mod units;

/// A message in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Msg {
    pub en: String,
    pub zh: String,
}

/// One message as written: its name and both templates.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    pub name: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

impl Template {
    /// What is wrong with this template, if anything (empty: nothing): both forms written; the Chinese
    /// form has Chinese (characters, or at least Chinese punctuation when it only frames values); the
    /// English form has none; both use the same values, apart from arguments ending in `_en` (English
    /// only) and `_zh` (Chinese only). The catalogues' tests run it over every message.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let name = self.name;
        if self.en.trim().is_empty() || self.zh.trim().is_empty() {
            out.push(format!("{name}: a form is empty"));
        }
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        let chinese = |c: char| {
            cjk(c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
        };
        if !self.zh.chars().any(chinese) {
            out.push(format!(
                "{name}: the Chinese form has no Chinese: {}",
                self.zh
            ));
        }
        if self.en.chars().any(cjk) {
            out.push(format!("{name}: the English form has Chinese: {}", self.en));
        }
        let placeholders = |t: &'static str| -> std::collections::BTreeSet<&'static str> {
            let mut found = std::collections::BTreeSet::new();
            let mut rest = t;
            while let Some(at) = rest.find('{') {
                rest = rest.get(at + 1..).unwrap_or_default();
                if let Some(end) = rest.find('}') {
                    found.insert(rest.get(..end).unwrap_or_default());
                    rest = rest.get(end + 1..).unwrap_or_default();
                }
            }
            found
        };
        let (en, zh) = (placeholders(self.en), placeholders(self.zh));
        let shared = |s: &std::collections::BTreeSet<&str>| -> Vec<String> {
            s.iter()
                .filter(|p| !p.ends_with("_en") && !p.ends_with("_zh"))
                .map(|p| p.to_string())
                .collect()
        };
        if shared(&en) != shared(&zh) {
            out.push(format!("{name}: the two forms use different values"));
        }
        if en.iter().any(|p| p.ends_with("_zh")) || zh.iter().any(|p| p.ends_with("_en")) {
            out.push(format!(
                "{name}: a value of one language is used in the other"
            ));
        }
        out
    }
}

/// The messages `parts` joined by `sep`, each language with its own form of it.
pub fn join(parts: &[Msg], sep: &Msg) -> Msg {
    let mut out = Msg::default();
    for (k, m) in parts.iter().enumerate() {
        if k > 0 {
            out.en.push_str(&sep.en);
            out.zh.push_str(&sep.zh);
        }
        out.en.push_str(&m.en);
        out.zh.push_str(&m.zh);
    }
    out
}

/// Every message of the core: the explainer's ([`MESSAGES`]) and the checker's
/// ([`diagnostics::MESSAGES`]).
pub fn all() -> Vec<&'static Template> {
    MESSAGES.iter().chain(diagnostics::MESSAGES).collect()
}

/// Not in [`MESSAGES`], having no words to translate: a plain value's sentence, `{name} = {value}` in
/// both languages (`a = 3`, `甲 = 是`).
pub fn value_equals(name_en: &str, name_zh: &str, value_en: &str, value_zh: &str) -> Msg {
    Msg {
        en: format!("{name_en} = {value_en}"),
        zh: format!("{name_zh} = {value_zh}"),
    }
}

catalogue! {
    /// What a comparison's subject is called when it has no name (`a / b <= 1`).
    unnamed_subject() => "value", "该值";
    /// A threshold written `unknown` (a limit the sources do not give).
    limit_not_known() => "a limit not known", "未知限值";
    // ── Values in words ──
    value_yes() => "yes", "是";
    value_no() => "no", "否";
    /// An input not given.
    value_missing() => "missing", "未填写";
    value_not_applicable() => "not applicable", "不适用";

    // ── Series and number functions, after the subject they apply to ──
    func_latest() => "latest year", "最近一年";
    func_mean() => "mean", "平均";
    func_min() => "lowest", "最小值";
    func_max() => "highest", "最大值";
    func_round() => "rounded", "取整";
    func_abs() => "absolute", "绝对值";
    func_rising() => "rising", "逐年上升";
    func_non_decreasing() => "non-decreasing", "逐年不降";
    /// A function of an input as a comparison's subject: `rate (latest year)`.
    subject_of_func(subject_en: &str, subject_zh: &str, func_en: &str, func_zh: &str)
        => "{subject_en} ({func_en})",
           "{subject_zh}（{func_zh}）";

    // ── Comparisons: `{subject} {value} … {sign} {limit}` ──
    /// A margin of percentage points (`1 point`).
    gap_point(gap: &str) => "{gap} point", "{gap} 个百分点";
    /// A margin of percentage points (`6 points`).
    gap_points(gap: &str) => "{gap} points", "{gap} 个百分点";
    /// How far below a lower limit.
    short_by(gap_en: &str, gap_zh: &str) => " by {gap_en}", "，差 {gap_zh}";
    /// How far above an upper limit.
    over_by(gap_en: &str, gap_zh: &str) => " by {gap_en}", "，超出 {gap_zh}";
    /// The exceedance multiple of a failed upper limit.
    times_the_limit(multiple: &str) => " ({multiple}×)", "（{multiple} 倍）";
    /// The multiple of a failed upper limit of 0.
    limit_is_zero() => " (the limit is 0)", "（限值为 0）";
    cmp_missing(subject_en: &str, subject_zh: &str, sign: &str, limit_en: &str, limit_zh: &str)
        => "{subject_en} is missing, so {sign} {limit_en} cannot be judged",
           "{subject_zh} 未填写，无法判断是否 {sign} {limit_zh}";
    cmp_undecidable(subject_en: &str, subject_zh: &str)
        => "{subject_en} cannot be judged",
           "{subject_zh} 无法判断";
    /// An upper limit kept.
    cmp_within(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, sign: &str, limit_en: &str, limit_zh: &str)
        => "{subject_en} {value_en} is within {sign} {limit_en}",
           "{subject_zh} {value_zh} 符合 {sign} {limit_zh}";
    /// A lower limit reached.
    cmp_meets(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, sign: &str, limit_en: &str, limit_zh: &str)
        => "{subject_en} {value_en} meets {sign} {limit_en}",
           "{subject_zh} {value_zh} 达到 {sign} {limit_zh}";
    /// An equality or inequality that holds.
    cmp_matches(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, sign: &str, limit_en: &str, limit_zh: &str)
        => "{subject_en} {value_en} matches {sign} {limit_en}",
           "{subject_zh} {value_zh} 符合 {sign} {limit_zh}";
    /// `< limit` failed by a value at the limit.
    cmp_not_below(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, sign: &str, limit_en: &str, limit_zh: &str, times_en: &str, times_zh: &str)
        => "{subject_en} {value_en} is not below {sign} {limit_en}{times_en}",
           "{subject_zh} {value_zh} 未低于 {sign} {limit_zh}{times_zh}";
    /// An upper limit exceeded.
    cmp_exceeds(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, sign: &str, limit_en: &str, limit_zh: &str, by_en: &str, by_zh: &str, times_en: &str, times_zh: &str)
        => "{subject_en} {value_en} exceeds the limit {sign} {limit_en}{by_en}{times_en}",
           "{subject_zh} {value_zh} 超过 {sign} {limit_zh}{by_zh}{times_zh}";
    /// `> limit` failed by a value at the limit.
    cmp_not_above(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, sign: &str, limit_en: &str, limit_zh: &str)
        => "{subject_en} {value_en} is not above the required {sign} {limit_en}",
           "{subject_zh} {value_zh} 未超过要求的 {sign} {limit_zh}";
    /// A lower limit not reached.
    cmp_below(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, sign: &str, limit_en: &str, limit_zh: &str, by_en: &str, by_zh: &str)
        => "{subject_en} {value_en} is below the required {sign} {limit_en}{by_en}",
           "{subject_zh} {value_zh} 未达到 {sign} {limit_zh}{by_zh}";
    /// An equality or inequality that fails.
    cmp_no_match(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, sign: &str, limit_en: &str, limit_zh: &str)
        => "{subject_en} {value_en} does not match {sign} {limit_en}",
           "{subject_zh} {value_zh} 不符合 {sign} {limit_zh}";
    /// A ladder row's comparison, with the level it reached.
    check_at_level(check_en: &str, check_zh: &str, level: &str)
        => "{check_en} (level {level})",
           "{check_zh}（{level} 级）";

    /// A ladder row whose level the standard's unknown limits leave open: `levels_en`/`levels_zh` are
    /// the levels between whose limits are written `unknown`.
    check_between_levels(check_en: &str, check_zh: &str, best: &str, worst: &str, levels_en: &str, levels_zh: &str)
        => "{check_en} (level {best} to {worst}: limits not known for {levels_en})",
           "{check_zh}（{best} 级至 {worst} 级之间：{levels_zh} 级限值未知）";
    /// A ladder row none of whose limits that could decide it is known.
    check_all_limits_unknown(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, best: &str, worst: &str, levels_en: &str, levels_zh: &str)
        => "{subject_en} is {value_en}: level {best} to {worst}, limits not known for {levels_en}",
           "{subject_zh}为 {value_zh}：{best} 级至 {worst} 级之间，{levels_zh} 级限值未知";

    // ── Ladders (`levels`) ──
    levels_missing(name_en: &str, name_zh: &str)
        => "{name_en}: cannot be graded, data missing",
           "{name_zh}：缺少数据，无法定级";
    /// Every answer given, but limits of the standard that are not known leave the level open.
    levels_between(name_en: &str, name_zh: &str, best: &str, worst: &str)
        => "{name_en}: level unknown, between {best} and {worst} (the worst of its sub-indicators): limits of the standard that decide it are not known",
           "{name_zh}：等级未知，在 {best} 级至 {worst} 级之间（取各分项中最差的等级）：决定等级的标准限值未知";
    levels_reached(name_en: &str, name_zh: &str, level: &str, times_en: &str, times_zh: &str)
        => "{name_en} is level {level} (the worst of its sub-indicators){times_en}",
           "{name_zh}为 {level} 级（取各分项中最差的等级）{times_zh}";
    /// The multiple against the lowest passing level's limits.
    levels_times(lowest: &str, multiple: &str)
        => "; {multiple} times the limits of level {lowest}",
           "；相对 {lowest} 级限值的超标倍数 {multiple}";

    // ── Grades ──
    grade_band(name_en: &str, name_zh: &str, band_en: &str, band_zh: &str, graded_en: &str, graded_zh: &str)
        => "{name_en}: {band_en} ({graded_en})",
           "{name_zh}：{band_zh}（{graded_zh}）";
    /// A grade without a band (answers missing).
    band_undecided() => "undecided", "待定";

    // ── Items ──
    item_passes(name_en: &str, name_zh: &str)
        => "{name_en} passes",
           "{name_zh} 通过";
    item_fails(name_en: &str, name_zh: &str, veto_en: &str, veto_zh: &str, why_en: &str, why_zh: &str)
        => "{name_en} fails{veto_en}{why_en}",
           "{name_zh} 未通过{veto_zh}{why_zh}";
    item_does_not_apply(name_en: &str, name_zh: &str)
        => "{name_en} does not apply",
           "{name_zh} 不适用";
    item_undecided(name_en: &str, name_zh: &str, why_en: &str, why_zh: &str)
        => "{name_en} is undecided (answers missing){why_en}",
           "{name_zh} 待定（缺少数据）{why_zh}";
    /// After a failed veto item.
    veto_fails() => " (a veto: the whole standard fails)", "（否决项，整体不通过）";
    /// An item's reasons, after its outcome.
    because(reasons_en: &str, reasons_zh: &str) => ": {reasons_en}", "：{reasons_zh}";
    /// Between an item's reasons.
    reason_sep() => "; ", "；";
    /// Between the values of an `in [A, B, C]` set.
    set_sep() => ", ", "、";
    /// A yes/no condition and its value.
    condition_is(input_en: &str, input_zh: &str, value_en: &str, value_zh: &str)
        => "{input_en}: {value_en}",
           "{input_zh}：{value_zh}";
    in_set_missing(subject_en: &str, subject_zh: &str, set_en: &str, set_zh: &str)
        => "{subject_en} is missing, so whether it is one of {set_en} cannot be judged",
           "{subject_zh} 未填写，无法判断是否属于 {set_zh}";
    not_in_set(subject_en: &str, subject_zh: &str, value_en: &str, value_zh: &str, set_en: &str, set_zh: &str)
        => "{subject_en} is {value_en}, not one of {set_en}",
           "{subject_zh} 为 {value_zh}，不属于 {set_zh}";
    /// `rising(series)` and its result.
    trend_rising(input_en: &str, input_zh: &str, value_en: &str, value_zh: &str)
        => "{input_en} rising every year: {value_en}",
           "{input_zh}逐年上升：{value_zh}";
    /// `non_decreasing(series)` and its result.
    trend_non_decreasing(input_en: &str, input_zh: &str, value_en: &str, value_zh: &str)
        => "{input_en} never falling: {value_en}",
           "{input_zh}逐年不降：{value_zh}";
    /// An item an item lists, and its outcome.
    listed_passes(item_en: &str, item_zh: &str) => "{item_en} pass", "{item_zh} 通过";
    listed_fails(item_en: &str, item_zh: &str) => "{item_en} fail", "{item_zh} 未通过";
    listed_not_applicable(item_en: &str, item_zh: &str) => "{item_en} not applicable", "{item_zh} 不适用";
    listed_unknown(item_en: &str, item_zh: &str) => "{item_en} unknown", "{item_zh} 待定";
    /// A listed item's outcome with the multiple of its limit.
    listed_times(listed_en: &str, listed_zh: &str, multiple: &str)
        => "{listed_en} ({multiple}× its limit)",
           "{listed_zh}（{multiple} 倍）";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_message_has_both_languages_with_the_same_values() {
        let mut names = BTreeSet::new();
        let all = all();
        for m in all.iter().copied() {
            assert!(names.insert(m.name), "{} is written twice", m.name);
            let problems = m.problems();
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
        assert!(MESSAGES.len() > 50, "{} messages", MESSAGES.len());
        assert!(all.len() >= MESSAGES.len() + diagnostics::MESSAGES.len());
    }

    #[test]
    fn the_template_check_can_fail() {
        let t = |en, zh| Template { name: "t", en, zh };
        assert!(t("{a} passes", "{a} 通过").problems().is_empty());
        assert!(t("{a_en} passes", "{a_zh} 通过").problems().is_empty());
        assert_eq!(t("{a} passes", "{b} 通过").problems().len(), 1);
        assert_eq!(t("passes", "passes").problems().len(), 1);
        assert_eq!(t("通过", "通过").problems().len(), 1);
        assert_eq!(t("{a_zh} passes", "{a_zh} 通过").problems().len(), 1);
        assert_eq!(t("{a_en} passes", "{a_en} 通过").problems().len(), 1);
    }

    #[test]
    fn join_uses_each_language_separator() {
        let parts = [value_yes(), value_no()];
        let m = join(&parts, &reason_sep());
        assert_eq!(m.en, "yes; no");
        assert_eq!(m.zh, "是；否");
        assert_eq!(join(&[], &set_sep()), Msg::default());
    }
}
