//! The store on real SQLite files in temporary directories: creation,
//! refusal of foreign files, undo/redo, imports and the export round trip.

use chrono::NaiveDate;
use funnel::domain::{Amount, Dimension, Priority, TaskId, TaskStatus, ValueSource};
use funnel::store::kpis::KpiInput;
use funnel::store::orders::OrderInput;
use funnel::store::tasks::{NewTask, TaskPatch, TaskQuery};
use funnel::store::{Store, StoreError};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn temp() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    (dir, path)
}

fn order(r: &str, customer: &str, d: NaiveDate, amount: i64) -> OrderInput {
    OrderInput {
        order_ref: Some(r.into()),
        customer: customer.into(),
        day: d,
        amount: Amount::from_int(amount),
        segment: None,
    }
}

#[test]
fn a_new_file_is_private_and_reopens() {
    let (_dir, path) = temp();
    {
        let mut s = Store::open(&path).expect("create");
        s.add_task(&NewTask::titled("Viết bài Tết")).expect("add");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let s = Store::open(&path).expect("reopen");
    assert_eq!(s.task(TaskId(1)).expect("task").title, "Viết bài Tết");
    assert_eq!(s.integrity_check().expect("check"), ["ok"]);
}

#[test]
fn refuses_files_that_are_not_funnel_databases() {
    let (dir, path) = temp();
    std::fs::write(&path, "date,visits\n2026-01-01,3\n").expect("write");
    let e = Store::open(&path).err().expect("refused");
    assert!(matches!(e, StoreError::NotADatabase { .. }), "{e}");
    assert!(e.to_string().contains("not an SQLite file"), "{e}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "date,visits\n2026-01-01,3\n",
        "left untouched"
    );

    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).expect("sqlite");
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("table");
    drop(conn);
    let e = Store::open(&other).err().expect("refused");
    assert!(e.to_string().contains("other tables"), "{e}");

    let newer = dir.path().join("newer.db");
    drop(Store::open(&newer).expect("create"));
    let conn = rusqlite::Connection::open(&newer).expect("sqlite");
    conn.pragma_update(None, "user_version", 99).expect("bump");
    drop(conn);
    let e = Store::open(&newer).err().expect("refused");
    assert!(e.to_string().contains("newer funnel"), "{e}");

    let e = Store::open(dir.path()).err().expect("a directory");
    assert!(e.to_string().contains("directory"), "{e}");
}

#[test]
fn undo_and_redo_walk_back_and_forth_through_changes() {
    let (_dir, path) = temp();
    let mut s = Store::open(&path).expect("open");
    let t = s.add_task(&NewTask::titled("one")).expect("add");
    s.set_task_status(&[t.id], TaskStatus::Done).expect("done");
    s.edit_task(
        t.id,
        &TaskPatch {
            title: Some("one, renamed".into()),
            priority: Some(Priority::High),
            ..TaskPatch::default()
        },
    )
    .expect("edit");

    let r = s.undo().expect("undo edit");
    assert_eq!(r.label, "edit task 1");
    let back = s.task(t.id).expect("task");
    assert_eq!(
        (back.title.as_str(), back.priority),
        ("one", Priority::Medium)
    );
    assert_eq!(back.status, TaskStatus::Done);

    s.undo().expect("undo done");
    assert_eq!(s.task(t.id).expect("task").status, TaskStatus::Todo);
    assert!(s.task(t.id).expect("task").done_at.is_none());

    s.redo().expect("redo done");
    assert_eq!(s.task(t.id).expect("task").status, TaskStatus::Done);

    s.undo().expect("undo done again");
    s.undo().expect("undo add");
    assert!(matches!(s.task(t.id), Err(StoreError::NotFound { .. })));
    assert!(matches!(s.undo(), Err(StoreError::NothingTo("undo"))));

    // A new change drops what could have been redone.
    s.add_task(&NewTask::titled("two")).expect("add");
    assert!(matches!(s.redo(), Err(StoreError::NothingTo("redo"))));
}

#[test]
fn deleting_a_task_is_undone_with_every_field() {
    let mut s = Store::open_in_memory().expect("open");
    let new = NewTask {
        tags: vec!["seo".into(), "#Content".into()],
        due: Some(day(2026, 11, 30)),
        notes: "line one\nline 'two'".into(),
        ..NewTask::titled("Tết banner")
    };
    let t = s.add_task(&new).expect("add");
    s.delete_task(t.id).expect("delete");
    s.undo().expect("undo");
    assert_eq!(s.task(t.id).expect("restored"), t);
}

