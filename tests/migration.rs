//! Opening a database written by an earlier funnel. `tests/fixtures/v1.db`
//! was made by the funnel of schema version 1 (`FUNNEL_TODAY=2026-11-22
//! funnel --db tests/fixtures/v1.db demo`, then one `funnel orders import`
//! of four orders, so its journal holds an undoable import); the two
//! `v1.months*.json` files are that funnel's `kpi show --period month
//! --from 2025-06-01 --json`, for the whole business and for one segment.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Weekday};
use funnel::analysis::{Analysis, CustomerSource};
use funnel::config::Config;
use funnel::domain::RecordKind;
use funnel::domain::{Dimension, SegmentId};
use funnel::metrics::{FigureRow, Granularity, periods_covering};
use funnel::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of the v1 file in a temporary directory: the fixture itself is
/// never opened for writing.
fn v1_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    std::fs::copy(fixture("v1.db"), &path).expect("copy fixture");
    (dir, path)
}

/// The month figures of `scope` as `kpi show --json` prints them.
fn months_json(store: &Store, scope: Dimension) -> serde_json::Value {
    let config = Config::default();
    let periods = periods_covering(
        Granularity::Month,
        NaiveDate::from_ymd_opt(2025, 6, 1).expect("date"),
        today(),
        Weekday::Mon,
    );
    let f = Analysis::new(store, &config, today())
        .figures(&periods, scope)
        .expect("figures");
    assert_eq!(f.customer_source, CustomerSource::Orders);
    let rows: Vec<FigureRow> = periods
        .iter()
        .zip(f.figures)
        .map(|(p, fig)| FigureRow::new(p, fig))
        .collect();
    let mut json = serde_json::to_value(rows).expect("json");
    // Figures added since (v6: clicks and impressions; the funnel's step
    // rates) are no part of what
    // the old funnel printed.
    for row in json.as_array_mut().into_iter().flatten() {
        if let Some(o) = row.as_object_mut() {
            for key in NEWER_KEYS {
                o.remove(key);
            }
        }
    }
    json
}

const NEWER_KEYS: [&str; 7] = [
    "impressions",
    "clicks",
    "click_through_rate",
    "cost_per_click",
    "lead_rate",
    "lead_conversion_rate",
    "new_customer_rate",
];

fn expected(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture json");
    serde_json::from_str(&text).expect("fixture parses")
}

/// The schema version a file is upgraded to.
const LATEST: i64 = 9;

fn user_version(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("sqlite");
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version")
}

#[test]
fn a_v1_file_opens_with_its_data_and_figures_intact() {
    let (dir, path) = v1_copy();
    assert_eq!(user_version(&path), 1);
    let store = Store::open(&path).expect("open v1 copy");
    // v2: customer rollups; v3: derived figures objectives can target; v4:
    // who made each journaled change; v5: ids never given twice; v6: clicks
    // and impressions built in; v7: an order with an id keyed by it alone.
    assert_eq!(user_version(&path), LATEST);
    assert!(
        store
            .metrics()
            .expect("metrics")
            .iter()
            .any(|m| m.name == "churn_rate")
    );
    // The file as it was, checked, beside it.
    let backup = dir.path().join("funnel.db.v1.bak");
    assert_eq!(user_version(&backup), 1);
    let old = Store::open_read_only(&backup)
        .err()
        .expect("a v1 file needs an upgrade");
    assert!(old.to_string().contains("needs an upgrade"), "{old}");
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    assert!(store.foreign_key_check().expect("fk").is_empty());
    assert_eq!(store.count_orders().expect("orders"), 17_102);
    assert_eq!(store.count_tasks().expect("tasks"), 74);
    assert_eq!(store.kpi_values().expect("kpis").len(), 11_846);
    assert_eq!(
        months_json(&store, Dimension::Total),
        expected("v1.months.json")
    );
    let tea = store
        .resolve(RecordKind::Segment, "Người yêu trà")
        .expect("segment");
    assert_eq!(
        months_json(&store, Dimension::Segment(SegmentId(tea))),
        expected("v1.months.tea_lovers.json")
    );
}

