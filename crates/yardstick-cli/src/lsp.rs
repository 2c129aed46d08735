//! `yardstick lsp`: the editor support of `yardstick-ide` over the Language Server Protocol, on standard
//! input and output (lsp-server's synchronous loop: one message at a time). Incremental text sync;
//! diagnostics are published for every open document after each change; `use` and `extends` resolve
//! in the library: `--standards DIR` or `$YARDSTICK_STANDARDS` when given, else the workspace folder's
//! `standards/` (or the folder itself when it holds `.yard` files), else the standards built in.
//! docs/editors.md says what it answers and its limits.

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lt;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use yardstick::{Lang, Library};
use yardstick_ide::{Analysis, IdeError, LineCol, LineIndex, TextRange, TokenKind};

/// Where the library comes from, before the client names its workspace.
pub(crate) enum LspLibrary {
    /// `--standards DIR` or `$YARDSTICK_STANDARDS`.
    Dir(PathBuf),
    /// The workspace folder's, else the built-in standards.
    Workspace,
}

/// Run the server until the client says `exit`; the exit code is 0 after a `shutdown`, 1 without.
pub(crate) fn run(library: LspLibrary, lang: Lang) -> Result<bool, String> {
    let (connection, io) = Connection::stdio();
    let ok = serve(&connection, library, lang)?;
    drop(connection);
    io.join().map_err(|e| e.to_string())?;
    Ok(ok)
}

