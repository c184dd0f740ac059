//! Importing an order file from the KPIs tab: `i`, a path typed with
//! completion, the dry run, Enter to import (one change, `u` undoes it),
//! Esc to leave without writing, and files that cannot be imported.

use super::*;

const HARAVAN: &str = "tests/fixtures/imports/haravan_don_hang.csv";

fn kpis_app(locale: Locale, path: &std::path::Path) -> App {
    let store = Store::open(path).expect("store");
    let mut app = App::new(store, settings(locale, false, Keymap::default())).expect("app");
    typed(&mut app, "4");
    app
}

/// Does what the terminal loop does once a frame is drawn: the read or
/// the write the frame said was under way.
fn after_frame(app: &mut App) {
    while app.run_deferred() {}
}

fn orders(app: &App) -> i64 {
    app.store().count_orders().expect("count")
}

fn importing(app: &App) -> bool {
    matches!(app.overlay, Overlay::Import(_))
}

/// The text inside the overlay's box, line after line.
fn in_box(frame: &str) -> String {
    frame
        .lines()
        .filter_map(|l| {
            let (_, rest) = l.split_once('│')?;
            Some(
                rest.rsplit_once('│')
                    .map_or(rest, |(inside, _)| inside)
                    .to_string(),
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn bare(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn i_completes_a_path_shows_the_dry_run_and_enter_imports_what_u_takes_back() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = kpis_app(Locale::En, &dir.path().join("f.db"));
    assert!(screen(&mut app, 80, 24).contains("i import orders"));
    typed(&mut app, "i");
    assert!(importing(&app));
    // Tab completes as far as the entries agree; → takes the rest.
    typed(&mut app, "tests/fixtures/imports/har\t");
    let Overlay::Import(i) = &app.overlay else {
        panic!("no import");
    };
    assert_eq!(i.typed(), HARAVAN);
    typed(&mut app, "\n");
    let reading = screen(&mut app, 80, 24);
    assert!(reading.contains("Reading tests/fixtures"), "{reading}");
    after_frame(&mut app);
    let preview = screen(&mut app, 80, 24);
    for shown in [
        "Read as Haravan orders",
        "4 orders in 7 rows; dates dd/mm/yyyy",
        "order ← Mã đơn hàng",
        "skipped 1 cancelled or voided",
        "2026-11",
        "1,900,000 ₫",
    ] {
        assert!(preview.contains(shown), "{shown} in\n{preview}");
    }
    assert_eq!(orders(&app), 0, "a dry run writes nothing");
    typed(&mut app, "\n");
    assert!(screen(&mut app, 80, 24).contains("Importing 4 orders…"));
    after_frame(&mut app);
    assert!(!importing(&app));
    assert_eq!(orders(&app), 4);
    assert!(
        status(&app)
            == "Imported haravan_don_hang.csv: 4 new, 0 updated, 0 unchanged orders. u to undo",
        "{}",
        status(&app)
    );
    // The tab read the orders again: no more "No figures yet".
    assert!(app.kpis.as_ref().is_some_and(|k| !k.no_figures));
    typed(&mut app, "u");
    assert_eq!(orders(&app), 0, "{}", status(&app));
    assert!(app.kpis.as_ref().is_some_and(|k| k.no_figures));
}

#[test]
fn esc_at_the_path_or_at_the_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = kpis_app(Locale::Vi, &dir.path().join("f.db"));
    typed(&mut app, "i\x1b");
    assert!(!importing(&app));
    assert_eq!(status(&app), "Đã hủy nhập: không ghi gì.");
    typed(&mut app, &format!("i{HARAVAN}\n"));
    after_frame(&mut app);
    let preview = screen(&mut app, 80, 24);
    assert!(preview.contains("Đọc như đơn hàng Haravan"), "{preview}");
    // y answers the dry run as Enter does; n and Esc leave it.
    typed(&mut app, "\x1b");
    after_frame(&mut app);
    assert!(!importing(&app));
    assert_eq!(orders(&app), 0);
    assert_eq!(status(&app), "Đã hủy nhập: không ghi gì.");
    typed(&mut app, &format!("i{HARAVAN}\n"));
    after_frame(&mut app);
    typed(&mut app, "y");
    after_frame(&mut app);
    assert_eq!(orders(&app), 4, "{}", status(&app));
}

#[test]
fn files_that_are_not_order_exports_are_refused_in_both_locales_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").expect("write");
    let header_only = dir.path().join("header.csv");
    std::fs::write(&header_only, "Order ID,Date,Email,Total\n").expect("write");
    let prose = dir.path().join("notes.txt");
    std::fs::write(&prose, "Gọi lại cho chị Lan\nthứ sáu\n").expect("write");
    let db = dir.path().join("f.db");
    let missing = dir.path().join("nowhere.csv");
    let cases = [
        (
            missing.clone(),
            "does not exist. Nothing was written.",
            "Không có tệp",
        ),
        (
            dir.path().to_path_buf(),
            "is a folder: type a file in it",
            "là thư mục",
        ),
        (empty.clone(), "is empty: no orders to import", "trống"),
        (
            header_only.clone(),
            "is empty: no orders to import",
            "trống",
        ),
        (
            db.clone(),
            "is a database, not an order export",
            "là cơ sở dữ liệu",
        ),
        (
            prose.clone(),
            "is not an order export funnel can read",
            "không phải tệp xuất đơn hàng",
        ),
    ];
    for (locale, vi) in [(Locale::En, false), (Locale::Vi, true)] {
        let mut app = kpis_app(locale, &db);
        for (path, en_says, vi_says) in &cases {
            typed(&mut app, &format!("i{}\n", path.display()));
            after_frame(&mut app);
            let Overlay::Import(i) = &app.overlay else {
                panic!("the prompt stays open after an error");
            };
            let error = i.error.clone().unwrap_or_default();
            let says = if vi { vi_says } else { en_says };
            assert!(error.contains(says), "{}: {error}", path.display());
            let nothing = if vi {
                "Chưa ghi gì."
            } else {
                "Nothing was written."
            };
            assert!(error.ends_with(nothing), "{error}");
            // On screen whole, however it wraps in the box.
            let frame = screen(&mut app, 80, 24);
            assert!(
                bare(&in_box(&frame)).contains(&bare(&error)),
                "{error}\n{frame}"
            );
            typed(&mut app, "\x1b");
        }
        assert_eq!(orders(&app), 0);
    }
}

#[test]
fn enter_on_an_empty_path_asks_for_one_and_read_only_refuses_the_import() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = kpis_app(Locale::En, &dir.path().join("f.db"));
    typed(&mut app, "i\n");
    after_frame(&mut app);
    let Overlay::Import(i) = &app.overlay else {
        panic!("no import");
    };
    assert_eq!(
        i.error.as_deref(),
        Some("Type the path of a file first (Tab completes it).")
    );
    let store = Store::open(&dir.path().join("f.db")).expect("store");
    let mut ro = App::new(store, settings(Locale::En, true, Keymap::default())).expect("app");
    typed(&mut ro, "4i");
    assert!(!importing(&ro));
    assert!(status(&ro).starts_with("Read-only"), "{}", status(&ro));
}

#[test]
fn frames_of_the_path_prompt_and_the_dry_run() {
    for (locale, name) in [(Locale::En, "en"), (Locale::Vi, "vi")] {
        let dir = tempfile::tempdir().expect("dir");
        let mut app = kpis_app(locale, &dir.path().join("f.db"));
        typed(&mut app, "itests/fixtures/imports/s\t");
        insta::assert_snapshot!(
            format!("import_prompt_{name}_80x24"),
            screen(&mut app, 80, 24)
        );
        typed(&mut app, "hopify_orders_export.csv\n");
        after_frame(&mut app);
        insta::assert_snapshot!(
            format!("import_preview_{name}_80x24"),
            screen(&mut app, 80, 24)
        );
        if locale == Locale::En {
            insta::assert_snapshot!("import_preview_en_160x48", screen(&mut app, 160, 48));
        }
    }
}

#[test]
fn what_landed_and_the_undo_key_fit_80_columns_after_an_import_by_a_long_path() {
    let long = format!("{}/{HARAVAN}", env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("dir");
    for (locale, undo) in [(Locale::En, "u to undo"), (Locale::Vi, "u để hoàn tác")] {
        let mut app = kpis_app(locale, &dir.path().join(format!("{undo}.db")));
        typed(&mut app, &format!("i{long}\n"));
        after_frame(&mut app);
        typed(&mut app, "\n");
        after_frame(&mut app);
        let frame = screen(&mut app, 80, 24);
        let last = frame.lines().last().unwrap_or_default();
        assert!(last.contains("haravan_don_hang.csv"), "{last}");
        assert!(last.ends_with(undo), "{last}");
    }
}

#[test]
fn the_help_palette_opens_the_import_from_any_tab() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = kpis_app(Locale::Vi, &dir.path().join("f.db"));
    typed(&mut app, "3?nhập đơn\n");
    assert_eq!(app.tab, Tab::Kpis);
    assert!(importing(&app), "{}", screen(&mut app, 80, 24));
}

#[test]
fn the_months_columns_stay_apart_however_large_the_revenue() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("big.csv");
    std::fs::write(
        &file,
        "Order ID,Customer,Created at,Total\n1,lan@example.vn,2026-11-02,16351559000\n",
    )
    .expect("write");
    let mut app = kpis_app(Locale::En, &dir.path().join("f.db"));
    typed(&mut app, &format!("i{}\n", file.display()));
    after_frame(&mut app);
    let frame = screen(&mut app, 80, 24);
    let row = in_box(
        frame
            .lines()
            .find(|l| l.contains("│2026-11"))
            .unwrap_or_default(),
    );
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["2026-11", "1", "16,351,559,000", "₫", "1"],
        "{frame}"
    );
}