#[test]
fn the_v1_undo_history_still_undoes_and_redoes_its_orders_import() {
    let (_dir, path) = v1_copy();
    let mut store = Store::open(&path).expect("open v1 copy");
    let before = months_json(&store, Dimension::Total);
    let undone = store.undo().expect("undo the v1 import");
    assert!(
        undone.label.starts_with("import orders from"),
        "{}",
        undone.label
    );
    assert_eq!(store.count_orders().expect("orders"), 17_098);
    assert_ne!(months_json(&store, Dimension::Total), before);
    store.redo().expect("redo");
    assert_eq!(store.count_orders().expect("orders"), 17_102);
    assert_eq!(months_json(&store, Dimension::Total), before);
}

/// `tests/fixtures/v2.db` was made by the funnel of schema version 2
/// (`FUNNEL_TODAY=2026-11-22 funnel --db tests/fixtures/v2.db demo`, which
/// also stored the customer rollups); `v2.months.json` is that funnel's
/// `kpi show --period month --from 2025-06-01 --json`.
#[test]
fn a_v2_file_opens_with_its_data_rollups_and_figures_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    std::fs::copy(fixture("v2.db"), &path).expect("copy fixture");
    assert_eq!(user_version(&path), 2);
    let store = Store::open(&path).expect("open v2 copy");
    assert_eq!(user_version(&path), LATEST);
    assert_eq!(user_version(&dir.path().join("funnel.db.v2.bak")), 2);
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    assert!(store.foreign_key_check().expect("fk").is_empty());
    assert_eq!(store.count_orders().expect("orders"), 17_098);
    assert_eq!(store.count_tasks().expect("tasks"), 74);
    assert_eq!(store.kpi_values().expect("kpis").len(), 11_846);
    // The v2 rollups are still valid after the upgrade, and give what the
    // v2 funnel printed.
    assert_eq!(
        months_json(&store, Dimension::Total),
        expected("v2.months.json")
    );
    let metrics = store.metrics().expect("metrics");
    assert!(metrics.iter().any(|m| m.name == "conversion_rate"));
}

/// `tests/fixtures/v3.db` was made by the funnel of schema version 3
/// (`FUNNEL_TODAY=2026-11-22 funnel --db tests/fixtures/v3.db demo`, then
/// `funnel task add "Gọi lại cho khách sỉ" --due 2026-11-25` and
/// `funnel task done 1`, then checkpointed), so its journal holds two
/// changes made before changes recorded who made them.
#[test]
fn a_v3_file_opens_with_its_data_and_its_undo_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    std::fs::copy(fixture("v3.db"), &path).expect("copy fixture");
    assert_eq!(user_version(&path), 3);
    let mut store = Store::open(&path).expect("open v3 copy");
    assert_eq!(user_version(&path), LATEST);
    assert_eq!(user_version(&dir.path().join("funnel.db.v3.bak")), 3);
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    assert!(store.foreign_key_check().expect("fk").is_empty());
    assert_eq!(store.count_orders().expect("orders"), 17_098);
    assert_eq!(store.count_tasks().expect("tasks"), 75);
    assert_eq!(store.kpi_values().expect("kpis").len(), 11_846);
    // The changes from before count as the command line's: its undo
    // reverts them, newest first, and says so.
    // (Task 1 was done already: marking it done again only touched it.)
    let first = funnel::domain::TaskId(1);
    let touched = store.task(first).expect("task 1").updated_at;
    let undone = store.undo().expect("undo the v3 change");
    assert_eq!(undone.label, "set task 1 done");
    assert_eq!(undone.by, funnel::store::Origin::CommandLine);
    assert!(store.task(first).expect("task 1").updated_at < touched);
    assert_eq!(store.undo().expect("undo the add").label, "add task 75");
    assert_eq!(store.count_tasks().expect("tasks"), 74);
    assert_eq!(store.redo().expect("redo the add").label, "add task 75");
    assert_eq!(store.count_tasks().expect("tasks"), 75);
}

