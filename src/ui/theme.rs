//! Colours and symbols: 16 colours by default, none under `NO_COLOR` or
//! the mono theme (emphasis by bold and reverse video only), and plain
//! ASCII for terminals or fonts without box drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    /// The dashboard's chrome (tab bar, key hints, example text) is drawn;
    /// off for a frame printed for a mail or a pipe.
    pub chrome: bool,
}

/// Borders drawn with `+`, `-` and `|`.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn border(self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::ROUNDED
        }
    }

    pub fn base(self) -> Style {
        Style::new()
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn active_tab(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Overdue dates and errors: the warning colour.
    pub fn warning(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn soon(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn done(self) -> Style {
        self.dim().add_modifier(Modifier::CROSSED_OUT)
    }

    /// The checkbox of a task.
    pub fn check(self, done: bool) -> &'static str {
        match (done, self.ascii) {
            (true, true) => "[x]",
            (false, true) => "[ ]",
            (true, false) => "[✓]",
            (false, false) => "[ ]",
        }
    }

    pub fn separator(self) -> &'static str {
        if self.ascii { "|" } else { "│" }
    }

    pub fn ellipsis_line(self) -> &'static str {
        if self.ascii { "-" } else { "─" }
    }

    /// Under `--ascii`, turns every symbol in `area` that is not ASCII
    /// into one that is: the frame's truncation marks, separators, arrows
    /// and bars, and a chart's axes and legend, whose symbols cannot be
    /// chosen. Letters are left as written: they are the user's data.
    pub fn asciify(self, buf: &mut Buffer, area: Rect) {
        if !self.ascii {
            return;
        }
        let area = area.intersection(buf.area);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let cell = &mut buf[(x, y)];
                if let Some(plain) = ascii_symbol(cell.symbol()) {
                    cell.set_symbol(plain);
                }
            }
        }
    }
}

/// The ASCII stand-in of a one-column symbol, or `None` where it is ASCII
/// already or a letter.
fn ascii_symbol(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if c.is_ascii() || c.is_alphabetic() || c == '₫' {
        return None;
    }
    Some(match c {
        '─' | '━' | '═' | '·' | '—' | '–' | '−' | '↔' => "-",
        '│' | '┃' | '║' => "|",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' => {
            "+"
        }
        '•' => "*",
        '…' | '≈' | '↻' => "~",
        '→' | '▶' | '▸' => ">",
        '←' | '◀' => "<",
        '↑' => "^",
        '↓' => "v",
        '“' | '”' => "\"",
        '‘' | '’' => "'",
        '×' | '☑' | '✓' | '▒' => "x",
        '█' => "#",
        '┄' => "=",
        '░' => ".",
        '☐' => "_",
        _ if ('\u{2800}'..='\u{28ff}').contains(&c) => ".",
        _ => "?",
    })
}
