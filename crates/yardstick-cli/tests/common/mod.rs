//! What the CLI's integration tests share: the repository root, running the binary from it, its output.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository root (the binary runs there, so `standards/` is found as a user's would be).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Run `yardstick ARGS` from the repository root.
pub fn yardstick(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .current_dir(root())
        .env_remove("YARDSTICK_STANDARDS")
        .args(args)
        .output()
        .unwrap()
}

/// Standard output and standard error as text.
pub fn outputs(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
