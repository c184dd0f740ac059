//! Reading a CSV export into a header and the cells of the columns wanted:
//! BOM, leading comments, delimiter sniffing, UTF-8 checks, line numbers.

use csv::ByteRecord;

use super::error::{ImportError, quoted};

mod encoding;
mod fold;
mod quotes;

pub use encoding::decode;
use encoding::{check_utf8, not_utf8};
pub(crate) use fold::fold;
use quotes::{sniff, unclosed_quote};

/// The header row of a file and where the data starts.
#[derive(Debug)]
pub(crate) struct Header {
    /// Header names, trimmed, in file order.
    pub names: Vec<String>,
    /// Physical line of the header row.
    pub line: usize,
    pub delimiter: u8,
    /// Byte offset (after any BOM) where the header row starts.
    start: usize,
    /// Physical lines before `start` (BOM-less comment and blank lines).
    skipped: usize,
}

impl Header {
    /// The header names for a message: `Name, Email, Created at`.
    pub fn list(&self) -> String {
        self.names
            .iter()
            .enumerate()
            .map(|(i, n)| unnamed(n, i))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The column a user named (in a flag): the exact header first, else
    /// one equal after [`fold`].
    pub fn find(&self, wanted: &str) -> Option<usize> {
        let wanted = wanted.trim();
        self.names.iter().position(|n| n == wanted).or_else(|| {
            let f = fold(wanted);
            self.names.iter().position(|n| fold(n) == f)
        })
    }

    /// The first column (by alias priority, not file order) whose header
    /// folds to one of `aliases`, skipping columns already `taken`.
    pub fn find_alias(&self, aliases: &[&str], taken: &[usize]) -> Option<usize> {
        let folded: Vec<String> = self.names.iter().map(|n| fold(n)).collect();
        aliases.iter().find_map(|a| {
            let a = fold(a);
            (0..folded.len()).find(|i| folded[*i] == a && !taken.contains(i))
        })
    }

    /// The header text of column `i`, or `column 5` where it is blank.
    pub fn name(&self, i: usize) -> String {
        unnamed(self.names.get(i).map_or("", |s| s), i)
    }
}

fn unnamed(name: &str, i: usize) -> String {
    if name.is_empty() {
        format!("column {}", i + 1)
    } else {
        name.to_string()
    }
}

/// The cells of the wanted columns for every data row, trimmed, kept in one
/// buffer so a million rows cost a few allocations, not millions.
#[derive(Debug, Default)]
pub(crate) struct Cells {
    /// Physical line where each row starts.
    pub lines: Vec<usize>,
    width: usize,
    text: String,
    ends: Vec<usize>,
}

impl Cells {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// The trimmed text of the `k`-th wanted column on row `row`.
    pub fn get(&self, row: usize, k: usize) -> &str {
        let i = row * self.width + k;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// The `k`-th wanted column, row by row.
    pub fn column(&self, k: usize) -> impl Iterator<Item = &str> {
        (0..self.len()).map(move |r| self.get(r, k))
    }
}

/// Finds the header row: strips a UTF-8 BOM, checks the whole file is
/// UTF-8, skips leading blank and `#` comment lines (and Excel's `sep=;`
/// line, which also sets the delimiter), and sniffs the delimiter (`,`,
/// `;` or tab, the most frequent outside quotes) from the header line.
pub(crate) fn read_header(file: &str, bytes: &[u8]) -> Result<Header, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_utf8(file, bytes)?;
    let mut start = 0;
    let mut skipped = 0;
    let mut forced = None;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |p| start + p + 1);
        let line = bytes[start..end].trim_ascii();
        if skipped == 0 && line.len() == 5 && line.starts_with(b"sep=") {
            forced = Some(line[4]);
        } else if !line.is_empty() && line[0] != b'#' {
            break;
        }
        start = end;
        skipped += 1;
    }
    // Report downloads (Google Ads) put a title and a date range above the
    // header: a line of one cell, or a date range, before a line of more
    // cells is no header.
    for _ in 0..5 {
        let Some(next) = next_line(bytes, start) else {
            break;
        };
        let delimiter = forced.unwrap_or_else(|| sniff(&bytes[next..]));
        let cells = |at: usize| {
            reader(&bytes[at..], delimiter)
                .byte_records()
                .next()
                .and_then(Result::ok)
                .map_or(0, |r| {
                    r.iter().filter(|f| !f.trim_ascii().is_empty()).count()
                })
        };
        // `September 29, 2026 - October 2, 2026`, commas unquoted.
        let line_end = bytes[start..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |p| start + p);
        let range = std::str::from_utf8(&bytes[start..line_end])
            .ok()
            .and_then(|l| l.trim().trim_matches('"').split_once(" - "))
            .is_some_and(|(a, b)| {
                super::dates::looks_like_date(a.trim()) && super::dates::looks_like_date(b.trim())
            });
        if !(cells(start) == 1 || range) || cells(next) < 2 {
            break;
        }
        skipped += bytes[start..next].iter().filter(|b| **b == b'\n').count();
        start = next;
    }
    if start >= bytes.len() {
        let what = if bytes.trim_ascii().is_empty() {
            "the file is empty"
        } else {
            "no header row: the file has only comment lines"
        };
        return Err(ImportError::file(file, what));
    }
    let delimiter = forced.unwrap_or_else(|| sniff(&bytes[start..]));
    let mut reader = reader(&bytes[start..], delimiter);
    let mut record = ByteRecord::new();
    let line = skipped + 1;
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        _ => return Err(ImportError::line(file, line, "", "no header row")),
    }
    let names = record
        .iter()
        // Spreadsheet headers may break lines (`Tổng\ntiền`): one space.
        .map(|f| {
            String::from_utf8_lossy(f)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    Ok(Header {
        names,
        line,
        delimiter,
        start,
        skipped,
    })
}

/// The start of the first non-blank line after the line at `start`.
fn next_line(bytes: &[u8], start: usize) -> Option<usize> {
    let end = start + bytes[start..].iter().position(|b| *b == b'\n')? + 1;
    let mut next = end;
    while next < bytes.len() {
        let line_end = bytes[next..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |p| next + p + 1);
        if !bytes[next..line_end].trim_ascii().is_empty() {
            return Some(next);
        }
        next = line_end;
    }
    None
}

/// Where the table under `header` ends: at the first blank line whose next
/// line `continues` does not accept (given that line's cells), as where an
/// analytics export starts its summary block after the daily one; else at
/// the end of the file. An offset into `bytes` (BOM included).
pub(crate) fn block_end(
    bytes: &[u8],
    header: &Header,
    continues: impl Fn(&csv::ByteRecord) -> bool,
) -> usize {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &bytes[bom..];
    let mut quoted = false;
    let mut line_start = header.start;
    let mut i = header.start;
    while i < body.len() {
        match body[i] {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                let blank = body[line_start..i].trim_ascii().is_empty();
                if blank && line_start > header.start {
                    let follows = next_line(body, line_start).map(|next| {
                        let mut record = ByteRecord::new();
                        let read = reader(&body[next..], header.delimiter)
                            .read_byte_record(&mut record)
                            .unwrap_or(false);
                        !read || continues(&record)
                    });
                    if follows == Some(false) {
                        return bom + line_start;
                    }
                }
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes)
}

/// The line a record starts on. The csv crate reports where it started
/// looking, which is before any blank lines it skipped.
fn start_line(body: &[u8], position: &csv::Position) -> usize {
    let from = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let blank = body
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b'\n' | b'\r'))
        .filter(|b| **b == b'\n')
        .count();
    position.line() as usize + blank
}

