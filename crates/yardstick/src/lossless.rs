//! JSON read without losing a digit: numbers keep the text they were written with.
//!
//! Assessments are read here rather than through `serde_json::Value`, whose numbers are `f64` unless
//! serde_json's `arbitrary_precision` feature is on. That feature cannot be turned on for this crate
//! alone: Cargo unifies features, so it would change how the host program's own serde types read numbers
//! (an untagged enum or a flattened struct with an `f64` stops accepting `3.5`). This reader keeps each
//! number as written and leaves the host's serde_json as the host configured it.
//!
//! Bounded: nesting deeper than [`MAX_JSON_DEPTH`] is refused (no recursion past it), and an object that
//! names a key twice is refused rather than one answer silently winning.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::fmt;

/// Deepest nesting of arrays and objects read (an assessment needs three: the document, `inputs`, a
/// series).
pub const MAX_JSON_DEPTH: usize = 64;

/// Up to this many keys an object's keys are checked for repeats by comparing them.
const SMALL_OBJECT: usize = 64;

/// A JSON value whose numbers keep their text (`17.60` stays `17.60`; `1e400` is kept, to be refused
/// where it is used).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number exactly as written (valid JSON number syntax).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Keys in the order written; no key twice.
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON, with where (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{en} at line {line} column {column}")]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub en: String,
    pub zh: String,
}

