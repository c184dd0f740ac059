//! The KPIs tab on the demo on Monday 7 December 2026: the month so far
//! against the same days of November (or of a year earlier, `y`), each
//! change marked better or worse by which way its figure is good, in
//! columns that stand apart in both locales, with and without colour.

use chrono::NaiveDate;
use funnel::app::{App, Keymap, Settings};
use funnel::config::{Config, Theme};
use funnel::domain::Clock;
use funnel::i18n::Locale;
use funnel::metrics::Compare;
use funnel::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "support/columns.rs"]
mod columns;
use columns::assert_columns_apart;

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).expect("date")
}

/// How the tab is looked at: locale, `--ascii`, `NO_COLOR` (the mono
/// theme, as the command line sets it).
#[derive(Clone, Copy)]
struct Look {
    locale: Locale,
    ascii: bool,
    no_color: bool,
}

fn on_kpis(look: Look) -> App {
    let mut store = Store::open_in_memory().expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, monday(), 1).expect("demo");
    let settings = Settings {
        config: Config {
            locale: look.locale,
            theme: if look.no_color {
                Theme::Mono
            } else {
                Theme::Default
            },
            ..Config::default()
        },
        keymap: Keymap::default(),
        clock: Clock::Fixed(monday()),
        read_only: false,
        ascii: look.ascii,
        db_name: "demo.db".into(),
    };
    let mut app = App::new(store, settings).expect("app");
    typed(&mut app, "4");
    app
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    funnel::tui::snapshot(app, w, h).expect("frame")
}

/// The figures' heading row and its `n` rows, checked to stand apart
/// within the figures' `width` columns.
fn figures_apart(frame: &str, n: usize, width: usize) {
    let lines: Vec<&str> = frame.lines().collect();
    // The tab bar, the head line, then the headings.
    let heading = lines[2];
    let rows: Vec<&str> = lines.iter().skip(3).take(n).copied().collect();
    assert!(rows.len() > 10, "the figures are shown:\n{frame}");
    assert_columns_apart(heading, &rows, 0, width);
}

/// How many figures the tab shows.
fn figures(app: &App) -> usize {
    app.kpis.as_ref().expect("loaded").headlines.len()
}

#[test]
fn the_month_so_far_meets_the_same_days_of_november() {
    let app = on_kpis(Look {
        locale: Locale::En,
        ascii: false,
        no_color: false,
    });
    let k = app.kpis.as_ref().expect("loaded");
    let c = &k.compared.comparison;
    assert_eq!(
        (c.current.start, c.current.end),
        (monday().with_day(1).expect("1st"), monday())
    );
    assert_eq!(
        (c.previous.start, c.previous.end),
        (
            NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
            NaiveDate::from_ymd_opt(2026, 11, 7).expect("date")
        )
    );
    let new = k
        .headlines
        .iter()
        .find(|h| h.key == "new_customers")
        .expect("row");
    let ratio = new.change_ratio.expect("a change");
    assert!(ratio.abs() < 0.5, "no false drop: {ratio}");
}

#[test]
fn y_switches_to_the_same_days_a_year_earlier_and_back() {
    let mut app = on_kpis(Look {
        locale: Locale::En,
        ascii: false,
        no_color: false,
    });
    typed(&mut app, "y");
    let k = app.kpis.as_ref().expect("loaded");
    assert_eq!(k.compare, Compare::Year);
    assert_eq!(
        k.compared.comparison.previous.start,
        NaiveDate::from_ymd_opt(2025, 12, 1).expect("date")
    );
    typed(&mut app, "[");
    let k = app.kpis.as_ref().expect("loaded");
    assert_eq!(
        (k.period.label(), k.compare),
        ("2026-11".to_string(), Compare::Year),
        "moving in time keeps the comparison"
    );
    typed(&mut app, "y");
    assert_eq!(
        app.kpis.as_ref().expect("loaded").compare,
        Compare::Previous
    );
}

use chrono::Datelike;

