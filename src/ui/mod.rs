//! Drawing the TUI from an `App`, which it only reads: a header with the
//! tabs, the tab's body, a footer with key hints and the status line, and
//! any overlay on top.

pub mod channels;
mod checklist;
mod cohorts;
mod conflict;
mod detail;
mod footer;
mod form;
mod funnel;
mod help;
mod import;
mod kpis;
pub mod mouse;
mod notes;
mod picker;
mod plan;
pub mod scoreboard;
mod strategy;
mod table;
mod tasks;
pub mod theme;
mod undo_refused;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::{App, Fit, Overlay, Tab};
use crate::i18n::Format;
use crate::text::{fit, width, wrap};
pub use footer::hint_spans;
use footer::{action_label, footer_rows, render_footer};
pub use theme::Theme;

/// Below this many columns and rows the screen shows a one-line notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Whether a screen of `area` is below the size the tabs need: it then
/// shows only a notice, and the App takes no key but quit.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The rows left for the body between the header and the footer.
fn body(app: &App, area: Rect) -> Rect {
    body_drawn(app, area, theme(app))
}

pub(crate) fn body_drawn(app: &App, area: Rect, t: Theme) -> Rect {
    let [_, body, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(footer_rows(app, area.width, t)),
    ])
    .areas(area);
    body
}

/// What the update logic needs to know of a screen of `area`: how many
/// task rows the list shows (to keep the selection in view), whether the
/// KPIs tab shows its notes beside the figures, and the Plan tab's
/// timeline columns and rows (to keep its selection among what is shown).
pub fn screen_fit(app: &App, area: Rect) -> Fit {
    fit_drawn(app, area, theme(app))
}

/// [`screen_fit`] for a frame drawn with `t` (with or without chrome).
pub fn fit_drawn(app: &App, area: Rect, t: Theme) -> Fit {
    let body = body_drawn(app, area, t);
    let (timeline_cols, timeline_rows) = plan::timeline_fit(body);
    Fit {
        list_height: tasks::list_rows(body),
        detail_beside: detail::beside(body),
        notes_beside: app
            .kpis
            .as_ref()
            .is_some_and(|k| kpis::notes_beside(k, body)),
        timeline_cols,
        timeline_rows,
        board_columns: scoreboard::shown_columns(app, area),
        too_small: too_small(area),
    }
}

pub fn theme(app: &App) -> Theme {
    Theme {
        color: app.config.theme == crate::config::Theme::Default,
        ascii: app.ascii,
        chrome: true,
    }
}

/// The theme of a frame printed as text (`funnel snapshot`): text has no
/// colour, so the marks colour would give are written out. Without
/// `chrome`, for a mail or a pipe: the tab's content with a title line,
/// without the tab bar, key hints and example text.
pub fn printed_theme(app: &App, chrome: bool) -> Theme {
    Theme {
        color: false,
        chrome,
        ..theme(app)
    }
}

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    draw(app, frame, theme(app));
}

/// Draws the screen with `t`, which says whether the chrome is drawn.
pub fn draw(app: &App, frame: &mut Frame<'_>, t: Theme) {
    let area = frame.area();
    if too_small(area) {
        let need = format!("{MIN_WIDTH}x{MIN_HEIGHT}");
        let text = Format::fill(app.words().ui.too_small, need);
        frame.render_widget(Paragraph::new(fit(&text, area.width as usize)), area);
        t.asciify(frame.buffer_mut(), area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(footer_rows(app, area.width, t)),
    ])
    .areas(area);
    if t.chrome {
        render_header(app, frame, header, t);
    } else {
        render_title(app, frame, header, t);
    }
    match app.tab {
        Tab::Tasks => tasks::render(app, frame, body, t),
        Tab::Kpis => kpis::render(app, frame, body, t),
        Tab::Plan => plan::render(app, frame, body, t),
        Tab::Strategy => strategy::render(app, frame, body, t),
    }
    render_footer(app, frame, footer, t);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help(h) => help::render(app, h, frame, area, t),
        Overlay::Confirm { question, .. } => render_question(question, frame, area, t),
        Overlay::Form(form) => form::render(app, form, frame, area, t),
        Overlay::Conflict(c) => conflict::render(app, c, frame, area, t),
        Overlay::Picker(p) => picker::render(app, p, frame, area, t),
        Overlay::Editor(ed) => render_editor(app, ed, frame, area, t),
        Overlay::Import(i) => import::render(app, i, frame, area, t),
        Overlay::UndoRefused(r) => undo_refused::render(app, r, frame, area, t),
    }
    t.asciify(frame.buffer_mut(), area);
}