impl Json {
    /// Parse JSON text (one value, surrounded by whitespace only). A leading byte-order mark is skipped.
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut r = Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
            depth: 0,
        };
        r.ws();
        let v = r.value()?;
        r.ws();
        if r.at < r.bytes.len() {
            return Err(r.error(
                "unexpected text after the JSON value",
                "JSON 值之后还有多余的内容",
            ));
        }
        Ok(v)
    }

    /// Set `key` of an object (replacing its value, or adding it last); a value that is not an object
    /// becomes one.
    pub fn set(&mut self, key: &str, value: Json) {
        if !matches!(self, Json::Object(_)) {
            *self = Json::Object(Vec::new());
        }
        if let Json::Object(m) = self {
            match m.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => m.push((key.to_string(), value)),
            }
        }
    }

    /// Remove `key` of an object, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Json> {
        match self {
            Json::Object(m) => {
                let at = m.iter().position(|(k, _)| k == key)?;
                Some(m.remove(at).1)
            }
            _ => None,
        }
    }

    /// The value under `key`, when this is an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// The number's text as written.
    pub fn as_number(&self) -> Option<&str> {
        match self {
            Json::Number(n) => Some(n),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
    /// What kind of value this is, for messages: `an object`, `a number` …
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
}

static NULL: Json = Json::Null;

impl std::ops::Index<&str> for Json {
    type Output = Json;
    /// The value under a key; `null` when there is none or this is not an object.
    fn index(&self, key: &str) -> &Json {
        self.get(key).unwrap_or(&NULL)
    }
}

impl std::ops::Index<usize> for Json {
    type Output = Json;
    /// The element at an index; `null` when there is none or this is not a list.
    fn index(&self, i: usize) -> &Json {
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_string())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<usize> for Json {
    fn from(n: usize) -> Json {
        Json::Number(n.to_string())
    }
}

impl From<&serde_json::Value> for Json {
    /// A host's `serde_json::Value` (its numbers as the host's serde_json holds them: text with
    /// `arbitrary_precision`, else `f64` written shortest-exact).
    fn from(v: &serde_json::Value) -> Json {
        use serde_json::Value as V;
        match v {
            V::Null => Json::Null,
            V::Bool(b) => Json::Bool(*b),
            V::Number(n) => Json::Number(n.to_string()),
            V::String(s) => Json::String(s.clone()),
            V::Array(a) => Json::Array(a.iter().map(Json::from).collect()),
            V::Object(m) => {
                Json::Object(m.iter().map(|(k, x)| (k.clone(), Json::from(x))).collect())
            }
        }
    }
}

impl From<serde_json::Value> for Json {
    fn from(v: serde_json::Value) -> Json {
        Json::from(&v)
    }
}

impl fmt::Display for Json {
    /// Compact JSON text, numbers as written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => f.write_str(n),
            Json::String(s) => write_string(f, s),
            Json::Array(a) => {
                f.write_str("[")?;
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{x}")?;
                }
                f.write_str("]")
            }
            Json::Object(m) => {
                f.write_str("{")?;
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, k)?;
                    write!(f, ":{x}")?;
                }
                f.write_str("}")
            }
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl Serialize for Json {
    /// Numbers are written exactly as read (see [`crate::api::Number`]).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => crate::api::serialize_number_text(n, s),
            Json::String(x) => s.serialize_str(x),
            Json::Array(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for x in a {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            Json::Object(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, x) in m {
                    map.serialize_entry(k, x)?;
                }
                map.end()
            }
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    depth: usize,
}

impl Reader<'_> {
    fn error(&self, en: &str, zh: &str) -> JsonError {
        let before = self.text.get(..self.at).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = before
            .get(line_start..)
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        JsonError {
            line,
            column,
            en: en.to_string(),
            zh: zh.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, JsonError> {
        if self
            .text
            .get(self.at..)
            .is_some_and(|r| r.starts_with(word))
        {
            self.at += word.len();
            Ok(v)
        } else {
            Err(self.error("expected a JSON value", "此处应为 JSON 值"))
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        match self.peek() {
            None => Err(self.error(
                "the JSON ends where a value was expected",
                "JSON 在应有值的地方结束了",
            )),
            Some(b'{') => self.nested(|r| r.object()),
            Some(b'[') => self.nested(|r| r.array()),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value", "此处应为 JSON 值")),
        }
    }

    fn nested(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<Json, JsonError>,
    ) -> Result<Json, JsonError> {
        if self.depth >= MAX_JSON_DEPTH {
            return Err(self.error(
                &format!("nested more than {MAX_JSON_DEPTH} levels deep"),
                &format!("嵌套超过 {MAX_JSON_DEPTH} 层"),
            ));
        }
        self.depth += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn object(&mut self) -> Result<Json, JsonError> {
        self.at += 1;
        let mut m: Vec<(String, Json)> = Vec::new();
        let mut seen: Option<std::collections::HashSet<String>> = None;
        self.ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(m));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes", "此处应为带双引号的键名"));
            }
            let key_at = self.at;
            let k = self.string()?;
            // A key given twice: compared with the keys before it while the object is small (an
            // assessment row), through a set once it is large.
            let twice = if m.len() < SMALL_OBJECT {
                m.iter().any(|(x, _)| *x == k)
            } else {
                let seen = seen.get_or_insert_with(|| m.iter().map(|(x, _)| x.clone()).collect());
                !seen.insert(k.clone())
            };
            if twice {
                self.at = key_at;
                let shown = crate::json::quote(&k);
                return Err(self.error(
                    &format!("`{shown}` is given twice"),
                    &format!("`{shown}` 出现了两次"),
                ));
            }
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after the key", "键名之后应为 `:`"));
            }
            self.at += 1;
            self.ws();
            let v = self.value()?;
            m.push((k, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(m));
                }
                _ => {
                    return Err(self.error(
                        "expected `,` or `}` in the object",
                        "对象中此处应为 `,` 或 `}`",
                    ))
                }
            }
        }
    }

    fn array(&mut self) -> Result<Json, JsonError> {
        self.at += 1;
        let mut a = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(a));
        }
        loop {
            self.ws();
            a.push(self.value()?);
            self.ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(a));
                }
                _ => {
                    return Err(self.error(
                        "expected `,` or `]` in the list",
                        "列表中此处应为 `,` 或 `]`",
                    ))
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        let bad = |r: &Self| r.error("not a valid JSON number", "不是有效的 JSON 数字");
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(bad(self)),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(bad(self));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(bad(self));
            }
        }
        Ok(Json::Number(
            self.text
                .get(start..self.at)
                .unwrap_or_default()
                .to_string(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self
            .text
            .get(self.at..self.at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| {
                self.error(
                    "expected four hexadecimal digits after \\u",
                    "\\u 之后应为四位十六进制数字",
                )
            })?;
        self.at += 4;
        Ok(h)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run_start = self.at;
            let rest = self.bytes.get(run_start..).unwrap_or_default();
            // The next quote or backslash (memchr: a string is most of an assessment's bytes), and no
            // control character before it.
            let mut run = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
            if let Some(c) = rest
                .get(..run)
                .and_then(|r| r.iter().position(|&b| b < 0x20))
            {
                run = c;
            }
            self.at = run_start + run;
            out.push_str(self.text.get(run_start..self.at).unwrap_or_default());
            match self.peek() {
                None => {
                    return Err(
                        self.error("a string is not closed with `\"`", "字符串缺少结尾的 `\"`")
                    )
                }
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.text.get(self.at..self.at + 2) != Some("\\u") {
                                    return Err(self.error(
                                        "a lone surrogate in \\u escapes",
                                        "\\u 转义中出现了不成对的代理项",
                                    ));
                                }
                                self.at += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error(
                                        "a lone surrogate in \\u escapes",
                                        "\\u 转义中出现了不成对的代理项",
                                    ));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            let c = char::from_u32(code).ok_or_else(|| {
                                self.error(
                                    "a lone surrogate in \\u escapes",
                                    "\\u 转义中出现了不成对的代理项",
                                )
                            })?;
                            out.push(c);
                            continue;
                        }
                        _ => {
                            return Err(
                                self.error("not a valid escape in a string", "字符串中的转义无效")
                            )
                        }
                    };
                    self.at += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error(
                    "a control character (such as a line break) inside a string; write it as \\n",
                    "字符串中出现了控制字符（如换行）；请写作 \\n",
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_text() {
        let v = Json::parse(r#"{"a": 17.60, "b": [1e400, -0.000], "c": "x\u00e9\ud83d\ude00"}"#);
        let v = v.unwrap_or(Json::Null);
        assert_eq!(v.get("a"), Some(&Json::Number("17.60".into())));
        assert_eq!(
            v.to_string(),
            r#"{"a":17.60,"b":[1e400,-0.000],"c":"xé😀"}"#
        );
    }

    #[test]
    fn bad_text_says_where() {
        let e = Json::parse("{\n  \"a\": 1,\n  \"a\": 2}").err();
        assert_eq!(e.map(|e| (e.line, e.column)), Some((3, 3)));
        for bad in [
            "",
            "01",
            "1.",
            "-",
            "[1,]",
            "{\"a\" 1}",
            "\"\n\"",
            "nul",
            "1 2",
            "\"\\ud800\"",
        ] {
            assert!(Json::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let ok = format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH),
            "]".repeat(MAX_JSON_DEPTH)
        );
        assert!(Json::parse(&ok).is_ok());
        let deep = format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH + 1),
            "]".repeat(MAX_JSON_DEPTH + 1)
        );
        assert!(Json::parse(&deep).is_err());
        // Far past the limit is refused at the limit, without recursing further.
        assert!(Json::parse(&"[".repeat(1_000_000)).is_err());
    }
}

