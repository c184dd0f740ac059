//! Hostile input and text: random keys and terminal sizes on a real
//! database file; Vietnamese typed decomposed (NFD); CJK, emoji
//! sequences and ambiguous-width characters in tables.
//!
//! The long fuzz run (1,000,000 keys) is ignored in `cargo test`:
//! `cargo test --release --locked --test hostile -- --ignored --nocapture`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use funnel::app::{App, Keymap, Overlay, Settings};
use funnel::config::Config;
use funnel::domain::{Clock, TaskStatus};
use funnel::i18n::Locale;
use funnel::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const BIN: &str = env!("CARGO_BIN_EXE_funnel");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn settings(locale: Locale) -> Settings {
    Settings {
        config: Config {
            locale,
            ..Config::default()
        },
        keymap: Keymap::default(),
        clock: Clock::Fixed(today()),
        read_only: false,
        ascii: false,
        db_name: "hostile.db".into(),
    }
}

/// The small demo set in a real file in `dir`.
fn demo_file(dir: &Path) -> PathBuf {
    let db = dir.join("hostile.db");
    let mut store = Store::open(&db).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    db
}

fn open(db: &Path, locale: Locale) -> App {
    App::new(Store::open(db).expect("store"), settings(locale)).expect("app")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let k = match c {
            '\n' => key(KeyCode::Enter),
            '\t' => key(KeyCode::Tab),
            '\x1b' => key(KeyCode::Esc),
            c => key(KeyCode::Char(c)),
        };
        press(app, k);
    }
}

