//! The mouse, mapped to the actions keys give: a click on a tab's title
//! shows it, a click on a row of the Tasks list or a card of the board
//! selects it, the wheel moves the selection of the list under it; a
//! click anywhere, at any size, never panics. Events as the terminal
//! sends them (crossterm `MouseEvent`s). On the demo in a real file.

use super::*;
use funnel::app::tasks::{Row, TaskView};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

fn on_demo_file(w: u16, h: u16) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut app = App::new(store, settings(Locale::En, false, Keymap::default())).expect("app");
    screen(&mut app, w, h);
    (dir, app)
}

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16, w: u16, h: u16) {
    let event = MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    funnel::tui::mouse::on_mouse(app, &event, Rect::new(0, 0, w, h));
    screen(app, w, h);
}

fn click(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y, 80, 24);
}

/// The column where `text` starts on line `y` of the frame.
fn column_of(app: &mut App, y: usize, text: &str) -> u16 {
    let frame = screen(app, 80, 24);
    let line = frame.lines().nth(y).unwrap_or_default();
    let at = line
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} in {line:?}"));
    funnel::text::width(&line[..at]) as u16
}

#[test]
fn a_click_on_a_tab_title_shows_the_tab() {
    let (_dir, mut app) = on_demo_file(80, 24);
    for (title, tab) in [
        ("1 Strategy", Tab::Strategy),
        ("4 KPIs", Tab::Kpis),
        ("2 Plan", Tab::Plan),
        ("3 Tasks", Tab::Tasks),
    ] {
        let x = column_of(&mut app, 0, title);
        // The label's first and last cells both count.
        click(&mut app, x, 0);
        assert_eq!(app.tab, tab, "{title}");
        click(&mut app, 0, 0);
        assert_eq!(app.tab, tab, "the program's name is no tab");
    }
}

#[test]
fn a_click_on_a_row_selects_its_task_and_on_a_heading_nothing() {
    let (_dir, mut app) = on_demo_file(80, 24);
    // Header, filter line, column headings: the first task row is row 3.
    for (y, row) in [(7u16, 4usize), (3, 0), (21, 18)] {
        click(&mut app, 10, y);
        assert_eq!(app.tasks.cursor, row, "row {y}");
        let Row::Task(i) = app.tasks.rows[row] else {
            panic!("a task row");
        };
        assert_eq!(
            selected(&app).0,
            app.tasks.lines.get(i).expect("line").task.id
        );
    }
    typed(&mut app, "o");
    assert!(matches!(app.tasks.rows[0], Row::Heading(..)));
    let before = app.tasks.cursor;
    click(&mut app, 10, 3);
    assert_eq!(app.tasks.cursor, before, "a heading is not selected");
}

#[test]
fn a_click_on_a_card_selects_it() {
    let (_dir, mut app) = on_demo_file(80, 24);
    typed(&mut app, "b");
    assert_eq!(app.tasks.view, TaskView::Board);
    // Columns of 20 cells, each in a frame: the second card of "doing"
    // is on row 4 (header, filter line, the frame's top, the first card).
    click(&mut app, 25, 4);
    assert_eq!((app.tasks.board_column, app.tasks.board_rows[1]), (1, 1));
    let id = app
        .tasks
        .lines
        .get(app.tasks.columns[1][1])
        .expect("card")
        .task
        .id;
    assert_eq!(selected(&app).0, id);
    // A click on a frame's border or below the cards selects nothing new.
    click(&mut app, 45, 2);
    click(&mut app, 45, 21);
    assert_eq!(app.tasks.board_column, 1);
}

#[test]
fn the_wheel_moves_the_selection_of_the_list_under_it() {
    let (_dir, mut app) = on_demo_file(80, 24);
    let cases = [
        (MouseEventKind::ScrollDown, 10, 1),
        (MouseEventKind::ScrollDown, 10, 2),
        (MouseEventKind::ScrollUp, 10, 1),
        // Over the tab bar, nothing moves.
        (MouseEventKind::ScrollDown, 0, 1),
    ];
    for (kind, y, row) in cases {
        mouse(&mut app, kind, 20, y, 80, 24);
        assert_eq!(app.tasks.cursor, row, "{kind:?} at row {y}");
    }
}

