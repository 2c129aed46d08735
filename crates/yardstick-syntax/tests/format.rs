#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The canonical formatter: exact layouts, comments, idempotence and round trips.

use yardstick_syntax::{format, parse};

/// Format, and check that formatting is idempotent and keeps the syntax tree.
fn fmt(src: &str) -> String {
    let out = format(src)
        .map_err(|e| format!("format failed: {e:?}\n{src}"))
        .unwrap();
    let again = format(&out).unwrap();
    assert_eq!(
        again, out,
        "formatting is not idempotent; first output:\n{out}"
    );
    assert_eq!(
        parse(&out).unwrap(),
        parse(src).unwrap(),
        "the syntax tree changed; output:\n{out}"
    );
    out
}

/// Every `// cNN` marker of `src` appears exactly once in `out`.
fn assert_markers_kept(src: &str, out: &str) {
    let mut n = 0;
    for line in src.lines() {
        if let Some(at) = line.find("// c") {
            let marker: String = line[at..]
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(
                out.matches(&format!("{marker} ")).count()
                    + out.matches(&format!("{marker}\n")).count(),
                1,
                "{marker} in\n{out}"
            );
            n += 1;
        }
    }
    assert!(n > 0);
}

// ---------------------------------------------------------------------------------------------- house style

#[test]
fn fly_2011_is_canonical() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../standards/cn/vector/fly-2011.yard"
    );
    let src = std::fs::read_to_string(path).unwrap();
    let out = fmt(&src);
    // The house style file is already in canonical form.
    assert_eq!(out, src);
}

#[test]
fn crate_doc_example_is_canonical() {
    let src = "standard demo {\n  version \"1\"\n  input ok: bool\n  item i { ok }\n}\n";
    assert_eq!(fmt(src), src);
}

#[test]
fn messy_one_line_document() {
    let src = r#"standard  demo{version "1" title en "Demo" input ok:bool input rate:percent range 0%..100% label zh "率" help en "share"   item i{ok} item j "J" clause "4.1"{rate>=90.0% source "S1" tier A ok} score s=50% ok+50% * rate grade g from s{good when>=90 bad otherwise} example "e"{expect outcome=pass given ok=true,rate=95%}}"#;
    let expected = r#"standard demo {
  version "1"
  title en "Demo"

  input ok: bool
  input rate: percent range 0%..100%
    label zh "率"
    help en "share"

  item i { ok }
  item j "J" clause "4.1" {
    rate >= 90.0% source "S1" tier A
    ok
  }

  score s = 50% ok + 50% rate
  grade g from s {
    good when >= 90
    bad otherwise
  }

  example "e" {
    given ok = true, rate = 95%
    expect outcome = pass
  }
}
"#;
    assert_eq!(fmt(src), expected);
}

#[test]
fn parse_errors_are_returned() {
    assert!(format("").is_err());
    assert!(format("standard x {").is_err());
    assert!(format("standard x { item i { a = 1 } }").is_err());
    assert!(format("standard x { input a: bool } trailing").is_err());
    assert!(format("standard x { version \"unterminated }").is_err());
}

// ---------------------------------------------------------------------------------------------- every construct

