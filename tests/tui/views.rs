//! Saved views: `w` saves the filter, grouping and order shown under a
//! name in the config file (keeping the rest of it), `v` / `V` go
//! through the views and back to no view, the filter line names the view
//! shown, and a bad view in the config is said at start without keeping
//! the dashboard shut. On the demo in a real file, with a real config
//! file.

use super::*;
use funnel::taskview::{Grouping, Sort};

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new(config: &str) -> Files {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("funnel.db")).expect("store");
        funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
        drop(store);
        std::fs::write(dir.path().join("config.toml"), config).expect("config");
        Files { dir }
    }

    fn config_path(&self) -> std::path::PathBuf {
        self.dir.path().join("config.toml")
    }

    fn config_text(&self) -> String {
        std::fs::read_to_string(self.config_path()).expect("config")
    }

    /// The dashboard as `funnel` starts it: the config read from the file.
    fn open(&self, locale: Locale) -> App {
        let store = Store::open(&self.dir.path().join("funnel.db")).expect("store");
        let config = Config {
            locale,
            ..Config::load(Some(&self.config_path())).expect("config")
        };
        let s = Settings {
            config,
            ..settings(locale, false, Keymap::default())
        };
        let mut app = App::new(store, s).expect("app");
        screen(&mut app, 80, 24);
        app
    }
}

