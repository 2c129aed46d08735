//! The sentences of the SQL functions on Apache DataFusion (the `yardstick-datafusion` crate, outside the
//! main workspace): `yardstick_eval`'s errors (codes Y0951–Y0957) and the `yardstick-sql` binary's
//! (Y0958–Y0961), docs/scale.md.

catalogue! {
    // ── `yardstick_eval(id, version or as-of date, named_struct(...))`: planning a query ──
    /// Y0951: not three arguments.
    sql_arguments(count: usize)
        => "yardstick_eval takes 3 arguments (the standard's id; its version, an as-of date YYYY-MM-DD or NULL; named_struct('input', value, …) of the inputs), not {count}",
           "yardstick_eval 需要 3 个参数（标准的 id；版本、YYYY-MM-DD 形式的日期或 NULL；由 named_struct('输入项', 值, …) 给出的输入），而不是 {count} 个";
    /// Y0952: the id is not a text literal.
    sql_id_not_literal()
        => "yardstick_eval: the standard's id (1st argument) must be a text literal: the standard is compiled once per query, not once per row",
           "yardstick_eval：标准的 id（第 1 个参数）必须是文本常量：每个查询只编译一次标准，而不是每行一次";
    /// Y0952: the version or date is not a text literal or NULL.
    sql_version_not_literal()
        => "yardstick_eval: the version or as-of date (2nd argument) must be a text literal or NULL: the standard is compiled once per query, not once per row",
           "yardstick_eval：版本或日期（第 2 个参数）必须是文本常量或 NULL：每个查询只编译一次标准，而不是每行一次";
    /// Y0953: the inputs are not a struct.
    sql_not_struct(ty: &str)
        => "yardstick_eval: the 3rd argument must be named_struct('input', value, …) of the inputs, not {ty}",
           "yardstick_eval：第 3 个参数必须是由 named_struct('输入项', 值, …) 给出的输入，而不是 {ty}";
    /// Y0954: an input given as a float.
    sql_float(input: &str, ty: &str)
        => "input `{input}` is given as {ty}: a float cannot hold a decimal exactly; CAST it to DECIMAL, or read the numbers as text",
           "输入项 `{input}` 的类型是 {ty}：浮点数无法精确表示小数；请用 CAST 转为 DECIMAL，或按文本读取数值";
    /// Y0955: an input of a type the function does not read.
    sql_unsupported(input: &str, ty: &str)
        => "input `{input}` is given as {ty}, which yardstick_eval does not read (it reads booleans, integers, decimals, text, dates and lists of numbers)",
           "输入项 `{input}` 的类型是 {ty}，yardstick_eval 不读取这种类型（可读取布尔值、整数、定点小数、文本、日期和数值列表）";
    /// Y0957: an input named twice.
    sql_input_twice(input: &str)
        => "input `{input}` is given twice in named_struct",
           "输入项 `{input}` 在 named_struct 中出现了两次";

    // ── `yardstick_eval`: one row ──
    /// Y0956: an output value its Decimal128 column cannot hold exactly (the row's `error`).
    sql_output_inexact(output: &str, value: &str, precision: u8, scale: i8)
        => "output `{output}` = {value} cannot be held exactly in its Decimal128({precision}, {scale}) column",
           "输出项 `{output}` = {value} 无法在 Decimal128({precision}, {scale}) 列中精确表示";

    // ── `yardstick-sql` ──
    /// Y0958: a file of a kind it does not read.
    sql_file_kind(path: &str)
        => "{path}: yardstick-sql reads .csv and .parquet files (or a folder of them)",
           "{path}：yardstick-sql 只读取 .csv 和 .parquet 文件（或由它们组成的文件夹）";
    /// Y0958: a file or folder that is not there.
    sql_no_file(path: &str)
        => "{path}: no such file or folder",
           "{path}：没有这个文件或文件夹";
    /// Y0959: `--table` not NAME=PATH.
    sql_table_spec(spec: &str)
        => "--table takes NAME=PATH, not {spec}",
           "--table 的格式是 NAME=PATH，而不是 {spec}";
    /// Y0960: the query could not be planned or run.
    sql_query_failed(why: &str)
        => "the query failed: {why}",
           "查询失败：{why}";
    /// Y0961: the result could not be written.
    sql_write_failed(why: &str)
        => "could not write the result: {why}",
           "无法写出结果：{why}";
    /// After a table of results.
    sql_rows(count: usize)
        => "{count} row(s)",
           "共 {count} 行";
}
