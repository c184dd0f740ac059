//! The Strategy and Plan tabs' writes through the keys: objectives,
//! segments, channels, resources and procedures on the Strategy tab,
//! campaigns and their tasks on the Plan tab; mistakes kept in the form,
//! Esc writing nothing, deletions asking what becomes of what links to
//! them, and undo bringing all of it back.

use super::*;
use funnel::app::strategy::Section;
use funnel::domain::{CampaignStatus, ChannelKind, Direction};

fn on_tab(locale: Locale, tab: char) -> App {
    let mut app = demo(locale);
    typed(&mut app, &tab.to_string());
    screen(&mut app, 100, 30);
    app
}

fn form_error(app: &App) -> Option<String> {
    match &app.overlay {
        Overlay::Form(form) => form.error_line(),
        _ => None,
    }
}

fn question(app: &App) -> String {
    match &app.overlay {
        Overlay::Confirm { question, .. } => question.clone(),
        _ => String::new(),
    }
}

fn section(app: &App) -> Section {
    app.strategy.as_ref().expect("loaded").section
}

/// The name of the campaign selected on the Plan tab.
fn selected_campaign(app: &App) -> funnel::domain::Campaign {
    app.plan
        .as_ref()
        .and_then(|p| p.selected_row())
        .map(|r| r.campaign.clone())
        .expect("a campaign is selected")
}