#[test]
fn orders_import_twice_changes_nothing_and_undo_redo_the_batch() {
    let (_dir, path) = temp();
    let mut s = Store::open(&path).expect("open");
    let orders = vec![
        order("A1", "c1", day(2026, 1, 1), 100),
        order("A2", "c2", day(2026, 1, 2), 250),
        OrderInput {
            segment: Some("VIP".into()),
            ..order("A3", "c1", day(2026, 2, 1), 90)
        },
    ];
    let first = s.import_orders("o.csv", &orders, true).expect("import");
    assert_eq!((first.added, first.updated, first.unchanged), (3, 0, 0));
    assert_eq!(first.new_segments, ["VIP"]);
    let again = s.import_orders("o.csv", &orders, true).expect("again");
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    assert_eq!(s.count_orders().expect("count"), 3);

    // The shop changed one order's amount: it is updated, not duplicated.
    let mut changed = orders.clone();
    changed[1].amount = Amount::from_int(260);
    let upd = s.import_orders("o2.csv", &changed, true).expect("update");
    assert_eq!((upd.added, upd.updated, upd.unchanged), (0, 1, 2));
    s.undo().expect("undo update");
    assert_eq!(s.orders().expect("orders")[1].amount, Amount::from_int(250));

    // Undo of the import (the second was a no-op and left no entry).
    s.undo().expect("undo import");
    assert_eq!(s.count_orders().expect("count"), 0);
    s.redo().expect("redo import");
    assert_eq!(s.count_orders().expect("count"), 3);

    // A dry run reports and writes nothing.
    let more = vec![order("A9", "c9", day(2026, 3, 1), 10)];
    let dry = s.import_orders("o3.csv", &more, false).expect("dry");
    assert_eq!(dry.added, 1);
    assert_eq!(s.count_orders().expect("count"), 3);
}

#[test]
fn a_kpi_value_is_replaced_not_duplicated_and_said_so() {
    let mut s = Store::open_in_memory().expect("open");
    let v = |value: i64| KpiInput {
        day: day(2026, 11, 2),
        metric: "visits".into(),
        dimension: Dimension::Total,
        value: Amount::from_int(value),
    };
    let a = s
        .record_kpis(&[v(100)], ValueSource::Recorded, "r", true)
        .expect("record");
    assert_eq!(a.added, 1);
    let b = s
        .record_kpis(&[v(120)], ValueSource::Recorded, "r", true)
        .expect("record");
    assert_eq!(b.replaced.len(), 1);
    assert_eq!(b.replaced[0].1, Amount::from_int(100));
    let c = s
        .record_kpis(&[v(120)], ValueSource::Imported, "r", true)
        .expect("record");
    assert_eq!(c.unchanged, 1);
    assert_eq!(
        s.series_between("visits", Dimension::Total, day(2000, 1, 1), day(2100, 1, 1))
            .expect("series"),
        [(day(2026, 11, 2), Amount::from_int(120))]
    );
    let bad = KpiInput {
        metric: "vistis".into(),
        ..v(1)
    };
    let e = s
        .record_kpis(&[v(5), bad], ValueSource::Recorded, "r", true)
        .expect_err("unknown metric");
    assert!(e.to_string().contains("unknown metric 'vistis'"), "{e}");
    assert_eq!(
        s.series_between("visits", Dimension::Total, day(2000, 1, 1), day(2100, 1, 1))
            .expect("series")[0]
            .1,
        Amount::from_int(120),
        "nothing partial"
    );
}

#[test]
fn export_import_export_is_the_same_document() {
    let mut s = Store::open_in_memory().expect("open");
    s.add_task(&NewTask {
        tags: vec!["seo".into()],
        due: Some(day(2026, 12, 1)),
        ..NewTask::titled("Trung Thu")
    })
    .expect("add");
    s.import_orders("o.csv", &[order("X", "c", day(2026, 1, 1), 5)], true)
        .expect("orders");
    s.record_kpis(
        &[KpiInput {
            day: day(2026, 1, 1),
            metric: "spend".into(),
            dimension: Dimension::Total,
            value: "1234.5".parse().expect("amount"),
        }],
        ValueSource::Recorded,
        "r",
        true,
    )
    .expect("kpi");
    let first = s.export().expect("export");
    let mut copy = Store::open_in_memory().expect("open");
    copy.import(&first).expect("import");
    assert_eq!(copy.export().expect("export"), first);
    let e = copy.import(&first).expect_err("not empty");
    assert!(e.to_string().contains("empty database"), "{e}");
    let listed = copy.tasks(&TaskQuery::default()).expect("tasks");
    assert_eq!(listed.len(), 1);
}

#[test]
fn a_series_over_a_span_brings_the_last_value_before_it() {
    let mut s = Store::open_in_memory().expect("open");
    let v = |d: NaiveDate, metric: &str, value: i64| KpiInput {
        day: d,
        metric: metric.into(),
        dimension: Dimension::Total,
        value: Amount::from_int(value),
    };
    s.record_kpis(
        &[
            v(day(2026, 9, 1), "customers", 1),
            v(day(2026, 9, 20), "customers", 2),
            v(day(2026, 10, 3), "customers", 3),
            v(day(2026, 10, 31), "customers", 4),
            v(day(2026, 11, 1), "customers", 5),
            v(day(2026, 10, 5), "visits", 99),
        ],
        ValueSource::Recorded,
        "r",
        true,
    )
    .expect("record");
    let got = s
        .series_between(
            "customers",
            Dimension::Total,
            day(2026, 10, 1),
            day(2026, 10, 31),
        )
        .expect("series");
    let want: Vec<_> = [(9, 20, 2), (10, 3, 3), (10, 31, 4)]
        .iter()
        .map(|&(m, d, n)| (day(2026, m, d), Amount::from_int(n)))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        s.series_between(
            "customers",
            Dimension::Total,
            day(2026, 8, 1),
            day(2026, 8, 31)
        )
        .expect("series"),
        []
    );
    assert!(s.has_values("visits", Dimension::Total).expect("has"));
    assert!(!s.has_values("leads", Dimension::Total).expect("has"));
}