/// A key as the event loop hands it on: an edit of long text goes to the
/// built-in editor.
fn press(app: &mut App, k: KeyEvent) {
    app.on_key(&k);
    if let Some(request) = app.take_edit_request() {
        app.edit_inside(request);
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    funnel::tui::snapshot(app, w, h).expect("frame")
}

/// SQLite's checks, `funnel check` and [`assert_tasks_agree`].
fn assert_sound(app: &App, db: &Path) {
    let store = app.store();
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    assert!(store.foreign_key_check().expect("fk").is_empty());
    assert_tasks_agree(app);
    let out = Command::new(BIN)
        .args(["check", "--db"])
        .arg(db)
        .env("FUNNEL_TODAY", "2026-11-22")
        .output()
        .expect("funnel check");
    assert!(
        out.status.success(),
        "funnel check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every done task has a done time and no other has one; the app holds
/// every task in the file, as the file holds it.
fn assert_tasks_agree(app: &App) {
    let store = app.store();
    let tasks = store.tasks(&Default::default()).expect("tasks");
    for t in &tasks {
        assert_eq!(
            t.status == TaskStatus::Done,
            t.done_at.is_some(),
            "task {}: status {} with done time {:?}",
            t.id,
            t.status,
            t.done_at
        );
    }
    assert_eq!(
        store.count_tasks().expect("count") as usize,
        tasks.len(),
        "every task listed"
    );
    let shown = app.tasks.lines.lines();
    assert_eq!(shown.len(), tasks.len(), "the app holds every task");
    for t in &tasks {
        let line = shown.iter().find(|l| l.task.id == t.id);
        let line = line.unwrap_or_else(|| panic!("task {} is not in the app", t.id));
        assert_eq!(
            (&line.task.title, line.task.status),
            (&t.title, t.status),
            "task {} as the app holds it",
            t.id
        );
    }
}

mod fuzz {
    use super::*;

    /// Every bound key, several times over where it opens something.
    const COMMANDS: &[&str] = &[
        "1",
        "2",
        "3",
        "4",
        "Tab",
        "BackTab",
        "?",
        "u",
        "^r",
        "j",
        "k",
        "g",
        "G",
        "Home",
        "End",
        "PageUp",
        "PageDown",
        "h",
        "l",
        "Left",
        "Right",
        "Up",
        "Down",
        " ",
        "s",
        "+",
        "=",
        "-",
        "p",
        "a",
        "a",
        "e",
        "e",
        "Enter",
        "Enter",
        "d",
        "d",
        "/",
        "/",
        "Esc",
        "Esc",
        "o",
        "n",
        "b",
        "[",
        "]",
        "t",
        "m",
        "c",
        "r",
        "r",
        "f",
        "w",
        "T",
        "y",
        "y",
        "^s",
        "Backspace",
        "Delete",
        "Insert",
        "F1",
        "F5",
        "^a",
        "^e",
        "^k",
        "^u",
        "^w",
        "^h",
        "^d",
        "~a",
        "~b",
    ];

    /// Text a user may type or paste: Vietnamese in both forms, CJK,
    /// emoji sequences, ambiguous-width signs, controls and digits.
    const TEXT: &[&str] = &[
        "a",
        "b",
        "x",
        "Z",
        "0",
        "1",
        "9",
        "-",
        ":",
        ",",
        ".",
        "#",
        "@",
        "\"",
        "'",
        "<",
        "%",
        "ế",
        "ư",
        "đ",
        "Ấ",
        "e\u{302}\u{301}",
        "a\u{306}\u{323}",
        "o\u{31b}\u{300}",
        "\u{301}",
        "日",
        "本",
        "語",
        "テ",
        "한",
        "👨\u{200d}👩\u{200d}👧",
        "🇻🇳",
        "👍🏽",
        "❤\u{fe0f}",
        "\u{200d}",
        "\u{fe0f}",
        "±",
        "½",
        "§",
        "→",
        "│",
        "\u{7}",
        "\u{1b}",
        "\u{0}",
        "\u{7f}",
        "\u{202e}",
        "\u{200b}",
        "\t",
        "2026-12-01",
        "+3d",
        "fri",
        "high",
        "todo",
        "done",
        "seo",
    ];

    fn command(name: &str) -> KeyEvent {
        let code = match name {
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            "Insert" => KeyCode::Insert,
            "F1" => KeyCode::F(1),
            "F5" => KeyCode::F(5),
            s => {
                let mut chars = s.chars();
                let first = chars.next().unwrap_or(' ');
                let rest = chars.next();
                match (first, rest) {
                    ('^', Some(c)) => {
                        return KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
                    }
                    ('~', Some(c)) => return KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT),
                    (c, _) => KeyCode::Char(c),
                }
            }
        };
        key(code)
    }

    /// A key bound where the focus is (quitting aside): most keys do
    /// something, so forms, pickers, questions and writes come often.
    fn bound(app: &App, rng: &mut fastrand::Rng) -> Option<KeyEvent> {
        use funnel::app::keymap::Key;
        use funnel::app::{Action, Context};
        let ctx = app.context();
        let mut list = app.keymap.listing(ctx);
        if matches!(
            ctx,
            Context::Tasks | Context::Kpis | Context::Plan | Context::Strategy
        ) {
            list.extend(app.keymap.listing(Context::Global));
        }
        list.retain(|(_, a)| *a != Action::Quit);
        let (keys, _) = list.get(rng.usize(..list.len().max(1)))?;
        let names: Vec<&str> = keys.split_whitespace().collect();
        let k = Key::parse(names.get(rng.usize(..names.len().max(1)))?).ok()?;
        let mut m = KeyModifiers::NONE;
        if k.ctrl {
            m |= KeyModifiers::CONTROL;
        }
        if k.alt {
            m |= KeyModifiers::ALT;
        }
        Some(KeyEvent::new(k.code, m))
    }

    /// What a run did.
    #[derive(Debug, Default)]
    struct Figures {
        keys: usize,
        resizes: usize,
        quits: usize,
        frames: usize,
        panics: Vec<String>,
        checks: usize,
        seconds: f64,
    }

    /// `keys` random keys, with a random resize (0x0 to 300x100) before
    /// about one key in 25 and a frame drawn after every key, on the demo
    /// set in a file; the tasks checked after every key (an undo could
    /// hide a bad write before a later check), the whole file every
    /// `check_every` keys and at the end.
    fn run(keys: usize, seed: u64, check_every: usize) -> Figures {
        let started = std::time::Instant::now();
        let dir = tempfile::tempdir().expect("dir");
        let db = demo_file(dir.path());
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut f = Figures::default();
        let mut app = open(&db, Locale::Vi);
        let (mut w, mut h) = (120u16, 40u16);
        while f.keys < keys {
            if rng.u8(..25) == 0 {
                (w, h) = (rng.u16(0..=300), rng.u16(0..=100));
                f.resizes += 1;
            }
            let mut events = Vec::new();
            match rng.u8(..100) {
                // Leaving is rare, or little else would be tried.
                0 if rng.bool() => events.push(command(if rng.bool() { "q" } else { "^c" })),
                0..=44 => events.extend(bound(&app, &mut rng)),
                45..=64 => events.push(command(COMMANDS[rng.usize(..COMMANDS.len())])),
                _ => {
                    let text = TEXT[rng.usize(..TEXT.len())];
                    events.extend(text.chars().map(|c| key(KeyCode::Char(c))));
                }
            }
            for k in events {
                f.keys += 1;
                let step = f.keys;
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    press(&mut app, k);
                    if !app.quit {
                        screen(&mut app, w, h);
                    }
                }));
                if outcome.is_err() {
                    f.panics
                        .push(format!("seed {seed}, key {step}: {k:?} at {w}x{h}"));
                    app = open(&db, Locale::Vi);
                }
                f.frames += 1;
                assert_tasks_agree(&app);
                if app.quit {
                    f.quits += 1;
                    app = open(&db, if rng.bool() { Locale::Vi } else { Locale::En });
                }
            }
            if f.keys / check_every != (f.keys - 1) / check_every {
                app.settle();
                assert_sound(&app, &db);
                f.checks += 1;
            }
        }
        if matches!(app.overlay, Overlay::None) {
            app.settle();
        }
        assert_sound(&app, &db);
        f.checks += 1;
        f.seconds = started.elapsed().as_secs_f64();
        f
    }

    fn report(f: &Figures, seed: u64) {
        println!(
            "fuzz seed {seed}: {} keys, {} resizes, {} frames, {} quits and reopens, {} invariant checks, {} panics in {:.0} s",
            f.keys,
            f.resizes,
            f.frames,
            f.quits,
            f.checks,
            f.panics.len(),
            f.seconds
        );
        assert!(f.panics.is_empty(), "panics: {:#?}", f.panics);
    }

    fn env(name: &str, default: u64) -> u64 {
        std::env::var(name)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    }

    /// A short run in every `cargo test`; `FUNNEL_FUZZ_SEED` replays
    /// another seed, `FUNNEL_FUZZ_KEYS` sends more keys.
    #[test]
    fn random_keys_and_sizes_never_panic_and_keep_the_store_sound() {
        let seed = env("FUNNEL_FUZZ_SEED", 20261122);
        let keys = env("FUNNEL_FUZZ_KEYS", 1_000) as usize;
        report(&run(keys, seed, 500), seed);
    }

    /// 1,000,000 keys over 20 seeds.
    #[test]
    #[ignore = "minutes: cargo test --release --locked --test hostile -- --ignored --nocapture"]
    fn a_million_random_keys() {
        let mut total = Figures::default();
        for seed in 1..=20 {
            let f = run(50_000, seed, 10_000);
            report(&f, seed);
            total.keys += f.keys;
            total.resizes += f.resizes;
            total.frames += f.frames;
            total.quits += f.quits;
            total.checks += f.checks;
            total.seconds += f.seconds;
        }
        println!("fuzz total: {total:?}");
    }
}

