//! Tables whose columns never run into each other, in any locale: each
//! column as wide as its widest cell (heading included), one space between
//! columns; the first column (a name) takes what the others leave, within
//! bounds, and is cut with an ellipsis (the detail pane shows it whole);
//! when the width runs short, columns give way in a stated order.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::{fit, pad, width};

/// The columns shown in `total` cells and each one's width, left to right,
/// as (column index, width). `cells[0]` holds the headings; column 0 is
/// the name, `name` its least and most width; `kept_first` lists the other
/// columns by how long they stay.
pub fn fit_columns(
    cells: &[Vec<String>],
    total: usize,
    kept_first: &[usize],
    (name_min, name_max): (usize, usize),
) -> Vec<(usize, usize)> {
    let count = cells.first().map_or(0, Vec::len);
    let natural: Vec<usize> = (0..count)
        .map(|c| {
            cells
                .iter()
                .map(|row| row.get(c).map_or(0, |s| width(s)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut kept = vec![0];
    let mut used = name_min;
    for &c in kept_first.iter().filter(|c| **c != 0 && **c < count) {
        let need = natural[c] + 1;
        if used + need <= total {
            kept.push(c);
            used += need;
        }
    }
    let name = natural
        .first()
        .copied()
        .unwrap_or(0)
        .clamp(name_min, name_max)
        .min(total.saturating_sub(used - name_min))
        .max(1);
    (0..count)
        .filter(|c| kept.contains(c))
        .map(|c| (c, if c == 0 { name } else { natural[c] }))
        .collect()
}

/// Where each fitted column starts from `x0`: (column index, x, width).
pub fn spans(fitted: &[(usize, usize)], x0: u16) -> Vec<(usize, u16, u16)> {
    let mut x = x0;
    fitted
        .iter()
        .map(|&(c, w)| {
            let at = x;
            x = x.saturating_add(w as u16 + 1);
            (c, at, w as u16)
        })
        .collect()
}

/// A cell's text in `cols` cells: cut with an ellipsis where longer,
/// figures to the right.
pub fn cell_text(text: &str, right: bool, cols: usize) -> String {
    let text = fit(text, cols);
    if right {
        format!("{}{text}", " ".repeat(cols.saturating_sub(width(&text))))
    } else {
        pad(&text, cols)
    }
}

/// One row of the table in its fitted columns.
pub fn row_line(
    row: &[String],
    fitted: &[(usize, usize)],
    right: &dyn Fn(usize) -> bool,
    style: &dyn Fn(usize) -> Style,
) -> Line<'static> {
    let mut out = Vec::new();
    for (i, &(c, w)) in fitted.iter().enumerate() {
        if i > 0 {
            out.push(Span::raw(" "));
        }
        let text = row.get(c).map_or("", String::as_str);
        out.push(Span::styled(cell_text(text, right(c), w), style(c)));
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn columns_take_their_widest_cell_and_give_way_from_the_last_kept() {
        let cells = vec![
            row(&["Name", "Spend", "Conversions", "ROAS"]),
            row(&["Black Friday 2026", "15,285,000 ₫", "—", "20.51×"]),
        ];
        // 17 + 1+12 + 1+11 + 1+6 = 49.
        assert_eq!(
            fit_columns(&cells, 49, &[1, 3, 2], (10, 30)),
            [(0, 17), (1, 12), (2, 11), (3, 6)]
        );
        // Conversions gives way first, then the name is cut.
        assert_eq!(
            fit_columns(&cells, 40, &[1, 3, 2], (10, 30)),
            [(0, 17), (1, 12), (3, 6)]
        );
        assert_eq!(
            fit_columns(&cells, 30, &[1, 3, 2], (10, 30)),
            [(0, 10), (1, 12), (3, 6)]
        );
        let spans = spans(&[(0, 10), (1, 12), (3, 6)], 0);
        assert_eq!(spans, [(0, 0, 10), (1, 11, 12), (3, 24, 6)]);
    }

    #[test]
    fn cells_are_cut_with_an_ellipsis_and_figures_sit_on_the_right() {
        assert_eq!(cell_text("Chăm sóc khách cũ", false, 8), "Chăm só…");
        assert_eq!(cell_text("2/4", true, 5), "  2/4");
        assert_eq!(cell_text("đã xong", false, 9), "đã xong  ");
    }
}
