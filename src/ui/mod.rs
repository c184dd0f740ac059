//! Drawing the TUI from an `App`, which it only reads: a header with the
//! tabs, the tab's body, a footer with key hints and the status line, and
//! any overlay on top.

pub mod channels;
mod checklist;
mod cohorts;
mod conflict;
mod detail;
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

use crate::app::{Action, App, Context, Fit, Overlay, Tab};
use crate::i18n::Format;
use crate::text::{fit, width, wrap};
pub use theme::Theme;

/// Below this many columns and rows the screen shows a one-line notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Whether a screen of `area` is below the size the tabs need: it then
/// shows only a notice, and the App takes no key but quit.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The footer's rows on a screen `cols` wide: key hints and the status
/// line, and above them what stays while the database file is gone from
/// its path (see [`notice_lines`]).
fn footer_rows(app: &App, cols: u16, t: Theme) -> u16 {
    let chrome = if t.chrome { 2 } else { 1 };
    chrome + notice_lines(app, cols as usize).len() as u16
}

/// What happened to the database file and what to do: one line where
/// both fit, else each on its own, so the key is never cut off.
fn notice_lines(app: &App, cols: usize) -> Vec<String> {
    match app.notice() {
        None => Vec::new(),
        Some([what, then]) => {
            let one = format!("{what} {then}");
            if width(&one) <= cols {
                vec![one]
            } else {
                vec![what, then]
            }
        }
    }
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

/// The actions worth a hint in each context, most important first: what
/// does not fit the width is left to the help overlay, which the footer
/// always offers (see [`hint_spans`]). On the Plan tab only the keys of
/// the view shown.
fn hinted(app: &App, ctx: Context) -> &'static [Action] {
    use crate::app::plan::PlanView;
    let view = app.plan.as_ref().map(|p| p.view);
    match ctx {
        // The sort keys where they act, right after the key that shows
        // the table.
        Context::Plan if view == Some(PlanView::Scoreboard) => &[
            Action::ToggleScoreboard,
            Action::CycleSort,
            Action::ReverseSort,
            Action::OpenTasks,
            Action::Add,
            Action::AddTaskToCampaign,
            Action::Edit,
            Action::Delete,
            Action::Help,
            Action::Quit,
        ],
        // The workload table moves with nothing but its own keys.
        Context::Plan if view == Some(PlanView::Workload) => &[
            Action::ToggleWorkload,
            Action::ToggleScoreboard,
            Action::Help,
            Action::Quit,
        ],
        Context::Tasks => &[
            Action::ToggleDone,
            Action::Add,
            Action::Edit,
            Action::Filter,
            Action::ToggleDoneShown,
            Action::Undo,
            Action::Help,
            Action::Quit,
            Action::CycleStatus,
            Action::DueLater,
            Action::DueEarlier,
            Action::CyclePriority,
            Action::Delete,
            Action::CycleGrouping,
            Action::ToggleNext,
            Action::ToggleBoard,
        ],
        Context::Kpis => &[
            Action::Record,
            Action::Import,
            Action::PrevPeriod,
            Action::NextPeriod,
            Action::CycleChart,
            Action::FunnelView,
            Action::PickScope,
            Action::Add,
            Action::FollowUp,
            Action::CycleGranularity,
            Action::CurrentPeriod,
            Action::Edit,
            Action::Delete,
            Action::Undo,
            Action::Help,
            Action::Quit,
            Action::WholeBusiness,
            Action::ToggleCompare,
        ],
        Context::Plan => &[
            Action::Add,
            Action::Edit,
            Action::OpenTasks,
            Action::AddTaskToCampaign,
            Action::ToggleScoreboard,
            Action::ToggleWorkload,
            Action::PrevPeriod,
            Action::NextPeriod,
            Action::CurrentPeriod,
            Action::ToggleZoom,
            Action::Delete,
            Action::Help,
            Action::Quit,
        ],
        Context::Strategy => &[
            Action::Add,
            Action::Edit,
            Action::Right,
            Action::Left,
            Action::Open,
            Action::Delete,
            Action::Help,
            Action::Quit,
        ],
        Context::Global => &[Action::NextTab, Action::Undo, Action::Help, Action::Quit],
        Context::Filter => &[Action::Submit, Action::Cancel],
        Context::Form => &[
            Action::Submit,
            Action::Cancel,
            Action::NextField,
            Action::Complete,
        ],
        // Only the answers the open question takes are hinted.
        Context::Confirm => &[
            Action::Yes,
            Action::KeepTasks,
            Action::DeleteTasksToo,
            Action::KeepMine,
            Action::TakeTheirs,
            Action::SkipChange,
            Action::UndoAnyway,
            Action::No,
        ],
        Context::Help => &[Action::Submit, Action::Down, Action::Up, Action::No],
        // The picker's own last line says how it works.
        Context::Picker => &[],
        Context::Editor => &[Action::Submit, Action::Cancel],
        Context::Waiting => &[Action::Cancel],
        Context::Path => &[Action::Submit, Action::Cancel, Action::Complete],
    }
}