#[test]
fn with_nothing_before_the_tab_says_so() {
    let settings = Settings {
        config: Config::default(),
        keymap: Keymap::default(),
        clock: Clock::Fixed(monday()),
        read_only: false,
        ascii: false,
        db_name: "new.db".into(),
    };
    let mut app = App::new(Store::open_in_memory().expect("store"), settings).expect("app");
    typed(&mut app, "4");
    assert!(
        app.kpis
            .as_ref()
            .expect("loaded")
            .compared
            .previous
            .is_none()
    );
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("nothing recorded before to compare with"),
        "{shown}"
    );
}

#[test]
fn a_running_periods_chart_point_is_said_partial() {
    let mut app = on_kpis(Look {
        locale: Locale::Vi,
        ascii: false,
        no_color: false,
    });
    // c: the notes, c: the customers chart.
    typed(&mut app, "cc");
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("2026-12 đến 07/12 (chưa trọn kỳ)"),
        "{shown}"
    );
    typed(&mut app, "[");
    let shown = screen(&mut app, 80, 24);
    assert!(
        !shown.contains("chưa trọn kỳ"),
        "November is over:\n{shown}"
    );
}

macro_rules! figures_frames {
    ($($name:ident: $locale:expr, $ascii:expr, $no_color:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut app = on_kpis(Look { locale: $locale, ascii: $ascii, no_color: $no_color });
            let narrow = screen(&mut app, 80, 24);
            figures_apart(&narrow, figures(&app), 80);
            insta::assert_snapshot!(concat!(stringify!($name), "_80x24"), narrow);
            let wide = screen(&mut app, 160, 48);
            // The figures' 88 columns and the charts' border beside them.
            figures_apart(&wide, figures(&app), 89);
            insta::assert_snapshot!(concat!(stringify!($name), "_160x48"), wide);
        }
    )*};
}

figures_frames! {
    figures_en: Locale::En, false, false;
    figures_vi: Locale::Vi, false, false;
    figures_en_ascii: Locale::En, true, false;
    figures_vi_ascii: Locale::Vi, true, false;
    figures_en_no_color: Locale::En, false, true;
    figures_vi_no_color: Locale::Vi, false, true;
}

/// The change column's heading: what follows "vs" (or "so với") on the
/// figures' heading row.
fn compared_heading(frame: &str, vs: &str) -> String {
    let heading = frame.lines().nth(2).unwrap_or_default();
    heading
        .split_once(vs)
        // The target column's heading follows two spaces on.
        .map(|(_, rest)| rest.split("  ").next().unwrap_or_default().to_string())
        .unwrap_or_else(|| panic!("no {vs:?} heading:\n{frame}"))
}

#[test]
fn the_change_heading_names_the_compared_span_in_every_look() {
    // (locale, the word before the compared period, the word before its last day)
    let locales = [
        (Locale::En, "vs ", " to "),
        (Locale::Vi, "so với ", " đến "),
    ];
    for (locale, vs, through) in locales {
        for (ascii, no_color) in [(false, false), (true, false), (false, true)] {
            // "": month vs previous; "y": a year earlier; "m": quarter;
            // "/channel\n": a channel picked.
            for keys in ["", "y", "m", "my", "/channel\n", "/channel\ny"] {
                let mut app = on_kpis(Look {
                    locale,
                    ascii,
                    no_color,
                });
                typed(&mut app, keys);
                for width in [80, 120, 160, 200] {
                    let frame = screen(&mut app, width, 48);
                    let said = compared_heading(&frame, vs);
                    assert!(
                        said.contains(through) || said.ends_with('…'),
                        "{locale:?} ascii {ascii} no colour {no_color} keys {keys:?} at \
                         {width} columns: {said:?} leaves out the span\n{frame}"
                    );
                }
            }
        }
    }
}

/// Presses `c` until the segment-share chart is shown at 80 columns.
fn segment_chart(app: &mut App, title: &str) -> String {
    for _ in 0..12 {
        let shown = screen(app, 80, 24);
        if shown.contains(title) {
            return shown;
        }
        typed(app, "c");
    }
    panic!("no {title:?} chart");
}

