#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The facade's editor support: outlines, problems with their did-you-mean replacements, replacing a
//! document's text in a library, an item's rule in words.

use yardstick::outline::{outline, RefKind, SymbolKind};
use yardstick::Library;

const DOC: &str = r#"standard demo {
  version "1"
  input city_class: enum [prefecture "地级", county "县级"]
  group pests { input fly: percent label zh "苍蝇" }
  let ok = pests.fly <= 3%
  basic { item b1 "苍蝇" clause "1" { ok and city_class == county } }
  levels lv: A > B, below C { pests.fly <= [1%, 2%] }
  example "e" { given pests.fly = 1%, city_class = county expect item b1 = pass, lv = A }
}"#;

#[test]
fn an_outline_names_every_declaration_and_every_name_read() {
    let o = outline(DOC).unwrap();
    let kinds: Vec<(SymbolKind, &str)> =
        o.symbols.iter().map(|s| (s.kind, s.id.as_str())).collect();
    assert!(kinds.contains(&(SymbolKind::Input, "pests.fly")));
    assert!(kinds.contains(&(SymbolKind::Variant, "county")));
    assert!(kinds.contains(&(SymbolKind::Level, "C")));
    let fly = o.symbols.iter().find(|s| s.id == "pests.fly").unwrap();
    assert_eq!(&DOC[fly.name.start..fly.name.end], "fly");
    assert_eq!(fly.labels.zh.as_deref(), Some("苍蝇"));
    let reads: Vec<&str> = o.references.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        reads,
        [
            "pests.fly",
            "ok",
            "city_class",
            "county",
            "pests.fly",
            "pests.fly",
            "city_class",
            "county",
            "b1",
            "lv",
            "A"
        ]
    );
    // Values given in examples carry where they are written and what they are given to.
    let given = o
        .references
        .iter()
        .filter(|r| r.kind == RefKind::Value)
        .collect::<Vec<_>>();
    assert!(given
        .iter()
        .all(|r| DOC[r.range.start..r.range.end] == r.name));
    assert_eq!(given[0].peer.as_deref(), Some("city_class"));
}

#[test]
fn a_text_that_does_not_parse_gives_its_problems() {
    let e = outline("standard x { version \"1\" input a: percent item i { a ≥ 3 } }").unwrap_err();
    assert_eq!(e[0].code, "Y0003");
}

#[test]
fn problems_carry_the_replacement_their_did_you_mean_names() {
    let mut lib = Library::new();
    lib.add(
        "a.yard",
        "standard a { version \"1\" input rate: percent item i { rat <= 3% } }",
    )
    .unwrap();
    let found = lib.check_file_suggesting("a.yard");
    let y0101 = found.iter().find(|f| f.problem.code == "Y0101").unwrap();
    assert_eq!(y0101.replacement.as_deref(), Some("rate"));
    assert_eq!(y0101.problem.place.text, "rat");
    assert!(found
        .iter()
        .filter(|f| f.problem.code != "Y0101")
        .all(|f| f.replacement.is_none()));
    // A syntax slip names its replacement too.
    let _ = lib.replace(
        "a.yard",
        "standard a { version \"1\" input rate: percent item i { rate ≥ 3% } }",
    );
    let found = lib.check_file_suggesting("a.yard");
    assert_eq!(found[0].problem.code, "Y0003");
    assert_eq!(found[0].replacement.as_deref(), Some(">="));
    // And check_file says the same problems.
    assert_eq!(lib.check_file("a.yard"), vec![found[0].problem.clone()]);
}

#[test]
fn replacing_a_document_keeps_its_place_and_never_doubles_it() {
    let mut lib = Library::new();
    lib.add("a.yard", "standard a { version \"1\" }").unwrap();
    lib.add("b.yard", "standard b { version \"1\" }").unwrap();
    lib.replace("a.yard", "standard a { version \"2\" }")
        .unwrap();
    assert_eq!(lib.files(), ["a.yard", "b.yard"]);
    assert_eq!(lib.documents()[0].version, "2");
    assert!(lib.replace("a.yard", "standard a {").is_err());
    assert_eq!(lib.files(), ["a.yard", "b.yard"]);
    assert!(lib.outline("a.yard").is_none());
    assert!(lib.remove("a.yard"));
    assert!(!lib.remove("a.yard"));
    assert_eq!(lib.files(), ["b.yard"]);
    lib.replace("c.yard", "standard c { version \"1\" }")
        .unwrap();
    assert_eq!(lib.files(), ["b.yard", "c.yard"]);
}

#[test]
fn an_items_rule_in_words_in_both_languages() {
    let std = yardstick::Standard::from_text(
        "d.yard",
        r#"standard d { version "1"
  input s: percent
  input big: bool
  item b10 applies when big { s >= 90% }
}"#,
    )
    .unwrap();
    let r = yardstick::doc::rule_in_words(&std, "b10").unwrap();
    assert!(r.en.starts_with("s >= 90%; "), "{}", r.en);
    assert_ne!(r.en, r.zh);
    assert!(yardstick::doc::rule_in_words(&std, "s").is_none());
}
