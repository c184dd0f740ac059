//! A key typed into a text input. Some Vietnamese input methods send a
//! letter and its marks as separate characters (NFD: `e`, U+0302,
//! U+0301); each mark is composed with its letter as it arrives (NFC:
//! `ế`), so every input holds, shows and hands on the one letter.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Types `key` into `area`, composing a combining mark with the letter
/// before it.
pub fn type_key(area: &mut TextArea<'static>, key: KeyEvent) {
    area.input(key);
    if let KeyCode::Char(c) = key.code
        && is_combining_mark(c)
    {
        compose_before_cursor(area);
    }
}

fn compose_before_cursor(area: &mut TextArea<'static>) {
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    let Some(line) = area.lines().get(row) else {
        return;
    };
    let before: Vec<char> = line.chars().take(col).collect();
    let start = before
        .iter()
        .rposition(|c| !is_combining_mark(*c))
        .unwrap_or(0);
    let cluster: String = before[start..].iter().collect();
    let composed: String = cluster.nfc().collect();
    if composed != cluster {
        for _ in start..col {
            area.delete_char();
        }
        area.insert_str(composed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn typed(text: &str) -> TextArea<'static> {
        let mut area = TextArea::default();
        for c in text.chars() {
            type_key(
                &mut area,
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            );
        }
        area
    }

    #[test]
    fn marks_typed_after_a_letter_are_composed_with_it() {
        let area = typed("Vie\u{302}\u{323}t Nam tha\u{300}nh co\u{302}ng");
        assert_eq!(area.lines(), ["Việt Nam thành công"]);
        assert_eq!(area.cursor(), (0, "Việt Nam thành công".chars().count()));
        // A mark with no letter to go with stays as typed.
        assert_eq!(typed("\u{301}a").lines(), ["\u{301}a"]);
    }
}
