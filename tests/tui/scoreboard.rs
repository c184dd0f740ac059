//! The Plan tab's scoreboard on the demo the morning of 7 December: every
//! campaign in a table one key from the timeline, sorted by a key and
//! reversed by another, over budget and off pace marked in the table and
//! on the timeline's bars, with and without colour, and no column running
//! into the next in either locale at 80x24 or 160x48.

use super::*;
use funnel::app::plan::PlanView;
use funnel::scoreboard::Column;
use ratatui::layout::Rect;
use ratatui::style::Color;

fn december_7() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).expect("date")
}

/// The demo made and read on 7 December, on the Plan tab; `plain` is
/// `--ascii` under `NO_COLOR` (the mono theme).
fn on_plan(locale: Locale, plain: bool) -> App {
    let mut store = Store::open_in_memory().expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, december_7(), 1).expect("demo");
    let mut s = settings(locale, false, Keymap::default());
    s.clock = Clock::Fixed(december_7());
    if plain {
        s.ascii = true;
        s.config.theme = funnel::config::Theme::Mono;
    }
    let mut app = App::new(store, s).expect("app");
    typed(&mut app, "2");
    app
}

fn view(app: &App) -> PlanView {
    app.plan.as_ref().expect("plan").view
}

fn sort(app: &App) -> (Column, bool) {
    let p = app.plan.as_ref().expect("plan");
    (p.sort, p.reversed)
}

fn selected(app: &App) -> String {
    app.plan
        .as_ref()
        .and_then(|p| p.selected_row())
        .map(|r| r.campaign.name.clone())
        .unwrap_or_default()
}

/// The names in the scoreboard's order.
fn order(app: &App) -> Vec<String> {
    app.plan
        .as_ref()
        .expect("plan")
        .board()
        .iter()
        .map(|r| r.campaign.name.clone())
        .collect()
}

/// Asserts that on `lines` of a table the cell before each column's start
/// (but the first's) and the cell after the last column are blank.
fn apart(lines: &[&str], starts: &[u16], end: u16, at: &str) {
    for text in lines {
        let line: Vec<char> = text.chars().collect();
        for x in starts.iter().skip(1) {
            let before = line.get(*x as usize - 1).copied().unwrap_or(' ');
            assert_eq!(
                before, ' ',
                "a column touches the one before it at {at}:\n{text}"
            );
        }
        let after = line.get(end as usize).copied().unwrap_or(' ');
        assert!(
            after == ' ' || after == '╭' || after == '+' || after == '│' || after == '|',
            "the last column runs over at {at}:\n{text}"
        );
    }
}

/// A frame of `w`x`h` whose scoreboard has no two columns touching on
/// its headings and every row.
fn checked(app: &mut App, w: u16, h: u16) -> String {
    let shown = screen(app, w, h);
    let spans = funnel::ui::scoreboard::column_spans(app, Rect::new(0, 0, w, h));
    assert!(spans.len() >= 5, "too few columns at {w}x{h}: {spans:?}");
    let plan_words = &app.format().words().ui.plan;
    let (heading, legend) = (plan_words.columns[0], plan_words.marks);
    let lines: Vec<&str> = shown.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with(heading))
        .unwrap_or_else(|| panic!("no headings in\n{shown}"));
    let table: Vec<&str> = lines[first..]
        .iter()
        .take_while(|l| !l.starts_with(&legend[..10]))
        .copied()
        .collect();
    assert!(table.len() >= 3, "a table at {w}x{h}:\n{shown}");
    let starts: Vec<u16> = spans.iter().map(|s| s.1).collect();
    let (_, x, cw) = spans.last().expect("columns");
    apart(&table, &starts, x + cw, &format!("{w}x{h}\n{shown}"));
    shown
}

/// A frame of the Strategy tab's Channels at `w`x`h`, its columns apart.
fn channels(app: &mut App, w: u16, h: u16) -> String {
    let shown = screen(app, w, h);
    let spans = funnel::ui::channels::column_spans(app, Rect::new(0, 0, w, h));
    assert!(spans.len() >= 4, "too few columns at {w}x{h}: {spans:?}");
    let count = app.strategy.as_ref().expect("strategy").channels.len();
    // Under the tabs' bar and the sections' bar: headings, then a row a
    // channel.
    let table: Vec<&str> = shown.lines().skip(2).take(count + 1).collect();
    let starts: Vec<u16> = spans.iter().map(|s| s.0).collect();
    let (x, cw) = spans.last().copied().expect("columns");
    apart(&table, &starts, x + cw, &format!("{w}x{h}\n{shown}"));
    shown
}

