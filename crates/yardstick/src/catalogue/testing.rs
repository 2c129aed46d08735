//! The sentences of running `example` blocks as tests (crate::testing, `yardstick test`).

catalogue! {
    // ── A failed expectation (`Mismatch`) ──
    /// `what` of an example that could not be evaluated.
    what_evaluation() => "evaluation", "计算";
    /// `what` of an item's expected outcome.
    what_item(id: &str) => "item {id}", "条目 {id}";
    /// `expected` of an example whose `as_of` lies outside the document's window.
    date_in_window()
        => "a date inside the document's effective window",
           "文档生效期内的日期";
    /// `actual` of the same.
    date_not_in_force(date: &str)
        => "{date}, when the document is not in force",
           "{date}，而文档在该日不生效";
    /// `expected` of an example that could not be evaluated.
    a_result() => "a result", "得出结果";
}
