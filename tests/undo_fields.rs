//! Undo by field (README "Undo"): a change made since by someone else to
//! other fields of the same record is kept by an undo or a redo; only a
//! change to the same field (or a delete of the record) refuses it. A
//! refused change can be stepped past, or undone anyway as one journaled
//! change that is itself undone by `u`.

use chrono::NaiveDate;
use funnel::domain::{
    Amount, Campaign, CampaignId, CampaignStatus, Dimension, TaskStatus, ValueSource,
};
use funnel::store::kpis::KpiInput;
use funnel::store::tasks::{NewTask, TaskPatch};
use funnel::store::{Origin, Store, StoreError};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).expect("date")
}

/// A dashboard's store and the command line's, on one new file.
fn two_makers() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut dashboard = Store::open(&path).expect("dashboard");
    dashboard.set_origin(Origin::new_dashboard());
    let cli = Store::open(&path).expect("cli");
    (dir, dashboard, cli)
}

fn due(d: NaiveDate) -> TaskPatch {
    TaskPatch {
        due: Some(Some(d)),
        ..TaskPatch::default()
    }
}

fn status(s: TaskStatus) -> TaskPatch {
    TaskPatch {
        status: Some(s),
        ..TaskPatch::default()
    }
}

#[test]
fn undoing_a_status_keeps_the_due_date_the_command_line_set_since() {
    let (_dir, mut dashboard, mut cli) = two_makers();
    let id = cli
        .add_task(&NewTask::titled("call the printer"))
        .expect("add")
        .id;
    dashboard
        .edit_task(id, &status(TaskStatus::Doing))
        .expect("the dashboard sets the status");
    cli.edit_task(id, &due(day(12)))
        .expect("the command line sets the due date");
    let r = dashboard.undo().expect("a different field: no conflict");
    assert_eq!(r.label, "edit task 1");
    let t = cli.task(id).expect("task");
    assert_eq!(t.status, TaskStatus::Todo, "the status change is undone");
    assert_eq!(t.due, Some(day(12)), "the command line's due date stays");
    // And redone, still keeping the due date.
    dashboard.redo().expect("redo");
    let t = cli.task(id).expect("task");
    assert_eq!((t.status, t.due), (TaskStatus::Doing, Some(day(12))));
}

#[test]
fn a_later_change_to_the_same_field_still_refuses_and_changes_nothing() {
    let (_dir, mut dashboard, mut cli) = two_makers();
    let id = cli.add_task(&NewTask::titled("a")).expect("add").id;
    dashboard
        .edit_task(id, &status(TaskStatus::Doing))
        .expect("status");
    cli.edit_task(id, &status(TaskStatus::Blocked))
        .expect("the same field");
    let before = cli.export().expect("export");
    let e = dashboard.undo().expect_err("refused");
    assert!(
        matches!(&e, StoreError::UndoConflict { later, .. } if later.label == "set task 1 blocked"
            || later.label == "edit task 1"),
        "{e}"
    );
    assert_eq!(cli.export().expect("export"), before, "nothing changed");
    // A delete of the record refuses too.
    let (_dir, mut dashboard, mut cli) = two_makers();
    let id = cli.add_task(&NewTask::titled("a")).expect("add").id;
    dashboard
        .edit_task(id, &status(TaskStatus::Doing))
        .expect("status");
    cli.delete_task(id).expect("delete");
    let e = dashboard.undo().expect_err("refused");
    assert!(matches!(&e, StoreError::UndoConflict { .. }), "{e}");
}

fn campaign(name: &str) -> Campaign {
    Campaign {
        id: CampaignId(0),
        name: name.into(),
        objective: None,
        segment: None,
        channel: None,
        start: day(1),
        end: day(31),
        budget: Amount::from_int(1_000_000),
        owner: None,
        status: CampaignStatus::Planned,
        description: String::new(),
    }
}

#[test]
fn undoing_a_budget_keeps_the_status_the_command_line_set_since() {
    let (_dir, mut dashboard, mut cli) = two_makers();
    let c = cli.save_campaign(&campaign("Tết")).expect("campaign");
    dashboard
        .save_campaign(&Campaign {
            budget: Amount::from_int(5_000_000),
            ..c.clone()
        })
        .expect("the dashboard sets the budget");
    let now = cli.campaign(c.id).expect("campaign");
    cli.save_campaign(&Campaign {
        status: CampaignStatus::Active,
        ..now
    })
    .expect("the command line sets the status");
    dashboard.undo().expect("a different field: no conflict");
    let after = cli.campaign(c.id).expect("campaign");
    assert_eq!(after.budget, Amount::from_int(1_000_000));
    assert_eq!(after.status, CampaignStatus::Active);
}