/// "key label" pairs for the footer, from the keys really bound, as many
/// whole pairs as fit in `cols`, the help's always among them; changes
/// are not offered when read-only, nor once the file is gone from its
/// path, when reopening comes first.
pub fn hint_spans(app: &App, ctx: Context, t: Theme, cols: usize) -> Vec<Span<'static>> {
    let ui = &app.words().ui;
    let mut spans = Vec::new();
    let help = hinted(app, ctx)
        .contains(&Action::Help)
        .then(|| app.keymap.key_text(ctx, Action::Help))
        .flatten()
        .map(|key| {
            let name = Action::Help.name().unwrap_or_default();
            let label = format!(" {}  ", action_label(ui, ctx, name));
            (key, label)
        });
    // The help's room is kept, so it is never the pair cut off.
    let mut used = help.as_ref().map_or(0, |(k, l)| width(k) + width(l));
    let detached = app.store().detached().is_some();
    let reopen = [Action::Reopen];
    let first: &[Action] = if detached && ctx.inherits_global() {
        &reopen
    } else {
        &[]
    };
    for a in first.iter().chain(hinted(app, ctx)) {
        if *a == Action::Help && help.is_some() {
            continue;
        }
        if (app.read_only || detached) && a.writes() {
            continue;
        }
        if ctx == Context::Confirm && !app.overlay.answers().contains(a) {
            continue;
        }
        let Some(key) = app.keymap.key_text(ctx, *a).map(|k| arrow(k, t)) else {
            continue;
        };
        let label = format!(" {}  ", a.name().map_or("", |n| action_label(ui, ctx, n)));
        let w = width(&key) + width(&label);
        if used + w > cols + 2 {
            break;
        }
        used += w;
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(label));
    }
    if let Some((key, label)) = help {
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(label));
    }
    spans
}

/// A key as a hint shows it: the arrow keys as arrows (`→`, not
/// `Right`), except where only ASCII is drawn.
pub(crate) fn arrow(key: String, t: Theme) -> String {
    let arrow = match key.as_str() {
        "Right" => "→",
        "Left" => "←",
        "Up" => "↑",
        "Down" => "↓",
        _ => return key,
    };
    if t.ascii { key } else { arrow.to_string() }
}

/// An action's label where `ctx` binds it.
fn action_label<'a>(ui: &'a crate::i18n::UiWords, ctx: Context, name: &'a str) -> &'a str {
    crate::app::help::label(ui, ctx, name)
}

fn render_footer(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let hint_rows = u16::from(t.chrome);
    let [notice, hints, status] = Layout::vertical([
        Constraint::Length(area.height.saturating_sub(1 + hint_rows)),
        Constraint::Length(hint_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let cols = area.width as usize;
    let lines: Vec<Line<'static>> = notice_lines(app, cols)
        .iter()
        .map(|l| Line::styled(fit(l, cols), t.warning()))
        .collect();
    frame.render_widget(Paragraph::new(lines), notice);
    frame.render_widget(Line::from(hint_spans(app, app.context(), t, cols)), hints);
    let line = match (app.waiting_line(), &app.status) {
        (Some(text), _) => Line::styled(fit(&text, cols), t.warning()),
        (None, Some(s)) => Line::styled(
            fit(&s.text, cols),
            if s.error { t.warning() } else { t.base() },
        ),
        (None, None) if app.tab == Tab::Tasks => tasks::summary(app, t, cols),
        (None, None) => Line::default(),
    };
    frame.render_widget(line, status);
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