fn capabilities() -> serde_json::Value {
    let legend = lt::SemanticTokensLegend {
        token_types: TokenKind::ALL
            .iter()
            .map(|k| lt::SemanticTokenType::new(k.lsp_name()))
            .collect(),
        token_modifiers: vec![lt::SemanticTokenModifier::DECLARATION],
    };
    let caps = lt::ServerCapabilities {
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(
                [".", "\"", " ", "[", ":"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
            ..Default::default()
        }),
        definition_provider: Some(lt::OneOf::Left(true)),
        references_provider: Some(lt::OneOf::Left(true)),
        document_symbol_provider: Some(lt::OneOf::Left(true)),
        document_formatting_provider: Some(lt::OneOf::Left(true)),
        rename_provider: Some(lt::OneOf::Right(lt::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(lt::CodeActionProviderCapability::Options(
            lt::CodeActionOptions {
                code_action_kinds: Some(vec![lt::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        semantic_tokens_provider: Some(
            lt::SemanticTokensServerCapabilities::SemanticTokensOptions(
                lt::SemanticTokensOptions {
                    legend,
                    full: Some(lt::SemanticTokensFullOptions::Bool(true)),
                    range: None,
                    work_done_progress_options: Default::default(),
                },
            ),
        ),
        ..Default::default()
    };
    serde_json::json!({
        "capabilities": caps,
        "serverInfo": { "name": "yardstick", "version": env!("CARGO_PKG_VERSION") },
    })
}

/// The folder of a `file:` URI.
fn uri_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// The `file:` URI of a path.
fn path_uri(path: &str) -> String {
    let mut s = String::from("file://");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// The name a document has in the analysis: its path for a `file:` URI, with links resolved as the
/// library's folder was (so a workspace reached through a link still finds its files), else the URI
/// itself.
fn doc_name(uri: &lt::Uri) -> String {
    match uri_path(uri.as_str()) {
        Some(p) => p.canonicalize().unwrap_or(p).display().to_string(),
        None => uri.as_str().to_string(),
    }
}

/// The URI of a document named in the analysis.
fn name_uri(name: &str) -> Option<lt::Uri> {
    let s = if name.starts_with('/') {
        path_uri(name)
    } else if name.contains(':') {
        name.to_string()
    } else {
        // A built-in standard (`standards/cn/…`): no file to show.
        return None;
    };
    lt::Uri::from_str(&s).ok()
}

fn has_yard(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "yard"))
        })
        .unwrap_or(false)
}

fn load(library: &LspLibrary, roots: &[PathBuf]) -> (Library, HashSet<String>) {
    let dir = match library {
        LspLibrary::Dir(d) => Some(d.clone()),
        LspLibrary::Workspace => roots.iter().find_map(|r| {
            let s = r.join("standards");
            if s.is_dir() {
                Some(s)
            } else if has_yard(r) {
                Some(r.clone())
            } else {
                None
            }
        }),
    };
    let mut lib = Library::new();
    match dir {
        Some(d) => {
            let d = d.canonicalize().unwrap_or(d);
            let _ = lib.load_dir_report(&d);
        }
        None => {
            for (name, bytes) in crate::embedded::DOCUMENTS {
                lib.add_bytes(name, bytes);
            }
        }
    }
    let on_disk = lib
        .files()
        .iter()
        .filter(|f| f.starts_with('/'))
        .map(|s| s.to_string())
        .collect();
    (lib, on_disk)
}

struct Server<'c> {
    conn: &'c Connection,
    a: Analysis,
    /// The library's documents read from disk (restored from disk when closed).
    on_disk: HashSet<String>,
    /// The URI each open document was opened with (its name may be the path with links resolved).
    uris: std::collections::HashMap<String, lt::Uri>,
}

fn range_of(text: &str, ix: &LineIndex, r: TextRange) -> lt::Range {
    let s = ix.line_col(text, r.start);
    let e = ix.line_col(text, r.end);
    lt::Range {
        start: lt::Position {
            line: s.line,
            character: s.col,
        },
        end: lt::Position {
            line: e.line,
            character: e.col,
        },
    }
}

fn offset_of(text: &str, ix: &LineIndex, p: lt::Position) -> usize {
    ix.offset(
        text,
        LineCol {
            line: p.line,
            col: p.character,
        },
    )
}

fn serve(conn: &Connection, library: LspLibrary, lang: Lang) -> Result<bool, String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let mut roots: Vec<PathBuf> = params
        .get("workspaceFolders")
        .and_then(|f| f.as_array())
        .map(|fs| {
            fs.iter()
                .filter_map(|f| f.get("uri")?.as_str().and_then(uri_path))
                .collect()
        })
        .unwrap_or_default();
    if roots.is_empty() {
        if let Some(p) = params
            .get("rootUri")
            .and_then(|u| u.as_str())
            .and_then(uri_path)
        {
            roots.push(p);
        }
    }
    conn.initialize_finish(id, capabilities())
        .map_err(|e| e.to_string())?;
    let (lib, on_disk) = load(&library, &roots);
    let mut s = Server {
        conn,
        a: Analysis::new(lib, lang),
        on_disk,
        uris: std::collections::HashMap::new(),
    };
    let mut shut = false;
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    shut = true;
                    continue;
                }
                let id = req.id.clone();
                let resp = match s.request(req) {
                    Ok(v) => Response::new_ok(id, v),
                    Err((code, m)) => Response::new_err(id, code as i32, m),
                };
                s.send(Message::Response(resp));
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Ok(shut);
                }
                s.notification(n);
            }
            Message::Response(_) => {}
        }
    }
    Ok(shut)
}

type Answer = Result<serde_json::Value, (ErrorCode, String)>;

