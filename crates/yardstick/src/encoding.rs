//! Reading a document's bytes as text. Authors save standards with whatever their editor does: UTF-8
//! (with or without a byte-order mark), UTF-16 (Notepad's "Unicode"), or GB18030 / GBK (the default of
//! Chinese Windows editors). Each is detected and decoded exactly; bytes that are none of them are refused
//! with where the first bad byte is and how to convert the file, never read with replacement characters.
//!
//! ```
//! use yardstick::encoding::{decode, Encoding};
//! let gbk = [0xC2, 0xFA, 0xD2, 0xE2]; // 满意 in GBK
//! let d = decode(&gbk).unwrap();
//! assert_eq!((d.text.as_str(), d.encoding), ("满意", Encoding::Gb18030));
//! assert!(decode(&[b'a', 0xFF, b'b']).is_err());
//! ```

/// The encoding a text was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 that starts with a byte-order mark (dropped from the text).
    Utf8Bom,
    /// UTF-16, little-endian (with a byte-order mark, or without one when the text is mostly ASCII).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

impl Encoding {
    /// The encoding's usual name (as `iconv -f` knows it).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (with a byte-order mark)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// UTF-8, with or without a byte-order mark: nothing to tell the author.
    pub fn is_utf8(self) -> bool {
        matches!(self, Encoding::Utf8 | Encoding::Utf8Bom)
    }
}

/// A text and the encoding it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Bytes that are not text in any encoding [`decode`] knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotText {
    /// What the bytes looked like and why they were refused, in English.
    pub en: String,
    /// The same in Chinese.
    pub zh: String,
    /// Byte offset of the first byte that could not be read.
    pub offset: usize,
    /// Its 1-based line and column (in characters of the text before it).
    pub line: usize,
    pub column: usize,
}

/// Decode a document's bytes: a UTF-8 or UTF-16 byte-order mark decides; else UTF-16 without a mark when
/// every other byte is zero (mostly-ASCII text), else UTF-8 when the bytes are valid UTF-8, else GB18030
/// when they are valid GB18030. Anything else is refused (see [`NotText`]); nothing is replaced.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(t) => Ok(Decoded {
                text: t.to_string(),
                encoding: Encoding::Utf8Bom,
            }),
            Err(e) => Err(not_utf8_after_bom(e.valid_up_to() + 3, bytes)),
        };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, 2, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, 2, Encoding::Utf16Be);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return utf16(bytes, 0, enc);
    }
    let bad = match std::str::from_utf8(bytes) {
        Ok(t) => {
            return Ok(Decoded {
                text: t.to_string(),
                encoding: Encoding::Utf8,
            })
        }
        Err(e) => e.valid_up_to(),
    };
    if let Some(t) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(Decoded {
            text: t.into_owned(),
            encoding: Encoding::Gb18030,
        });
    }
    let (line, column) = line_col(bytes, bad);
    let byte = bytes.get(bad).copied().unwrap_or(0);
    Err(NotText {
        en: format!(
            "this file is not text in UTF-8, UTF-16 or GB18030: byte 0x{byte:02X} at line {line}, column {column} is none of them"
        ),
        zh: format!(
            "此文件不是 UTF-8、UTF-16 或 GB18030 文本：第 {line} 行第 {column} 列的字节 0x{byte:02X} 不属于其中任何一种"
        ),
        offset: bad,
        line,
        column,
    })
}

fn not_utf8_after_bom(offset: usize, bytes: &[u8]) -> NotText {
    let (line, column) = line_col(bytes, offset);
    NotText {
        en: format!(
            "this file starts with a UTF-8 byte-order mark but is not UTF-8: the byte at line {line}, column {column} is not"
        ),
        zh: format!(
            "此文件以 UTF-8 字节顺序标记开头，但不是 UTF-8 文本：第 {line} 行第 {column} 列的字节不是 UTF-8"
        ),
        offset,
        line,
        column,
    }
}