/// `tests/fixtures/v4.db` was made by the funnel of schema version 4
/// (`FUNNEL_TODAY=2026-11-22 funnel --db tests/fixtures/v4.db demo`, then
/// `funnel task add "Gọi lại cho khách sỉ" --due 2026-11-25`, `funnel task
/// add "Xoá sau"` and `funnel task rm 76`, then checkpointed): its newest
/// task was deleted, so version 4 would give id 76 again, and the undo of
/// the delete would then collide with the new task.
#[test]
fn a_v4_file_opens_with_its_data_and_never_gives_a_deleted_id_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    std::fs::copy(fixture("v4.db"), &path).expect("copy fixture");
    assert_eq!(user_version(&path), 4);
    let mut store = Store::open(&path).expect("open v4 copy");
    assert_eq!(user_version(&path), LATEST);
    assert_eq!(user_version(&dir.path().join("funnel.db.v4.bak")), 4);
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    assert!(store.foreign_key_check().expect("fk").is_empty());
    assert!(store.dangling_links().expect("links").is_empty());
    assert_eq!(store.count_orders().expect("orders"), 17_098);
    assert_eq!(store.count_tasks().expect("tasks"), 75);
    assert_eq!(store.kpi_values().expect("kpis").len(), 11_846);
    let added = store
        .add_task(&funnel::store::tasks::NewTask::titled("sau khi nâng cấp"))
        .expect("add");
    assert_eq!(
        added.id,
        funnel::domain::TaskId(77),
        "id 76 is the deleted task's"
    );
    // Undo takes the add back, then the delete: task 76 returns.
    let mut cli = Store::open(&path).expect("open");
    assert_eq!(cli.undo().expect("undo the add").label, "add task 77");
    assert_eq!(cli.undo().expect("undo the delete").label, "delete task 76");
    assert_eq!(
        cli.task(funnel::domain::TaskId(76)).expect("back").title,
        "Xoá sau"
    );
    // The journal's triggers were made again on the rebuilt tables.
    assert_eq!(cli.redo().expect("redo").label, "delete task 76");
}

/// `tests/fixtures/v5.db` was made by the funnel of schema version 5
/// (`FUNNEL_TODAY=2026-11-22 funnel --db tests/fixtures/v5.db demo`, then
/// `funnel metric add clicks --kind counter --unit count`, `funnel kpi
/// record 2026-11-20 clicks=120` and `funnel kpi record 2026-11-21
/// clicks=80`, then `PRAGMA wal_checkpoint(TRUNCATE)`): a user who added a
/// metric named clicks before it was built in.
#[test]
fn a_v5_file_gets_clicks_and_impressions_built_in_and_keeps_its_own_clicks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    std::fs::copy(fixture("v5.db"), &path).expect("copy fixture");
    assert_eq!(user_version(&path), 5);
    let store = Store::open(&path).expect("open v5 copy");
    assert_eq!(user_version(&path), LATEST);
    assert_eq!(user_version(&dir.path().join("funnel.db.v5.bak")), 5);
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    assert!(store.foreign_key_check().expect("fk").is_empty());
    assert_eq!(store.count_orders().expect("orders"), 17_098);
    assert_eq!(store.kpi_values().expect("kpis").len(), 11_848);
    let metrics = store.metrics().expect("metrics");
    let get = |name: &str| {
        metrics
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("metric {name}"))
    };
    for name in [
        "clicks",
        "impressions",
        "click_through_rate",
        "cost_per_click",
    ] {
        assert!(get(name).builtin, "{name} is built in");
    }
    assert_eq!(get("impressions").kind, funnel::domain::MetricKind::Counter);
    // The user's own clicks are the built-in's now, values and all.
    let clicks: Vec<_> = store
        .kpi_values()
        .expect("kpis")
        .into_iter()
        .filter(|v| v.metric == "clicks")
        .map(|v| (v.day.to_string(), v.value.to_string()))
        .collect();
    assert_eq!(
        clicks,
        [
            ("2026-11-20".into(), "120".into()),
            ("2026-11-21".into(), "80".into())
        ]
    );
    let periods = periods_covering(
        Granularity::Month,
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
        today(),
        Weekday::Mon,
    );
    let config = Config::default();
    let f = Analysis::new(&store, &config, today())
        .figures(&periods, Dimension::Total)
        .expect("figures");
    assert_eq!(
        f.figures[0].clicks,
        Some(funnel::domain::Amount::from_int(200))
    );
}