/// The filter line: the first line under the tab bar.
fn filter_line(app: &mut App) -> String {
    screen(app, 80, 24)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

const TWO_VIEWS: &str = "# views for the week\nlocale = \"en\"\n\n\
    [[view]]\nname = \"SEO\"\nfilter = \"#seo\"\ngroup = \"status\"\n\n\
    [[view]]\nname = \"Late\"\nfilter = \"is:overdue\"\norder = \"due\"\n";

#[test]
fn w_saves_what_is_shown_as_a_view_in_the_config_file_keeping_the_rest() {
    let files = Files::new("# my settings\nlocale = \"en\" # English\n");
    let mut app = files.open(Locale::En);
    typed(&mut app, "/#seo\nonw");
    assert!(matches!(app.overlay, Overlay::Form(_)));
    typed(&mut app, "Ngọc's SEO\n");
    assert!(matches!(app.overlay, Overlay::None));
    let file = files.config_path().display().to_string();
    assert_eq!(
        status(&app),
        format!("Saved view “Ngọc's SEO” in {file}. v goes through the views.")
    );
    let text = files.config_text();
    assert!(
        text.starts_with("# my settings\nlocale = \"en\" # English\n"),
        "{text}"
    );
    let c = Config::load(Some(&files.config_path())).expect("config");
    assert_eq!(c.views.len(), 1);
    let v = &c.views[0];
    assert_eq!(
        (v.name.as_str(), v.filter.as_str(), v.grouping, v.sort),
        ("Ngọc's SEO", "#seo", Grouping::Status, Sort::Due)
    );
    assert!(
        filter_line(&mut app).starts_with("View Ngọc's SEO · Filter: #seo"),
        "{}",
        filter_line(&mut app)
    );
}

#[test]
fn w_refuses_a_name_taken_or_empty_and_writes_nothing() {
    for (locale, name, says) in [
        (Locale::En, "SEO", "A view named “SEO” is in "),
        (
            Locale::En,
            "  ",
            "Give the view a name. Nothing was written.",
        ),
        (Locale::Vi, "SEO", "Đã có góc nhìn tên “SEO” trong "),
        (Locale::Vi, "", "Hãy đặt tên cho góc nhìn. Chưa ghi gì."),
    ] {
        let files = Files::new(TWO_VIEWS);
        let mut app = files.open(locale);
        typed(&mut app, &format!("/@an\nw{name}\n"));
        let Overlay::Form(form) = &app.overlay else {
            panic!("{name:?}: the form stays open");
        };
        let error = form.error_line().unwrap_or_default();
        assert!(error.contains(says), "{name:?}: {error}");
        assert_eq!(files.config_text(), TWO_VIEWS, "{name:?}");
    }
}

#[test]
fn w_refuses_a_filter_with_a_mistake() {
    let files = Files::new("");
    let mut app = files.open(Locale::En);
    typed(&mut app, "/due:<\n");
    assert!(app.tasks.filter_error.is_some());
    typed(&mut app, "w");
    assert!(matches!(app.overlay, Overlay::None));
    assert!(status(&app).starts_with("The filter has a mistake"));
    assert_eq!(files.config_text(), "");
}

#[test]
fn v_and_capital_v_go_through_the_views_and_back_to_the_filter_before() {
    let files = Files::new(TWO_VIEWS);
    let mut app = files.open(Locale::En);
    typed(&mut app, "/@an\n");
    // Keys, then the filter, grouping, order, view named and status line.
    type Case<'a> = (&'a str, &'a str, Grouping, Sort, Option<&'a str>, &'a str);
    let cases: [Case; 6] = [
        (
            "v",
            "#seo",
            Grouping::Status,
            Sort::Next,
            Some("SEO"),
            "View “SEO” (1 of 2).",
        ),
        (
            "v",
            "is:overdue",
            Grouping::None,
            Sort::Due,
            Some("Late"),
            "View “Late” (2 of 2).",
        ),
        (
            "v",
            "@an",
            Grouping::None,
            Sort::Next,
            None,
            "No view: the filter as it was before.",
        ),
        (
            "V",
            "is:overdue",
            Grouping::None,
            Sort::Due,
            Some("Late"),
            "View “Late” (2 of 2).",
        ),
        (
            "V",
            "#seo",
            Grouping::Status,
            Sort::Next,
            Some("SEO"),
            "View “SEO” (1 of 2).",
        ),
        (
            "V",
            "@an",
            Grouping::None,
            Sort::Next,
            None,
            "No view: the filter as it was before.",
        ),
    ];
    for (keys, filter, grouping, sort, view, says) in cases {
        typed(&mut app, keys);
        let t = &app.tasks;
        assert_eq!(
            (t.filter_text.as_str(), t.grouping, t.sort),
            (filter, grouping, sort),
            "{keys}"
        );
        assert_eq!(t.active_view().map(|v| v.name.as_str()), view, "{keys}");
        assert_eq!(status(&app), says, "{keys}");
        let line = filter_line(&mut app);
        match view {
            Some(name) => assert!(
                line.starts_with(&format!("View {name} · Filter: ")),
                "{line}"
            ),
            None => assert!(line.starts_with("Filter: @an"), "{line}"),
        }
    }
    // A view changed is no longer named.
    typed(&mut app, "vo");
    assert_eq!(app.tasks.active_view(), None);
    assert!(filter_line(&mut app).starts_with("Filter: #seo"));
}

#[test]
fn v_without_views_says_how_to_save_one() {
    for (locale, says) in [
        (
            Locale::En,
            "No saved views yet: w saves the filter shown as one.",
        ),
        (
            Locale::Vi,
            "Chưa có góc nhìn nào: w lưu bộ lọc đang hiện thành một góc nhìn.",
        ),
    ] {
        let files = Files::new("");
        let mut app = files.open(locale);
        typed(&mut app, "v");
        assert_eq!(status(&app), says);
        assert_eq!(app.tasks.filter_text, "");
    }
}

#[test]
fn a_saved_view_is_there_after_a_restart() {
    let files = Files::new("");
    let mut app = files.open(Locale::En);
    typed(&mut app, "/p:high\nwUrgent\n");
    drop(app);
    let mut app = files.open(Locale::En);
    assert_eq!(app.tasks.filter_text, "");
    typed(&mut app, "v");
    assert_eq!(app.tasks.filter_text, "p:high");
    assert_eq!(status(&app), "View “Urgent” (1 of 1).");
}

#[test]
fn bad_views_are_said_at_start_and_the_good_ones_work() {
    let config = "[[view]]\nname = \"Odd\"\ngroup = \"week\"\n\
        [[view]]\nname = \"Broken\"\nfilter = \"due:<\"\n\
        [[view]]\nname = \"SEO\"\nfilter = \"#seo\"\n";
    for (locale, says) in [
        (
            Locale::En,
            "view “Odd”: group “week” is not one of none, status, due; that view is left out, the rest works. (and 1 more)",
        ),
        (
            Locale::Vi,
            "góc nhìn “Odd”: nhóm “week” không phải none, status hay due; bỏ qua góc nhìn đó, phần còn lại vẫn dùng được. (và 1 lỗi nữa)",
        ),
    ] {
        let files = Files::new(config);
        let mut app = files.open(locale);
        let s = app.status.clone().expect("a message");
        assert!(s.error);
        let file = files.config_path().display().to_string();
        assert_eq!(s.text, format!("{file}: {says}"));
        assert_eq!(app.tasks.views.len(), 1);
        typed(&mut app, "v");
        assert_eq!(app.tasks.filter_text, "#seo");
    }
    // A `view` that is not tables at all: the dashboard still opens.
    let files = Files::new("view = \"mine\"\n");
    let app = files.open(Locale::En);
    assert!(
        status(&app).contains("`view` must be [[view]] tables"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_saved_view_shown_at_80x24_and_160x48_in_english_and_vietnamese() {
    for locale in [Locale::En, Locale::Vi] {
        for (w, h) in [(80, 24), (160, 48)] {
            let files = Files::new(TWO_VIEWS);
            let mut app = files.open(locale);
            screen(&mut app, w, h);
            typed(&mut app, "v");
            let lang = format!("{locale:?}").to_lowercase();
            insta::assert_snapshot!(format!("view_{lang}_{w}x{h}"), screen(&mut app, w, h));
        }
    }
}

#[test]
fn the_help_tells_the_keys_and_rules_of_views_marks_and_the_mouse() {
    for (locale, titles) in [
        (Locale::En, ["Marking many", "Saved views", "Mouse"]),
        (
            Locale::Vi,
            ["Đánh dấu nhiều việc", "Góc nhìn đã lưu", "Chuột"],
        ),
    ] {
        let files = Files::new("");
        let mut app = files.open(locale);
        typed(&mut app, "?view");
        let keys = screen(&mut app, 160, 48);
        // With nothing typed, the last key shows the rules below the keys.
        for _ in 0.."view".len() {
            typed(&mut app, "\x08");
        }
        app.on_key(&key(KeyCode::End));
        let text = format!("{keys}{}", screen(&mut app, 160, 48));
        for name in ["save_view", "next_view", "prev_view"] {
            assert!(text.contains(name), "{locale:?} {name}:\n{text}");
        }
        for title in titles {
            assert!(
                text.contains(&format!("│{title}")),
                "{locale:?} {title}:\n{text}"
            );
        }
        assert!(
            text.contains("mouse = true") && text.contains("--mouse"),
            "{text}"
        );
        assert!(text.contains("is:repeating"), "{text}");
    }
}