const EVERYTHING: &str = r#"// file header comment
/// Doc for the standard.
///   indented doc
standard demo.all extends base.std version "2.0" { // open brace comment
  title zh "全部" en "Everything \"quoted\" \\ back"
  version "1.0"
  effective from 2020-01-01 until 2021-01-01 note "first"
  effective 2020-01-01
  effective until 2030-12-31
  status draft
  source "GB 1" tier A note "official"
  supersedes old.std version "0.9"
  use other.std version "3" as other
  review every 5 years rectify within 1 year
  input a: bool
  input b: count range 0..10 source "S1" tier B
  input c: percent range 0%..100% label zh "丙" help en "help\ttab" source "S2"
  input d: number unit "kg" range -5.50..
  input e: enum [x "X", y, z "Z"]
  input f: series 3 of percent range ..100%
  input g: date
  input h: enum [one, two "two"]
  group grp "组" label en "group" {
    /// inner doc
    input i: bool // trailing on i
    group sub {
      input j: count
    }
    group empty {}
  }
  let l1 = a and (b > 3 or not c >= 50%) label zh "派生"
  output o1 = -d + 2 * (3 - d) / 4 label en "out"
  let l2 = e in [x, y] and f.x != 1
  section s1 "节" label zh "节" clause "5" source "S3" tier C applies when a {
    item i1 "项" clause "5.1" source "S4" {
      all_of [a, b >= 1, any_of [c > 1%, none_of [a]]] source "S5"
      at_least 2 of [a, b > 1, c < 3%] pass and the rest within 3x
      at_least 1 of [a] pass
      pass_rate > 1
      latest(f) <= 90% and mean(f, 3) > 1.50
      not not a
      f() source "S10"
      - - d < 2020-01-01
    }
    section nested {
      item i2 { a }
    }
  }
  basic "基本" {
    item v1 { a }
  }
  basic named {}
  item top applies when b > 2 { b < 5 }
  levels lv: A > B > C, below D label zh "级" source "S6" tier A {
    /// row doc
    b <= [1, 2, 3] label en "row" source "S7"
    grp_in "组" label en "g" {
      /// inner row doc
      c >= [90%, 80%, 70%]
    }
    1 + d > [1, 2, 3]
  }
  levels num: 1 > 2, below 3 {}
  score s1 out_of 100 label zh "分" = 40% a + 60% * b
  score s2 = b * 2 + 1
  score s3 {
    deduct 1 per b at_most 5 source "S8"
    floor 0
    start 100
    deduct 0.5 per c source "S11"
    cap 20
  }
  score s4 {}
  grade gr from s1 label en "grade" {
    /// band doc
    excellent "优" label en "excellent" when >= 90 and < 100.0
    good when > 80
    below "差" otherwise
  }
  rank by s1 desc, then s2 asc then b
  rank by s1
  example "ex one" {
    expect outcome = pass, item i1 = fail, exceedance(lv) = 1.96 rounded 2
    as_of 2020-06-01
    given a = true, b = 3, c = 17.60%, d = 2020-01-01
    given e = x, f = [1, -2.5, 3%], g = []
    expect exceedance(lv, C) = -1, lv = D, s1 = 3.10
  }
  example "empty" {}
  change item s1.i1 "新" label zh "改" clause "6" {
    b > 4
  }
  change item top source "S9"
  remove item s1.i1
  remove section s1.nested
  // end of standard block
} // after close
// trailer
"#;

