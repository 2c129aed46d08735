#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `yardstick lsp` driven as an editor drives it: the binary spawned, messages framed on its standard
//! input and output. The workspace is this repository (so `use` and `extends` resolve in its
//! `standards/`); the documents are shipped standards and a document with errors.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

struct Client {
    child: Child,
    stdin: ChildStdin,
    from: Receiver<Value>,
    next: i64,
    /// Notifications received, in order.
    notes: Vec<Value>,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.display().to_string().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

impl Client {
    fn start(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yardstick"))
            .arg("lsp")
            .args(args)
            .env_remove("YARDSTICK_STANDARDS")
            .current_dir(std::env::temp_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, from) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = Some(v.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; len.unwrap()];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            from,
            next: 1,
            notes: Vec::new(),
        }
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The whole response to a request (its `result` or its `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self
                .from
                .recv_timeout(Duration::from_secs(60))
                .expect("no answer from yardstick lsp");
            if m.get("id") == Some(&json!(id)) {
                return m;
            }
            self.notes.push(m);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let m = self.call(method, params);
        assert!(m.get("error").is_none(), "{method}: {m}");
        m["result"].clone()
    }

    /// The last diagnostics published for `uri` (a round trip first, so every notification sent
    /// before it has arrived).
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        self.call("yardstick/unknown", json!({}));
        self.notes
            .iter()
            .rev()
            .find(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
            .map(|n| n["params"]["diagnostics"].as_array().unwrap().clone())
            .expect("no diagnostics published")
    }

    fn initialize(&mut self, root: &Path) -> Value {
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "capabilities": {},
                "workspaceFolders": [{"uri": uri(root), "name": "yardstick"}],
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yard", "version": 1, "text": text}}),
        );
    }

    /// Shut down and exit; the exit code.
    fn stop(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        status.code().unwrap()
    }
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// The 0-based line and UTF-16 column of the first `needle` in `text`, plus `into` characters.
fn find(text: &str, needle: &str, into: u32) -> (u32, u32) {
    let k = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let line = text[..k].matches('\n').count() as u32;
    let start = text[..k].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = text[start..k].encode_utf16().count() as u32;
    (line, col + into)
}

const ERRORS: &str = "standard demo.errors {\n  version \"1\"\n  use cn.phc.four_pests version \"2001\" as pests\n  input satisfaction: percent label zh \"满意率\" en \"residents satisfied\" source \"S1\" tier B\n  basic {\n    item b10 \"满意率\" { satisfacton >= 90% and pests.fly }\n  }\n}\n";

#[test]
fn a_session_over_a_document_with_errors() {
    let root = repo();
    let mut c = Client::start(&["--lang", "en"]);
    let init = c.initialize(&root);
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(init["serverInfo"]["name"], "yardstick");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("errors.yard");
    let doc = uri(&path);
    c.open(&doc, ERRORS);
    // The typo is reported, with its code and fix.
    let d = c.diagnostics(&doc);
    let typo = d.iter().find(|d| d["code"] == "Y0101").expect("Y0101");
    assert_eq!(
        typo["message"],
        "`satisfacton` is not declared\ndid you mean `satisfaction`?"
    );
    assert_eq!(typo["data"]["replacement"], "satisfaction");
    let (line, col) = find(ERRORS, "satisfacton", 0);
    assert_eq!(
        typo["range"]["start"],
        json!({"line": line, "character": col})
    );

    // The quick fix repairs it.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": typo["range"], "context": {"diagnostics": [typo]}}),
    );
    assert_eq!(
        actions[0]["title"],
        "replace `satisfacton` with `satisfaction`"
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    let edit = &actions[0]["edit"]["changes"][&doc][0];
    assert_eq!(edit["newText"], "satisfaction");
    // Applied as the editor applies it: an incremental change.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"range": edit["range"], "text": "satisfaction"}]}),
    );
    let d = c.diagnostics(&doc);
    assert!(d.iter().all(|d| d["code"] != "Y0101"), "{d:?}");
    let fixed = ERRORS.replace("satisfacton", "satisfaction");

    // Hover on the input read in the item: its label and source.
    let (line, col) = find(&fixed, "satisfaction >=", 3);
    let h = c.request("textDocument/hover", at(&doc, line, col));
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("**`satisfaction`** input"), "{md}");
    assert!(md.contains("residents satisfied"), "{md}");
    assert!(md.contains("- source: S1 (tier B)"), "{md}");

    // Hover and definition through the alias, into the used standard's file.
    let (line, col) = find(&fixed, "pests.fly }", 7);
    let h = c.request("textDocument/hover", at(&doc, line, col));
    assert!(h["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("group of inputs"));
    let def = c.request("textDocument/definition", at(&doc, line, col));
    let four_pests = root.join("standards/cn/phc/four-pests-2001.yard");
    assert_eq!(def[0]["uri"], uri(&four_pests));

    // Completion of the used standard's names.
    let typed = fixed.replace("pests.fly }", "pests.fly.fl }");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 3}, "contentChanges": [{"text": typed}]}),
    );
    let (line, col) = find(&typed, "pests.fly.fl }", 12);
    let items = c.request("textDocument/completion", at(&doc, line, col));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"pests.fly.flies_per_positive_room"),
        "{labels:?}"
    );
    assert!(
        labels.iter().all(|l| l.starts_with("pests.fly.")),
        "{labels:?}"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 4}, "contentChanges": [{"text": fixed}]}),
    );

    // Rename the input across the document.
    let (line, col) = find(&fixed, "input satisfaction", 8);
    let prep = c.request("textDocument/prepareRename", at(&doc, line, col));
    assert_eq!(prep["start"], json!({"line": line, "character": col - 2}));
    let mut p = at(&doc, line, col);
    p["newName"] = json!("satisfied");
    let ws = c.request("textDocument/rename", p);
    let edits = ws["changes"][&doc].as_array().unwrap();
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|e| e["newText"] == "satisfied"));
    // A name of the used standard cannot be renamed here: the error says where it is declared.
    let (line, col) = find(&fixed, "pests.fly }", 7);
    let mut p = at(&doc, line, col);
    p["newName"] = json!("x");
    let refused = c.call("textDocument/rename", p);
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("[Y1005]"),
        "{refused}"
    );

    // Formatting gives the canonical layout.
    let f = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": doc}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let formatted = f[0]["newText"].as_str().unwrap();
    assert_eq!(yardstick::format(formatted).unwrap(), formatted);

    // Symbols and highlighting.
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": doc}}),
    );
    assert_eq!(syms[0]["name"], "demo.errors");
    let toks = c.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": doc}}),
    );
    assert_eq!(toks["data"].as_array().unwrap().len() % 5, 0);
    assert!(!toks["data"].as_array().unwrap().is_empty());

    // A syntax slip is reported as it is typed, with its fix.
    let slip = fixed.replace("satisfaction >= 90%", "satisfaction ≥ 90%");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 5}, "contentChanges": [{"text": slip}]}),
    );
    let d = c.diagnostics(&doc);
    assert_eq!(d[0]["code"], "Y0003");
    assert_eq!(d[0]["data"]["replacement"], ">=");

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc}}),
    );
    assert_eq!(c.diagnostics(&doc), Vec::<Value>::new());
    assert_eq!(c.stop(), 0);
}

#[test]
fn every_shipped_standard_opens_clean_and_answers() {
    let root = repo();
    let mut c = Client::start(&["--lang", "zh"]);
    c.initialize(&root);
    let mut files = Vec::new();
    let mut stack = vec![root.join("standards")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yard") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 10);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let u = uri(f);
        c.open(&u, &text);
        let d = c.diagnostics(&u);
        assert!(d.iter().all(|d| d["severity"] != 1), "{f:?}: {d:?}");
        // Formatting: the shipped standards are already in the canonical layout.
        let fmt = c.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": u}, "options": {"tabSize": 2, "insertSpaces": true}}),
        );
        assert_eq!(fmt, json!([]), "{f:?}");
        let syms = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        );
        assert!(!syms.as_array().unwrap().is_empty());
        // Hover on the first input of each standard that declares one: its label in Chinese.
        if let Some(k) = text.find("\n  input ") {
            let (line, col) = find(&text[k + 1..], "input ", 7);
            let line = line + text[..k + 1].matches('\n').count() as u32;
            let h = c.request("textDocument/hover", at(&u, line, col));
            let md = h["contents"]["value"].as_str().unwrap_or("");
            assert!(md.contains("输入项"), "{f:?}: {md}");
        }
        c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    }
    // The overlay's change of a base item goes to the base's declaration.
    let national = root.join("standards/cn/sanitary-city/provincial-seed.yard");
    let text = std::fs::read_to_string(&national).unwrap();
    let u = uri(&national);
    c.open(&u, &text);
    let (line, col) = find(&text, "change item ", 12);
    let def = c.request("textDocument/definition", at(&u, line, col));
    assert_eq!(
        def[0]["uri"],
        uri(&root.join("standards/cn/sanitary-city/national-pre2014.yard"))
    );
    assert_eq!(c.stop(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut c = Client::start(&[]);
    c.initialize(&repo());
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
}

#[test]
fn a_standards_folder_that_does_not_exist_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(["lsp", "--standards", "/no/such/folder", "--lang", "en"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Y0809"));
}

#[test]
fn a_workspace_reached_through_a_link_finds_its_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    std::os::unix::fs::symlink(repo(), &ws).unwrap();
    let mut c = Client::start(&["--lang", "en"]);
    c.initialize(&ws);
    let f = ws.join("standards/cn/vector/fly-2011.yard");
    let u = uri(&f);
    c.open(&u, &std::fs::read_to_string(&f).unwrap());
    // Published to the URI the editor opened, and no "defined twice" (Y0102): the open document took
    // the place of the folder's copy.
    let d = c.diagnostics(&u);
    assert!(d.iter().all(|d| d["code"] != "Y0102"), "{d:?}");
    assert_eq!(c.stop(), 0);
}
