//! The store on real SQLite files in temporary directories: creation,
//! refusal of foreign files, undo/redo, imports and the export round trip.

use chrono::NaiveDate;
use funnel::domain::{Amount, Dimension, Priority, TaskId, TaskStatus, ValueSource};
use funnel::store::kpis::KpiInput;
use funnel::store::orders::OrderInput;
use funnel::store::tasks::{NewTask, TaskPatch, TaskQuery};
use funnel::store::{Store, StoreError};

/// Every day a test's data can hold, for reading whole series.
const ALL_DAYS: (NaiveDate, NaiveDate) = (
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("date"),
    NaiveDate::from_ymd_opt(2999, 12, 31).expect("date"),
);
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

/// Orders go in many to a statement: an import mixing new orders with
/// stored ones, changed and not, counts each right whatever chunk it is in.
#[test]
fn a_large_import_over_stored_orders_counts_each_order() {
    let (_dir, path) = temp();
    let mut s = Store::open(&path).expect("open");
    let first: Vec<OrderInput> = (0..150)
        .map(|i| {
            order(
                &format!("A{i}"),
                &format!("c{}", i % 7),
                day(2026, 1, 1),
                10 + i,
            )
        })
        .collect();
    let out = s.import_orders("a.csv", &first, true).expect("first");
    assert_eq!((out.added, out.updated, out.unchanged), (150, 0, 0));
    // Every third stored order comes again, one in five of them changed,
    // among 200 new ones.
    let mut second = Vec::new();
    for i in 0..200 {
        second.push(order(&format!("B{i}"), "c1", day(2026, 2, 1), 5));
        if i % 4 == 0 && i / 4 * 3 < 150 {
            let k = i / 4 * 3;
            let amount = if k % 5 == 0 { 999 } else { 10 + k };
            second.push(order(
                &format!("A{k}"),
                &format!("c{}", k % 7),
                day(2026, 1, 1),
                amount,
            ));
        }
    }
    let out = s.import_orders("b.csv", &second, true).expect("second");
    assert_eq!((out.added, out.updated, out.unchanged), (200, 10, 40));
    assert_eq!(s.count_orders().expect("count"), 350);
    let stored = s.orders().expect("orders");
    let a15 = stored
        .iter()
        .find(|o| o.order_ref.as_deref() == Some("A15"))
        .expect("A15");
    assert_eq!(a15.amount, Amount::from_int(999));
    let again = s.import_orders("b.csv", &second, true).expect("again");
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 250));
}

