//! The words of the editor support (`yardstick-ide`, `yardstick lsp`): hovers, completion details, quick
//! fixes and the errors of an editor's request (codes Y1001–Y1008, docs/editors.md).

catalogue! {
    // ── What a declaration is (hover headings, completion and symbol details) ──
    kind_standard() => "standard", "标准";
    kind_use() => "used standard", "引用的标准";
    kind_input() => "input", "输入项";
    kind_variant() => "value", "取值";
    kind_group() => "group of inputs", "输入项分组";
    kind_let() => "derived value", "派生值";
    kind_output() => "output", "输出项";
    kind_section() => "section", "部分";
    kind_basic() => "basic conditions (each is a veto)", "基本条件（每项均为否决项）";
    kind_item() => "item", "条目";
    kind_levels() => "level ladder", "分级表";
    kind_level() => "level", "级别";
    kind_level_group() => "group of rows", "分级行分组";
    kind_score() => "score", "分值";
    kind_grade() => "grade", "等级";
    kind_band() => "band", "档次";
    kind_require() => "consistency rule", "一致性规则";
    kind_example() => "example", "示例";
    kind_local() => "each input of the group, in turn", "依次为该组的每个输入项";
    kind_keyword() => "keyword", "关键字";
    kind_type() => "type", "类型";
    kind_unit() => "unit used in the library", "标准库中用过的单位";
    kind_version(id: &str) => "a version of `{id}`", "`{id}` 的一个版本";

    // ── Hover rows ──
    row_type() => "type", "类型";
    row_unit() => "unit", "单位";
    row_range() => "range", "范围";
    row_help() => "help", "说明";
    row_clause() => "clause", "条款";
    row_rule() => "rule", "规则";
    row_thresholds() => "thresholds", "限值";
    row_used_in() => "used in", "用于";
    row_title() => "title", "标题";
    row_of() => "of", "属于";
    row_defined_as() => "defined as", "定义为";
    row_file() => "file", "文件";
    /// Where a name is read, when more places read it than a hover lists.
    and_more(n: usize) => "and {n} more", "另有 {n} 处";
    /// A threshold that belongs to one level of a ladder.
    at_level(level: &str) => " (level {level})", "（{level} 级）";
    /// A name read nowhere in the document.
    used_nowhere() => "not read in this document", "本文档中未使用";

    // ── Quick fixes ──
    replace_with(found: &str, with: &str) => "replace `{found}` with `{with}`", "将 `{found}` 改为 `{with}`";

    // ── Errors of an editor's request (Y10xx) ──
    /// Y1001
    too_many_documents(limit: usize)
        => "more than {limit} documents are open; close some to open another",
           "打开的文档超过 {limit} 份；请先关闭一些再打开";
    /// Y1002
    not_open(name: &str)
        => "`{name}` is not an open document",
           "`{name}` 不是已打开的文档";
    /// Y1003
    edit_outside(start: usize, end: usize, len: usize)
        => "the change from byte {start} to {end} lies outside the document ({len} bytes) or splits a character",
           "从第 {start} 字节到第 {end} 字节的修改超出了文档范围（{len} 字节）或截断了字符";
    /// Y1004
    document_too_large(size: usize, limit: usize)
        => "the document would be {size} bytes, more than the limit of {limit} bytes",
           "文档将有 {size} 字节，超过上限 {limit} 字节";
    /// Y1005
    nothing_to_rename()
        => "there is no name here that can be renamed",
           "此处没有可以重命名的名称";
    /// Y1005
    declared_elsewhere(file: &str)
        => "this name is declared in another document ({file}); rename it there",
           "该名称在另一份文档（{file}）中声明；请在那里重命名";
    /// Y1006
    not_a_name(name: &str)
        => "`{name}` is not a name: a name is ASCII letters, digits and `_`, starts with a letter or `_`, is not a reserved word and has at most 100 characters",
           "`{name}` 不是合法名称：名称由 ASCII 字母、数字和 `_` 组成，以字母或 `_` 开头，不是保留字，最多 100 个字符";
    /// Y1007
    name_taken(name: &str)
        => "`{name}` is already declared in this document",
           "`{name}` 已在本文档中声明";
    /// Y1008
    too_many_renames(limit: usize)
        => "this rename would change more than {limit} places; rename in smaller steps",
           "此次重命名将修改超过 {limit} 处；请分步重命名";
}