const EVERYTHING_FORMATTED: &str = r#"// file header comment
/// Doc for the standard.
///   indented doc
standard demo.all extends base.std version "2.0" {  // open brace comment
  title zh "全部" en "Everything \"quoted\" \\ back"
  version "1.0"
  effective 2020-01-01 until 2021-01-01 note "first"
  effective 2020-01-01
  effective until 2030-12-31
  status draft
  source "GB 1" tier A note "official"
  supersedes old.std version "0.9"
  use other.std version "3" as other
  review every 5 years, rectify within 1 year

  input a: bool
  input b: count range 0..10 source "S1" tier B
  input c: percent range 0%..100%
    label zh "丙"
    help en "help\ttab"
    source "S2"
  input d: number unit "kg" range -5.50..
  input e: enum [x "X", y, z "Z"]
  input f: series 3 of percent range ..100%
  input g: date
  input h: enum [one, two "two"]
  group grp "组" label en "group" {
    /// inner doc
    input i: bool  // trailing on i
    group sub {
      input j: count
    }
    group empty {}
  }

  let l1 = a and (b > 3 or not c >= 50%) label zh "派生"
  output o1 = -d + 2 * (3 - d) / 4 label en "out"
  let l2 = e in [x, y] and f.x != 1

  section s1 "节" label zh "节" clause "5" source "S3" tier C applies when a {
    item i1 "项" clause "5.1" source "S4" {
      all_of [a, b >= 1, any_of [c > 1%, none_of [a]]] source "S5"
      at_least 2 of [a, b > 1, c < 3%] and the rest within 3x
      at_least 1 of [a]
      pass_rate > 1
      latest(f) <= 90% and mean(f, 3) > 1.50
      not not a
      f() source "S10"
      --d < 2020-01-01
    }
    section nested {
      item i2 { a }
    }
  }
  basic "基本" {
    item v1 { a }
  }
  basic named {}
  item top applies when b > 2 { b < 5 }

  levels lv: A > B > C, below D label zh "级" source "S6" tier A {
    /// row doc
    b <= [1, 2, 3] label en "row" source "S7"
    grp_in "组" label en "g" {
      /// inner row doc
      c >= [90%, 80%, 70%]
    }
    1 + d > [1, 2, 3]
  }
  levels num: 1 > 2, below 3 {}

  score s1 out_of 100 label zh "分" = 40% a + 60% b
  score s2 = b * 2 + 1
  score s3 {
    start 100
    cap 20
    deduct 1 per b at_most 5 source "S8"
    deduct 0.5 per c source "S11"
    floor 0
  }
  score s4 {}
  grade gr from s1 label en "grade" {
    /// band doc
    excellent "优" label en "excellent" when >= 90 and < 100.0
    good when > 80
    below "差" otherwise
  }
  rank by s1 desc, then s2 asc, then b
  rank by s1

  example "ex one" {
    as_of 2020-06-01
    given a = true, b = 3, c = 17.60%, d = 2020-01-01, e = x, f = [1, -2.5, 3%], g = []
    expect outcome = pass, item i1 = fail, exceedance(lv) = 1.96 rounded 2, exceedance(lv, C) = -1,
           lv = D, s1 = 3.10
  }
  example "empty" {}

  change item s1.i1 "新" label zh "改" clause "6" { b > 4 }
  change item top source "S9"
  remove item s1.i1
  remove section s1.nested
  // end of standard block
}  // after close
// trailer
"#;

#[test]
fn every_construct_round_trips() {
    let out = fmt(EVERYTHING);
    assert_eq!(out, EVERYTHING_FORMATTED);
    assert_eq!(fmt(EVERYTHING_FORMATTED), EVERYTHING_FORMATTED);
}

// ---------------------------------------------------------------------------------------------- comments

const COMMENTS: &str = r#"// c01 header
/// doc
// c02 between doc and standard
standard x // c03 after standard id
{ // c04 open
  // c05 before version
  version "1" // c06 trailing version
  /// input doc
  // c07 between doc and input
  input a: percent // c08 inside input
    label zh "甲" // c09 trailing input
  group g { // c10 group open
    input b: bool // c11
    // c12 group end
  } // c13 after group
  let l = a > 1 and // c14 inside expr
    b // c15 trailing let
  item i { a > 1 } // c16
  item j "x" // c17 item header
    clause "1" { // c18 item open
    a > 1 // c19
    // c20 before b
    b source "s" // c21
    // c22 end of item
  }
  item k { a // c23
  }
  section s { // c24
    item m { b } // c25
    // c26
  }
  levels lv: A > B, below C {
    // c27
    a <= [1, 2] // c28
    grp { // c29
      a <= [1, 2]
      // c30
    }
  }
  score sc { // c31
    deduct 1 per a // c32
    // c33
    start 100 // c34
    floor 0
    // c35
  }
  grade gr from sc {
    // c36
    good when >= 1 // c37
    bad otherwise
    // c38
  }
  example "e" { // c39
    expect sc = 1 // c40
    // c41
    given a = 1%, // c42
      b = true // c43
    as_of 2020-01-01 // c44
    given x = 2 // c45
    // c46
  }
  rank by sc // c47
  // c48 end
  version "// not a comment" // c51
} // c49
// c50
"#;