fn value(metric: &str, v: i64) -> KpiInput {
    KpiInput {
        day: day(3),
        metric: metric.into(),
        dimension: Dimension::Total,
        value: Amount::from_int(v),
    }
}

#[test]
fn a_kpi_value_is_one_field_another_metric_the_same_day_is_kept() {
    let (_dir, mut dashboard, mut cli) = two_makers();
    let rec = |s: &mut Store, v: KpiInput| {
        s.record_kpis(
            &[v],
            ValueSource::Recorded,
            "record KPIs for 2026-12-03",
            true,
        )
        .expect("record")
    };
    rec(&mut dashboard, value("visits", 1200));
    rec(&mut cli, value("conversions", 31));
    dashboard.undo().expect("another value: no conflict");
    rec(&mut dashboard, value("visits", 1200));
    rec(&mut cli, value("visits", 1300));
    let e = dashboard.undo().expect_err("the same value: refused");
    assert!(matches!(&e, StoreError::UndoConflict { .. }), "{e}");
}

/// The dashboard retitles task 1, then sets task 2's status; the command
/// line then sets task 2's status too: the dashboard's latest undo is
/// refused.
fn refused_setup() -> (tempfile::TempDir, Store, Store, i64) {
    let (dir, mut dashboard, mut cli) = two_makers();
    let a = cli.add_task(&NewTask::titled("a")).expect("add").id;
    let b = cli.add_task(&NewTask::titled("b")).expect("add").id;
    let retitle = TaskPatch {
        title: Some("a, retitled".into()),
        ..TaskPatch::default()
    };
    dashboard.edit_task(a, &retitle).expect("retitle");
    dashboard
        .edit_task(b, &status(TaskStatus::Doing))
        .expect("status");
    cli.edit_task(b, &status(TaskStatus::Blocked))
        .expect("the same field");
    cli.edit_task(b, &due(day(12))).expect("another field");
    let e = dashboard.undo().expect_err("refused");
    let StoreError::UndoConflict { change, .. } = &e else {
        panic!("not a conflict: {e}");
    };
    (dir, dashboard, cli, change.entry)
}

#[test]
fn the_details_name_the_record_the_field_both_values_and_the_later_change() {
    let (_dir, dashboard, _cli, entry) = refused_setup();
    let clashes = dashboard.undo_clashes(entry, false).expect("details");
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    let c = &clashes[0];
    assert_eq!(
        (
            c.table.as_str(),
            c.id,
            c.name.as_deref(),
            c.field.as_deref()
        ),
        ("tasks", 2, Some("b"), Some("status"))
    );
    assert_eq!(
        (c.now.as_deref(), c.would_write.as_deref()),
        (Some("'blocked'"), Some("'todo'"))
    );
    assert_eq!(
        (c.later.label.as_str(), &c.later.by),
        ("edit task 2", &Origin::CommandLine)
    );
}

#[test]
fn a_refused_change_stepped_past_leaves_it_done_and_undoes_the_one_before() {
    let (_dir, mut dashboard, cli, entry) = refused_setup();
    let r = dashboard.undo_past(&[entry]).expect("the change before");
    assert_eq!(r.label, "edit task 1");
    assert_eq!(cli.task(funnel::domain::TaskId(1)).expect("a").title, "a");
    let b = cli.task(funnel::domain::TaskId(2)).expect("b");
    assert_eq!(
        (b.status, b.due),
        (TaskStatus::Blocked, Some(day(12))),
        "the stepped-past change and the later ones stay"
    );
    // Past both, nothing of the dashboard's is left to undo.
    let e = dashboard.undo_past(&[entry]).expect_err("nothing left");
    assert!(
        matches!(e, StoreError::NothingOwn { .. } | StoreError::NothingTo(_)),
        "{e}"
    );
}

#[test]
fn undo_anyway_writes_the_old_value_over_keeps_other_fields_and_is_undone_by_u() {
    let (_dir, mut dashboard, cli, entry) = refused_setup();
    let task = |s: &Store| s.task(funnel::domain::TaskId(2)).expect("b");
    let r = dashboard.undo_anyway(entry).expect("undone anyway");
    assert_eq!(r.label, "edit task 2");
    let b = task(&cli);
    assert_eq!(
        (b.status, b.due),
        (TaskStatus::Todo, Some(day(12))),
        "the old status over the later one; the later due date stays"
    );
    // One journaled change of the dashboard's: `u` takes it back.
    let back = dashboard.undo_past(&[entry]).expect("undo the undo");
    assert_eq!(back.label, "undo anyway: edit task 2");
    assert_eq!(task(&cli).status, TaskStatus::Blocked);
    dashboard.redo().expect("and redo it");
    assert_eq!(task(&cli).status, TaskStatus::Todo);
}

