//! The add/edit task form: title, campaign and assignee (completing to
//! their names), due date, priority (in the reader's words), tags and how
//! it repeats, and its notes.

use chrono::NaiveDate;

use super::{Purpose, choice_field, chosen, date_field};
use crate::app::form::{Field as Input, FieldError, Form};
use crate::domain::RecordKind;
use crate::domain::{Priority, Recurrence, TaskId, validate};
use crate::i18n::Format;
use crate::store::Store;
use crate::store::tasks::{NewTask, TaskPatch};
use crate::taskview::TaskLine;
use crate::taskview::quick::{Known, NameKind, QuickAdd, QuickError, parse_quick};

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Campaign,
    Due,
    Assignee,
    Priority,
    Tags,
    Repeat,
    Notes,
}

impl From<Field> for usize {
    fn from(f: Field) -> usize {
        f as usize
    }
}

/// The names a task form completes: campaigns and people.
pub struct Names {
    pub campaigns: Vec<String>,
    pub people: Vec<String>,
}

/// A form for a new task (`line` none) or holding a task's values.
pub fn open(line: Option<&TaskLine>, names: Names, fmt: Format) -> Form {
    let w = fmt.words();
    let ui = &w.ui;
    let t = line.map(|l| &l.task);
    let priority = ui.priority(t.map_or(Priority::Medium, |t| t.priority));
    let title = Input::text(ui.title, t.map_or("", |t| t.title.as_str()));
    // A new task's title takes quick-add tokens; an edited one is text.
    let title = match t {
        Some(_) => title,
        None => title.hint(ui.tasks.quick_hint),
    };
    let fields = vec![
        title,
        Input::value(
            w.campaign,
            line.and_then(|l| l.campaign.as_deref()).unwrap_or_default(),
        )
        .choices(names.campaigns),
        date_field(
            ui.due,
            &t.and_then(|t| t.due)
                .map(|d| fmt.date(d))
                .unwrap_or_default(),
            ui,
        ),
        Input::value(
            w.assignee,
            line.and_then(|l| l.assignee.as_deref()).unwrap_or_default(),
        )
        .choices(names.people),
        choice_field(ui.priority, priority, &ui.priorities),
        Input::text(ui.tags, &t.map(|t| t.tags.join(" ")).unwrap_or_default()).hint(ui.tags_hint),
        Input::text(
            ui.tasks.repeat,
            &t.and_then(|t| t.recurrence)
                .map(|r| r.to_string())
                .unwrap_or_default(),
        )
        .hint(ui.tasks.repeat_hint),
        // Line breaks typed in an editor are kept (E edits them there).
        Input::text(ui.detail.notes, t.map_or("", |t| t.notes.as_str())),
    ];
    let (title, editing) = match t {
        Some(t) => (ui.edit_task, Some(t.id)),
        None => (ui.new_task, None),
    };
    Form::new(title, Purpose::Task(editing), fields)
}