/// One order id twice in one import (in one chunk of the insert and in
/// another): the last one wins and is counted updated, or unchanged where
/// it is the same, as when every order was a statement of its own.
#[test]
fn an_order_twice_in_one_import_is_the_last_one() {
    let (_dir, path) = temp();
    let mut s = Store::open(&path).expect("open");
    let mut orders: Vec<OrderInput> = (0..300)
        .map(|i| order(&format!("A{i}"), "c1", day(2026, 1, 1), 10 + i))
        .collect();
    orders.insert(20, order("A10", "c1", day(2026, 1, 1), 999));
    orders.push(order("A5", "c1", day(2026, 1, 1), 15));
    orders.push(order("A7", "c1", day(2026, 1, 1), 777));
    let out = s.import_orders("a.csv", &orders, true).expect("import");
    assert_eq!((out.added, out.updated, out.unchanged), (300, 2, 1));
    assert_eq!(s.count_orders().expect("count"), 300);
    let amount = |r: &str| {
        let stored = s.orders().expect("orders");
        stored
            .iter()
            .find(|o| o.order_ref.as_deref() == Some(r))
            .map(|o| o.amount)
    };
    assert_eq!(amount("A10"), Some(Amount::from_int(999)));
    assert_eq!(amount("A7"), Some(Amount::from_int(777)));
    assert_eq!(amount("A5"), Some(Amount::from_int(15)));
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

mod links {
    //! Deleting what others link to: the counts the question shows, the
    //! links set to nothing or the campaign's tasks deleted with it, and
    //! undo bringing all of it back.
    use super::*;
    use funnel::domain::{
        Campaign, CampaignId, CampaignStatus, Channel, ChannelId, ChannelKind, Person, PersonId,
        Segment, SegmentId,
    };
    use funnel::store::links::Links;

    /// A segment, a channel reaching it, a person, a campaign on both owned
    /// by the person, three tasks of the campaign (two assigned), and spend
    /// recorded for the campaign on two days and for the segment on one.
    fn linked(path: &std::path::Path) -> (Store, SegmentId, ChannelId, PersonId, CampaignId) {
        let mut s = Store::open(path).expect("create");
        let seg = s
            .save_segment(&Segment {
                id: SegmentId(0),
                name: "Văn phòng".into(),
                description: String::new(),
                demographics: String::new(),
                needs: String::new(),
                habits: String::new(),
                market_size: None,
            })
            .expect("segment")
            .id;
        let ch = s
            .save_channel(&Channel {
                id: ChannelId(0),
                name: "Zalo OA".into(),
                kind: ChannelKind::Social,
                active: true,
                description: String::new(),
                segments: vec![seg],
            })
            .expect("channel")
            .id;
        let an = s
            .save_person(&Person {
                id: PersonId(0),
                name: "An".into(),
                role: String::new(),
                contact: String::new(),
            })
            .expect("person")
            .id;
        let camp = s
            .save_campaign(&Campaign {
                id: CampaignId(0),
                name: "Tết 2027".into(),
                objective: None,
                segment: Some(seg),
                channel: Some(ch),
                start: day(2026, 12, 1),
                end: day(2027, 1, 31),
                budget: Amount::from_int(1000),
                owner: Some(an),
                status: CampaignStatus::Planned,
                description: String::new(),
            })
            .expect("campaign")
            .id;
        for (title, who) in [("a", Some(an)), ("b", Some(an)), ("c", None)] {
            s.add_task(&NewTask {
                campaign: Some(camp),
                assignee: who,
                ..NewTask::titled(title)
            })
            .expect("task");
        }
        let spend = |d, dimension| KpiInput {
            day: d,
            metric: "spend".into(),
            dimension,
            value: Amount::from_int(10),
        };
        s.record_kpis(
            &[
                spend(day(2026, 12, 1), Dimension::Campaign(camp)),
                spend(day(2026, 12, 2), Dimension::Campaign(camp)),
                spend(day(2026, 12, 1), Dimension::Segment(seg)),
            ],
            ValueSource::Recorded,
            "record",
            true,
        )
        .expect("record");
        (s, seg, ch, an, camp)
    }

    #[test]
    fn the_counts_name_every_link() {
        let (_dir, path) = temp();
        let (s, seg, ch, an, camp) = linked(&path);
        assert_eq!(
            s.links(seg).expect("links"),
            Links {
                campaigns: 1,
                channels: 1,
                kpi_values: 1,
                ..Links::default()
            }
        );
        assert_eq!(
            s.links(ch).expect("links"),
            Links {
                campaigns: 1,
                ..Links::default()
            }
        );
        assert_eq!(
            s.links(an).expect("links"),
            Links {
                tasks: 2,
                campaigns: 1,
                ..Links::default()
            }
        );
        assert_eq!(
            s.links(camp).expect("links"),
            Links {
                tasks: 3,
                kpi_values: 2,
                ..Links::default()
            }
        );
    }

    #[test]
    fn a_campaign_goes_with_its_tasks_or_without_and_undo_restores_either() {
        let (_dir, path) = temp();
        let (mut s, _, _, _, camp) = linked(&path);
        let all = TaskQuery::default();
        s.delete_campaign_and_tasks(camp).expect("delete");
        assert!(s.tasks(&all).expect("tasks").is_empty());
        assert!(s.campaign(camp).is_err());
        assert!(
            s.series_between("spend", Dimension::Campaign(camp), ALL_DAYS.0, ALL_DAYS.1)
                .expect("series")
                .is_empty()
        );
        s.undo().expect("undo");
        assert_eq!(s.tasks(&all).expect("tasks").len(), 3);
        assert_eq!(s.links(camp).expect("links").tasks, 3);
        assert_eq!(
            s.series_between("spend", Dimension::Campaign(camp), ALL_DAYS.0, ALL_DAYS.1)
                .expect("series")
                .len(),
            2
        );

        s.delete_campaign(camp).expect("delete");
        let kept = s.tasks(&all).expect("tasks");
        assert_eq!(kept.len(), 3, "the tasks stay");
        assert!(
            kept.iter().all(|t| t.campaign.is_none()),
            "without a campaign"
        );
        s.undo().expect("undo");
        assert!(
            s.tasks(&all)
                .expect("tasks")
                .iter()
                .all(|t| t.campaign == Some(camp))
        );
        assert!(s.foreign_key_check().expect("fk").is_empty());
    }

    #[test]
    fn a_deleted_segment_leaves_no_dangling_link_and_comes_back_whole() {
        let (_dir, path) = temp();
        let (mut s, seg, ch, _, camp) = linked(&path);
        s.delete_segment(seg).expect("delete");
        assert_eq!(s.campaign(camp).expect("campaign").segment, None);
        assert!(s.channel(ch).expect("channel").segments.is_empty());
        assert!(s.foreign_key_check().expect("fk").is_empty());
        s.undo().expect("undo");
        assert_eq!(s.campaign(camp).expect("campaign").segment, Some(seg));
        assert_eq!(s.channel(ch).expect("channel").segments, vec![seg]);
        assert_eq!(
            s.series_between("spend", Dimension::Segment(seg), ALL_DAYS.0, ALL_DAYS.1)
                .expect("series")
                .len(),
            1
        );
    }
}

#[test]
fn a_follow_up_task_is_linked_to_its_note_and_undo_restores_the_link() {
    use funnel::domain::{CauseCategory, Note, NoteId, NoteKind};
    let (_dir, path) = temp();
    let mut s = Store::open(&path).expect("open");
    let note = Note {
        id: NoteId(0),
        kind: NoteKind::Cause,
        category: CauseCategory::Competition,
        start: day(2026, 11, 1),
        end: day(2026, 11, 30),
        metric: Some("new_customers".into()),
        text: "Đối thủ giảm giá 20%".into(),
        created_at: chrono::Utc::now(),
    };
    let id = s.save_note(&note).expect("note");
    let read = s.note(id).expect("read back");
    assert_eq!(read.text, "Đối thủ giảm giá 20%");
    assert!(matches!(
        s.note(NoteId(99)),
        Err(StoreError::NotFound {
            what: funnel::store::Thing::Note,
            ..
        })
    ));

    let task = s
        .add_task(&NewTask {
            follows_note: Some(id),
            ..NewTask::titled("Follow up: Đối thủ giảm giá 20%")
        })
        .expect("follow-up");
    s.add_task(&NewTask::titled("unrelated"))
        .expect("other task");
    let following = s.tasks_following(id).expect("linked");
    assert_eq!(following.len(), 1);
    assert_eq!(following[0].id, task.id);
    assert_eq!(following[0].follows_note, Some(id));

    // A task cannot follow a note that does not exist.
    assert!(
        s.add_task(&NewTask {
            follows_note: Some(NoteId(99)),
            ..NewTask::titled("dangling")
        })
        .is_err()
    );

    // Deleting the note keeps the task, unlinked; undo brings both back.
    s.delete_note(id).expect("delete");
    assert!(s.note(id).is_err());
    assert_eq!(s.task(task.id).expect("task stays").follows_note, None);
    s.undo().expect("undo delete");
    assert_eq!(s.note(id).expect("note back"), read);
    assert_eq!(s.task(task.id).expect("task").follows_note, Some(id));
    drop(s);

    // Reopened from the file, the link is there.
    let mut s = Store::open(&path).expect("reopen");
    assert_eq!(s.tasks_following(id).expect("linked").len(), 1);
    // Undo of the last change (the unrelated task), then of the follow-up.
    s.undo().expect("undo unrelated");
    s.undo().expect("undo follow-up");
    assert!(s.tasks_following(id).expect("none").is_empty());
    assert_eq!(s.integrity_check().expect("check"), ["ok"]);
    assert!(s.foreign_key_check().expect("fk").is_empty());
}

#[test]
fn editing_a_note_keeps_its_creation_time() {
    use funnel::domain::{CauseCategory, Note, NoteId, NoteKind};
    let (_dir, path) = temp();
    let mut s = Store::open(&path).expect("open");
    let id = s
        .save_note(&Note {
            id: NoteId(0),
            kind: NoteKind::Review,
            category: CauseCategory::Other,
            start: day(2026, 10, 1),
            end: day(2026, 10, 31),
            metric: None,
            text: "Giữ thông điệp".into(),
            created_at: chrono::Utc::now(),
        })
        .expect("add");
    let before = s.note(id).expect("note");
    let edited = Note {
        text: "Giữ thông điệp, tăng email".into(),
        category: CauseCategory::Promotion,
        created_at: chrono::Utc::now() + chrono::Duration::days(3),
        ..before.clone()
    };
    assert_eq!(s.save_note(&edited).expect("edit"), id);
    let after = s.note(id).expect("note");
    assert_eq!(after.text, "Giữ thông điệp, tăng email");
    assert_eq!(after.category, CauseCategory::Promotion);
    assert_eq!(after.created_at, before.created_at);
    s.undo().expect("undo edit");
    assert_eq!(s.note(id).expect("note"), before);
}

mod resources {
    //! Budgets, tools and procedures: added, edited and deleted like the
    //! other records, each one journaled change.
    use super::*;
    use funnel::domain::{
        Budget, BudgetId, Person, PersonId, Procedure, ProcedureId, Tool, ToolId, validate,
    };

    #[test]
    fn a_budget_is_of_one_period_written_as_its_label() {
        let mut s = Store::open_in_memory().expect("store");
        let b = Budget {
            id: BudgetId(0),
            period: " 2026-q4 ".into(),
            amount: Amount::from_int(45_000_000),
            note: "Tết".into(),
        };
        let saved = s.save_budget(&b).expect("add");
        assert_eq!(saved.period, "2026-Q4");
        let again = s.save_budget(&b).expect_err("one budget per period");
        assert_eq!(again.to_string(), "a budget for 2026-Q4 already exists");
        let bad = s
            .save_budget(&Budget {
                period: "Q4".into(),
                ..b.clone()
            })
            .expect_err("not a period");
        assert!(
            matches!(&bad, StoreError::Invalid(i) if i.field() == Some(validate::Field::BudgetPeriod)),
            "{bad}"
        );
        let negative = s
            .save_budget(&Budget {
                period: "2026-11".into(),
                amount: Amount::from_int(-1),
                ..b.clone()
            })
            .expect_err("negative");
        assert_eq!(negative.to_string(), "budget amount: is negative");
        let moved = s
            .save_budget(&Budget {
                period: "2027".into(),
                ..saved.clone()
            })
            .expect("edit");
        assert_eq!((moved.id, moved.period.as_str()), (saved.id, "2027"));
        assert_eq!(s.budgets().expect("budgets").len(), 1, "moved, not copied");
        s.delete_budget(saved.id).expect("delete");
        assert!(s.budgets().expect("budgets").is_empty());
        s.undo().expect("undo delete");
        s.undo().expect("undo edit");
        assert_eq!(s.budgets().expect("budgets"), [saved]);
    }

    #[test]
    fn tools_and_procedures_are_added_edited_and_deleted() {
        let mut s = Store::open_in_memory().expect("store");
        let tool = s
            .save_tool(&Tool {
                id: ToolId(0),
                name: "Canva".into(),
                purpose: "thiết kế".into(),
            })
            .expect("tool");
        let renamed = s
            .save_tool(&Tool {
                name: "Canva Pro".into(),
                ..tool.clone()
            })
            .expect("edit");
        assert_eq!(renamed.id, tool.id);
        let dup = s.save_tool(&Tool {
            id: ToolId(0),
            ..renamed.clone()
        });
        assert_eq!(
            dup.expect_err("duplicate").to_string(),
            "a tool named 'Canva Pro' already exists"
        );
        s.delete_tool(tool.id).expect("delete");
        assert!(s.tools().expect("tools").is_empty());
        s.undo().expect("undo");
        assert_eq!(s.tools().expect("tools"), [renamed]);

        let an = s
            .save_person(&Person {
                id: PersonId(0),
                name: "An".into(),
                role: String::new(),
                contact: String::new(),
            })
            .expect("person");
        let p = s
            .save_procedure(&Procedure {
                id: ProcedureId(0),
                title: "Đăng bài".into(),
                owner: Some(an.id),
                steps: "1. Viết\n2. Duyệt".into(),
            })
            .expect("procedure");
        let e = s
            .save_procedure(&Procedure {
                title: " ".into(),
                ..p.clone()
            })
            .expect_err("empty title");
        assert!(
            matches!(
                &e,
                StoreError::Invalid(validate::Invalid::Empty {
                    field: validate::Field::ProcedureTitle
                })
            ),
            "{e}"
        );
        let edited = s
            .save_procedure(&Procedure {
                title: "Đăng bài blog".into(),
                owner: None,
                ..p.clone()
            })
            .expect("edit");
        assert_eq!(edited.steps, p.steps, "the steps stay");
        s.delete_procedure(p.id).expect("delete");
        assert!(s.procedures().expect("procedures").is_empty());
        s.undo().expect("undo delete");
        s.undo().expect("undo edit");
        assert_eq!(s.procedure(p.id).expect("back"), p);
    }

    #[test]
    fn an_objective_is_found_by_its_title() {
        use funnel::domain::RecordKind;
        use funnel::domain::{Direction, Objective, ObjectiveId};
        let mut s = Store::open_in_memory().expect("store");
        let o = s
            .save_objective(&Objective {
                id: ObjectiveId(0),
                title: "Tăng khách hàng mới".into(),
                metric: "new_customers".into(),
                baseline: Amount::from_int(100),
                target: Amount::from_int(150),
                direction: Direction::Increase,
                start: day(2026, 10, 1),
                deadline: day(2026, 12, 31),
                segment: None,
                channel: None,
            })
            .expect("objective");
        assert_eq!(
            s.resolve(RecordKind::Objective, "tang khach")
                .expect("found"),
            o.id.0
        );
    }
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

/// Every write starts with `BEGIN IMMEDIATE`: a deferred transaction that
/// reads and then writes can fail with SQLITE_BUSY_SNAPSHOT under another
/// writer, which no busy timeout cures. This reads the sources and fails on
/// any way of opening a deferred one.
#[test]
fn no_write_path_opens_a_deferred_transaction() {
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20, "the sources were found");
    let forbidden = [
        ".transaction()",
        "unchecked_transaction(",
        "TransactionBehavior::Deferred",
        "BEGIN DEFERRED",
        "BEGIN TRANSACTION",
        "\"BEGIN\"",
        "BEGIN;",
    ];
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        for (n, line) in text.lines().enumerate() {
            for bad in forbidden {
                if line.contains(bad) {
                    found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "deferred transactions:\n{}",
        found.join("\n")
    );
    let immediate = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .filter(|t| t.contains("TransactionBehavior::Immediate"))
        .count();
    assert!(immediate > 0, "writes go through BEGIN IMMEDIATE");
}

/// One-shot commands each open the file alone, write once and close. The
/// WAL they leave stays small instead of growing with every command (each
/// later command reads all of it back before its first query).
#[test]
fn one_shot_writes_do_not_grow_the_wal_without_end() {
    let (_dir, path) = temp();
    let wal = path.with_file_name("funnel.db-wal");
    let mut largest = 0;
    for i in 0..300 {
        let mut s = Store::open(&path).expect("open");
        s.add_task(&NewTask::titled(&format!("Task {i} of a long day")))
            .expect("add");
        drop(s);
        largest = largest.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));
    }
    assert!(largest < 2 * 1024 * 1024, "the WAL grew to {largest} bytes");
    let s = Store::open(&path).expect("open");
    assert_eq!(s.tasks(&TaskQuery::default()).expect("tasks").len(), 300);
}

mod values {
    //! Every value a way in accepts can be read back: the store refuses a
    //! day it could not read (years outside 1900 to 2999) and an amount
    //! past its limit wherever it comes from, and refuses values whose sum
    //! would overflow instead of clamping the sum.
    use super::*;
    use funnel::domain::{
        Budget, BudgetId, Campaign, CampaignId, CampaignStatus, CauseCategory, Direction, Note,
        NoteId, NoteKind, Objective, ObjectiveId,
    };

    fn refused<T: std::fmt::Debug>(r: Result<T, StoreError>, words: &[&str]) {
        let e = r.expect_err("refused");
        for w in words {
            assert!(e.to_string().contains(w), "{w:?} in: {e}");
        }
    }

    fn campaign(start: NaiveDate, end: NaiveDate, budget: Amount) -> Campaign {
        Campaign {
            id: CampaignId(0),
            name: "Tết".into(),
            objective: None,
            segment: None,
            channel: None,
            start,
            end,
            budget,
            owner: None,
            status: CampaignStatus::Planned,
            description: String::new(),
        }
    }

    fn objective(start: NaiveDate, deadline: NaiveDate, target: Amount) -> Objective {
        Objective {
            id: ObjectiveId(0),
            title: "More".into(),
            metric: "visits".into(),
            baseline: Amount::ZERO,
            target,
            direction: Direction::Increase,
            start,
            deadline,
            segment: None,
            channel: None,
        }
    }

    fn spend(d: NaiveDate, value: Amount) -> KpiInput {
        KpiInput {
            day: d,
            metric: "spend".into(),
            dimension: Dimension::Total,
            value,
        }
    }

    #[test]
    fn a_day_the_store_could_not_read_back_is_refused_on_every_way_in() {
        let (_dir, path) = temp();
        let mut s = Store::open(&path).expect("open");
        let year_10000 = day(10000, 1, 1);
        let years = ["1900 to 2999"];
        refused(
            s.add_task(&NewTask {
                due: Some(year_10000),
                ..NewTask::titled("far")
            }),
            &["task due", "10000-01-01"],
        );
        let t = s.add_task(&NewTask::titled("near")).expect("add");
        refused(
            s.edit_task(
                t.id,
                &TaskPatch {
                    due: Some(Some(day(-1, 1, 1))),
                    ..TaskPatch::default()
                },
            ),
            &years,
        );
        let ok = Amount::from_int(1);
        refused(
            s.save_campaign(&campaign(day(1899, 12, 31), day(2026, 1, 1), ok)),
            &["campaign start", "1899-12-31"],
        );
        refused(
            s.save_campaign(&campaign(day(2026, 1, 1), year_10000, ok)),
            &years,
        );
        refused(
            s.save_objective(&objective(day(2026, 1, 1), day(3000, 1, 1), ok)),
            &["objective deadline", "3000-01-01"],
        );
        refused(
            s.save_note(&Note {
                id: NoteId(0),
                kind: NoteKind::Cause,
                category: CauseCategory::Other,
                start: day(2026, 1, 1),
                end: year_10000,
                metric: None,
                text: "far".into(),
                created_at: chrono::Utc::now(),
            }),
            &["note end"],
        );
        refused(
            s.record_kpis(
                &[spend(day(500, 1, 1), ok)],
                ValueSource::Recorded,
                "r",
                true,
            ),
            &["0500-01-01", "1900 to 2999"],
        );
        refused(
            s.import_orders("o.csv", &[order("X", "c", year_10000, 5)], true),
            &years,
        );
        refused(
            s.save_budget(&Budget {
                id: BudgetId(0),
                period: "0999-01".into(),
                amount: ok,
                note: String::new(),
            }),
            &["budget period", "1900 to 2999"],
        );
        // Nothing got in: every reader reads the file whole.
        assert_eq!(s.tasks(&TaskQuery::default()).expect("tasks").len(), 1);
        let doc = s.export().expect("export");
        assert!(doc.campaigns.is_empty() && doc.notes.is_empty() && doc.orders.is_empty());
        assert!(doc.kpi_values.is_empty() && doc.budgets.is_empty());
    }

    #[test]
    fn amounts_past_the_limit_and_sums_that_would_overflow_are_refused_not_clamped() {
        let mut s = Store::open_in_memory().expect("open");
        let limit: Amount = "100000000000000".parse().expect("the limit");
        let past = Amount::from_raw(limit.raw() + 1);
        let largest = Amount::from_raw(i64::MAX);
        let too_large = ["too large", "100000000000000"];
        // One value at the limit is taken; a second would bring the
        // series' total past it, which a period's sum could not hold.
        s.record_kpis(
            &[spend(day(2026, 11, 1), limit)],
            ValueSource::Recorded,
            "r",
            true,
        )
        .expect("at the limit");
        refused(
            s.record_kpis(
                &[spend(day(2026, 11, 2), Amount::from_int(1))],
                ValueSource::Recorded,
                "r",
                true,
            ),
            &["spend", "add up", "100000000000000"],
        );
        refused(
            s.record_kpis(
                &[spend(day(2026, 10, 1), largest)],
                ValueSource::Recorded,
                "r",
                true,
            ),
            &too_large,
        );
        let series = s
            .series_between("spend", Dimension::Total, ALL_DAYS.0, ALL_DAYS.1)
            .expect("series");
        assert_eq!(
            series,
            vec![(day(2026, 11, 1), limit)],
            "nothing clamped in"
        );
        // Orders: each amount, and all of them together.
        refused(
            s.import_orders(
                "o.csv",
                &[OrderInput {
                    amount: past,
                    ..order("A", "a", day(2026, 1, 1), 0)
                }],
                true,
            ),
            &too_large,
        );
        let half: Amount = "60000000000000".parse().expect("amount");
        let two = [
            OrderInput {
                amount: half,
                ..order("A", "a", day(2026, 1, 1), 0)
            },
            OrderInput {
                amount: half,
                ..order("B", "b", day(2026, 1, 1), 0)
            },
        ];
        refused(
            s.import_orders("o.csv", &two, true),
            &["o.csv", "add up", "100000000000000"],
        );
        assert_eq!(s.count_orders().expect("count"), 0);
        // Budgets and targets are held to the same limit.
        refused(
            s.save_campaign(&campaign(day(2026, 1, 1), day(2026, 2, 1), past)),
            &["campaign budget", "too large"],
        );
        refused(
            s.save_objective(&objective(day(2026, 1, 1), day(2026, 2, 1), largest)),
            &["objective target", "too large"],
        );
        refused(
            s.save_budget(&Budget {
                id: BudgetId(0),
                period: "2026-11".into(),
                amount: largest,
                note: String::new(),
            }),
            &["budget amount", "too large"],
        );
    }

    /// Values another tool planted with raw SQL, past every rule and the
    /// schema's CHECK constraints: `bad_values` names each by table, row,
    /// column and value; the export writes each as stored; a reader that
    /// meets one says what to do.
    #[test]
    fn check_names_every_bad_value_and_the_export_writes_it_as_stored() {
        let (_dir, path) = temp();
        let mut s = Store::open(&path).expect("open");
        s.add_task(&NewTask::titled("Post")).expect("task");
        let ok = Amount::from_int(5);
        s.save_campaign(&campaign(day(2026, 12, 1), day(2027, 1, 31), ok))
            .expect("campaign");
        s.save_objective(&objective(day(2026, 1, 1), day(2026, 12, 31), ok))
            .expect("objective");
        s.save_budget(&Budget {
            id: BudgetId(0),
            period: "2026-11".into(),
            amount: ok,
            note: String::new(),
        })
        .expect("budget");
        s.record_kpis(
            &[spend(day(2026, 11, 1), ok)],
            ValueSource::Recorded,
            "r",
            true,
        )
        .expect("kpi");
        let two = [
            order("A", "a", day(2026, 1, 1), 1),
            order("B", "b", day(2026, 1, 2), 1),
        ];
        s.import_orders("o.csv", &two, true).expect("orders");
        drop(s);
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        conn.execute_batch(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE tasks SET title = 'x' || char(27) || '[2J', tags = 'seo bad!tag',
                 done_at = '2026-11-01T00:00:00Z', created_at = '+10000-01-01T00:00:00Z';
             UPDATE campaigns SET budget = -50000, end_day = '2026-01-01';
             UPDATE objectives SET target = 9223372036854775807, direction = 'sideways';
             UPDATE budgets SET period = '2026-13', amount = 'lots';
             UPDATE kpi_values SET day = '0500-01-01';
             UPDATE orders SET amount = 600000000000000000;
             UPDATE orders SET customer = ' ' WHERE order_ref = 'B';
             DELETE FROM message;",
        )
        .expect("plant");
        drop(conn);

        let s = Store::open(&path).expect("open");
        let found = s.bad_values().expect("every value read raw");
        for want in [
            "tasks 1 title: 'x␛[2J' breaks a rule: task title contains a control character (U+001B)",
            "tasks 1 tags: 'seo bad!tag' breaks a rule: tag 'bad!tag'",
            "tasks 1 created_at: '+10000-01-01T00:00:00Z' is not a time funnel keeps",
            "tasks 1 done_at: '2026-11-01T00:00:00Z' with status 'todo'",
            "campaigns 1 budget: '-50000' (an amount of -5) is negative",
            "campaigns 1 end_day: '2026-01-01' is before its start_day '2026-12-01'",
            "objectives 1 target: '9223372036854775807' (an amount of 922337203685477.5807) is too large",
            "objectives 1 direction: 'sideways' breaks a rule",
            "budgets 1 period: '2026-13' breaks a rule: budget period",
            "budgets 1 amount: 'lots' is not an amount",
            "kpi_values 1 day: '0500-01-01' is not a day funnel keeps (YYYY-MM-DD, years 1900 to 2999)",
            "orders 2 customer: ' ' breaks a rule: customer is empty",
            "orders: all amounts: these values would add up to 120000000000000, past 100000000000000",
            "message 1: the row of the brand message is missing",
        ] {
            assert!(
                found.iter().any(|f| f.contains(want)),
                "{want:?} in:\n{}",
                found.join("\n")
            );
        }
        assert_eq!(found.len(), 14, "{}", found.join("\n"));

        let text = serde_json::to_string(&s.dump()).expect("the export never fails");
        for stored in [
            "\"2026-13\"",
            "\"lots\"",
            "\"sideways\"",
            "\"+10000-01-01T00:00:00Z\"",
            "\"0500-01-01\"",
            "-5,",
            "\"message\":{\"brand_message\":\"\",\"positioning\":\"\"}",
        ] {
            assert!(text.contains(stored), "{stored} in {text}");
        }
        let e = s.budgets().expect_err("a reader meets 'lots'");
        assert!(
            e.to_string().contains("`funnel check` names its row"),
            "{e}"
        );
    }
}

/// Marked tasks in the dashboard are changed and deleted by one
/// `change_tasks`: one journal entry, so one undo takes all of it back,
/// after the file is closed and opened again too; a task that is gone
/// fails the whole change and writes nothing.
#[test]
fn many_tasks_change_as_one_and_one_undo_takes_all_back() {
    use funnel::store::tasks::ManyTasks;
    let (_dir, path) = temp();
    let mut s = Store::open(&path).expect("open");
    let mut ids = Vec::new();
    for (title, due) in [
        ("a", Some(day(2026, 3, 1))),
        ("b", None),
        ("c", Some(day(2026, 3, 31))),
    ] {
        let mut t = NewTask::titled(title);
        t.due = due;
        ids.push(s.add_task(&t).expect("add").id);
    }
    let before: Vec<_> = ids.iter().map(|id| s.task(*id).expect("task")).collect();
    let edits = ids
        .iter()
        .zip([day(2026, 3, 8), day(2026, 3, 5), day(2026, 4, 7)])
        .map(|(id, d)| {
            let patch = TaskPatch {
                due: Some(Some(d)),
                status: Some(TaskStatus::Doing),
                ..TaskPatch::default()
            };
            (*id, patch)
        })
        .collect();
    let written = s.change_tasks(&ManyTasks::Patch(edits)).expect("change");
    assert_eq!(written.len(), 3);
    drop(s);
    let mut s = Store::open(&path).expect("reopen");
    let r = s.undo_any().expect("one undo");
    assert_eq!(r.label, "edit tasks 1, 2, 3");
    for t in &before {
        let back = s.task(t.id).expect("task");
        assert_eq!((back.status, back.due), (t.status, t.due), "{}", t.title);
    }
    // The entry before is the last add: nothing of the change is left.
    assert_eq!(s.undo_any().expect("undo add").label, "add task 3");
    s.redo_any().expect("redo add");

    let gone = s
        .change_tasks(&ManyTasks::Delete(vec![ids[0], ids[2]]))
        .expect("delete");
    assert_eq!(gone.len(), 2);
    assert!(s.task(ids[0]).is_err() && s.task(ids[2]).is_err());
    s.undo_any().expect("one undo");
    assert!(s.task(ids[0]).is_ok() && s.task(ids[2]).is_ok());

    // A missing task refuses the whole change.
    let bad = vec![
        (
            ids[1],
            TaskPatch {
                status: Some(TaskStatus::Done),
                ..TaskPatch::default()
            },
        ),
        (
            TaskId(999),
            TaskPatch {
                status: Some(TaskStatus::Done),
                ..TaskPatch::default()
            },
        ),
    ];
    assert!(matches!(
        s.change_tasks(&ManyTasks::Patch(bad)),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(s.task(ids[1]).expect("task").status, TaskStatus::Todo);
}
