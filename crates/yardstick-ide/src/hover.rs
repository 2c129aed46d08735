//! Hovers: for an input its label, type, unit, range, help, source and tier and where it is used; for
//! an item its rule in words, clause, source and thresholds; for a standard named by `use` or `extends`
//! its title, version and window; for anything else its kind, labels and definition.

use crate::resolve::Target;
use crate::{Analysis, Hover, SymbolKind};
use yardstick::api;
use yardstick::catalogue::{doc as d, ide as m, Msg};

/// The words for a kind of declaration.
pub(crate) fn kind_word(k: SymbolKind) -> Msg {
    match k {
        SymbolKind::Standard => m::kind_standard(),
        SymbolKind::Use => m::kind_use(),
        SymbolKind::Input => m::kind_input(),
        SymbolKind::Variant => m::kind_variant(),
        SymbolKind::Group => m::kind_group(),
        SymbolKind::Let => m::kind_let(),
        SymbolKind::Output => m::kind_output(),
        SymbolKind::Section => m::kind_section(),
        SymbolKind::Basic => m::kind_basic(),
        SymbolKind::Item => m::kind_item(),
        SymbolKind::Levels => m::kind_levels(),
        SymbolKind::Level => m::kind_level(),
        SymbolKind::LevelGroup => m::kind_level_group(),
        SymbolKind::Score => m::kind_score(),
        SymbolKind::Grade => m::kind_grade(),
        SymbolKind::Band => m::kind_band(),
        SymbolKind::Require => m::kind_require(),
        SymbolKind::Example => m::kind_example(),
        SymbolKind::Local => m::kind_local(),
    }
}

fn labels_line(l: &api::Labels) -> Option<String> {
    let parts: Vec<&str> = [l.zh.as_deref(), l.en.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join(" / "))
}

fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

impl Analysis {
    fn source_line(&self, s: &api::Source) -> String {
        let mut out = s.source.clone();
        if let Some(t) = &s.tier {
            out.push_str(&self.say(&d::tier(t)));
        }
        let note = match self.lang {
            yardstick::Lang::Zh => s.note_zh.as_ref().or(s.note.as_ref()),
            _ => s.note.as_ref(),
        };
        if let Some(n) = note {
            out.push_str(&format!("; {n}"));
        }
        out
    }

    fn pick_labels(&self, l: &api::Labels) -> Option<String> {
        match self.lang {
            yardstick::Lang::En => l.en.clone().or_else(|| l.zh.clone()),
            yardstick::Lang::Zh => l.zh.clone().or_else(|| l.en.clone()),
            yardstick::Lang::Both => labels_line(l),
        }
    }

    fn row(&self, out: &mut String, name: Msg, value: &str) {
        if !value.is_empty() {
            out.push_str(&format!("\n- {}: {value}", self.say(&name)));
        }
    }

    /// The hover for what is at `offset` in `file`.
    pub fn hover(&mut self, file: &str, offset: usize) -> Option<Hover> {
        let found = self.find(file, offset)?;
        let t = found.target?;
        let markdown = if found.standard {
            self.standard_hover(&t)?
        } else {
            self.symbol_hover(&t, file)?
        };
        Some(Hover {
            range: found.range,
            markdown,
        })
    }

    fn standard_hover(&self, t: &Target) -> Option<String> {
        let info = self.docs.iter().find(|d| d.file == t.file)?;
        let mut out = format!("**{}** {}", code(&info.id), self.say(&m::kind_standard()));
        if let Some(title) = info.title.as_ref().and_then(labels_line) {
            self.row(&mut out, m::row_title(), &title);
        }
        self.row(&mut out, d::row_version(), &info.version);
        let window = match (info.from, info.until) {
            (Some(f), Some(u)) => d::from_until_exclusive(&f.to_string(), &u.to_string()),
            (Some(f), None) => d::from_date(&f.to_string()),
            (None, Some(u)) => d::until_exclusive(&u.to_string()),
            (None, None) => d::not_stated(),
        };
        self.row(&mut out, d::row_in_force(), &self.say(&window));
        if let Some(s) = &info.status {
            self.row(&mut out, d::row_status(), s);
        }
        self.row(&mut out, m::row_file(), &code(&info.file));
        Some(out)
    }

