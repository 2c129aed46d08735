#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The facade reads files as authors save them (issue 11, item 3) and names drafts in as-of errors, with
//! a way to evaluate them (item 7).

use yardstick::encoding::Encoding;
use yardstick::{Drafts, Error, Library};

const DOC: &str = "standard s {\n  version \"1\"\n  input x: percent label zh \"满意率\" en \"rate\"\n  basic { item i \"群众满意率\" { x >= 90% } }\n}\n";

#[test]
fn add_bytes_reads_utf8_utf16_and_gb18030_to_the_same_document() {
    let (gbk, _, _) = encoding_rs::GBK.encode(DOC);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(DOC.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut hashes = Vec::new();
    for (bytes, enc, warned) in [
        (DOC.as_bytes().to_vec(), Encoding::Utf8, false),
        (gbk.into_owned(), Encoding::Gb18030, true),
        (utf16, Encoding::Utf16Le, true),
    ] {
        let mut lib = Library::new();
        let read = lib.add_bytes("s.yard", &bytes);
        assert_eq!(read.encoding, Some(enc));
        assert!(read.is_ok(), "{:?}", read.problems);
        let codes: Vec<&str> = read.problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, if warned { vec!["Y0091"] } else { vec![] });
        assert_eq!(&*lib.source("s.yard").unwrap().text, DOC);
        hashes.push(lib.compile("s", None).unwrap().hash().to_string());
    }
    assert!(hashes.windows(2).all(|w| w[0] == w[1]), "{hashes:?}");
}

#[test]
fn bytes_that_are_no_text_are_y0090_and_load_dir_stops_on_them() {
    let mut lib = Library::new();
    let read = lib.add_bytes("bad.yard", b"standard s { // \xFF }");
    assert_eq!(read.encoding, None);
    assert!(!read.is_ok());
    let p = &read.problems[0];
    assert_eq!(
        (p.code.as_str(), p.place.line, p.place.column),
        ("Y0090", 1, 17)
    );
    assert!(p.message.contains("0xFF"), "{}", p.message);
    assert!(
        p.message_zh.contains("0xFF") && p.message_zh.contains("不是"),
        "{}",
        p.message_zh
    );
    assert!(lib.documents().is_empty());

    let dir = std::env::temp_dir().join(format!("yardstick-reading-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("good.yard"), DOC).unwrap();
    std::fs::write(dir.join("bad.yard"), b"\xFF\xFE\x00").unwrap();
    let mut lib = Library::new();
    let read = lib.load_dir_report(&dir).unwrap();
    let seen: Vec<(String, Option<Encoding>)> = read
        .iter()
        .map(|r| (r.file.rsplit('/').next().unwrap().to_string(), r.encoding))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("bad.yard".into(), None),
            ("good.yard".into(), Some(Encoding::Utf8))
        ]
    );
    let mut lib = Library::new();
    let Err(Error::Problems(p)) = lib.load_dir(&dir) else {
        panic!("a file that cannot be read must stop load_dir")
    };
    assert_eq!(p.problems[0].code, "Y0090");
    assert_eq!(lib.compile("s", None).unwrap().version(), "1");
}

const PUBLISHED: &str = r#"standard d { version "2020" effective 2020-01-01 until 2024-01-01 input x: percent item i { x >= 90% } }"#;
const DRAFT: &str = r#"standard d { version "2024" effective 2024-01-01 status draft input x: percent item i { x >= 80% } }"#;

#[test]
fn as_of_errors_name_drafts_and_drafts_can_be_included() {
    let mut lib = Library::new();
    lib.add("2020.yard", PUBLISHED).unwrap();
    lib.add("2024.yard", DRAFT).unwrap();
    let d = |s: &str| yardstick::parse_date(s).unwrap();
    let Err(Error::NotFound(msg)) = lib.compile_as_of("d", d("2024-05-31")) else {
        panic!()
    };
    assert_eq!(msg.code, "Y0804");
    assert!(msg.zh.contains("草案"), "{}", msg.zh);
    assert_eq!(
        msg.en,
        "no version of `d` is in force on 2024-05-31; the library has: \"2020\" (from 2020-01-01 until \
         2024-01-01), \"2024\" (draft, from 2024-01-01); \"2024\" is a draft, which an as-of date never \
         picks: name its version, or include drafts (`--include-drafts`)"
    );
    let s = lib
        .compile_as_of_with("d", d("2024-05-31"), Drafts::Include)
        .unwrap();
    assert_eq!(s.version(), "2024");
    // Before the draft's window the published version applies, with drafts included or not.
    for drafts in [Drafts::Skip, Drafts::Include] {
        let s = lib
            .resolve_with("d", None, Some(d("2021-01-01")), drafts)
            .unwrap();
        assert_eq!(s.version(), "2020");
    }
    // A named version is used whatever its status.
    assert_eq!(
        lib.resolve("d", Some("2024"), None).unwrap().version(),
        "2024"
    );
    // Two drafts on one day are named, not chosen between.
    lib.add("2024b.yard", &DRAFT.replace("\"2024\"", "\"2024b\""))
        .unwrap();
    let Err(Error::NotFound(msg)) = lib.compile_as_of_with("d", d("2024-05-31"), Drafts::Include)
    else {
        panic!()
    };
    assert!(
        msg.en.contains("several drafts of `d` apply on 2024-05-31"),
        "{}",
        msg.en
    );
    let Err(Error::NotFound(msg)) = lib.compile_as_of("d", d("2024-05-31")) else {
        panic!()
    };
    assert!(
        msg.en.contains("\"2024\", \"2024b\" are drafts"),
        "{}",
        msg.en
    );
}