/// `tests/fixtures/v6-orders.db` was made by the funnel of schema version 6
/// (`FUNNEL_TODAY=2026-11-22 funnel --db tests/fixtures/v6-orders.db demo`, then
/// `funnel orders import` of three orders with an id (V6-1 to V6-3), then
/// of three without one, two of them alike, then `funnel undo`, then
/// `PRAGMA wal_checkpoint(TRUNCATE)`): its journal holds an import done
/// and one undone, whose orders are parked. `v6.months.json` is that
/// funnel's `kpi show --period month --from 2025-06-01 --json` at the end.
#[test]
fn a_v6_file_keeps_its_orders_their_keys_and_the_undo_of_its_imports() {
    use funnel::domain::Amount;
    use funnel::store::orders::OrderInput;

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    std::fs::copy(fixture("v6-orders.db"), &path).expect("copy fixture");
    assert_eq!(user_version(&path), 6);
    let mut store = Store::open(&path).expect("open v6 copy");
    assert_eq!(user_version(&path), LATEST);
    assert_eq!(user_version(&dir.path().join("funnel.db.v6.bak")), 6);
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    assert!(store.foreign_key_check().expect("fk").is_empty());
    assert!(store.dangling_links().expect("links").is_empty());
    assert!(store.order_key_mismatches().expect("keys").is_empty());
    assert_eq!(store.count_orders().expect("orders"), 17_101);
    // What `kpi show` prints beside the figures (the span compared and
    // the day figures run through) is not part of them.
    let mut expected = expected("v6.months.json");
    for row in expected.as_array_mut().into_iter().flatten() {
        if let Some(o) = row.as_object_mut() {
            for key in NEWER_KEYS.iter().chain(&["compared_with", "through"]) {
                o.remove(*key);
            }
        }
    }
    assert_eq!(months_json(&store, Dimension::Total), expected);
    // Only the keys an id does not give are stored; the parked orders
    // keep theirs.
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let stored = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(
        stored("SELECT count(*) FROM orders WHERE order_key IS NOT NULL"),
        0
    );
    assert_eq!(
        stored("SELECT count(*) FROM orders_undone WHERE order_key LIKE 'cda:%'"),
        3
    );
    assert_eq!(
        stored("SELECT count(*) FROM sqlite_master WHERE name = 'orders_by_batch'"),
        0
    );

    let order = |r: Option<&str>, customer: &str, day: u32, amount: i64| OrderInput {
        order_ref: r.map(str::to_string),
        customer: customer.into(),
        day: NaiveDate::from_ymd_opt(2026, 11, day).expect("day"),
        amount: Amount::from_int(amount),
        segment: None,
    };
    let ids = [
        order(Some("V6-1"), "an@example.com", 2, 120_000),
        order(Some("V6-2"), "binh@example.com", 3, 80_000),
        order(Some("V6-3"), "an@example.com", 5, 45_000),
    ];
    let repeats = [
        order(None, "chi@example.com", 6, 50_000),
        order(None, "chi@example.com", 6, 50_000),
        order(None, "dung@example.com", 7, 70_000),
    ];
    // The undone import comes back whole, and the same files again add
    // nothing.
    assert_eq!(
        store.redo().expect("redo the v6 import").label,
        "import orders from repeats.csv"
    );
    assert_eq!(store.count_orders().expect("orders"), 17_104);
    for (file, orders) in [("ids.csv", &ids), ("repeats.csv", &repeats)] {
        let again = store.import_orders(file, orders, true).expect("again");
        assert_eq!((again.added, again.unchanged), (0, 3), "{file}");
    }
    // The v6 import with ids undoes exactly its three orders.
    store.undo().expect("undo the redo");
    assert_eq!(
        store.undo().expect("undo the v6 import").label,
        "import orders from ids.csv"
    );
    assert_eq!(store.count_orders().expect("orders"), 17_098);
    store.redo().expect("redo");
    assert_eq!(store.count_orders().expect("orders"), 17_101);
    assert_eq!(months_json(&store, Dimension::Total), expected);
    // A new order gets an id above every parked one.
    let added = store
        .import_orders(
            "new.csv",
            &[order(Some("V7-1"), "e@example.com", 8, 1)],
            true,
        )
        .expect("import");
    assert_eq!(added.added, 1);
    let id = stored("SELECT max(id) FROM orders");
    assert!(id > 17_104, "{id}: ids 17102–17104 are the parked orders'");
    assert!(store.dangling_links().expect("links").is_empty());
}

