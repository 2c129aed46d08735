//! The program hash: SHA-256 of the texts of every document composition read.
//!
//! Reads the [`Unit`]s and the files composition visited (in the order visited). Produces the hex digest
//! stored in [`Program::hash`](crate::ir::Program), which names exactly the texts a result was computed
//! from.

use super::Unit;

pub(super) fn hash_files(units: &[Unit<'_>], files: &[usize]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for f in files {
        if let Some(u) = units.get(*f) {
            h.update(u.text.as_bytes());
            h.update([0u8]);
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