mod widths {
    //! Every table row is exactly the terminal's width, and the columns
    //! after a title start at the same place, whatever the title holds.
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    const DUE: &str = "2026-11-02";

    /// Titles that break counting characters or code points as columns.
    const HARD: &[&str] = &[
        "日本語のタイトルと中文标题 한국어 제목",
        "👨\u{200d}👩\u{200d}👧\u{200d}👦 gia đình 👩🏽\u{200d}💻 làm việc",
        "🇻🇳 🇯🇵 🇺🇸 cờ các nước",
        "👍🏽 👋🏿 ✌🏻 màu da",
        "❤\u{fe0f} ☀\u{fe0f} ✔\u{fe0f} ☎\u{fe0f} chọn emoji",
        "± × ÷ § ¶ ° ½ → ← ① ★ ※ rộng mơ hồ",
        "Vie\u{302}\u{323}t Nam gõ kiểu NFD",
        "🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵",
        "日本日本日本日本日本日本日本日本日本日本日本日本日本日本日本日本日本",
        "a日b🇻🇳c👨\u{200d}👩\u{200d}👧d❤\u{fe0f}e±f",
    ];

    fn funnel(db: &Path, args: &[&str]) {
        let out = Command::new(BIN)
            .arg("--db")
            .arg(db)
            .args(args)
            .env("FUNNEL_TODAY", "2026-11-22")
            .output()
            .expect("funnel");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The demo set with the hard titles due on one day, in a campaign,
    /// segment and channel with hard names too.
    fn hard_file(dir: &Path) -> PathBuf {
        let db = demo_file(dir);
        let campaign = "🚀 Ra mắt 新品 🇻🇳";
        funnel(
            &db,
            &[
                "campaign",
                "add",
                campaign,
                "--start",
                "2026-11-01",
                "--end",
                "2026-12-31",
            ],
        );
        funnel(&db, &["segment", "add", "日本人 客 👨\u{200d}👩\u{200d}👧"]);
        funnel(&db, &["channel", "add", "Zalo ❤\u{fe0f} 🇻🇳"]);
        for title in HARD {
            funnel(
                &db,
                &["task", "add", title, "--due", DUE, "--campaign", campaign],
            );
        }
        db
    }

    fn frame(app: &mut App, w: u16, h: u16) -> Buffer {
        app.settle();
        let fit = funnel::ui::screen_fit(app, Rect::new(0, 0, w, h));
        app.resize(fit);
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        t.draw(|f| funnel::ui::render(app, f)).expect("draw");
        t.backend().buffer().clone()
    }

    /// A row as a terminal shows it: each cell's text, the cells a wide
    /// character covers skipped; with the column each cell starts at.
    fn row(buf: &Buffer, y: u16) -> (String, Vec<(u16, usize)>, usize) {
        let mut text = String::new();
        let mut starts = Vec::new();
        let mut col = 0;
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            let w = funnel::text::width(symbol);
            starts.push((x, col));
            text.push_str(symbol);
            col += w;
            x += w.max(1) as u16;
        }
        (text, starts, col)
    }

