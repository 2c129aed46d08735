//! The sentences of the CLI's reports for people (`yardstick eval`, `review`), in both languages.

catalogue! {
    // ── `yardstick eval` ──
    /// The lineage line.
    built_from(lineage: &str) => "built from: {lineage}", "由以下文档构成：{lineage}";
    /// The outcome line: the outcome's word and its words in the chosen language.
    outcome_line(upper_en: &str, words_en: &str, words_zh: &str)
        => "outcome: {upper_en} ({words_en})",
           "结论：{words_zh}";
    /// After the outcome, the grade.
    grade_part(band: &str) => "   grade: {band}", "　等级：{band}";
    heading_vetoed()
        => "vetoed by (any one fails the whole standard):",
           "否决项（任何一项不通过，整个标准即不通过）：";
    heading_failing() => "failing:", "不通过：";
    /// With answers missing.
    partial_line(best: &str, worst: &str)
        => "with answers missing: best {best}, worst {worst}",
           "尚缺数据：最好 {best}，最差 {worst}";
    ask_next(inputs: &str) => "answer these next: {inputs}", "请先填写：{inputs}";
    heading_fixes()
        => "what would fix it (each checked by re-evaluating):",
           "整改建议（均已重新计算验证）：";
    note_line(text_en: &str, text_zh: &str) => "note: {text_en}", "说明：{text_zh}";
    heading_every_item() => "every item:", "全部条目：";
    /// A check's source and tier.
    source_tier(source: &str, tier: &str) => "  [source {source}, tier {tier}]", "　［来源 {source}，可信度 {tier}］";
    source_only(source: &str) => "  [source {source}]", "　［来源 {source}］";
    unanswered(count: usize) => "{count} input(s) not answered", "{count} 个输入项未填写";

    // ── `yardstick review` ──
    review_state(id: &str, version: &str, state: &str, since: &str)
        => "{id} {version}: {state} since {since}",
           "{id} {version}：自 {since} 起{state}";
    next_review(date: &str) => "next review: {date}", "下次复审：{date}";
    next_review_overdue(date: &str) => "next review: {date} (overdue)", "下次复审：{date}（已逾期）";
    rectify_by(date: &str) => "rectify by: {date}", "整改期限：{date}";
    heading_why() => "why:", "依据：";
}