const COMMENTS_FORMATTED: &str = r#"// c01 header
// c02 between doc and standard
// c03 after standard id
/// doc
standard x {  // c04 open
  // c05 before version
  version "1"  // c06 trailing version

  // c07 between doc and input
  // c08 inside input
  /// input doc
  input a: percent
    label zh "甲"  // c09 trailing input
  group g {  // c10 group open
    input b: bool  // c11
    // c12 group end
  }  // c13 after group

  // c14 inside expr
  let l = a > 1 and b  // c15 trailing let

  item i { a > 1 }  // c16
  // c17 item header
  item j "x" clause "1" {  // c18 item open
    a > 1  // c19
    // c20 before b
    b source "s"  // c21
    // c22 end of item
  }
  item k {
    a  // c23
  }
  section s {  // c24
    item m { b }  // c25
    // c26
  }

  levels lv: A > B, below C {
    // c27
    a <= [1, 2]  // c28
    grp {  // c29
      a <= [1, 2]
      // c30
    }
  }

  score sc {  // c31
    // c33
    start 100  // c34
    deduct 1 per a  // c32
    floor 0
    // c35
  }
  grade gr from sc {
    // c36
    good when >= 1  // c37
    bad otherwise
    // c38
  }

  example "e" {  // c39
    as_of 2020-01-01  // c44
    // c41
    // c42
    // c43
    given a = 1%, b = true, x = 2  // c45
    expect sc = 1  // c40
    // c46
  }

  rank by sc  // c47

  // c48 end
  version "// not a comment"  // c51
}  // c49
// c50
"#;

#[test]
fn comments_are_kept_and_placed() {
    let out = fmt(COMMENTS);
    assert_markers_kept(COMMENTS, &out);
    assert_eq!(out, COMMENTS_FORMATTED);
}

#[test]
fn comment_kinds() {
    let src = "// header\nstandard s {\n  input a: bool // trailing\n  // leading\n  item i { a }\n  // end of block\n}\n";
    assert_eq!(fmt(src), "// header\nstandard s {\n  input a: bool  // trailing\n\n  // leading\n  item i { a }\n  // end of block\n}\n");
}

#[test]
fn comment_in_expression_moves_before_its_statement() {
    let src = "standard s {\n  item i {\n    a and // why\n      b\n  }\n}\n";
    assert_eq!(
        fmt(src),
        "standard s {\n  item i {\n    // why\n    a and b\n  }\n}\n"
    );
}

#[test]
fn comments_in_empty_blocks() {
    let src = "standard s { // open\n  group g {\n    // nothing yet\n  }\n  example \"e\" { // todo\n  }\n}\n";
    assert_eq!(
        fmt(src),
        "standard s {  // open\n  group g {\n    // nothing yet\n  }\n\n  example \"e\" {  // todo\n  }\n}\n"
    );
}

#[test]
fn comments_of_merged_given_statements() {
    let src = "standard s {\n  example \"e\" {\n    given a = 1 // one\n    // two\n    given b = 2 // three\n  }\n}\n";
    assert_eq!(fmt(src), "standard s {\n  example \"e\" {\n    // one\n    // two\n    given a = 1, b = 2  // three\n  }\n}\n");
}

#[test]
fn crlf_and_trailing_spaces_in_comments() {
    let src = "// head  \r\nstandard s {\r\n  input a: bool // t \r\n}\r\n";
    assert_eq!(
        fmt(src),
        "// head\nstandard s {\n  input a: bool  // t\n}\n"
    );
}

#[test]
fn byte_order_mark_and_ideographic_spaces() {
    let src = "\u{FEFF}standard s {\u{3000}input a: bool\u{3000}// c\n}";
    assert_eq!(fmt(src), "standard s {\n  input a: bool  // c\n}\n");
}

#[test]
fn slashes_in_strings_are_not_comments() {
    let src = "standard s { version \"http://x // y\" }";
    assert_eq!(fmt(src), "standard s {\n  version \"http://x // y\"\n}\n");
}

// ---------------------------------------------------------------------------------------------- layout details

