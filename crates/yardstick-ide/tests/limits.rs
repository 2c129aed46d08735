#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every limit of the analysis, at the limit and one past it.

use yardstick::Library;
use yardstick_ide::{Analysis, Lang, Limits, TextRange, MAX_OPEN_DOCUMENTS, MAX_RESULTS};

fn doc(n: usize) -> String {
    format!("standard d{n} {{ version \"1\" input a: percent item i {{ a >= 1% }} }}")
}

#[test]
fn at_most_max_open_documents_are_open() {
    let mut a = Analysis::new(Library::new(), Lang::En);
    for n in 0..MAX_OPEN_DOCUMENTS {
        a.open(&format!("d{n}.yard"), &doc(n)).unwrap();
    }
    // Opening one already open again is not one more.
    a.open("d0.yard", &doc(0)).unwrap();
    let e = a.open("one-more.yard", &doc(9999)).unwrap_err();
    assert_eq!(e.code, "Y1001");
    assert!(e.msg.zh.contains(&MAX_OPEN_DOCUMENTS.to_string()));
    a.close("d0.yard", None);
    a.open("one-more.yard", &doc(9999)).unwrap();
    assert_eq!(a.open_documents().count(), MAX_OPEN_DOCUMENTS);
}

#[test]
fn a_document_grows_to_the_size_limit_and_no_further() {
    let limits = Limits {
        document_bytes: 200,
        ..Limits::default()
    };
    let mut a = Analysis::with_limits(Library::new(), Lang::En, limits);
    let text = doc(1);
    let padded = format!("{text}{}", " ".repeat(200 - text.len()));
    a.open("d.yard", &padded).unwrap();
    assert_eq!(a.text("d.yard").unwrap().len(), 200);
    // One byte more, by typing.
    let e = a
        .change(
            "d.yard",
            &[(
                Some(TextRange {
                    start: 200,
                    end: 200,
                }),
                " ".into(),
            )],
        )
        .unwrap_err();
    assert_eq!(e.code, "Y1004");
    assert_eq!(
        a.text("d.yard").unwrap().len(),
        200,
        "a refused change changes nothing"
    );
    // Or by opening it larger.
    assert_eq!(
        a.open("e.yard", &format!("{padded} ")).unwrap_err().code,
        "Y1004"
    );
    // The facade's limit is the default.
    assert_eq!(
        Limits::default().document_bytes,
        yardstick::MAX_DOCUMENT_BYTES
    );
}

#[test]
fn a_change_outside_the_text_or_inside_a_character_is_refused() {
    let mut a = Analysis::new(Library::new(), Lang::En);
    a.open("d.yard", "standard d { title zh \"满\" }").unwrap();
    let len = a.text("d.yard").unwrap().len();
    let past = TextRange {
        start: len,
        end: len + 1,
    };
    assert_eq!(
        a.change("d.yard", &[(Some(past), "x".into())])
            .unwrap_err()
            .code,
        "Y1003"
    );
    let inside = a.text("d.yard").unwrap().find('满').unwrap() + 1;
    let r = TextRange {
        start: inside,
        end: inside,
    };
    assert_eq!(
        a.change("d.yard", &[(Some(r), "x".into())])
            .unwrap_err()
            .code,
        "Y1003"
    );
    assert_eq!(
        a.change("x.yard", &[(None, String::new())])
            .unwrap_err()
            .code,
        "Y1002"
    );
}

/// A document reading `a` `n` times.
fn many_reads(n: usize) -> String {
    let mut t = String::from("standard d {\n  version \"1\"\n  input a: percent\n");
    for k in 0..n {
        t.push_str(&format!("  item i{k} {{ a >= 1% }}\n"));
    }
    t.push_str("}\n");
    t
}

#[test]
fn references_and_renames_stop_at_max_results() {
    let mut a = Analysis::new(Library::new(), Lang::En);
    a.open("d.yard", &many_reads(MAX_RESULTS)).unwrap();
    let at = a.text("d.yard").unwrap().find("input a").unwrap() + "input ".len();
    // At the limit: every read is listed.
    assert_eq!(a.references("d.yard", at, false).len(), MAX_RESULTS);
    // With the declaration, one past: the list stops at the limit.
    assert_eq!(a.references("d.yard", at, true).len(), MAX_RESULTS);
    // A rename of more places than the limit is refused whole; one of the limit's size is done.
    assert_eq!(a.rename("d.yard", at, "b").unwrap_err().code, "Y1008");
    // Symbols: the standard, the input and the items, cut at the limit.
    let syms = a.symbols("d.yard");
    assert_eq!(syms[0].children.len(), MAX_RESULTS - 1);
    a.open("e.yard", &many_reads(MAX_RESULTS - 1)).unwrap();
    assert_eq!(a.rename("e.yard", at, "b").unwrap().len(), MAX_RESULTS);
}

#[test]
fn completions_diagnostics_and_tokens_stop_at_their_limits() {
    let limits = Limits {
        results: 5,
        tokens: 7,
        ..Limits::default()
    };
    let mut a = Analysis::with_limits(Library::new(), Lang::En, limits);
    // Six typos: six diagnostics, five listed.
    let mut t = String::from("standard d {\n  version \"1\"\n  input rate: percent\n");
    for k in 0..6 {
        t.push_str(&format!("  item i{k} {{ rat >= 1% }}\n"));
    }
    t.push_str("}\n");
    a.open("d.yard", &t).unwrap();
    assert_eq!(a.diagnostics("d.yard").unwrap().len(), 5);
    let at = t.find("{ rat").unwrap() + 2;
    assert_eq!(a.completion("d.yard", at).len(), 5);
    assert_eq!(a.semantic_tokens("d.yard").len(), 7);
}