/// How a cell of text (a CSV cell of `yardstick batch`, a text value in SQL) becomes an answer, by the
/// kind of its input in the form (`FormInput::kind`). One rule, so every host reads a cell alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// `true` / `false` (any case); anything else is passed on as text, for the assessment to refuse.
    Bool,
    /// A number, read exactly; anything else is passed on as text.
    Number,
    /// Passed on as text (enum values, dates, text).
    Text,
    /// A series: the cell holds a JSON array (`[88, 90, 93.5]`).
    Json,
}

impl CellKind {
    /// The reading for an input of form kind `kind` (`bool`, `count`, `percent`, `number`, `series …`, …).
    pub fn of(kind: &str) -> CellKind {
        match kind {
            "bool" => CellKind::Bool,
            "count" | "percent" | "number" => CellKind::Number,
            k if k.starts_with("series") => CellKind::Json,
            _ => CellKind::Text,
        }
    }

    /// The cell as a JSON answer.
    pub fn read(self, cell: &str) -> Json {
        let text = || Json::String(cell.to_string());
        match self {
            CellKind::Bool => {
                if cell.eq_ignore_ascii_case("true") {
                    Json::Bool(true)
                } else if cell.eq_ignore_ascii_case("false") {
                    Json::Bool(false)
                } else {
                    text()
                }
            }
            CellKind::Number => match Json::parse(cell) {
                Ok(n @ Json::Number(_)) => n,
                _ => text(),
            },
            CellKind::Json => Json::parse(cell).unwrap_or_else(|_| text()),
            CellKind::Text => text(),
        }
    }
}