#[test]
fn long_heads_lists_and_givens_wrap() {
    let src = r#"standard demo {
  input covert_inspection_passed: bool
  item very_long_item_name "一个很长的中文标签用来测试换行" label zh "一个很长的中文标签" en "A long English label" clause "4.2.1" source "GB/T 27772-2011" tier A applies when covert_inspection_passed { covert_inspection_passed }
  item lists { all_of [covert_inspection_passed, covert_inspection_passed, any_of [covert_inspection_passed, covert_inspection_passed, covert_inspection_passed], none_of [covert_inspection_passed]] }
  let x = at_least 2 of [covert_inspection_passed, covert_inspection_passed, covert_inspection_passed, covert_inspection_passed] and the rest within 1.50x
  example "long" {
    given covert_inspection_passed = true, covert_inspection_passed = false, covert_inspection_passed = true, covert_inspection_passed = true
    expect outcome = pass
  }
}
"#;
    let expected = r#"standard demo {
  input covert_inspection_passed: bool

  item very_long_item_name "一个很长的中文标签用来测试换行"
      label zh "一个很长的中文标签" en "A long English label"
      clause "4.2.1"
      source "GB/T 27772-2011" tier A
      applies when covert_inspection_passed {
    covert_inspection_passed
  }
  item lists {
    all_of [
      covert_inspection_passed,
      covert_inspection_passed,
      any_of [covert_inspection_passed, covert_inspection_passed, covert_inspection_passed],
      none_of [covert_inspection_passed]
    ]
  }

  let x = at_least 2 of [
    covert_inspection_passed,
    covert_inspection_passed,
    covert_inspection_passed,
    covert_inspection_passed
  ] and the rest within 1.50x

  example "long" {
    given covert_inspection_passed = true, covert_inspection_passed = false,
          covert_inspection_passed = true, covert_inspection_passed = true
    expect outcome = pass
  }
}
"#;
    assert_eq!(fmt(src), expected);
}

