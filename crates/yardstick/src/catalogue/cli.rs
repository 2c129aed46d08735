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

    // ── `yardstick test` ──
    /// An example that passed.
    example_passed(id: &str, version: &str, name: &str)
        => "ok    {id} @ {version}: {name}",
           "通过　{id} @ {version}：{name}";
    /// An example that failed; its mismatches follow.
    example_failed(id: &str, version: &str, name: &str)
        => "FAIL  {id} @ {version}: {name}",
           "失败　{id} @ {version}：{name}";
    /// One expectation that did not hold, with its place `file:line:col`.
    example_mismatch(what_en: &str, what_zh: &str, expected_en: &str, expected_zh: &str, actual_en: &str, actual_zh: &str, at: &str)
        => "{what_en}: expected {expected_en}, got {actual_en}  ({at})",
           "{what_zh}：应为 {expected_zh}，实为 {actual_zh}（{at}）";
    /// The last line of `yardstick test`.
    tests_summary(passed: usize, failed: usize)
        => "{passed} passed, {failed} failed",
           "{passed} 个通过，{failed} 个失败";

    // ── What a command read (`check`, `test`, the standards folder) ──
    read_files(count: usize) => "read {count} file(s)", "读取了 {count} 个文件";
    /// After [`read_files`]: the groups of [`read_group`], joined with `; `.
    read_other_encodings(groups_en: &str, groups_zh: &str)
        => " ({groups_en}; save as UTF-8 to silence this)",
           "（{groups_zh}；另存为 UTF-8 即可消除此提示）";
    read_group(count: usize, encoding: &str, files_en: &str, files_zh: &str)
        => "{count} as {encoding}: {files_en}",
           "{count} 个按 {encoding} 读取：{files_zh}";
    /// After [`read_files`]: the files that could not be read.
    not_read(count: usize, files_en: &str, files_zh: &str)
        => "; could not read {count}: {files_en} (Y0090)",
           "；{count} 个无法读取：{files_zh}（Y0090）";
    /// After five file names.
    and_more_files(more: usize) => " and {more} more", "等（另有 {more} 个）";
    /// The last line of `yardstick check`.
    checked_files(files: usize, errors: usize, warnings: usize)
        => "checked {files} file(s): {errors} error(s), {warnings} warning(s)",
           "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告";
    /// After the first 50 problems.
    more_problems_shown(more: usize, max: usize)
        => "… and {more} more problems (the first {max} are shown; --format json lists all)",
           "……另有 {more} 个问题（只显示前 {max} 个；--format json 列出全部）";

    // ── `yardstick fmt` ──
    not_formatted(file: &str, converted_en: &str, converted_zh: &str)
        => "{file} is not formatted{converted_en}",
           "{file} 未按规范格式排版{converted_zh}";
    formatted(file: &str, converted_en: &str, converted_zh: &str)
        => "formatted {file}{converted_en}",
           "已格式化 {file}{converted_zh}";
    /// After [`not_formatted`] or [`formatted`]: a file in another encoding.
    converted(encoding: &str)
        => " (it is {encoding} text; fmt writes UTF-8)",
           "（原为 {encoding} 文本；fmt 写出 UTF-8）";
    /// The headers of `fmt --check`'s diff.
    as_written(file: &str) => "{file} (as written)", "{file}（原文）";
    as_formatted(file: &str) => "{file} (formatted)", "{file}（格式化后）";
    /// After the first lines of `fmt --check`'s diff.
    diff_more_lines(more: usize, file: &str)
        => "… {more} more lines of the diff (run `yardstick fmt {file}` to apply it)",
           "……差异另有 {more} 行（运行 `yardstick fmt {file}` 即可应用）";

    // ── Usage and input errors ──
    cannot_write(file: &str, error: &str) => "cannot write {file}: {error}", "无法写入 {file}：{error}";
    cannot_read_file(file: &str, error: &str) => "cannot read {file}: {error}", "无法读取 {file}：{error}";
    cannot_read_stdin(error: &str) => "cannot read standard input: {error}", "无法读取标准输入：{error}";
    does_not_exist(path: &str) => "{path} does not exist", "{path} 不存在";
    /// Y0809: the standards folder named by `--standards` or `YARDSTICK_STANDARDS` is not a folder.
    standards_folder_missing(dir: &str, from: &str)
        => "the standards folder {dir} (from {from}) does not exist or is not a folder [Y0809]; name an existing folder, or give neither to use the standards built into yardstick",
           "标准文件夹 {dir}（来自 {from}）不存在或不是文件夹［Y0809］；请指定一个存在的文件夹，或两者都不给出以使用 yardstick 内置的标准";
    json_not_utf8(file: &str, offset: usize)
        => "{file} is not UTF-8 text (the first bad byte is at offset {offset}); save it as UTF-8",
           "{file} 不是 UTF-8 文本（第一个无效字节在偏移 {offset} 处）；请另存为 UTF-8";
    file_not_json(file: &str, error: &str)
        => "{file} is not valid JSON: {error}",
           "{file} 不是有效的 JSON：{error}";
    as_of_not_a_date(date: &str)
        => "--as-of {date} is not a date (YYYY-MM-DD)",
           "--as-of {date} 不是日期（YYYY-MM-DD）";
    as_of_needs_an_id(id: &str)
        => "--as-of picks a version of an id: give `{id}` without a file or `@version`",
           "--as-of 按日期选择某个 id 的版本：请只给出 `{id}`，不要给文件或 `@版本`";

    // ── `yardstick batch` ──
    batch_summary(read: u64, evaluated: u64, errors: u64, outcomes: &str)
        => "summary: {read} rows read, {evaluated} evaluated, {errors} with errors; outcome: {outcomes}",
           "汇总：读取 {read} 行，计算 {evaluated} 行，{errors} 行有错误；结论：{outcomes}";
    /// After [`batch_summary`], with a grade.
    batch_summary_grades(grades: &str) => "; grade: {grades}", "；等级：{grades}";
    removed_leftover(file: &str)
        => "note: removed {file}, left behind by an earlier run that was killed",
           "说明：已删除 {file}（之前被中断的运行留下的文件）";
    input_not_read_to_end()
        => "the input could not be read to the end; no output was written",
           "输入未能读到末尾；没有写出任何结果";
    cannot_write_output(error: &str)
        => "cannot write the output: {error}",
           "无法写出结果：{error}";
    csv_header_unreadable(error: &str)
        => "cannot read the CSV header: {error}",
           "无法读取 CSV 表头：{error}";
    header_more_problems(more: usize)
        => "and {more} more problems in the header",
           "表头中另有 {more} 个问题";
    column_twice(column: &str)
        => "column `{column}` appears twice in the header",
           "列 `{column}` 在表头中出现了两次";
    empty_jsonl_line()
        => "empty line (JSON Lines needs one JSON object on every line)",
           "空行（JSON Lines 要求每行一个 JSON 对象）";
    not_utf8(error: &str) => "not valid UTF-8: {error}", "不是有效的 UTF-8：{error}";
    line_too_long(what_en: &str, what_zh: &str, bytes: u64, max: usize, begins: &str)
        => "{what_en} of {bytes} bytes is longer than the limit of {max} bytes (--max-line-bytes); it begins `{begins}`",
           "{what_zh}长 {bytes} 字节，超过上限 {max} 字节（--max-line-bytes）；开头为 `{begins}`";
    /// In [`line_too_long`].
    word_line() => "line", "该行";
    word_record() => "record", "该记录";
    wrong_field_count(fields: usize, width: usize)
        => "has {fields} field(s); the header has {width}",
           "有 {fields} 个字段；表头有 {width} 个";

    // ── Usage errors of `batch`, `schema`, `rank` ──
    threads_at_least_one() => "--threads must be 1 or more", "--threads 至少为 1";
    explain_needs_jsonl()
        => "--explain needs JSON Lines output (the tree does not fit in CSV)",
           "--explain 需要 JSON Lines 输出（解释树无法放进 CSV）";
    max_line_bytes_at_least_one() => "--max-line-bytes must be 1 or more", "--max-line-bytes 至少为 1";
    input_is_folder(path: &str)
        => "{path} is a folder, not a file of assessments",
           "{path} 是文件夹，不是评估数据文件";
    output_is_input(output: &str, input: &str)
        => "the output {output} is the input {input}: the results would replace the assessments; write them to another file",
           "输出 {output} 就是输入 {input}：结果会覆盖评估数据；请写到另一个文件";
    output_is_folder(output: &str, example: &str)
        => "the output {output} is a folder; give a file name (for example {example})",
           "输出 {output} 是文件夹；请给出文件名（例如 {example}）";
    cannot_read_path(path: &str, reason: &str) => "cannot read {path}: {reason}", "无法读取 {path}：{reason}";
    cannot_write_path(path: &str, reason: &str) => "cannot write {path}: {reason}", "无法写入 {path}：{reason}";
    form_needs_standard()
        => "--form needs a standard (a file or `id@version`)",
           "--form 需要指定标准（文件或 `id@version`）";
    no_assessment_files() => "no assessment files given", "未给出评估数据文件";
    /// `yardstick rank`, the first line.
    rank_header(id: &str, version: &str, count: usize)
        => "{id} {version}: {count} assessment(s)",
           "{id} {version}：{count} 份评估";
    /// `yardstick rank`, a subject that cannot be ranked.
    not_ranked() => "not ranked: an answer it needs is missing", "未排名：缺少所需的数据";
    not_a_file_name(path: &str) => "{path} is not a file name", "{path} 不是文件名";
    /// `yardstick lsp`: the connection with the editor broke (exit 2).
    lsp_connection(reason: &str)
        => "the connection with the editor failed: {reason}",
           "与编辑器的连接失败：{reason}";
}