/// Reads every data row and keeps the cells of `wanted` columns. Rows whose
/// cells are all blank are skipped; a row with more non-empty fields than
/// the header is an error (an unquoted delimiter inside a value, usually),
/// and so is a row with fewer fields, or a quote that never closes.
pub(crate) fn read_cells(
    file: &str,
    bytes: &[u8],
    header: &Header,
    wanted: &[usize],
) -> Result<Cells, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let body = &bytes[header.start..];
    if let Some(open) = unclosed_quote(body, header.delimiter) {
        return Err(ImportError::line(
            file,
            header.skipped + open,
            "\"",
            "a quoted field opened on this line is never closed",
        ));
    }
    let mut reader = reader(body, header.delimiter);
    let mut record = ByteRecord::new();
    let width = header.names.len();
    let mut cells = Cells {
        width: wanted.len(),
        ..Cells::default()
    };
    // Sized once: the cells are a part of the file, and a million rows
    // grown by doubling would copy the buffers twenty times.
    let mut text: Vec<u8> = Vec::with_capacity(body.len());
    let sample = &body[..body.len().min(1 << 16)];
    let per_line = sample.len() / (1 + sample.iter().filter(|b| **b == b'\n').count());
    let rows = body.len() / per_line.max(1) + 1;
    cells.ends.reserve(rows * wanted.len());
    cells.lines.reserve(rows);
    let mut first = true;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| header.skipped + p.line() as usize);
                return Err(ImportError::line(
                    file,
                    line,
                    "",
                    format!("unreadable CSV: {e}"),
                ));
            }
        }
        if std::mem::take(&mut first) {
            continue;
        }
        let line = header.skipped + record.position().map_or(0, |p| start_line(body, p));
        if record.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        if record.len() > width
            && let Some(extra) = record
                .iter()
                .skip(width)
                .find(|f| !f.trim_ascii().is_empty())
        {
            let text = String::from_utf8_lossy(extra.trim_ascii());
            let d = header.delimiter as char;
            let shown = if d == '\t' {
                "tab".to_string()
            } else {
                format!("'{d}'")
            };
            return Err(ImportError::line(
                file,
                line,
                &text,
                format!(
                    "this row has {} fields but the header has {width} ({} is extra; a value containing {shown} must be quoted)",
                    record.len(),
                    quoted(&text),
                ),
            ));
        }
        if record.len() < width {
            return Err(ImportError::line(
                file,
                line,
                "",
                format!(
                    "this row has {} fields but the header has {width} (a field or a '{}' is missing)",
                    record.len(),
                    if header.delimiter == b'\t' {
                        "tab".to_string()
                    } else {
                        (header.delimiter as char).to_string()
                    }
                ),
            ));
        }
        for &c in wanted {
            let field = record.get(c).unwrap_or(b"").trim_ascii();
            if !unicode_space_at_ends(field) {
                text.extend_from_slice(field);
            } else {
                // Trims NBSP and other Unicode spaces too.
                let s = std::str::from_utf8(field).map_err(|_| not_utf8(file, line))?;
                text.extend_from_slice(s.trim().as_bytes());
            }
            cells.ends.push(text.len());
        }
        cells.lines.push(line);
    }
    // The whole file was checked, so this cannot fail; one pass is cheap.
    cells.text = String::from_utf8(text).map_err(|_| not_utf8(file, 0))?;
    Ok(cells)
}

/// Whether a field starts or ends with a non-ASCII space (NBSP, U+2000 to
/// U+200A, U+202F, U+3000 ...), which `str::trim` would remove. Checking
/// the bytes spares decoding every Vietnamese word.
fn unicode_space_at_ends(field: &[u8]) -> bool {
    let lead = |b: Option<&u8>| b.is_some_and(|b| matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3));
    let n = field.len();
    let tail = |k: usize| field.get(n.saturating_sub(k)..).filter(|_| n >= k);
    lead(field.first())
        || matches!(tail(2), Some([0xC2, 0xA0 | 0x85]))
        || matches!(
            tail(3),
            Some([0xE1, 0x9A, 0x80] | [0xE2, 0x80, _] | [0xE2, 0x81, 0x9F] | [0xE3, 0x80, 0x80])
        )
}

#[cfg(test)]
mod tests;
