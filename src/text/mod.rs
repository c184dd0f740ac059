//! Text measured in terminal columns: Vietnamese with combining marks,
//! CJK and emoji take the columns they show in, so tables stay aligned;
//! and text folded for searching (`fold`).

pub mod fold;

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `c` would act on a terminal instead of showing: a C0 or C1
/// control (ESC starts escape sequences, BEL rings, CR returns the
/// cursor, NUL …), DEL, or a bidirectional embedding, override or
/// isolate (U+202A–U+202E, U+2066–U+2069), which reorders what follows.
pub fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` safe to print on a terminal: line breaks and tabs kept, every other
/// [hostile](is_hostile) character shown instead of obeyed, a C0 control
/// as its picture (ESC `␛`, BEL `␇`, CR `␍`, NUL `␀`), DEL as `␡`, the
/// rest as `�`.
pub fn visible(s: &str) -> Cow<'_, str> {
    // Plain ASCII, most of any output, is cleared a byte at a time.
    let suspect = |b: u8| b >= 0x7f || (b < 0x20 && b != b'\n' && b != b'\t');
    if !s.bytes().any(suspect) || !s.chars().any(|c| is_hostile(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\t' => c,
                '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                c if is_hostile(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// A text quoted for a one-line message: `'…'`, with line breaks and tabs
/// shown as `\n`, `\t`, other control characters as visible marks (an
/// escape sequence in a file never reaches the terminal), and anything
/// past 60 characters cut.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for (i, c) in text.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push_str(&visible(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out.push('\'');
    out
}

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
    fn quoting_keeps_one_line() {
        assert_eq!(quoted("a\nb"), "'a\\nb'");
        assert_eq!(quoted("\u{1b}[2J\u{7}"), "'␛[2J␇'");
        assert_eq!(quoted(&"x".repeat(70)), format!("'{}…'", "x".repeat(60)));
    }

    #[test]
    fn hostile_characters_are_shown_not_obeyed() {
        assert_eq!(visible("plain\tViệt\n"), "plain\tViệt\n");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\u{1b}[2Jb\u{7}c\rd\0e\u{7f}f\u{202e}g\u{85}"),
            "a␛[2Jb␇c␍d␀e␡f\u{fffd}g\u{fffd}"
        );
    }

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
