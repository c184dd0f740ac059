//! Plain-text tables and JSON on standard output.

use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{CliError, CliResult};

/// Prints `value` as pretty JSON followed by a newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::user(format!("cannot write JSON: {e}")))?;
    line(&text)
}

/// Prints one line; a closed pipe (`funnel task list | head`) is not an error.
pub fn line(text: &str) -> CliResult {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::user(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

pub use crate::text::fit;

/// Columns aligned by terminal width (Vietnamese, CJK and emoji stay
/// aligned); the last column is not padded.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let render = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut s = String::new();
        for (i, cell) in cells.into_iter().enumerate() {
            s.push_str(cell);
            if i < last {
                let pad = widths[i].saturating_sub(cell.width()) + 2;
                s.extend(std::iter::repeat_n(' ', pad));
            }
        }
        s.trim_end().to_string()
    };
    let mut lines = vec![render(header.to_vec())];
    for row in rows {
        lines.push(render(row.iter().map(String::as_str).collect()));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

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