/// The SQL of a file's journal triggers, in bytes: SQLite parses all of it
/// whenever a process opens the file.
fn trigger_bytes(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("sqlite");
    conn.query_row(
        "SELECT sum(length(sql)) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'journal%'",
        [],
        |r| r.get(0),
    )
    .expect("trigger sql")
}

/// `tests/fixtures/v6-tasks.db` was made by the funnel of schema version 6:
/// `funnel campaign add "Tết 2027" --start 2026-12-01 --end 2027-01-31`,
/// `person add Ngọc`, `task add "Gọi xưởng in" --campaign "Tết 2027"
/// --assignee Ngọc --tag ops --due 2026-12-01`, `task add "Viết bài blog"
/// --priority high`, `task add "Xoá sau"`, `task done 1`, `task rm 3`,
/// `task edit 2 --notes "ghi chú 'trích' 100%"`, then checkpointed.
#[test]
fn a_v6_file_gets_small_journal_triggers_and_keeps_its_data_and_undo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    std::fs::copy(fixture("v6-tasks.db"), &path).expect("copy fixture");
    assert_eq!(user_version(&path), 6);
    let before = trigger_bytes(&path);
    let mut store = Store::open(&path).expect("open v6 copy");
    assert_eq!(user_version(&path), LATEST);
    assert_eq!(user_version(&dir.path().join("funnel.db.v6.bak")), 6);
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    assert!(store.foreign_key_check().expect("fk").is_empty());
    let after = trigger_bytes(&path);
    assert!(
        after * 5 < before * 4,
        "the journal triggers are {after} bytes of SQL, {before} before the upgrade"
    );
    assert_eq!(store.count_tasks().expect("tasks"), 2);
    let two = funnel::domain::TaskId(2);
    assert_eq!(
        store.task(two).expect("task 2").notes,
        "ghi chú 'trích' 100%"
    );
    // The v6 history undoes and redoes under the new triggers, and a new
    // change records the same SQL as v6's triggers did.
    assert_eq!(store.undo().expect("undo v6 edit").label, "edit task 2");
    assert_eq!(store.task(two).expect("task 2").notes, "");
    assert_eq!(store.undo().expect("undo v6 rm").label, "delete task 3");
    assert_eq!(store.count_tasks().expect("tasks"), 3);
    assert_eq!(store.redo().expect("redo v6 rm").label, "delete task 3");
    assert_eq!(store.redo().expect("redo v6 edit").label, "edit task 2");
    let patch = funnel::store::tasks::TaskPatch {
        notes: Some("100% 'x'".into()),
        ..Default::default()
    };
    store.edit_task(two, &patch).expect("edit");
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let (undo, redo): (String, String) = conn
        .query_row(
            "SELECT undo_sql, redo_sql FROM journal_op ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("op");
    let (created, updated): (String, String) = conn
        .query_row(
            "SELECT created_at, updated_at FROM tasks WHERE id = 2",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("stamps");
    let row = |notes: &str, updated: &str| {
        format!(
            "UPDATE \"tasks\" SET \"id\" = 2, \"title\" = 'Viết bài blog', \"campaign_id\" = NULL, \
             \"assignee_id\" = NULL, \"status\" = 'todo', \"priority\" = 'high', \"due\" = NULL, \
             \"tags\" = '', \"notes\" = '{notes}', \"note_id\" = NULL, \"created_at\" = '{created}', \
             \"updated_at\" = '{updated}', \"done_at\" = NULL, \"recurrence\" = NULL, \
             \"series_id\" = NULL, \"repeats_id\" = NULL WHERE rowid = 2"
        )
    };
    assert_eq!(redo, row("100% ''x''", &updated));
    assert!(undo.starts_with("UPDATE \"tasks\" SET \"id\" = 2, \"title\" = 'Viết bài blog'"));
    assert!(undo.contains("\"notes\" = 'ghi chú ''trích'' 100%'"));
    assert_eq!(
        store.undo().expect("undo the new edit").label,
        "edit task 2"
    );
    assert_eq!(
        store.task(two).expect("task 2").notes,
        "ghi chú 'trích' 100%"
    );
}