#[test]
fn an_open_form_or_filter_line_keeps_to_its_keys() {
    let (_dir, mut app) = on_demo_file(80, 24);
    typed(&mut app, "a");
    let x = column_of(&mut app, 0, "1 Strategy");
    click(&mut app, x, 0);
    assert_eq!(app.tab, Tab::Tasks);
    assert!(matches!(app.overlay, Overlay::Form(_)));
    typed(&mut app, "\x1b/");
    click(&mut app, x, 0);
    assert_eq!(app.tab, Tab::Tasks);
}

#[test]
fn a_click_or_the_wheel_anywhere_at_any_size_never_panics() {
    let kinds = [
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Drag(MouseButton::Left),
    ];
    for (w, h) in [(80, 24), (160, 48), (39, 9), (1, 1), (0, 0)] {
        for keys in ["", "b", "\n", "4", "1"] {
            let (_dir, mut app) = on_demo_file(w.max(1), h.max(1));
            typed(&mut app, keys);
            for y in (0..h + 2).step_by(2) {
                for x in (0..w + 2).step_by(5) {
                    for kind in kinds {
                        let event = MouseEvent {
                            kind,
                            column: x,
                            row: y,
                            modifiers: KeyModifiers::NONE,
                        };
                        funnel::tui::mouse::on_mouse(&mut app, &event, Rect::new(0, 0, w, h));
                    }
                }
                // Drawn now and then, as the terminal loop does.
                screen(&mut app, w.max(1), h.max(1));
            }
        }
    }
}

/// The screen row where `text` first shows, below the tab bar.
fn row_of(app: &mut App, text: &str) -> u16 {
    let frame = screen(app, 80, 24);
    let y = frame
        .lines()
        .skip(1)
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} in\n{frame}"));
    y as u16 + 1
}

#[test]
fn a_click_on_a_strategy_item_selects_it_and_on_a_heading_nothing() {
    let (_dir, mut app) = on_demo_file(80, 24);
    typed(&mut app, "1");
    let s = app.strategy.as_ref().expect("strategy");
    let second = s.objectives[1].objective.title.clone();
    let y = row_of(&mut app, &second[..12]);
    click(&mut app, 4, y);
    assert_eq!(app.strategy.as_ref().expect("strategy").selected(), 1);
    click(&mut app, 4, y - 1);
    assert_eq!(app.strategy.as_ref().expect("strategy").selected(), 0);
    // Resources: the budgets under their heading, the first row.
    typed(&mut app, "llll");
    let heading = row_of(&mut app, "Budgets");
    click(&mut app, 4, heading + 2);
    let s = app.strategy.as_ref().expect("strategy");
    let second = funnel::domain::RecordRef::of(s.budgets[1].budget.id);
    assert_eq!(s.selected_item(), Some(second));
    click(&mut app, 4, heading);
    let s = app.strategy.as_ref().expect("strategy");
    assert_eq!(s.selected_item(), Some(second), "a heading selects nothing");
}

#[test]
fn a_click_on_a_campaign_selects_it_on_the_timeline_and_the_scoreboard() {
    let (_dir, mut app) = on_demo_file(80, 24);
    typed(&mut app, "2");
    for view in ["timeline", "scoreboard"] {
        let frame = screen(&mut app, 80, 24);
        let p = app.plan.as_ref().expect("plan");
        // The third campaign row under the heading line and the axis or
        // the columns' headings.
        let y = 4u16;
        let line = frame.lines().nth(usize::from(y)).unwrap_or_default();
        let named = p
            .campaigns
            .iter()
            .find(|c| {
                let name = &c.campaign.name;
                let start: String = name.chars().take(10).collect();
                line.starts_with(&start)
            })
            .map(|c| c.campaign.id)
            .unwrap_or_else(|| panic!("{view}: a campaign on {line:?}\n{frame}"));
        click(&mut app, 2, y);
        assert_eq!(
            app.plan.as_ref().expect("plan").selected,
            Some(named),
            "{view}: {line:?}"
        );
        // The headings row selects nothing.
        click(&mut app, 2, 2);
        assert_eq!(
            app.plan.as_ref().expect("plan").selected,
            Some(named),
            "{view}"
        );
        typed(&mut app, "s");
    }
}
