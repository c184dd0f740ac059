//! Plain-text tables and JSON on standard output.

use std::io::Write;

use serde::{Serialize, Serializer};
use serde_json::ser::PrettyFormatter;
use unicode_width::UnicodeWidthStr;

use super::{CliError, CliResult};
use crate::domain::Amount;
use crate::i18n::{Format, Locale};

/// Prints `value` as pretty JSON followed by a newline. serde_json
/// escapes C0 controls; DEL, C1 controls and bidirectional overrides (only
/// ever inside strings) are escaped here too, so the data stays exact and
/// a terminal showing it obeys none of them.
pub fn json<T: Serialize + ?Sized>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::user(format!("cannot write JSON: {e}")))?;
    write(&escape_hostile(&text))
}

/// Prints one line. Control characters and bidirectional overrides (in a
/// title written by some other tool, say) are shown, never obeyed.
pub fn line(text: &str) -> CliResult {
    write(&crate::text::visible(text))
}

/// Prints `items` as [`json`] prints an array of them, each written as it
/// comes: 10,000 tasks are never one text.
pub fn json_items<T: Serialize>(items: impl Iterator<Item = T>) -> CliResult {
    let out = Escaping {
        out: std::io::stdout().lock(),
        text: Vec::with_capacity(2 * ESCAPING_CHUNK),
    };
    let mut json = serde_json::Serializer::with_formatter(out, PrettyFormatter::new());
    json.collect_seq(items)
        .map_err(|e| CliError::from_write(e.into()))?;
    let mut out = json.into_inner();
    out.write_all(b"\n")
        .and_then(|()| out.flush())
        .map_err(CliError::from_write)
}

/// How much JSON text [`Escaping`] holds before it writes it out.
const ESCAPING_CHUNK: usize = 64 * 1024;

/// A buffered writer that escapes what [`json`] escapes: serde_json's many
/// small writes are gathered, then checked and written a chunk at a time,
/// cut after a whole character.
struct Escaping<W: Write> {
    out: W,
    text: Vec<u8>,
}

impl<W: Write> Escaping<W> {
    fn write_out(&mut self) -> std::io::Result<()> {
        let whole = match std::str::from_utf8(&self.text) {
            Ok(text) => text.len(),
            // A character cut at the end waits for its other bytes.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 (serde_json writes none): passed on as it is.
            Err(_) => {
                self.out.write_all(&self.text)?;
                self.text.clear();
                return Ok(());
            }
        };
        let text = String::from_utf8_lossy(&self.text[..whole]);
        self.out.write_all(escape_hostile(&text).as_bytes())?;
        self.text.drain(..whole);
        Ok(())
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.text.extend_from_slice(buf);
        if self.text.len() >= ESCAPING_CHUNK {
            self.write_out()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.write_out()?;
        self.out.flush()
    }
}

/// JSON text with the characters [`json`] escapes escaped.
fn escape_hostile(text: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII, most of it, is cleared a byte at a time.
    let plain = |b: u8| (0x20..0x7f).contains(&b) || b == b'\n';
    if text.bytes().all(plain) || !text.chars().any(crate::text::is_hostile) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if crate::text::is_hostile(c) && c != '\n' {
            escaped.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    std::borrow::Cow::Owned(escaped)
}

/// Writes `text` and a newline to standard output and flushes it; see
/// [`CliError::from_write`] for a write that fails.
fn write(text: &str) -> CliResult {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(CliError::from_write)
}

/// A line on standard error for a command that goes on (a warning): where
/// stderr cannot be written, there is no one to tell.
pub fn warn(text: &str) {
    let _ = writeln!(std::io::stderr(), "funnel: warning: {text}");
}

pub use crate::text::fit;

/// A count in a message: plain digits in English (the output scripts
/// already read stays as it was), grouped thousands in Vietnamese (`1.234`).
pub fn count<N>(fmt: Format, n: N) -> String
where
    N: Copy + std::fmt::Display + TryInto<i64>,
{
    let amount = n
        .try_into()
        .ok()
        .and_then(|n: i64| Amount::from_decimal(rust_decimal::Decimal::from(n)));
    match (fmt.locale, amount) {
        (Locale::Vi, Some(a)) => fmt.count(a),
        _ => n.to_string(),
    }
}

/// A value in a message: its plain machine form in English (`1234.5`),
/// the locale's separators in Vietnamese (`1.234,5`), decimals kept.
pub fn amount(fmt: Format, a: Amount) -> String {
    match fmt.locale {
        Locale::En => a.to_string(),
        Locale::Vi => fmt.number(a, a.to_decimal().scale() as usize),
    }
}

/// Columns aligned by terminal width (Vietnamese, CJK and emoji stay
/// aligned); the last column is not padded.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    each_table_line(header, rows, |line| {
        out.push_str(line);
        out.push('\n');
    });
    out.pop();
    out
}

