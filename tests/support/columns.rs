//! A check that the columns of a rendered table stand apart: no value runs
//! into the next column (`#[path = "support/columns.rs"]`).

use unicode_width::UnicodeWidthChar;

/// The screen cells of a line: each character with the column it starts
/// at (a wide character takes two).
fn cells(line: &str) -> Vec<(usize, char)> {
    let mut x = 0;
    line.chars()
        .map(|c| {
            let at = x;
            x += c.width().unwrap_or(0);
            (at, c)
        })
        .collect()
}

/// The character shown at column `x` of `line`; a space past its end or in
/// the second half of a wide character.
fn at(line: &str, x: usize) -> char {
    cells(line)
        .into_iter()
        .find(|(start, c)| *start == x || (*start < x && x < start + c.width().unwrap_or(0)))
        .map_or(' ', |(start, c)| if start == x { c } else { '\u{2060}' })
}

/// Where the columns of a table start, read off its heading between
/// columns `from` and `to`: where text begins after two spaces or more.
pub fn column_starts(heading: &str, from: usize, to: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut blanks = 2;
    for x in from..to {
        if at(heading, x) == ' ' {
            blanks += 1;
        } else {
            if blanks >= 2 && x > from {
                starts.push(x);
            }
            blanks = 0;
        }
    }
    starts
}

/// Panics, naming the row, where a row of `rows` has anything in the
/// column just before one of the heading's column starts: a value that
/// runs into the next column, or two columns that touch.
pub fn assert_columns_apart(heading: &str, rows: &[&str], from: usize, to: usize) {
    let starts = column_starts(heading, from, to);
    assert!(!starts.is_empty(), "no columns in the heading {heading:?}");
    for row in rows {
        for &x in &starts {
            let before = at(row, x - 1);
            assert!(
                before == ' ',
                "{before:?} at column {} runs into the column at {x}:\n{heading}\n{row}",
                x - 1
            );
        }
    }
}