#[test]
fn s_shows_every_campaign_o_cycles_the_sort_and_shift_o_reverses_it() {
    let mut app = on_plan(Locale::En, false);
    // Wide enough for every column: o goes round the columns shown.
    screen(&mut app, 200, 50);
    assert_eq!(view(&app), PlanView::Timeline);
    typed(&mut app, "s");
    screen(&mut app, 200, 50);
    assert_eq!(view(&app), PlanView::Scoreboard);
    let all = order(&app);
    assert_eq!(all.len(), 15, "past campaigns included: {all:?}");
    // By pace, over budget first, the most over first.
    assert_eq!(sort(&app), (Column::Pace, false));
    assert_eq!(all[..2], ["Black Friday 2026", "Tri ân 20/11 2025"]);
    assert_eq!(selected(&app), "SEO blog always-on", "the selection stays");
    typed(&mut app, "g");
    assert_eq!(selected(&app), "Black Friday 2026");
    typed(&mut app, "j");
    assert_eq!(selected(&app), "Tri ân 20/11 2025");
    typed(&mut app, "o");
    assert_eq!(sort(&app), (Column::Conversions, false));
    typed(&mut app, "ooo");
    assert_eq!(sort(&app), (Column::Roas, false));
    typed(&mut app, "oo");
    assert_eq!(sort(&app), (Column::Name, false), "round to the first");
    typed(&mut app, "oo");
    assert_eq!(sort(&app), (Column::End, false));
    assert_eq!(
        order(&app).first().map(String::as_str),
        Some("Trà lạnh mùa hè 2025")
    );
    typed(&mut app, "O");
    assert_eq!(sort(&app), (Column::End, true));
    let reversed = order(&app);
    assert_eq!(
        reversed.first().map(String::as_str),
        Some("SEO blog always-on")
    );
    let shown = screen(&mut app, 200, 50);
    assert!(
        shown.contains("All campaigns (15) · sorted by End, reversed"),
        "{shown}"
    );
    // Spent, the biggest first.
    typed(&mut app, "ooo");
    assert_eq!(sort(&app), (Column::Spent, false));
    assert_eq!(
        order(&app).first().map(String::as_str),
        Some("SEO blog always-on")
    );
    // The selection stays on its campaign through the sorts; g and G go
    // to the ends of the table.
    assert_eq!(selected(&app), "Tri ân 20/11 2025");
    typed(&mut app, "G");
    assert_eq!(Some(selected(&app)), order(&app).last().cloned());
}

#[test]
fn back_on_the_timeline_the_campaign_picked_in_the_table_is_shown() {
    let mut app = on_plan(Locale::En, false);
    screen(&mut app, 200, 50);
    typed(&mut app, "s");
    typed(&mut app, "ooooooo");
    assert_eq!(sort(&app), (Column::Start, false));
    typed(&mut app, "g");
    assert_eq!(selected(&app), "Trà lạnh mùa hè 2025");
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("Trà lạnh mùa hè 2025"), "{shown}");
    typed(&mut app, "s");
    let shown = screen(&mut app, 100, 30);
    assert_eq!(view(&app), PlanView::Timeline);
    assert_eq!(selected(&app), "Trà lạnh mùa hè 2025");
    assert!(
        shown.contains("2025-05-12"),
        "the span moved to it:\n{shown}"
    );
    // Enter opens its tasks from the table as from the timeline.
    typed(&mut app, "s\n");
    assert_eq!(app.tab, Tab::Tasks);
}

#[test]
fn the_keys_are_in_the_help_and_the_footer() {
    let mut app = on_plan(Locale::En, false);
    let shown = screen(&mut app, 120, 30);
    assert!(shown.contains("s scoreboard/timeline"), "{shown}");
    typed(&mut app, "?");
    let help = screen(&mut app, 120, 300);
    for (k, label, name) in [
        ("s", "scoreboard/timeline", "toggle_scoreboard"),
        ("o", "sort by next column", "cycle_sort"),
        ("O", "reverse sort", "reverse_sort"),
    ] {
        let line = help.lines().find(|l| l.contains(name)).unwrap_or_default();
        let inside = line
            .trim_start()
            .trim_start_matches(['│', '|'])
            .trim_start();
        assert!(
            inside.starts_with(&format!("{k} ")) && line.contains(label),
            "{k} {label} in\n{help}"
        );
    }
}

