//! The one error an import returns: what is wrong, and exactly where.

use std::fmt;

/// Why a file could not be imported. `line` is the 1-based physical line
/// in the file (comment lines and the lines inside quoted multi-line fields
/// count); 0 means the problem concerns the whole file (it is empty, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub line: usize,
    /// The header of the column, where one cell is at fault.
    pub column: Option<String>,
    /// The 1-based number of that column.
    pub column_number: Option<usize>,
    /// The offending text, as found (trimmed).
    pub text: String,
    /// A complete sentence saying what is wrong, without the location.
    pub message: String,
}

impl ImportError {
    /// A problem with the file as a whole.
    pub(crate) fn file(file: &str, message: impl Into<String>) -> Self {
        Self::line(file, 0, "", message)
    }

    /// A problem with one line (a header, a row with too many fields ...).
    pub(crate) fn line(file: &str, line: usize, text: &str, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_string(),
            line,
            column: None,
            column_number: None,
            text: text.to_string(),
            message: message.into(),
        }
    }

    /// A problem with one cell.
    pub fn cell(
        file: &str,
        line: usize,
        column: &str,
        column_index: usize,
        text: &str,
        message: impl Into<String>,
    ) -> Self {
        ImportError {
            file: file.to_string(),
            line,
            column: Some(column.to_string()),
            column_number: Some(column_index + 1),
            text: text.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    /// One line: `orders.csv:12:4 (Total): '12,3x' is not an amount`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if let Some(n) = self.column_number {
            write!(f, ":{n}")?;
        }
        if let Some(c) = &self.column {
            write!(f, " ({c})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

pub(crate) use crate::text::quoted;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_errors_print_file_line_column_and_header() {
        let e = ImportError::cell(
            "orders.csv",
            12,
            "Total",
            3,
            "12,3x",
            "'12,3x' is not an amount",
        );
        assert_eq!(
            e.to_string(),
            "orders.csv:12:4 (Total): '12,3x' is not an amount"
        );
        assert_eq!(e.column_number, Some(4));
    }

    #[test]
    fn file_errors_have_no_line() {
        let e = ImportError::file("kpi.csv", "the file is empty");
        assert_eq!(e.to_string(), "kpi.csv: the file is empty");
        let e = ImportError::line("kpi.csv", 3, "", "no header");
        assert_eq!(e.to_string(), "kpi.csv:3: no header");
    }
}