/// Each segment's move in points, by name.
fn moves(app: &App) -> Vec<(String, Option<f64>)> {
    let k = app.kpis.as_ref().expect("loaded");
    let mut out: Vec<_> = k
        .segments
        .iter()
        .map(|s| (s.name.clone(), s.moved()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn segment_shares_move_like_for_like_on_both_tabs_under_one_heading() {
    let mut app = on_kpis(Look {
        locale: Locale::En,
        ascii: false,
        no_color: false,
    });
    let kpis = moves(&app);
    let chart = segment_chart(&mut app, "Customers by segment");
    assert!(
        chart.contains("Customers by segment, 2026-12 to 7 Dec")
            && chart.contains("share · vs 2026-11 to 7 Nov"),
        "the running month and the same days of November:\n{chart}"
    );
    typed(&mut app, "1");
    let s = app.strategy.as_ref().expect("loaded");
    let mut strategy: Vec<_> = s
        .segments
        .iter()
        .map(|l| {
            (
                l.segment.name.clone(),
                l.share.as_ref().and_then(|x| x.moved()),
            )
        })
        .collect();
    strategy.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        strategy, kpis,
        "Strategy → Segments and the KPIs chart agree"
    );
    typed(&mut app, "l");
    let shown = screen(&mut app, 160, 48);
    assert!(shown.contains("vs 2026-11 to 7 Nov"), "{shown}");

    typed(&mut app, "4y");
    let chart = segment_chart(&mut app, "Customers by segment");
    assert!(
        chart.contains("share · vs 2025-12 to 7 Dec"),
        "a year earlier is named as such:\n{chart}"
    );
}

/// Every chart title on `frame` that is cut, or whose count or date is cut.
fn cut_titles(frame: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in frame.lines() {
        for piece in line.split('╭').skip(1) {
            let Some((title, _)) = piece.split_once('╮') else {
                continue;
            };
            let ends_whole = matches!(title.chars().last(), Some('─' | '…' | ' ') | None);
            let counts_whole = [
                ("new", " 45"),
                ("mới", " 45"),
                ("churned", " 41"),
                ("rời bỏ", " 41"),
            ]
            .iter()
            .all(|(word, count)| {
                title
                    .match_indices(word)
                    .filter(|(i, _)| title[..*i].trim_end().ends_with(['█', '▒']))
                    .all(|(i, _)| title[i + word.len()..].starts_with(count))
            });
            let dates_whole = ["to 7", "đến 07/"].iter().all(|d| {
                title.match_indices(d).all(|(i, _)| {
                    ["to 7 Dec", "đến 07/12"]
                        .iter()
                        .any(|w| title[i..].starts_with(w))
                })
            });
            if !(ends_whole && counts_whole && dates_whole) {
                out.push(title.to_string());
            }
        }
    }
    out
}

#[test]
fn chart_titles_drop_whole_legend_items_never_cut_a_number_or_word() {
    for locale in [Locale::En, Locale::Vi] {
        let mut app = on_kpis(Look {
            locale,
            ascii: false,
            no_color: false,
        });
        let mut cut = Vec::new();
        for (w, h) in [(120, 40), (140, 40), (160, 48), (180, 50), (200, 50)] {
            cut.extend(
                cut_titles(&screen(&mut app, w, h))
                    .into_iter()
                    .map(|t| (w, t)),
            );
        }
        // At 80 columns `c` shows one chart at a time.
        for _ in 0..8 {
            typed(&mut app, "c");
            cut.extend(
                cut_titles(&screen(&mut app, 80, 24))
                    .into_iter()
                    .map(|t| (80, t)),
            );
        }
        assert!(
            cut.is_empty(),
            "{locale:?}: titles cut without a sign: {cut:#?}"
        );
    }
}

/// The inside of the new-vs-churned chart at 80 columns: its rows between
/// the title and the bottom border, as characters.
fn new_vs_churned_cells(app: &mut App) -> Vec<Vec<char>> {
    let shown = segment_chart(app, "New vs churned");
    shown
        .lines()
        .skip_while(|l| !l.contains("New vs churned"))
        .skip(1)
        .take_while(|l| !l.starts_with(['╰', '+']))
        .map(|l| l.chars().collect())
        .collect()
}

#[test]
fn without_colour_new_and_churned_bars_differ_in_every_cell() {
    // (ascii, the glyphs of new bars, those of churned ones)
    let looks = [(false, "█▇▆▅▄▃▂▁", "▒░"), (true, "#:.", "x~,")];
    for (ascii, new, churned) in looks {
        let mut app = on_kpis(Look {
            locale: Locale::En,
            ascii,
            no_color: true,
        });
        let rows = new_vs_churned_cells(&mut app);
        let chart = rows
            .iter()
            .map(|r| r.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let (mut news, mut churneds) = (0, 0);
        for x in 0..columns {
            let column: Vec<char> = rows.iter().filter_map(|r| r.get(x).copied()).collect();
            let is_new = column.iter().any(|c| new.contains(*c));
            let is_churned = column.iter().any(|c| churned.contains(*c));
            news += usize::from(is_new);
            churneds += usize::from(is_churned);
            assert!(
                !(is_new && is_churned),
                "ascii {ascii}: column {x} mixes new and churned glyphs:\n{chart}"
            );
        }
        assert!(news > 0 && churneds > 0, "both bars are drawn:\n{chart}");
        assert!(
            !chart.contains('='),
            "ascii {ascii}: '=' is the target line's mark:\n{chart}"
        );
    }
}

#[test]
fn the_funnel_says_better_or_worse_without_colour_in_columns_apart() {
    for (locale, ascii, no_color, said) in [
        (Locale::En, false, true, "-14.5% worse"),
        (Locale::En, true, false, "-14.5% worse"),
        (Locale::Vi, false, true, "-14,5% kém hơn"),
    ] {
        let mut app = on_kpis(Look {
            locale,
            ascii,
            no_color,
        });
        typed(&mut app, "v");
        for (w, h) in [(80, 24), (160, 48)] {
            let shown = screen(&mut app, w, h);
            assert!(shown.contains(said), "{locale:?} at {w}: {said:?}\n{shown}");
            // The tab bar, the head line, the title, the headings, 4 steps.
            for row in shown.lines().skip(4).take(4) {
                assert!(
                    !["% +", "% -", "% −"].iter().any(|s| row.contains(s)),
                    "{locale:?} at {w}: a rate touches its change: {row}"
                );
            }
        }
    }
}

#[test]
fn the_year_charts_start_at_the_first_year_with_data() {
    let mut app = on_kpis(Look {
        locale: Locale::En,
        ascii: false,
        no_color: false,
    });
    typed(&mut app, "mm");
    let k = app.kpis.as_ref().expect("loaded");
    assert_eq!(k.period.label(), "2026");
    let labels: Vec<String> = k.window.iter().map(|p| p.label()).collect();
    assert_eq!(
        labels,
        ["2025", "2026"],
        "the demo's orders start in 2025-06"
    );
    let shown = screen(&mut app, 160, 48);
    assert!(!shown.contains("2015"), "{shown}");
}

#[test]
fn the_cohort_tables_say_which_cohorts_are_shown_of_how_many() {
    for (locale, said) in [
        (
            Locale::En,
            "cohorts 2025-11 to 2026-12 shown of 2025-06 to 2026-12",
        ),
        (
            Locale::Vi,
            "hiện nhóm 2025-11 đến 2026-12 trong 2025-06 đến 2026-12",
        ),
    ] {
        let mut app = on_kpis(Look {
            locale,
            ascii: false,
            no_color: false,
        });
        let title = match locale {
            Locale::En => "Cohorts:",
            Locale::Vi => "Nhóm khách:",
        };
        let shown = segment_chart(&mut app, title);
        assert!(shown.contains(said), "{locale:?}: {said:?}\n{shown}");
    }
}

#[test]
fn at_200_columns_the_figures_labels_are_whole() {
    for locale in [Locale::En, Locale::Vi] {
        let mut app = on_kpis(Look {
            locale,
            ascii: false,
            no_color: false,
        });
        let n = figures(&app);
        let shown = screen(&mut app, 200, 50);
        let cut: Vec<&str> = shown
            .lines()
            .skip(3)
            .take(n)
            .filter(|l| l.split(" ").take(8).any(|word| word.ends_with('…')))
            .collect();
        assert!(cut.is_empty(), "{locale:?}: labels cut: {cut:#?}");
    }
}
