//! The words of `yardstick doc`: a standard as a page to print and review.

catalogue! {
    // ── The header table ──
    row_id() => "id", "标识";
    row_version() => "version", "版本";
    row_in_force() => "in force", "施行期间";
    from_until_exclusive(from: &str, until: &str) => "from {from} until {until} (exclusive)", "{from} 起至 {until}（不含）";
    from_date(from: &str) => "from {from}", "{from} 起";
    until_exclusive(until: &str) => "until {until} (exclusive)", "至 {until}（不含）";
    not_stated() => "not stated", "未写明";
    row_status() => "status", "状态";
    row_source() => "source", "依据";
    row_extends() => "extends", "扩展自";
    row_supersedes() => "supersedes", "取代";
    row_uses() => "uses", "引用";
    version_of(id: &str, version: &str) => "`{id}` version {version}", "`{id}` 版本 {version}";
    used_as(id: &str, version: &str, alias: &str) => "`{id}` version {version} as `{alias}`", "`{id}` 版本 {version}，记作 `{alias}`";
    row_review() => "review", "复审";
    review_cycle(every: u32, rectify: u32)
        => "every {every} years; after a failure, rectify within {rectify} year(s)",
           "每 {every} 年复审；未通过时须在 {rectify} 年内整改";
    row_lineage() => "lineage", "组成";
    row_hash() => "content hash", "内容指纹";
    /// A source's confidence tier.
    tier(tier: &str) => " (tier {tier})", "（可信度 {tier}）";

    // ── Inputs ──
    heading_inputs() => "Inputs", "输入项";
    col_kind() => "kind", "类型";
    col_range() => "range", "范围";
    col_source() => "source", "依据";
    kind_yes_no() => "yes/no", "是/否";
    kind_count() => "count", "计数";
    kind_number() => "number", "数值";
    kind_number_in(unit: &str) => "number ({unit})", "数值（{unit}）";
    kind_date() => "date", "日期";
    kind_series(n: u32, of_en: &str, of_zh: &str) => "{n} yearly values ({of_en})", "{n} 个年度值（{of_zh}）";

    // ── Items ──
    items_outside() => "Items outside sections", "不属于任何部分的条目";
    basic_note() => " (basic conditions: each is a veto)", "（基本条件：每项均为否决项）";
    col_item() => "item", "条目";
    col_clause() => "clause", "条款";
    col_rule() => "rule", "规则";
    applies_when(condition: &str) => "applies when {condition}", "适用条件：{condition}";
    /// Conditions joined (`a and b`).
    and_join() => " and ", " 且 ";

    // ── Ladders, scores, grades ──
    heading_levels(label: &str, id: &str) => "Levels: {label} (`{id}`)", "分级：{label}（`{id}`）";
    levels_rule(below: &str)
        => "Each row reaches the best level whose limit it meets; the result is the worst row. Below the last level: {below}.",
           "每一行取其达到限值的最好级别，结果取各行中最差者。低于最后一级为：{below}。";
    col_sub_indicator() => "sub-indicator", "分项指标";
    /// A limit written `unknown`, in the table of a ladder.
    limit_unknown() => "**unknown**", "**未知**";
    levels_unknown_note()
        => "Limits marked **unknown** are in the standard but not known: a value that only they could decide gets the level `unknown`, never a guess.",
           "标为**未知**的限值在标准中存在但尚不知其数值：只有这些限值才能决定的数值定级为「未知」，不作猜测。";
    heading_score(label: &str, id: &str) => "Score: {label} (`{id}`)", "分值：{label}（`{id}`）";
    out_of(total: &str) => ", out of {total}", "，满分 {total}";
    deduct(amount: &str, per: &str) => "deduct {amount} per `{per}`", "每个 `{per}` 扣 {amount}";
    at_most(n: &str) => ", at most {n}", "，最多 {n}";
    source_part(source: &str) => " — source: {source}", " — 依据：{source}";
    deducted_in_all(n: &str) => "at most {n} deducted in all", "合计最多扣 {n}";
    heading_grade(label: &str, id: &str) => "Grade: {label} (`{id}`)", "等级：{label}（`{id}`）";
    col_band() => "band", "档次";
    otherwise() => "otherwise", "其他情况";

    // ── Examples, outputs, ranking, changes ──
    heading_examples() => "Worked examples", "示例";
    example_fails() => " (FAILS)", "（未通过）";
    heading_outputs() => "Outputs", "输出";
    col_output() => "output", "输出项";
    col_computed() => "computed as", "计算方式";
    heading_ranking() => "Ranking", "排名";
    ranked_by(keys_en: &str, keys_zh: &str)
        => "By {keys_en}; equal subjects share a rank.",
           "按 {keys_zh} 排名；相同者名次相同。";
    ascending() => "ascending", "升序";
    descending() => "descending", "降序";
    then_join() => ", then ", "，其次 ";
    heading_changed(id: &str, version: &str) => "What changed from {id}@{version}", "相对 {id}@{version} 的变化";
    nothing() => "Nothing.", "无。";

    // ── Conditions retold ──
    not_x(x: &str) => "not {x}", "非 {x}";
    all_of(list: &str) => "all of [{list}]", "全部满足 [{list}]";
    any_of(list: &str) => "any of [{list}]", "任一满足 [{list}]";
    none_of(list: &str) => "none of [{list}]", "均不满足 [{list}]";
    either(list: &str) => "either [{list}]", "满足其一 [{list}]";
    both(list: &str) => "both [{list}]", "同时满足 [{list}]";
    at_least(k: u32, list: &str) => "at least {k} of [{list}]", "[{list}] 中至少 {k} 项";
    rest_within(w: &str) => ", the rest within {w}×", "，其余不超过 {w} 倍";
    one_of(x: &str, set: &str) => "{x} in [{set}]", "{x} 属于 [{set}]";
}