/// UTF-16 without a byte-order mark, told by its zero bytes: a `.yard` document is mostly ASCII (keywords,
/// names, spaces, line breaks), so in UTF-16 at least a third of its characters have a zero high byte, and
/// text in UTF-8 or GB18030 has no zero bytes at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 2 || bytes.len() % 2 != 0 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_at = |first: usize| {
        bytes
            .iter()
            .skip(first)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 3 >= pairs && odd > 4 * even {
        Some(Encoding::Utf16Le)
    } else if even * 3 >= pairs && even > 4 * odd {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn utf16(body: &[u8], skip: usize, enc: Encoding) -> Result<Decoded, NotText> {
    let name = enc.name();
    if body.len() % 2 != 0 {
        // Where the cut-off character is: after the text of the whole characters before it.
        let whole = utf16(body.get(..body.len() - 1).unwrap_or_default(), skip, enc)?;
        let line = whole.text.matches('\n').count() + 1;
        let column = whole
            .text
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        return Err(NotText {
            en: format!(
                "this file looks like {name} but has an odd number of bytes ({}): the last character is cut off",
                body.len() + skip
            ),
            zh: format!(
                "此文件看似 {name}，但字节数为奇数（{}）：最后一个字符不完整",
                body.len() + skip
            ),
            offset: body.len() + skip - 1,
            line,
            column,
        });
    }
    let units = body.chunks_exact(2).map(|c| match enc {
        Encoding::Utf16Be => u16::from_be_bytes([c[0], c[1]]),
        _ => u16::from_le_bytes([c[0], c[1]]),
    });
    let mut text = String::with_capacity(body.len());
    let (mut line, mut column) = (1usize, 1usize);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => {
                text.push(c);
                if c == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
            Err(_) => {
                return Err(NotText {
                    en: format!(
                        "this file looks like {name} but has a broken character (an unpaired surrogate) at line {line}, column {column}"
                    ),
                    zh: format!(
                        "此文件看似 {name}，但第 {line} 行第 {column} 列的字符已损坏（不成对的代理项）"
                    ),
                    offset: skip + 2 * i,
                    line,
                    column,
                })
            }
        }
    }
    Ok(Decoded {
        text,
        encoding: enc,
    })
}

/// 1-based line and column (in characters of the valid UTF-8 before it) of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    let line_text = before.get(start..).unwrap_or_default();
    let column = String::from_utf8_lossy(line_text).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn each_encoding_is_told_apart() {
        let text = "standard s { version \"1\" } // 满意率\n";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let with_bom = |bom: &[u8], b: &[u8]| [bom, b].concat();
        let cases: Vec<(Vec<u8>, Encoding)> = vec![
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (
                with_bom(&[0xEF, 0xBB, 0xBF], text.as_bytes()),
                Encoding::Utf8Bom,
            ),
            (with_bom(&[0xFF, 0xFE], &utf16le), Encoding::Utf16Le),
            (with_bom(&[0xFE, 0xFF], &utf16be), Encoding::Utf16Be),
            (utf16le.clone(), Encoding::Utf16Le),
            (utf16be, Encoding::Utf16Be),
            (gbk.into_owned(), Encoding::Gb18030),
        ];
        for (bytes, enc) in cases {
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, enc));
        }
    }

    #[test]
    fn bytes_that_are_no_text_are_refused_with_their_place() {
        // Latin-1 `é` then a space: not UTF-8, and 0xE9 0x20 is no GB18030 sequence either.
        let e = decode(b"standard s {\n  // caf\xE9 au lait\n}").unwrap_err();
        assert_eq!(e.offset, 21);
        assert!(e.en.contains("0xE9 at line 2, column 9"), "{}", e.en);
        assert!(e.zh.contains("第 2 行第 9 列"), "{}", e.zh);
        assert!(decode(&[0xEF, 0xBB, 0xBF, b'a', 0xFF]).is_err());
        assert!(decode(&[0xFF, 0xFE, b'a', 0, b'b']).is_err());
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8, b'a', 0]).is_err());
    }
}