    fn symbol_hover(&mut self, t: &Target, from: &str) -> Option<String> {
        let s = self.symbol(t)?.clone();
        if s.kind == SymbolKind::Standard {
            return self.standard_hover(t);
        }
        if s.kind == SymbolKind::Use {
            let std = self
                .files
                .get(&t.file)?
                .outline
                .standards
                .iter()
                .find(|x| x.alias.as_deref() == Some(&s.id))?
                .clone();
            let file = self.file_of(&std.id, &std.version).map(str::to_string);
            let mut out = format!("**{}** {}", code(&s.id), self.say(&m::kind_use()));
            match file.and_then(|f| {
                self.standard_hover(&Target {
                    file: f.clone(),
                    sym: 0,
                })
            }) {
                Some(h) => out.push_str(&format!("\n\n{h}")),
                None => self.row(&mut out, m::kind_use(), s.detail.as_deref().unwrap_or("")),
            }
            return Some(out);
        }
        let mut out = format!("**{}** {}", code(&s.id), self.say(&kind_word(s.kind)));
        if let Some(l) = self.pick_labels(&s.labels) {
            out.push_str(&format!("\n\n{l}"));
        }
        match s.kind {
            SymbolKind::Input => self.input_rows(&mut out, t, &s),
            SymbolKind::Item => self.item_rows(&mut out, t, &s),
            SymbolKind::Variant | SymbolKind::Level | SymbolKind::Band => {
                let parent = s.parent.and_then(|p| {
                    self.symbol(&Target {
                        file: t.file.clone(),
                        sym: p,
                    })
                });
                if let Some(p) = parent {
                    self.row(&mut out, m::row_of(), &code(&p.id));
                }
                if s.kind == SymbolKind::Band {
                    self.row(
                        &mut out,
                        m::row_defined_as(),
                        &code(s.detail.as_deref().unwrap_or("")),
                    );
                }
            }
            _ => {
                if let Some(x) = &s.detail {
                    self.row(&mut out, m::row_defined_as(), &code(x));
                }
                if let Some(src) = &s.source {
                    let line = self.source_line(src);
                    self.row(&mut out, d::row_source(), &line);
                }
            }
        }
        for line in &s.docs {
            out.push_str(&format!("\n\n{line}"));
        }
        if t.file != from {
            let f = code(&t.file);
            self.row(&mut out, m::row_file(), &f);
        }
        Some(out)
    }

    fn input_rows(&mut self, out: &mut String, t: &Target, s: &yardstick::outline::Symbol) {
        let lang = self.lang;
        let form_input = self
            .form(&t.file)
            .and_then(|f| f.inputs.iter().find(|i| i.id == s.id))
            .cloned();
        match &form_input {
            Some(fi) => {
                let ty = match (&fi.kind[..], &fi.values) {
                    ("enum", Some(v)) => format!("enum [{}]", v.join(", ")),
                    _ => fi.kind.clone(),
                };
                self.row(out, m::row_type(), &code(&ty));
                if let Some(u) = &fi.unit {
                    let zh = fi.unit_labels.as_ref().and_then(|l| l.zh.clone());
                    let unit = match (lang, zh) {
                        (yardstick::Lang::Zh, Some(z)) => z,
                        (yardstick::Lang::Both, Some(z)) if &z != u => format!("{u} / {z}"),
                        _ => u.clone(),
                    };
                    self.row(out, m::row_unit(), &unit);
                }
                if fi.min.is_some() || fi.max.is_some() {
                    let r = format!(
                        "{}..{}",
                        fi.min.as_ref().map(|n| n.to_string()).unwrap_or_default(),
                        fi.max.as_ref().map(|n| n.to_string()).unwrap_or_default()
                    );
                    self.row(out, m::row_range(), &code(&r));
                }
                if let Some(h) = self.pick_labels(&fi.help) {
                    self.row(out, m::row_help(), &h);
                }
                if let Some(src) = &fi.source {
                    let line = self.source_line(src);
                    self.row(out, d::row_source(), &line);
                }
                if !fi.requirements.is_empty() {
                    out.push_str(&format!("\n\n{}:", self.say(&m::row_used_in())));
                    for r in fi.requirements.iter().take(crate::MAX_HOVER_LIST) {
                        let label = self.pick_labels(&r.item_labels).unwrap_or_default();
                        let rule = lang.pick(&r.en, &r.zh).replace('\n', " / ");
                        let label = if label.is_empty() {
                            String::new()
                        } else {
                            format!(" {label}")
                        };
                        out.push_str(&format!("\n- {}{label}: {rule}", code(&r.item)));
                    }
                    let more = fi.requirements.len().saturating_sub(crate::MAX_HOVER_LIST);
                    if more > 0 {
                        out.push_str(&format!("\n- {}", self.say(&m::and_more(more))));
                    }
                    return;
                }
            }
            None => {
                self.row(out, m::row_type(), &code(s.detail.as_deref().unwrap_or("")));
                if let Some(r) = &s.input_range {
                    let r = r.strip_prefix("range").unwrap_or(r).trim();
                    self.row(out, m::row_range(), &code(r));
                }
                if let Some(h) = self.pick_labels(&s.help) {
                    self.row(out, m::row_help(), &h);
                }
                if let Some(src) = &s.source {
                    let line = self.source_line(src);
                    self.row(out, d::row_source(), &line);
                }
            }
        }
        // Where it is read: the declarations of its document that read it.
        let users = self.readers(t);
        if users.is_empty() {
            out.push_str(&format!("\n\n{}", self.say(&m::used_nowhere())));
        } else {
            let list: Vec<String> = users
                .iter()
                .take(crate::MAX_HOVER_LIST)
                .map(|u| code(u))
                .collect();
            let mut line = list.join(", ");
            if users.len() > crate::MAX_HOVER_LIST {
                line.push_str(&format!(
                    ", {}",
                    self.say(&m::and_more(users.len() - crate::MAX_HOVER_LIST))
                ));
            }
            out.push_str(&format!("\n\n{}: {line}", self.say(&m::row_used_in())));
        }
    }

