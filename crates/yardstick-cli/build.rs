//! Embeds the shipped standards (the repository's `standards/`, reached through the `standards` link in
//! this crate, so that `cargo package` carries them) in the binary: the default library when neither
//! `--standards DIR`, `YARDSTICK_STANDARDS` nor a `./standards` folder is there.
//!
//! Each document keeps the name the CLI gives it when it loads `./standards` from the repository root
//! (`standards/cn/...`, `/`-separated) and the order it loads them in (sorted component by component, as
//! Rust's `Path` sorts), so hashes and spans of results are byte-identical either way.

use std::error::Error;
use std::path::{Path, PathBuf};

fn walk(
    dir: &Path,
    rel: &[String],
    out: &mut Vec<(Vec<String>, PathBuf)>,
) -> Result<(), Box<dyn Error>> {
    // Each folder and file by its real path: a document added, changed or removed builds again.
    println!(
        "cargo:rerun-if-changed={}",
        std::fs::canonicalize(dir)?.display()
    );
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        let name = e
            .file_name()
            .into_string()
            .map_err(|n| format!("a file name in standards/ is not UTF-8: {n:?}"))?;
        let mut r = rel.to_vec();
        r.push(name);
        // `metadata` follows links, as the CLI's walk (`Path::is_dir`) does.
        if std::fs::metadata(&p)?.is_dir() {
            walk(&p, &r, out)?;
        } else if p.extension().is_some_and(|x| x == "yard") {
            out.push((r, p));
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("standards");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    walk(&dir, &["standards".to_string()], &mut files)?;
    // `Vec<String>` compares component by component, each as bytes: the order of `PathBuf`s.
    files.sort();
    let mut code = String::from(
        "/// The shipped standards: (name, bytes), in the order the CLI loads a folder.\n\
         pub static DOCUMENTS: &[(&str, &[u8])] = &[\n",
    );
    for (parts, path) in &files {
        let abs = std::fs::canonicalize(path)?;
        let abs = abs
            .to_str()
            .ok_or_else(|| format!("not a UTF-8 path: {}", abs.display()))?;
        println!("cargo:rerun-if-changed={abs}");
        code.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            parts.join("/"),
            abs
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("embedded_standards.rs");
    std::fs::write(out, code)?;
    Ok(())
}
