//! No input reaches the stack: the bracket pre-scan reads strings, curly-quoted labels and comments
//! exactly as the grammar does, so every bracket the parser descends into is counted.
//!
//! Each case runs `parse` and `format` on a thread with a small stack: a miscount would overflow it and
//! abort the whole test binary, which fails the run.

use proptest::prelude::*;
use yardstick_syntax::{limits::MAX_NESTING, parse, SyntaxError};

/// Parse on a 4 MiB stack (a debug build needs ~80 KiB per bracket; 32 brackets fit, 700 would not).
fn parse_on_small_stack(src: String) -> Result<(), Vec<SyntaxError>> {
    std::thread::Builder::new()
        .stack_size(4 * 1024 * 1024)
        .spawn(move || {
            let _ = yardstick_syntax::format(&src);
            parse(&src).map(|_| ()).map_err(|e| e.errors)
        })
        .map_err(|_| Vec::new())?
        .join()
        .unwrap_or(Err(Vec::new()))
}

fn too_deep(r: &Result<(), Vec<SyntaxError>>) -> bool {
    matches!(r, Err(errs) if errs.iter().any(|e| matches!(e, SyntaxError::TooDeep { .. })))
}

/// What can stand before the brackets: every kind of string, label, quote and comment, with the
/// characters that start another kind inside it.
const WRAPPERS: &[&str] = &[
    "\"x\"",
    "\u{201C}\"\u{201D}",
    "\u{201C}//\u{201D}",
    "\u{201C}\"//\u{201D}",
    "\u{300C}\"\u{300D}",
    "\u{300E}//\u{300F}",
    "\u{201C}\u{300C}\"\u{201D}",
    "\u{201C}\"",
    "\"\\\"\"",
    "\"//\"",
    "\"\u{201C}\"",
    "\"a\\\nb\"",
    "\"unclosed",
    "// a comment \" \u{201C}\n",
    "/// a doc comment \"\n",
    "",
];

/// The wrappers left open: the rest of the line is inside them.
const UNCLOSED: &[&str] = &["\u{201C}\"", "\"unclosed"];

fn document(wrapper: &str, parens: usize) -> String {
    format!(
        "standard s {{\n  version \"1\"\n  input x: count\n  item i {wrapper} {{ {}x{} <= 1 }}\n}}\n",
        "(".repeat(parens),
        ")".repeat(parens)
    )
}

#[test]
fn brackets_after_a_quote_inside_a_curly_label_are_counted() {
    // The reported crash: 700 parentheses after `“"”` overflowed the stack (exit 134); 180 trapped WASM.
    for parens in [180, 700, 10_000] {
        let r = parse_on_small_stack(document("\u{201C}\"\u{201D}", parens));
        assert!(too_deep(&r), "{parens} parentheses: {r:?}");
    }
}

#[test]
fn every_wrapper_at_the_limit_and_past_it() {
    // The item's body brace, the standard's brace and the parentheses: limit - 2 parentheses reach the limit.
    for w in WRAPPERS {
        let at = parse_on_small_stack(document(w, MAX_NESTING - 2));
        assert!(!too_deep(&at), "{w:?} at the limit: {at:?}");
        let over = parse_on_small_stack(document(w, MAX_NESTING - 1));
        // An unclosed quote runs to the end of its line, as in the grammar: the brackets are its text.
        let swallows_the_line = UNCLOSED.contains(w);
        assert_eq!(
            too_deep(&over),
            !swallows_the_line,
            "{w:?} past the limit: {over:?}"
        );
    }
}

/// A piece of hostile text: a string, label, comment or stray quote with arbitrary content.
fn piece() -> impl Strategy<Value = String> {
    let content = proptest::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just("\u{201C}".to_string()),
            Just("\u{201D}".to_string()),
            Just("\u{300C}".to_string()),
            Just("\u{300F}".to_string()),
            Just("//".to_string()),
            Just("\\".to_string()),
            Just("\n".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("{".to_string()),
            Just("x".to_string()),
            Just(" ".to_string()),
        ],
        0..8,
    )
    .prop_map(|v| v.concat());
    (
        prop_oneof![
            Just(""),
            Just("\""),
            Just("\u{201C}"),
            Just("\u{300C}"),
            Just("\u{300E}"),
            Just("//"),
            Just("///")
        ],
        content,
    )
        .prop_map(|(open, c)| format!("{open}{c}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever stands before deep brackets, parsing answers (an error or a tree) without overflowing.
    #[test]
    fn hostile_text_before_deep_brackets_never_overflows(
        pieces in proptest::collection::vec(piece(), 1..6),
        parens in 0usize..400,
    ) {
        let src = format!(
            "standard s {{\n  version \"1\"\n  input x: count\n  item i {} {{ {}x }}\n}}\n",
            pieces.concat(),
            "(".repeat(parens),
        );
        // Reaching here at all is the property; a miscount aborts the process.
        let _ = parse_on_small_stack(src);
    }
}