    /// The ids of the declarations of `t`'s document that read it, in the order written.
    fn readers(&self, t: &Target) -> Vec<String> {
        let Some(d) = self.files.get(&t.file) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for r in &d.outline.references {
            if self.resolve_ref(&t.file, r, 0).as_ref() != Some(t) {
                continue;
            }
            let owner = d
                .outline
                .symbols
                .iter()
                .filter(|s| {
                    s.range.contains(r.range)
                        && !matches!(
                            s.kind,
                            SymbolKind::Standard
                                | SymbolKind::Section
                                | SymbolKind::Basic
                                | SymbolKind::Local
                                | SymbolKind::Example
                        )
                })
                .min_by_key(|s| s.range.end - s.range.start);
            if let Some(o) = owner {
                if !out.contains(&o.id) {
                    out.push(o.id.clone());
                }
            }
            if out.len() > crate::MAX_HOVER_LIST * 4 {
                break;
            }
        }
        out
    }

    fn item_rows(&mut self, out: &mut String, t: &Target, s: &yardstick::outline::Symbol) {
        let lang = self.lang;
        if let Some(c) = &s.clause {
            self.row(out, m::row_clause(), c);
        }
        let rule = self
            .compiled(&t.file)
            .and_then(|std| yardstick::doc::rule_in_words(std, &s.id));
        let (rule, thresholds) = match self.form(&t.file) {
            Some(form) => {
                let mut th = Vec::new();
                for i in &form.inputs {
                    for r in i.requirements.iter().filter(|r| r.item == s.id) {
                        let level = r
                            .level
                            .as_ref()
                            .map(|l| lang.pick(&m::at_level(l).en, &m::at_level(l).zh))
                            .unwrap_or_default();
                        let sentence = lang.pick(&r.en, &r.zh).replace('\n', " / ");
                        th.push(format!("{} {sentence}{level}", code(&i.id)).replace('\n', " "));
                    }
                }
                (rule, th)
            }
            None => (None, Vec::new()),
        };
        match rule {
            Some(r) => {
                let words = lang.pick(&r.en, &r.zh).replace('\n', " / ");
                self.row(out, m::row_rule(), &words);
            }
            None => self.row(out, m::row_rule(), &code(s.detail.as_deref().unwrap_or(""))),
        }
        if let Some(src) = &s.source {
            let line = self.source_line(src);
            self.row(out, d::row_source(), &line);
        }
        if !thresholds.is_empty() {
            out.push_str(&format!("\n\n{}:", self.say(&m::row_thresholds())));
            for th in thresholds.iter().take(crate::MAX_HOVER_LIST) {
                out.push_str(&format!("\n- {th}"));
            }
            let more = thresholds.len().saturating_sub(crate::MAX_HOVER_LIST);
            if more > 0 {
                out.push_str(&format!("\n- {}", self.say(&m::and_more(more))));
            }
        }
    }
}