/// [`table`] written to standard output a line at a time, each made
/// [visible](crate::text::visible), as [`line`] would the whole table.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) -> CliResult {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut result = Ok(());
    each_table_line(header, rows, |line| {
        if result.is_ok() {
            result = writeln!(out, "{}", crate::text::visible(line));
        }
    });
    result
        .and_then(|()| out.flush())
        .map_err(CliError::from_write)
}

/// The lines of [`table`], each passed to `emit` without its newline.
fn each_table_line(header: &[&str], rows: &[Vec<String>], mut emit: impl FnMut(&str)) {
    let cells = |row: &[String]| -> Vec<usize> { row.iter().map(|c| c.width()).collect() };
    let header_widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    let row_widths: Vec<Vec<usize>> = rows.iter().map(|r| cells(r)).collect();
    let mut widths = header_widths.clone();
    for row in &row_widths {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(*cell);
        }
    }
    let mut out = String::with_capacity(widths.iter().sum::<usize>() + 16);
    let mut render = |cells: &mut dyn Iterator<Item = (&str, usize)>| {
        out.clear();
        let mut cells = cells.peekable();
        let mut i = 0;
        while let Some((cell, width)) = cells.next() {
            out.push_str(cell);
            if cells.peek().is_some() {
                let pad = widths.get(i).map_or(0, |w| w.saturating_sub(width)) + 2;
                out.extend(std::iter::repeat_n(' ', pad));
            }
            i += 1;
        }
        out.truncate(out.trim_end().len());
        emit(&out);
    };
    render(&mut header.iter().copied().zip(header_widths.iter().copied()));
    for (row, w) in rows.iter().zip(&row_widths) {
        render(&mut row.iter().map(String::as_str).zip(w.iter().copied()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VI: Format = Format {
        locale: Locale::Vi,
        currency: crate::i18n::Currency::Vnd,
    };
    const EN: Format = Format {
        locale: Locale::En,
        currency: crate::i18n::Currency::Vnd,
    };

    #[test]
    fn counts_values_and_times_follow_the_locale() {
        assert_eq!(count(EN, 1234), "1234");
        assert_eq!(count(VI, 1234), "1.234");
        assert_eq!(count(VI, 7), "7");
        let a: Amount = "1234.5".parse().expect("amount");
        assert_eq!(amount(EN, a), "1234.5");
        assert_eq!(amount(VI, a), "1.234,5");
        assert_eq!(amount(VI, Amount::from_int(-1200)), "-1.200");
        assert_eq!(EN.stamp("2026-11-22T09:30:00Z"), "2026-11-22T09:30:00Z");
        assert_eq!(VI.stamp("2026-11-22T09:30:00Z"), "22/11/2026 09:30:00 UTC");
        assert_eq!(VI.stamp("garbled"), "garbled");
    }

    #[test]
    fn aligns_by_columns_not_bytes() {
        let t = table(
            &["id", "title", "who"],
            &[
                vec!["1".into(), "Tết".into(), "An".into()],
                vec!["22".into(), "abc".into(), "Bình".into()],
            ],
        );
        assert_eq!(t, "id  title  who\n1   Tết    An\n22  abc    Bình");
    }
}
