//! The JSON contract as tests read it: a result as `serde_json::Value` (numbers as floats, which is
//! enough to index and compare ordinary values; tests of exact digits read the typed result or the text).

#![allow(dead_code)]

use yardstick::{Error, Options, Standard};

pub trait EvalJson {
    /// Read and evaluate JSON text; the result's JSON (docs/json.md) as a `serde_json::Value`.
    fn evaluate_json(&self, text: &str, explain: bool) -> Result<serde_json::Value, Error>;
}

impl EvalJson for Standard {
    fn evaluate_json(&self, text: &str, explain: bool) -> Result<serde_json::Value, Error> {
        let options = if explain {
            Options::explained()
        } else {
            Options::default()
        };
        let r = self.evaluate_text(text, &options)?;
        Ok(serde_json::from_str(&r.to_json()).unwrap_or_default())
    }
}
