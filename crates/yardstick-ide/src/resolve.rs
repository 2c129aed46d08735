//! What a name written in a document names: a declaration of the same document, of a standard it
//! `use`s (through the alias) or of the standard it `extends`, a value of an enum, a level of a ladder
//! or a band of a grade (through the name it is compared with or given to).

use crate::{Analysis, SymbolKind, TextRange};
use yardstick::outline::{RefKind, Reference, StandardRefKind, Symbol};

/// A declaration: the file and the index of its symbol in that file's outline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Target {
    pub(crate) file: String,
    pub(crate) sym: usize,
}

/// What is under a cursor.
pub(crate) struct Found {
    /// What it names (when it resolves).
    pub(crate) target: Option<Target>,
    /// The name as written there.
    pub(crate) range: TextRange,
    /// A standard named by `use`, `extends` or `supersedes` (its id or version).
    pub(crate) standard: bool,
}

impl Analysis {
    pub(crate) fn symbol(&self, t: &Target) -> Option<&Symbol> {
        self.files.get(&t.file)?.outline.symbols.get(t.sym)
    }

    /// The file of the document `id` version `version` in the library.
    pub(crate) fn file_of(&self, id: &str, version: &str) -> Option<&str> {
        self.docs
            .iter()
            .find(|d| d.id == id && d.version == version)
            .map(|d| d.file.as_str())
    }

    /// What `name`, read at `at` in `file`, names.
    pub(crate) fn resolve_name(
        &self,
        file: &str,
        name: &str,
        at: Option<usize>,
        depth: usize,
    ) -> Option<Target> {
        if depth > crate::MAX_CHAIN {
            return None;
        }
        let d = self.files.get(file)?;
        let syms = &d.outline.symbols;
        let target = |sym| {
            Some(Target {
                file: file.to_string(),
                sym,
            })
        };
        if let Some(ids) = d.by_id.get(name) {
            if let Some(at) = at {
                if let Some(&i) = ids
                    .iter()
                    .find(|&&i| syms[i].kind == SymbolKind::Local && syms[i].range.touches(at))
                {
                    return target(i);
                }
            }
            if let Some(&i) = ids.iter().find(|&&i| crate::namespace(syms[i].kind)) {
                return target(i);
            }
        }
        if let Some((head, rest)) = name.split_once('.') {
            let alias = d
                .outline
                .standards
                .iter()
                .find(|s| s.kind == StandardRefKind::Use && s.alias.as_deref() == Some(head));
            if let Some(s) = alias {
                let used = self.file_of(&s.id, &s.version)?;
                return self.resolve_name(used, rest, None, depth + 1);
            }
        }
        let base = d
            .outline
            .standards
            .iter()
            .find(|s| s.kind == StandardRefKind::Extends)?;
        let base = self.file_of(&base.id, &base.version)?;
        if base == file {
            return None;
        }
        self.resolve_name(base, name, None, depth + 1)
    }

    /// The value `name` of what `peer` names: a value of an enum input, a level of a ladder, a band of
    /// a grade.
    fn resolve_value(
        &self,
        file: &str,
        name: &str,
        peer: &str,
        at: Option<usize>,
        depth: usize,
    ) -> Option<Target> {
        let owner = self.resolve_name(file, peer, at, depth)?;
        let d = self.files.get(&owner.file)?;
        let owner_kind = d.outline.symbols.get(owner.sym)?.kind;
        let hit = d.by_id.get(name)?.iter().copied().find(|&i| {
            let s = &d.outline.symbols[i];
            s.parent == Some(owner.sym)
                && matches!(
                    s.kind,
                    SymbolKind::Variant | SymbolKind::Level | SymbolKind::Band
                )
        });
        match hit {
            Some(sym) => Some(Target {
                file: owner.file,
                sym,
            }),
            // A grade or ladder changed by an overlay keeps its bands or levels in the base.
            None if matches!(owner_kind, SymbolKind::Grade | SymbolKind::Levels) && depth < 2 => {
                let base = d
                    .outline
                    .standards
                    .iter()
                    .find(|s| s.kind == StandardRefKind::Extends)?;
                let base = self.file_of(&base.id, &base.version)?.to_string();
                let id = d.outline.symbols.get(owner.sym)?.id.clone();
                if base == owner.file {
                    return None;
                }
                self.resolve_value(&base, name, &id, None, depth + 1)
            }
            None => None,
        }
    }

    /// What a name read in `file` names.
    pub(crate) fn resolve_ref(&self, file: &str, r: &Reference, depth: usize) -> Option<Target> {
        let at = Some(r.range.start);
        let value = || {
            r.peer
                .as_deref()
                .and_then(|p| self.resolve_value(file, &r.name, p, at, depth))
        };
        match r.kind {
            RefKind::Name => self.resolve_name(file, &r.name, at, depth).or_else(value),
            RefKind::Value => value().or_else(|| self.resolve_name(file, &r.name, at, depth)),
        }
    }

    /// What is at `offset` in `file`: a name read, a declaration, or a standard named.
    pub(crate) fn find(&self, file: &str, offset: usize) -> Option<Found> {
        let d = self.fresh(file)?;
        let refs = &d.outline.references;
        // The references are sorted by start: the last one starting at or before the offset.
        let k = refs.partition_point(|r| r.range.start <= offset);
        if let Some(r) = k.checked_sub(1).and_then(|k| refs.get(k)) {
            if r.range.touches(offset) {
                return Some(Found {
                    target: self.resolve_ref(file, r, 0),
                    range: r.range,
                    standard: false,
                });
            }
        }
        if let Some((i, s)) = d
            .outline
            .symbols
            .iter()
            .enumerate()
            .find(|(_, s)| s.name.touches(offset) && s.kind != SymbolKind::Example)
        {
            return Some(Found {
                target: Some(Target {
                    file: file.to_string(),
                    sym: i,
                }),
                range: s.name,
                standard: false,
            });
        }
        let s = d
            .outline
            .standards
            .iter()
            .find(|s| s.id_range.touches(offset) || s.version_range.touches(offset))?;
        let target = self.file_of(&s.id, &s.version).map(|f| Target {
            file: f.to_string(),
            sym: 0,
        });
        Some(Found {
            target,
            range: if s.id_range.touches(offset) {
                s.id_range
            } else {
                s.version_range
            },
            standard: true,
        })
    }
}
