#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The analysis, as data: every document of `tests/corpus/` names the behaviour it checks on its first
//! line (`// check: hover`), marks the places asked about with `⟨1⟩`, `⟨2⟩`, … (removed before the text
//! is analysed) and, for a rename, the new name (`// rename to: NAME`). The answers are rendered as text
//! and snapshotted (`tests/snapshots/`, `INSTA_UPDATE=always` to accept). The library is the shipped
//! standards, read under their names in the repository (`standards/cn/…`), so `use` and `extends`
//! resolve as they do in an editor opened on this repository.

use std::path::{Path, PathBuf};
use yardstick_ide::{Analysis, Lang, LineIndex, TextEdit, TextRange};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn yard_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            yard_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yard") {
            out.push(p);
        }
    }
}

/// The shipped standards, named as in the repository.
pub fn shipped() -> yardstick::Library {
    let mut lib = yardstick::Library::new();
    let mut files = Vec::new();
    yard_files(&repo().join("standards"), &mut files);
    files.sort();
    for f in files {
        let name = f
            .strip_prefix(repo())
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect::<Vec<_>>()
            .join("/");
        let read = lib.add_bytes(&name, &std::fs::read(&f).unwrap());
        assert!(read.is_ok(), "{name}");
    }
    lib
}

struct Case {
    name: String,
    file: String,
    text: String,
    marks: Vec<usize>,
    rename_to: Option<String>,
}

/// The corpus documents that check `behaviour`.
fn cases(behaviour: &str) -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(&f).unwrap();
        if raw.lines().next() != Some(&format!("// check: {behaviour}")) {
            continue;
        }
        let mut text = String::new();
        let mut marks = Vec::new();
        let mut rest = raw.as_str();
        while let Some(k) = rest.find('⟨') {
            text.push_str(&rest[..k]);
            let after = &rest[k + '⟨'.len_utf8()..];
            let close = after.find('⟩').expect("a `⟨` without its `⟩`");
            let n: usize = after[..close].parse().unwrap();
            if marks.len() < n {
                marks.resize(n, usize::MAX);
            }
            marks[n - 1] = text.len();
            rest = &after[close + '⟩'.len_utf8()..];
        }
        text.push_str(rest);
        assert!(
            marks.iter().all(|&m| m != usize::MAX),
            "marks ⟨1⟩ … ⟨N⟩ in {f:?}"
        );
        let rename_to = raw
            .lines()
            .find_map(|l| l.strip_prefix("// rename to: "))
            .map(str::to_string);
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        out.push(Case {
            file: format!("corpus/{name}.yard"),
            name,
            text,
            marks,
            rename_to,
        });
    }
    assert!(!out.is_empty(), "no corpus document checks {behaviour}");
    out
}

fn open(case: &Case, lang: Lang) -> Analysis {
    let mut a = Analysis::new(shipped(), lang);
    a.open(&case.file, &case.text).unwrap();
    a
}

fn place(a: &Analysis, file: &str, r: TextRange) -> String {
    let text = a.text(file).unwrap_or("");
    let ix = LineIndex::new(text);
    let s = ix.line_col(text, r.start);
    let e = ix.line_col(text, r.end);
    format!(
        "{file}:{}:{}-{}:{} `{}`",
        s.line + 1,
        s.col + 1,
        e.line + 1,
        e.col + 1,
        text.get(r.start..r.end).unwrap_or("")
    )
}

fn mark(a: &Analysis, case: &Case, k: usize) -> String {
    let at = case.marks[k];
    let text = a.text(&case.file).unwrap();
    let ix = LineIndex::new(text);
    let p = ix.line_col(text, at);
    let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
    format!(
        "── ⟨{}⟩ at {}:{}: {}‸{}",
        k + 1,
        p.line + 1,
        p.col + 1,
        text[line_start..at].trim_start(),
        &text[at..line_end]
    )
}

fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut out = text.to_string();
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for e in sorted {
        out.replace_range(e.range.start..e.range.end, &e.new_text);
    }
    out
}

fn each_mark(behaviour: &str, lang: Lang, answer: impl Fn(&mut Analysis, &Case, usize) -> String) {
    for case in cases(behaviour) {
        let mut a = open(&case, lang);
        let mut out = String::new();
        for k in 0..case.marks.len() {
            out.push_str(&mark(&a, &case, k));
            out.push('\n');
            out.push_str(answer(&mut a, &case, case.marks[k]).trim_end());
            out.push_str("\n\n");
        }
        insta::assert_snapshot!(format!("{behaviour}__{}", case.name), out);
    }
}

fn whole(behaviour: &str, lang: Lang, answer: impl Fn(&mut Analysis, &Case) -> String) {
    for case in cases(behaviour) {
        let mut a = open(&case, lang);
        insta::assert_snapshot!(format!("{behaviour}__{}", case.name), answer(&mut a, &case));
    }
}

#[test]
fn diagnostics() {
    for lang in [Lang::En, Lang::Zh] {
        whole(
            &format!("diagnostics-{}", if lang == Lang::En { "en" } else { "zh" }),
            lang,
            |a, c| {
                let mut out = String::new();
                for d in a.diagnostics(&c.file).unwrap() {
                    out.push_str(&format!(
                        "{:?} {} at {}\n  {}\n",
                        d.severity,
                        d.code,
                        place(a, &c.file, d.range),
                        d.message.replace('\n', "\n  ")
                    ));
                    if let Some(r) = &d.replacement {
                        out.push_str(&format!("  fix: `{r}`\n"));
                    }
                    for r in &d.related {
                        out.push_str(&format!(
                            "  related: {} {}\n",
                            place(a, &r.file, r.range),
                            r.message
                        ));
                    }
                }
                out
            },
        );
    }
}

