//! The sentences of `yardstick diff` (crate::diff): structural changes, probe notes, what the probes
//! cannot decide, and the lines of the human report. Values (ids, thresholds as `≥ 80%`, windows) are
//! formatted by the caller; lists and labels come in each language's own form (`_en`, `_zh`).

catalogue! {
    // ── Structural changes (`Change { kind, en, zh }`) ──
    /// `window_changed`: windows as `2014-01-01 – …`.
    window_changed(old: &str, new: &str)
        => "effective window {old} → {new}",
           "施行期间 {old} → {new}";
    /// `status_changed`: the statuses as written in English (`none` when not stated), in words in Chinese.
    status_changed(old_en: &str, new_en: &str, old_zh: &str, new_zh: &str)
        => "status {old_en} → {new_en}",
           "状态 {old_zh} → {new_zh}";
    /// `review_changed`: each cycle from [`review_every`] or [`none`].
    review_changed(old_en: &str, new_en: &str, old_zh: &str, new_zh: &str)
        => "review cycle {old_en} → {new_en}",
           "复审周期 {old_zh} → {new_zh}";
    /// A review cycle, in [`review_changed`].
    review_every(years: u32) => "every {years} years", "每 {years} 年";
    /// No value (a review cycle, a threshold, a weight).
    none() => "none", "无";
    /// `input_added`
    input_added(id: &str, label_en: &str, label_zh: &str)
        => "input `{id}` ({label_en}) added",
           "新增输入 `{id}`（{label_zh}）";
    /// `input_removed`
    input_removed(id: &str, label_en: &str, label_zh: &str)
        => "input `{id}` ({label_en}) removed",
           "删除输入 `{id}`（{label_zh}）";
    /// `item_added`, outside any section.
    item_added(id: &str, label_en: &str, label_zh: &str)
        => "item `{id}` ({label_en}) added",
           "新增条目 `{id}`（{label_zh}）";
    /// `item_added`, in a section (named in English only, as before).
    item_added_in_section(id: &str, label_en: &str, label_zh: &str, section_en: &str)
        => "item `{id}` ({label_en}) added in section `{section_en}`",
           "新增条目 `{id}`（{label_zh}）";
    /// `item_removed`
    item_removed(id: &str, label_en: &str, label_zh: &str)
        => "item `{id}` ({label_en}) removed",
           "删除条目 `{id}`（{label_zh}）";
    /// `label_changed`
    relabelled(id: &str, old_en: &str, new_en: &str, old_zh: &str, new_zh: &str)
        => "`{id}` relabelled: \"{old_en}\" → \"{new_en}\"",
           "`{id}` 名称：「{old_zh}」→「{new_zh}」";
    /// `item_moved`: sections by id (`-` for none).
    item_moved(id: &str, from: &str, to: &str)
        => "item `{id}` moved from section `{from}` to `{to}`",
           "条目 `{id}` 从 `{from}` 移至 `{to}`";
    /// `item_moved`: an item that became a veto.
    now_a_veto(id: &str)
        => "item `{id}` is now a veto",
           "条目 `{id}` 改为否决项";
    /// `item_moved`: an item that is a veto no more.
    no_longer_a_veto(id: &str)
        => "item `{id}` is no longer a veto",
           "条目 `{id}` 不再是否决项";
    /// `comparator_changed` / `condition_changed` with a threshold that is not a constant: the two
    /// comparators (`≥`).
    comparison_not_constant(id: &str, subject: &str, old: &str, new: &str)
        => "item `{id}`: comparison on `{subject}` changed: {old} … → {new} … (a threshold that is not a constant)",
           "条目 `{id}`：`{subject}` 的比较有变化：{old} … → {new} …（限值不是常数）";
    /// `threshold_tightened` / `threshold_loosened` / `comparator_changed`: `what` is [`word_threshold`]
    /// or [`word_comparator`], `verb` [`word_tightened`] or [`word_loosened`]; old and new as `≥ 80%`.
    item_threshold(id: &str, subject: &str, old: &str, new: &str, what_en: &str, what_zh: &str, verb_en: &str, verb_zh: &str)
        => "item `{id}`: {what_en} on `{subject}` {verb_en}: {old} → {new}",
           "条目 `{id}`：`{subject}` 的{what_zh} {verb_zh}：{old} → {new}";
    word_threshold() => "threshold", "限值";
    word_comparator() => "comparator", "比较符";
    word_tightened() => "tightened", "收紧";
    word_loosened() => "loosened", "放宽";
    /// `condition_changed`: how many comparisons before and now.
    conditions_changed_count(id: &str, before: usize, now: usize)
        => "item `{id}`: its conditions changed ({before} comparison(s) before, {now} now)",
           "条目 `{id}` 的条件有变化（原 {before} 项比较，现 {now} 项）";
    /// `level_changed`
    ladder_row_added(id: &str, subject: &str)
        => "ladder `{id}`: row for `{subject}` added",
           "等级 `{id}`：新增 `{subject}` 一行";
    /// `threshold_tightened` / `threshold_loosened` of a ladder row.
    ladder_threshold(id: &str, level: &str, subject: &str, old: &str, new: &str)
        => "ladder `{id}`, level {level}, `{subject}`: {old} → {new}",
           "等级 `{id}` {level} 级 `{subject}`：{old} → {new}";
    /// `level_changed`: a ladder limit written `unknown` on one side, in [`ladder_threshold`].
    row_limit_unknown() => "unknown", "未知";
    /// `weight_changed`: weights as `40%` (`none` when absent).
    weight_changed(id: &str, term: &str, old: &str, new: &str)
        => "score `{id}`: weight of `{term}` {old} → {new}",
           "得分 `{id}`：`{term}` 权重 {old} → {new}";
    /// `band_changed`: bands as written (`A ≥90; B ≥75 <90; C otherwise`).
    bands_changed(id: &str, old: &str, new: &str)
        => "grade `{id}` bands: {old} → {new}",
           "等级划分 `{id}`：{old} → {new}";

    // ── Given assessments (`Undecided`) ──
    /// `unreadable`
    no_inputs_found(name: &str)
        => "`{name}`: no inputs found (an object, or one with `inputs`)",
           "`{name}`：未找到输入（应为对象，或含 `inputs` 的对象）";
    /// Why an answer was left out, in [`answers_left_out`].
    not_an_input_of_either()
        => "not an input of either standard",
           "不是任何一版标准的输入项";
    /// `ignored_inputs`: the answers as `` `id` (why) ``, joined with the language's commas.
    answers_left_out(name: &str, answers_en: &str, answers_zh: &str)
        => "`{name}`: answers left out (treated as missing): {answers_en}",
           "`{name}`：以下答案未采用（按缺失处理）：{answers_zh}";
    /// `error`: `side` is [`side_old`] or [`side_new`].
    cannot_be_evaluated(name: &str, side_en: &str, side_zh: &str, error: &str, code: &str)
        => "`{name}`: cannot be evaluated under {side_en}: {error} ({code})",
           "`{name}`：按{side_zh}无法计算：{error}（{code}）";
    side_old() => "the old standard", "旧版";
    side_new() => "the new standard", "新版";

    // ── Probes: the change each probe site tests ──
    /// `not_constant`
    not_constant(id: &str, subject: &str)
        => "`{id}`: the threshold on `{subject}` is not a constant number, so the probes cannot place it",
           "`{id}`：`{subject}` 的限值不是常数，探查无法定位";
    /// A moved threshold of an item; old and new as `≥ 80%`.
    probe_item_threshold(id: &str, subject: &str, old: &str, new: &str)
        => "item `{id}`, `{subject}`: {old} → {new}",
           "条目 `{id}` `{subject}`：{old} → {new}";
    /// A condition of an added item, as `≥ 80%`.
    probe_item_added(id: &str, subject: &str, condition: &str)
        => "item `{id}` (added): `{subject}` {condition}",
           "新增条目 `{id}`：`{subject}` {condition}";
    /// A condition of a removed item.
    probe_item_removed(id: &str, subject: &str, condition: &str)
        => "item `{id}` (removed): `{subject}` {condition}",
           "删除条目 `{id}`：`{subject}` {condition}";
    probe_condition_added(id: &str, subject: &str, condition: &str)
        => "item `{id}`: condition `{subject}` {condition} added",
           "条目 `{id}`：新增条件 `{subject}` {condition}";
    probe_condition_removed(id: &str, subject: &str, condition: &str)
        => "item `{id}`: condition `{subject}` {condition} removed",
           "条目 `{id}`：删除条件 `{subject}` {condition}";
    /// An added item with nothing to measure.
    flip_item_added(id: &str) => "item `{id}` added", "新增条目 `{id}`";
    /// An item whose yes/no conditions changed.
    flip_conditions_changed(id: &str)
        => "item `{id}`: its conditions changed",
           "条目 `{id}` 的条件有变化";
    /// One level of a ladder row, in [`probe_ladder_row`]: thresholds as `≥ 80%` or [`none`].
    ladder_level(level: &str, old_en: &str, new_en: &str, old_zh: &str, new_zh: &str)
        => "level {level} {old_en} → {new_en}",
           "{level} 级 {old_zh} → {new_zh}";
    /// The levels joined with the language's commas.
    probe_ladder_row(id: &str, subject: &str, levels_en: &str, levels_zh: &str)
        => "ladder `{id}`, `{subject}`: {levels_en}",
           "等级 `{id}` `{subject}`：{levels_zh}";
    probe_ladder_row_added(id: &str, subject: &str, levels_en: &str, levels_zh: &str)
        => "ladder `{id}`: row `{subject}` added ({levels_en})",
           "等级 `{id}`：新增 `{subject}` 一行（{levels_zh}）";
    probe_ladder_row_removed(id: &str, subject: &str)
        => "ladder `{id}`: row `{subject}` removed",
           "等级 `{id}`：删除 `{subject}` 一行";
    /// The bounds joined with the language's commas.
    probe_bands_moved(id: &str, bounds_en: &str, bounds_zh: &str)
        => "grade `{id}`: band bounds moved at {bounds_en}",
           "等级划分 `{id}`：分界 {bounds_zh} 有变";
    /// A score whose rule changed in numbers only.
    score_rule_changed(id: &str)
        => "score `{id}`: its rule changed",
           "得分 `{id}` 的计算有变化";
    /// A changed score and a grade it feeds; `side` is [`word_new`] or [`word_old`].
    feeds_grade(change_en: &str, change_zh: &str, grade: &str, side_en: &str, side_zh: &str)
        => "{change_en}; it feeds grade `{grade}` ({side_en} bands)",
           "{change_zh}；影响等级划分 `{grade}`（{side_zh}分界）";
    word_new() => "new", "新版";
    word_old() => "old", "旧版";
    /// A changed score and an item it feeds, with the item's condition as `≥ 80`.
    feeds_item(change_en: &str, change_zh: &str, item: &str, condition: &str)
        => "{change_en}; it feeds item `{item}` ({condition})",
           "{change_zh}；影响条目 `{item}`（{condition}）";

    // ── Probes: where a probe sits, and how the other inputs are set ──
    at_the_threshold() => " (at the threshold)", "（恰在限值上）";
    between(low: &str, high: &str) => " (between {low} and {high})", "（介于 {low} 与 {high} 之间）";
    just_below(threshold: &str) => " (just below {threshold})", "（略低于 {threshold}）";
    just_above(threshold: &str) => " (just above {threshold})", "（略高于 {threshold}）";
    /// A probe's note: the change, the value probed (`rate = 8.5%`), its place and how the others are set.
    probe_note(change_en: &str, change_zh: &str, at: &str, place_en: &str, place_zh: &str, others_en: &str, others_zh: &str)
        => "{change_en}; probe: {at}{place_en}, {others_en}",
           "{change_zh}；探查：{at}{place_zh}，{others_zh}";
    own_conditions_failing()
        => "the item's own conditions failing, other inputs passing",
           "条目自身条件不通过，其余输入取通过值";
    others_passing() => "other inputs at passing values", "其余输入取通过值";
    one_failing(id: &str)
        => "`{id}` failing, other inputs passing",
           "`{id}` 取不通过值，其余输入取通过值";
    others_at_maximum()
        => "the other inputs it reads at their maximum",
           "其读取的其他输入取最大值";
    others_at_minimum()
        => "the other inputs it reads at their minimum",
           "其读取的其他输入取最小值";
    /// An input solved for the site's quantity; `others` is how the other inputs are set.
    solved_for(id: &str, others_en: &str, others_zh: &str)
        => "`{id}` solved for it, {others_en}",
           "按此反求 `{id}`，{others_zh}";

    // ── Probes: what they cannot decide (`Undecided`) ──
    /// `no_input`
    reads_no_input(change_en: &str, change_zh: &str, quantity: &str)
        => "{change_en}: `{quantity}` reads no numeric input the probes can move",
           "{change_zh}：`{quantity}` 不读取可供探查调整的数值输入";
    /// `error`: the thresholds joined with the language's commas.
    probes_not_evaluated(change_en: &str, change_zh: &str, at_en: &str, at_zh: &str, error: &str)
        => "{change_en}: probes at {at_en} could not be evaluated: {error}",
           "{change_zh}：在 {at_zh} 处的探查无法计算：{error}";
    /// `no_case`
    no_probe_changed(change_en: &str, change_zh: &str, at_en: &str, at_zh: &str, target: &str, tried: usize)
        => "{change_en}: no probe at or beside {at_en} changed `{target}` ({tried} input sets tried); other conditions may hide the change, or the compared value cannot reach it",
           "{change_zh}：在 {at_zh} 及其两侧的探查均未改变 `{target}`（试了 {tried} 组输入）；其他条件可能掩盖了这一变化，或比较的值达不到该处";
    /// `no_case` for an item probed by flipping its yes/no and named inputs.
    no_flip_changed(change_en: &str, change_zh: &str)
        => "{change_en}: setting its yes/no and named inputs to failing one at a time changed no result",
           "{change_zh}：将其是/否及枚举输入逐一设为不通过，结果均无变化";

    // ── The report (`render`) ──
    report_heading(old: &str, new: &str)
        => "What changed from {old} to {new}",
           "从 {old} 到 {new} 的变化";
    no_structural_change() => "No structural change.", "无结构变化。";
    assessments_heading(changed: usize, total: usize)
        => "Assessments, one by one ({changed} of {total} change):",
           "逐个评估（{total} 个中 {changed} 个有变化）：";
    /// An assessment's or probe's outcome, old and new.
    outcome_change(old_en: &str, new_en: &str, old_zh: &str, new_zh: &str)
        => "outcome {old_en} → {new_en}",
           "结论 {old_zh} → {new_zh}";
    level_change(id: &str, old: &str, new: &str)
        => "level {id}: {old} → {new}",
           "等级 {id}：{old} → {new}";
    grade_change(id: &str, old: &str, new: &str)
        => "grade {id}: {old} → {new}",
           "评级 {id}：{old} → {new}";
    score_change(id: &str, old: &str, new: &str)
        => "score {id}: {old} → {new}",
           "得分 {id}：{old} → {new}";
    item_change(id: &str, old_en: &str, new_en: &str, old_zh: &str, new_zh: &str)
        => "item {id}: {old_en} → {new_en}",
           "条目 {id}：{old_zh} → {new_zh}";
    /// An item one standard lacks.
    word_absent() => "absent", "无此项";
    word_undecided() => "undecided", "无法判定";
    word_no_change() => "no change", "无变化";
    probes_heading()
        => "Example inputs whose result changes (probes at and beside every changed threshold):",
           "结果有变化的示例输入（在每个变化的限值上及其两侧探查）：";
    probing_stopped()
        => "(probing stopped at the search budget: later probes were not tried)",
           "（探查达到搜索上限后停止：其余探查未进行）";
    undecided_heading()
        => "What the probes cannot decide:",
           "探查无法判定的：";
}