    /// Checks every row of `buf`; returns the column `day` starts at on
    /// each row that shows it.
    fn check(buf: &Buffer, what: &str, day: &str) -> Vec<usize> {
        let mut due_at = Vec::new();
        for y in 0..buf.area.height {
            let (text, starts, cols) = row(buf, y);
            assert_eq!(
                cols, buf.area.width as usize,
                "{what}: row {y} takes {cols} columns of {}: {text:?}",
                buf.area.width
            );
            if let Some(i) = text.find(day) {
                let chars_before = text[..i].len();
                let mut bytes = 0;
                for (x, col) in &starts {
                    if bytes == chars_before {
                        due_at.push(*col);
                        break;
                    }
                    bytes += buf[(*x, y)].symbol().len();
                }
            }
        }
        due_at
    }

    #[test]
    fn every_row_of_every_tab_is_exactly_the_terminals_width() {
        let dir = tempfile::tempdir().expect("dir");
        let db = hard_file(dir.path());
        for (locale, day) in [(Locale::En, DUE), (Locale::Vi, "02/11/2026")] {
            let mut app = open(&db, locale);
            for (w, h) in [(80, 24), (120, 40), (100, 30), (61, 20), (200, 50)] {
                let due = check(&frame(&mut app, w, h), &format!("tasks {w}x{h}"), day);
                assert_eq!(
                    due.len(),
                    HARD.len(),
                    "tasks {w}x{h}: every hard title is shown"
                );
                assert!(
                    due.iter().all(|c| *c == due[0]),
                    "tasks {w}x{h}: the due column starts at {due:?}"
                );
            }
            for keys in ["b", "b", "2", "m", "w", "1", "l", "l", "l", "l", "l", "4"] {
                typed(&mut app, keys);
                for (w, h) in [(80, 24), (120, 40), (160, 48)] {
                    check(
                        &frame(&mut app, w, h),
                        &format!("after {keys} at {w}x{h}"),
                        day,
                    );
                }
            }
            for _ in 0..funnel::app::kpis::VIEWS {
                typed(&mut app, "c");
                check(&frame(&mut app, 120, 40), "a KPIs chart", day);
            }
            typed(&mut app, "/日本");
            check(&frame(&mut app, 120, 40), "the scope picker", day);
        }
    }
}

