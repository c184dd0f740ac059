//! Spreadsheets (`.xlsx`, `.xls`, `.ods`) read as the CSV their first sheet
//! would be saved as, so that every rule of the CSV reader applies to them
//! unchanged.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::error::ImportError;

/// Whether `bytes` look like a spreadsheet: a zip archive (`.xlsx`, `.ods`)
/// or an OLE compound file (`.xls`). A CSV never starts so.
fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The file's text: a spreadsheet's first sheet as [`first_sheet_as_csv`]
/// gives it, any other file as it is.
pub(crate) fn as_table<'a>(
    file: &str,
    bytes: &'a [u8],
) -> Result<std::borrow::Cow<'a, [u8]>, ImportError> {
    if is_spreadsheet(bytes) {
        Ok(std::borrow::Cow::Owned(first_sheet_as_csv(file, bytes)?))
    } else {
        Ok(std::borrow::Cow::Borrowed(bytes))
    }
}

/// The first sheet as comma-separated UTF-8 text. Line `n` of the text is
/// row `n` of the sheet and field `k` its column `k` (leading empty rows
/// and columns are kept blank), so an error names the cell as Excel
/// numbers it. A line break inside a cell becomes a space. Numbers are
/// written plainly (`1250000`, `1250.5`, to 4 decimals), dates and times
/// as `2026-11-29 22:34:34`.
fn first_sheet_as_csv(file: &str, bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        ImportError::file(
            file,
            format!("not a spreadsheet funnel can read ({e}); save it as CSV UTF-8"),
        )
    };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| ImportError::file(file, "the workbook has no sheet"))?
        .map_err(|e| unreadable(&e))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    // Empty rows above the table are blank lines, which the reader skips.
    let mut out = vec![b'\n'; top as usize];
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(&mut out);
    let blank = vec![String::new(); left as usize];
    for row in range.rows() {
        let cells = blank.iter().cloned().chain(row.iter().map(cell_text));
        writer.write_record(cells).map_err(|e| unreadable(&e))?;
    }
    writer.flush().map_err(|e| unreadable(&e))?;
    drop(writer);
    Ok(out)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            s.replace("\r\n", " ").replace(['\n', '\r'], " ")
        }
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_datetime().map_or_else(
            || number(d.as_f64()),
            |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
        ),
        Data::Error(e) => e.to_string(),
    }
}

/// A spreadsheet number as an export would write it: no exponent, no
/// binary noise (`0.30000000000000004` is `0.3`), at most 4 decimals.
fn number(f: f64) -> String {
    let text = format!("{f:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever follows a spreadsheet's first bytes, reading gives rows
        /// or one error line; it never panics.
        #[test]
        fn damaged_workbooks_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..512)) {
            for head in [&b"PK\x03\x04"[..], &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]] {
                let bytes = [head, &tail].concat();
                if let Err(e) = first_sheet_as_csv("x.xlsx", &bytes) {
                    prop_assert!(!e.to_string().contains('\n'), "{e}");
                }
            }
        }
    }

    #[test]
    fn numbers_are_written_plainly() {
        assert_eq!(number(1_250_000.0), "1250000");
        assert_eq!(number(1250.5), "1250.5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(-0.00001), "0");
        assert_eq!(number(-12.25), "-12.25");
    }

    #[test]
    fn csv_and_other_files_are_no_spreadsheet() {
        assert!(!is_spreadsheet(b"Name,Total\n"));
        assert!(is_spreadsheet(b"PK\x03\x04rest"));
        let e = first_sheet_as_csv("x.xlsx", b"PK\x03\x04 broken").expect_err("no zip");
        assert!(
            e.to_string()
                .starts_with("x.xlsx: not a spreadsheet funnel can read ("),
            "{e}"
        );
    }
}