/// `tests/fixtures/v6-tasks.db` (see `tests/migration.rs`) holds history
/// whose labels are English sentences written by the v6 funnel: they read
/// back as typed changes, in both languages.
#[test]
fn a_v6_files_history_reads_as_typed_changes_in_both_languages() {
    use funnel::i18n::{Currency, Format, Locale};
    use funnel::store::{ChangeLabel, Subject, Verb};
    let fmt = |locale| Format {
        locale,
        currency: Currency::Vnd,
    };
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v6-tasks.db");
    std::fs::copy(fixture, &path).expect("copy");
    let mut store = Store::open(&path).expect("open");
    let said = |l: &ChangeLabel| (fmt(Locale::En).change(l), fmt(Locale::Vi).change(l));
    let r = store.undo().expect("undo the edit");
    assert_eq!(
        r.what,
        ChangeLabel::EditTask {
            id: 2,
            next: vec![]
        }
    );
    assert_eq!(said(&r.what), ("edit task 2".into(), "sửa việc 2".into()));
    let r = store.undo().expect("undo the rm");
    assert_eq!(
        r.what,
        ChangeLabel::Record {
            verb: Verb::Delete,
            what: Subject::Task,
            name: "3".into()
        }
    );
    assert_eq!(said(&r.what), ("delete task 3".into(), "xóa việc 3".into()));
    let r = store.undo().expect("undo the done");
    assert_eq!(
        said(&r.what),
        (
            "set task 1 done".into(),
            "đổi trạng thái việc 1 thành xong".into()
        )
    );
}

#[test]
fn a_kpi_value_in_the_way_is_named_by_metric_and_day_and_shown_as_a_number() {
    use funnel::i18n::{Currency, Format, Locale};
    let (_dir, mut dashboard, mut cli) = two_makers();
    let rec = |s: &mut Store, v: KpiInput| {
        s.record_kpis(
            &[v],
            ValueSource::Recorded,
            "record KPIs for 2026-12-03",
            true,
        )
        .expect("record")
    };
    rec(&mut cli, value("visits", 1000));
    rec(&mut dashboard, value("visits", 1200));
    rec(&mut cli, value("visits", 1300));
    let e = dashboard.undo().expect_err("the same value: refused");
    let StoreError::UndoConflict { change, .. } = &e else {
        panic!("not a conflict: {e}");
    };
    let clashes = dashboard
        .undo_clashes(change.entry, false)
        .expect("details");
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    let line = |locale| {
        Format {
            locale,
            currency: Currency::Vnd,
        }
        .clash_line(&clashes[0], false)
    };
    assert_eq!(
        line(Locale::En),
        "KPI value 1 “visits 2026-12-03”, value: now 1,300, undo would write 1,000"
    );
    assert_eq!(
        line(Locale::Vi),
        "giá trị chỉ số 1 “visits 2026-12-03”, giá trị: hiện là 1.300, hoàn tác sẽ ghi 1.000"
    );
}

/// The workflow checklist ticks "refine" on an objective edit still in
/// the journal, also one whose label is stored as JSON (a title that
/// would read back as another change).
#[test]
fn an_objective_edit_counts_for_the_checklist_whatever_its_title() {
    use funnel::domain::{Direction, Objective, ObjectiveId};
    for title in ["1000 visits in Q4", "Q4, next task 3"] {
        let (_dir, mut s, _cli) = two_makers();
        let o = s
            .save_objective(&Objective {
                id: ObjectiveId(0),
                title: title.into(),
                metric: "visits".into(),
                baseline: Amount::ZERO,
                target: Amount::from_int(1000),
                direction: Direction::Increase,
                start: day(1),
                deadline: day(31),
                segment: None,
                channel: None,
            })
            .expect("objective");
        assert_eq!(s.workflow_counts().expect("counts").objectives_edited, 0);
        s.save_objective(&Objective {
            target: Amount::from_int(1200),
            ..o
        })
        .expect("edit");
        assert_eq!(
            s.workflow_counts().expect("counts").objectives_edited,
            1,
            "{title}"
        );
    }
}
