//! The footer: what stays while the database file is gone from its path,
//! the key hints of the context shown, and the status line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, tasks};
use crate::app::{Action, App, Context, Tab};
use crate::text::{fit, width};

/// The footer's rows on a screen `cols` wide: key hints and the status
/// line, and above them what stays while the database file is gone from
/// its path (see [`notice_lines`]).
pub(super) fn footer_rows(app: &App, cols: u16, t: Theme) -> u16 {
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

/// An action's label where `ctx` binds it.
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

pub(super) fn action_label<'a>(
    ui: &'a crate::i18n::UiWords,
    ctx: Context,
    name: &'a str,
) -> &'a str {
    crate::app::help::label(ui, ctx, name)
}

pub(super) fn render_footer(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
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