mod nfd {
    //! Vietnamese typed decomposed (NFD) is stored and matched as the
    //! composed (NFC) text it stands for, in the TUI and the CLI.
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn the_task_form_and_the_filter_compose_what_is_typed() {
        let dir = tempfile::tempdir().expect("dir");
        let db = demo_file(dir.path());
        let mut app = open(&db, Locale::Vi);
        let title = "Viết bài Tết cho khách hàng thân thiết";
        typed(&mut app, "a");
        typed(&mut app, &nfd(title));
        // Campaign, due, assignee, priority, then tags.
        typed(&mut app, "\t\t\t\t\t");
        typed(&mut app, &nfd("khuyến_mãi"));
        typed(&mut app, "\n");
        let tasks = app.store().tasks(&Default::default()).expect("tasks");
        let added = tasks.iter().find(|t| t.title.nfc().eq(title.chars()));
        let added = added.unwrap_or_else(|| panic!("no task titled {title}: {:?}", app.status));
        assert_eq!(added.title, title, "stored composed");
        assert_eq!(added.tags, ["khuyến_mãi"]);

        // The filter, typed decomposed, finds what composed words find.
        typed(&mut app, "/");
        typed(&mut app, &nfd("thân thiết"));
        app.settle();
        let found: Vec<_> = app.tasks.rows.clone();
        assert_eq!(app.tasks.filter_text, "thân thiết");
        typed(&mut app, "\x1b/thân thiết");
        app.settle();
        assert_eq!(app.tasks.rows, found);
        assert!(!found.is_empty());
    }

    #[test]
    fn the_picker_and_the_editor_compose_what_is_typed() {
        let dir = tempfile::tempdir().expect("dir");
        let db = demo_file(dir.path());
        let mut app = open(&db, Locale::Vi);
        typed(&mut app, "4/");
        typed(&mut app, &nfd("Văn phòng"));
        let Overlay::Picker(picker) = &app.overlay else {
            panic!("the picker is open");
        };
        assert_eq!(picker.input.lines(), ["Văn phòng"]);

        typed(&mut app, "\x1b\x1b1lll");
        typed(&mut app, "\n");
        let Overlay::Editor(_) = &app.overlay else {
            panic!("the editor is open on the brand message");
        };
        let message = "Trà ngon từ núi rừng Việt";
        typed(&mut app, &nfd(message));
        press(
            &mut app,
            KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
        );
        let strategy = app.strategy.as_ref().expect("strategy");
        assert!(
            strategy.message.brand_message.starts_with(message),
            "{:?}",
            strategy.message.brand_message
        );
    }

    #[test]
    fn the_command_line_composes_titles_tags_and_names() {
        let dir = tempfile::tempdir().expect("dir");
        let db = demo_file(dir.path());
        let run = |args: &[String]| {
            let out = Command::new(BIN)
                .arg("--db")
                .arg(&db)
                .args(args)
                .env("FUNNEL_TODAY", "2026-11-22")
                .output()
                .expect("funnel");
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        run(&[
            "task".into(),
            "add".into(),
            nfd("Gọi điện cho đối tác"),
            "--tag".into(),
            nfd("đối_tác"),
            "--assignee".into(),
            nfd("Nguyễn Thu Hà"),
        ]);
        let list = run(&[
            "task".into(),
            "list".into(),
            "--json".into(),
            "--assignee".into(),
            nfd("Nguyễn Thu Hà"),
        ]);
        let tasks: serde_json::Value = serde_json::from_str(&list).expect("json");
        let added = tasks
            .as_array()
            .expect("a list")
            .iter()
            .find(|t| t["title"] == "Gọi điện cho đối tác")
            .expect("listed by the decomposed name, titled composed");
        assert_eq!(added["tags"][0], "đối_tác");
        assert_eq!(added["assignee_name"], "Nguyễn Thu Hà");
    }
}
