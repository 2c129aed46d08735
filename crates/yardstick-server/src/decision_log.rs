//! The decision log (`--decision-log FILE`): one JSON object per evaluation, one line each.
//!
//! A line is built whole, then written with one `write_all` to a file opened for appending, under a
//! lock, so lines never interleave; nothing is buffered in the process between lines (a stop loses no
//! written decision, and SIGTERM lets every evaluation in flight finish and write its line). Before a
//! line would take the file past `max_bytes` the file is rotated: `FILE.N-1` → `FILE.N` … `FILE` →
//! `FILE.1`, and a new `FILE` is started (the oldest beyond `keep` is dropped). A line longer than
//! `max_bytes` is still written, alone in its file.

use crate::DecisionLogConfig;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct DecisionLog {
    config: DecisionLogConfig,
    inner: Mutex<Inner>,
}

struct Inner {
    file: File,
    size: u64,
}

impl DecisionLog {
    /// Open (or create) the file for appending.
    pub fn open(config: DecisionLogConfig) -> io::Result<DecisionLog> {
        let file = open_append(&config.path)?;
        let size = file.metadata()?.len();
        Ok(DecisionLog {
            config,
            inner: Mutex::new(Inner { file, size }),
        })
    }

    pub fn config(&self) -> &DecisionLogConfig {
        &self.config
    }

    /// Append one line (`line` has no line end).
    pub fn write_line(&self, line: &str) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
        let mut inner = self
            .inner
            .lock()
            .map_err(|_| io::Error::other("decision log lock poisoned"))?;
        let len = bytes.len() as u64;
        if inner.size > 0 && inner.size + len > self.config.max_bytes {
            self.rotate(&mut inner)?;
        }
        inner.file.write_all(&bytes)?;
        inner.file.flush()?;
        inner.size += len;
        Ok(())
    }

    fn rotated(&self, n: usize) -> PathBuf {
        let mut name = self.config.path.as_os_str().to_owned();
        name.push(format!(".{n}"));
        PathBuf::from(name)
    }

    fn rotate(&self, inner: &mut Inner) -> io::Result<()> {
        inner.file.sync_data()?;
        if self.config.keep == 0 {
            std::fs::remove_file(&self.config.path)?;
        } else {
            let _ = std::fs::remove_file(self.rotated(self.config.keep));
            for n in (1..self.config.keep).rev() {
                let from = self.rotated(n);
                if from.exists() {
                    std::fs::rename(&from, self.rotated(n + 1))?;
                }
            }
            std::fs::rename(&self.config.path, self.rotated(1))?;
        }
        inner.file = open_append(&self.config.path)?;
        inner.size = 0;
        Ok(())
    }

    /// Push what was written to the disk (at shutdown).
    pub fn sync(&self) {
        if let Ok(inner) = self.inner.lock() {
            let _ = inner.file.sync_data();
        }
    }
}

fn open_append(path: &std::path::Path) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(dir: &std::path::Path, max_bytes: u64, keep: usize) -> DecisionLog {
        DecisionLog::open(DecisionLogConfig {
            path: dir.join("decisions.jsonl"),
            mask_inputs: false,
            max_bytes,
            keep,
        })
        .unwrap()
    }

    #[test]
    fn rotates_before_a_line_would_pass_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        // Lines of 10 bytes with their line end; 30 bytes per file at most.
        let l = log(dir.path(), 30, 2);
        for i in 0..7 {
            l.write_line(&format!("{{\"n\":{i:03}}}")).unwrap();
        }
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(read("decisions.jsonl"), "{\"n\":006}\n");
        assert_eq!(
            read("decisions.jsonl.1"),
            "{\"n\":003}\n{\"n\":004}\n{\"n\":005}\n"
        );
        assert_eq!(
            read("decisions.jsonl.2"),
            "{\"n\":000}\n{\"n\":001}\n{\"n\":002}\n"
        );
        assert!(!dir.path().join("decisions.jsonl.3").exists());
    }

    #[test]
    fn keeps_only_the_newest_rotated_files() {
        let dir = tempfile::tempdir().unwrap();
        let l = log(dir.path(), 10, 1);
        for i in 0..4 {
            l.write_line(&format!("{{\"n\":{i:03}}}")).unwrap();
        }
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(read("decisions.jsonl"), "{\"n\":003}\n");
        assert_eq!(read("decisions.jsonl.1"), "{\"n\":002}\n");
        assert!(!dir.path().join("decisions.jsonl.2").exists());
    }

    #[test]
    fn a_line_over_the_limit_is_written_alone() {
        let dir = tempfile::tempdir().unwrap();
        let l = log(dir.path(), 8, 3);
        l.write_line("{\"a\":1}").unwrap();
        l.write_line("{\"long\":\"0123456789\"}").unwrap();
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(read("decisions.jsonl"), "{\"long\":\"0123456789\"}\n");
        assert_eq!(read("decisions.jsonl.1"), "{\"a\":1}\n");
    }

    #[test]
    fn appends_to_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("decisions.jsonl"), "{\"old\":1}\n").unwrap();
        let l = log(dir.path(), 1000, 3);
        l.write_line("{\"new\":1}").unwrap();
        let text = std::fs::read_to_string(dir.path().join("decisions.jsonl")).unwrap();
        assert_eq!(text, "{\"old\":1}\n{\"new\":1}\n");
    }
}
