//! The analysis' language switch (author mode's 中文/English button): the next diagnostics are in the
//! new language, with the same codes and places.
use yardstick_ide::{Analysis, Lang};

#[test]
fn set_lang_changes_the_language_of_the_next_diagnostics() {
    let mut a = Analysis::new(yardstick::Library::new(), Lang::En);
    let text = "standard d {\n  version \"1\"\n  input rate: percent\n  item i { rat <= 3% }\n}\n";
    a.open("d.yard", text).unwrap();
    let en = a.diagnostics("d.yard").unwrap();
    a.set_lang(Lang::Zh);
    assert_eq!(a.lang(), Lang::Zh);
    let zh = a.diagnostics("d.yard").unwrap();
    assert_eq!(en.len(), zh.len());
    let (e, z) = (&en[0], &zh[0]);
    assert_eq!((e.code.as_str(), e.range), (z.code.as_str(), z.range));
    assert!(e.message.is_ascii(), "{}", e.message);
    assert!(!z.message.is_ascii(), "{}", z.message);
    a.set_lang(Lang::En);
    assert_eq!(a.diagnostics("d.yard").unwrap(), en);
}