/// The plain frame's first line: what it shows, of which file, on which day.
fn render_title(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let tab = app.words().ui.tabs[app.tab.index()];
    let title = format!(
        "funnel · {tab} · {} · {}",
        app.db_name,
        app.format().date(app.today)
    );
    frame.render_widget(
        Span::styled(fit(&title, area.width as usize), t.title()),
        area,
    );
}

/// The tab bar's first words, before the tabs.
pub const BRAND: &str = " funnel ";

/// A tab's label in the tab bar (a click on it shows the tab).
pub fn tab_label(app: &App, tab: Tab) -> String {
    format!(" {} {} ", tab.index() + 1, app.words().ui.tabs[tab.index()])
}

fn render_header(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let ui = &app.words().ui;
    let mut spans = vec![Span::styled(BRAND, t.title())];
    for tab in Tab::ALL {
        let label = tab_label(app, tab);
        let style = if tab == app.tab {
            t.active_tab()
        } else {
            t.base()
        };
        spans.push(Span::styled(label, style));
    }
    let mut right = format!("{} {} ", app.db_name, app.format().date(app.today));
    if app.read_only {
        right = format!("[{}] {right}", ui.read_only);
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(used);
    if room > 4 {
        let right = fit(&right, room);
        spans.push(Span::raw(" ".repeat(room - width(&right))));
        spans.push(Span::styled(right, t.dim()));
    }
    frame.render_widget(Line::from(spans), area);
}

/// A rectangle of `w` x `h` in the middle of `area`, within it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The built-in editor of long text, over most of the screen.
fn render_editor(
    app: &App,
    ed: &crate::app::editor::TextEditor,
    frame: &mut Frame<'_>,
    area: Rect,
    t: Theme,
) {
    let r = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_set(t.border())
        .title(Span::styled(format!(" {} ", ed.request.title), t.title()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [text, keys] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&ed.area, text);
    let help = app.words().ui.strategy.editor_keys;
    frame.render_widget(Span::styled(fit(help, keys.width as usize), t.dim()), keys);
}

/// Widest a question stands before it wraps.
const QUESTION_WIDTH: u16 = 72;

fn render_question(question: &str, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = (width(question) as u16 + 4).clamp(20, QUESTION_WIDTH.min(area.width));
    let lines: Vec<Line> = wrap(question, w.saturating_sub(4) as usize)
        .into_iter()
        .map(Line::raw)
        .collect();
    let r = centered(area, w, lines.len() as u16 + 2);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_set(t.border())
        .border_style(t.warning());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| fit_line(l, inner.width as usize))
        .collect();
    frame.render_widget(Paragraph::new(lines).style(Style::new()), inner);
}

/// A line cut to `cols` display columns, keeping each span's style.
pub(crate) fn fit_line(line: Line<'static>, cols: usize) -> Line<'static> {
    let mut used = 0;
    let mut spans = Vec::new();
    for s in line.spans {
        let room = cols.saturating_sub(used);
        if room == 0 {
            break;
        }
        let text = fit(&s.content, room);
        used += width(&text);
        spans.push(Span::styled(text, s.style));
    }
    Line::from(spans).style(line.style)
}