#[test]
fn numbers_keep_their_scale_and_strings_are_escaped() {
    let src = "standard s { input a: percent range 0.00%..100.0% let x = a * 1.500 + 007 title en \"tab\there \\\"q\\\" \\\\ \\n\" }";
    let out = fmt(src);
    assert!(out.contains("range 0.00%..100.0%"), "{out}");
    assert!(out.contains("let x = a * 1.500 + 7"), "{out}");
    assert!(out.contains(r#"title en "tab\there \"q\" \\ \n""#), "{out}");
}

#[test]
fn empty_standard_and_blocks() {
    assert_eq!(fmt("standard s{}"), "standard s {}\n");
    assert_eq!(
        fmt("standard s{item i{} section t{} basic{}}"),
        "standard s {\n  item i {}\n  section t {}\n  basic {}\n}\n"
    );
}

#[test]
fn rank_direction_only_when_written() {
    let src = "standard s { rank by a, then b desc then c asc }";
    assert_eq!(
        fmt(src),
        "standard s {\n  rank by a, then b desc, then c asc\n}\n"
    );
}

#[test]
fn total_cap_goes_before_the_rules() {
    // A `cap` after a rule without its own cap or source would be read as that rule's cap.
    let src = "standard s { score t { cap 5 deduct 1 per a start 10 } }";
    assert_eq!(
        fmt(src),
        "standard s {\n  score t {\n    start 10\n    cap 5\n    deduct 1 per a\n  }\n}\n"
    );
}

#[test]
fn at_least_keeps_pass_only_before_a_name_pass() {
    // `pass` is a whole word: `passed` after `at_least … [a]` is a name, not `pass` + `ed`.
    let out = fmt("standard s { item i { at_least 1 of [a] passed } }");
    assert!(out.contains("at_least 1 of [a]\n    passed\n"), "{out}");
    // A condition named exactly `pass` needs the keyword kept, or it would be swallowed.
    let out = fmt("standard s { item i { at_least 1 of [a] pass pass } grade g from x { a when >= at_least 1 of [b] pass pass otherwise } }");
    assert!(out.contains("at_least 1 of [a] pass\n    pass\n"), "{out}");
    assert!(
        out.contains("at_least 1 of [b] pass\n    pass otherwise\n"),
        "{out}"
    );
    // Without a following `pass` name, the optional keyword is dropped.
    assert_eq!(
        fmt("standard s { item i { at_least 1 of [a] pass } }"),
        "standard s {\n  item i { at_least 1 of [a] }\n}\n"
    );
}

#[test]
fn effective_review_and_overlays() {
    // Every declaration fits on one line: a compact document, without blank lines between kinds.
    let src = "standard s extends base version \"1\" { effective from 2020-01-01 review every 1 year rectify within 2 years change item a.b remove section c }";
    assert_eq!(
        fmt(src),
        "standard s extends base version \"1\" {\n  effective 2020-01-01\n  review every 1 year, rectify within 2 years\n  change item a.b\n  remove section c\n}\n"
    );
}

#[test]
fn docs_everywhere() {
    let src = "/// top\n//////////\nstandard s {\n/// m\ninput a: bool\ngroup g {\n/// gm\ninput b: bool }\nsection t {\n/// sm\nitem i { a } }\nlevels l: A, below B {\n/// row\na <= [1]\n/// grp\ng { /// inner\n a <= [2] } }\ngrade d from x {\n/// band\nA otherwise } }";
    let out = fmt(src);
    for d in [
        "/// top\n//////////\nstandard",
        "  /// m\n  input a",
        "    /// gm\n    input b",
        "    /// sm\n    item i",
        "    /// row\n    a <= [1]",
        "    /// grp\n    g {",
        "      /// inner\n      a <= [2]",
        "    /// band\n    A otherwise",
    ] {
        assert!(out.contains(d), "{d:?} in\n{out}");
    }
}

#[test]
fn comments_between_keywords_and_inside_pairs() {
    let src = r#"standard s extends // c01
  base version "1" {
  levels lv: A > // c02
    B, below C label // c03
    en "x" {
    a <= // c04
      [1, 2] source "s" // c05
  }
  score w = 40% // c06
    a + 60% b // c07
  score d {
    start // c08
      100
    deduct 1 // c09
      per a
  }
  grade g from w {
    good when >= 1 and // c10
      < 2 // c11
    bad otherwise
  }
  example "e" {
    as_of // c12
      2020-01-01
    given a = // c13
      1, b = 2
    expect // c14
      x = 1 // c15
  }
  input i: percent // c16
    range 0..1 label en "i" // c17
  item j "J" // c18
    clause "1" applies when a and // c19
      b { a }
  rank by a // c20
    desc, then // c21
    b
}
"#;
    let out = fmt(src);
    assert_markers_kept(src, &out);
}

#[test]
fn and_then_the_is_refused_with_or_without_a_comment_between() {
    // `and the rest within` belongs to `at_least`, so a value named `the` cannot follow `and`; a comment
    // between the two words changes nothing.
    assert!(yardstick_syntax::format("standard s { item i { a and the } }").is_err());
    assert!(yardstick_syntax::format("standard s { item i { a and // c\n the } }").is_err());
}

#[test]
fn a_threshold_may_carry_its_own_comparator() {
    let src = "standard s { levels g: 0 > 1 > 2, below 3 { bi <= [<5, 10,20] } }";
    let out = fmt(src);
    assert_eq!(
        out,
        "standard s {\n  levels g: 0 > 1 > 2, below 3 {\n    bi <= [< 5, 10, 20]\n  }\n}\n"
    );
    assert_eq!(
        yardstick_syntax::parse(&out).unwrap(),
        yardstick_syntax::parse(src).unwrap()
    );
}

#[test]
fn change_before_a_score_grade_or_ladder_round_trips() {
    let src = "standard o extends b version \"1\" { change score total = 30% covert + 70% overt change grade rating from total { good when >= 900 fair otherwise } change levels lv: A > B, below C { x <= [1, 2] } }";
    let out = fmt(src);
    assert!(
        out.contains("  change score total = 30% covert + 70% overt\n"),
        "{out}"
    );
    assert!(
        out.contains("  change grade rating from total {\n"),
        "{out}"
    );
    assert!(
        out.contains("  change levels lv: A > B, below C {\n"),
        "{out}"
    );
    assert_eq!(
        yardstick_syntax::parse(&out).unwrap(),
        yardstick_syntax::parse(src).unwrap()
    );
    assert_eq!(fmt(&out), out);
}