#[test]
fn an_objective_a_segment_and_a_channel_are_created_with_the_keyboard() {
    let mut app = on_tab(Locale::En, '1');
    let objectives = app.store().objectives().expect("objectives").len();
    // Title; the metric completed by Tab; baseline, target; the direction
    // left empty (implied); the start kept; a deadline; a segment
    // completed from a word without accents.
    typed(
        &mut app,
        "aGrow office customers\tnew_cu→\t40\t60\t\t\t2026-12-31\tvan→\n",
    );
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    assert_eq!(
        status(&app),
        "Added objective “Grow office customers”. u to undo"
    );
    let all = app.store().objectives().expect("objectives");
    assert_eq!(all.len(), objectives + 1);
    let o = all
        .iter()
        .find(|o| o.title == "Grow office customers")
        .expect("saved");
    assert_eq!(o.metric, "new_customers");
    assert_eq!(o.direction, Direction::Increase);
    assert_eq!(
        (o.start, o.deadline),
        (
            today(),
            NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")
        )
    );
    let office = app
        .store()
        .segments()
        .expect("segments")
        .into_iter()
        .find(|s| s.name == "Văn phòng trẻ")
        .expect("demo segment");
    assert_eq!(o.segment, Some(office.id));
    let s = app.strategy.as_ref().expect("loaded");
    assert_eq!(
        s.objectives[s.selected()].objective.id,
        o.id,
        "the new objective is selected"
    );

    typed(&mut app, "la");
    assert_eq!(section(&app), Section::Segments);
    typed(
        &mut app,
        "Sinh viên\tStudents who order bubble tea\t18–24\t\t\t120000\n",
    );
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let students = app
        .store()
        .segments()
        .expect("segments")
        .into_iter()
        .find(|s| s.name == "Sinh viên")
        .expect("saved");
    assert_eq!(students.market_size, Some(120_000));
    assert_eq!(students.demographics, "18–24");

    // The kind cleared, typed and completed; active kept; the
    // segments it reaches completed one by one.
    typed(&mut app, "la");
    assert_eq!(section(&app), Section::Channels);
    typed(&mut app, "TikTok\t⌫soc→\t\tsinh→, van→\tShort videos\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let tiktok = app
        .store()
        .channels()
        .expect("channels")
        .into_iter()
        .find(|c| c.name == "TikTok")
        .expect("saved");
    assert_eq!(tiktok.kind, ChannelKind::Social);
    assert!(tiktok.active);
    let mut reached = vec![students.id, office.id];
    reached.sort();
    assert_eq!(tiktok.segments, reached);
    assert!(screen(&mut app, 120, 40).contains("TikTok"));
}

#[test]
fn a_campaign_is_created_on_the_plan_from_today_or_the_first_week_shown() {
    let mut app = on_tab(Locale::En, '2');
    let shown = app.plan.as_ref().expect("loaded").from;
    // The timeline opens on a window that starts before today: a new
    // campaign pre-filled from there would already be over or half gone.
    assert!(shown < today(), "the window starts before today");
    let from = shown.max(today());
    typed(
        &mut app,
        "aTết 2028\tkhach doanh→\t\tzalo→\t\t\t⌫45000000\tngoc→\t⌫active\tGift boxes\n",
    );
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let k = selected_campaign(&app);
    assert_eq!(k.name, "Tết 2028", "the new campaign is selected");
    assert_eq!(k.start, from);
    // Four weeks: a campaign of one week is rarely what is meant.
    assert_eq!(k.end, from + chrono::Days::new(27));
    assert_eq!(k.status, CampaignStatus::Active);
    assert_eq!(k.budget, funnel::domain::Amount::from_int(45_000_000));
    let objective = app
        .store()
        .objective(k.objective.expect("objective"))
        .expect("o");
    assert!(
        objective.title.starts_with("Khách doanh nghiệp mới"),
        "{}",
        objective.title
    );
    let channel = app.store().channel(k.channel.expect("channel")).expect("c");
    assert_eq!(channel.name, "Zalo OA");
    let owner = app.store().person(k.owner.expect("owner")).expect("p");
    assert_eq!(owner.name, "Lê Bảo Ngọc");
    assert!(screen(&mut app, 100, 30).contains("Tết 2028"));
    typed(&mut app, "u");
    assert!(
        app.store()
            .resolve(funnel::domain::RecordKind::Campaign, "Tết 2028")
            .is_err()
    );
}

#[test]
fn a_bad_value_keeps_the_form_open_on_its_field_and_writes_nothing() {
    let mut app = on_tab(Locale::En, '2');
    let campaigns = app.store().campaigns().expect("campaigns");
    typed(&mut app, "aX\t\t\t\t\t\t10tr\n");
    assert_eq!(
        form_error(&app).as_deref(),
        Some("Budget: '10tr' is not a number")
    );
    let Overlay::Form(form) = &app.overlay else {
        panic!("the form stays open");
    };
    assert_eq!(
        form.focus,
        usize::from(funnel::app::forms::campaign::Field::Budget)
    );
    // What the store refuses is named on its field too: an end before
    // the start.
    for _ in 0.."10tr".len() {
        app.on_key(&key(KeyCode::Backspace));
    }
    app.on_key(&key(KeyCode::BackTab));
    typed(&mut app, "⌫2020-01-01\n");
    let e = form_error(&app).expect("refused");
    assert!(
        e.starts_with("End: campaign: ends (2020-01-01) before it starts"),
        "{e}"
    );
    assert_eq!(app.store().campaigns().expect("campaigns"), campaigns);

    let mut app = on_tab(Locale::Vi, '1');
    let segments = app.store().segments().expect("segments");
    typed(&mut app, "laVăn phòng trẻ\n");
    let e = form_error(&app).expect("taken");
    assert_eq!(e, "Tên: đã có phân khúc tên 'Văn phòng trẻ'");
    typed(&mut app, "\t\t\t\t\tmười nghìn\n");
    assert_eq!(
        form_error(&app).as_deref(),
        Some("Quy mô thị trường: 'mười nghìn' không phải là số nguyên")
    );
    assert_eq!(app.store().segments().expect("segments"), segments);
}

#[test]
fn a_rejected_value_is_said_in_vietnamese_on_its_field() {
    let mut app = on_tab(Locale::Vi, '2');
    let campaigns = app.store().campaigns().expect("campaigns");
    let focus = |app: &App| match &app.overlay {
        Overlay::Form(form) => form.focus,
        _ => panic!("the form stays open"),
    };
    use funnel::app::forms::campaign::Field;
    // A budget that is no number.
    typed(&mut app, "aX\t\t\t\t\t\tmười\n");
    let e = form_error(&app).expect("refused");
    assert!(e.ends_with(": 'mười' không phải là số"), "{e}");
    assert_eq!(focus(&app), usize::from(Field::Budget));
    for _ in 0.."mười".chars().count() {
        app.on_key(&key(KeyCode::Backspace));
    }
    // An end that is no day.
    app.on_key(&key(KeyCode::BackTab));
    typed(&mut app, "⌫thứ mười\n");
    let e = form_error(&app).expect("refused");
    assert!(e.contains(": 'thứ mười' không phải là ngày (viết "), "{e}");
    assert_eq!(focus(&app), usize::from(Field::End));
    // An end before the start, refused by the store, on its field.
    for _ in 0.."thứ mười".chars().count() {
        app.on_key(&key(KeyCode::Backspace));
    }
    typed(&mut app, "2020-01-01\n");
    let e = form_error(&app).expect("refused");
    assert!(
        e.contains(": chiến dịch: kết thúc (2020-01-01) trước khi bắt đầu ("),
        "{e}"
    );
    assert_eq!(focus(&app), usize::from(Field::End));
    // An owner nobody is.
    for _ in 0.."2020-01-01".len() {
        app.on_key(&key(KeyCode::Backspace));
    }
    typed(&mut app, "2027-01-01\t\tKhông ai\n");
    let e = form_error(&app).expect("refused");
    assert!(e.ends_with(": không tìm thấy thành viên 'Không ai'"), "{e}");
    assert_eq!(focus(&app), usize::from(Field::Owner));
    assert_eq!(app.store().campaigns().expect("campaigns"), campaigns);
}

#[test]
fn esc_writes_nothing() {
    let mut app = on_tab(Locale::En, '1');
    let before = app.store().export().expect("export");
    typed(&mut app, "aNever saved\tvisits\t1\t2\x1b");
    assert!(matches!(app.overlay, Overlay::None));
    typed(&mut app, "lleChanged\x1b");
    typed(&mut app, "llaNobody\x1b");
    typed(&mut app, "2aNo campaign\x1b");
    typed(&mut app, "eRenamed\x1b");
    typed(&mut app, "TNo task\x1b");
    assert_eq!(app.store().export().expect("export"), before);
}

#[test]
fn edit_changes_the_selected_record_and_enter_on_procedures_opens_the_editor() {
    let mut app = on_tab(Locale::En, '1');
    typed(&mut app, "lj");
    let s = app.strategy.as_ref().expect("loaded");
    let segment = s.segments[s.selected()].segment.clone();
    // Enter opens the form too; End keeps the name and appends.
    app.on_key(&key(KeyCode::Enter));
    app.on_key(&key(KeyCode::End));
    typed(&mut app, " B2B\n");
    assert_eq!(
        app.store().segment(segment.id).expect("segment").name,
        format!("{} B2B", segment.name)
    );
    assert_eq!(
        status(&app),
        format!("Saved segment “{} B2B”. u to undo", segment.name)
    );
    let s = app.strategy.as_ref().expect("loaded");
    assert_eq!(
        s.segments[s.selected()].segment.id,
        segment.id,
        "still selected"
    );

    // A procedure: e edits its title and owner, Enter its steps.
    typed(&mut app, "hh");
    assert_eq!(section(&app), Section::Procedures);
    let procedure = app.store().procedures().expect("procedures")[0].clone();
    typed(&mut app, "e");
    app.on_key(&key(KeyCode::End));
    typed(&mut app, " (v2)\t");
    for _ in 0..40 {
        app.on_key(&key(KeyCode::Backspace));
    }
    app.on_key(&key(KeyCode::Enter));
    let edited = app.store().procedure(procedure.id).expect("procedure");
    assert_eq!(edited.title, format!("{} (v2)", procedure.title));
    assert_eq!(edited.owner, None);
    assert_eq!(edited.steps, procedure.steps, "the steps stay");
    app.on_key(&key(KeyCode::Enter));
    let request = app.take_edit_request().expect("Enter asks for the editor");
    assert_eq!(request.text, procedure.steps);

    // The Plan tab: e edits the selected campaign.
    typed(&mut app, "2");
    let k = selected_campaign(&app);
    typed(&mut app, "e\t\t\t\t\t\t\t\t⌫paused\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    assert_eq!(
        app.store().campaign(k.id).expect("campaign").status,
        CampaignStatus::Paused
    );
}

#[test]
fn resources_ask_which_kind_to_add_starting_from_the_row_selected() {
    let mut app = on_tab(Locale::En, '1');
    typed(&mut app, "llll");
    assert_eq!(section(&app), Section::Resources);
    let budgets = app.store().budgets().expect("budgets").len();
    // On a budget row: Enter takes "budget"; then the period, the amount.
    typed(&mut app, "a");
    let Overlay::Form(form) = &app.overlay else {
        panic!("the question is a form");
    };
    assert_eq!(form.value(0usize), "budget");
    typed(&mut app, "\n");
    let Overlay::Form(form) = &app.overlay else {
        panic!("the budget form");
    };
    assert_eq!(form.value(0usize), "2026-11", "this month by default");
    typed(&mut app, "⌫2027-q1\t⌫50000000\tTết\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let all = app.store().budgets().expect("budgets");
    assert_eq!(all.len(), budgets + 1);
    assert!(all.iter().any(|b| b.period == "2027-Q1" && b.note == "Tết"));
    // A person: the word cleared, typed and completed.
    typed(&mut app, "a⌫per→\nMai Anh\tSEO\tmai@moctra.vn\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let mai = app
        .store()
        .people()
        .expect("people")
        .into_iter()
        .find(|p| p.name == "Mai Anh")
        .expect("saved");
    assert_eq!(
        (mai.role.as_str(), mai.contact.as_str()),
        ("SEO", "mai@moctra.vn")
    );
    assert_eq!(
        app.strategy.as_ref().expect("loaded").selected_item(),
        Some(funnel::domain::RecordRef::of(mai.id))
    );
    typed(&mut app, "a⌫tool\nFigma\tdesign\n");
    assert!(
        app.store()
            .tools()
            .expect("tools")
            .iter()
            .any(|t| t.name == "Figma")
    );
    // A new procedure: its title and owner, then its steps in the editor.
    typed(&mut app, "laReply to reviews\tmai→\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let request = app.take_edit_request().expect("the steps are written next");
    assert_eq!(request.title, "Reply to reviews");
    app.edit_inside(request);
    typed(&mut app, "1. Read\n2. Reply");
    app.on_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let p = app
        .store()
        .procedures()
        .expect("procedures")
        .into_iter()
        .find(|p| p.title == "Reply to reviews")
        .expect("saved");
    assert_eq!(
        (p.owner, p.steps.as_str()),
        (Some(mai.id), "1. Read\n2. Reply")
    );
}

#[test]
fn deleting_a_campaign_asks_about_its_tasks_and_undo_restores_them() {
    let mut app = on_tab(Locale::En, '2');
    typed(&mut app, "jjj");
    let k = selected_campaign(&app);
    assert_eq!(k.name, "Black Friday 2026");
    let links = app.store().links(k.id).expect("links");
    assert!(links.tasks > 0);
    let tasks: Vec<_> = app
        .store()
        .tasks(&Default::default())
        .expect("tasks")
        .into_iter()
        .filter(|t| t.campaign == Some(k.id))
        .collect();
    typed(&mut app, "d");
    let q = question(&app);
    assert!(
        q.starts_with(&format!(
            "Delete campaign “Black Friday 2026”? It has {} tasks.",
            links.tasks
        )),
        "{q}"
    );
    assert!(
        q.ends_with("k keep the tasks (unlinked) · d delete the tasks too · Esc cancel"),
        "{q}"
    );
    let frame = screen(&mut app, 80, 24);
    assert!(
        frame.contains("k keep the tasks (unlinked)  d delete the tasks too"),
        "{frame}"
    );
    typed(&mut app, "y");
    assert!(
        app.store().campaign(k.id).is_ok(),
        "y is not an answer here"
    );
    typed(&mut app, "k");
    assert!(app.store().campaign(k.id).is_err());
    for t in &tasks {
        assert_eq!(app.store().task(t.id).expect("kept").campaign, None);
    }
    assert_eq!(
        status(&app),
        "Deleted campaign “Black Friday 2026”. u to undo"
    );
    assert!(app.store().foreign_key_check().expect("fk").is_empty());
    typed(&mut app, "u");
    assert_eq!(app.store().campaign(k.id).expect("back"), k);
    for t in &tasks {
        assert_eq!(app.store().task(t.id).expect("task").campaign, Some(k.id));
    }

    // Deleting the tasks too; the Tasks tab follows; undo restores both.
    typed(&mut app, "2");
    while selected_campaign(&app).id != k.id {
        typed(&mut app, "j");
    }
    typed(&mut app, "dd");
    assert!(app.store().campaign(k.id).is_err());
    for t in &tasks {
        assert!(app.store().task(t.id).is_err());
    }
    assert_eq!(
        status(&app),
        format!(
            "Deleted campaign “Black Friday 2026” and {} tasks. u to undo",
            tasks.len()
        )
    );
    assert!(
        app.tasks
            .lines
            .lines()
            .iter()
            .all(|l| l.task.campaign != Some(k.id)),
        "the Tasks tab no longer lists them"
    );
    typed(&mut app, "u");
    assert_eq!(app.store().campaign(k.id).expect("back"), k);
    for t in &tasks {
        assert_eq!(app.store().task(t.id).expect("back"), *t);
    }
    assert_eq!(app.store().links(k.id).expect("links"), links);
    // Esc leaves it all.
    typed(&mut app, "d\x1b");
    assert!(app.store().campaign(k.id).is_ok());
}

#[test]
fn deleting_a_segment_names_what_loses_it_and_undo_brings_it_all_back() {
    let mut app = on_tab(Locale::Vi, '1');
    typed(&mut app, "l");
    while app.strategy.as_ref().and_then(|s| s.selected_item())
        != Some(funnel::domain::RecordRef::of(funnel::domain::SegmentId(1)))
    {
        typed(&mut app, "j");
    }
    let segment = app
        .store()
        .segment(funnel::domain::SegmentId(1))
        .expect("segment");
    let links = app.store().links(segment.id).expect("links");
    assert!(links.campaigns > 0 && links.orders > 0, "{links:?}");
    let before = app.store().export().expect("export");
    typed(&mut app, "d");
    let q = question(&app);
    assert!(
        q.starts_with(&format!("Xóa phân khúc “{}”? ", segment.name)),
        "{q}"
    );
    let orders = format!(
        "và {} đơn hàng",
        funnel::i18n::Format {
            locale: Locale::Vi,
            currency: funnel::i18n::Currency::Vnd,
        }
        .count(funnel::domain::Amount::from_int(links.orders))
    );
    assert!(
        q.contains(&format!("{orders} sẽ không còn gắn với phân khúc này.")),
        "{q}"
    );
    assert!(q.ends_with(" y/n"), "{q}");
    typed(&mut app, "n");
    assert!(app.store().segment(segment.id).is_ok(), "n keeps it");
    typed(&mut app, "dy");
    assert!(app.store().segment(segment.id).is_err());
    assert!(app.store().foreign_key_check().expect("fk").is_empty());
    assert!(
        app.store()
            .campaigns()
            .expect("campaigns")
            .iter()
            .all(|c| c.segment != Some(segment.id))
    );
    assert_eq!(
        status(&app),
        format!("Đã xóa phân khúc “{}”. u để hoàn tác", segment.name)
    );
    typed(&mut app, "u");
    assert_eq!(
        app.store().export().expect("export"),
        before,
        "all of it back"
    );
}

#[test]
fn a_task_added_from_the_plan_belongs_to_the_campaign_and_shows_on_the_tasks_tab() {
    let mut app = on_tab(Locale::En, '2');
    typed(&mut app, "jjj");
    let k = selected_campaign(&app);
    let row = |app: &App| {
        app.plan
            .as_ref()
            .and_then(|p| p.selected_row())
            .map(|r| r.tasks)
            .expect("row")
    };
    let before = row(&app);
    typed(&mut app, "T");
    let Overlay::Form(form) = &app.overlay else {
        panic!("the task form");
    };
    assert_eq!(
        form.value(funnel::app::forms::task::Field::Campaign),
        k.name
    );
    typed(&mut app, "Order gift boxes\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let task = app.tasks.selected().expect("selected").task.clone();
    assert_eq!(
        (task.title.as_str(), task.campaign),
        ("Order gift boxes", Some(k.id))
    );
    assert_eq!(app.tab, Tab::Plan, "the Plan tab stays");
    assert_eq!(selected_campaign(&app).id, k.id);
    assert_eq!(row(&app).total, before.total + 1);
    typed(&mut app, "3");
    assert!(screen(&mut app, 100, 30).contains("Order gift boxes"));
}

#[test]
fn read_only_refuses_every_new_key() {
    let mut app =
        App::new(demo_store(), settings(Locale::En, true, Keymap::default())).expect("app");
    let before = app.store().export().expect("export");
    typed(&mut app, "1");
    for section in 0..6 {
        for k in ["a", "e", "d", "\n"] {
            typed(&mut app, k);
            assert!(matches!(app.overlay, Overlay::None), "{section} {k:?}");
            assert!(app.take_edit_request().is_none(), "{section} {k:?}");
            assert_eq!(status(&app), "Read-only: nothing can change here.");
        }
        typed(&mut app, "l");
    }
    typed(&mut app, "2");
    for k in ["a", "e", "d", "T"] {
        typed(&mut app, k);
        assert!(matches!(app.overlay, Overlay::None), "{k}");
        assert_eq!(status(&app), "Read-only: nothing can change here.");
    }
    let frame = screen(&mut app, 160, 48);
    assert!(!frame.contains("add campaign"), "no write hints:\n{frame}");
    assert_eq!(app.store().export().expect("export"), before);
}

#[test]
fn forms_and_questions_at_80x24() {
    // Beside the other reviewed frames.
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    let _kept = settings.bind_to_scope();
    for (locale, name) in [(Locale::En, "en"), (Locale::Vi, "vi")] {
        // Typed so far as to show a field's completions or hint.
        let shots: [(char, &str, &str); 10] = [
            ('1', "aTăng khách\tcus", "objective"),
            ('1', "laSinh viên\t\t\t\t\t", "segment"),
            ('1', "llaTikTok\t\t\t", "channel"),
            ('1', "lllla", "resource"),
            ('1', "lllla\n", "budget"),
            ('1', "llllGe", "tool"),
            ('1', "llllle", "procedure"),
            ('2', "aTết 2028\tkh", "campaign"),
            ('2', "aX\t\t\t\t\t\t10 đô\n", "campaign_error"),
            ('2', "jjjd", "delete_campaign"),
        ];
        for (tab, keys, shot) in shots {
            let mut app = on_tab(locale, tab);
            typed(&mut app, keys);
            insta::assert_snapshot!(format!("{shot}_{name}_80x24"), screen(&mut app, 80, 24));
        }
        let mut app = on_tab(locale, '1');
        typed(&mut app, "lld");
        insta::assert_snapshot!(
            format!("delete_channel_{name}_80x24"),
            screen(&mut app, 80, 24)
        );
        typed(&mut app, "\x1blla⌫person\nMai\tSEO");
        insta::assert_snapshot!(format!("person_{name}_80x24"), screen(&mut app, 80, 24));
    }
}
