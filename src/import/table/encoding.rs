//! The text of a file as UTF-8, or an error naming where it is not.

use std::borrow::Cow;

use crate::import::error::ImportError;

pub(super) fn not_utf8(file: &str, line: usize) -> ImportError {
    ImportError::line(
        file,
        line,
        "",
        "the text is not UTF-8 (save the file as CSV UTF-8)",
    )
}

/// The bytes of a text file as UTF-8: a UTF-16 file (little or big
/// endian, as Excel's "Unicode text" writes it) is recognised by its BOM
/// and decoded; a UTF-8 BOM is kept for the reader to strip. Anything else
/// must be UTF-8 already, or the error names the first bad line and column.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>, ImportError> {
    let utf16 = |big: bool, body: &[u8]| -> Result<Cow<'a, [u8]>, ImportError> {
        let units = body.chunks(2).map(|pair| match (pair, big) {
            ([a, b], true) => u16::from_be_bytes([*a, *b]),
            ([a, b], false) => u16::from_le_bytes([*a, *b]),
            // An odd last byte: no valid unit, so decoding reports it.
            _ => 0xDC00,
        });
        let mut text = String::with_capacity(body.len());
        let (mut line, mut column) = (1, 1);
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => {
                    text.push(c);
                    if c == '\n' {
                        (line, column) = (line + 1, 1);
                    } else {
                        column += 1;
                    }
                }
                Err(_) => {
                    let mut error = ImportError::line(
                        file,
                        line,
                        "",
                        "the file starts with a UTF-16 mark but is not UTF-16 text here (save the file as CSV UTF-8)",
                    );
                    error.column_number = Some(column);
                    return Err(error);
                }
            }
        }
        Ok(Cow::Owned(text.into_bytes()))
    };
    match bytes {
        [0xFF, 0xFE, body @ ..] => utf16(false, body),
        [0xFE, 0xFF, body @ ..] => utf16(true, body),
        _ => {
            check_utf8(file, bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))?;
            Ok(Cow::Borrowed(bytes))
        }
    }
}

/// An error naming the line and column (in characters) of the first byte
/// that is not UTF-8, and what to do about a legacy Vietnamese encoding.
pub(super) fn check_utf8(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let Err(e) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let at = e.valid_up_to();
    let line_start = bytes[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
    // The part of the line before the bad byte is valid UTF-8.
    let column = 1 + std::str::from_utf8(&bytes[line_start..at]).map_or(0, |s| s.chars().count());
    let mut error = not_utf8(file, line);
    error.column_number = Some(column);
    let name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    error.message = format!(
        "byte 0x{:02X} is not UTF-8 text; the file may be in a legacy Vietnamese encoding (Windows-1258, TCVN3 or VNI): save it as UTF-8 (Excel: CSV UTF-8), or convert it with iconv -f WINDOWS-1258 -t UTF-8 {file} > utf8-{name}",
        bytes[at]
    );
    Err(error)
}