fn params<P: serde::de::DeserializeOwned>(req: &Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params.clone())
        .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn json(v: impl serde::Serialize) -> Answer {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

impl Server<'_> {
    fn send(&self, m: Message) {
        let _ = self.conn.sender.send(m);
    }

    fn failed(&self, e: &IdeError) -> (ErrorCode, String) {
        (
            ErrorCode::RequestFailed,
            format!("{} [{}]", e.msg.in_lang(self.a.lang()), e.code),
        )
    }

    /// The text and line index of a document, and its name.
    fn doc(&self, uri: &lt::Uri) -> Option<(String, String, LineIndex)> {
        let name = doc_name(uri);
        let text = self.a.text(&name)?.to_string();
        let ix = LineIndex::new(&text);
        Some((name, text, ix))
    }

    /// The URI of a document: the one it was opened with, else its path's.
    fn uri_of(&self, name: &str) -> Option<lt::Uri> {
        self.uris.get(name).cloned().or_else(|| name_uri(name))
    }

    fn location(&self, l: &yardstick_ide::Location) -> Option<lt::Location> {
        let text = self.a.text(&l.file)?;
        let ix = LineIndex::new(text);
        Some(lt::Location {
            uri: self.uri_of(&l.file)?,
            range: range_of(text, &ix, l.range),
        })
    }

    fn publish(&mut self) {
        let open: Vec<String> = self.a.open_documents().map(str::to_string).collect();
        for name in open {
            let Some(uri) = self.uri_of(&name) else {
                continue;
            };
            let Ok(diags) = self.a.diagnostics(&name) else {
                continue;
            };
            let text = self.a.text(&name).unwrap_or("").to_string();
            let ix = LineIndex::new(&text);
            let diagnostics = diags
                .iter()
                .map(|d| lt::Diagnostic {
                    range: range_of(&text, &ix, d.range),
                    severity: Some(match d.severity {
                        yardstick_ide::Severity::Error => lt::DiagnosticSeverity::ERROR,
                        yardstick_ide::Severity::Warning => lt::DiagnosticSeverity::WARNING,
                    }),
                    code: Some(lt::NumberOrString::String(d.code.clone())),
                    source: Some("yardstick".into()),
                    message: d.message.clone(),
                    related_information: Some(
                        d.related
                            .iter()
                            .filter_map(|r| {
                                Some(lt::DiagnosticRelatedInformation {
                                    location: self.location(&yardstick_ide::Location {
                                        file: r.file.clone(),
                                        range: r.range,
                                    })?,
                                    message: r.message.clone(),
                                })
                            })
                            .collect(),
                    ),
                    data: d
                        .replacement
                        .as_ref()
                        .map(|r| serde_json::json!({ "replacement": r })),
                    ..Default::default()
                })
                .collect();
            let p = lt::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            };
            if let Ok(v) = serde_json::to_value(p) {
                self.send(Message::Notification(Notification::new(
                    "textDocument/publishDiagnostics".into(),
                    v,
                )));
            }
        }
    }

    fn show_error(&self, e: &IdeError) {
        let p = lt::ShowMessageParams {
            typ: lt::MessageType::ERROR,
            message: format!("{} [{}]", e.msg.in_lang(self.a.lang()), e.code),
        };
        if let Ok(v) = serde_json::to_value(p) {
            self.send(Message::Notification(Notification::new(
                "window/showMessage".into(),
                v,
            )));
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<lt::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let name = doc_name(&p.text_document.uri);
                self.uris.insert(name.clone(), p.text_document.uri.clone());
                match self.a.open(&name, &p.text_document.text) {
                    Ok(()) => self.publish(),
                    Err(e) => self.show_error(&e),
                }
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<lt::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let name = doc_name(&p.text_document.uri);
                // Each change's range is in the text the previous one left.
                let mut text = self.a.text(&name).unwrap_or("").to_string();
                let mut changes = Vec::new();
                for c in p.content_changes {
                    match c.range {
                        None => {
                            text.clone_from(&c.text);
                            changes.push((None, c.text));
                        }
                        Some(r) => {
                            let ix = LineIndex::new(&text);
                            let range = TextRange {
                                start: offset_of(&text, &ix, r.start),
                                end: offset_of(&text, &ix, r.end),
                            };
                            if range.start <= range.end {
                                text.replace_range(range.start..range.end, &c.text);
                            }
                            changes.push((Some(range), c.text));
                        }
                    }
                }
                match self.a.change(&name, &changes) {
                    Ok(()) => self.publish(),
                    Err(e) => self.show_error(&e),
                }
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<lt::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                let name = doc_name(&p.text_document.uri);
                let saved = if self.on_disk.contains(&name) {
                    std::fs::read(&name)
                        .ok()
                        .and_then(|b| yardstick::encoding::decode(&b).ok())
                        .map(|d| d.text)
                } else {
                    None
                };
                self.a.close(&name, saved.as_deref());
                if let Some(uri) = self.uris.remove(&name).or_else(|| name_uri(&name)) {
                    let p = lt::PublishDiagnosticsParams {
                        uri,
                        diagnostics: Vec::new(),
                        version: None,
                    };
                    if let Ok(v) = serde_json::to_value(p) {
                        self.send(Message::Notification(Notification::new(
                            "textDocument/publishDiagnostics".into(),
                            v,
                        )));
                    }
                }
                self.publish();
            }
            _ => {}
        }
    }

    #[expect(
        clippy::mutable_key_type,
        reason = "the protocol's WorkspaceEdit is keyed by Uri, whose cached parts clippy takes for mutability"
    )]
    fn request(&mut self, req: Request) -> Answer {
        match req.method.as_str() {
            "textDocument/hover" => {
                let p: lt::HoverParams = params(&req)?;
                let pp = p.text_document_position_params;
                let Some((name, text, ix)) = self.doc(&pp.text_document.uri) else {
                    return json(None::<lt::Hover>);
                };
                let at = offset_of(&text, &ix, pp.position);
                json(self.a.hover(&name, at).map(|h| lt::Hover {
                    contents: lt::HoverContents::Markup(lt::MarkupContent {
                        kind: lt::MarkupKind::Markdown,
                        value: h.markdown,
                    }),
                    range: Some(range_of(&text, &ix, h.range)),
                }))
            }
            "textDocument/completion" => {
                let p: lt::CompletionParams = params(&req)?;
                let pp = p.text_document_position;
                let Some((name, text, ix)) = self.doc(&pp.text_document.uri) else {
                    return json(None::<lt::CompletionResponse>);
                };
                let at = offset_of(&text, &ix, pp.position);
                let items: Vec<lt::CompletionItem> = self
                    .a
                    .completion(&name, at)
                    .into_iter()
                    .map(|c| {
                        use yardstick_ide::CompletionKind as K;
                        let kind = match c.kind {
                            K::Keyword => lt::CompletionItemKind::KEYWORD,
                            K::Type => lt::CompletionItemKind::TYPE_PARAMETER,
                            K::Function => lt::CompletionItemKind::FUNCTION,
                            K::Value => lt::CompletionItemKind::ENUM_MEMBER,
                            K::Unit => lt::CompletionItemKind::UNIT,
                            K::Standard => lt::CompletionItemKind::MODULE,
                            K::Version => lt::CompletionItemKind::CONSTANT,
                            K::Name(k) => match k {
                                yardstick_ide::SymbolKind::Input => {
                                    lt::CompletionItemKind::VARIABLE
                                }
                                yardstick_ide::SymbolKind::Group
                                | yardstick_ide::SymbolKind::Use => lt::CompletionItemKind::MODULE,
                                yardstick_ide::SymbolKind::Item => lt::CompletionItemKind::METHOD,
                                _ => lt::CompletionItemKind::PROPERTY,
                            },
                        };
                        lt::CompletionItem {
                            label: c.label.clone(),
                            kind: Some(kind),
                            detail: (!c.detail.is_empty()).then_some(c.detail),
                            text_edit: Some(lt::CompletionTextEdit::Edit(lt::TextEdit {
                                range: range_of(&text, &ix, c.replace),
                                new_text: c.label,
                            })),
                            ..Default::default()
                        }
                    })
                    .collect();
                json(lt::CompletionResponse::Array(items))
            }
            "textDocument/definition" => {
                let p: lt::GotoDefinitionParams = params(&req)?;
                let pp = p.text_document_position_params;
                let Some((name, text, ix)) = self.doc(&pp.text_document.uri) else {
                    return json(None::<lt::GotoDefinitionResponse>);
                };
                let at = offset_of(&text, &ix, pp.position);
                let locs: Vec<lt::Location> = self
                    .a
                    .definition(&name, at)
                    .iter()
                    .filter_map(|l| self.location(l))
                    .collect();
                json(lt::GotoDefinitionResponse::Array(locs))
            }
            "textDocument/references" => {
                let p: lt::ReferenceParams = params(&req)?;
                let pp = p.text_document_position;
                let Some((name, text, ix)) = self.doc(&pp.text_document.uri) else {
                    return json(None::<Vec<lt::Location>>);
                };
                let at = offset_of(&text, &ix, pp.position);
                let locs: Vec<lt::Location> = self
                    .a
                    .references(&name, at, p.context.include_declaration)
                    .iter()
                    .filter_map(|l| self.location(l))
                    .collect();
                json(locs)
            }
            "textDocument/documentSymbol" => {
                let p: lt::DocumentSymbolParams = params(&req)?;
                let Some((name, text, ix)) = self.doc(&p.text_document.uri) else {
                    return json(None::<lt::DocumentSymbolResponse>);
                };
                #[expect(
                    deprecated,
                    reason = "`deprecated` is a required field of the protocol's type"
                )]
                fn conv(
                    text: &str,
                    ix: &LineIndex,
                    s: yardstick_ide::DocumentSymbol,
                ) -> lt::DocumentSymbol {
                    use yardstick_ide::SymbolKind as S;
                    let kind = match s.kind {
                        S::Standard | S::Use => lt::SymbolKind::MODULE,
                        S::Input => lt::SymbolKind::VARIABLE,
                        S::Variant | S::Level | S::Band => lt::SymbolKind::ENUM_MEMBER,
                        S::Group | S::Section | S::Basic | S::LevelGroup => {
                            lt::SymbolKind::NAMESPACE
                        }
                        S::Let | S::Output | S::Local => lt::SymbolKind::PROPERTY,
                        S::Item | S::Require => lt::SymbolKind::METHOD,
                        S::Levels | S::Score | S::Grade => lt::SymbolKind::CLASS,
                        S::Example => lt::SymbolKind::EVENT,
                    };
                    lt::DocumentSymbol {
                        name: s.name,
                        detail: Some(s.detail),
                        kind,
                        tags: None,
                        deprecated: None,
                        range: range_of(text, ix, s.range),
                        selection_range: range_of(text, ix, s.selection),
                        children: Some(s.children.into_iter().map(|c| conv(text, ix, c)).collect()),
                    }
                }
                let syms: Vec<lt::DocumentSymbol> = self
                    .a
                    .symbols(&name)
                    .into_iter()
                    .map(|s| conv(&text, &ix, s))
                    .collect();
                json(lt::DocumentSymbolResponse::Nested(syms))
            }
            "textDocument/formatting" => {
                let p: lt::DocumentFormattingParams = params(&req)?;
                let Some((name, text, ix)) = self.doc(&p.text_document.uri) else {
                    return json(None::<Vec<lt::TextEdit>>);
                };
                json(self.a.format(&name).map(|edits| {
                    edits
                        .into_iter()
                        .map(|e| lt::TextEdit {
                            range: range_of(&text, &ix, e.range),
                            new_text: e.new_text,
                        })
                        .collect::<Vec<_>>()
                }))
            }
            "textDocument/prepareRename" => {
                let p: lt::TextDocumentPositionParams = params(&req)?;
                let Some((name, text, ix)) = self.doc(&p.text_document.uri) else {
                    return json(None::<lt::PrepareRenameResponse>);
                };
                let at = offset_of(&text, &ix, p.position);
                match self.a.prepare_rename(&name, at) {
                    Ok(r) => json(lt::PrepareRenameResponse::Range(range_of(&text, &ix, r))),
                    Err(e) => Err(self.failed(&e)),
                }
            }
            "textDocument/rename" => {
                let p: lt::RenameParams = params(&req)?;
                let pp = p.text_document_position;
                let Some((name, text, ix)) = self.doc(&pp.text_document.uri) else {
                    return json(None::<lt::WorkspaceEdit>);
                };
                let at = offset_of(&text, &ix, pp.position);
                match self.a.rename(&name, at, &p.new_name) {
                    Ok(edits) => {
                        let edits: Vec<lt::TextEdit> = edits
                            .into_iter()
                            .map(|e| lt::TextEdit {
                                range: range_of(&text, &ix, e.range),
                                new_text: e.new_text,
                            })
                            .collect();
                        let mut changes = std::collections::HashMap::new();
                        changes.insert(pp.text_document.uri.clone(), edits);
                        json(lt::WorkspaceEdit {
                            changes: Some(changes),
                            ..Default::default()
                        })
                    }
                    Err(e) => Err(self.failed(&e)),
                }
            }
            "textDocument/codeAction" => {
                let p: lt::CodeActionParams = params(&req)?;
                let Some((name, text, ix)) = self.doc(&p.text_document.uri) else {
                    return json(None::<lt::CodeActionResponse>);
                };
                let range = TextRange {
                    start: offset_of(&text, &ix, p.range.start),
                    end: offset_of(&text, &ix, p.range.end),
                };
                let actions = self
                    .a
                    .code_actions(&name, range)
                    .map_err(|e| self.failed(&e))?;
                let out: Vec<lt::CodeActionOrCommand> = actions
                    .into_iter()
                    .map(|x| {
                        let mut changes = std::collections::HashMap::new();
                        changes.insert(
                            p.text_document.uri.clone(),
                            vec![lt::TextEdit {
                                range: range_of(&text, &ix, x.edit.range),
                                new_text: x.edit.new_text,
                            }],
                        );
                        lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                            title: x.title,
                            kind: Some(lt::CodeActionKind::QUICKFIX),
                            diagnostics: p
                                .context
                                .diagnostics
                                .iter()
                                .filter(|d| {
                                    d.code == Some(lt::NumberOrString::String(x.code.clone()))
                                        && d.range == range_of(&text, &ix, x.diagnostic_range)
                                })
                                .cloned()
                                .map(Some)
                                .collect::<Option<Vec<_>>>()
                                .filter(|v| !v.is_empty()),
                            edit: Some(lt::WorkspaceEdit {
                                changes: Some(changes),
                                ..Default::default()
                            }),
                            is_preferred: Some(true),
                            ..Default::default()
                        })
                    })
                    .collect();
                json(out)
            }
            "textDocument/semanticTokens/full" => {
                let p: lt::SemanticTokensParams = params(&req)?;
                let Some((name, text, ix)) = self.doc(&p.text_document.uri) else {
                    return json(None::<lt::SemanticTokensResult>);
                };
                let mut data = Vec::new();
                let (mut line, mut col) = (0u32, 0u32);
                for t in self.a.semantic_tokens(&name) {
                    let s = ix.line_col(&text, t.range.start);
                    let e = ix.line_col(&text, t.range.end);
                    if e.line != s.line {
                        continue;
                    }
                    let delta_line = s.line - line;
                    let delta_start = if delta_line == 0 { s.col - col } else { s.col };
                    data.push(lt::SemanticToken {
                        delta_line,
                        delta_start,
                        length: e.col - s.col,
                        token_type: t.kind.index(),
                        token_modifiers_bitset: u32::from(t.declaration),
                    });
                    (line, col) = (s.line, s.col);
                }
                json(lt::SemanticTokensResult::Tokens(lt::SemanticTokens {
                    result_id: None,
                    data,
                }))
            }
            m => Err((ErrorCode::MethodNotFound, format!("unknown request {m}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_and_paths_round_trip() {
        let p = "/tmp/a b/标准.yard";
        let u = path_uri(p);
        assert_eq!(u, "file:///tmp/a%20b/%E6%A0%87%E5%87%86.yard");
        assert_eq!(uri_path(&u).unwrap().display().to_string(), p);
        assert_eq!(uri_path("untitled:1"), None);
    }
}