/// The task the form describes: every field checked, each mistake on its
/// field.
pub fn read(
    form: &Form,
    store: &Store,
    today: NaiveDate,
    fmt: Format,
) -> Result<NewTask, FieldError> {
    let w = fmt.words();
    let ui = &w.ui;
    let typed = form.value(Field::Title);
    let quick = match editing(form) {
        Some(_) => QuickAdd {
            title: typed,
            ..QuickAdd::default()
        },
        None => quick(&typed, store, today, fmt)?,
    };
    let title = validate::title(crate::domain::validate::Field::TaskTitle, &quick.title)
        .map_err(|e| FieldError::at(Field::Title, fmt.error(&e)))?;
    // A token fills its field when the field is empty; a token and a
    // field that both say something different are a mistake on the field,
    // as on the command line.
    let both = |token: &str, field: Field, label: &str| {
        FieldError::at(
            field,
            Format::fill_all(ui.tasks.quick_both, &[&token, &label]),
        )
    };
    let campaign = match (
        quick.campaign,
        super::named(form, Field::Campaign, store, RecordKind::Campaign, fmt)?,
    ) {
        (Some(q), Some(f)) if q != f => return Err(both("campaign:", Field::Campaign, w.campaign)),
        (q, f) => q.or(f),
    }
    .map(crate::domain::CampaignId);
    let field_due = match form.value(Field::Due) {
        d if d.is_empty() => None,
        _ => Some(super::date(form, Field::Due, today, fmt)?),
    };
    let due = match (quick.due, field_due) {
        (Some(q), Some(f)) if q != f => return Err(both("due:", Field::Due, ui.due)),
        (q, f) => q.or(f),
    };
    let assignee = match (
        quick.assignee,
        super::named(form, Field::Assignee, store, RecordKind::Person, fmt)?,
    ) {
        (Some(q), Some(f)) if q != f => return Err(both("@name", Field::Assignee, w.assignee)),
        (q, f) => q.or(f),
    }
    .map(crate::domain::PersonId);
    // An empty priority is medium, and medium is where a new task's form
    // starts: only another choice in the field says something.
    let field_priority = if form.value(Field::Priority).is_empty() {
        Priority::Medium
    } else {
        chosen(
            form,
            Field::Priority,
            Priority::ALL,
            |p| ui.priority(p),
            Priority::as_str,
            ui,
        )?
    };
    let priority = match quick.priority {
        Some(q) if field_priority != Priority::Medium && q != field_priority => {
            return Err(both("p:", Field::Priority, ui.priority));
        }
        Some(q) => q,
        None => field_priority,
    };
    let mut tags = form
        .value(Field::Tags)
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(|t| validate::tag(t).map_err(|e| FieldError::at(Field::Tags, fmt.error(&e))))
        .collect::<Result<Vec<_>, _>>()?;
    for t in quick.tags {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let recurrence = match (quick.recurrence, repeat(form, fmt)?) {
        (Some(q), Some(f)) if q != f => return Err(both("every:", Field::Repeat, ui.tasks.repeat)),
        (q, f) => q.or(f),
    };
    Ok(NewTask {
        campaign,
        assignee,
        due,
        priority,
        tags,
        recurrence,
        notes: form.value(Field::Notes),
        ..NewTask::titled(&title)
    })
}

/// The Repeat field: a rule in its text form, or empty (or `none`) for
/// a task that does not repeat.
fn repeat(form: &Form, fmt: Format) -> Result<Option<Recurrence>, FieldError> {
    let typed = form.value(Field::Repeat);
    let typed = typed.trim();
    if typed.is_empty() || typed.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    typed.parse().map(Some).map_err(|_| {
        FieldError::at(
            Field::Repeat,
            Format::fill(fmt.words().ui.tasks.repeat_bad, typed),
        )
    })
}

/// The title of a new task read for quick-add tokens against the people
/// and campaigns in the store; a token that sets nothing is a mistake on
/// the title, in the reader's words.
fn quick(
    typed: &str,
    store: &Store,
    today: NaiveDate,
    fmt: Format,
) -> Result<QuickAdd, FieldError> {
    let names = |r: Result<Vec<(i64, String)>, crate::store::StoreError>| {
        r.map_err(|e| FieldError::at(Field::Title, fmt.error(&e)))
    };
    let people = names(
        store
            .people()
            .map(|v| v.into_iter().map(|p| (p.id.0, p.name)).collect()),
    )?;
    let campaigns = names(
        store
            .campaigns()
            .map(|v| v.into_iter().map(|c| (c.id.0, c.name)).collect()),
    )?;
    let known = Known {
        people: &people,
        campaigns: &campaigns,
    };
    parse_quick(typed, today, known)
        .map_err(|e| FieldError::at(Field::Title, quick_message(&e, fmt)))
}

/// A quick-add mistake in the reader's words.
pub fn quick_message(e: &QuickError, fmt: Format) -> String {
    let w = &fmt.words().ui.tasks;
    let token = e.token();
    match e {
        QuickError::Unknown(_, NameKind::Person) => Format::fill(w.quick_unknown_person, token),
        QuickError::Unknown(_, NameKind::Campaign) => Format::fill(w.quick_unknown_campaign, token),
        QuickError::Ambiguous(_, _, names) => {
            Format::fill_all(w.quick_ambiguous, &[&token, &names.join(", ")])
        }
        QuickError::Date(_, why) => Format::fill_all(w.quick_bad_date, &[&token, why]),
        QuickError::Priority(_) => Format::fill(w.quick_bad_priority, token),
        QuickError::Tag(_) => Format::fill(w.quick_bad_tag, token),
        QuickError::Empty(_) => Format::fill(w.quick_empty, token),
        QuickError::Repeat(..) => Format::fill(w.quick_bad_repeat, token),
        QuickError::TwoRepeats(_) => Format::fill(w.quick_two_repeats, token),
    }
}

/// The change an edit writes: the fields changed in the form only, so
/// what another process changed meanwhile in the others stays.
pub fn patch(form: &Form, new: &NewTask) -> TaskPatch {
    let changed = |f: Field| form.changed(f);
    TaskPatch {
        title: changed(Field::Title).then(|| new.title.clone()),
        campaign: changed(Field::Campaign).then_some(new.campaign),
        due: changed(Field::Due).then_some(new.due),
        assignee: changed(Field::Assignee).then_some(new.assignee),
        priority: changed(Field::Priority).then_some(new.priority),
        tags: changed(Field::Tags).then(|| new.tags.clone()),
        recurrence: changed(Field::Repeat).then_some(new.recurrence),
        notes: changed(Field::Notes).then(|| new.notes.clone()),
        ..TaskPatch::default()
    }
}

/// The task being edited, if any.
pub fn editing(form: &Form) -> Option<TaskId> {
    match form.purpose {
        Purpose::Task(id) => id,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::testing::VI;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    fn filled(values: &[(Field, &str)], fmt: Format) -> Form {
        let names = Names {
            campaigns: Vec::new(),
            people: Vec::new(),
        };
        let mut form = open(None, names, fmt);
        for (field, text) in values {
            while form.focus != usize::from(*field) {
                form.prev();
            }
            // A field is entered with the cursor after its text.
            for _ in form.value(*field).chars() {
                form.type_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            }
            for c in text.chars() {
                form.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
        }
        form
    }

    /// What is typed in which fields, the field the mistake is on, and
    /// words of its message.
    type Case<'a> = (&'a [(Field, &'a str)], Field, &'a str);

    #[test]
    fn each_mistake_is_on_its_field() {
        let store = Store::open_in_memory().expect("store");
        let cases: [Case<'_>; 7] = [
            (&[], Field::Title, "tiêu đề việc đang trống"),
            (
                &[(Field::Title, "x"), (Field::Due, "soon")],
                Field::Due,
                "'soon' không phải là ngày",
            ),
            (
                &[(Field::Title, "x"), (Field::Campaign, "Tết")],
                Field::Campaign,
                "không tìm thấy chiến dịch 'Tết'",
            ),
            (
                &[(Field::Title, "x"), (Field::Priority, "gấp")],
                Field::Priority,
                "'gấp' không nằm trong: cao, vừa, thấp",
            ),
            (
                &[(Field::Title, "x"), (Field::Tags, "a b!")],
                Field::Tags,
                "nhãn 'b!'",
            ),
            (
                &[(Field::Title, "x"), (Field::Repeat, "fortnight")],
                Field::Repeat,
                "'fortnight' không phải quy tắc lặp",
            ),
            (
                &[(Field::Title, "x every:week"), (Field::Repeat, "month")],
                Field::Repeat,
                "every: trong tiêu đề và ô Lặp lại",
            ),
        ];
        for (values, field, message) in cases {
            let form = filled(values, VI);
            let e = read(&form, &store, day(22), VI).expect_err("a mistake");
            assert_eq!(e.field, Some(usize::from(field)), "{values:?}");
            assert!(e.message.contains(message), "{values:?}: {}", e.message);
        }
    }

    #[test]
    fn priorities_read_in_either_language_and_default_to_medium() {
        let store = Store::open_in_memory().expect("store");
        let form = filled(
            &[
                (Field::Title, "  Viết bài  "),
                (Field::Priority, "cao"),
                (Field::Due, "+1w"),
                (Field::Tags, "#SEO, ảnh"),
            ],
            VI,
        );
        let t = read(&form, &store, day(22), VI).expect("valid");
        assert_eq!(t.title, "Viết bài");
        assert_eq!(t.priority, Priority::High);
        assert_eq!(t.due, Some(day(29)));
        assert_eq!(t.tags, ["seo", "ảnh"]);
        assert_eq!(t.recurrence, None);
        let form = filled(&[(Field::Title, "x"), (Field::Priority, "LOW")], VI);
        assert_eq!(
            read(&form, &store, day(22), VI).expect("valid").priority,
            Priority::Low
        );
    }

    /// What is typed in which fields and the rule read.
    type Typed<'a> = (&'a [(Field, &'a str)], Option<Recurrence>);

    #[test]
    fn repeat_reads_from_the_field_or_the_title() {
        let store = Store::open_in_memory().expect("store");
        let rule = |s: &str| s.parse::<Recurrence>().ok();
        let cases: [Typed<'_>; 5] = [
            (
                &[(Field::Title, "x"), (Field::Repeat, "mon,thu")],
                rule("mon,thu"),
            ),
            (
                &[(Field::Title, "x"), (Field::Repeat, "after:14d")],
                rule("after:14d"),
            ),
            (&[(Field::Title, "x every:2w")], rule("2w")),
            (
                &[(Field::Title, "x every:2w"), (Field::Repeat, "2w")],
                rule("2w"),
            ),
            (&[(Field::Title, "x"), (Field::Repeat, "none")], None),
        ];
        for (values, want) in cases {
            let form = filled(values, VI);
            let t = read(&form, &store, day(22), VI).expect("valid");
            assert_eq!(t.recurrence, want, "{values:?}");
            assert_eq!(t.title, "x");
        }
    }
}
