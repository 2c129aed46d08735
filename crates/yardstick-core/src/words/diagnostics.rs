//! Every sentence the checker says: each diagnostic's message, the short label under its span, its help
//! and its notes on related places, in English and Chinese.
//!
//! A message is named after its code (`y0301_weights_sum`); its help adds `_help`, its note on another
//! place `_note`, its label `_label` (`y0203_missing_percent_label`). The builders of
//! [`crate::diag::Diagnostic`] take only these [`Msg`]s, so no diagnostic can be written outside this
//! catalogue. Values are passed as anything displayable (a name, a number, a date); an argument ending
//! in `_en` appears in the English form only, one ending in `_zh` in the Chinese form only (a kind of
//! value, a list joined with the language's own commas).

#[allow(unused_imports)]
use super::Msg;
use std::fmt::Display;

/// Not in [`MESSAGES`], having no words of its own: the note on a related place that is only the kind of
/// value found there, as the checker describes it (`a percentage`, `百分数`; Y0201, Y0204).
pub fn kind_note(kind_en: &str, kind_zh: &str) -> Msg {
    Msg {
        en: kind_en.to_string(),
        zh: kind_zh.to_string(),
    }
}

catalogue! {
    /// Y0101, Y0103, Y0308: the help naming the nearest name, when one is spelt alike.
    did_you_mean(name: &dyn Display)
        => "did you mean `{name}`?",
           "是不是 `{name}`？";
    /// Y0101
    y0101_example_unknown_expect(example: &dyn Display, p: &dyn Display)
        => "example \"{example}\" expects `{p}`, which is not an item or output",
           "示例 \"{example}\" 预期了 `{p}` 的结果，但它不是检查项或输出项";
    /// Y0101, how to fix it.
    y0101_example_unknown_expect_help()
        => "expect `outcome`, an item (`item b5 = pass`), a level, score, grade or output",
           "可以预期的是 `outcome`（总体结果）、检查项（`item b5 = pass`）、分级、分值、等级或输出项";
    /// Y0101
    y0101_not_item_or_ladder(of: &dyn Display)
        => "`{of}` is not an item or level ladder",
           "`{of}` 不是检查项或分级表";
    /// Y0101
    y0101_not_declared(path: &dyn Display)
        => "`{path}` is not declared",
           "`{path}` 没有声明";
    /// Y0101, how to fix it.
    y0101_not_declared_help(want: &dyn Display)
        => "declare it first (`input {want}: …`), or check the spelling; names from a used standard start with its alias, e.g. `pests.fly`",
           "请先声明它（`input {want}: …`），或检查拼写；引用的标准中的名称以其别名开头，例如 `pests.fly`";
    /// Y0101
    y0101_not_a_group(group: &dyn Display)
        => "`{group}` is not a group of inputs",
           "`{group}` 不是一组输入项";
    /// Y0101, how to fix it.
    y0101_not_a_group_help()
        => "write the id of a `group NAME {{ input … }}` declared in this standard",
           "请写本标准中声明的 `group NAME {{ input … }}` 的 id";
    /// Y0102
    y0102_level_twice(level: &dyn Display)
        => "level `{level}` is listed twice",
           "级别 `{level}` 列出了两次";
    /// Y0102
    y0102_declared_twice(id: &dyn Display)
        => "`{id}` is declared twice",
           "`{id}` 声明了两次";
    /// Y0102, how to fix it.
    y0102_declared_twice_help()
        => "every input, item, level ladder, score, grade and value needs its own id; rename one of them",
           "每个输入项、检查项、分级表、分值、等级和中间值都需要自己的 id；请给其中一个改名";
    /// Y0102, the note on the other place.
    y0102_declared_twice_note()
        => "first declared here",
           "第一次声明在这里";
    /// Y0102
    y0102_enum_value_twice(name: &dyn Display)
        => "enum value `{name}` is listed twice",
           "选项值 `{name}` 列出了两次";
    /// Y0102
    y0102_band_twice(name: &dyn Display)
        => "band `{name}` is listed twice",
           "档次 `{name}` 列出了两次";
    /// Y0103
    y0103_no_such_function(func: &dyn Display)
        => "there is no function `{func}`",
           "没有 `{func}` 这个函数";
    /// Y0103, how to fix it, when no function is spelt alike.
    y0103_no_such_function_help(functions_en: &dyn Display, functions_zh: &dyn Display)
        => "the functions are {functions_en}",
           "可用的函数有：{functions_zh}";
    /// Y0104
    y0104_depends_on_itself(id: &dyn Display)
        => "`{id}` depends on itself",
           "`{id}` 引用了它自己";
    /// Y0104, how to fix it.
    y0104_depends_on_itself_help()
        => "a value, item or score cannot be defined in terms of itself, directly or through others; break the loop",
           "中间值、检查项或分值不能直接或间接地用它自己来定义；请打断这个循环";
    /// Y0104
    y0104_definitions_too_deep(max: &dyn Display)
        => "definitions refer to each other more than {max} deep",
           "定义之间相互引用超过 {max} 层";
    /// Y0104, how to fix it.
    y0104_definitions_too_deep_help()
        => "flatten the chain of derived values",
           "请减少中间值（`let`）之间层层引用的层数";
    /// Y0104
    y0104_chain_too_deep(id: &dyn Display, max: &dyn Display)
        => "`{id}` is at the end of a chain of definitions more than {max} deep",
           "`{id}` 位于一条超过 {max} 层的定义链末端";
    /// Y0105
    y0105_given_twice(what: &dyn Display)
        => "`{what}` is given twice",
           "`{what}` 写了两次";
    /// Y0105, how to fix it.
    y0105_given_twice_help(what: &dyn Display)
        => "a document has one `{what}`; keep one and delete the other",
           "一份文档只能有一个 `{what}`；请保留一个，删除另一个";
    /// Y0105, the note on the other place.
    y0105_given_twice_note()
        => "first one",
           "第一次写在这里";
    /// Y0105
    y0105_no_version(id: &dyn Display)
        => "standard `{id}` has no `version`",
           "标准 `{id}` 没有写 `version`（版本）";
    /// Y0105, how to fix it.
    y0105_no_version_help()
        => "add a line such as `version \"2021\"`: results, overlays and `use` name documents by id and version",
           "请加一行如 `version \"2021\"`：评估结果、修订文档和 `use` 都按 id 和版本指明文档";
    /// Y0106
    y0106_not_a_value_of(written: &dyn Display, what_en: &dyn Display, def: &dyn Display, what_zh: &dyn Display)
        => "`{written}` is not a {what_en} of `{def}`",
           "`{written}` 不是 `{def}` 的{what_zh}";
    /// Y0106, how to fix it.
    y0106_not_a_value_of_help(what_en: &dyn Display, def: &dyn Display, all_en: &dyn Display, what_zh: &dyn Display, all_zh: &dyn Display)
        => "the {what_en}s of `{def}` are {all_en}",
           "`{def}` 的{what_zh}有：{all_zh}";
    /// Y0106
    y0106_not_a_level(level: &dyn Display, of: &dyn Display)
        => "`{level}` is not a level of `{of}`",
           "`{level}` 不是 `{of}` 的级别";
    /// Y0106, how to fix it.
    y0106_not_a_level_help()
        => "name one of the ladder's passing levels, e.g. `exceedance(level, C)`",
           "请写分级表中一个达标的级别，例如 `exceedance(level, C)`";
    /// Y0106
    y0106_level_below_ladder(level: &dyn Display)
        => "`{level}` is the level below the ladder; it has no limits to measure against",
           "`{level}` 是分级表最低级别之下的那一档，没有可对照的限值";
    /// Y0106, how to fix it.
    y0106_level_below_ladder_help()
        => "name a passing level, e.g. the lowest one",
           "请写一个达标的级别，例如最低的那个";
    /// Y0106
    y0106_not_a_possible_value(p: &dyn Display)
        => "`{p}` is not one of the values this can take",
           "`{p}` 不是这里可以取的值";
    /// Y0106, how to fix it.
    y0106_not_a_possible_value_help(names_en: &dyn Display, names_zh: &dyn Display)
        => "the possible values are {names_en}",
           "可取的值有：{names_zh}";
    /// Y0106
    y0106_not_a_band(band: &dyn Display, grade: &dyn Display)
        => "`{band}` is not a band of `{grade}`",
           "`{band}` 不是 `{grade}` 的档次";
    /// Y0106, how to fix it.
    y0106_not_a_band_help(name: &dyn Display, names_en: &dyn Display, names_zh: &dyn Display)
        => "the bands of `{name}` are {names_en}",
           "`{name}` 的档次有：{names_zh}";
    /// Y0106
    y0106_vetoed_without_basic()
        => "`vetoed` needs basic conditions, and this standard has none",
           "`vetoed` 需要有否决项（基本条件），但这份标准没有";
    /// Y0106, how to fix it.
    y0106_vetoed_without_basic_help()
        => "put the conditions that veto in `basic {{ item … }}`, or remove the `vetoed` line",
           "请把一票否决的条件写在 `basic {{ item … }}` 中，或删除 `vetoed` 这一行";
    /// Y0106
    y0106_not_a_passing_level(text: &dyn Display)
        => "`{text}` is not a passing level of this ladder",
           "`{text}` 不是这个分级表中达标的级别";
    /// Y0201
    y0201_row_needs_limit()
        => "a level row needs a limit (`<=`, `<`, `>=` or `>`), not `==`/`!=`",
           "分级表的行需要写限值（`<=`、`<`、`>=` 或 `>`），不能用 `==`/`!=`";
    /// Y0201, how to fix it.
    y0201_row_needs_limit_help()
        => "write e.g. `count <= [0, 0, 0]` for \"none at any level\"",
           "例如“各级别都不允许出现”写作 `count <= [0, 0, 0]`";
    /// Y0201
    y0201_range_percent_of_non_percent(id: &dyn Display, kind_en: &dyn Display, kind_zh: &dyn Display)
        => "input `{id}` is {kind_en}, but its range is a percentage",
           "输入项 `{id}` 是{kind_zh}，但它的取值范围是百分数";
    /// Y0201, how to fix it.
    y0201_range_percent_of_non_percent_help()
        => "drop the `%`, or declare the input as `percent`",
           "请去掉 `%`，或把该输入项声明为 `percent`";
    /// Y0201
    y0201_range_of_non_number(id: &dyn Display, kind_en: &dyn Display, kind_zh: &dyn Display)
        => "input `{id}` is {kind_en} and cannot have a numeric range",
           "输入项 `{id}` 是{kind_zh}，不能有数值范围";
    /// Y0201
    y0201_band_bound_not_number()
        => "a band bound must be a number",
           "档次的界限必须是数值";
    /// Y0201, how to fix it.
    y0201_band_bound_not_number_help()
        => "write e.g. `when >= 85 and < 90`",
           "例如写作 `when >= 85 and < 90`";
    /// Y0201
    y0201_band_bound_without_sign()
        => "a band bound needs `>=`, `>`, `<=` or `<`",
           "档次的界限需要用 `>=`、`>`、`<=` 或 `<`";
    /// Y0201
    y0201_if_branches_differ(then_en: &dyn Display, else_en: &dyn Display, then_zh: &dyn Display, else_zh: &dyn Display)
        => "the two values of this `if` are of different kinds: {then_en} after `then`, {else_en} after `else`",
           "这个 `if` 的两个值类型不同：`then` 之后是{then_zh}，`else` 之后是{else_zh}";
    /// Y0201, how to fix it.
    y0201_if_branches_differ_help()
        => "give both branches the same kind of value, e.g. two percentages or two yes/no conditions",
           "请让两个分支给出同一类的值，例如都是百分数，或都是是/否条件";
    /// Y0201
    y0201_kind_in_arithmetic(kind_en: &dyn Display, op: &dyn Display, kind_zh: &dyn Display)
        => "{kind_en} cannot be used in `{op}`",
           "{kind_zh}不能用在 `{op}` 中";
    /// Y0201
    y0201_in_lists_names()
        => "`in [...]` lists names of values",
           "`in [...]` 中应列出值的名称";
    /// Y0201
    y0201_in_needs_named_value(kind_en: &dyn Display, kind_zh: &dyn Display)
        => "`in [...]` needs a named value (an enum input, a level or a grade), but this is {kind_en}",
           "`in [...]` 需要一个有名称的值（选项输入项、级别或等级），但这里是{kind_zh}";
    /// Y0201, how to fix it.
    y0201_in_needs_named_value_help()
        => "for numbers, compare with `>=` and `<=` instead",
           "数值请改用 `>=` 和 `<=` 比较";
    /// Y0201
    y0201_kind_with(kind_en: &dyn Display, what_en: &dyn Display, kind_zh: &dyn Display, what_zh: &dyn Display)
        => "{kind_en} cannot be used with {what_en}",
           "{kind_zh}不能用于{what_zh}";
    /// Y0201
    y0201_kinds_combined(op: &dyn Display, lhs_en: &dyn Display, rhs_en: &dyn Display, lhs_zh: &dyn Display, rhs_zh: &dyn Display)
        => "`{op}` combines {lhs_en} with {rhs_en}",
           "`{op}` 把{lhs_zh}与{rhs_zh}放在一起运算";
    /// Y0201, how to fix it.
    y0201_kinds_combined_help()
        => "both sides must be the same kind of quantity: percentages with percentages, counts with counts",
           "两边必须是同一类的量：百分数对百分数，计数对计数";
    /// Y0201
    y0201_ordering_named_values(op: &dyn Display)
        => "`{op}` only works on numbers and dates; named values can be tested with `==`, `!=` or `in [...]`",
           "`{op}` 只能用于数值和日期；有名称的值请用 `==`、`!=` 或 `in [...]` 判断";
    /// Y0201, how to fix it.
    y0201_ordering_named_values_help()
        => "to accept several values write `x in [A, B, C]`",
           "如果可以接受几个值，请写 `x in [A, B, C]`";
    /// Y0201
    y0201_kinds_compared(op: &dyn Display, lhs_en: &dyn Display, rhs_en: &dyn Display, lhs_zh: &dyn Display, rhs_zh: &dyn Display)
        => "`{op}` compares {lhs_en} with {rhs_en}",
           "`{op}` 把{lhs_zh}与{rhs_zh}比较";
    /// Y0201, how to fix it.
    y0201_kinds_compared_help()
        => "compare values of the same kind",
           "请比较同一类的值";
    /// Y0204 (the same comparison, with a yes/no side first), how to fix it.
    y0204_yes_no_compared_help()
        => "a yes/no input is a condition by itself: write `name` or `not name`",
           "是/否输入项本身就是条件：请直接写 `name` 或 `not name`";
    /// Y0202
    y0202_units_differ(op: &dyn Display, x: &dyn Display, y: &dyn Display)
        => "`{op}` combines a number in {x} with a number in {y}",
           "`{op}` 把以 {x} 为单位的数值与以 {y} 为单位的数值放在一起运算";
    /// Y0202, how to fix it.
    y0202_units_differ_help()
        => "only quantities in the same unit can be added or compared; convert one of them first",
           "只有单位相同的量才能相加或比较；请先换算其中一个";
    /// Y0202, the note on the other place.
    y0202_units_differ_note(unit: &dyn Display)
        => "in {unit}",
           "单位为 {unit}";
    /// Y0203
    y0203_threshold_without_percent()
        => "a percentage row has a threshold without `%`",
           "百分数的行中有一个限值没有写 `%`";
    /// Y0203, how to fix it, when the threshold is not a plain number.
    y0203_threshold_without_percent_help()
        => "add `%` to the threshold",
           "请在限值后加上 `%`";
    /// Y0203
    y0203_range_without_percent(id: &dyn Display)
        => "the range of percentage input `{id}` is written without `%`",
           "百分数输入项 `{id}` 的取值范围没有写 `%`";
    /// Y0203 (a range or a level row's threshold without `%`), how to fix it.
    y0203_write_percent_help(n: &dyn Display)
        => "write `{n}%`",
           "请写成 `{n}%`";
    /// Y0203
    y0203_band_without_percent()
        => "a band of a percentage is written without `%`",
           "按百分数划分的档次，界限没有写 `%`";
    /// Y0203
    y0203_percent_with_plain()
        => "a percentage is combined with a plain number",
           "百分数与普通数值放在一起运算";
    /// Y0203, how to fix it.
    y0203_percent_with_plain_help()
        => "write the number as a percentage, e.g. `90%`",
           "请把数值写成百分数，例如 `90%`";
    /// Y0203
    y0203_percent_compared_plain(name_en: &dyn Display, name_zh: &dyn Display)
        => "{name_en} is a percentage but is compared with a plain number",
           "{name_zh} 是百分数，却与普通数值比较";
    /// Y0203, how to fix it.
    y0203_percent_compared_plain_help(shown_en: &dyn Display, shown_zh: &dyn Display)
        => "write `{shown_en}`: percentages are compared with percentages",
           "请写成 `{shown_zh}`：百分数要与百分数比较";
    /// Y0204
    y0204_yes_no_in_arithmetic(op: &dyn Display)
        => "a yes/no answer cannot be used in `{op}`",
           "是/否的回答不能用在 `{op}` 中";
    /// Y0204, how to fix it.
    y0204_yes_no_in_arithmetic_help()
        => "count or score yes/no answers with a score (`deduct 1 per …`) or an item, not with arithmetic",
           "请用分值（`deduct 1 per …`）或检查项来统计是/否的回答，不要用算术运算";
    /// Y0204
    y0204_yes_no_with(what_en: &dyn Display, what_zh: &dyn Display)
        => "a yes/no answer cannot be used with {what_en}",
           "是/否的回答不能用于{what_zh}";
    /// Y0205
    y0205_condition_not_yes_no(what_en: &dyn Display, kind_en: &dyn Display, what_zh: &dyn Display, kind_zh: &dyn Display)
        => "{what_en} needs a yes/no condition, but this is {kind_en}",
           "{what_zh} 需要一个是/否条件，但这里是{kind_zh}";
    /// Y0205, how to fix it.
    y0205_condition_not_yes_no_help()
        => "compare the value with a limit, e.g. `rate <= 3%`, or name a yes/no input",
           "请把数值与限值比较，例如 `rate <= 3%`，或写一个是/否输入项";
    /// Y0206
    y0206_deduct_per_not_count(per: &dyn Display, kind_en: &dyn Display, kind_zh: &dyn Display)
        => "`deduct … per` counts something, but `{per}` is {kind_en}",
           "`deduct … per` 是按个数扣分的，但 `{per}` 是{kind_zh}";
    /// Y0206, how to fix it.
    y0206_deduct_per_not_count_help()
        => "deduct per a `count` input (or a yes/no input, counted as 1 when yes)",
           "请按 `count`（计数）输入项扣分（或按是/否输入项，“是”计为 1）";
    /// Y0206
    y0206_exceedance_argument()
        => "`exceedance(…)` takes the id of an item or a level ladder",
           "`exceedance(…)` 的参数是检查项或分级表的 id";
    /// Y0206, how to fix it.
    y0206_exceedance_argument_help()
        => "e.g. `exceedance(level)` or `exceedance(pests.fly)`",
           "例如 `exceedance(level)` 或 `exceedance(pests.fly)`";
    /// Y0206
    y0206_exceedance_second_argument()
        => "the second argument of `exceedance` is a level of the ladder",
           "`exceedance` 的第二个参数应是分级表中的一个级别";
    /// Y0206
    y0206_argument_count(func: &dyn Display, given: &dyn Display)
        => "`{func}` is given {given} value(s)",
           "`{func}` 给了 {given} 个值";
    /// Y0206, how to fix it, for `round`.
    y0206_round_arguments_help()
        => "write `round(value, decimals)`",
           "请写成 `round(value, decimals)`（数值，小数位数）";
    /// Y0206, how to fix it, for `min` and `max`.
    y0206_list_arguments_help(func: &dyn Display)
        => "write `{func}(series)` or `{func}(a, b, …)`",
           "请写成 `{func}(series)` 或 `{func}(a, b, …)`";
    /// Y0206, how to fix it, for the functions of one series.
    y0206_series_argument_help(func: &dyn Display)
        => "write `{func}(series)`",
           "请写成 `{func}(series)`";
    /// Y0206
    y0206_needs_series(func: &dyn Display, kind_en: &dyn Display, kind_zh: &dyn Display)
        => "`{func}` needs a series of yearly values, but this is {kind_en}",
           "`{func}` 需要逐年数值的序列，但这里是{kind_zh}";
    /// Y0206, how to fix it.
    y0206_needs_series_help()
        => "declare the input as e.g. `series 3 of percent`",
           "请把输入项声明为序列，例如 `series 3 of percent`";
    /// Y0207
    y0207_rest_within_without_limits()
        => "\"the rest within Nx\" needs items whose rules have upper limits",
           "“其余不超过 N 倍”（the rest within Nx）需要判定条件带有上限的检查项";
    /// Y0207, how to fix it.
    y0207_rest_within_without_limits_help()
        => "list items whose conditions compare values with upper limits (`<=` or `<`), so a multiple of the limit can be measured",
           "请列出条件是与上限比较（`<=` 或 `<`）的检查项，这样才能算出超过限值的倍数";
    /// Y0207
    y0207_exceedance_of_input(p: &dyn Display)
        => "`exceedance` needs an item or a level ladder, but `{p}` is an input",
           "`exceedance` 需要检查项或分级表，但 `{p}` 是输入项";
    /// Y0207
    y0207_no_exceedance()
        => "this has no upper limits, so it has no exceedance multiple",
           "这里没有上限，因此没有超标倍数";
    /// Y0207, how to fix it.
    y0207_no_exceedance_help()
        => "an exceedance multiple is the measured value divided by an upper limit (`<=` or `<`)",
           "超标倍数是实测值除以上限（`<=` 或 `<`）得到的倍数";
    /// Y0301
    y0301_weights_sum(name: &dyn Display, total: &dyn Display)
        => "the weights of score `{name}` add up to {total}%, not 100%",
           "分值 `{name}` 的权重合计为 {total}%，不是 100%";
    /// Y0301, how to fix it, when the weights add up to less than 100%.
    y0301_weights_missing_help(missing: &dyn Display)
        => "{missing} percentage points are missing; the weights of a weighted score must add up to exactly 100%",
           "还差 {missing} 个百分点；加权分值的各项权重合计必须正好是 100%";
    /// Y0301, how to fix it, when they add up to more.
    y0301_weights_too_many_help(excess: &dyn Display)
        => "they are {excess} points too many; the weights of a weighted score must add up to exactly 100%",
           "多了 {excess} 个百分点；加权分值的各项权重合计必须正好是 100%";
    /// Y0302
    y0302_band_gap(id: &dyn Display, range_en: &dyn Display, range_zh: &dyn Display)
        => "grade `{id}`: no band covers {range_en}",
           "等级 `{id}`：{range_zh} 不属于任何档次";
    /// Y0302, how to fix it.
    y0302_band_gap_help()
        => "extend a band to close the gap (e.g. `>= 85 and < 90` then `>= 90`), or add a last band `… otherwise`",
           "请扩展某个档次以填补空缺（例如 `>= 85 and < 90` 之后接 `>= 90`），或在最后加一个档次 `… otherwise`";
    /// Y0303
    y0303_bands_overlap(id: &dyn Display, a: &dyn Display, b: &dyn Display)
        => "grade `{id}`: bands `{a}` and `{b}` overlap",
           "等级 `{id}`：档次 `{a}` 与 `{b}` 有重叠";
    /// Y0303, how to fix it.
    y0303_bands_overlap_help(b: &dyn Display)
        => "a value such as {b} falls in both; make one bound strict (`<` instead of `<=`) so each value has exactly one band",
           "例如 {b} 这样的值同时落在两个档次中；请把其中一个界限改为不含等号（用 `<` 代替 `<=`），使每个值只属于一个档次";
    /// Y0304
    y0304_threshold_direction(op: &dyn Display, row_op: &dyn Display)
        => "this threshold's `{op}` does not point the same way as the row's `{row_op}`",
           "这个限值的 `{op}` 与本行的 `{row_op}` 方向不一致";
    /// Y0304, how to fix it.
    y0304_threshold_direction_help()
        => "every threshold of a row is an upper limit (`<=`, `<`) or every one a lower limit (`>=`, `>`); write two rows for two kinds of limit",
           "一行中的限值要么都是上限（`<=`、`<`），要么都是下限（`>=`、`>`）；两类限值请分两行写";
    /// Y0304
    y0304_levels_worst_first(worse: &dyn Display, below_name: &dyn Display)
        => "the levels are written worst first ({worse}, below {below_name}), with their limits in the same order",
           "级别是从最差写起的（{worse}, below {below_name}），限值也按同样的顺序排列";
    /// Y0304, how to fix it.
    y0304_levels_worst_first_help(name: &dyn Display, best: &dyn Display, below: &dyn Display, op: &dyn Display, limits: &dyn Display)
        => "a ladder goes best first, its limits too: write `levels {name}: {best}, below {below}` and this row as `… {op} [{limits}]`",
           "分级表应从最好的级别写起，限值也一样：请写 `levels {name}: {best}, below {below}`，并把这一行写成 `… {op} [{limits}]`";
    /// Y0304
    y0304_level_less_strict(la: &dyn Display, lb: &dyn Display)
        => "level {la} is less strict than level {lb} on this row",
           "在这一行上，级别 {la} 比级别 {lb} 还宽松";
    /// Y0304, the note on the other place.
    y0304_level_less_strict_note(la: &dyn Display, op: &dyn Display, limit: &dyn Display, pct: &dyn Display)
        => "{la}: {op} {limit}{pct}",
           "{la} 级：{op} {limit}{pct}";
    /// Y0304, how to fix it, for upper limits.
    y0304_level_less_strict_upper_help(op: &dyn Display, la: &dyn Display, lb: &dyn Display)
        => "with `{op}` a better level needs a smaller or equal limit: {la} ≤ {lb}",
           "用 `{op}` 时，越好的级别限值应越小（或相等）：{la} ≤ {lb}";
    /// Y0304, how to fix it, for lower limits.
    y0304_level_less_strict_lower_help(op: &dyn Display, la: &dyn Display, lb: &dyn Display)
        => "with `{op}` a better level needs a larger or equal limit: {la} ≥ {lb}",
           "用 `{op}` 时，越好的级别限值应越大（或相等）：{la} ≥ {lb}";
    /// Y0305
    y0305_row_threshold_count(thresholds: &dyn Display, n_levels: &dyn Display, below_name: &dyn Display)
        => "this row has {thresholds} threshold(s) but the ladder has {n_levels} level(s) above `{below_name}`",
           "这一行有 {thresholds} 个限值，但分级表在 `{below_name}` 之上有 {n_levels} 个级别";
    /// Y0305, how to fix it.
    y0305_row_threshold_count_help(levels_en: &dyn Display, levels_zh: &dyn Display)
        => "give one threshold for each of {levels_en}, best level first",
           "请为 {levels_zh} 各给一个限值，从最好的级别开始";
    /// Y0306
    y0306_at_least_too_many(k: &dyn Display, listed: &dyn Display)
        => "`at_least {k}` asks for more than the {listed} listed",
           "`at_least {k}` 要求的数目超过了所列的 {listed} 项";
    /// Y0306, how to fix it.
    y0306_at_least_too_many_help(listed: &dyn Display)
        => "K must be at most the number of entries ({listed})",
           "K 不能大于所列的项数（{listed}）";
    /// Y0307
    y0307_range_empty(a: &dyn Display, b: &dyn Display)
        => "the range {a}..{b} is empty: its lower end is above its upper end",
           "取值范围 {a}..{b} 是空的：下限大于上限";
    /// Y0307, how to fix it.
    y0307_range_empty_help()
        => "write the smaller number first",
           "请把较小的数写在前面";
    /// Y0308
    y0308_example_unknown_input(example: &dyn Display, input: &dyn Display)
        => "example \"{example}\" gives `{input}`, which is not an input",
           "示例 \"{example}\" 给出了 `{input}`，但它不是输入项";
    /// Y0308
    y0308_example_bad_value(example: &dyn Display, input: &dyn Display, why_en: &dyn Display, why_zh: &dyn Display)
        => "example \"{example}\": `{input}` {why_en}",
           "示例 \"{example}\"：`{input}` {why_zh}";
    /// Y0308: why the value does not fit (after the input's name).
    y0308_why_percent()
        => "is a percentage: write the value with `%`",
           "是百分数：请在数值后加上 `%`";
    /// Y0308: why the value does not fit.
    y0308_why_not_percent()
        => "is not a percentage: drop the `%`",
           "不是百分数：请去掉 `%`";
    /// Y0308: why the value does not fit.
    y0308_why_no_such_value(n: &dyn Display)
        => "has no value `{n}`",
           "没有 `{n}` 这个值";
    /// Y0308: why the value does not fit.
    y0308_why_series_length(len: &dyn Display, given: &dyn Display)
        => "is a series of {len} values, but {given} are given",
           "是 {len} 个值的序列，但给出了 {given} 个";
    /// Y0308: why the value does not fit.
    y0308_why_mixed()
        => "mixes percentages and plain numbers",
           "混用了百分数和普通数值";
    /// Y0308: why the value does not fit: the kind of value the input takes.
    y0308_why_kind(kind_en: &dyn Display, kind_zh: &dyn Display)
        => "is {kind_en}",
           "应为{kind_zh}";
    /// Y0309
    y0309_item_without_condition(id: &dyn Display)
        => "item `{id}` has no condition",
           "检查项 `{id}` 没有条件";
    /// Y0309, how to fix it.
    y0309_item_without_condition_help()
        => "write the rule inside the braces, e.g. `{{ satisfaction >= 90% }}`",
           "请在花括号内写出判定条件，例如 `{{ satisfaction >= 90% }}`";
    /// Y0309
    y0309_ladder_without_rows(name: &dyn Display)
        => "level ladder `{name}` has no rows",
           "分级表 `{name}` 没有任何行";
    /// Y0309, how to fix it.
    y0309_ladder_without_rows_help()
        => "add rows such as `rate <= [1%, 3%, 5%]`, one threshold per level",
           "请添加如 `rate <= [1%, 3%, 5%]` 的行，每个级别一个限值";
    /// Y0309
    y0309_empty_series()
        => "a series needs at least one value",
           "序列至少需要一个值";
    /// Y0309, how to fix it.
    y0309_empty_series_help()
        => "write e.g. `series 3 of percent` for three years",
           "例如连续三年的百分数写作 `series 3 of percent`";
    /// Y0309
    y0309_grade_without_bands(name: &dyn Display)
        => "grade `{name}` has no bands",
           "等级 `{name}` 没有任何档次";
    /// Y0309
    y0309_empty_list(what: &dyn Display)
        => "{what} has an empty list",
           "{what} 的列表是空的";
    /// Y0309, how to fix it.
    y0309_empty_list_help()
        => "list the conditions or items inside the brackets",
           "请在方括号内列出条件或检查项";
    /// Y0310
    y0310_deduct_without_start(name: &dyn Display)
        => "score `{name}` deducts points but does not say what it starts from",
           "分值 `{name}` 有扣分，但没有写从多少分开始扣";
    /// Y0310, how to fix it.
    y0310_deduct_without_start_help()
        => "add `out_of N` after the score's name, or `start N` inside the braces",
           "请在分值名称后加上 `out_of N`（满分），或在花括号内写 `start N`（起始分）";
    /// Y0310
    y0310_cap_below_deduction(cap: &dyn Display, amount: &dyn Display)
        => "the cap {cap} is smaller than one deduction of {amount}",
           "扣分上限 {cap} 比一次扣分 {amount} 还小";
    /// Y0311
    y0311_deduction_as_percent(what: &dyn Display, n: &dyn Display)
        => "`{what} {n}%`: a deduction is written in points, not as a percent",
           "`{what} {n}%`：扣分应写成分数，不能写成百分数";
    /// Y0311, how to fix it.
    y0311_deduction_as_percent_help(what: &dyn Display, n: &dyn Display)
        => "write `{what} {n}`: the score starts at `start` points and each deduction takes points off it; if the standard means a share of the total, work out the points (2% of 100 points is `2`)",
           "请写成 `{what} {n}`：分值从 `start` 分开始，每次扣分从中减去相应分数；如果标准指的是总分的一定比例，请换算成分数（100 分的 2% 即 `2`）";
    /// Y0312
    y0312_label_not_id(written: &dyn Display, what_en: &dyn Display, sym: &dyn Display, what_zh: &dyn Display)
        => "`{written}` is the label of {what_en} `{sym}`, not its id",
           "`{written}` 是{what_zh} `{sym}` 的标签，不是它的 id";
    /// Y0312, how to fix it.
    y0312_label_not_id_help(what_en: &dyn Display, def: &dyn Display, sym: &dyn Display, written: &dyn Display, what_zh: &dyn Display)
        => "examples name a {what_en} by its id: write `{def} = {sym}`; the label `{written}` is what reports show",
           "示例中用 id 指明{what_zh}：请写 `{def} = {sym}`；标签 `{written}` 是报告中显示的文字";
    /// Y0313
    y0313_each_too_many(max: &dyn Display)
        => "`each` repeats its condition more than {max} times in this document",
           "`each` 在本文档中重复其条件超过 {max} 次";
    /// Y0313, how to fix it.
    y0313_each_too_many_help()
        => "an `each` inside another repeats the inner condition for every pair; write the condition once per group, or split the group",
           "一个 `each` 套在另一个里面时，内层条件会对每一对组合重复一次；请每组只写一次条件，或拆分这一组";
    /// Y0401
    y0401_target_not_in_library(what: &dyn Display, target: &dyn Display, version: &dyn Display)
        => "`{what} {target} version \"{version}\"` names a standard that is not in the library",
           "`{what} {target} version \"{version}\"` 指向的标准不在标准库中";
    /// Y0401, how to fix it, when the library has no version of the standard.
    y0401_target_not_in_library_help(id: &dyn Display)
        => "no standard `{id}` is in the library; check the id, or add its document to the standards folder",
           "标准库中没有标准 `{id}`；请核对 id，或把它的文档放进标准文件夹";
    /// Y0401, how to fix it, when the library has other versions.
    y0401_other_versions_help(id: &dyn Display, versions_en: &dyn Display, versions_zh: &dyn Display)
        => "the library has `{id}` in version {versions_en}",
           "标准库中的 `{id}` 有以下版本：{versions_zh}";
    /// Y0402
    y0402_uses_itself(id: &dyn Display, version: &dyn Display, chain: &dyn Display)
        => "`{id}@{version}` uses or extends itself: {chain} → {id}@{version}",
           "`{id}@{version}` 直接或间接地引用（use）或基于（extends）它自己：{chain} → {id}@{version}";
    /// Y0402, how to fix it.
    y0402_uses_itself_help()
        => "a standard can build on another only if that one does not build back on it; remove one `use` or `extends`",
           "一份标准只能建立在不反过来建立在它之上的标准上；请去掉其中一个 `use` 或 `extends`";
    /// Y0403
    y0403_change_missing(what: &dyn Display, id: &dyn Display, what_zh: &dyn Display)
        => "`change {what} {id}`: the base standard has no {what} `{id}`",
           "`change {what} {id}`：基础标准中没有{what_zh} `{id}`";
    /// Y0403, how to fix it.
    y0403_change_missing_help(what_en: &dyn Display, what_zh: &dyn Display)
        => "check the id against the standard this one extends; to add a new {what_en}, declare it without `change`",
           "请对照所基于的标准核对 id；如要新增{what_zh}，请去掉 `change` 直接声明";
    /// Y0403
    y0403_change_levels_missing(name: &dyn Display)
        => "`change levels {name}`: the base standard has no levels `{name}`",
           "`change levels {name}`：基础标准中没有分级表 `{name}`";
    /// Y0403, how to fix it.
    y0403_change_levels_missing_help()
        => "check the id against the standard this one extends; to add a new ladder, declare it without `change`",
           "请对照所基于的标准核对 id；如要新增分级表，请去掉 `change` 直接声明";
    /// Y0403
    y0403_change_score_missing(name: &dyn Display)
        => "`change score {name}`: the base standard has no score `{name}`",
           "`change score {name}`：基础标准中没有分值 `{name}`";
    /// Y0403, how to fix it.
    y0403_change_score_missing_help()
        => "check the id against the standard this one extends; to add a new score, declare it without `change`",
           "请对照所基于的标准核对 id；如要新增分值，请去掉 `change` 直接声明";
    /// Y0403
    y0403_change_weights_not_weighted(name: &dyn Display)
        => "`change score {name} weights …`: the base score is not a weighted sum",
           "`change score {name} weights …`：基础标准中的这个分值不是加权求和";
    /// Y0403, how to fix it.
    y0403_change_weights_not_weighted_help(name: &dyn Display)
        => "restate the score with `change score {name} = …` or `change score {name} {{ … }}`",
           "请用 `change score {name} = …` 或 `change score {name} {{ … }}` 重写这个分值";
    /// Y0403
    y0403_change_grade_missing(name: &dyn Display)
        => "`change grade {name}`: the base standard has no grade `{name}`",
           "`change grade {name}`：基础标准中没有等级 `{name}`";
    /// Y0403, how to fix it.
    y0403_change_grade_missing_help()
        => "check the id against the standard this one extends; to add a new grade, declare it without `change`",
           "请对照所基于的标准核对 id；如要新增等级，请去掉 `change` 直接声明";
    /// Y0403
    y0403_change_band_missing(grade: &dyn Display, band: &dyn Display)
        => "`change grade {grade}`: the base grade has no band `{band}`",
           "`change grade {grade}`：基础标准的这个等级中没有档次 `{band}`";
    /// Y0403, how to fix it.
    y0403_change_band_missing_help(names_en: &dyn Display, name: &dyn Display, names_zh: &dyn Display)
        => "the bands are {names_en}; to add or reorder bands, restate the grade with `change grade {name} from …`",
           "现有档次为 {names_zh}；如要增加档次或调整顺序，请用 `change grade {name} from …` 重写这个等级";
    /// Y0403
    y0403_change_item_missing(item: &dyn Display)
        => "`change item {item}`: the base standard has no item `{item}`",
           "`change item {item}`：基础标准中没有检查项 `{item}`";
    /// Y0403, how to fix it.
    y0403_change_item_missing_help()
        => "check the item id against the standard this one extends; to add a new item, declare it with `item`",
           "请对照所基于的标准核对检查项 id；如要新增检查项，请用 `item` 声明";
    /// Y0403
    y0403_not_an_item(item: &dyn Display)
        => "`{item}` is not an item",
           "`{item}` 不是检查项";
    /// Y0403
    y0403_remove_section_missing(target: &dyn Display)
        => "`remove section {target}`: the base standard has no such section",
           "`remove section {target}`：基础标准中没有这个章节";
    /// Y0403
    y0403_remove_item_missing(target: &dyn Display)
        => "`remove item {target}`: the base standard has no such item",
           "`remove item {target}`：基础标准中没有这个检查项";
    /// Y0404
    y0404_window_empty(until: &dyn Display, from: &dyn Display)
        => "the effective window ends ({until}) before it starts ({from})",
           "生效期的结束日期（{until}）早于开始日期（{from}）";
    /// Y0404, how to fix it.
    y0404_window_empty_help()
        => "`until` is the first day the document no longer applies; it must come after the start date",
           "`until` 是文档不再适用的第一天，必须晚于生效日期";
    /// Y0405
    y0405_change_without_extends()
        => "`change` only works in a document that extends another",
           "`change` 只能用在基于另一份标准（extends）的文档中";
    /// Y0405, how to fix it.
    y0405_change_without_extends_help()
        => "add `extends ID version \"V\"` after the standard's id, or declare it without `change`",
           "请在标准 id 后加上 `extends ID version \"V\"`，或去掉 `change` 直接声明";
    /// Y0405, how to fix it.
    y0405_change_without_extends_item_help()
        => "add `extends ID version \"V\"` after the standard's id, or declare the item directly",
           "请在标准 id 后加上 `extends ID version \"V\"`，或直接声明该检查项";
    /// Y0405
    y0405_remove_without_extends()
        => "`remove` only works in a document that extends another",
           "`remove` 只能用在基于另一份标准（extends）的文档中";
    /// Y0405, how to fix it.
    y0405_remove_without_extends_help()
        => "add `extends ID version \"V\"` after the standard's id, or delete the declaration instead",
           "请在标准 id 后加上 `extends ID version \"V\"`，或直接删除要去掉的声明";
    /// Y0501
    y0501_unused_input(id: &dyn Display)
        => "input `{id}` is declared but nothing uses it",
           "输入项 `{id}` 已声明，但没有任何地方用到它";
    /// Y0501, how to fix it.
    y0501_unused_input_help()
        => "use it in an item, level, score or grade, or delete it",
           "请在检查项、分级表、分值或等级中用到它，或者删除它";
    /// Y0502
    y0502_item_always_passes(id: &dyn Display)
        => "item `{id}` always passes",
           "检查项 `{id}` 总是通过";
    /// Y0502
    y0502_item_always_fails(id: &dyn Display)
        => "item `{id}` always fails",
           "检查项 `{id}` 总是不通过";
    /// Y0502, how to fix it.
    y0502_item_always_help()
        => "an item should depend on at least one input",
           "检查项的条件应至少取决于一个输入项";
    /// Y0503
    y0503_number_without_unit(id: &dyn Display)
        => "input `{id}` is a number without a unit",
           "输入项 `{id}` 是没有单位的数值";
    /// Y0503, how to fix it.
    y0503_number_without_unit_help()
        => "say what it counts, e.g. `number unit \"m²\"`; use `count` for whole numbers or `percent` for rates",
           "请写明计量单位，例如 `number unit \"m²\"`；整数个数用 `count`，比率用 `percent`";
    /// Y0505
    y0505_rows_dropped(name: &dyn Display, dropped_en: &dyn Display, dropped_zh: &dyn Display)
        => "`change levels {name}` restates the ladder without the base's rows on {dropped_en}: they are dropped",
           "`change levels {name}` 重写了分级表，却没有包含基础标准中关于 {dropped_zh} 的行：这些行将被删除";
    /// Y0505, how to fix it.
    y0505_rows_dropped_help(name: &dyn Display)
        => "to change some rows and keep the rest, write `change levels {name} {{ … }}` with only the rows that change (no level order)",
           "如果只想修改部分行、保留其余行，请写 `change levels {name} {{ … }}`，只列出要修改的行（不写级别顺序）";
    /// Y0506
    y0506_bands_worst_first(id: &dyn Display)
        => "grade `{id}`: the bands are written worst first",
           "等级 `{id}`：档次是从最差写到最好的";
    /// Y0506, how to fix it.
    y0506_bands_worst_first_help(names_en: &dyn Display, names_zh: &dyn Display)
        => "write the best band first: {names_en}. The first band is read as the best one, and \"what to fix\" aims at the band written just above the current one, so bands written worst first point it the wrong way",
           "请把最好的档次写在最前：{names_zh}。第一个档次被视为最好的档次，“整改建议”以紧挨在当前档次之上的档次为目标，档次从最差写起会让建议指错方向";

    // ── Labels: the short text under a diagnostic's span ──
    /// Y0101, the label under the span.
    y0101_no_such_group_label()
        => "no such group",
           "没有这个输入组";
    /// Y0101, the label under the span.
    y0101_unknown_name_label()
        => "unknown name",
           "没有这个名称";
    /// Y0102, the label under the span.
    y0102_declared_again_label()
        => "declared again here",
           "在这里再次声明";
    /// Y0102, the label under the span.
    y0102_listed_again_label()
        => "listed again",
           "重复列出";
    /// Y0103, the label under the span.
    y0103_unknown_function_label()
        => "unknown function",
           "没有这个函数";
    /// Y0104, the label under the span.
    y0104_chain_label()
        => "chain too long",
           "引用链太长";
    /// Y0104, the label under the span.
    y0104_loop_label()
        => "this reference closes the loop",
           "这个引用使定义循环依赖";
    /// Y0105, the label under the span.
    y0105_no_version_label()
        => "no version",
           "缺少版本号";
    /// Y0105, the label under the span.
    y0105_second_label()
        => "second one",
           "第二次出现";
    /// Y0106, the label under the span.
    y0106_no_limits_label()
        => "no limits",
           "这一级没有限值";
    /// Y0106, the label under the span.
    y0106_no_such_band_label()
        => "no such band",
           "没有这个档次";
    /// Y0106, the label under the span.
    y0106_no_such_label(what_en: &str, what_zh: &str)
        => "no such {what_en}",
           "没有这个{what_zh}";
    /// Y0106, the label under the span.
    y0106_nothing_can_veto_label()
        => "nothing can veto",
           "没有可否决的项";
    /// Y0106, the label under the span.
    y0106_unknown_level_label()
        => "unknown level",
           "没有这个级别";
    /// Y0106, the label under the span.
    y0106_unknown_value_label()
        => "unknown value",
           "没有这个选项值";
    /// Y0201, the label under the span.
    y0201_a_percentage_label()
        => "a percentage",
           "这是百分数";
    /// Y0201, Y0204, the label under the span.
    y0201_cannot_compare_label()
        => "these cannot be compared",
           "这两者不能比较";
    /// Y0201, the label under the span.
    y0201_different_kinds_label()
        => "different kinds",
           "类型不同";
    /// Y0201, the label under the span.
    y0201_not_a_bound_label()
        => "not a bound",
           "不是分界值";
    /// Y0201, the label under the span.
    y0201_not_a_limit_label()
        => "not a limit",
           "不是限值";
    /// Y0201, the label under the span.
    y0201_not_a_name_label()
        => "not a name",
           "不是名称";
    /// Y0201, the label under the span.
    y0201_not_a_named_value_label()
        => "not a named value",
           "不是选项值";
    /// Y0201, the label under the span.
    y0201_not_a_number_label()
        => "not a number",
           "不是数值";
    /// Y0201, the label under the span.
    y0201_not_an_ordering_label()
        => "not an ordering",
           "选项值不能比较大小";
    /// Y0201, the label under the span.
    y0201_range_not_allowed_label()
        => "range not allowed here",
           "这里不能写范围";
    /// Y0202, the label under the span.
    y0202_different_units_label()
        => "different units",
           "单位不同";
    /// Y0203, the label under the span.
    y0203_missing_percent_label()
        => "missing `%`",
           "缺少 `%`";
    /// Y0204, the label under the span.
    y0204_yes_no_label()
        => "yes/no, not a number",
           "是/否，不是数值";
    /// Y0205, the label under the span.
    y0205_not_a_condition_label()
        => "not a condition",
           "不是是/否条件";
    /// Y0206, the label under the span.
    y0206_needs_an_id_label()
        => "needs an id",
           "需要写 id";
    /// Y0206, the label under the span.
    y0206_not_a_count_label()
        => "not a count",
           "不是计数";
    /// Y0206, the label under the span.
    y0206_not_a_level_label()
        => "not a level",
           "不是级别";
    /// Y0206, the label under the span.
    y0206_not_a_series_label()
        => "not a series",
           "不是逐年序列";
    /// Y0206, the label under the span.
    y0206_wrong_count_label()
        => "wrong number of values",
           "值的个数不对";
    /// Y0207, the label under the span.
    y0207_an_input_label()
        => "an input",
           "这是输入项";
    /// Y0207, the label under the span.
    y0207_no_exceedance_label()
        => "no exceedance multiple",
           "没有超标倍数";
    /// Y0207, the label under the span.
    y0207_no_multiple_label()
        => "no multiple",
           "没有倍数";
    /// Y0301, the label under the span.
    y0301_weights_label(parts: &dyn Display, total: &dyn Display)
        => "{parts} = {total}%",
           "权重合计 {parts} = {total}%";
    /// Y0302, the label under the span.
    y0302_gap_label()
        => "values in the gap get no grade",
           "落在空档里的值得不到等级";
    /// Y0303, the label under the span.
    y0303_overlap_label()
        => "overlapping bands",
           "档次有重叠";
    /// Y0304, the label under the span.
    y0304_level_limit_label(level: &dyn Display, sign: &dyn Display, limit: &dyn Display, pct: &dyn Display)
        => "{level}: {sign} {limit}{pct}",
           "{level} 级：{sign} {limit}{pct}";
    /// Y0304, the label under the span.
    y0304_mixed_directions_label()
        => "mixed directions",
           "上限和下限混在一起";
    /// Y0304, the label under the span.
    y0304_worst_first_label()
        => "levels worst first",
           "级别写成了从差到好";
    /// Y0305, the label under the span.
    y0305_thresholds_label()
        => "wrong number of thresholds",
           "阈值个数不对";
    /// Y0306, the label under the span.
    y0306_never_pass_label()
        => "can never pass",
           "永远无法通过";
    /// Y0307, the label under the span.
    y0307_empty_range_label()
        => "empty range",
           "范围是空的";
    /// Y0308, the label under the span.
    y0308_not_an_input_label()
        => "not an input",
           "不是输入项";
    /// Y0308, the label under the span.
    y0308_wrong_kind_label()
        => "wrong kind of value",
           "值的类型不对";
    /// Y0309, the label under the span.
    y0309_empty_item_label()
        => "empty item",
           "检查项是空的";
    /// Y0309, the label under the span.
    y0309_empty_ladder_label()
        => "empty ladder",
           "分级表是空的";
    /// Y0309, the label under the span.
    y0309_empty_list_label()
        => "empty list",
           "列表是空的";
    /// Y0309, the label under the span.
    y0309_empty_series_label()
        => "series of 0",
           "0 个值的序列";
    /// Y0309, the label under the span.
    y0309_no_bands_label()
        => "no bands",
           "没有档次";
    /// Y0310, the label under the span.
    y0310_cap_below_label()
        => "cap below one deduction",
           "上限低于一次扣分";
    /// Y0310, the label under the span.
    y0310_no_start_label()
        => "no starting points",
           "没有起始分";
    /// Y0311, the label under the span.
    y0311_percent_label()
        => "a percent in a deduction",
           "扣分写成了百分数";
    /// Y0313, the label under the span.
    y0313_too_many_label()
        => "too many copies",
           "重复次数太多";
    /// Y0401, the label under the span.
    y0401_not_found_label()
        => "not found",
           "库中找不到";
    /// Y0402, the label under the span.
    y0402_cycle_label()
        => "the cycle closes here",
           "在这里形成循环";
    /// Y0403, the label under the span.
    y0403_change_missing_label(what_en: &str, what_zh: &str)
        => "no such {what_en} in the base",
           "基础标准中没有这个{what_zh}";
    /// Y0403, the label under the span.
    y0403_no_band_label()
        => "no such band in the base",
           "基础标准中没有这个档次";
    /// Y0403, the label under the span.
    y0403_no_grade_label()
        => "no such grade in the base",
           "基础标准中没有这个等级";
    /// Y0403, the label under the span.
    y0403_no_item_label()
        => "no such item in the base",
           "基础标准中没有这个检查项";
    /// Y0403, the label under the span.
    y0403_no_levels_label()
        => "no such levels in the base",
           "基础标准中没有这个分级表";
    /// Y0403, the label under the span.
    y0403_no_score_label()
        => "no such score in the base",
           "基础标准中没有这个分值";
    /// Y0403, the label under the span.
    y0403_no_section_label()
        => "no such section in the base",
           "基础标准中没有这一部分";
    /// Y0403, the label under the span.
    y0403_not_an_item_label()
        => "not an item",
           "不是检查项";
    /// Y0403, the label under the span.
    y0403_not_weighted_label()
        => "not weighted",
           "不是加权分值";
    /// Y0404, the label under the span.
    y0404_empty_window_label()
        => "this window is empty",
           "这个有效期是空的";
    /// Y0405, the label under the span.
    y0405_nothing_to_change_label()
        => "nothing to change",
           "没有可修改的内容";
    /// Y0405, the label under the span.
    y0405_nothing_to_remove_label()
        => "nothing to remove",
           "没有可删除的内容";
    /// Y0501, the label under the span.
    y0501_never_used_label()
        => "never used",
           "从未使用";
    /// Y0502, the label under the span.
    y0502_constant_label()
        => "its condition is a constant",
           "条件的结果总是一样";
    /// Y0503, the label under the span.
    y0503_no_unit_label()
        => "no unit",
           "没有单位";
    /// Y0505, the label under the span.
    y0505_rows_dropped_label()
        => "rows dropped",
           "原有的行将被删除";
    /// Y0506, the label under the span.
    y0506_first_label(first: &dyn Display)
        => "`{first}` is written first",
           "`{first}` 写在了最前面";
}
