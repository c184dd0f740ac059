//! Text measured in terminal columns: Vietnamese with combining marks,
//! CJK and emoji take the columns they show in, so tables stay aligned;
//! and text folded for searching (`fold`).

pub mod fold;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns `s` takes on screen.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `cols` columns, ending with `…` where cut. A cut
/// falls between characters as they show (grapheme clusters): never
/// inside a flag, an emoji sequence or a letter with its marks, whose
/// halves a terminal would draw at widths of its own.
pub fn fit(s: &str, cols: usize) -> String {
    if s.width() <= cols {
        return s.to_string();
    }
    if cols == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w + 1 > cols {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = fit(s, cols);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// `s` broken into lines of at most `cols` columns, between words where
/// it can (a word longer than a line is cut).
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let room = if line.is_empty() {
            cols
        } else {
            cols.saturating_sub(line.width() + 1)
        };
        if word.width() <= room {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line = if word.width() > cols {
            fit(word, cols)
        } else {
            word.to_string()
        };
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_and_pad_count_columns() {
        assert_eq!(fit("日本語テキスト", 7), "日本語…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(pad("Tết", 5), "Tết  ");
        assert_eq!(width(&pad("日本語テキスト", 6)), 6);
        // "e" + combining circumflex + combining acute: one column.
        assert_eq!(width("e\u{302}\u{301}"), 1);
        assert_eq!(pad("Vie\u{302}\u{323}t", 6), "Vie\u{302}\u{323}t  ");
        assert_eq!(width(&pad("🍵 trà", 4)), 4);
        // Flags, emoji sequences and decomposed letters are kept whole.
        assert_eq!(fit("🇻🇳🇯🇵🇺🇸", 5), "🇻🇳🇯🇵…");
        assert_eq!(fit("🇻🇳🇯🇵🇺🇸", 4), "🇻🇳…");
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        assert_eq!(fit(&format!("{family}{family}"), 3), format!("{family}…"));
        assert_eq!(fit("👍🏽👍🏽", 3), "👍🏽…");
        assert_eq!(fit("Vie\u{302}\u{323}t Nam", 4), "Vie\u{302}\u{323}…");
    }

    #[test]
    fn wrap_breaks_between_words_by_columns() {
        assert_eq!(
            wrap("Xóa chiến dịch “Tết 2027”? Chiến dịch này có 12 việc.", 20),
            [
                "Xóa chiến dịch “Tết",
                "2027”? Chiến dịch",
                "này có 12 việc."
            ]
        );
        assert_eq!(wrap("日本語 テキスト", 7), ["日本語", "テキス…"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("a b", 0), ["a", "b"]);
    }
}