#[test]
fn over_budget_is_marked_in_the_table_and_on_the_timeline_without_colour() {
    let mut app = on_plan(Locale::En, true);
    let timeline = screen(&mut app, 80, 24);
    let bar = timeline
        .lines()
        .find(|l| l.starts_with("Black Friday 2026"))
        .unwrap_or_default();
    assert!(bar.contains('!'), "the bar carries the mark:\n{timeline}");
    typed(&mut app, "s");
    let table = checked(&mut app, 80, 24);
    let row = table
        .lines()
        .find(|l| l.starts_with("Black Friday 20"))
        .unwrap_or_default();
    assert!(row.contains("! 101.9%"), "{table}");
    assert!(
        table.contains("! over budget - + ahead of pace - ~ behind pace"),
        "{table}"
    );
}

#[test]
fn scoreboard_frames_in_both_locales_at_both_sizes() {
    // Beside the other reviewed frames.
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    let _kept = settings.bind_to_scope();
    for (locale, plain, name) in [
        (Locale::En, false, "en"),
        (Locale::En, true, "en_plain"),
        (Locale::Vi, true, "vi_plain"),
        (Locale::Vi, false, "vi"),
    ] {
        let mut app = on_plan(locale, plain);
        typed(&mut app, "s");
        for (w, h) in [(80, 24), (160, 48)] {
            let shown = checked(&mut app, w, h);
            insta::assert_snapshot!(format!("scoreboard_{name}_{w}x{h}"), shown);
        }
    }
}

#[test]
fn strategy_channels_give_each_channels_figures_in_columns_apart() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    let _kept = settings.bind_to_scope();
    for (locale, plain, name) in [
        (Locale::En, false, "en"),
        (Locale::En, true, "en_plain"),
        (Locale::Vi, true, "vi_plain"),
        (Locale::Vi, false, "vi"),
    ] {
        let mut app = on_plan(locale, plain);
        typed(&mut app, "1ll");
        for (w, h) in [(80, 24), (160, 48)] {
            let shown = channels(&mut app, w, h);
            insta::assert_snapshot!(format!("channels_{name}_{w}x{h}"), shown);
        }
    }
}

/// The colour of the first `mark` on the row starting with `name`, drawn
/// at `w`x`h`.
fn mark_colour(app: &mut App, name: &str, w: u16, h: u16) -> Option<ratatui::style::Color> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    screen(app, w, h);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| funnel::ui::render(app, f)).expect("draw");
    let buffer = term.backend().buffer();
    let text = funnel::tui::buffer_text(buffer);
    let y = text.lines().position(|l| l.starts_with(name))?;
    let x = text.lines().nth(y)?.chars().position(|c| c == '!')?;
    buffer.cell((x as u16, y as u16)).map(|c| c.fg)
}

#[test]
fn the_over_budget_mark_is_red_in_colour_and_plain_without() {
    use ratatui::style::Color;
    let mut app = on_plan(Locale::En, false);
    assert_eq!(
        mark_colour(&mut app, "Black Friday 2026", 80, 24),
        Some(Color::Red),
        "on the timeline"
    );
    typed(&mut app, "s");
    assert_eq!(
        mark_colour(&mut app, "Black Friday 20", 80, 24),
        Some(Color::Red),
        "in the table"
    );
    let mut plain = on_plan(Locale::En, true);
    assert_eq!(
        mark_colour(&mut plain, "Black Friday 2026", 80, 24),
        Some(Color::Reset),
        "the mark alone says it"
    );
}

#[test]
fn the_scoreboard_draws_at_every_size_and_keeps_the_selection_on_screen() {
    let mut app = on_plan(Locale::Vi, false);
    typed(&mut app, "sG");
    for (w, h) in [
        (0, 0),
        (20, 5),
        (40, 10),
        (60, 16),
        (64, 18),
        (80, 24),
        (119, 30),
        (300, 100),
    ] {
        let shown = screen(&mut app, w, h);
        if (w, h) == (80, 24) {
            // The last campaign by pace, selected, is on screen.
            let last = order(&app).last().cloned().unwrap_or_default();
            let cut: String = last.chars().take(12).collect();
            assert!(shown.contains(&cut), "{cut} in\n{shown}");
        }
    }
}

/// The line of key hints, above the status line.
fn hints(shown: &str) -> String {
    shown.lines().rev().nth(1).unwrap_or_default().to_string()
}

