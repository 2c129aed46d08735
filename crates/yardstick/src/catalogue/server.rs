//! The sentences of `yardstick serve` (the `yardstick-server` crate): its errors (codes Y0902–Y0909,
//! docs/server.md) and its log.

catalogue! {
    // ── Errors of a request (ErrorReport, docs/server.md §Errors) ──
    /// Y0902 (413): a body over the route's limit.
    body_too_large(limit: usize)
        => "the request body is larger than {limit} bytes, the limit of this route",
           "请求体超过本路由的上限 {limit} 字节";
    /// Y0901 (400): a body that is not UTF-8.
    body_not_utf8(offset: usize)
        => "the request body is not UTF-8 text (the first bad byte is at offset {offset})",
           "请求体不是 UTF-8 文本（第一个错误字节位于偏移 {offset}）";
    /// Y0903 (503): no library loaded yet.
    not_ready()
        => "no library of standards is loaded yet: the standards folder has problems (see /ready)",
           "尚未加载标准库：标准文件夹有问题（见 /ready）";
    /// Y0904 (404): no route at this path.
    no_route(path: &str)
        => "no route {path} (GET /v1/openapi.json lists them)",
           "没有路由 {path}（GET /v1/openapi.json 列出全部路由）";
    /// Y0905 (405): the route exists, not with this method.
    wrong_method(method: &str, path: &str)
        => "{path} does not take {method} (GET /v1/openapi.json lists the methods)",
           "{path} 不接受 {method}（GET /v1/openapi.json 列出各路由的方法）";
    /// Y0901 (400): a query parameter the route does not take.
    unknown_parameter(name: &str, expected: &str)
        => "unknown query parameter `{name}` (this route takes: {expected})",
           "未知的查询参数 `{name}`（本路由接受：{expected}）";
    /// Y0901 (400): a query parameter with a value it cannot take.
    bad_parameter(name: &str, expected: &str)
        => "query parameter `{name}` must be {expected}",
           "查询参数 `{name}` 应为 {expected}";
    /// Y0901 (400): a body of /v1/diff that is not what it takes.
    diff_body(why_en: &str, why_zh: &str)
        => "the body of /v1/diff is a JSON object with `old` and `new` (each ID@VERSION) and optionally `assessments` (an array of assessments): {why_en}",
           "/v1/diff 的请求体应为 JSON 对象，含 `old` 与 `new`（均为 ID@VERSION），可选 `assessments`（评估数据的数组）：{why_zh}";
    /// Why: a field that must be a string.
    field_not_string(field: &str)
        => "`{field}` must be a string",
           "`{field}` 应为字符串";
    /// Why: a field it does not have.
    not_a_field(field: &str)
        => "`{field}` is not a field of it",
           "`{field}` 不是其字段";
    /// Why: `assessments` is not an array.
    assessments_not_array()
        => "`assessments` must be an array",
           "`assessments` 应为数组";
    /// Y0906 (413): more assessments given to /v1/diff than it takes.
    too_many_assessments(limit: usize)
        => "at most {limit} assessments in one diff",
           "一次比较最多 {limit} 份评估数据";
    /// Y0906: a line of /v1/batch over the limit (the row is skipped, the others go on).
    batch_line_too_long(limit: usize)
        => "the line is longer than {limit} bytes, the limit of one row",
           "该行超过单行上限 {limit} 字节";
    /// Y0907: more rows in one /v1/batch request than it takes (the rest is not read).
    too_many_rows(limit: usize)
        => "more than {limit} rows in one request: the rest was not read",
           "单次请求超过 {limit} 行：其余各行未读取";
    /// Y0908 (408): a request that took longer than the limit.
    too_slow(seconds: u64)
        => "the request took longer than {seconds} s, the limit of one request",
           "请求处理超过单次上限 {seconds} 秒";
    /// Y0909 (500): a bug in the server.
    internal()
        => "the server failed on this request; this is a bug in Yardstick, please report the request",
           "服务器处理该请求时出错；这是 Yardstick 的缺陷，请报告该请求";

    // ── The log (one JSON object per line on standard error) ──
    /// When it starts listening.
    listening(addr: &str)
        => "listening on http://{addr}",
           "正在监听 http://{addr}";
    /// A library compiled and swapped in.
    loaded(documents: usize, generation: u64)
        => "loaded {documents} document(s) of the standards folder (generation {generation})",
           "已加载标准文件夹中的 {documents} 份文档（第 {generation} 代）";
    /// A new library that has problems: the old one stays.
    kept_last_good(problems: usize, generation: u64)
        => "the standards folder has {problems} problem(s): still serving generation {generation}",
           "标准文件夹有 {problems} 个问题：继续使用第 {generation} 代";
    /// The first library has problems: nothing to serve yet.
    nothing_loaded(problems: usize)
        => "the standards folder has {problems} problem(s): not ready until they are fixed",
           "标准文件夹有 {problems} 个问题：修正之前服务不可用";
    /// A problem of the standards folder, in the log.
    folder_problem(file: &str, line: usize, column: usize, code: &str, message_en: &str, message_zh: &str)
        => "{file}:{line}:{column}: [{code}] {message_en}",
           "{file}:{line}:{column}：[{code}] {message_zh}";
    /// SIGHUP.
    reload_asked()
        => "reload asked (SIGHUP)",
           "收到重新加载请求（SIGHUP）";
    /// SIGTERM or Ctrl-C.
    shutting_down()
        => "shutting down: finishing the requests in flight",
           "正在关闭：完成处理中的请求";
    /// After the last request.
    stopped()
        => "stopped",
           "已停止";
    /// The decision log could not be written (the evaluation is still answered).
    decision_log_failed(path: &str, reason: &str)
        => "cannot write the decision log {path}: {reason}",
           "无法写入决策日志 {path}：{reason}";
    /// The folder could not be read at all.
    folder_unreadable(path: &str, reason: &str)
        => "cannot read the standards folder {path}: {reason}",
           "无法读取标准文件夹 {path}：{reason}";
    /// The address could not be bound.
    cannot_listen(addr: &str, reason: &str)
        => "cannot listen on {addr}: {reason}",
           "无法监听 {addr}：{reason}";
    /// The decision log could not be opened at start.
    cannot_open_log(path: &str, reason: &str)
        => "cannot open the decision log {path}: {reason}",
           "无法打开决策日志 {path}：{reason}";
}