#[test]
fn code_actions() {
    each_mark("code-actions", Lang::En, |a, c, at| {
        let actions = a
            .code_actions(&c.file, TextRange { start: at, end: at })
            .unwrap();
        let mut out = String::new();
        if actions.is_empty() {
            out.push_str("(no fix here)");
        }
        for x in &actions {
            out.push_str(&format!("{} [{}]\n", x.title, x.code));
        }
        if let Some(first) = actions.first() {
            let fixed = apply(a.text(&c.file).unwrap(), std::slice::from_ref(&first.edit));
            let line = fixed[..first.edit.range.start]
                .rfind('\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            let end = fixed[first.edit.range.start..]
                .find('\n')
                .map(|i| first.edit.range.start + i)
                .unwrap_or(fixed.len());
            out.push_str(&format!("after the first: {}\n", fixed[line..end].trim()));
            a.change(&c.file, &[(None, fixed)]).unwrap();
            let left: Vec<String> = a
                .diagnostics(&c.file)
                .unwrap()
                .iter()
                .map(|d| d.code.clone())
                .collect();
            out.push_str(&format!("then: {left:?}\n"));
            a.change(&c.file, &[(None, c.text.clone())]).unwrap();
        }
        out
    });
}

#[test]
fn hover() {
    each_mark("hover", Lang::En, |a, c, at| match a.hover(&c.file, at) {
        Some(h) => format!("[{}]\n{}", place(a, &c.file, h.range), h.markdown),
        None => "(nothing)".into(),
    });
}

#[test]
fn hover_in_chinese() {
    each_mark("hover-zh", Lang::Zh, |a, c, at| {
        match a.hover(&c.file, at) {
            Some(h) => h.markdown,
            None => "(nothing)".into(),
        }
    });
}

#[test]
fn definition() {
    each_mark("definition", Lang::En, |a, c, at| {
        let d = a.definition(&c.file, at);
        if d.is_empty() {
            return "(nothing)".into();
        }
        d.iter()
            .map(|l| place(a, &l.file, l.range))
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn references() {
    each_mark("references", Lang::En, |a, c, at| {
        let d = a.references(&c.file, at, true);
        if d.is_empty() {
            return "(nothing)".into();
        }
        d.iter()
            .map(|l| place(a, &l.file, l.range))
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn completion() {
    each_mark("completion", Lang::En, |a, c, at| {
        let items = a.completion(&c.file, at);
        let mut out = String::new();
        for i in &items {
            out.push_str(&format!(
                "{} ({:?}) {} ⟦{}⟧\n",
                i.label,
                i.kind,
                i.detail,
                a.text(&c.file)
                    .unwrap()
                    .get(i.replace.start..i.replace.end)
                    .unwrap_or("")
            ));
        }
        if out.is_empty() {
            out.push_str("(nothing)");
        }
        out
    });
}

#[test]
fn symbols() {
    fn render(out: &mut String, s: &yardstick_ide::DocumentSymbol, depth: usize) {
        out.push_str(&format!(
            "{}{} {:?} — {}\n",
            "  ".repeat(depth),
            s.name,
            s.kind,
            s.detail
        ));
        for c in &s.children {
            render(out, c, depth + 1);
        }
    }
    whole("symbols", Lang::En, |a, c| {
        let mut out = String::new();
        for s in a.symbols(&c.file) {
            render(&mut out, &s, 0);
        }
        out
    });
}

#[test]
fn format() {
    whole("format", Lang::En, |a, c| match a.format(&c.file) {
        None => "(does not parse)".into(),
        Some(e) if e.is_empty() => "(already formatted)".into(),
        Some(e) => apply(a.text(&c.file).unwrap(), &e),
    });
}

#[test]
fn rename() {
    each_mark("rename", Lang::En, |a, c, at| {
        let to = c.rename_to.as_deref().unwrap();
        let prepared = match a.prepare_rename(&c.file, at) {
            Ok(r) => place(a, &c.file, r),
            Err(e) => format!("refused: {} [{}]", e.msg.en, e.code),
        };
        match a.rename(&c.file, at, to) {
            Ok(edits) => {
                let text = a.text(&c.file).unwrap();
                let after = apply(text, &edits);
                let changed: Vec<String> = text
                    .lines()
                    .zip(after.lines())
                    .filter(|(x, y)| x != y)
                    .map(|(_, y)| format!("  {}", y.trim()))
                    .collect();
                format!(
                    "prepare: {prepared}\n{} edits:\n{}",
                    edits.len(),
                    changed.join("\n")
                )
            }
            Err(e) => format!(
                "prepare: {prepared}\nrefused: {} / {} [{}]",
                e.msg.en, e.msg.zh, e.code
            ),
        }
    });
}

#[test]
fn semantic_tokens() {
    whole("tokens", Lang::En, |a, c| {
        let text = a.text(&c.file).unwrap().to_string();
        a.semantic_tokens(&c.file)
            .iter()
            .map(|t| {
                format!(
                    "{} {:?}{}",
                    &text[t.range.start..t.range.end],
                    t.kind,
                    if t.declaration { " (declared)" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}