#[test]
fn o_and_shift_o_sort_only_a_shown_scoreboard_by_its_shown_columns() {
    let mut app = on_plan(Locale::En, false);
    let timeline = screen(&mut app, 80, 24);
    let before = sort(&app);
    typed(&mut app, "oO");
    assert_eq!(sort(&app), before, "the hidden table is not re-sorted");
    assert!(!hints(&timeline).contains("sort"), "{timeline}");
    typed(&mut app, "s");
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("sorted by Pace") && !shown.contains("reversed"),
        "{shown}"
    );
    let footer = hints(&shown);
    assert!(
        footer.contains("o sort by next column") && footer.contains("O reverse sort"),
        "the footer lists o and O:\n{shown}"
    );
    // At 80 columns o goes round the columns shown only, back to where
    // it started.
    let columns: Vec<Column> = funnel::ui::scoreboard::column_spans(&app, Rect::new(0, 0, 80, 24))
        .into_iter()
        .map(|(c, _, _)| c)
        .collect();
    assert!(
        columns.len() < Column::ALL.len(),
        "some give way: {columns:?}"
    );
    let mut visited = Vec::new();
    for _ in 0..Column::ALL.len() {
        typed(&mut app, "o");
        screen(&mut app, 80, 24);
        let (column, _) = sort(&app);
        assert!(
            columns.contains(&column),
            "{column:?} is not shown: {columns:?}"
        );
        visited.push(column);
    }
    assert!(
        columns.iter().all(|c| visited.contains(c)),
        "every shown column in turn: {visited:?}"
    );
}

/// Asserts that each right-aligned column of `lines`, ending under the
/// end of its heading in `ends`, is set off from the one before it by a
/// blank and ends where its heading does.
fn apart_under(lines: &[&str], ends: &[usize], at: &str) {
    for text in lines {
        let line: Vec<char> = text.chars().collect();
        for pair in ends.windows(2) {
            let cell: String = line
                .get(pair[0] + 1..=pair[1])
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            assert!(
                cell.starts_with(' ') && !cell.ends_with(' '),
                "column ending at {} runs into another at {at}:\n{text}",
                pair[1]
            );
        }
    }
}

#[test]
fn budgets_over_plan_carry_the_over_budget_mark_under_capitalised_headings() {
    for (plain, size) in [(false, (80, 24)), (true, (80, 24)), (false, (160, 48))] {
        let mut app = on_plan(Locale::En, plain);
        typed(&mut app, "1llll");
        let (w, h) = size;
        let shown = screen(&mut app, w, h);
        let at = format!("{w}x{h} plain {plain}\n{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let head = lines
            .iter()
            .position(|l| l.contains("Budgets"))
            .unwrap_or_else(|| panic!("no budgets at {at}"));
        let heading = lines[head];
        let chars: Vec<char> = heading.chars().collect();
        let end_of = |label: &str| {
            let from = heading
                .find(label)
                .unwrap_or_else(|| panic!("no {label} heading at {at}"));
            heading[..from].chars().count() + label.chars().count() - 1
        };
        assert!(!heading.contains("spent"), "{at}");
        let ends = [
            end_of("Budgets"),
            end_of("Planned"),
            end_of("Spent"),
            end_of("Used"),
        ];
        assert!(chars.len() > ends[3] + 1, "{at}");
        let rows: Vec<&str> = lines[head + 1..]
            .iter()
            .take_while(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .copied()
            .collect();
        assert!(rows.len() >= 3, "{at}");
        apart_under(&rows, &ends, &at);
        for (period, used) in [("2026-11", "! 105.3%"), ("2026-09", "! 111.2%")] {
            let row = rows
                .iter()
                .find(|l| l.contains(period))
                .unwrap_or_else(|| panic!("no {period} at {at}"));
            assert!(row.contains(used), "{period} {used} at {at}");
        }
        let colour = budget_mark_colour(&mut app, "2026-11", w, h);
        let want = if plain { Color::Reset } else { Color::Red };
        assert_eq!(colour, Some(want), "{at}");
    }
}

/// The colour of the first `!` on the row holding `period`.
fn budget_mark_colour(app: &mut App, period: &str, w: u16, h: u16) -> Option<Color> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    screen(app, w, h);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| funnel::ui::render(app, f)).expect("draw");
    let buffer = term.backend().buffer();
    let text = funnel::tui::buffer_text(buffer);
    let y = text.lines().position(|l| l.contains(period))?;
    let x = text.lines().nth(y)?.chars().position(|c| c == '!')?;
    buffer.cell((x as u16, y as u16)).map(|c| c.fg)
}
